// SPDX-License-Identifier: GPL-2.0-only
/*
 * papr_fuzz's guest: an L1 payload that makes random, stateful sequences
 * of the nested-API hypercalls on each of its vCPUs at once, until the
 * host's time is up. The arguments come from pools of ids that the vCPUs
 * share (so that they race on the same L2s), the Guest State Buffers from
 * the element table mutated by id, size and value, and some calls set an
 * L2 up properly, so that runs enter it. Every return code must be one
 * that the call is documented to return: anything else ends the test.
 */
#include "guest.h"
#include "l1_guest.h"
#include "papr.h"
#include "papr_fuzz.h"
#include "ppc_reg.h"

#define H_TLB_INVALIDATE	0xf808

#define GSB_AREA(cpu)		(0x200000UL + (cpu) * 0x10000)
#define PART_ROOT		0x400000UL	/* 64 KiB, kept zero */
#define PROC_TABLE		0x500000UL
#define RUN_IN(cpu)		(0x600000UL + (cpu) * 0x2000)
#define RUN_OUT(cpu)		(RUN_IN(cpu) + 0x1000)
#define OUTSIDE_MEMORY		BIT(40)
/* The v1 L1's partition table (4 KiB, 256 LPIDs) and each vCPU's L2 state */
#define V1_PART_TABLE		0x440000UL
#define V1_HV_STATE(cpu)	(0x450000UL + (cpu) * 0x2000)
#define V1_REGS(cpu)		(V1_HV_STATE(cpu) + 0x1000)
#define V1_LPIDS		16
#define TB_PER_MS		512000UL

static u64 rng_state[FUZZ_VCPUS];
#define my_cpu		guest_cpu()
static u64 offered_caps;

/* Guest ids the vCPUs created, shared: a slot is overwritten at random */
#define ID_POOL			8
static u64 id_pool[ID_POOL];

static u64 mftb(void)
{
	u64 tb;

	asm volatile("mfspr %0, 268" : "=r"(tb));
	return tb;
}

