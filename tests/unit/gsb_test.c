// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the GSB codec (book3s_hv_gsb.c), built with the shim
 * headers under ASan/UBSan. One line per test:
 *   ok - gsb: <name>   or   not ok - gsb: <name>  (+ "# ..." diagnostics)
 *
 * "gsb_test --corpus DIR" writes the fuzzer's seed GSBs into DIR instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/array_size.h>
#include <asm/hvcall.h>

#include "book3s_hv_gsb.h"
#include "gsb_fixtures.h"

static int checks_failed;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			printf("# %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			checks_failed++;				\
		}							\
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		unsigned long long _a = (a), _b = (b);			\
		if (_a != _b) {						\
			printf("# %s:%d: %s == %s: 0x%llx != 0x%llx\n",	\
			       __FILE__, __LINE__, #a, #b, _a, _b);	\
			checks_failed++;				\
		}							\
	} while (0)

#define CAPS (H_GUEST_CAP_POWER9 | H_GUEST_CAP_POWER10)

struct stores {
	struct kvmhv_gsb_vcpu vcpu;
	struct kvmhv_gsb_guest guest;
	struct kvmhv_gsb_host host;
};

static struct stores *stores_new(void)
{
	struct stores *s = calloc(1, sizeof(*s));

	kvmhv_gsb_vcpu_init(&s->vcpu);
	kvmhv_gsb_guest_init(&s->guest);
	return s;
}

static struct kvmhv_gsb_req req_of(struct stores *s, enum kvmhv_gsb_op op,
				   u8 scope)
{
	struct kvmhv_gsb_req r = {
		.vcpu = &s->vcpu, .guest = &s->guest, .host = &s->host,
		.caps = CAPS, .op = op, .scope = scope,
	};
	return r;
}

/*
 * Run a GSB from a heap block of exactly @len, so that ASan catches any
 * read past it; a GET's result is copied back into @buf.
 */
static long run(struct stores *s, enum kvmhv_gsb_op op, u8 scope,
		u8 *buf, size_t len, struct kvmhv_gsb_err *err)
{
	struct kvmhv_gsb_req r = req_of(s, op, scope);
	u8 *copy = malloc(len ? len : 1);
	long rc;

	memcpy(copy, buf, len);
	if (op == KVMHV_GSB_GET)
		rc = kvmhv_gsb_get(&r, copy, len, err);
	else
		rc = kvmhv_gsb_set(&r, copy, len, err);
	memcpy(buf, copy, len);
	free(copy);
	CHECK_EQ(rc, err->rc);
	return rc;
}

static long run_b(struct stores *s, enum kvmhv_gsb_op op, u8 scope,
		  struct gsb_build *b, struct kvmhv_gsb_err *err)
{
	return run(s, op, scope, b->buf, b->len, err);
}

/* The element table as kvm-nested.rst and Documentation/gsb.rst give it */
#define T KVMHV_GSB_THREAD
#define G KVMHV_GSB_GUEST
#define H KVMHV_GSB_HOST
#define R KVMHV_GSB_READ
#define W KVMHV_GSB_WRITE
static const struct spec_range {
	u16 first, last;
	u8 size, scope, access;
} spec[] = {
	{ 0x0000, 0x0000, 0, T | G | H, R | W },
	{ 0x0001, 0x0002, 8, G, R },
	{ 0x0003, 0x0003, 4, G, R | W },
	{ 0x0004, 0x0004, 8, G, R | W },
	{ 0x0005, 0x0005, 24, G, R | W },
	{ 0x0006, 0x0006, 16, G, R | W },
	{ 0x0800, 0x0804, 8, H, R },
	{ 0x0C00, 0x0C01, 16, T, R | W },
	{ 0x0C02, 0x0C02, 8, T, R | W },
	{ 0x1000, 0x101F, 8, T, R | W },
	{ 0x1020, 0x1020, 8, T, W },
	{ 0x1021, 0x1053, 8, T, R | W },
	{ 0x2000, 0x200E, 4, T, R | W },
	{ 0x3000, 0x303F, 16, T, R | W },
	{ 0xF000, 0xF000, 8, T, R },
	{ 0xF001, 0xF001, 4, T, R },
	{ 0xF002, 0xF002, 8, T, R },
	{ 0xF003, 0xF003, 8, T, R },
};

static const struct spec_range *spec_of(u16 id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(spec); i++)
		if (id >= spec[i].first && id <= spec[i].last)
			return &spec[i];
	return NULL;
}

static void test_table_complete(void)
{
	unsigned char seen[KVMHV_GSB_NR_ELEMS] = { 0 };
	unsigned int id, index, known = 0;

	for (id = 0; id <= 0xffff; id++) {
		struct kvmhv_gsb_info info;
		const struct kvmhv_gsb_info *e = NULL;
		const struct spec_range *sp = spec_of(id);

		if (kvmhv_gsb_lookup(id, &info)) {
			e = &info;
			index = info.index;
		}
		if (!sp) {
			if (e)
				printf("# id 0x%04x should be unknown\n", id);
			CHECK(!e);
			continue;
		}
		if (!e) {
			printf("# id 0x%04x missing\n", id);
			checks_failed++;
			continue;
		}
		known++;
		CHECK(index < KVMHV_GSB_NR_ELEMS);
		CHECK(!seen[index]);
		seen[index] = 1;
		if (e->size != sp->size ||
		    (e->attr & (T | G | H)) != sp->scope ||
		    (e->attr & (R | W)) != sp->access) {
			printf("# id 0x%04x: size %u attr 0x%x\n", id, e->size,
			       e->attr);
			checks_failed++;
		}
		/* Thread elements have a dirty bit in the vCPU store */
		CHECK((sp->scope == T) == (index < KVMHV_GSB_NR_THREAD));
	}
	CHECK_EQ(known, KVMHV_GSB_NR_ELEMS);
}

/* A value the policy of @id keeps as it is, encoded in @val */
static void valid_value(u16 id, u8 *val, unsigned int size)
{
	switch (id) {
	case KVMHV_GSID_LOGICAL_PVR:
		put_unaligned_be32(0x0f000006, val);
		return;
	case KVMHV_GSID_TB_OFFSET:
		put_unaligned_be64(0xfffffff123000000ULL, val);
		return;
	case KVMHV_GSID_PARTITION_TABLE:
		put_unaligned_be64(0x12340000, val);
		put_unaligned_be64(52, val + 8);
		put_unaligned_be64(0x10000, val + 16);
		return;
	case KVMHV_GSID_PROCESS_TABLE:
		put_unaligned_be64(0x56781000, val);
		put_unaligned_be64(1 << 24, val + 8);
		return;
	case KVMHV_GSID_RUN_INPUT:
	case KVMHV_GSID_RUN_OUTPUT:
		put_unaligned_be64(0x100000 * (id - 0x0bff), val);
		put_unaligned_be64(id == KVMHV_GSID_RUN_INPUT ? 4096 : 128,
				   val + 8);
		return;
	case KVMHV_GSID_VPA:
		put_unaligned_be64(0x123480, val);
		return;
	case KVMHV_GSID_MSR:
		put_unaligned_be64(FX_MSR | 0x1000, val);
		return;
	case KVMHV_GSID_LPCR:
		put_unaligned_be64(FX_LPCR2, val);
		return;
	case KVMHV_GSID_HFSCR:
		put_unaligned_be64(FX_HFSCR, val);
		return;
	case KVMHV_GSID_CIABR:
		put_unaligned_be64(0x1002, val);
		return;
	case KVMHV_GSID_DAWRX0:
	case KVMHV_GSID_DAWRX1:
		put_unaligned_be32(0x1c3, val);
		return;
	}
	if (size == 4) {
		put_unaligned_be32(fx_w(id), val);
	} else {
		put_unaligned_be64(fx_dw(id), val);
		if (size == 16)
			put_unaligned_be64(~fx_dw(id), val + 8);
	}
}

static u8 scope_of(const struct kvmhv_gsb_info *e)
{
	return e->attr & (T | G | H);
}

/*
 * Put a read-only value into the store the way the L0 would: through
 * the store's fields, independently of the codec's table.
 */
static void fill_read_only(struct stores *s, u16 id, const u8 *val)
{
	switch (id) {
	case KVMHV_GSID_HDAR:
		s->vcpu.r.hdar = get_unaligned_be64(val);
		break;
	case KVMHV_GSID_HDSISR:
		s->vcpu.r.hdsisr = get_unaligned_be32(val);
		break;
	case KVMHV_GSID_HEIR:
		s->vcpu.r.heir = get_unaligned_be64(val);
		break;
	case KVMHV_GSID_ASDR:
		s->vcpu.r.asdr = get_unaligned_be64(val);
		break;
	default:
		if (id >= 0x0800 && id <= 0x0804)
			s->host.reg[id - 0x0800] = get_unaligned_be64(val);
		break;
	}
}

