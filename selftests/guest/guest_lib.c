// SPDX-License-Identifier: GPL-2.0-only
/* Hypercall wrappers and ucalls for selftest guest payloads. */
#include "guest.h"

long hcall0(unsigned long nr)
{
	unsigned long args[9] = { 0 };
	struct hcall_ret ret;

	hcall(nr, args, &ret);
	return ret.r3;
}

long hcall1(unsigned long nr, unsigned long a0)
{
	unsigned long args[9] = { a0 };
	struct hcall_ret ret;

	hcall(nr, args, &ret);
	return ret.r3;
}

long hcall3(unsigned long nr, unsigned long a0, unsigned long a1,
	    unsigned long a2)
{
	unsigned long args[9] = { a0, a1, a2 };
	struct hcall_ret ret;

	hcall(nr, args, &ret);
	return ret.r3;
}

void ucall(unsigned long type, const char *file, int line,
	   unsigned long v0, unsigned long v1)
{
	unsigned long args[9] = { type, (unsigned long)file, line, v0, v1 };
	struct hcall_ret ret;

	hcall(UCALL_HCALL, args, &ret);
}

void guest_fail(const char *file, int line, unsigned long v0,
		unsigned long v1)
{
	for (;;)
		ucall(UCALL_FAIL, file, line, v0, v1);
}

void guest_assert_eq(unsigned long a, unsigned long b, const char *file,
		     int line)
{
	if (a != b)
		guest_fail(file, line, a, b);
}

/* The compiler may emit calls to these for struct copies and zeroing. */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}
