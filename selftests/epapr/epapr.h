/* SPDX-License-Identifier: GPL-2.0-only */
/* The epapr suite's guest tests, selected by the host through R3. */
#ifndef SELFTESTS_EPAPR_H
#define SELFTESTS_EPAPR_H

#include <asm/epapr_hcalls.h>
#include <linux/kvm_para.h>
#include <linux/papr_kvm.h>

enum epapr_test {
	EPAPR_ROUND_TRIP_64 = 1,
	EPAPR_ROUND_TRIP_32,
	EPAPR_FEATURES_64,
	EPAPR_FEATURES_32,
	EPAPR_VM_RESET,
	EPAPR_AFTER_RESET,
	EPAPR_VM_SHUTDOWN,
	EPAPR_VM_SHUTDOWN_REFUSED,
	EPAPR_CAP_OFF,
};

/* An ePAPR hypercall that only the test's VMM serves. */
#define TEST_HCALL_NR		_EV_HCALL_TOKEN(EV_LOCAL_VENDOR_ID, 0x123)

/*
 * What the guest passes in R3-R10 (and, for a guest in 32-bit mode, in
 * the upper halves of R11 too), and what the VMM returns in ret and
 * args[1..7]. Every upper half is non-zero, to be seen zeroed.
 */
#define TEST_ARG(i)		(0x0102030405060708UL * ((i) + 1))
#define TEST_NR_HIGH		0xdead000000000000UL
#define TEST_RET		0x5a5a00000000002aUL
#define TEST_OUT(i)		(0xa5a5a5a5a5a5a5a5UL ^ (i))

/* KVM_HC_FEATURES: the KVM vendor hypercalls papr-kvm serves. */
#define TEST_FEATURES		((1UL << KVM_HC_FEATURES) | \
				 (1UL << KVM_HC_VM_RESET) | \
				 (1UL << KVM_HC_VM_SHUTDOWN))

/* What the guest leaves in memory before it asks for a reset. */
#define RESET_MARK_ADDR		0x100000UL
#define RESET_MARK		0x4e455753UL

/* The PAPR answer of a VMM to a hypercall it does not know. */
#define TEST_H_FUNCTION		(-2L)

#endif