static int ranges_disjoint(unsigned char *claimed, const void *before,
			   const void *after, size_t len, size_t skip)
{
	const unsigned char *a = before, *b = after;
	size_t i;
	int changed = 0, ok = 1;

	for (i = skip; i < len; i++) {
		if (a[i] == b[i])
			continue;
		changed = 1;
		if (claimed[i])
			ok = 0;
		claimed[i] = 1;
	}
	return changed && ok;
}

/*
 * Every element: encode it as an L1 would, SET it (or fill a read-only
 * one as the L0 would), check that it changed store bytes no other
 * element uses, GET it back and write it with the writer: both must give
 * the L1's bytes.
 */
static void test_round_trip_all(void)
{
	static unsigned char claim_v[sizeof(struct kvmhv_gsb_vcpu)];
	static unsigned char claim_g[sizeof(struct kvmhv_gsb_guest)];
	unsigned int id, index, tested = 0;

	memset(claim_v, 0, sizeof(claim_v));
	memset(claim_g, 0, sizeof(claim_g));
	for (id = 1; id <= 0xffff; id++) {
		struct kvmhv_gsb_info info;
		const struct kvmhv_gsb_info *e = &info;
		struct stores *s, *before;
		struct gsb_build in, out;
		struct kvmhv_gsb_writer w;
		struct kvmhv_gsb_req r;
		struct kvmhv_gsb_err err;
		u8 val[24], wbuf[64];

		if (!kvmhv_gsb_lookup(id, &info))
			continue;
		index = info.index;
		s = stores_new();
		before = stores_new();
		memset(val, 0, sizeof(val));
		valid_value(id, val, e->size);
		gb_init(&in);
		gb_elem(&in, id, e->size, val);
		if (e->attr & W) {
			CHECK_EQ(run_b(s, KVMHV_GSB_SET, scope_of(e), &in,
				       &err), H_SUCCESS);
		} else {
			fill_read_only(s, id, val);
		}
		if (scope_of(e) == T && !ranges_disjoint(claim_v, &before->vcpu,
							 &s->vcpu,
							 sizeof(s->vcpu),
							 sizeof(s->vcpu.dirty))) {
			printf("# id 0x%04x: vCPU store bytes not its own\n",
			       id);
			checks_failed++;
		}
		if (scope_of(e) == G && (e->attr & W) &&
		    !ranges_disjoint(claim_g, &before->guest, &s->guest,
				     sizeof(s->guest),
				     sizeof(s->guest.dirty))) {
			printf("# id 0x%04x: guest store bytes not its own\n",
			       id);
			checks_failed++;
		}
		if (e->attr & W) {
			if (scope_of(e) == T)
				CHECK(kvmhv_gsb_vcpu_dirty(&s->vcpu, index));
			else
				CHECK(s->guest.dirty &
				      (1ULL << (index - KVMHV_GSB_IDX_GUEST)));
		}

		/* GET: the L1 sends id and size, the L0 fills the value */
		out = in;
		memset(out.buf + 8, 0xee, e->size);
		if (e->attr & R) {
			CHECK_EQ(run(s, KVMHV_GSB_GET, scope_of(e), out.buf,
				     out.len, &err), H_SUCCESS);
		}

		r = req_of(s, KVMHV_GSB_GET, scope_of(e));
		kvmhv_gsb_writer_init(&w, wbuf, sizeof(wbuf));
		CHECK_EQ(kvmhv_gsb_put(&w, &r, id), H_SUCCESS);
		CHECK_EQ(kvmhv_gsb_writer_finish(&w), in.len);
		if (id == KVMHV_GSID_HOST_STATE_SIZE ||
		    id == KVMHV_GSID_RUN_OUTPUT_MIN_SIZE) {
			u64 want = id == KVMHV_GSID_HOST_STATE_SIZE ?
				   sizeof(struct kvmhv_gsb_vcpu) : 0x100;

			CHECK_EQ(get_unaligned_be64(wbuf + 8), want);
			CHECK_EQ(get_unaligned_be64(out.buf + 8), want);
		} else {
			if (memcmp(wbuf, in.buf, in.len))
				printf("# id 0x%04x: writer differs\n", id);
			CHECK(!memcmp(wbuf, in.buf, in.len));
			if ((e->attr & R) && memcmp(out.buf, in.buf, in.len))
				printf("# id 0x%04x: GET differs\n", id);
			CHECK(!(e->attr & R) ||
			      !memcmp(out.buf, in.buf, in.len));
		}
		tested++;
		free(s);
		free(before);
	}
	CHECK_EQ(tested, KVMHV_GSB_NR_ELEMS - 1);
}

/* Every element a SET may write, or the L0 fills, with a valid value */
static void fill_all(struct stores *s)
{
	struct kvmhv_gsb_info e;
	struct gsb_build in;
	struct kvmhv_gsb_err err;
	unsigned int id;
	u8 val[24];

	for (id = 1; id <= 0xffff; id++) {
		if (!kvmhv_gsb_lookup(id, &e) || scope_of(&e) == H)
			continue;
		memset(val, 0, sizeof(val));
		valid_value(id, val, e.size);
		if (!(e.attr & W)) {
			fill_read_only(s, id, val);
			continue;
		}
		gb_init(&in);
		gb_elem(&in, id, e.size, val);
		CHECK_EQ(run_b(s, KVMHV_GSB_SET, scope_of(&e), &in, &err),
			 H_SUCCESS);
	}
}

/* Save @scope of @from, restore it into a fresh store: H_SUCCESS */
static struct stores *save_restore(struct stores *from, u8 scope)
{
	size_t size = kvmhv_gsb_save_size(scope);
	struct kvmhv_gsb_req r = req_of(from, KVMHV_GSB_GET, scope);
	struct stores *to = stores_new();
	struct kvmhv_gsb_writer w;
	struct kvmhv_gsb_err err;
	u8 *buf = malloc(size);

	kvmhv_gsb_writer_init(&w, buf, size - 1);
	CHECK_EQ(kvmhv_gsb_save(&w, &r, scope), H_OUTPUT_BUFFER_TOO_SMALL);
	kvmhv_gsb_writer_init(&w, buf, size);
	CHECK_EQ(kvmhv_gsb_save(&w, &r, scope), H_SUCCESS);
	CHECK_EQ(w.used, size);
	r = req_of(to, KVMHV_GSB_RESTORE, scope);
	CHECK_EQ(kvmhv_gsb_restore(&r, buf, size, &err), H_SUCCESS);
	free(buf);
	return to;
}

static void test_save_restore(void)
{
	struct stores *s = stores_new(), *t;
	struct kvmhv_gsb_req r = req_of(s, KVMHV_GSB_RESTORE, T);
	struct kvmhv_gsb_err err;
	struct gsb_build b;

	fill_all(s);
	/*
	 * 86 8-byte registers and the VPA, 16 4-byte registers, 64 VSRs and
	 * 2 run buffers: all but HDEC, which the L0 consumes at entry
	 */
	CHECK_EQ(kvmhv_gsb_save_size(T), 4 + 87 * 12 + 16 * 8 + 66 * 20);
	CHECK_EQ(kvmhv_gsb_save_size(G), 4 + 8 + 12 + 28 + 20);
	t = save_restore(s, T);
	s->vcpu.r.hdec_expiry_tb = 0;
	CHECK(!memcmp(s->vcpu.reg, t->vcpu.reg, sizeof(s->vcpu.reg)));
	CHECK(!memcmp(s->vcpu.vsr, t->vcpu.vsr, sizeof(s->vcpu.vsr)));
	CHECK(!memcmp(s->vcpu.run_buf, t->vcpu.run_buf,
		      sizeof(s->vcpu.run_buf)));
	CHECK_EQ(s->vcpu.vpa, t->vcpu.vpa);
	free(t);
	t = save_restore(s, G);
	CHECK(!memcmp(s->guest.reg, t->guest.reg, sizeof(s->guest.reg)));
	CHECK(!memcmp(&s->guest.part_table, &t->guest.part_table,
		      sizeof(s->guest.part_table)));
	CHECK(!memcmp(&s->guest.proc_table, &t->guest.proc_table,
		      sizeof(s->guest.proc_table)));
	free(t);

	/* What no saved state holds, and values no SET takes */
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_HDEC_EXPIRY_TB, 1);
	CHECK_EQ(kvmhv_gsb_restore(&r, b.buf, b.len, &err),
		 H_INVALID_ELEMENT_ID);
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_GPR(1), 1);
	gb_u64(&b, KVMHV_GSID_MSR, FX_MSR | (1ULL << 33));
	CHECK_EQ(kvmhv_gsb_restore(&r, b.buf, b.len, &err),
		 H_INVALID_ELEMENT_VALUE);
	CHECK_EQ(err.index, 1);
	CHECK_EQ(kvmhv_gsb_restore(&r, b.buf, b.len - 1, &err), H_P5);
	r = req_of(s, KVMHV_GSB_RESTORE, G);
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_HOST_STATE_SIZE, 1);
	CHECK_EQ(kvmhv_gsb_restore(&r, b.buf, b.len, &err),
		 H_INVALID_ELEMENT_ID);
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_L0_GUEST_HEAP, 1);
	CHECK_EQ(kvmhv_gsb_restore(&r, b.buf, b.len, &err),
		 H_INVALID_ELEMENT_ID);
	free(s);
}

