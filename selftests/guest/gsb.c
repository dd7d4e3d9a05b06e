// SPDX-License-Identifier: GPL-2.0-only
/* Guest State Buffers for selftest L1 payloads (little-endian guests). */
#include "gsb.h"

static void put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put_be32(u8 *p, u32 v)
{
	put_be16(p, v >> 16);
	put_be16(p + 2, v);
}

static void put_be64(u8 *p, u64 v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, v);
}

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

void gsb_init(struct gsb *b, unsigned long addr)
{
	b->buf = (u8 *)addr;
	b->len = 4;
	b->count = 0;
	put_be32(b->buf, 0);
}

void gsb_set_count(struct gsb *b, u32 count)
{
	put_be32(b->buf, count);
}

void gsb_add(struct gsb *b, u16 id, u16 size, const void *val)
{
	u8 *p = b->buf + b->len;

	put_be16(p, id);
	put_be16(p + 2, size);
	if (val)
		memcpy(p + 4, val, size);
	else
		memset(p + 4, 0, size);
	b->len += 4 + size;
	gsb_set_count(b, ++b->count);
}

void gsb_add_u64(struct gsb *b, u16 id, u64 v)
{
	u8 val[8];

	put_be64(val, v);
	gsb_add(b, id, 8, val);
}

void gsb_add_u32(struct gsb *b, u16 id, u32 v)
{
	u8 val[4];

	put_be32(val, v);
	gsb_add(b, id, 4, val);
}

const u8 *gsb_value(const struct gsb *b, unsigned int i)
{
	const u8 *p = b->buf + 4;

	while (i--)
		p += 4 + (p[2] << 8 | p[3]);
	return p + 4;
}

u32 gsb_value_u32(const struct gsb *b, unsigned int i)
{
	return get_be32(gsb_value(b, i));
}

u64 gsb_value_u64(const struct gsb *b, unsigned int i)
{
	const u8 *p = gsb_value(b, i);

	return (u64)get_be32(p) << 32 | get_be32(p + 4);
}
