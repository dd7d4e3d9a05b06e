// SPDX-License-Identifier: GPL-2.0-only
/*
 * papr_control: the control plane of the PAPR API v2 L0. A tiny L1 payload
 * issues H_GUEST_GET/SET_CAPABILITIES, CREATE, CREATE_VCPU, GET/SET_STATE
 * and DELETE, and checks every answer, well-formed and malformed; the host
 * program also checks that an L1's L2s are freed when its VM goes away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"
#include "l1.h"
#include "papr.h"
#include "papr_control.h"
#include "slab.h"
#include "tap.h"

static const struct l1_case cases[] = {
	{ "GET_CAPABILITIES offers the host's modes", { CTRL_GET_CAPS } },
	{ "SET_CAPABILITIES refuses what was not offered",
	  { CTRL_SET_CAPS_INVALID } },
	{ "SET_CAPABILITIES again, as a reloaded L1 does",
	  { CTRL_SET_CAPS_AGAIN } },
	{ "calls before SET_CAPABILITIES get H_STATE", { CTRL_BEFORE_CAPS } },
	{ "CREATE: flags, token, ids from 1", { CTRL_CREATE } },
	{ "DELETE: one, unknown, flags, deleteAllGuests", { CTRL_DELETE } },
	{ "CREATE_VCPU: any id 0-2047, H_IN_USE, H_P2, H_P3",
	  { CTRL_CREATE_VCPU } },
	{ "4095 L2s, then H_NOT_ENOUGH_RESOURCES; the L0 heap back to 0",
	  { CTRL_GUEST_LIMIT } },
	{ "2048 vCPUs in one L2, in reverse order", { CTRL_VCPU_LIMIT } },
	{ "guest-wide SET before any vCPU exists",
	  { CTRL_GUEST_WIDE_BEFORE_VCPU } },
	{ "SET then GET of GPR, CR, VSR and MSR", { CTRL_THREAD_ROUNDTRIP } },
	{ "unknown element: H_INVALID_ELEMENT_ID, R4 = index",
	  { CTRL_BAD_ELEMENT_ID } },
	{ "wrong size: H_INVALID_ELEMENT_SIZE, R4 = index",
	  { CTRL_BAD_ELEMENT_SIZE } },
	{ "MSR_HV, MSR_TS: H_INVALID_ELEMENT_VALUE, R4 = index",
	  { CTRL_BAD_ELEMENT_VALUE } },
	{ "SET of a read-only element", { CTRL_READ_ONLY_SET } },
	{ "element of the wrong scope", { CTRL_WRONG_SCOPE } },
	{ "GET/SET flags: H_PARAMETER", { CTRL_STATE_FLAGS } },
	{ "GET/SET of unknown guest or vCPU: H_P2, H_P3",
	  { CTRL_STATE_BAD_IDS } },
	{ "GSB outside L1 memory, too short, overrun: H_P4, H_P5",
	  { CTRL_STATE_BAD_BUFFER } },
	{ "logical PVR beyond the agreed modes", { CTRL_LOGICAL_PVR } },
	{ "partition and process tables are checked", { CTRL_TABLES } },
	{ "run buffers are checked", { CTRL_RUN_BUFFERS } },
	{ "host-wide heap figure follows L2s and vCPUs", { CTRL_HOST_WIDE } },
	{ "v1 H_SET_PARTITION_TABLE after v2: H_STATE", { CTRL_V1_AFTER_V2 } },
	{ "DELETE racing another vCPU's GET/SET",
	  { CTRL_RACE_WRITER, CTRL_RACE_READER } },
	{ "an L1 that boots again (H_REGISTER_PROC_TBL) leaves no L2 behind",
	  { CTRL_REBOOT } },
};

/*
 * An L1 whose VM goes away without deleting its L2s: everything it made
 * is freed with the VM. No other L1 exists while this runs, so the caches
 * must empty entirely, the leftovers of the earlier cases included (init
 * unloads the module after the suites, where a leftover object would be
 * reported as a BUG as well).
 */
static void test_live_l2s_freed_with_vm(void)
{
	const struct l1_case c = { .tests = { CTRL_LEAVE_LIVE_L2S } };
	const char *name = "live L2s are freed with the L1's VM";
	struct vm *vm;
	bool ok;

	if (slab_objects("kvmhv_papr_guest") < 0) {
		tap_diag("no kvmhv_papr_* caches in /sys/kernel/debug/slab");
		tap_result(false, name);
		return;
	}
	tap_diag("memory per L2 guest %ld bytes, per L2 vCPU %ld bytes",
		 slab_object_size("kvmhv_papr_guest"),
		 slab_object_size("kvmhv_papr_vcpu"));
	ok = slab_settles_at("kvmhv_papr_guest", 0) &&
	     slab_settles_at("kvmhv_papr_vcpu", 0);

	vm = l1_create();
	ok = vm && l1_run_vcpus(vm, &c, NULL) && ok &&
	     slab_holds("kvmhv_papr_guest", LIVE_L2S) &&
	     slab_holds("kvmhv_papr_vcpu", LIVE_L2S * LIVE_VCPUS_EACH);
	vm_destroy(vm);
	ok = slab_settles_at("kvmhv_papr_guest", 0) &&
	     slab_settles_at("kvmhv_papr_vcpu", 0) && ok;
	tap_result(ok, name);
}

int main(void)
{
	size_t i;

	host_require_papr_kvm_nested();
	tap_plan(ARRAY_SIZE(cases) + 1);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		l1_run_case(&cases[i], l1_serve_register_proc_tbl);
	test_live_l2s_freed_with_vm();
	return tap_finish();
}