static void test_scalars_in_named_fields(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	unsigned int i;

	gb_init(&b);
	gb_u32(&b, KVMHV_GSID_CR, 0x84422448);
	gb_u64(&b, KVMHV_GSID_XER, 0x20040000);
	gb_u64(&b, KVMHV_GSID_FPSCR, 0x82004000);
	gb_u32(&b, KVMHV_GSID_VSCR, 0x00010001);
	for (i = 0; i < 6; i++)
		gb_u32(&b, KVMHV_GSID_PMC(i), 0x80000000 + i);
	for (i = 0; i < 4; i++)
		gb_u64(&b, KVMHV_GSID_MMCR(i), 0x100 + i);
	for (i = 0; i < 3; i++)
		gb_u64(&b, KVMHV_GSID_SIER(i), 0x200 + i);
	gb_u64(&b, KVMHV_GSID_MMCRA, 0x300);
	gb_u64(&b, KVMHV_GSID_BESCR, 0x400);
	gb_u64(&b, KVMHV_GSID_EBBHR, 0x500);
	gb_u64(&b, KVMHV_GSID_EBBRR, 0x600);
	gb_u64(&b, KVMHV_GSID_SDAR, 0x700);
	gb_u64(&b, KVMHV_GSID_SIAR, 0x800);
	gb_u64(&b, KVMHV_GSID_DEC_EXPIRY_TB, 0x900);
	gb_u32(&b, KVMHV_GSID_PIDR, 0xffffffff);
	CHECK_EQ(run_b(s, KVMHV_GSB_RUN_INPUT, T, &b, &err), H_SUCCESS);
	/* 4-byte elements are zero-extended */
	CHECK_EQ(s->vcpu.r.cr, 0x84422448);
	CHECK_EQ(s->vcpu.r.pidr, 0xffffffffULL);
	CHECK_EQ(s->vcpu.r.xer, 0x20040000);
	CHECK_EQ(s->vcpu.r.fpscr, 0x82004000);
	CHECK_EQ(s->vcpu.r.vscr, 0x00010001);
	for (i = 0; i < 6; i++)
		CHECK_EQ(s->vcpu.r.pmc[i], 0x80000000ULL + i);
	for (i = 0; i < 4; i++)
		CHECK_EQ(s->vcpu.r.mmcr[i], 0x100 + i);
	for (i = 0; i < 3; i++)
		CHECK_EQ(s->vcpu.r.sier[i], 0x200 + i);
	CHECK_EQ(s->vcpu.r.mmcra, 0x300);
	CHECK_EQ(s->vcpu.r.bescr, 0x400);
	CHECK_EQ(s->vcpu.r.ebbhr, 0x500);
	CHECK_EQ(s->vcpu.r.ebbrr, 0x600);
	CHECK_EQ(s->vcpu.r.sdar, 0x700);
	CHECK_EQ(s->vcpu.r.siar, 0x800);
	CHECK_EQ(s->vcpu.r.dec_expiry_tb, 0x900);

	/* A GET of a 4-byte element writes the low word only */
	s->vcpu.r.cr = 0xdeadbeef12345678ULL;
	gb_init(&b);
	gb_u32(&b, KVMHV_GSID_CR, 0);
	CHECK_EQ(run_b(s, KVMHV_GSB_GET, T, &b, &err), H_SUCCESS);
	CHECK_EQ(get_unaligned_be32(b.buf + 8), 0x12345678);
	free(s);
}

static void test_vsr_doubleword_order(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_req r = req_of(s, KVMHV_GSB_GET, T);
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	u8 native[16], wire[16];
	unsigned int i;

	gb_init(&b);
	gb_pair(&b, KVMHV_GSID_VSR(0), 0x0011223344556677ULL,
		0x8899aabbccddeeffULL);
	gb_pair(&b, KVMHV_GSID_VSR(63), 0x0f0e0d0c0b0a0908ULL,
		0x0706050403020100ULL);
	CHECK_EQ(run_b(s, KVMHV_GSB_SET, T, &b, &err), H_SUCCESS);
	/* The FPR of VSR0 is its high doubleword, the kernel's fpr[0][TS_FPROFFSET] */
	CHECK_EQ(s->vcpu.vsr[0][KVMHV_GSB_VSR_HI], 0x0011223344556677ULL);
	CHECK_EQ(s->vcpu.vsr[0][KVMHV_GSB_VSR_LO], 0x8899aabbccddeeffULL);
	/*
	 * The store holds the register as a host-order 128-bit value, like
	 * vr.vr[]: on a little-endian host its bytes are the wire reversed.
	 */
	memcpy(native, s->vcpu.vsr[63], 16);
	memcpy(wire, b.buf + 4 + 20 + 4, 16);
	for (i = 0; i < 16; i++) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		CHECK_EQ(native[i], wire[15 - i]);
#else
		CHECK_EQ(native[i], wire[i]);
#endif
	}
	/* And back: GET gives the L1's bytes */
	memset(b.buf + 8, 0, 16);
	memset(b.buf + 28, 0, 16);
	CHECK_EQ(kvmhv_gsb_get(&r, b.buf, b.len, &err), H_SUCCESS);
	CHECK_EQ(get_unaligned_be64(b.buf + 8), 0x0011223344556677ULL);
	CHECK_EQ(get_unaligned_be64(b.buf + 16), 0x8899aabbccddeeffULL);
	CHECK(!memcmp(b.buf + 28, wire, 16));
	free(s);
}

/*
 * Error cases: each is placed first, in the middle and last among valid
 * elements of the same scope, and must be reported at its exact index
 * and byte offset.
 */
struct bad_case {
	const char *name;
	enum kvmhv_gsb_op op;
	u8 scope;
	long rc;
	void (*add)(struct gsb_build *b);
};

static void bad_unknown_low(struct gsb_build *b)
{
	gb_u64(b, 0x0007, 0);
}

static void bad_unknown_gpr(struct gsb_build *b)
{
	gb_u64(b, 0x1054, 0);
}

static void bad_unknown_intr(struct gsb_build *b)
{
	gb_u64(b, 0xF004, 0);
}

static void bad_unknown_vsr(struct gsb_build *b)
{
	gb_pair(b, 0x3040, 0, 0);
}

static void bad_size_gpr(struct gsb_build *b)
{
	gb_u32(b, KVMHV_GSID_GPR(7), 0);
}

static void bad_size_cr(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_CR, 0);
}

static void bad_size_heir4(struct gsb_build *b)
{
	gb_u32(b, KVMHV_GSID_HEIR, 0);
}

static void bad_size_vsr(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_VSR(2), 0);
}

static void bad_ro_hdar(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_HDAR, 0);
}

static void bad_ro_out_min(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_RUN_OUTPUT_MIN_SIZE, 0);
}

static void bad_wo_hdec(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_HDEC_EXPIRY_TB, 0);
}

static void bad_guest_in_thread(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_TB_OFFSET, 0);
}

static void bad_thread_in_guest(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_GPR(0), 0);
}

static void bad_host_in_guest(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_L0_GUEST_HEAP, 0);
}

static void bad_msr_hv(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_MSR, FX_MSR | (1ULL << 60));
}

static void bad_msr_s(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_MSR, FX_MSR | (1ULL << 22));
}

static void bad_vpa(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_VPA, 0x123440);
}

static void bad_run_out_small(struct gsb_build *b)
{
	gb_pair(b, KVMHV_GSID_RUN_OUTPUT, 0x100000, 0x7f);
}

static void bad_tb_offset(struct gsb_build *b)
{
	gb_u64(b, KVMHV_GSID_TB_OFFSET, 0x1000000 + 0x800000);
}

static void bad_lpvr(struct gsb_build *b)
{
	gb_u32(b, KVMHV_GSID_LOGICAL_PVR, 0x0f000004);
}

