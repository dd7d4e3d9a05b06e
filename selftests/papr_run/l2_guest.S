/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tiny L2 of papr_run, position independent, in real mode. The L1
 * copies it to L2 real address 0x2000 and starts it at one of the entry
 * points below (L2_* in papr_run_guest.c). It reports with sc 1, which the
 * L1 sees as exit 0xC00, with the report's number in GPR3.
 */
	.machine power9
	.abiversion 2
	.section .rodata
	.balign 4
	.globl l2_code_start, l2_code_end
l2_code_start:
	/* L2_HELLO: GPR3-12 = 0x7f00, 4, 5, ..., 12 */
	li	r3, 0x7f00
	li	r4, 4
	li	r5, 5
	li	r6, 6
	li	r7, 7
	li	r8, 8
	li	r9, 9
	li	r10, 10
	li	r11, 11
	li	r12, 12
	sc	1
	b	l2_code_start

	/* L2_FAULT: load from L2 real 0x200000, report the value in GPR4 */
	.org	l2_code_start + 0x100
1:	lis	r5, 0x20
	ld	r4, 0(r5)
	li	r3, 0x7f04
	sc	1
	b	1b

	/* L2_SPIN: until the L0 or the L1 stops it */
	.org	l2_code_start + 0x200
	b	.

	/* L2_ILLEGAL */
	.org	l2_code_start + 0x300
	.long	0x0000beef
	b	.

	/* L2_FP: load f1 and vs40, exit; then store them and exit again */
	.org	l2_code_start + 0x400
	li	r5, 0x3000
	lfd	f1, 0(r5)
	li	r6, 0x10
	lxvd2x	vs40, r5, r6
	li	r3, 0x7f01
	sc	1
	li	r5, 0x3000
	stfd	f1, 0x20(r5)
	li	r6, 0x30
	stxvd2x	vs40, r5, r6
	li	r3, 0x7f02
	sc	1
	b	.

	/* L2_IDENTITY: GPR4 = GPR14, which the L1 set */
	.org	l2_code_start + 0x500
	mr	r4, r14
	li	r3, 0x7f03
	sc	1
	b	.
	/* L2_EE_OFF: report with MSR[EE] clear, then set it and spin */
	.org	l2_code_start + 0x600
	li	r3, 0x7f05
	sc	1
	li	r5, 0
	ori	r5, r5, 0x8002		/* MSR[EE] and MSR[RI] */
	mtmsrd	r5, 1
	b	.
	/* L2_STORE: store GPR9 to L2 real 0x200000, 0x1234 up, for ever */
	.org	l2_code_start + 0x700
	lis	r5, 0x20
	li	r9, 0x1234
1:	std	r9, 0(r5)
	addi	r9, r9, 1
	b	1b
	/*
	 * L2_VPA_READ: report the yield count of the big-endian VPA at L2
	 * real 0x100000 in GPR4, for ever
	 */
	.org	l2_code_start + 0x800
1:	lis	r5, 0x10
	li	r6, 256
	lwbrx	r4, r5, r6
	li	r3, 0x7f07
	sc	1
	b	1b
	/* L2_RPT: H_RPT_INVALIDATE with the GPR4-9 the L1 set; R3 in GPR4 */
	.org	l2_code_start + 0x900
	li	r3, 0x448
	sc	1
	mr	r4, r3
	li	r3, 0x7f08
	sc	1
	b	.
	/* L2_TIDR: TIDR = GPR4, and its value before in GPR4 */
	.org	l2_code_start + 0xa00
	mfspr	r5, 144
	mtspr	144, r4
	mr	r4, r5
	li	r3, 0x7f09
	sc	1
	b	.
	/* L2_TOUCH: a load from each 2 MiB of L2 real 0-1 GiB, then report */
	.org	l2_code_start + 0xb00
	li	r5, 0
	lis	r6, 0x4000
	lis	r7, 0x20
1:	ld	r4, 0(r5)
	add	r5, r5, r7
	cmpld	r5, r6
	blt	1b
	li	r3, 0x7f0a
	sc	1
	b	.
l2_code_end:
