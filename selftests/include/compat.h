/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel-style helpers for the selftests' userspace and guest code. */
#ifndef SELFTESTS_COMPAT_H
#define SELFTESTS_COMPAT_H

#include <linux/types.h>

typedef __u64 u64;
typedef __u32 u32;
typedef __u16 u16;
typedef __u8 u8;

#define BIT(n)			(1UL << (n))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define __printf(a, b)		__attribute__((__format__(__printf__, a, b)))
#define __noreturn		__attribute__((__noreturn__))

#endif