static void bad_part_table(struct gsb_build *b)
{
	gb_triple(b, KVMHV_GSID_PARTITION_TABLE, 0x10000, 48, 0x10000);
}

static void bad_proc_table(struct gsb_build *b)
{
	gb_pair(b, KVMHV_GSID_PROCESS_TABLE, 0x1000, 0x3000);
}

#define SG (KVMHV_GSB_SET)
static const struct bad_case bad_cases[] = {
	{ "unknown id 0x0007", SG, T, H_INVALID_ELEMENT_ID, bad_unknown_low },
	{ "unknown id 0x1054", SG, T, H_INVALID_ELEMENT_ID, bad_unknown_gpr },
	{ "unknown id 0xF004", KVMHV_GSB_GET, T, H_INVALID_ELEMENT_ID,
	  bad_unknown_intr },
	{ "unknown id 0x3040", KVMHV_GSB_RUN_INPUT, T, H_INVALID_ELEMENT_ID,
	  bad_unknown_vsr },
	{ "GPR of 4 bytes", SG, T, H_INVALID_ELEMENT_SIZE, bad_size_gpr },
	{ "CR of 8 bytes", KVMHV_GSB_RUN_INPUT, T, H_INVALID_ELEMENT_SIZE,
	  bad_size_cr },
	{ "HEIR of 4 bytes in GET", KVMHV_GSB_GET, T, H_INVALID_ELEMENT_SIZE,
	  bad_size_heir4 },
	{ "VSR of 8 bytes", SG, T, H_INVALID_ELEMENT_SIZE, bad_size_vsr },
	{ "read-only HDAR in SET", SG, T, H_INVALID_ELEMENT_ID, bad_ro_hdar },
	{ "read-only HDAR in run input", KVMHV_GSB_RUN_INPUT, T,
	  H_INVALID_ELEMENT_ID, bad_ro_hdar },
	{ "read-only 0x0002 in SET", SG, G, H_INVALID_ELEMENT_ID,
	  bad_ro_out_min },
	{ "write-only HDEC expiry in GET", KVMHV_GSB_GET, T,
	  H_INVALID_ELEMENT_ID, bad_wo_hdec },
	{ "guest-wide element in thread SET", SG, T, H_INVALID_ELEMENT_ID,
	  bad_guest_in_thread },
	{ "guest-wide element in run input", KVMHV_GSB_RUN_INPUT, T,
	  H_INVALID_ELEMENT_ID, bad_guest_in_thread },
	{ "thread element in guest-wide SET", SG, G, H_INVALID_ELEMENT_ID,
	  bad_thread_in_guest },
	{ "host-wide element in guest-wide GET", KVMHV_GSB_GET, G,
	  H_INVALID_ELEMENT_ID, bad_host_in_guest },
	{ "thread element in host-wide GET", KVMHV_GSB_GET, H,
	  H_INVALID_ELEMENT_ID, bad_thread_in_guest },
	{ "MSR with HV", SG, T, H_INVALID_ELEMENT_VALUE, bad_msr_hv },
	{ "MSR with S in run input", KVMHV_GSB_RUN_INPUT, T,
	  H_INVALID_ELEMENT_VALUE, bad_msr_s },
	{ "VPA not cache-line aligned", SG, T, H_INVALID_ELEMENT_VALUE,
	  bad_vpa },
	{ "run output buffer below 0x80", SG, T, H_INVALID_ELEMENT_VALUE,
	  bad_run_out_small },
	{ "TB offset not 2^24 aligned", SG, G, H_INVALID_ELEMENT_VALUE,
	  bad_tb_offset },
	{ "logical PVR of ISA 2.07", SG, G, H_INVALID_ELEMENT_VALUE,
	  bad_lpvr },
	{ "partition table of 48 EA bits", SG, G, H_INVALID_ELEMENT_VALUE,
	  bad_part_table },
	{ "process table size not a power of 2", SG, G,
	  H_INVALID_ELEMENT_VALUE, bad_proc_table },
};

/* Valid elements of each size class for the scope, to surround a case */
static void add_filler(struct gsb_build *b, u8 scope, enum kvmhv_gsb_op op,
		       unsigned int k)
{
	static const u16 thread_ids[] = {
		KVMHV_GSID_GPR(1), KVMHV_GSID_CR, KVMHV_GSID_VSR(5),
		KVMHV_GSID_NOP, KVMHV_GSID_LPCR,
	};
	u8 val[24] = { 0 };

	if (scope == T) {
		u16 id = thread_ids[k % 5];
		struct kvmhv_gsb_info e;

		if (id == KVMHV_GSID_NOP) {
			/* A NOP may have any size: give it an odd one */
			gb_elem(b, id, 3, val);
			return;
		}
		kvmhv_gsb_lookup(id, &e);
		valid_value(id, val, e.size);
		gb_elem(b, id, e.size, val);
	} else if (scope == G && op == KVMHV_GSB_GET) {
		gb_u64(b, k & 1 ? KVMHV_GSID_RUN_OUTPUT_MIN_SIZE :
			  KVMHV_GSID_HOST_STATE_SIZE, 0);
	} else if (scope == G) {
		if (k & 1) {
			valid_value(KVMHV_GSID_PROCESS_TABLE, val, 16);
			gb_elem(b, KVMHV_GSID_PROCESS_TABLE, 16, val);
		} else {
			gb_u64(b, KVMHV_GSID_TB_OFFSET, 0x5000000);
		}
	} else {
		gb_u64(b, KVMHV_GSID_L0_GUEST_HEAP_MAX - (k & 1), 0);
	}
}

static int check_at(const struct bad_case *c, const char *where,
		    unsigned int before, unsigned int after)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	unsigned int k;
	size_t off;
	int bad = 0;

	gb_init(&b);
	for (k = 0; k < before; k++)
		add_filler(&b, c->scope, c->op, k);
	off = b.len;
	c->add(&b);
	for (k = 0; k < after; k++)
		add_filler(&b, c->scope, c->op, k + before);
	run_b(s, c->op, c->scope, &b, &err);
	if (err.rc != c->rc || err.index != before || err.offset != off) {
		printf("# %s, %s: rc %ld index %u offset %u, want %ld %u %zu\n",
		       c->name, where, err.rc, err.index, err.offset, c->rc,
		       before, off);
		bad = 1;
	}
	CHECK_EQ(kvmhv_gsb_err_r4(&err, c->op),
		 c->op == KVMHV_GSB_RUN_INPUT ? off : before);
	free(s);
	return bad;
}

static void test_errors_at_each_position(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		checks_failed += check_at(&bad_cases[i], "first", 0, 3);
		checks_failed += check_at(&bad_cases[i], "middle", 2, 2);
		checks_failed += check_at(&bad_cases[i], "last", 4, 0);
	}
}

/* Buffers that end inside the header, an element header or a value */
static void test_truncated_buffers(void)
{
	static const enum kvmhv_gsb_op ops[] = {
		KVMHV_GSB_SET, KVMHV_GSB_GET, KVMHV_GSB_RUN_INPUT,
	};
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	size_t o, len, second;
	u8 *big;

	for (o = 0; o < 3; o++) {
		long trunc = ops[o] == KVMHV_GSB_RUN_INPUT ?
			     H_INPUT_BUFFER_TOO_SMALL : H_P5;

		/* 0-3 bytes: no room for the count */
		for (len = 0; len < 4; len++) {
			u8 junk[4] = { 0, 0, 0, 1 };

			CHECK_EQ(run(s, ops[o], T, junk, len, &err), trunc);
			CHECK_EQ(err.index, 0);
			CHECK_EQ(err.offset, 0);
		}
		/* Two elements claimed; every cut inside the second one */
		gb_init(&b);
		gb_u64(&b, KVMHV_GSID_GPR(1), 1);
		second = gb_u64(&b, KVMHV_GSID_GPR(2), 2);
		for (len = second; len < b.len; len++) {
			CHECK_EQ(run(s, ops[o], T, b.buf, len, &err), trunc);
			CHECK_EQ(err.index, 1);
			CHECK_EQ(err.offset, second);
		}
		CHECK_EQ(run_b(s, ops[o], T, &b, &err), H_SUCCESS);
		/* A count beyond the elements that are there */
		gb_set_count(&b, 3);
		CHECK_EQ(run_b(s, ops[o], T, &b, &err), trunc);
		CHECK_EQ(err.index, 2);
		CHECK_EQ(err.offset, b.len);
		gb_set_count(&b, 0xffffffff);
		CHECK_EQ(run_b(s, ops[o], T, &b, &err), trunc);
		CHECK_EQ(err.index, 2);
		/* An element size that runs past the end */
		gb_init(&b);
		gb_elem(&b, KVMHV_GSID_NOP, 0, NULL);
		put_unaligned_be16(0xffff, b.buf + 6);
		CHECK_EQ(run_b(s, ops[o], T, &b, &err), trunc);
		CHECK_EQ(err.index, 0);
		CHECK_EQ(err.offset, 4);
	}
	/* Larger than any GSB the codec accepts */
	big = calloc(1, KVMHV_GSB_MAX_LEN + 1);
	CHECK_EQ(run(s, KVMHV_GSB_SET, T, big, KVMHV_GSB_MAX_LEN + 1, &err),
		 H_P5);
	CHECK_EQ(run(s, KVMHV_GSB_SET, T, big, KVMHV_GSB_MAX_LEN, &err),
		 H_SUCCESS);
	free(big);
	free(s);
}

