/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Freestanding support for selftest guest payloads: hypercalls and the
 * assertions that report to the host through a ucall.
 *
 * A payload defines guest_main(test), which the host selects with R3, and
 * returns from it to report success.
 */
#ifndef SELFTESTS_GUEST_H
#define SELFTESTS_GUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "compat.h"
#include "ucall.h"

struct hcall_ret {
	long r3;
	unsigned long r[9];	/* R4-R12 */
};

/* sc 1 with R3 = nr and R4-R12 = args; everything R4-R12 held comes back. */
void hcall(unsigned long nr, const unsigned long args[9], struct hcall_ret *ret);
long hcall0(unsigned long nr);
long hcall1(unsigned long nr, unsigned long a0);
long hcall3(unsigned long nr, unsigned long a0, unsigned long a1,
	    unsigned long a2);

/*
 * The ePAPR hypercall sequence with R3-R11 = in[0..8] (R11 the number);
 * out[0..7] = R3-R10 afterwards. @narrow runs it in 32-bit mode.
 */
void epapr_hcall(const unsigned long in[9], unsigned long out[8],
		 bool narrow);

void ucall(unsigned long type, const char *file, int line,
	   unsigned long v0, unsigned long v1);

/* Reports UCALL_FAIL; the host ends the test there and never resumes. */
__noreturn void guest_fail(const char *file, int line, unsigned long v0,
			   unsigned long v1);
void guest_assert_eq(unsigned long a, unsigned long b, const char *file,
		     int line);

#define GUEST_ASSERT_EQ(a, b)						\
	guest_assert_eq((unsigned long)(a), (unsigned long)(b),		\
			__FILE__, __LINE__)

#define GUEST_FAIL() guest_fail(__FILE__, __LINE__, 0, 0)

/* Reports figure @index (below UCALL_MAX_VALUES) to the host. */
static inline void guest_report(unsigned long index, unsigned long value)
{
	ucall(UCALL_VALUE, NULL, 0, index, value);
}

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* @cpu is the vCPU's index, 0 to GUEST_MAX_VCPUS - 1 */
void guest_main(unsigned long test, unsigned long cpu);

/*
 * The index of the vCPU that runs the caller, from its stack (ucall.h's
 * layout): the vCPUs share the payload's memory, so no variable can say.
 */
static inline unsigned long guest_cpu(void)
{
	unsigned long sp;

	asm volatile("mr %0, 1" : "=r"(sp));
	return (GUEST_STACK_TOP - sp) / GUEST_STACK_SIZE;
}

#endif
