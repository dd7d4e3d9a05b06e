/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest State Buffers built by a selftest L1 payload: a be32 element count,
 * then packed {be16 id, be16 size, value} elements, all big-endian.
 */
#ifndef SELFTESTS_GSB_H
#define SELFTESTS_GSB_H

#include "guest.h"

struct gsb {
	u8 *buf;
	u32 len;	/* bytes used, header included */
	u32 count;
};

void gsb_init(struct gsb *b, unsigned long addr);
/* Appends an element; @val (big-endian already) may be NULL for zeros. */
void gsb_add(struct gsb *b, u16 id, u16 size, const void *val);
void gsb_add_u64(struct gsb *b, u16 id, u64 v);
void gsb_add_u32(struct gsb *b, u16 id, u32 v);
/* Writes @count into the header, whatever the elements that follow. */
void gsb_set_count(struct gsb *b, u32 count);
/* The value of element @i, read back after a GET. */
u64 gsb_value_u64(const struct gsb *b, unsigned int i);
u32 gsb_value_u32(const struct gsb *b, unsigned int i);
const u8 *gsb_value(const struct gsb *b, unsigned int i);

static inline u64 cpu_to_be64(u64 v)
{
	return __builtin_bswap64(v);
}

#endif
