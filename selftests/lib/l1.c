// SPDX-License-Identifier: GPL-2.0-only
/* Host side of the suites whose payload is a tiny L1 hypervisor. */
#include <pthread.h>
#include <string.h>

#include "l1.h"
#include "papr.h"
#include "tap.h"

struct vcpu_thread {
	pthread_t thread;
	struct vcpu *vcpu;
	exit_handler_t handler;
	struct guest_result res;
};

static void *run_vcpu_thread(void *arg)
{
	struct vcpu_thread *t = arg;

	vcpu_run_guest(t->vcpu, t->handler, NULL, &t->res);
	return NULL;
}

struct vm *l1_create(void)
{
	struct vm *vm = vm_create_payload();

	if (!vm)
		return NULL;
	/* QEMU's cap-rpt-invalidate=on enables H_RPT_INVALIDATE likewise */
	if (vm_enable_cap(vm, KVM_CAP_PPC_NESTED_HV, 0, 0) < 0 ||
	    vm_enable_hcall(vm, H_RPT_INVALIDATE) < 0) {
		vm_destroy(vm);
		return NULL;
	}
	return vm;
}

static bool guest_done(const struct guest_result *res)
{
	char buf[160];

	if (res->outcome == GUEST_DONE)
		return true;
	tap_diag("%s", guest_result_str(res, buf, sizeof(buf)));
	return false;
}

bool l1_run_vcpus(struct vm *vm, const struct l1_case *c,
		  exit_handler_t handler)
{
	struct vcpu_thread t[L1_MAX_VCPUS] = { 0 };
	int n, i;
	bool ok = true;

	for (n = 0; n < L1_MAX_VCPUS && c->tests[n]; n++) {
		t[n].vcpu = vcpu_create(vm, n, c->tests[n]);
		t[n].handler = handler;
		if (!t[n].vcpu)
			ok = false;
	}
	for (i = 0; ok && i < n; i++)
		pthread_create(&t[i].thread, NULL, run_vcpu_thread, &t[i]);
	for (i = 0; ok && i < n; i++) {
		pthread_join(t[i].thread, NULL);
		ok &= guest_done(&t[i].res);
	}
	for (i = 0; i < n; i++)
		vcpu_destroy(t[i].vcpu);
	return ok;
}

bool l1_run_for_values(unsigned long test, u64 values[UCALL_MAX_VALUES])
{
	struct vm *vm = l1_create();
	struct guest_result res = { .outcome = GUEST_HOST_ERROR };
	struct vcpu *vcpu = vm ? vcpu_create(vm, 0, test) : NULL;

	if (vcpu)
		vcpu_run_guest(vcpu, NULL, NULL, &res);
	vcpu_destroy(vcpu);
	vm_destroy(vm);
	memcpy(values, res.values, sizeof(res.values));
	return guest_done(&res);
}

bool l1_serve_register_proc_tbl(struct vcpu *vcpu, void *opaque)
{
	if (!vcpu_exit_is_hcall(vcpu, H_REGISTER_PROC_TBL))
		return false;
	vcpu->run->papr_hcall.ret = H_SUCCESS;
	return true;
}

void l1_run_case(const struct l1_case *c, exit_handler_t handler)
{
	struct vm *vm = l1_create();
	bool ok = vm && l1_run_vcpus(vm, c, handler);

	vm_destroy(vm);
	tap_result(ok, c->name);
}
