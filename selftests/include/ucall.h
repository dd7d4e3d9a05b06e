/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The "ucall" protocol between a selftest's guest payload and its host
 * program: the guest reports through a private hypercall that KVM-HV does
 * not know, so it always reaches userspace as KVM_EXIT_PAPR_HCALL.
 *
 * The number avoids every range KVM-HV serves itself: PAPR 0x04-0x488,
 * H_SVM_* 0xEF00-0xEF14, the QEMU/KVM private 0xF000-0xF005 and the nested
 * v1 0xF800-0xF80C.
 *
 * R3 = UCALL_HCALL, R4 = UCALL_*, R5 = guest address of the source
 * file name, R6 = line, R7 and R8 = values (what failed, or a message).
 */
#ifndef SELFTESTS_UCALL_H
#define SELFTESTS_UCALL_H

#define UCALL_HCALL		0x7c00

/* A private hypercall the smoke test's host echoes back. */
#define ECHO_HCALL		0x7c04

/* R4: what the guest reports (also used from assembly, hence no enum) */
#define UCALL_DONE		1	/* the guest test passed */
#define UCALL_FAIL		2	/* assertion failed: R7, R8 = left, right */
#define UCALL_EXCEPTION		3	/* interrupt: R7 = vector, R8 = SRR0 */
#define UCALL_VALUE		4	/* a figure: R7 = its index, R8 = it */
#define UCALL_MAX_VALUES	4

/*
 * Guest memory layout shared by payloads and host programs. vCPU n starts
 * at GUEST_ENTRY_ADDR with R1 = GUEST_STACK_TOP - n * GUEST_STACK_SIZE,
 * R3 = the test number and R4 = n.
 */
#define GUEST_LOAD_ADDR		0x0UL
#define GUEST_ENTRY_ADDR	0x2000UL
#define GUEST_MEM_SIZE		(16UL << 20)
#define GUEST_STACK_TOP		0x800000UL
#define GUEST_STACK_SIZE	0x10000UL
#define GUEST_MAX_VCPUS		8

#endif