static void test_tail_after_count_ignored(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;

	/* The Linux L1 passes its whole 4096-byte buffer with stale bytes */
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_GPR(9), 9);
	memset(b.buf + b.len, 0xa5, 4096 - b.len);
	CHECK_EQ(run(s, KVMHV_GSB_RUN_INPUT, T, b.buf, 4096, &err), H_SUCCESS);
	CHECK_EQ(s->vcpu.r.gpr[9], 9);
	/* Zero elements, any bytes after */
	gb_set_count(&b, 0);
	CHECK_EQ(run(s, KVMHV_GSB_RUN_INPUT, T, b.buf, 4096, &err), H_SUCCESS);
	CHECK_EQ(run(s, KVMHV_GSB_SET, T, b.buf, 4, &err), H_SUCCESS);
	free(s);
}

static void test_nop_elements(void)
{
	static const u8 scopes[] = { T, G, H };
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	u8 val[300];
	size_t i;

	memset(val, 0x5a, sizeof(val));
	for (i = 0; i < 3; i++) {
		gb_init(&b);
		gb_elem(&b, KVMHV_GSID_NOP, 0, NULL);
		gb_elem(&b, KVMHV_GSID_NOP, 7, val);
		gb_elem(&b, KVMHV_GSID_NOP, 300, val);
		CHECK_EQ(run_b(s, KVMHV_GSB_GET, scopes[i], &b, &err),
			 H_SUCCESS);
		if (scopes[i] != H)
			CHECK_EQ(run_b(s, KVMHV_GSB_SET, scopes[i], &b, &err),
				 H_SUCCESS);
	}
	/* GET leaves a NOP's bytes alone */
	gb_init(&b);
	gb_elem(&b, KVMHV_GSID_NOP, 7, val);
	gb_u64(&b, KVMHV_GSID_GPR(0), 0);
	s->vcpu.r.gpr[0] = 77;
	CHECK_EQ(run_b(s, KVMHV_GSB_GET, T, &b, &err), H_SUCCESS);
	CHECK_EQ(get_unaligned_be64(b.buf + 4 + 11 + 4), 77);
	CHECK(!memcmp(b.buf + 8, val, 7));
	/* A SET of NOPs only changes nothing */
	memset(s->vcpu.dirty, 0, sizeof(s->vcpu.dirty));
	gb_init(&b);
	gb_elem(&b, KVMHV_GSID_NOP, 5, val);
	CHECK_EQ(run_b(s, KVMHV_GSB_SET, T, &b, &err), H_SUCCESS);
	CHECK(!s->vcpu.dirty[0] && !s->vcpu.dirty[1] && !s->vcpu.dirty[2]);
	free(s);
}

static void test_duplicates_last_wins(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;

	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_LPCR, FX_LPCR);
	gb_u64(&b, KVMHV_GSID_GPR(5), 1);
	gb_u64(&b, KVMHV_GSID_LPCR, FX_LPCR2);
	gb_u64(&b, KVMHV_GSID_GPR(5), 2);
	CHECK_EQ(run_b(s, KVMHV_GSB_RUN_INPUT, T, &b, &err), H_SUCCESS);
	CHECK_EQ(s->vcpu.r.lpcr, FX_LPCR2);
	CHECK_EQ(s->vcpu.r.gpr[5], 2);
	free(s);
}

/* An error stops the walk; what came before it has taken effect */
static void test_error_keeps_earlier_elements(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;

	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_GPR(1), 11);
	gb_u64(&b, KVMHV_GSID_MSR, 1ULL << 60);
	gb_u64(&b, KVMHV_GSID_GPR(2), 22);
	CHECK_EQ(run_b(s, KVMHV_GSB_SET, T, &b, &err),
		 H_INVALID_ELEMENT_VALUE);
	CHECK_EQ(s->vcpu.r.gpr[1], 11);
	CHECK_EQ(s->vcpu.r.gpr[2], 0);
	CHECK_EQ(s->vcpu.r.msr, 1ULL << 12);
	free(s);
}

static u64 set_one(struct stores *s, u8 scope, u16 id, u64 v, long *rc)
{
	struct kvmhv_gsb_err err;
	struct kvmhv_gsb_info e;
	struct gsb_build b;

	kvmhv_gsb_lookup(id, &e);
	gb_init(&b);
	if (e.size == 4)
		gb_u32(&b, id, v);
	else
		gb_u64(&b, id, v);
	*rc = run_b(s, KVMHV_GSB_SET, scope, &b, &err);
	if (scope == G)
		return s->guest.reg[id - KVMHV_GSID_LOGICAL_PVR];
	return id == KVMHV_GSID_VPA ? s->vcpu.vpa :
	       s->vcpu.reg[id < 0x2000 ? id - 0x1000 : 0x54 + id - 0x2000];
}

static void test_value_policies(void)
{
	struct stores *s = stores_new();
	long rc;

	/* MSR: ME forced on, HV, TS (either bit) and S refused */
	CHECK_EQ(set_one(s, T, KVMHV_GSID_MSR, FX_MSR, &rc), FX_MSR | 0x1000);
	CHECK_EQ(rc, H_SUCCESS);
	set_one(s, T, KVMHV_GSID_MSR, 1ULL << 60, &rc);
	CHECK_EQ(rc, H_INVALID_ELEMENT_VALUE);
	set_one(s, T, KVMHV_GSID_MSR, FX_MSR | 1ULL << 33, &rc);
	CHECK_EQ(rc, H_INVALID_ELEMENT_VALUE);
	set_one(s, T, KVMHV_GSID_MSR, FX_MSR | 1ULL << 34, &rc);
	CHECK_EQ(rc, H_INVALID_ELEMENT_VALUE);
	set_one(s, T, KVMHV_GSID_MSR, 1ULL << 22, &rc);
	CHECK_EQ(rc, H_INVALID_ELEMENT_VALUE);
	CHECK_EQ(s->vcpu.r.msr, FX_MSR | 0x1000);
	/* LPCR: only DPFD ILE AIL LD MER GTSE survive */
	CHECK_EQ(set_one(s, T, KVMHV_GSID_LPCR, ~0ULL, &rc),
		 0x0070000003820c00ULL);
	/* HFSCR: the cause byte and unknown bits are dropped */
	CHECK_EQ(set_one(s, T, KVMHV_GSID_HFSCR, 0xff000000000003ffULL, &rc),
		 0x1bfULL);
	CHECK_EQ(set_one(s, T, KVMHV_GSID_HFSCR, ~0ULL, &rc), 0x25bfULL);
	/* DAWRX: no hypervisor-state match */
	CHECK_EQ(set_one(s, T, KVMHV_GSID_DAWRX0, 0x1c7, &rc), 0x1c3);
	CHECK_EQ(set_one(s, T, KVMHV_GSID_DAWRX1, 0x4, &rc), 0);
	/* CIABR: a hypervisor match is disabled, others are kept */
	CHECK_EQ(set_one(s, T, KVMHV_GSID_CIABR, 0x1003, &rc), 0x1000);
	CHECK_EQ(set_one(s, T, KVMHV_GSID_CIABR, 0x1002, &rc), 0x1002);
	/*
	 * VPA: ~0 unregisters; else non-zero, 128-byte aligned, its first
	 * 640 bytes within one 4 KiB page
	 */
	CHECK_EQ(set_one(s, T, KVMHV_GSID_VPA, ~0ULL, &rc), ~0ULL);
	CHECK_EQ(rc, H_SUCCESS);
	set_one(s, T, KVMHV_GSID_VPA, 0, &rc);
	CHECK_EQ(rc, H_INVALID_ELEMENT_VALUE);
	CHECK_EQ(set_one(s, T, KVMHV_GSID_VPA, 0x10d80, &rc), 0x10d80);
	CHECK_EQ(rc, H_SUCCESS);
	set_one(s, T, KVMHV_GSID_VPA, 0x10e00, &rc);
	CHECK_EQ(rc, H_INVALID_ELEMENT_VALUE);
	/* TB offset: a multiple of 2^24, negative ones too */
	CHECK_EQ(set_one(s, G, KVMHV_GSID_TB_OFFSET, -(1LL << 24), &rc),
		 (u64)-(1LL << 24));
	CHECK_EQ(rc, H_SUCCESS);
	set_one(s, G, KVMHV_GSID_TB_OFFSET, 1, &rc);
	CHECK_EQ(rc, H_INVALID_ELEMENT_VALUE);
	free(s);
}

