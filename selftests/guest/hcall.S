/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hcall(nr, args[9], ret): R3 = nr, R4-R12 = args[0..8], sc 1, then
 * ret->r3 = R3 and ret->r[0..8] = R4-R12. R4-R12 are volatile in the
 * ELFv2 ABI, so only the pointers need keeping across the call.
 */
	.machine power9
	.abiversion 2
	.text
	.globl hcall
	.type hcall, @function
hcall:
	std	r31, -8(r1)
	std	r5, -16(r1)
	mr	r31, r4
	ld	r4, 0(r31)
	ld	r5, 8(r31)
	ld	r6, 16(r31)
	ld	r7, 24(r31)
	ld	r8, 32(r31)
	ld	r9, 40(r31)
	ld	r10, 48(r31)
	ld	r11, 56(r31)
	ld	r12, 64(r31)
	sc	1
	ld	r31, -16(r1)
	std	r3, 0(r31)
	std	r4, 8(r31)
	std	r5, 16(r31)
	std	r6, 24(r31)
	std	r7, 32(r31)
	std	r8, 40(r31)
	std	r9, 48(r31)
	std	r10, 56(r31)
	std	r11, 64(r31)
	std	r12, 72(r31)
	ld	r31, -8(r1)
	blr
	.size hcall, . - hcall
