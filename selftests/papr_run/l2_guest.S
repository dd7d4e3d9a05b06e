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

	/*
	 * L2_LOAD_STORE: load the doubleword at L2 real 0x200000, store it
	 * plus one back, in one run, then report
	 */
	.org	l2_code_start + 0x380
	lis	r5, 0x20
	ld	r4, 0(r5)
	addi	r4, r4, 1
	std	r4, 0(r5)
	li	r3, 0x7f0f
	sc	1
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
	/*
	 * L2_SPR_WRITE: the SPRs of spr_table[] (papr_run_guest.c), in its
	 * order, from the doublewords at L2 real 0x3100
	 */
	.org	l2_code_start + 0xc00
	li	r5, 0x3100
	ld	r4, 0(r5)
	mtspr	1, r4		/* XER */
	ld	r4, 8(r5)
	mtspr	8, r4		/* LR */
	ld	r4, 16(r5)
	mtspr	9, r4		/* CTR */
	ld	r4, 24(r5)
	mtspr	815, r4		/* TAR */
	ld	r4, 32(r5)
	mtspr	17, r4		/* DSCR */
	ld	r4, 40(r5)
	mtspr	896, r4		/* PPR */
	ld	r4, 48(r5)
	mtspr	29, r4		/* AMR */
	ld	r4, 56(r5)
	mtspr	157, r4		/* UAMOR */
	ld	r4, 64(r5)
	mtspr	804, r4		/* EBBHR */
	ld	r4, 72(r5)
	mtspr	805, r4		/* EBBRR */
	ld	r4, 80(r5)
	mtspr	806, r4		/* BESCR */
	ld	r4, 88(r5)
	mtspr	159, r4		/* PSPB */
	ld	r4, 96(r5)
	mtspr	272, r4		/* SPRG0 */
	ld	r4, 104(r5)
	mtspr	273, r4		/* SPRG1 */
	ld	r4, 112(r5)
	mtspr	274, r4		/* SPRG2 */
	ld	r4, 120(r5)
	mtspr	275, r4		/* SPRG3 */
	ld	r4, 128(r5)
	mtspr	26, r4		/* SRR0 */
	ld	r4, 136(r5)
	mtspr	27, r4		/* SRR1 */
	ld	r4, 144(r5)
	mtspr	19, r4		/* DAR */
	ld	r4, 152(r5)
	mtspr	18, r4		/* DSISR */
	ld	r4, 160(r5)
	mtspr	48, r4		/* PIDR */
	ld	r4, 168(r5)
	mtspr	256, r4		/* VRSAVE */
	ld	r4, 176(r5)
	mtspr	153, r4		/* FSCR */
	li	r3, 0x7f0b
	sc	1
	b	.
	/* L2_SPR_READ: the same SPRs, to the doublewords at L2 real 0x3200 */
	.org	l2_code_start + 0xd00
	li	r5, 0x3200
	mfspr	r4, 1		/* XER */
	std	r4, 0(r5)
	mfspr	r4, 8		/* LR */
	std	r4, 8(r5)
	mfspr	r4, 9		/* CTR */
	std	r4, 16(r5)
	mfspr	r4, 815		/* TAR */
	std	r4, 24(r5)
	mfspr	r4, 17		/* DSCR */
	std	r4, 32(r5)
	mfspr	r4, 896		/* PPR */
	std	r4, 40(r5)
	mfspr	r4, 29		/* AMR */
	std	r4, 48(r5)
	mfspr	r4, 157		/* UAMOR */
	std	r4, 56(r5)
	mfspr	r4, 804		/* EBBHR */
	std	r4, 64(r5)
	mfspr	r4, 805		/* EBBRR */
	std	r4, 72(r5)
	mfspr	r4, 806		/* BESCR */
	std	r4, 80(r5)
	mfspr	r4, 159		/* PSPB */
	std	r4, 88(r5)
	mfspr	r4, 272		/* SPRG0 */
	std	r4, 96(r5)
	mfspr	r4, 273		/* SPRG1 */
	std	r4, 104(r5)
	mfspr	r4, 274		/* SPRG2 */
	std	r4, 112(r5)
	mfspr	r4, 275		/* SPRG3 */
	std	r4, 120(r5)
	mfspr	r4, 26		/* SRR0 */
	std	r4, 128(r5)
	mfspr	r4, 27		/* SRR1 */
	std	r4, 136(r5)
	mfspr	r4, 19		/* DAR */
	std	r4, 144(r5)
	mfspr	r4, 18		/* DSISR */
	std	r4, 152(r5)
	mfspr	r4, 48		/* PIDR */
	std	r4, 160(r5)
	mfspr	r4, 256		/* VRSAVE */
	std	r4, 168(r5)
	mfspr	r4, 153		/* FSCR */
	std	r4, 176(r5)
	li	r3, 0x7f0b
	sc	1
	b	.
	/* L2_TB: its timebase in GPR4 */
	.org	l2_code_start + 0xe00
	mfspr	r4, 268
	li	r3, 0x7f0c
	sc	1
	b	.
	/*
	 * L2_COUNT: count in memory at GPR15, with GPR16 and LR the count
	 * too (CTR is not kept across a hypercall); report each step (GPR3 0x7f0d, GPR4 the count). The L1 gives
	 * back GPR17 = 3 * the count, checked here (else GPR3 0x7f0e).
	 */
	.org	l2_code_start + 0xf00
1:	ld	r5, 0(r15)
	addi	r5, r5, 1
	std	r5, 0(r15)
	mr	r16, r5
	mtlr	r5
	li	r3, 0x7f0d
	mr	r4, r5
	sc	1
	mulli	r6, r16, 3
	cmpd	r6, r17
	beq	1b
	li	r3, 0x7f0e
	sc	1
	b	.
l2_code_end:
