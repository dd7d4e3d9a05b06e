/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace stand-in for the kernel's fixed-width types */
#ifndef __SHIM_LINUX_TYPES_H__
#define __SHIM_LINUX_TYPES_H__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#endif
