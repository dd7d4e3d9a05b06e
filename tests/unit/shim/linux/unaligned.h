/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unaligned big-endian accessors: memcpy keeps them free of undefined
 * behaviour, and compilers turn it into a single load or store.
 */
#ifndef __SHIM_LINUX_UNALIGNED_H__
#define __SHIM_LINUX_UNALIGNED_H__

#include <string.h>
#include <linux/types.h>

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __shim_be16(x) __builtin_bswap16(x)
#define __shim_be32(x) __builtin_bswap32(x)
#define __shim_be64(x) __builtin_bswap64(x)
#else
#define __shim_be16(x) (x)
#define __shim_be32(x) (x)
#define __shim_be64(x) (x)
#endif

#define __SHIM_UNALIGNED(bits)						\
static inline u##bits get_unaligned_be##bits(const void *p)		\
{									\
	u##bits v;							\
	memcpy(&v, p, sizeof(v));					\
	return __shim_be##bits(v);					\
}									\
static inline void put_unaligned_be##bits(u##bits v, void *p)		\
{									\
	v = __shim_be##bits(v);						\
	memcpy(p, &v, sizeof(v));					\
}

__SHIM_UNALIGNED(16)
__SHIM_UNALIGNED(32)
__SHIM_UNALIGNED(64)

#endif