/* xorshift64* */
static u64 rnd(void)
{
	u64 x = rng_state[my_cpu];

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state[my_cpu] = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static u64 below(u64 n)
{
	return rnd() % n;
}

static u64 pick(const u64 *v, unsigned int n)
{
	return v[below(n)];
}

static u64 any_gid(void)
{
	static const u64 odd[] = { 0, 4095, 4096, ~0UL, 1UL << 32 };

	if (below(8))
		return __atomic_load_n(&id_pool[below(ID_POOL)],
				       __ATOMIC_RELAXED);
	return below(2) ? pick(odd, ARRAY_SIZE(odd)) : rnd();
}

static u64 any_vid(void)
{
	static const u64 ids[] = { 0, 0, 0, 1, 1, 2, 2047, 2048, 1UL << 32 };

	return below(16) ? pick(ids, ARRAY_SIZE(ids)) : rnd();
}

/* Mostly @valid, else one stray bit or anything */
static u64 any_flags(u64 valid)
{
	switch (below(8)) {
	case 0:
		return BIT(below(64));
	case 1:
		return rnd();
	default:
		return valid;
	}
}

static u64 any_addr(void)
{
	static const u64 addrs[] = { GSB_AREA(0), GSB_AREA(1), RUN_IN(0),
				     RUN_OUT(1), PROC_TABLE, 0, OUTSIDE_MEMORY,
				     GSB_AREA(0) + 3, 0xfff000 };

	return below(16) ? pick(addrs, ARRAY_SIZE(addrs)) : rnd();
}

static u64 any_value(void)
{
	static const u64 vals[] = { 0, 1, ~0UL, 1UL << 63, 0x8000000000001033UL,
				    0x1000, PVR_ARCH_300, PVR_ARCH_31 };

	return below(2) ? pick(vals, ARRAY_SIZE(vals)) : rnd();
}

/* Element ids of every kind, with their sizes */
static const struct { u16 id, size; } elements[] = {
	{ GSID_RUN_OUTPUT_MIN_SIZE, 4 }, { GSID_LOGICAL_PVR, 4 },
	{ GSID_TB_OFFSET, 8 }, { GSID_PARTITION_TABLE, 24 },
	{ GSID_PROCESS_TABLE, 16 }, { GSID_L0_GUEST_HEAP, 8 },
	{ 0x0801, 8 }, { 0x0804, 8 }, { GSID_RUN_INPUT, 16 },
	{ GSID_RUN_OUTPUT, 16 }, { GSID_VPA, 8 }, { GSID_GPR(0), 8 },
	{ GSID_GPR(31), 8 }, { GSID_HDEC_EXPIRY_TB, 8 }, { GSID_NIA, 8 },
	{ GSID_MSR, 8 }, { GSID_LR, 8 }, { GSID_SRR1, 8 },
	{ GSID_DEC_EXPIRY_TB, 8 }, { GSID_LPCR, 8 }, { GSID_SPRG(3), 8 },
	{ GSID_AMR, 8 }, { GSID_DPDES, 8 }, { 0x1052, 8 }, { GSID_CR, 4 },
	{ GSID_PIDR, 4 }, { GSID_VRSAVE, 4 }, { GSID_WORT, 4 },
	{ GSID_VSR(0), 16 }, { GSID_VSR(63), 16 }, { 0x3040, 16 },
	{ GSID_HDAR, 8 }, { GSID_HEIR, 8 }, { 0xffff, 8 }, { 0x0c03, 8 },
};

/* One element, perhaps with another size, value or id */
static void add_element(struct gsb *b)
{
	u64 v[3] = { cpu_to_be64(any_value()), cpu_to_be64(any_addr()),
		     cpu_to_be64(any_value()) };
	unsigned int i = below(ARRAY_SIZE(elements));
	u16 id = elements[i].id, size = elements[i].size;

	if (!below(8))
		size = below(32);
	if (!below(16))
		id = rnd();
	if (size == 16 && below(2))
		v[0] = cpu_to_be64(any_addr()), v[1] = cpu_to_be64(4096);
	if (size > sizeof(v))
		size = sizeof(v);
	gsb_add(b, id, size, v);
}

/* A buffer of a few elements at @addr; its length, maybe misstated */
static u64 fill_gsb(struct gsb *b, u64 addr, unsigned int max)
{
	unsigned int n = below(max + 1), i;

	gsb_init(b, addr);
	for (i = 0; i < n; i++)
		add_element(b);
	if (!below(16))
		gsb_set_count(b, rnd());
	switch (below(16)) {
	case 0:
		return below(b->len + 1);
	case 1:
		return rnd();
	default:
		return b->len;
	}
}

/* The return codes documented for each call */
enum {
	C_SUCCESS, C_BUSY, C_FUNCTION, C_PARAMETER, C_NOT_FOUND, C_NO_MEM,
	C_RESOURCES, C_P2, C_P3, C_P4, C_P5, C_UNSUPPORTED, C_STATE,
	C_IN_USE, C_ELEM_ID, C_ELEM_SIZE, C_ELEM_VALUE, C_IN_UNDEF,
	C_IN_SMALL, C_OUT_UNDEF, C_OUT_SMALL, C_PTAB_UNDEF, C_FLAG,
	C_NOT_AVAILABLE, C_BAD_MODE, C_AUTHORITY, C_INTERRUPT, C_TOO_HARD,
	C_TRAP, C_OTHER,
};

static const long code_values[] = {
	[C_SUCCESS] = H_SUCCESS, [C_BUSY] = H_BUSY,
	[C_FUNCTION] = H_FUNCTION, [C_PARAMETER] = H_PARAMETER,
	[C_NOT_FOUND] = H_NOT_FOUND, [C_NO_MEM] = H_NO_MEM,
	[C_RESOURCES] = H_NOT_ENOUGH_RESOURCES, [C_P2] = H_P2,
	[C_P3] = H_P3, [C_P4] = H_P4, [C_P5] = H_P5,
	[C_UNSUPPORTED] = H_UNSUPPORTED, [C_STATE] = H_STATE,
	[C_IN_USE] = H_IN_USE, [C_ELEM_ID] = H_INVALID_ELEMENT_ID,
	[C_ELEM_SIZE] = H_INVALID_ELEMENT_SIZE,
	[C_ELEM_VALUE] = H_INVALID_ELEMENT_VALUE,
	[C_IN_UNDEF] = H_INPUT_BUFFER_NOT_DEFINED,
	[C_IN_SMALL] = H_INPUT_BUFFER_TOO_SMALL,
	[C_OUT_UNDEF] = H_OUTPUT_BUFFER_NOT_DEFINED,
	[C_OUT_SMALL] = H_OUTPUT_BUFFER_TOO_SMALL,
	[C_PTAB_UNDEF] = H_PARTITION_PAGE_TABLE_NOT_DEFINED,
	[C_NOT_AVAILABLE] = H_NOT_AVAILABLE, [C_BAD_MODE] = H_BAD_MODE,
	[C_AUTHORITY] = H_AUTHORITY, [C_INTERRUPT] = H_INTERRUPT,
	[C_TOO_HARD] = H_TOO_HARD,
};

static unsigned int code_index(long rc)
{
	unsigned int i;

	if (rc <= H_UNSUPPORTED_FLAG_START && rc > H_UNSUPPORTED_FLAG_START - 64)
		return C_FLAG;
	for (i = 0; i < ARRAY_SIZE(code_values); i++)
		if (code_values[i] == rc)
			return i;
	/* H_ENTER_NESTED's L2 exit: an interrupt vector */
	if (rc > 0 && rc < 0x2000 && !(rc & 0x1f))
		return C_TRAP;
	return C_OTHER;
}

#define M(c)		BIT(C_##c)
#define STATE_CODES	(M(SUCCESS) | M(BUSY) | M(PARAMETER) | M(RESOURCES) | \
			 M(P2) | M(P3) | M(P4) | M(P5) | M(STATE) | \
			 M(ELEM_ID) | M(ELEM_SIZE) | M(ELEM_VALUE))

