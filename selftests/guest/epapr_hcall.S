/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * epapr_hcall(in, out, narrow): the ePAPR hypercall sequence that the
 * device tree's "hcall-instructions" advertises (KVM_EPAPR_HCALL_INSN0-3),
 * with R3-R11 = in[0..8]; then out[0..7] = R3-R10. With narrow set the
 * sequence runs in 32-bit mode (MSR_SF clear), as a 32-bit guest's would.
 *
 * R0 and R12 are clobbered, R4-R11 are volatile in the ELFv2 ABI, so only
 * the out pointer needs keeping, in R31.
 */
#include <linux/papr_kvm.h>

	.machine power9
	.abiversion 2
	.text
	.globl epapr_hcall
	.type epapr_hcall, @function
epapr_hcall:
	std	r31, -8(r1)
	mr	r31, r4
	mfmsr	r12
	cmpdi	r5, 0
	beq	1f
	rldicl	r12, r12, 0, 1		/* clear MSR_SF */
1:	ld	r4, 8(r3)
	ld	r5, 16(r3)
	ld	r6, 24(r3)
	ld	r7, 32(r3)
	ld	r8, 40(r3)
	ld	r9, 48(r3)
	ld	r10, 56(r3)
	ld	r11, 64(r3)
	ld	r3, 0(r3)
	mtmsrd	r12
	.long	KVM_EPAPR_HCALL_INSN0
	.long	KVM_EPAPR_HCALL_INSN1
	.long	KVM_EPAPR_HCALL_INSN2
	.long	KVM_EPAPR_HCALL_INSN3
	mfmsr	r12
	li	r0, 1
	rldimi	r12, r0, 63, 0		/* set MSR_SF */
	mtmsrd	r12
	std	r3, 0(r31)
	std	r4, 8(r31)
	std	r5, 16(r31)
	std	r6, 24(r31)
	std	r7, 32(r31)
	std	r8, 40(r31)
	std	r9, 48(r31)
	std	r10, 56(r31)
	ld	r31, -8(r1)
	blr
	.size epapr_hcall, . - epapr_hcall
