// SPDX-License-Identifier: GPL-2.0-only
/*
 * svm: the secure-VM init state machine and H_SVM_INIT_ABORT.
 *
 * What it runs depends on the loaded kvm-hv:
 *   papr-kvm's, without soft_uv: the behaviour of a host without an
 *       Ultravisor, as in mainline;
 *   the distribution's: the same cases;
 *   papr-kvm's with soft_uv=1: the whole flow, with the payload playing
 *       the Ultravisor.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host.h"
#include "papr.h"
#include "ppc_kvm.h"
#include "slab.h"
#include "tracefs.h"
#include "svm.h"
#include "tap.h"

/* The module's caches of secure-VM state, as KMEM_CACHE() names them */
static const char *const svm_caches[] = {
	"kvmhv_svm_vm", "kvmhv_svm_slot", "kvmhv_soft_uv_slot",
	"kvmhv_soft_uv_page",
};

#define SOFT_UV_PAGES	"kvmhv_soft_uv_page"

struct svm_vm {
	struct vm *vm;
	void *slot1;		/* the memory of slot 1 while it exists */
};

struct svm_case {
	const char *name;
	enum svm_test test;
	bool no_cap;		/* KVM_CAP_PPC_SECURE_GUEST left off */
	/* Pages the host must find filled afterwards, through its mapping */
	int filled;
};