/* What each call is documented to return (Documentation/papr-v2.rst) */
static u64 allowed_codes(unsigned long nr)
{
	switch (nr) {
	case H_GUEST_GET_CAPABILITIES:
		return M(SUCCESS) | M(PARAMETER) | M(STATE) | M(RESOURCES);
	case H_GUEST_SET_CAPABILITIES:
		return M(SUCCESS) | M(PARAMETER) | M(P2) | M(STATE) |
		       M(RESOURCES);
	case H_GUEST_CREATE:
		return M(SUCCESS) | M(FLAG) | M(PARAMETER) | M(P2) | M(STATE) |
		       M(RESOURCES);
	case H_GUEST_CREATE_VCPU:
		return M(SUCCESS) | M(PARAMETER) | M(FLAG) | M(P2) | M(P3) |
		       M(STATE) | M(IN_USE) | M(RESOURCES);
	case H_GUEST_GET_STATE:
	case H_GUEST_SET_STATE:
		return STATE_CODES;
	case H_GUEST_RUN_VCPU:
		return M(SUCCESS) | M(BUSY) | M(FLAG) | M(PARAMETER) | M(P2) |
		       M(P3) | M(STATE) | M(IN_UNDEF) | M(IN_SMALL) |
		       M(OUT_UNDEF) | M(OUT_SMALL) | M(PTAB_UNDEF) |
		       M(ELEM_ID) | M(ELEM_SIZE) | M(ELEM_VALUE) |
		       M(RESOURCES);
	case H_GUEST_DELETE:
		return M(SUCCESS) | M(PARAMETER) | M(FLAG) | M(P2) | M(STATE);
	case H_RPT_INVALIDATE:
		return M(SUCCESS) | M(FUNCTION) | M(PARAMETER) | M(P2) |
		       M(P4) | M(P5) | M(UNSUPPORTED);
	case H_TLB_INVALIDATE:
		return M(SUCCESS) | M(FUNCTION) | M(PARAMETER) | M(P2) |
		       M(P3) | M(P4) | M(STATE);
	case H_COPY_TOFROM_GUEST:
		return M(SUCCESS) | M(FUNCTION) | M(PARAMETER) |
		       M(NOT_FOUND) | M(NO_MEM);
	case H_SVM_PAGE_IN:
	case H_SVM_PAGE_OUT:
	case H_SVM_INIT_START:
	case H_SVM_INIT_DONE:
	case H_SVM_INIT_ABORT:
		/* The VM is normal: none of these may succeed */
		return M(UNSUPPORTED) | M(AUTHORITY) | M(STATE) | M(PARAMETER);
	case H_SET_PARTITION_TABLE:
		return M(SUCCESS) | M(FUNCTION) | M(PARAMETER);
	case H_ENTER_NESTED:
		return M(SUCCESS) | M(TRAP) | M(FUNCTION) | M(NOT_AVAILABLE) |
		       M(BAD_MODE) | M(PARAMETER) | M(P2) | M(RESOURCES) |
		       M(AUTHORITY) | M(INTERRUPT) | M(TOO_HARD);
	default:
		return M(SUCCESS);
	}
}

