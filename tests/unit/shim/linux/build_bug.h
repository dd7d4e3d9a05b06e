/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel's one-argument static_assert() */
#ifndef __SHIM_LINUX_BUILD_BUG_H__
#define __SHIM_LINUX_BUILD_BUG_H__
#undef static_assert
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)
#endif