static void test_logical_pvr_follows_caps(void)
{
	static const struct {
		u64 caps;
		u32 lpvr;
		long rc;
	} cases[] = {
		{ H_GUEST_CAP_POWER9, 0x0f000005, H_SUCCESS },
		{ H_GUEST_CAP_POWER9, 0x0f000006, H_INVALID_ELEMENT_VALUE },
		{ H_GUEST_CAP_POWER10, 0x0f000006, H_SUCCESS },
		{ H_GUEST_CAP_POWER10, 0x0f000007, H_SUCCESS },
		{ H_GUEST_CAP_POWER10, 0x0f000005, H_INVALID_ELEMENT_VALUE },
		{ CAPS, 0x0f000004, H_INVALID_ELEMENT_VALUE },
		{ CAPS, 0, H_INVALID_ELEMENT_VALUE },
		{ CAPS, 0x004e1202, H_INVALID_ELEMENT_VALUE },
		{ 0, 0x0f000005, H_INVALID_ELEMENT_VALUE },
	};
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct kvmhv_gsb_req r;
	struct gsb_build b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		gb_init(&b);
		gb_u32(&b, KVMHV_GSID_LOGICAL_PVR, cases[i].lpvr);
		r = req_of(s, KVMHV_GSB_SET, G);
		r.caps = cases[i].caps;
		CHECK_EQ(kvmhv_gsb_set(&r, b.buf, b.len, &err), cases[i].rc);
		if (cases[i].rc == H_SUCCESS)
			CHECK_EQ(s->guest.logical_pvr, cases[i].lpvr);
	}
	free(s);
}

static void test_table_values(void)
{
	static const struct {
		u16 id;
		u64 a, b, c;
		long rc;
	} cases[] = {
		/* What the Linux L1 sends when it creates a VM */
		{ KVMHV_GSID_PARTITION_TABLE, 0x2340000, 52, 0x10000, H_SUCCESS },
		{ KVMHV_GSID_PROCESS_TABLE, 0, 4096, 0, H_SUCCESS },
		{ KVMHV_GSID_PROCESS_TABLE, 0x3000000, 1 << 24, 0, H_SUCCESS },
		{ KVMHV_GSID_PROCESS_TABLE, 0, 1ULL << 36, 0, H_SUCCESS },
		{ KVMHV_GSID_PROCESS_TABLE, 0, 1ULL << 37, 0,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_PROCESS_TABLE, 0, 2048, 0, H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_PROCESS_TABLE, 0x800, 4096, 0,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_PROCESS_TABLE, 1ULL << 60, 4096, 0,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_PARTITION_TABLE, 0x2340000, 53, 0x10000,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_PARTITION_TABLE, 0x2340000, 52, 0x8000,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_PARTITION_TABLE, 0x2348000, 52, 0x10000,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_PARTITION_TABLE, 1ULL << 60, 52, 0x10000,
		  H_INVALID_ELEMENT_VALUE },
	};
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		gb_init(&b);
		if (cases[i].id == KVMHV_GSID_PARTITION_TABLE)
			gb_triple(&b, cases[i].id, cases[i].a, cases[i].b,
				  cases[i].c);
		else
			gb_pair(&b, cases[i].id, cases[i].a, cases[i].b);
		if (run_b(s, KVMHV_GSB_SET, G, &b, &err) != cases[i].rc) {
			printf("# case %zu: rc %ld\n", i, err.rc);
			checks_failed++;
		}
	}
	CHECK_EQ(s->guest.part_table.base, 0x2340000);
	CHECK_EQ(s->guest.part_table.ea_bits, 52);
	CHECK_EQ(s->guest.part_table.root_size, 0x10000);
	CHECK_EQ(s->guest.proc_table.size, 1ULL << 36);
	free(s);
}

static void test_run_buffer_values(void)
{
	static const struct {
		u16 id;
		u64 addr, size;
		long rc;
	} cases[] = {
		{ KVMHV_GSID_RUN_INPUT, 0x100000, 4096, H_SUCCESS },
		{ KVMHV_GSID_RUN_INPUT, 0x100000, 4, H_SUCCESS },
		{ KVMHV_GSID_RUN_INPUT, 0x100000, 3, H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_RUN_OUTPUT, 0x100000, 0x80, H_SUCCESS },
		{ KVMHV_GSID_RUN_OUTPUT, 0x100000, 0x10000, H_SUCCESS },
		{ KVMHV_GSID_RUN_OUTPUT, 0x100000, 0x10001,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_RUN_OUTPUT, ~0ULL - 0x7f, 0x80,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_RUN_OUTPUT, 0, 0, H_SUCCESS },
		{ KVMHV_GSID_RUN_OUTPUT, 0, 0x80, H_INVALID_ELEMENT_VALUE },
	};
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		gb_init(&b);
		gb_pair(&b, cases[i].id, cases[i].addr, cases[i].size);
		if (run_b(s, KVMHV_GSB_SET, T, &b, &err) != cases[i].rc) {
			printf("# case %zu: rc %ld\n", i, err.rc);
			checks_failed++;
		}
	}
	CHECK_EQ(s->vcpu.run_buf[0].size, 4);
	CHECK_EQ(s->vcpu.run_buf[1].addr, 0);
	free(s);
}

/* A pretend L1 with memory at [0, 16 MiB) */
static bool l1_mem_16m(void *l1, u64 addr, u64 size)
{
	return addr < (16 << 20) && size <= (16 << 20) - addr;
}

/* The partition table, run buffers and the VPA must lie in L1 memory. */
static void test_l1_memory_ranges(void)
{
	static const struct {
		u16 id;
		u64 a, b;
		u8 scope;
		long rc;
	} cases[] = {
		/* An L2 real address, not the L1's */
		{ KVMHV_GSID_PROCESS_TABLE, 0x1000000, 4096, G, H_SUCCESS },
		{ KVMHV_GSID_RUN_INPUT, 0xfff000, 4096, T, H_SUCCESS },
		{ KVMHV_GSID_RUN_INPUT, 0xfff080, 4096, T,
		  H_INVALID_ELEMENT_VALUE },
		{ KVMHV_GSID_RUN_OUTPUT, 0, 0, T, H_SUCCESS },
	};
	struct stores *s = stores_new();
	struct kvmhv_gsb_req r;
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = req_of(s, KVMHV_GSB_SET, cases[i].scope);
		r.l1_mem_ok = l1_mem_16m;
		gb_init(&b);
		gb_pair(&b, cases[i].id, cases[i].a, cases[i].b);
		if (kvmhv_gsb_set(&r, b.buf, b.len, &err) != cases[i].rc) {
			printf("# case %zu: rc %ld\n", i, err.rc);
			checks_failed++;
		}
	}
	r = req_of(s, KVMHV_GSB_SET, G);
	r.l1_mem_ok = l1_mem_16m;
	gb_init(&b);
	gb_triple(&b, KVMHV_GSID_PARTITION_TABLE, 0xff0000, 52, 0x10000);
	gb_triple(&b, KVMHV_GSID_PARTITION_TABLE, 0x1000000, 52, 0x10000);
	CHECK_EQ(kvmhv_gsb_set(&r, b.buf, b.len, &err),
		 H_INVALID_ELEMENT_VALUE);
	CHECK_EQ(err.index, 1);
	CHECK_EQ(s->guest.part_table.base, 0xff0000);

	r = req_of(s, KVMHV_GSB_SET, T);
	r.l1_mem_ok = l1_mem_16m;
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_VPA, 0xfffe00);
	CHECK_EQ(kvmhv_gsb_set(&r, b.buf, b.len, &err),
		 H_INVALID_ELEMENT_VALUE);
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_VPA, ~0ULL);
	CHECK_EQ(kvmhv_gsb_set(&r, b.buf, b.len, &err), H_SUCCESS);
	free(s);
}