/* The L2 vCPU each vCPU last set up to run */
static u64 sane_gid[FUZZ_VCPUS], sane_vid[FUZZ_VCPUS];

static u64 codes_seen[FUZZ_VCPUS];
static u64 calls[FUZZ_VCPUS], runs[FUZZ_VCPUS];

/*
 * Ends the test on a code the call is not documented to return: the
 * report's line is the hypercall's number, its values the code and R4.
 */
static long checked(unsigned long nr, const unsigned long args[9],
		    struct hcall_ret *r)
{
	unsigned int c;

	hcall(nr, args, r);
	calls[my_cpu]++;
	c = code_index(r->r3);
	codes_seen[my_cpu] |= BIT(c);
	if (!(allowed_codes(nr) & BIT(c)))
		guest_fail(__FILE__, nr, r->r3, args[0]);
	return r->r3;
}

static void op_caps(void)
{
	unsigned long a[9] = { any_flags(0) };
	struct hcall_ret r;

	if (below(2)) {
		checked(H_GUEST_GET_CAPABILITIES, a, &r);
		return;
	}
	a[1] = below(4) ? offered_caps : any_flags(offered_caps);
	checked(H_GUEST_SET_CAPABILITIES, a, &r);
}

static void op_create(void)
{
	unsigned long a[9] = { any_flags(0), below(8) ? -1UL : rnd() };
	struct hcall_ret r;

	if (checked(H_GUEST_CREATE, a, &r) == H_SUCCESS)
		__atomic_store_n(&id_pool[below(ID_POOL)], r.r[0],
				 __ATOMIC_RELAXED);
}

static void op_create_vcpu(void)
{
	unsigned long a[9] = { any_flags(0), any_gid(), any_vid() };
	struct hcall_ret r;

	checked(H_GUEST_CREATE_VCPU, a, &r);
}

static void op_state(bool set)
{
	static const u64 flags[] = { 0, 0, 0, H_GUEST_STATE_GUEST_WIDE,
				     H_GUEST_STATE_HOST_WIDE };
	unsigned long a[9] = { below(8) ? pick(flags, ARRAY_SIZE(flags)) :
					  rnd(),
			       any_gid(), any_vid(), GSB_AREA(my_cpu) };
	struct hcall_ret r;
	struct gsb b;

	a[4] = fill_gsb(&b, GSB_AREA(my_cpu), 6);
	if (!below(16))
		a[3] = any_addr();
	checked(set ? H_GUEST_SET_STATE : H_GUEST_GET_STATE, a, &r);
}

