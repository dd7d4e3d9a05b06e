/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __SHIM_LINUX_COMPILER_H__
#define __SHIM_LINUX_COMPILER_H__
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define noinline	__attribute__((__noinline__))
#endif