static void test_first_run_fixture(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	struct kvmhv_gsb_info info;
	unsigned int i;
	u16 id;

	gb_first_run(&b);
	CHECK_EQ(b.n, 162);
	CHECK_EQ(b.len, 2400);
	memset(b.buf + b.len, 0xc3, 4096 - b.len);
	CHECK_EQ(run(s, KVMHV_GSB_RUN_INPUT, T, b.buf, 4096, &err), H_SUCCESS);

	for (i = 0; i < 32; i++)
		CHECK_EQ(s->vcpu.r.gpr[i], fx_dw(KVMHV_GSID_GPR(i)));
	CHECK_EQ(s->vcpu.r.nia, fx_dw(KVMHV_GSID_NIA));
	CHECK_EQ(s->vcpu.r.msr, FX_MSR | 0x1000);
	CHECK_EQ(s->vcpu.r.lpcr, FX_LPCR2);
	CHECK_EQ(s->vcpu.r.hfscr, FX_HFSCR);
	CHECK_EQ(s->vcpu.r.amor, ~0ULL);
	CHECK_EQ(s->vcpu.r.hdec_expiry_tb, FX_HDEC);
	CHECK_EQ(s->vcpu.r.xer, fx_dw(KVMHV_GSID_XER));
	CHECK_EQ(s->vcpu.r.dpdes, fx_dw(KVMHV_GSID_DPDES));
	CHECK_EQ(s->vcpu.r.cfar, 0);
	CHECK_EQ(s->vcpu.r.hdexcr, 0);
	CHECK_EQ(s->vcpu.r.cr, fx_w(KVMHV_GSID_CR));
	CHECK_EQ(s->vcpu.r.pspb, fx_w(KVMHV_GSID_PSPB));
	CHECK_EQ(s->vcpu.r.dawrx[1], 0x1c3);
	for (i = 0; i < 6; i++)
		CHECK_EQ(s->vcpu.r.pmc[i], fx_w(KVMHV_GSID_PMC(i)));
	for (i = 0; i < 64; i++) {
		CHECK_EQ(s->vcpu.vsr[i][KVMHV_GSB_VSR_HI], fx_vsr_hi(i));
		CHECK_EQ(s->vcpu.vsr[i][KVMHV_GSB_VSR_LO], fx_vsr_lo(i));
	}
	/* Dirty: exactly what was sent */
	for (id = 0x0C00; id <= 0xF003; id++) {
		bool sent;

		if (!kvmhv_gsb_lookup(id, &info))
			continue;
		sent = (id >= 0x1000 && id <= 0x1053 &&
			id != KVMHV_GSID_CFAR && id != KVMHV_GSID_HDEXCR) ||
		       (id >= 0x2000 && id <= 0x303F);
		if (kvmhv_gsb_vcpu_dirty(&s->vcpu, info.index) != sent) {
			printf("# id 0x%04x dirty %d\n", id, !sent);
			checks_failed++;
		}
	}
	free(s);
}

static void test_guest_and_host_wide_get(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_err err;
	struct gsb_build b;
	unsigned int i;

	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_RUN_OUTPUT_MIN_SIZE, 0);
	gb_u64(&b, KVMHV_GSID_HOST_STATE_SIZE, 0);
	gb_u32(&b, KVMHV_GSID_LOGICAL_PVR, 0);
	s->guest.logical_pvr = 0x0f000006;
	CHECK_EQ(run_b(s, KVMHV_GSB_GET, G, &b, &err), H_SUCCESS);
	CHECK_EQ(get_unaligned_be64(b.buf + 8), KVMHV_GSB_RUN_OUTPUT_FULL);
	CHECK_EQ(get_unaligned_be64(b.buf + 20),
		 sizeof(struct kvmhv_gsb_vcpu));
	CHECK_EQ(get_unaligned_be32(b.buf + 32), 0x0f000006);

	gb_init(&b);
	for (i = 0; i < 5; i++) {
		s->host.reg[i] = 1000 + i;
		gb_u64(&b, KVMHV_GSID_L0_GUEST_HEAP + i, 0);
	}
	CHECK_EQ(run_b(s, KVMHV_GSB_GET, H, &b, &err), H_SUCCESS);
	CHECK_EQ(get_unaligned_be64(b.buf + 8), 1000);
	CHECK_EQ(get_unaligned_be64(b.buf + 4 + 4 * 12 + 4), 1004);
	free(s);
}

/* Parse an output buffer the way the Linux L1 does: sizes must match */
static unsigned int l1_parse_output(const u8 *buf, size_t len, u16 *ids)
{
	u32 n = get_unaligned_be32(buf), i;
	size_t off = 4;

	for (i = 0; i < n; i++) {
		u16 id = get_unaligned_be16(buf + off);
		u16 size = get_unaligned_be16(buf + off + 2);
		const struct spec_range *sp = spec_of(id);

		CHECK(sp && sp->size == size);
		CHECK(off + 4 + size <= len);
		ids[i] = id;
		off += 4 + size;
	}
	CHECK_EQ(off, len);
	return n;
}

static void test_exit_outputs(void)
{
	/* All the elements, then the required ones and their bytes */
	static const struct {
		unsigned int trap;
		unsigned int n;
		u16 ids[12];
		size_t len;
		unsigned int required;
		size_t required_len;
	} exits[] = {
		{ 0xc00, 12, { 0x1003, 0x1004, 0x1005, 0x1006, 0x1007, 0x1008,
			       0x1009, 0x100a, 0x100b, 0x100c, 0x1022, 0x102a },
		  148, 10, 124 },
		{ 0xe00, 6, { 0xf000, 0xf001, 0xf003, 0x1021, 0x1022, 0x102a },
		  72, 5, 60 },
		{ 0xe20, 4, { 0xf003, 0x1021, 0x1022, 0x102a }, 52, 3, 40 },
		{ 0xe40, 3, { 0xf002, 0x1021, 0x1022 }, 40, 3, 40 },
		{ 0xf80, 3, { 0x102d, 0x1021, 0x1022 }, 40, 3, 40 },
		{ 0x980, 1, { 0x102a }, 16, 0, 4 },
		{ 0xea0, 0, { 0 }, 4, 0, 4 },
		{ 0, 0, { 0 }, 4, 0, 4 },
	};
	struct stores *s = stores_new();
	u8 out[KVMHV_GSB_RUN_OUTPUT_FULL];
	size_t i, used;
	u16 ids[16];
	unsigned int k, n;

	for (k = 0; k < 32; k++)
		s->vcpu.r.gpr[k] = 0x100 + k;
	s->vcpu.r.heir = 0x0600000012345678ULL;	/* a prefixed instruction */
	s->vcpu.r.hdsisr = 0x42000000;
	for (i = 0; i < ARRAY_SIZE(exits); i++) {
		memset(out, 0xee, sizeof(out));
		CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, exits[i].trap, 0, out,
					      sizeof(out), &used), H_SUCCESS);
		CHECK_EQ(used, exits[i].len);
		n = l1_parse_output(out, used, ids);
		CHECK_EQ(n, exits[i].n);
		for (k = 0; k < n && k < exits[i].n; k++)
			CHECK_EQ(ids[k], exits[i].ids[k]);
		/* Room for the required ones only: the extras are left out */
		CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, exits[i].trap, 0, out,
					      exits[i].required_len, &used),
			 H_SUCCESS);
		CHECK_EQ(used, exits[i].required_len);
		CHECK_EQ(l1_parse_output(out, used, ids), exits[i].required);
		/* Too small by one byte for those: nothing is written */
		memset(out, 0xee, sizeof(out));
		CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, exits[i].trap, 0, out,
					      exits[i].required_len - 1, &used),
			 H_OUTPUT_BUFFER_TOO_SMALL);
		CHECK_EQ(out[0], 0xee);
		/* QEMU's 0x80 bytes take every exit's required elements */
		CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, exits[i].trap, 0, out,
					      KVMHV_GSB_RUN_OUTPUT_MIN, &used),
			 H_SUCCESS);
		CHECK(used <= KVMHV_GSB_RUN_OUTPUT_MIN);
	}
	kvmhv_gsb_write_exit(&s->vcpu, 0xc00, 0, out, sizeof(out), &used);
	CHECK_EQ(get_unaligned_be64(out + 4 + 4), 0x103);
	CHECK_EQ(get_unaligned_be64(out + 4 + 9 * 12 + 4), 0x10c);
	kvmhv_gsb_write_exit(&s->vcpu, 0xe40, 0, out, sizeof(out), &used);
	CHECK_EQ(get_unaligned_be16(out + 6), 8);	/* HEIR is 8 bytes */
	CHECK_EQ(get_unaligned_be64(out + 8), 0x0600000012345678ULL);
	kvmhv_gsb_write_exit(&s->vcpu, 0xe00, 0, out, sizeof(out), &used);
	CHECK_EQ(get_unaligned_be32(out + 4 + 12 + 4), 0x42000000);

	/* A GPR hint comes last, with its value, when the rest all fit */
	CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, 0xe00, KVMHV_GSID_GPR(31),
				      out, sizeof(out), &used), H_SUCCESS);
	CHECK_EQ(used, 72 + 12);
	CHECK_EQ(l1_parse_output(out, used, ids), 7);
	CHECK_EQ(ids[6], KVMHV_GSID_GPR(31));
	CHECK_EQ(get_unaligned_be64(out + 72 + 4), 0x11f);
	/* ... and is left out when it does not fit, or is not a GPR */
	CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, 0xe00, KVMHV_GSID_GPR(31),
				      out, 72 + 11, &used), H_SUCCESS);
	CHECK_EQ(used, 72);
	CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, 0xe00, KVMHV_GSID_MSR, out,
				      sizeof(out), &used), H_SUCCESS);
	CHECK_EQ(used, 72);
	CHECK_EQ(kvmhv_gsb_write_exit(&s->vcpu, 0xe00, KVMHV_GSID_GPR(32),
				      out, sizeof(out), &used), H_SUCCESS);
	CHECK_EQ(used, 72);
	free(s);
}