/* Sets an L2 up to run: its vCPU, tables, run buffers, entry point */
static void op_sane_l2(void)
{
	u64 pt[3] = { cpu_to_be64(PART_ROOT), cpu_to_be64(52),
		      cpu_to_be64(0x10000) };
	u64 pair[2] = { cpu_to_be64(PROC_TABLE), cpu_to_be64(4096) };
	u64 gid = any_gid(), vid = below(2);
	unsigned long a[9] = { 0, gid, vid, GSB_AREA(my_cpu) };
	struct hcall_ret r;
	struct gsb b;

	sane_gid[my_cpu] = gid;
	sane_vid[my_cpu] = vid;
	checked(H_GUEST_CREATE_VCPU, a, &r);

	gsb_init(&b, GSB_AREA(my_cpu));
	gsb_add(&b, GSID_PARTITION_TABLE, sizeof(pt), pt);
	gsb_add(&b, GSID_PROCESS_TABLE, sizeof(pair), pair);
	a[0] = H_GUEST_STATE_GUEST_WIDE;
	a[2] = 0;
	a[4] = b.len;
	checked(H_GUEST_SET_STATE, a, &r);

	gsb_init(&b, GSB_AREA(my_cpu));
	pair[0] = cpu_to_be64(RUN_IN(my_cpu));
	gsb_add(&b, GSID_RUN_INPUT, sizeof(pair), pair);
	pair[0] = cpu_to_be64(RUN_OUT(my_cpu));
	gsb_add(&b, GSID_RUN_OUTPUT, sizeof(pair), pair);
	gsb_add_u64(&b, GSID_NIA, below(4) * 0x1000);
	gsb_add_u64(&b, GSID_MSR, 0x8000000000001033UL);
	a[0] = 0;
	a[2] = vid;
	a[4] = b.len;
	checked(H_GUEST_SET_STATE, a, &r);
}

static void op_run(void)
{
	unsigned long a[9] = { any_flags(below(2) ? 0 : rnd() & 7), any_gid(),
			       any_vid() };
	struct hcall_ret r;
	struct gsb b;

	if (below(2)) {
		a[1] = sane_gid[my_cpu];
		a[2] = sane_vid[my_cpu];
	}
	/* Always a near time limit first: an L2 that spins ends its run */
	gsb_init(&b, RUN_IN(my_cpu));
	gsb_add_u64(&b, GSID_HDEC_EXPIRY_TB, mftb() + TB_PER_MS);
	if (below(4))
		add_element(&b);
	if (checked(H_GUEST_RUN_VCPU, a, &r) == H_SUCCESS)
		runs[my_cpu]++;
}

static void op_delete(void)
{
	unsigned long a[9] = { any_flags(below(8) ? 0 : H_GUEST_DELETE_ALL),
			       any_gid() };
	struct hcall_ret r;

	checked(H_GUEST_DELETE, a, &r);
}

static void op_invalidate(void)
{
	static const u64 ends[] = { 0x10000, 0x20000, ~0UL, ~0UL - 0xfff,
				    0x7fffffffffff0000UL, 0 };
	unsigned long a[9] = { any_gid(), below(4) ? 1 : rnd(), rnd() & 0xf,
			       below(2) ? ~0UL : rnd() & 0xf,
			       pick(ends, ARRAY_SIZE(ends)),
			       pick(ends, ARRAY_SIZE(ends)) };
	struct hcall_ret r;

	if (below(2)) {
		checked(H_RPT_INVALIDATE, a, &r);
		return;
	}
	a[0] = rnd() & (0xffUL << 16 | 0xffUL << 8);
	a[2] = below(2) ? rnd() : 0x800;
	checked(H_TLB_INVALIDATE, a, &r);
}

