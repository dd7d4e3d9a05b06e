/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm_call(in, out): a hypercall with R14-R31 set to SVM_NV(n), so that
 * the caller sees whether the hypervisor kept the non-volatile registers,
 * and where and with which MSR the guest resumed (the instruction after
 * "sc 1" is SRR0 of the call).
 */
#include "svm.h"

#define IN_NR		0
#define IN_ARGS		8
#define IN_R0		32
#define IN_SRR1		40
#define OUT_R3		0
#define OUT_MSR		8
#define OUT_NV		16

#define FRAME		192
#define SAVE(n)		(32 + ((n) - 14) * 8)
#define OUT_PTR		176

	.machine power9
	.abiversion 2
	.text
	.globl svm_call
	.type svm_call, @function
svm_call:
	stdu	r1, -FRAME(r1)
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	r\n, SAVE(\n)(r1)
	li	r\n, SVM_NV(\n)
	.endr
	std	r4, OUT_PTR(r1)
	mr	r12, r3
	ld	r11, IN_SRR1(r12)
	cmpdi	r11, 0
	beq	1f
	mtsrr1	r11
1:	ld	r0, IN_R0(r12)
	ld	r4, IN_ARGS(r12)
	ld	r5, IN_ARGS + 8(r12)
	ld	r6, IN_ARGS + 16(r12)
	ld	r3, IN_NR(r12)
	sc	1
	li	r11, 0
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	cmpdi	r\n, SVM_NV(\n)
	beq	2f
	li	r12, 1
	sldi	r12, r12, \n
	or	r11, r11, r12
2:	ld	r\n, SAVE(\n)(r1)
	.endr
	mfmsr	r12
	ld	r10, OUT_PTR(r1)
	std	r3, OUT_R3(r10)
	std	r12, OUT_MSR(r10)
	std	r11, OUT_NV(r10)
	addi	r1, r1, FRAME
	blr
	.size svm_call, . - svm_call