static void test_writer_capacity(void)
{
	struct stores *s = stores_new();
	struct kvmhv_gsb_req r = req_of(s, KVMHV_GSB_GET, T);
	struct kvmhv_gsb_writer w;
	u8 buf[32];

	memset(buf, 0xee, sizeof(buf));
	kvmhv_gsb_writer_init(&w, buf, 2);
	CHECK_EQ(kvmhv_gsb_put(&w, &r, KVMHV_GSID_CR),
		 H_OUTPUT_BUFFER_TOO_SMALL);
	CHECK_EQ(kvmhv_gsb_writer_finish(&w), 4);
	CHECK_EQ(buf[0], 0xee);

	kvmhv_gsb_writer_init(&w, buf, 24);
	CHECK_EQ(kvmhv_gsb_put(&w, &r, KVMHV_GSID_GPR(0)), H_SUCCESS);
	CHECK_EQ(kvmhv_gsb_put(&w, &r, KVMHV_GSID_CR), H_SUCCESS);
	CHECK_EQ(kvmhv_gsb_put(&w, &r, KVMHV_GSID_CR),
		 H_OUTPUT_BUFFER_TOO_SMALL);
	CHECK_EQ(kvmhv_gsb_put(&w, &r, 0x1054), H_INVALID_ELEMENT_ID);
	CHECK_EQ(kvmhv_gsb_writer_finish(&w), 24);
	CHECK_EQ(get_unaligned_be32(buf), 2);
	CHECK_EQ(buf[24], 0xee);
	free(s);
}

static void test_store_init(void)
{
	struct stores *s = stores_new();

	CHECK_EQ(s->vcpu.vpa, ~0ULL);
	CHECK_EQ(s->vcpu.r.msr, 1ULL << 12);
	CHECK(!s->vcpu.dirty[0] && !s->guest.dirty);
	printf("# per-vCPU store: %zu bytes, guest-wide store: %zu bytes\n",
	       sizeof(struct kvmhv_gsb_vcpu), sizeof(struct kvmhv_gsb_guest));
	CHECK(sizeof(struct kvmhv_gsb_vcpu) <= 2048);
	free(s);
}

static int write_seed(const char *dir, const char *name, const void *buf,
		      size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len) {
		perror(path);
		return 1;
	}
	return fclose(f) != 0;
}

/*
 * Seeds for the fuzzer: its first byte picks op and scope (see
 * tests/fuzz/gsb_fuzz.c), the rest is the GSB, or for an exit output the
 * vector / 16 and the buffer.
 */
static int write_corpus(const char *dir)
{
	struct gsb_build b;
	u8 seed[8193];
	int rc = 0;
	size_t i;

#define SEED(name, sel)							\
	do {								\
		seed[0] = (sel);					\
		memcpy(seed + 1, b.buf, b.len);				\
		rc |= write_seed(dir, name, seed, b.len + 1);		\
	} while (0)

	gb_first_run(&b);
	SEED("first-run", 2);
	gb_steady_run(&b);
	SEED("steady-run", 2);
	gb_init(&b);
	gb_triple(&b, KVMHV_GSID_PARTITION_TABLE, 0x2340000, 52, 0x10000);
	gb_pair(&b, KVMHV_GSID_PROCESS_TABLE, 0, 4096);
	gb_u32(&b, KVMHV_GSID_LOGICAL_PVR, 0x0f000006);
	gb_u64(&b, KVMHV_GSID_TB_OFFSET, 0x5000000);
	SEED("guest-set", 0 | 0x10);
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_RUN_OUTPUT_MIN_SIZE, 0);
	gb_u64(&b, KVMHV_GSID_HOST_STATE_SIZE, 0);
	SEED("guest-get", 1 | 0x10);
	gb_init(&b);
	for (i = 0; i < 5; i++)
		gb_u64(&b, KVMHV_GSID_L0_GUEST_HEAP + i, 0);
	SEED("host-get", 1 | 0x20);
	gb_init(&b);
	gb_pair(&b, KVMHV_GSID_RUN_INPUT, 0x100000, 4096);
	gb_pair(&b, KVMHV_GSID_RUN_OUTPUT, 0x200000, 128);
	gb_u64(&b, KVMHV_GSID_VPA, ~0ULL);
	SEED("thread-set-meta", 0);
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_HDAR, 0);
	gb_u32(&b, KVMHV_GSID_HDSISR, 0);
	gb_u64(&b, KVMHV_GSID_HEIR, 0);
	gb_u64(&b, KVMHV_GSID_ASDR, 0);
	gb_pair(&b, KVMHV_GSID_VSR(33), 0, 0);
	gb_u32(&b, KVMHV_GSID_CR, 0);
	SEED("thread-get", 1);
	gb_init(&b);
	gb_elem(&b, KVMHV_GSID_NOP, 5, "abcde");
	gb_u64(&b, KVMHV_GSID_MSR, 1ULL << 60);
	SEED("bad-value", 0);
	gb_init(&b);
	gb_u64(&b, KVMHV_GSID_GPR(0), 0);
	gb_set_count(&b, 3);
	SEED("overrun-count", 2);
	/* An 0xC00 exit written into a 128-byte output buffer */
	memset(b.buf, 0, KVMHV_GSB_RUN_OUTPUT_MIN);
	b.buf[0] = 0xc0;
	b.len = KVMHV_GSB_RUN_OUTPUT_MIN;
	SEED("exit-hcall", 3);
#undef SEED
	return rc;
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "element table has every id of the spec with its size, scope and access",
	  test_table_complete },
	{ "every element round-trips through write, parse and translation",
	  test_round_trip_all },
	{ "4-byte, CR, XER, FP/VMX, PMU and EBB elements land in their fields",
	  test_scalars_in_named_fields },
	{ "VSR doubleword order matches the kernel's register layout",
	  test_vsr_doubleword_order },
	{ "every error class at first, middle and last position: exact index and offset",
	  test_errors_at_each_position },
	{ "buffers cut in the header, an element or its value, and overrunning counts",
	  test_truncated_buffers },
	{ "bytes after the counted elements are ignored",
	  test_tail_after_count_ignored },
	{ "NOP elements of any size are skipped in every scope",
	  test_nop_elements },
	{ "duplicate elements: the last one wins",
	  test_duplicates_last_wins },
	{ "an error keeps the elements before it applied",
	  test_error_keeps_earlier_elements },
	{ "value policy of MSR, LPCR, HFSCR, DAWRX, CIABR, VPA and TB offset",
	  test_value_policies },
	{ "logical PVR follows the negotiated capabilities",
	  test_logical_pvr_follows_caps },
	{ "partition and process table values", test_table_values },
	{ "run buffer registration values", test_run_buffer_values },
	{ "partition table, run buffers and VPA must lie in L1 memory",
	  test_l1_memory_ranges },
	{ "Linux 6.12 first-run input buffer (162 elements) parses to the right state",
	  test_first_run_fixture },
	{ "guest-wide and host-wide GET", test_guest_and_host_wide_get },
	{ "exit output buffers per vector, and too small ones",
	  test_exit_outputs },
	{ "writer capacity checks", test_writer_capacity },
	{ "store initial state and size", test_store_init },
	{ "save and restore carry every state element, and check values as a SET",
	  test_save_restore },
};

int main(int argc, char **argv)
{
	int failed = 0;
	size_t i;

	if (argc == 3 && !strcmp(argv[1], "--corpus"))
		return write_corpus(argv[2]);

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		checks_failed = 0;
		tests[i].fn();
		printf("%s - gsb: %s\n", checks_failed ? "not ok" : "ok",
		       tests[i].name);
		failed |= !!checks_failed;
	}
	return failed;
}
