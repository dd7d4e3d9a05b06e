// SPDX-License-Identifier: GPL-2.0-only
/*
 * smoke: KVM-HV with papr-kvm's hooks behaves, for a VM that uses none of
 * the new features, exactly as the distribution's KVM-HV does. The same
 * program runs against both modules, with the same expectations.
 *
 * --l1 runs it inside a Linux L1 on its own, stock kvm-hv, so that the
 * tiny guest is an L2 (suite l1_linux): the L1 must be in nestedv2 mode
 * ("--l1 v1": nestedv1, where the L0 serves no other), and the hcall
 * round trip is timed there as it is everywhere.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "papr.h"
#include "ppc_kvm.h"
#include "smoke.h"
#include "tap.h"

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
	/* The round trip of its echo hcalls is reported. */
	bool timed;
};

struct exit_log {
	unsigned long nr[MAX_EXITS];
	int count;
	/* Echo hcalls seen, and when the first and the last reached us. */
	int echoes;
	double first_echo_us, last_echo_us;
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

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
	if (run->papr_hcall.nr == ECHO_HCALL) {
		log->last_echo_us = now_us();
		if (!log->echoes++)
			log->first_echo_us = log->last_echo_us;
		return serve_echo(run);
	}
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
	{ .name = "hcall round trips through userspace, in a row",
	  .test = SMOKE_ECHO_LOOP, .timed = true },
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
	struct vm *vm = vm_create_payload();

	*vmp = vm;
	if (!vm)
		return NULL;
	if (c->enable_hcall && vm_enable_hcall(vm, c->enable_hcall) < 0)
		return NULL;
	return vcpu_create(vm, 0, c->test);
}

/*
 * From the first echo exit to the last: the VM's first entry (its page
 * tables, its memory faulted in) is not part of a round trip.
 */
static void report_round_trip(const struct exit_log *log)
{
	double span = log->last_echo_us - log->first_echo_us;

	if (log->echoes > 1)
		tap_diag("hcall round trip: %.0f us (%d in %.0f us)",
			 span / (log->echoes - 1), log->echoes - 1, span);
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
		if (ok && c->timed)
			report_round_trip(&log);
	}
	vcpu_destroy(vcpu);
	vm_destroy(vm);
	tap_result(ok, c->name);
}

/*
 * A Linux L1's kvm-hv in nestedv2 mode refuses nesting to its own guests
 * (KVM_CAP_PPC_NESTED_HV reads 0) while its "nested" parameter allows it;
 * in nestedv1 mode, or on bare metal, the capability reads 1. This is the
 * one sign of nestedv2 userspace can see: the kernel logs nothing on success.
 */
static void test_l1_nested_api(bool v1)
{
	char nested = '?';
	int kvm, r = -1;
	FILE *f;

	f = fopen("/sys/module/kvm_hv/parameters/nested", "r");
	if (f) {
		nested = fgetc(f);
		fclose(f);
	}
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm >= 0) {
		r = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_NESTED_HV);
		close(kvm);
	}
	tap_result(TEST_EXPECT(nested == 'Y' && r == v1,
			       "kvm_hv.nested = %c, KVM_CAP_PPC_NESTED_HV = %d",
			       nested, r), v1 ?
		   "the L1's kvm-hv is in nestedv1 mode" :
		   "the L1's kvm-hv is in nestedv2 mode");
}

/* In nestedv2 mode these are H_GUEST_CREATE, _CREATE_VCPU and _SET_STATE. */
static void test_l1_creates_l2(void)
{
	struct vm *vm = vm_create(GUEST_MEM_SIZE);
	struct vcpu *vcpu = vm ? vcpu_create(vm, 0, SMOKE_ECHO) : NULL;

	tap_result(vcpu, "an L2 and its vCPU are created through the L0");
	vcpu_destroy(vcpu);
	vm_destroy(vm);
}

int main(int argc, char **argv)
{
	bool l1 = argc > 1 && !strcmp(argv[1], "--l1");
	enum kvm_hv_module module = host_require_kvm_hv();
	size_t i;

	/* --l1 adds its two checks of the L1 */
	tap_plan(ARRAY_SIZE(cases) + 2 * l1);
	tap_diag("kvm-hv: %s", module == KVM_HV_PAPR_KVM ?
		 "papr-kvm's" : "the distribution's");
	if (l1) {
		/* "--l1 v1": the L0 serves the L1 nested v1 only */
		test_l1_nested_api(argc > 2 && !strcmp(argv[2], "v1"));
		test_l1_creates_l2();
	}
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
	return tap_finish();
}
