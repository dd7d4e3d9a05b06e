// SPDX-License-Identifier: GPL-2.0-only
/* Guest side of the epapr suite. */
#include "guest.h"
#include "epapr.h"

/* R3-R10 = args, R11 = nr; returns R3-R10 in out. */
static void call(unsigned long nr, const unsigned long args[8],
		 unsigned long out[8], bool narrow)
{
	unsigned long in[9];
	int i;

	for (i = 0; i < 8; i++)
		in[i] = args[i];
	in[8] = nr;
	epapr_hcall(in, out, narrow);
}

static unsigned long call0(unsigned long nr, bool narrow)
{
	unsigned long args[8] = { 0 }, out[8];

	call(nr, args, out, narrow);
	return out[0];
}

/*
 * The VMM sees the number and R3-R10, and returns ret in R3 and outputs
 * in R4-R10; a guest in 32-bit mode passes and gets the low halves only.
 */
static void test_round_trip(bool narrow)
{
	unsigned long mask = narrow ? 0xffffffffUL : ~0UL;
	unsigned long args[8], out[8];
	int i;

	for (i = 0; i < 8; i++)
		args[i] = TEST_ARG(i);
	call(TEST_HCALL_NR | (narrow ? TEST_NR_HIGH : 0), args, out, narrow);
	GUEST_ASSERT_EQ(out[0], TEST_RET & mask);
	for (i = 1; i < 8; i++)
		GUEST_ASSERT_EQ(out[i], TEST_OUT(i) & mask);
}

static void test_features(bool narrow)
{
	unsigned long args[8] = { 0 }, out[8];

	call(KVM_HCALL_TOKEN(KVM_HC_FEATURES) | (narrow ? TEST_NR_HIGH : 0),
	     args, out, narrow);
	GUEST_ASSERT_EQ(out[0], EV_SUCCESS);
	GUEST_ASSERT_EQ(out[1], TEST_FEATURES);
}

/* epapr_hcall() is opaque to the compiler: the mark is stored before it. */
static void test_vm_reset(void)
{
	unsigned long *mark = (unsigned long *)RESET_MARK_ADDR;

	*mark = RESET_MARK;
	call0(KVM_HCALL_TOKEN(KVM_HC_VM_RESET), false);
	GUEST_FAIL();
}

/* The VMM started the payload again, in the memory it had before. */
static void test_after_reset(void)
{
	GUEST_ASSERT_EQ(*(unsigned long *)RESET_MARK_ADDR, RESET_MARK);
}

static void test_vm_shutdown(void)
{
	call0(KVM_HCALL_TOKEN(KVM_HC_VM_SHUTDOWN), false);
	GUEST_FAIL();
}

static void test_vm_shutdown_refused(void)
{
	GUEST_ASSERT_EQ(call0(KVM_HCALL_TOKEN(KVM_HC_VM_SHUTDOWN), false),
			EV_INTERNAL);
}

/* KVM-HV without the exit: the VMM answers as to any unknown PAPR hcall. */
static void test_cap_off(void)
{
	GUEST_ASSERT_EQ(call0(TEST_HCALL_NR, false), TEST_H_FUNCTION);
	GUEST_ASSERT_EQ(call0(KVM_HCALL_TOKEN(KVM_HC_FEATURES), false),
			TEST_H_FUNCTION);
	GUEST_ASSERT_EQ(call0(KVM_HCALL_TOKEN(KVM_HC_VM_RESET), false),
			TEST_H_FUNCTION);
}

void guest_main(unsigned long test, unsigned long cpu)
{
	switch (test) {
	case EPAPR_ROUND_TRIP_64:
		test_round_trip(false);
		break;
	case EPAPR_ROUND_TRIP_32:
		test_round_trip(true);
		break;
	case EPAPR_FEATURES_64:
		test_features(false);
		break;
	case EPAPR_FEATURES_32:
		test_features(true);
		break;
	case EPAPR_VM_RESET:
		test_vm_reset();
		break;
	case EPAPR_AFTER_RESET:
		test_after_reset();
		break;
	case EPAPR_VM_SHUTDOWN:
		test_vm_shutdown();
		break;
	case EPAPR_VM_SHUTDOWN_REFUSED:
		test_vm_shutdown_refused();
		break;
	case EPAPR_CAP_OFF:
		test_cap_off();
		break;
	default:
		GUEST_FAIL();
	}
}
