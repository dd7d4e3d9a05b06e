/* SPDX-License-Identifier: GPL-2.0-only */
/* The smoke suite's guest tests, selected by the host through R3. */
#ifndef SELFTESTS_SMOKE_H
#define SELFTESTS_SMOKE_H

enum smoke_test {
	SMOKE_ECHO = 1,
	SMOKE_H_PROD,
	SMOKE_H_PAGE_INIT,
	SMOKE_H_PAGE_INIT_DISABLED,
	SMOKE_UNHANDLED_HCALLS,
	SMOKE_SVM_ABORT_NORMAL_VM,
	SMOKE_ILLEGAL_INSTRUCTION,
	SMOKE_ECHO_LOOP,
};

/* SMOKE_ECHO_LOOP: echo hcalls in a row, timed by the host. */
#define ECHO_LOOPS		100

/* What the host returns for ECHO_HCALL: R3 and R4-R12 = ~args. */
#define ECHO_RET		0x5a
#define ECHO_ARG(i)		(0x1111111111111111UL * ((i) + 1))

/* An hcall number no KVM knows, above the PAPR range. */
#define UNKNOWN_HCALL		0x7c08

#define PAGE_A			0x100000UL
#define PAGE_B			0x101000UL
#define PAGE_SIZE_4K		4096UL

#endif
