// SPDX-License-Identifier: GPL-2.0-only
/* The host's KVM, KVM-HV module and nesting, before a selftest starts. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "host.h"
#include "tap.h"

/* The first line of @path, without its newline; false if unreadable. */
static bool read_line(const char *path, char *buf, int len)
{
	FILE *f = fopen(path, "r");
	bool ok = f && fgets(buf, len, f);

	if (f)
		fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

enum kvm_hv_module host_require_kvm_hv(void)
{
	char version[64];

	if (access("/dev/kvm", R_OK | W_OK))
		tap_skip_all("no /dev/kvm: KVM is not loaded, or not for this user");
	if (access("/sys/module/kvm_hv", F_OK))
		tap_skip_all("KVM-HV is not loaded (modprobe kvm_hv)");
	/* papr-kvm's kvm-hv has a module version; the distribution's has none. */
	if (!read_line("/sys/module/kvm_hv/version", version, sizeof(version)))
		return KVM_HV_DISTRO;
	return KVM_HV_PAPR_KVM;
}

void host_require_papr_kvm_nested(void)
{
	int kvm, nested;

	if (host_require_kvm_hv() != KVM_HV_PAPR_KVM)
		tap_skip_all("the loaded kvm-hv is not papr-kvm's");
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	nested = kvm < 0 ? 0 : ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_NESTED_HV);
	if (kvm >= 0)
		close(kvm);
	if (nested != 1)
		tap_skip_all("no nesting for guests: kvm_hv.nested=N, or a host without radix");
}

bool host_kvm_hv_param_text(const char *name, char *buf, int len)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/kvm_hv/parameters/%s", name);
	return read_line(path, buf, len);
}

bool host_kvm_hv_param(const char *name)
{
	char value[8];

	return host_kvm_hv_param_text(name, value, sizeof(value)) &&
	       !strcmp(value, "Y");
}
