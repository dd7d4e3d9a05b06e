/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GSBs as an L1 builds them, encoded here independently of the codec's
 * writer: shared by the unit tests, the benchmark and the corpus seeds.
 */
#ifndef __GSB_FIXTURES_H__
#define __GSB_FIXTURES_H__

#include <string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "book3s_hv_gsb.h"

struct gsb_build {
	u8 buf[8192];
	size_t len;
	u32 n;
};

static inline void gb_init(struct gsb_build *b)
{
	memset(b->buf, 0, sizeof(b->buf));
	b->len = 4;
	b->n = 0;
}

/* Append an element; returns its byte offset */
static inline size_t gb_elem(struct gsb_build *b, u16 id, u16 size,
			     const void *val)
{
	size_t off = b->len;

	put_unaligned_be16(id, b->buf + off);
	put_unaligned_be16(size, b->buf + off + 2);
	if (size)
		memcpy(b->buf + off + 4, val, size);
	b->len += 4 + size;
	b->n++;
	put_unaligned_be32(b->n, b->buf);
	return off;
}

static inline size_t gb_u64(struct gsb_build *b, u16 id, u64 v)
{
	u8 val[8];

	put_unaligned_be64(v, val);
	return gb_elem(b, id, 8, val);
}

static inline size_t gb_u32(struct gsb_build *b, u16 id, u32 v)
{
	u8 val[4];

	put_unaligned_be32(v, val);
	return gb_elem(b, id, 4, val);
}

static inline size_t gb_pair(struct gsb_build *b, u16 id, u64 a, u64 c)
{
	u8 val[16];

	put_unaligned_be64(a, val);
	put_unaligned_be64(c, val + 8);
	return gb_elem(b, id, 16, val);
}

static inline size_t gb_triple(struct gsb_build *b, u16 id, u64 a, u64 c,
			       u64 d)
{
	u8 val[24];

	put_unaligned_be64(a, val);
	put_unaligned_be64(c, val + 8);
	put_unaligned_be64(d, val + 16);
	return gb_elem(b, id, 24, val);
}

/* Force the count field, e.g. to claim more elements than there are */
static inline void gb_set_count(struct gsb_build *b, u32 n)
{
	put_unaligned_be32(n, b->buf);
}

/* Values a Linux 6.12 L1 could hold for a fresh L2 vCPU */
#define FX_MSR		0x8000000000000033ULL	/* SF IR DR RI LE, no ME */
#define FX_LPCR		0x0040000000000400ULL	/* DPFD=4 GTSE */
#define FX_LPCR2	0x0040000002000c00ULL	/* + ILE MER, sent last */
#define FX_HFSCR	0x219fULL
#define FX_HDEC		0x00000123456789abULL

static inline u64 fx_dw(u16 id)
{
	return 0x0101010101010101ULL * (id & 0xff) ^ ((u64)id << 48);
}

static inline u32 fx_w(u16 id)
{
	return 0x00010000U * (id & 0xff) + 0xbe00 + (id & 0xff);
}

static inline u64 fx_vsr_hi(unsigned int i)
{
	return 0x1000000000000000ULL | (u64)i << 32 | 0xaaaa0000U;
}

static inline u64 fx_vsr_lo(unsigned int i)
{
	return 0x2000000000000000ULL | (u64)i << 32 | 0x5555U;
}

/* The value the Linux L1 sends for a doubleword register of the fixture */
static inline u64 fx_dw_value(u16 id)
{
	switch (id) {
	case KVMHV_GSID_MSR:
		return FX_MSR;
	case KVMHV_GSID_LPCR:
		return FX_LPCR;
	case KVMHV_GSID_HFSCR:
		return FX_HFSCR;
	case KVMHV_GSID_AMOR:
		return ~0ULL;
	case KVMHV_GSID_CIABR:
		return 0x1000ULL | 1;		/* problem-state match */
	default:
		return fx_dw(id);
	}
}

static inline u32 fx_w_value(u16 id)
{
	if (id == KVMHV_GSID_DAWRX0 || id == KVMHV_GSID_DAWRX1)
		return 0x1c3;			/* no HYP bit */
	return fx_w(id);
}

/*
 * The run-vCPU input buffer of a vCPU's first run from a stock Linux
 * 6.12 L1 (reference section 2.3): every thread register it has a fill
 * case for, in its bitmap order, then HDEC_EXPIRY_TB, then LPCR again.
 */
static inline void gb_first_run(struct gsb_build *b)
{
	u16 id;
	unsigned int i;

	gb_init(b);
	for (id = 0x1000; id <= 0x1053; id++) {
		if (id == KVMHV_GSID_HDEC_EXPIRY_TB ||
		    id == KVMHV_GSID_CFAR || id == KVMHV_GSID_HDEXCR)
			continue;
		gb_u64(b, id, fx_dw_value(id));
	}
	for (id = 0x2000; id <= 0x200E; id++)
		gb_u32(b, id, fx_w_value(id));
	for (i = 0; i < 64; i++)
		gb_pair(b, KVMHV_GSID_VSR(i), fx_vsr_hi(i), fx_vsr_lo(i));
	gb_u64(b, KVMHV_GSID_HDEC_EXPIRY_TB, FX_HDEC);
	gb_u64(b, KVMHV_GSID_LPCR, FX_LPCR2);
}

/* A steady-state run input after an hcall exit: 5 dirty elements */
static inline void gb_steady_run(struct gsb_build *b)
{
	gb_init(b);
	gb_u64(b, KVMHV_GSID_GPR(3), 0);
	gb_u64(b, KVMHV_GSID_GPR(4), 0x1234);
	gb_u64(b, KVMHV_GSID_DEC_EXPIRY_TB, 0x00000123456000ULL);
	gb_u64(b, KVMHV_GSID_HDEC_EXPIRY_TB, FX_HDEC);
	gb_u64(b, KVMHV_GSID_LPCR, FX_LPCR);
}

#endif /* __GSB_FIXTURES_H__ */
