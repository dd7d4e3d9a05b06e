// SPDX-License-Identifier: GPL-2.0-only
/*
 * epapr: ePAPR hypercalls forwarded to userspace (KVM_EXIT_EPAPR_HCALL),
 * KVM_HC_VM_RESET and KVM_HC_VM_SHUTDOWN as system events, KVM_HC_FEATURES
 * in the kernel, for guests in 64-bit and in 32-bit mode; and, with the
 * capability off, the behaviour of the distribution's module. Against
 * the distribution's module it runs the cases that apply to it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "epapr.h"
#include "host.h"
#include "ppc_kvm.h"
#include "tap.h"
#include "tracefs.h"

/* What the test VMM does on a KVM_EXIT_SYSTEM_EVENT. */
enum event_action {
	EVENT_STOP,		/* stops the VM */
	EVENT_RESET,		/* starts the payload again */
	EVENT_RESUME,		/* runs the vCPU on: the guest's call failed */
};

struct epapr_case {
	const char *name;
	enum epapr_test test;
	bool enable;		/* KVM_CAP_EXIT_EPAPR_HCALL */
	bool narrow;		/* the guest calls in 32-bit mode */
	bool cut_short;		/* a KVM_RUN ends before the completion */
	enum event_action action;
	int epapr_exits;	/* KVM_EXIT_EPAPR_HCALL expected */
	int papr_exits;		/* KVM_EXIT_PAPR_HCALL of the ePAPR sequence */
	u32 event;		/* KVM_SYSTEM_EVENT_* expected, or 0 */
	bool stopped;		/* the VMM stops the guest at the event */
};

struct exit_log {
	const struct epapr_case *c;
	int epapr_exits;
	int papr_exits;
	int events;
	u32 event;
};

static int vm_papr_kvm_ioctl(struct vm *vm, unsigned long req, void *arg)
{
	return ioctl(vm->fd, req, arg);
}

