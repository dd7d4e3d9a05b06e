/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the host offers, checked before a selftest plans its tests: a
 * program whose needs are not met skips as a whole (KSFT_SKIP) and says
 * why, so that a POWER CI without KVM-HV, nesting or papr-kvm's module
 * reports skips rather than failures.
 */
#ifndef SELFTESTS_HOST_H
#define SELFTESTS_HOST_H

#include <stdbool.h>

enum kvm_hv_module {
	KVM_HV_DISTRO,		/* kvm-hv as the distribution ships it */
	KVM_HV_PAPR_KVM,	/* papr-kvm's kvm-hv */
};

/* /dev/kvm and KVM-HV, or the program skips; which kvm-hv is loaded. */
enum kvm_hv_module host_require_kvm_hv(void);
/* papr-kvm's kvm-hv, and nesting for this host's guests, or a skip. */
void host_require_papr_kvm_nested(void);
/* Whether kvm_hv's boolean parameter @name is set ("Y"). */
bool host_kvm_hv_param(const char *name);
/* kvm_hv's parameter @name as text, without its newline; false if unread */
bool host_kvm_hv_param_text(const char *name, char *buf, int len);

#endif