static void op_copy(void)
{
	static const u64 sizes[] = { 1, 8, 16, 4096, 4097, 1UL << 20, ~0UL };
	unsigned long a[9] = { any_gid(), below(4) ? 0 : rnd() & 0xfffff,
			       any_value(), 0, 0,
			       pick(sizes, ARRAY_SIZE(sizes)) };
	struct hcall_ret r;

	a[below(2) ? 3 : 4] = below(4) ? GSB_AREA(my_cpu) + 0x8000 :
					 any_addr();
	checked(H_COPY_TOFROM_GUEST, a, &r);
}

/* The L1 "boots again": its VMM serves the call, the L0 drops its L2s */
static void op_reboot(void)
{
	unsigned long a[9] = { 0x18 };
	struct hcall_ret r;

	checked(H_REGISTER_PROC_TBL, a, &r);
}

/*
 * A secure-VM call from this normal VM, as if from the Ultravisor or not:
 * whatever its arguments, nothing may start, move pages or abort.
 */
static void op_svm(void)
{
	static const u64 nrs[] = { H_SVM_PAGE_IN, H_SVM_PAGE_OUT,
				   H_SVM_INIT_START, H_SVM_INIT_DONE,
				   H_SVM_INIT_ABORT };
	unsigned long a[9] = { any_addr(), any_value(), below(2) ? 12 : rnd(),
			       any_flags(0) };
	struct hcall_ret r;

	checked(pick(nrs, ARRAY_SIZE(nrs)), a, &r);
}

/* v1: the L1's partition table, at a size or place it may not be */
static void op_v1_table(void)
{
	static const u64 ptcrs[] = { V1_PART_TABLE, V1_PART_TABLE, 0,
				     V1_PART_TABLE | 1, V1_PART_TABLE | 31,
				     V1_PART_TABLE + 0x800, OUTSIDE_MEMORY };
	unsigned long a[9] = { below(8) ? pick(ptcrs, ARRAY_SIZE(ptcrs)) :
					  rnd() };
	struct hcall_ret r;

	checked(H_SET_PARTITION_TABLE, a, &r);
}

/*
 * v1: a partition-table entry of a low LPID. Its other bits may be
 * anything, its tree never more than the empty one (or none): an L2 never
 * maps the L1's memory, so that it cannot write the payload.
 */
static void op_v1_entry(void)
{
	static const u64 roots[] = { PART_ROOT, PART_ROOT, PART_ROOT + 0x100,
				     OUTSIDE_MEMORY, 0 };
	u64 *e = (u64 *)(V1_PART_TABLE + below(V1_LPIDS) * 16);
	u64 dw0 = PATB_HR_GR | RADIX_TREE_52 | 13, dw1 = PATB_HR_GR | PROC_TABLE;

	if (!below(8))
		dw0 = rnd() & 0xff000000000000ffUL;
	if (!below(8))
		dw1 = rnd();
	dw0 |= pick(roots, ARRAY_SIZE(roots));
	__atomic_store_n(&e[0], cpu_to_be64(dw0), __ATOMIC_RELAXED);
	__atomic_store_n(&e[1], cpu_to_be64(dw1), __ATOMIC_RELAXED);
}

/* v1: H_ENTER_NESTED of an L2 whose state is mostly sane */
static void op_v1_enter(void)
{
	static const u64 versions[] = { 1, 2, 2, 2, 3, 0, 4 };
	struct v1_hv_state *hv = (void *)V1_HV_STATE(my_cpu);
	struct v1_regs *regs = (void *)V1_REGS(my_cpu);
	unsigned long a[9] = { V1_HV_STATE(my_cpu), V1_REGS(my_cpu) };
	struct hcall_ret r;

	memset(hv, 0, sizeof(*hv));
	memset(regs, 0, sizeof(*regs));
	hv->version = pick(versions, ARRAY_SIZE(versions));
	hv->lpid = below(8) ? below(V1_LPIDS + 1) : rnd();
	hv->lpcr = below(4) ? LPCR_ILE : rnd();
	hv->amor = ~0UL;
	/* The L2 faults at once in the empty tree; a near limit all the same */
	hv->hdec_expiry = below(8) ? mftb() + below(TB_PER_MS) : below(2);
	hv->tb_offset = below(4) ? 0 : rnd();
	if (!below(4)) {
		hv->dpdes = rnd();
		hv->hfscr = rnd();
		hv->pcr = rnd();
		hv->srr1 = rnd();
	}
	regs->nip = below(4) ? below(4) * 0x1000 : rnd();
	regs->msr = below(4) ? 0x8000000000001033UL : rnd();
	if (!below(16))
		a[below(2)] = any_addr();
	/* An exit vector: the L2 ran (H_NOT_AVAILABLE, H_TOO_HARD are > 0) */
	if (code_index(checked(H_ENTER_NESTED, a, &r)) == C_TRAP ||
	    r.r3 == H_SUCCESS)
		runs[my_cpu]++;
}