static int vm_enable_epapr(struct vm *vm)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_EXIT_EPAPR_HCALL };

	if (vm_papr_kvm_ioctl(vm, PAPR_KVM_ENABLE_CAP, &cap) < 0) {
		tap_diag("PAPR_KVM_ENABLE_CAP: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* A KVM_RUN that ends before the guest runs must not lose the answer. */
static bool run_cut_short(struct vcpu *vcpu)
{
	int r;

	vcpu->run->immediate_exit = 1;
	r = ioctl(vcpu->fd, KVM_RUN, 0);
	vcpu->run->immediate_exit = 0;
	if (r == -1 && errno == EINTR)
		return true;
	tap_diag("KVM_RUN with immediate_exit: %d (%s)", r, strerror(errno));
	return false;
}

static bool serve_epapr(struct vcpu *vcpu, struct exit_log *log)
{
	struct kvm_epapr_hcall *hc = kvm_run_epapr_hcall(vcpu->run);
	u64 mask = log->c->narrow ? 0xffffffffULL : ~0ULL;
	int i;

	log->epapr_exits++;
	if (hc->nr != TEST_HCALL_NR) {
		tap_diag("epapr_hcall.nr = 0x%llx", (unsigned long long)hc->nr);
		return false;
	}
	for (i = 0; i < 8; i++) {
		if (hc->args[i] != (TEST_ARG(i) & mask)) {
			tap_diag("epapr_hcall.args[%d] = 0x%llx", i,
				 (unsigned long long)hc->args[i]);
			return false;
		}
		hc->args[i] = TEST_OUT(i);
	}
	hc->ret = TEST_RET;
	return !log->c->cut_short || run_cut_short(vcpu);
}

/* The ePAPR numbers the guest uses with the capability off, in order. */
static const u64 cap_off_nrs[] = {
	TEST_HCALL_NR,
	KVM_HCALL_TOKEN(KVM_HC_FEATURES),
	KVM_HCALL_TOKEN(KVM_HC_VM_RESET),
};

/* An unknown PAPR hcall: R3 the token, R11 (args[7]) the ePAPR number. */
static bool serve_papr(struct vcpu *vcpu, struct exit_log *log)
{
	struct kvm_run *run = vcpu->run;
	int n = log->papr_exits++;

	if (run->papr_hcall.nr != KVM_EPAPR_HCALL_TOKEN ||
	    n >= (int)ARRAY_SIZE(cap_off_nrs) ||
	    run->papr_hcall.args[7] != cap_off_nrs[n]) {
		tap_diag("PAPR hcall 0x%llx, R11 = 0x%llx",
			 (unsigned long long)run->papr_hcall.nr,
			 (unsigned long long)run->papr_hcall.args[7]);
		return false;
	}
	run->papr_hcall.ret = TEST_H_FUNCTION;
	return true;
}

static bool serve_event(struct vcpu *vcpu, struct exit_log *log)
{
	log->events++;
	log->event = vcpu->run->system_event.type;
	switch (log->c->action) {
	case EVENT_RESET:
		return vcpu_reset(vcpu, EPAPR_AFTER_RESET) == 0;
	case EVENT_RESUME:
		return true;
	case EVENT_STOP:
		break;
	}
	return false;
}

static bool serve_exit(struct vcpu *vcpu, void *opaque)
{
	switch (vcpu->run->exit_reason) {
	case KVM_EXIT_EPAPR_HCALL:
		return serve_epapr(vcpu, opaque);
	case KVM_EXIT_PAPR_HCALL:
		return serve_papr(vcpu, opaque);
	case KVM_EXIT_SYSTEM_EVENT:
		return serve_event(vcpu, opaque);
	}
	return false;
}

static bool outcome_expected(const struct epapr_case *c,
			     const struct guest_result *res)
{
	char buf[160];
	bool ok;

	if (c->stopped)
		ok = res->outcome == GUEST_UNEXPECTED_EXIT &&
		     res->exit_reason == KVM_EXIT_SYSTEM_EVENT;
	else
		ok = res->outcome == GUEST_DONE;
	if (!ok)
		tap_diag("%s", guest_result_str(res, buf, sizeof(buf)));
	return ok;
}

static bool exits_expected(const struct epapr_case *c,
			   const struct exit_log *log)
{
	bool ok = log->epapr_exits == c->epapr_exits &&
		  log->papr_exits == c->papr_exits &&
		  log->events == !!c->event && log->event == c->event;

	if (!ok)
		tap_diag("exits: %d ePAPR, %d PAPR, %d events (last %u)",
			 log->epapr_exits, log->papr_exits, log->events,
			 log->event);
	return ok;
}

static const struct epapr_case cases[] = {
	{ .name = "64-bit guest: R11 and R3-R10 to userspace, ret and args to R3-R10",
	  .test = EPAPR_ROUND_TRIP_64, .enable = true, .epapr_exits = 1 },
	{ .name = "32-bit guest: upper halves zeroed on the exit and on the return",
	  .test = EPAPR_ROUND_TRIP_32, .enable = true, .narrow = true,
	  .epapr_exits = 1 },
	{ .name = "a KVM_RUN that ends before guest entry leaves the completion to the next",
	  .test = EPAPR_ROUND_TRIP_64, .enable = true, .cut_short = true,
	  .epapr_exits = 1 },
	{ .name = "64-bit guest: KVM_HC_FEATURES answered in the kernel",
	  .test = EPAPR_FEATURES_64, .enable = true },
	{ .name = "32-bit guest: KVM_HC_FEATURES answered in the kernel",
	  .test = EPAPR_FEATURES_32, .enable = true },
	{ .name = "KVM_HC_VM_RESET exits as KVM_SYSTEM_EVENT_RESET, the VMM resets the VM",
	  .test = EPAPR_VM_RESET, .enable = true, .action = EVENT_RESET,
	  .event = KVM_SYSTEM_EVENT_RESET },
	{ .name = "KVM_HC_VM_SHUTDOWN exits as KVM_SYSTEM_EVENT_SHUTDOWN, the VMM stops the VM",
	  .test = EPAPR_VM_SHUTDOWN, .enable = true, .action = EVENT_STOP,
	  .event = KVM_SYSTEM_EVENT_SHUTDOWN, .stopped = true },
	{ .name = "KVM_HC_VM_SHUTDOWN returns EV_INTERNAL when the VMM runs the vCPU on",
	  .test = EPAPR_VM_SHUTDOWN_REFUSED, .enable = true,
	  .action = EVENT_RESUME, .event = KVM_SYSTEM_EVENT_SHUTDOWN },
};

/* Capability off: what the distribution's module does, on both modules. */
static const struct epapr_case cap_off_case = {
	.name = "capability off: ePAPR hypercalls exit as KVM_EXIT_PAPR_HCALL",
	.test = EPAPR_CAP_OFF, .papr_exits = ARRAY_SIZE(cap_off_nrs),
};

static struct vcpu *setup_case(const struct epapr_case *c, struct vm **vmp)
{
	struct vm *vm = vm_create_payload();

	*vmp = vm;
	if (!vm)
		return NULL;
	if (c->enable && vm_enable_epapr(vm) < 0)
		return NULL;
	return vcpu_create(vm, 0, c->test);
}

static void run_case(const struct epapr_case *c)
{
	struct exit_log log = { .c = c };
	struct guest_result res;
	struct vcpu *vcpu;
	struct vm *vm;
	bool ok = false;

	vcpu = setup_case(c, &vm);
	if (vcpu) {
		vcpu_run_guest(vcpu, serve_exit, &log, &res);
		ok = outcome_expected(c, &res) && exits_expected(c, &log);
	}
	vcpu_destroy(vcpu);
	vm_destroy(vm);
	tap_result(ok, c->name);
}

/* The capability is per VM: another VM's has no effect on this one. */
static void run_cap_off_case(bool distro)
{
	struct vm *other = NULL;

	if (!distro) {
		other = vm_create(GUEST_MEM_SIZE);
		if (!other || vm_enable_epapr(other) < 0) {
			vm_destroy(other);
			tap_result(false, cap_off_case.name);
			return;
		}
	}
	run_case(&cap_off_case);
	vm_destroy(other);
}

static bool check_extension(struct vm *vm, unsigned long cap, int want)
{
	int r = ioctl(vm->fd, PAPR_KVM_CHECK_EXTENSION, cap);

	return TEST_EXPECT(r == want, "PAPR_KVM_CHECK_EXTENSION(0x%lx) = %d, want %d",
			   cap, r, want);
}

static bool enable_cap_fails(struct vm *vm, struct kvm_enable_cap cap)
{
	int r = vm_papr_kvm_ioctl(vm, PAPR_KVM_ENABLE_CAP, &cap);

	return TEST_EXPECT(r == -1 && errno == EINVAL,
			   "PAPR_KVM_ENABLE_CAP(0x%x, flags 0x%x, args[0] 0x%llx) = %d (%s)",
			   cap.cap, cap.flags, (unsigned long long)cap.args[0],
			   r, strerror(errno));
}

static void test_check_extension(struct vm *vm)
{
	bool ok = check_extension(vm, KVM_CAP_EXIT_EPAPR_HCALL, 1) &&
		  check_extension(vm, KVM_CAP_PAPR_NESTED_STATE,
				  PAPR_KVM_NESTED_STATE_V1) &&
		  check_extension(vm, KVM_CAP_PPC_PAPR, 0) &&
		  check_extension(vm, KVM_CAP_PAPR_NESTED_STATE + 1, 0);

	tap_result(ok, "PAPR_KVM_CHECK_EXTENSION reports papr-kvm's capabilities only");
}

static void test_enable_cap(struct vm *vm)
{
	const struct kvm_enable_cap bad[] = {
		{ .cap = KVM_CAP_EXIT_EPAPR_HCALL + 1 },
		{ .cap = KVM_CAP_PPC_PAPR },
		{ .cap = KVM_CAP_EXIT_EPAPR_HCALL, .flags = 1 },
		{ .cap = KVM_CAP_EXIT_EPAPR_HCALL, .args = { 1 } },
		{ .cap = KVM_CAP_EXIT_EPAPR_HCALL, .args = { 0, 0, 0, 1 } },
	};
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ok = enable_cap_fails(vm, bad[i]) && ok;
	ok = ok && vm_enable_epapr(vm) == 0 && vm_enable_epapr(vm) == 0;
	tap_result(ok, "PAPR_KVM_ENABLE_CAP: bad cap, flags or args fail, twice works");
}

/* The distribution's kvm-hv does not know papr-kvm's VM ioctls. */
static void test_distro_ioctls(struct vm *vm)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_EXIT_EPAPR_HCALL };
	int r1, e1, r2, e2;

	r1 = ioctl(vm->fd, PAPR_KVM_CHECK_EXTENSION, KVM_CAP_EXIT_EPAPR_HCALL);
	e1 = errno;
	r2 = vm_papr_kvm_ioctl(vm, PAPR_KVM_ENABLE_CAP, &cap);
	e2 = errno;
	tap_result(TEST_EXPECT(r1 == -1 && e1 == ENOTTY && r2 == -1 && e2 == ENOTTY,
			       "PAPR_KVM_CHECK_EXTENSION: %d (%s), PAPR_KVM_ENABLE_CAP: %d (%s)",
			       r1, strerror(e1), r2, strerror(e2)),
		   "PAPR_KVM_* ioctls fail with ENOTTY without papr-kvm");
}

