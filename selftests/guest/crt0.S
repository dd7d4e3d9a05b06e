/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry and interrupt vectors of a selftest guest payload. The payload is
 * loaded at guest real address 0 and runs in real mode (MSR IR/DR off),
 * little-endian, with LPCR_ILE set by the host so that interrupts are
 * taken little-endian too.
 *
 * Every vector from 0x100 to 0x1fe0 reports UCALL_EXCEPTION with its
 * address and SRR0 (HSRR0 for the hypervisor vectors the L0 reflects),
 * so a stray interrupt fails the test instead of running wild.
 */
#include "ucall.h"

	.machine power9
	.abiversion 2
	.section .vectors, "ax"

	.org 0x100
	.rept (0x2000 - 0x100) / 0x20
	mfspr	r8, 26			/* SRR0 */
	bl	1f			/* LR = address of this vector + 8 */
1:	mflr	r7
	addi	r7, r7, -8
	b	exception
	.balign 0x20
	.endr

	.section .text.entry, "ax"
	.globl _start
_start:					/* R1, R3, R4 from the host */
	li	r0, 0
	stdu	r0, -32(r1)
	lis	r2, .TOC.@ha
	addi	r2, r2, .TOC.@l
	bl	guest_main
	nop
	li	r4, UCALL_DONE
	li	r5, 0
	li	r6, 0
	li	r7, 0
	li	r8, 0
	b	report

exception:				/* R7 = vector, R8 = SRR0 */
	li	r4, UCALL_EXCEPTION
	li	r5, 0
	li	r6, 0
report:
	li	r3, UCALL_HCALL
	sc	1
	b	report			/* the host never resumes a final report */