static void op_get(void)
{
	op_state(false);
}

static void op_set(void)
{
	op_state(true);
}

/* Each call's weight: how often it is made, out of their sum */
struct fuzz_op {
	void (*op)(void);
	unsigned int weight;
};

static const struct fuzz_op ops[] = {
	{ op_get, 20 }, { op_set, 20 }, { op_caps, 3 }, { op_create, 8 },
	{ op_create_vcpu, 10 }, { op_sane_l2, 10 }, { op_run, 16 },
	{ op_delete, 3 }, { op_invalidate, 5 }, { op_copy, 3 },
	{ op_reboot, 1 }, { op_svm, 2 },
};

/* An L1 of the nested API v1: KVM-HV's own H_ENTER_NESTED path */
static const struct fuzz_op ops_v1[] = {
	{ op_v1_enter, 40 }, { op_v1_entry, 20 }, { op_v1_table, 3 },
	{ op_invalidate, 10 }, { op_copy, 5 }, { op_svm, 2 },
};

static void one_call(const struct fuzz_op *table, unsigned int total_weight)
{
	unsigned int i, r = below(total_weight);

	for (i = 0; r >= table[i].weight; i++)
		r -= table[i].weight;
	table[i].op();
}

/* The v1 L1's table, its first entries mostly sane; the LPIDs are the ids */
static void v1_setup(void)
{
	unsigned int i;

	for (i = 0; i < V1_LPIDS; i++)
		op_v1_entry();
	for (i = 0; i < ID_POOL; i++)
		id_pool[i] = i + 1;
	GUEST_ASSERT_EQ(hc(H_SET_PARTITION_TABLE, V1_PART_TABLE, 0, 0, 0,
			   0).r3, H_SUCCESS);
}

static void fuzz(unsigned long test)
{
	const struct fuzz_params *p = (const void *)FUZZ_PARAMS_GPA;
	const struct fuzz_op *table = test == FUZZ_RUN_V1 ? ops_v1 : ops;
	unsigned int i, n, total_weight = 0;
	u64 start = mftb();

	n = test == FUZZ_RUN_V1 ? ARRAY_SIZE(ops_v1) : ARRAY_SIZE(ops);
	for (i = 0; i < n; i++)
		total_weight += table[i].weight;

	rng_state[my_cpu] = p->seed ^ (my_cpu + 1) ?: 1;
	if (test == FUZZ_RUN_V1) {
		v1_setup();
	} else {
		offered_caps = get_caps();
		agree_power9();
	}
	while (mftb() - start < p->ticks)
		one_call(table, total_weight);
	guest_report(FUZZ_CALLS, calls[my_cpu]);
	guest_report(FUZZ_RUNS, runs[my_cpu]);
	guest_report(FUZZ_CODES, codes_seen[my_cpu]);
}

void guest_main(unsigned long test, unsigned long cpu)
{
	if ((test != FUZZ_RUN && test != FUZZ_RUN_V1) || cpu >= FUZZ_VCPUS)
		GUEST_FAIL();
	fuzz(test);
}