static void test_ioctls(bool distro)
{
	struct vm *vm = vm_create(GUEST_MEM_SIZE);

	if (!vm) {
		tap_result(false, "a VM for the ioctl tests");
		return;
	}
	if (distro) {
		test_distro_ioctls(vm);
	} else {
		test_check_extension(vm);
		test_enable_cap(vm);
	}
	vm_destroy(vm);
}

/* Each ePAPR hypercall forwarded to the VMM is a papr_kvm_epapr_exit event. */
static void test_trace(const char *tracefs)
{
	static const char name[] =
		"trace: one papr_kvm_epapr_exit event per call forwarded";
	char event[64], *trace;
	int want = 0, n;
	size_t i;

	if (!tracefs) {
		tap_skip(name, "no tracefs with papr_kvm events");
		return;
	}
	trace = tracefs_papr_kvm_stop(tracefs);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		want += cases[i].epapr_exits;
	snprintf(event, sizeof(event), "papr_kvm_epapr_exit: vm %d vcpu 0 nr 0x",
		 getpid());
	n = count_text(trace, event);
	tap_result(TEST_EXPECT(n == want, "%d \"%s\" events, want %d", n,
			       event, want), name);
	free(trace);
}

int main(void)
{
	bool distro = host_require_kvm_hv() == KVM_HV_DISTRO;
	const char *tracefs;
	size_t i;

	/* The distribution's kvm-hv: its ioctls fail, no ePAPR exit. */
	tap_plan(distro ? 2 : 4 + ARRAY_SIZE(cases));
	test_ioctls(distro);
	run_cap_off_case(distro);
	if (distro)
		return tap_finish();
	tracefs = tracefs_papr_kvm();
	if (tracefs && !tracefs_papr_kvm_enable(tracefs, true))
		tracefs = NULL;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
	test_trace(tracefs);
	return tap_finish();
}