static bool set_slot1(struct svm_vm *s, bool add)
{
	struct kvm_userspace_memory_region r = {
		.slot = 1, .guest_phys_addr = SVM_SLOT1_GPA,
	};
	unsigned long gpa, i;

	if (add) {
		s->slot1 = mmap(NULL, SVM_SLOT1_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (s->slot1 == MAP_FAILED)
			return false;
		for (gpa = SVM_SLOT1_GPA; gpa < SVM_SLOT1_GPA + SVM_SLOT1_SIZE;
		     gpa += SVM_PAGE_SIZE)
			for (i = 0; i < SVM_PAGE_SIZE; i++)
				((unsigned char *)s->slot1)[gpa - SVM_SLOT1_GPA + i] =
					SVM_FILL(gpa, i);
		r.memory_size = SVM_SLOT1_SIZE;
		r.userspace_addr = (unsigned long)s->slot1;
	}
	if (ioctl(s->vm->fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) {
		tap_diag("KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return false;
	}
	if (!add) {
		munmap(s->slot1, SVM_SLOT1_SIZE);
		s->slot1 = NULL;
	}
	return true;
}

static long host_op(struct svm_vm *s, u64 op, u64 arg)
{
	long n;

	switch (op) {
	case SVM_HOST_COPIES:
		n = slab_objects(SOFT_UV_PAGES);
		return n == (long)arg ? 0 : n;
	case SVM_HOST_ADD_SLOT1:
		return !set_slot1(s, true);
	case SVM_HOST_DEL_SLOT1:
		return !set_slot1(s, false);
	}
	return -1;
}

static bool serve_host_call(struct vcpu *vcpu, void *opaque)
{
	struct kvm_run *run = vcpu->run;

	if (!vcpu_exit_is_hcall(vcpu, SVM_HOST_HCALL))
		return false;
	run->papr_hcall.ret = host_op(opaque, run->papr_hcall.args[0],
				      run->papr_hcall.args[1]);
	return true;
}

unsigned int svm_page_shift;

static struct vm *svm_vm_create(bool cap)
{
	struct vm *vm = vm_create_payload();

	if (!vm)
		return NULL;
	*(u64 *)vm_gpa_to_hva(vm, SVM_PARAMS_GPA, sizeof(u64)) =
		svm_page_shift;
	if (cap && vm_enable_cap(vm, KVM_CAP_PPC_SECURE_GUEST, 0, 0) < 0) {
		vm_destroy(vm);
		return NULL;
	}
	return vm;
}

static bool run_test(struct svm_vm *s, enum svm_test test)
{
	struct vcpu *vcpu = vcpu_create(s->vm, 0, test);
	struct guest_result res;
	char buf[160];

	if (!vcpu)
		return false;
	vcpu_run_guest(vcpu, serve_host_call, s, &res);
	vcpu_destroy(vcpu);
	if (res.outcome != GUEST_DONE)
		tap_diag("%s", guest_result_str(&res, buf, sizeof(buf)));
	return res.outcome == GUEST_DONE;
}

/* The VMM's mapping shows what the guest's pages hold. */
static bool host_sees_filled(struct vm *vm, int pages)
{
	unsigned long gpa, i;
	unsigned char *p;

	for (gpa = SVM_PAGES_GPA; gpa < SVM_PAGE_GPA(pages);
	     gpa += SVM_PAGE_SIZE) {
		p = vm_gpa_to_hva(vm, gpa, SVM_PAGE_SIZE);
		for (i = 0; i < SVM_PAGE_SIZE; i++) {
			if (p[i] != SVM_FILL(gpa, i)) {
				tap_diag("gpa 0x%lx + 0x%lx: 0x%x", gpa, i, p[i]);
				return false;
			}
		}
	}
	return true;
}

static bool caches_empty(void)
{
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(svm_caches); i++)
		ok = slab_settles_at(svm_caches[i], 0) && ok;
	return ok;
}

static void run_case(const struct svm_case *c)
{
	struct svm_vm s = { .vm = svm_vm_create(!c->no_cap) };
	bool ok = s.vm && run_test(&s, c->test);

	ok = ok && host_sees_filled(s.vm, c->filled);
	if (s.slot1)
		munmap(s.slot1, SVM_SLOT1_SIZE);
	vm_destroy(s.vm);
	tap_result(ok && caches_empty(), c->name);
}

static const struct svm_case soft_uv_cases[] = {
	{ .name = "a normal VM calling H_SVM_INIT_ABORT gets H_UNSUPPORTED",
	  .test = SVM_ABORT_NORMAL_VM },
	{ .name = "not from the Ultravisor, SRR1[S] set by the guest too: H_UNSUPPORTED",
	  .test = SVM_NOT_FROM_UV },
	{ .name = "INIT_START without KVM_CAP_PPC_SECURE_GUEST gets H_AUTHORITY",
	  .test = SVM_NO_CAP, .no_cap = true },
	{ .name = "INIT_START, pages in, ABORT: H_PARAMETER at SRR0/SRR1, pages back, again",
	  .test = SVM_ABORT, .filled = SVM_NPAGES },
	{ .name = "INIT_START, INIT_DONE, ABORT gets H_STATE and undoes nothing",
	  .test = SVM_ABORT_AFTER_DONE },
	{ .name = "ABORT with secure and shared pages mixed",
	  .test = SVM_ABORT_MIXED },
	{ .name = "out of order: H_UNSUPPORTED before INIT_START, H_STATE twice",
	  .test = SVM_OUT_OF_ORDER },
	{ .name = "bad orders H_P3, flags H_P2, unaligned or unknown gfn H_PARAMETER",
	  .test = SVM_BAD_ARGS, .filled = SVM_NPAGES },
	{ .name = "memory slots added and removed while init started",
	  .test = SVM_MEMSLOTS },
};

struct leave_case {
	const char *name;
	enum svm_test test;
	/* Objects of svm_caches[] in use before the VM is destroyed */
	long held[ARRAY_SIZE(svm_caches)];
};

/* Page 0 went shared: the Ultravisor holds the other pages. */
static const struct leave_case leave_cases[] = {
	{ .name = "VM destroyed with init started frees everything",
	  .test = SVM_LEAVE_STARTED, .held = { 1, 1, 1, SVM_NPAGES - 1 } },
	{ .name = "VM destroyed when secure frees everything",
	  .test = SVM_LEAVE_SECURE, .held = { 1, 1, 1, SVM_NPAGES - 1 } },
	{ .name = "VM destroyed after an abort frees everything",
	  .test = SVM_LEAVE_ABORTED, .held = { 1, 0, 0, 0 } },
};

static void run_leave_case(const struct leave_case *c)
{
	struct svm_vm s = { .vm = svm_vm_create(true) };
	bool ok = s.vm && run_test(&s, c->test);
	size_t i;

	for (i = 0; ok && i < ARRAY_SIZE(svm_caches); i++)
		ok = slab_holds(svm_caches[i], c->held[i]);
	vm_destroy(s.vm);
	tap_result(caches_empty() && ok, c->name);
}

static void test_secure_guest_cap(bool offered)
{
	struct vm *vm = vm_create(GUEST_MEM_SIZE);
	int check, r, e = 0;
	bool ok;

	if (!vm) {
		tap_result(false, "a VM for KVM_CAP_PPC_SECURE_GUEST");
		return;
	}
	check = ioctl(vm->fd, KVM_CHECK_EXTENSION, KVM_CAP_PPC_SECURE_GUEST);
	r = vm_enable_cap(vm, KVM_CAP_PPC_SECURE_GUEST, 0, 0);
	if (r < 0)
		e = errno;
	vm_destroy(vm);
	if (offered)
		ok = TEST_EXPECT(check == 1 && r == 0,
				 "KVM_CHECK_EXTENSION %d, KVM_ENABLE_CAP %d (%s)",
				 check, r, strerror(e));
	else
		ok = TEST_EXPECT(check == 0 && r == -1 && e == EINVAL,
				 "KVM_CHECK_EXTENSION %d, KVM_ENABLE_CAP %d (%s)",
				 check, r, strerror(e));
	tap_result(ok, offered ?
		   "KVM_CAP_PPC_SECURE_GUEST is offered and enables" :
		   "KVM_CAP_PPC_SECURE_GUEST is refused without an Ultravisor");
}

/* No Ultravisor: what mainline does on a kernel without CONFIG_PPC_UV. */
static void test_no_uv(void)
{
	struct svm_vm s = { .vm = svm_vm_create(false) };
	bool ok = s.vm && run_test(&s, SVM_ALL_UNSUPPORTED);

	vm_destroy(s.vm);
	tap_result(ok, "every H_SVM_* gets H_UNSUPPORTED, from any context");
}

/* The secure-VM calls the cases made, with the answer of the abort */
static void test_trace(const char *tracefs)
{
	static const char name[] =
		"trace: the H_SVM_* calls, and the answers of H_SVM_INIT_ABORT";
	static const char * const events[] = {
		"papr_kvm_hcall_args: vm %d vcpu 0 H_SVM_INIT_START",
		"papr_kvm_hcall_args: vm %d vcpu 0 H_SVM_PAGE_IN",
		"papr_kvm_hcall_args: vm %d vcpu 0 H_SVM_INIT_DONE",
		"papr_kvm_hcall_args: vm %d vcpu 0 H_SVM_INIT_ABORT",
		"papr_kvm_hcall_exit: vm %d vcpu 0 H_SVM_INIT_ABORT ret H_",
	};
	char event[96], *trace;
	bool ok = true;
	size_t i;

	if (!tracefs) {
		tap_skip(name, "no tracefs with papr_kvm events");
		return;
	}
	trace = tracefs_papr_kvm_stop(tracefs);
	for (i = 0; i < ARRAY_SIZE(events); i++) {
		snprintf(event, sizeof(event), events[i], getpid());
		ok &= TEST_EXPECT(trace && strstr(trace, event),
				  "no event \"%s\"", event);
	}
	tap_result(ok, name);
	free(trace);
}

static void run_soft_uv_cases(void)
{
	const char *tracefs = tracefs_papr_kvm();
	size_t i;

	tap_plan(1 + ARRAY_SIZE(soft_uv_cases) + ARRAY_SIZE(leave_cases) + 2);
	if (tracefs && !tracefs_papr_kvm_enable(tracefs, true))
		tracefs = NULL;
	tap_diag("bytes per VM %ld, per slot %ld + 2 bits a page, per secure page %ld",
		 slab_object_size("kvmhv_svm_vm"),
		 slab_object_size("kvmhv_svm_slot"),
		 slab_object_size(SOFT_UV_PAGES));
	test_secure_guest_cap(true);
	for (i = 0; i < ARRAY_SIZE(soft_uv_cases); i++)
		run_case(&soft_uv_cases[i]);
	for (i = 0; i < ARRAY_SIZE(leave_cases); i++)
		run_leave_case(&leave_cases[i]);
	test_trace(tracefs);
	tap_skip("soft_uv is refused on a host with an Ultravisor",
		 "no emulated host has an Ultravisor");
}

int main(void)
{
	svm_page_shift = __builtin_ctz(getpagesize());
	if (host_require_kvm_hv() == KVM_HV_PAPR_KVM &&
	    host_kvm_hv_param("soft_uv")) {
		run_soft_uv_cases();
		return tap_finish();
	}
	tap_plan(2);
	test_secure_guest_cap(false);
	test_no_uv();
	return tap_finish();
}
