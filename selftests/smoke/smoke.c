// SPDX-License-Identifier: GPL-2.0-only
/*
 * smoke: KVM-HV with papr-kvm's hooks behaves, for a VM that uses none of
 * the new features, exactly as the distribution's KVM-HV does. The same
 * program runs against both modules (--distro), with the same
 * expectations, except for the module identity check.
 */
#include <stdio.h>
#include <string.h>

#include "papr.h"
#include "ppc_kvm.h"
#include "smoke.h"
#include "tap.h"

extern const char guest_payload_start[], guest_payload_end[];

#define MAX_EXITS	4

struct smoke_case {
	const char *name;
	enum smoke_test test;
	/* An hcall the VMM enables in the kernel, as QEMU does, or 0. */
	unsigned long enable_hcall;
	/* Hcalls that must reach userspace, in order; answered H_FUNCTION. */
	unsigned long exits[MAX_EXITS];
	/* GUEST_DONE, or GUEST_EXCEPTION at this vector. */
	unsigned long exception;
};

struct exit_log {
	unsigned long nr[MAX_EXITS];
	int count;
};

static bool serve_echo(struct kvm_run *run)
{
	int i;

	for (i = 0; i < 9; i++) {
		if (run->papr_hcall.args[i] != ECHO_ARG(i)) {
			tap_diag("echo: R%d = 0x%llx", i + 4,
				 (unsigned long long)run->papr_hcall.args[i]);
			return false;
		}
		run->papr_hcall.args[i] = ~run->papr_hcall.args[i];
	}
	run->papr_hcall.ret = ECHO_RET;
	return true;
}

/* Answers ECHO_HCALL; logs any other hcall and answers it H_FUNCTION. */
static bool serve_hcall(struct vcpu *vcpu, void *opaque)
{
	struct kvm_run *run = vcpu->run;
	struct exit_log *log = opaque;

	if (run->exit_reason != KVM_EXIT_PAPR_HCALL)
		return false;
	if (run->papr_hcall.nr == ECHO_HCALL)
		return serve_echo(run);
	if (log->count == MAX_EXITS)
		return false;
	log->nr[log->count++] = run->papr_hcall.nr;
	run->papr_hcall.ret = H_FUNCTION;
	return true;
}

static bool exits_expected(const struct smoke_case *c,
			   const struct exit_log *log)
{
	int i;

	for (i = 0; i < MAX_EXITS; i++) {
		unsigned long want = c->exits[i];
		unsigned long got = i < log->count ? log->nr[i] : 0;

		if (want != got) {
			tap_diag("exit %d to userspace: hcall 0x%lx, expected 0x%lx",
				 i, got, want);
			return false;
		}
	}
	return true;
}

static const struct smoke_case cases[] = {
	{ .name = "hcall round trip through userspace",
	  .test = SMOKE_ECHO },
	{ .name = "H_PROD served in the kernel", .test = SMOKE_H_PROD },
	{ .name = "H_PAGE_INIT served in the kernel once enabled",
	  .test = SMOKE_H_PAGE_INIT, .enable_hcall = H_PAGE_INIT },
	{ .name = "H_PAGE_INIT left to userspace until enabled",
	  .test = SMOKE_H_PAGE_INIT_DISABLED, .exits = { H_PAGE_INIT } },
	{ .name = "unhandled hcalls exit as KVM_EXIT_PAPR_HCALL",
	  .test = SMOKE_UNHANDLED_HCALLS,
	  .exits = { H_GUEST_GET_CAPABILITIES, UNKNOWN_HCALL } },
	{ .name = "H_SVM_INIT_ABORT from a normal VM is H_UNSUPPORTED",
	  .test = SMOKE_SVM_ABORT_NORMAL_VM },
	{ .name = "illegal instruction reaches the guest's 0x700 vector",
	  .test = SMOKE_ILLEGAL_INSTRUCTION, .exception = 0x700 },
};

static bool outcome_expected(const struct smoke_case *c,
			     const struct guest_result *res)
{
	char buf[160];
	bool ok;

	if (c->exception)
		ok = res->outcome == GUEST_EXCEPTION && res->v0 == c->exception;
	else
		ok = res->outcome == GUEST_DONE;
	if (!ok)
		tap_diag("%s", guest_result_str(res, buf, sizeof(buf)));
	return ok;
}

static struct vcpu *setup_case(const struct smoke_case *c, struct vm **vmp)
{
	struct vm *vm = vm_create(GUEST_MEM_SIZE);

	*vmp = vm;
	if (!vm)
		return NULL;
	vm_load(vm, guest_payload_start,
		guest_payload_end - guest_payload_start, GUEST_LOAD_ADDR);
	if (c->enable_hcall && vm_enable_hcall(vm, c->enable_hcall) < 0)
		return NULL;
	return vcpu_create(vm, 0, c->test);
}

static void run_case(const struct smoke_case *c)
{
	struct exit_log log = { .count = 0 };
	struct guest_result res;
	struct vcpu *vcpu;
	struct vm *vm;
	bool ok = false;

	vcpu = setup_case(c, &vm);
	if (vcpu) {
		vcpu_run_guest(vcpu, serve_hcall, &log, &res);
		ok = outcome_expected(c, &res) && exits_expected(c, &log);
	}
	vcpu_destroy(vcpu);
	vm_destroy(vm);
	tap_result(ok, c->name);
}

/* papr-kvm's kvm-hv has a module version; the distribution's has none. */
static void test_module_identity(bool distro)
{
	char version[64] = "";
	FILE *f = fopen("/sys/module/kvm_hv/version", "r");

	if (f) {
		if (!fgets(version, sizeof(version), f))
			version[0] = '\0';
		fclose(f);
	}
	version[strcspn(version, "\n")] = '\0';
	if (distro) {
		tap_result(!f, "loaded kvm-hv is the distribution's");
	} else {
		if (!f)
			tap_diag("/sys/module/kvm_hv/version is missing");
		tap_result(version[0] != '\0', "loaded kvm-hv is papr-kvm's");
	}
}

int main(int argc, char **argv)
{
	bool distro = argc > 1 && !strcmp(argv[1], "--distro");
	size_t i;

	tap_init(distro ? "smoke-distro" : "smoke");
	test_module_identity(distro);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
	return tap_exit_status();
}
