// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest State Buffer (GSB) codec and element table of the PAPR API v2 L0.
 *
 * Terms: L0 is this host, L1 a guest that is itself a hypervisor, L2 a
 * guest of an L1. A GSB is a be32 element count followed by packed
 * elements {be16 id, be16 size, value}, all big-endian, with no alignment.
 *
 * Every GSB here comes from an L1 and is hostile: each size and count is
 * checked against the bytes that are really there, values are read with
 * unaligned big-endian loads, and nothing is allocated. The same file is
 * built into kvm-hv.ko and, through a few shim headers, into the userspace
 * unit tests, the fuzzer and the benchmark (tests/unit/).
 */

#include <linux/types.h>
#include <linux/array_size.h>
#include <linux/bits.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/unaligned.h>
#include <asm/hvcall.h>

#include "book3s_hv_gsb.h"

#define GSB_HDR_SIZE		4	/* be32 count, and each be16 id + size */

/*
 * The dense index of an id of the element table, at compile time: the
 * thread registers first, in id order, so they index vcpu->reg[].
 */
#define GSB_IDX_1000		KVMHV_GSB_IDX_REGS
#define GSB_IDX_2000		(GSB_IDX_1000 + 0x54)
#define GSB_IDX_F000		(GSB_IDX_2000 + 15)
#define IDX_0000(id)		(KVMHV_GSB_IDX_GUEST + (id))
#define IDX_0800(id)		(KVMHV_GSB_IDX_HOST + (id) - 0x0800)
#define IDX_0C00(id)		(KVMHV_GSB_IDX_META + (id) - 0x0C00)
#define IDX_1000(id)		(GSB_IDX_1000 + (id) - 0x1000)
#define IDX_2000(id)		(GSB_IDX_2000 + (id) - 0x2000)
#define IDX_3000(id)		(KVMHV_GSB_IDX_VSR + (id) - 0x3000)
#define IDX_F000(id)		(GSB_IDX_F000 + (id) - 0xF000)

/* The index the lookup gives unknown ids: its entry matches no element */
#define GSB_UNKNOWN		KVMHV_GSB_NR_ELEMS

/*
 * The ids are grouped by their high byte; within a group they are dense
 * from xx00. The lookup is then one load and one compare.
 */
struct gsb_group {
	u8 first;	/* dense index of id xx00 */
	u8 count;	/* ids xx00 .. xx00 + count - 1 exist */
};

static const struct gsb_group gsb_groups[256] = {
	[0x00] = { KVMHV_GSB_IDX_GUEST, 7 },
	[0x08] = { KVMHV_GSB_IDX_HOST, 5 },
	[0x0C] = { KVMHV_GSB_IDX_META, 3 },
	[0x10] = { GSB_IDX_1000, 0x54 },
	[0x20] = { GSB_IDX_2000, 15 },
	[0x30] = { KVMHV_GSB_IDX_VSR, 64 },
	[0xF0] = { GSB_IDX_F000, 4 },
};

/* Where an element's value lives */
enum gsb_kind {
	GSB_NOP,		/* nowhere: skipped */
	GSB_REG8,		/* vcpu->reg[index], 8 bytes */
	GSB_REG4,		/* vcpu->reg[index], 4 bytes zero-extended */
	GSB_REG_CHECKED,	/* vcpu->reg[index], through a value policy */
	GSB_VSR,		/* vcpu->vsr[index - KVMHV_GSB_IDX_VSR] */
	GSB_RUN_BUF,		/* vcpu->run_buf[id - 0x0C00] */
	GSB_VPA,		/* vcpu->vpa */
	GSB_GUEST_REG,		/* guest->reg[id - 0x0003] */
	GSB_PART_TABLE,		/* guest->part_table */
	GSB_PROC_TABLE,		/* guest->proc_table */
	GSB_HOST_REG,		/* host->reg[id - 0x0800] */
	GSB_CONST,		/* computed by the L0 on GET */
};

/* The rule a SET applies to a value: documented in Documentation/gsb.rst */
enum gsb_policy {
	GSB_ANY,
	GSB_MSR,
	GSB_LPCR,
	GSB_HFSCR,
	GSB_DAWRX,
	GSB_CIABR,
	GSB_LPVR,
	GSB_TB_OFFSET,
	GSB_VPA_ADDR,
};

/*
 * An element of the table. @match is what a well-formed element of a
 * request agrees with: its size in the low 16 bits, its scope and access
 * above, so that the parser checks all three with one compare. Its kind
 * in the top byte lets the same compare also tell a plain 8-byte
 * register, most of a run input, from the rest.
 */
struct gsb_desc {
	u32 match;
	u8 policy;
};

#define GSB_MATCH_SIZE		0xffff
#define GSB_MATCH_ATTR_SHIFT	16
#define GSB_MATCH_KIND_SHIFT	24
#define GSB_MATCH_KIND		(0xffU << GSB_MATCH_KIND_SHIFT)

#define RW		(KVMHV_GSB_READ | KVMHV_GSB_WRITE)
#define RO		KVMHV_GSB_READ
#define WO		KVMHV_GSB_WRITE
#define ALL_SCOPES	(KVMHV_GSB_THREAD | KVMHV_GSB_GUEST | KVMHV_GSB_HOST)

#define ELEM(sz, scope, acc, k, pol)					\
	{								\
		.match = (sz) | ((scope) | (acc)) << GSB_MATCH_ATTR_SHIFT | \
			 (k) << GSB_MATCH_KIND_SHIFT,			\
		.policy = (pol),					\
	}
#define REG(sz, acc, k, pol)	ELEM(sz, KVMHV_GSB_THREAD, acc, k, pol)
#define REG8			REG(8, RW, GSB_REG8, GSB_ANY)
#define REG4			REG(4, RW, GSB_REG4, GSB_ANY)
#define REG_CHECKED(sz, pol)	REG(sz, RW, GSB_REG_CHECKED, pol)

static const struct gsb_desc gsb_elems[KVMHV_GSB_NR_ELEMS + 1] = {
	[IDX_0000(KVMHV_GSID_NOP)] =
		ELEM(0, ALL_SCOPES, RW, GSB_NOP, GSB_ANY),
	[IDX_0000(KVMHV_GSID_HOST_STATE_SIZE)] =
		ELEM(8, KVMHV_GSB_GUEST, RO, GSB_CONST, GSB_ANY),
	[IDX_0000(KVMHV_GSID_RUN_OUTPUT_MIN_SIZE)] =
		ELEM(8, KVMHV_GSB_GUEST, RO, GSB_CONST, GSB_ANY),
	[IDX_0000(KVMHV_GSID_LOGICAL_PVR)] =
		ELEM(4, KVMHV_GSB_GUEST, RW, GSB_GUEST_REG, GSB_LPVR),
	[IDX_0000(KVMHV_GSID_TB_OFFSET)] =
		ELEM(8, KVMHV_GSB_GUEST, RW, GSB_GUEST_REG, GSB_TB_OFFSET),
	[IDX_0000(KVMHV_GSID_PARTITION_TABLE)] =
		ELEM(24, KVMHV_GSB_GUEST, RW, GSB_PART_TABLE, GSB_ANY),
	[IDX_0000(KVMHV_GSID_PROCESS_TABLE)] =
		ELEM(16, KVMHV_GSB_GUEST, RW, GSB_PROC_TABLE, GSB_ANY),
	[IDX_0800(KVMHV_GSID_L0_GUEST_HEAP) ...
	 IDX_0800(KVMHV_GSID_L0_GUEST_PGTABLE_RECLAIM)] =
		ELEM(8, KVMHV_GSB_HOST, RO, GSB_HOST_REG, GSB_ANY),
	[IDX_0C00(KVMHV_GSID_RUN_INPUT) ... IDX_0C00(KVMHV_GSID_RUN_OUTPUT)] =
		ELEM(16, KVMHV_GSB_THREAD, RW, GSB_RUN_BUF, GSB_ANY),
	[IDX_0C00(KVMHV_GSID_VPA)] =
		ELEM(8, KVMHV_GSB_THREAD, RW, GSB_VPA, GSB_VPA_ADDR),

	[IDX_1000(KVMHV_GSID_GPR(0)) ... IDX_1000(KVMHV_GSID_GPR(31))] = REG8,
	/* Consumed by the L0 at entry: no register to read it back from */
	[IDX_1000(KVMHV_GSID_HDEC_EXPIRY_TB)] = REG(8, WO, GSB_REG8, GSB_ANY),
	[IDX_1000(KVMHV_GSID_NIA)] = REG8,
	[IDX_1000(KVMHV_GSID_MSR)] = REG_CHECKED(8, GSB_MSR),
	[IDX_1000(KVMHV_GSID_LR) ... IDX_1000(KVMHV_GSID_VTB)] = REG8,
	[IDX_1000(KVMHV_GSID_LPCR)] = REG_CHECKED(8, GSB_LPCR),
	[IDX_1000(KVMHV_GSID_HFSCR)] = REG_CHECKED(8, GSB_HFSCR),
	[IDX_1000(KVMHV_GSID_FSCR) ... IDX_1000(KVMHV_GSID_DAWR1)] = REG8,
	[IDX_1000(KVMHV_GSID_CIABR)] = REG_CHECKED(8, GSB_CIABR),
	[IDX_1000(KVMHV_GSID_PURR) ... IDX_1000(KVMHV_GSID_DPDES)] = REG8,

	[IDX_2000(KVMHV_GSID_CR) ... IDX_2000(KVMHV_GSID_VRSAVE)] = REG4,
	[IDX_2000(KVMHV_GSID_DAWRX0) ... IDX_2000(KVMHV_GSID_DAWRX1)] =
		REG_CHECKED(4, GSB_DAWRX),
	[IDX_2000(KVMHV_GSID_PMC(0)) ... IDX_2000(KVMHV_GSID_PSPB)] = REG4,

	[IDX_3000(KVMHV_GSID_VSR(0)) ... IDX_3000(KVMHV_GSID_VSR(63))] =
		ELEM(16, KVMHV_GSB_THREAD, RW, GSB_VSR, GSB_ANY),

	[IDX_F000(KVMHV_GSID_HDAR)] = REG(8, RO, GSB_REG8, GSB_ANY),
	[IDX_F000(KVMHV_GSID_HDSISR)] = REG(4, RO, GSB_REG4, GSB_ANY),
	/* 8 bytes, not the document's 4: see Documentation/gsb.rst */
	[IDX_F000(KVMHV_GSID_HEIR)] = REG(8, RO, GSB_REG8, GSB_ANY),
	[IDX_F000(KVMHV_GSID_ASDR)] = REG(8, RO, GSB_REG8, GSB_ANY),
};

/* The named registers must sit at the dense index of their id */
#define GSB_REG_AT(field, index)					\
	static_assert(offsetof(struct kvmhv_gsb_regs, field) ==		\
		      (index) * sizeof(u64))
GSB_REG_AT(gpr[31], IDX_1000(KVMHV_GSID_GPR(31)));
GSB_REG_AT(hdec_expiry_tb, IDX_1000(KVMHV_GSID_HDEC_EXPIRY_TB));
GSB_REG_AT(dawr[1], IDX_1000(KVMHV_GSID_DAWR1));
GSB_REG_AT(sprg[3], IDX_1000(KVMHV_GSID_SPRG(3)));
GSB_REG_AT(mmcr[3], IDX_1000(KVMHV_GSID_MMCR(3)));
GSB_REG_AT(sier[2], IDX_1000(KVMHV_GSID_SIER(2)));
GSB_REG_AT(dpdes, IDX_1000(KVMHV_GSID_DPDES));
GSB_REG_AT(cr, IDX_2000(KVMHV_GSID_CR));
GSB_REG_AT(pmc[5], IDX_2000(KVMHV_GSID_PMC(5)));
GSB_REG_AT(pspb, IDX_2000(KVMHV_GSID_PSPB));
GSB_REG_AT(hdar, IDX_F000(KVMHV_GSID_HDAR));
GSB_REG_AT(asdr, IDX_F000(KVMHV_GSID_ASDR));
static_assert(sizeof(struct kvmhv_gsb_regs) ==
	      KVMHV_GSB_NR_REGS * sizeof(u64));
static_assert(IDX_0C00(KVMHV_GSID_VPA) + 1 == KVMHV_GSB_IDX_VSR);
static_assert(IDX_3000(KVMHV_GSID_VSR(63)) + 1 == KVMHV_GSB_NR_THREAD);
static_assert(IDX_0800(KVMHV_GSID_L0_GUEST_PGTABLE_RECLAIM) + 1 == KVMHV_GSB_NR_ELEMS);

/* The architected bits the value policies name (Power ISA 3.1) */
#define GSB_MSR_HV		BIT_ULL(60)
#define GSB_MSR_TS		(BIT_ULL(34) | BIT_ULL(33))
#define GSB_MSR_S		BIT_ULL(22)
#define GSB_MSR_ME		BIT_ULL(12)
#define GSB_LPCR_DPFD		(7ULL << 52)
#define GSB_LPCR_ILE		BIT_ULL(25)
#define GSB_LPCR_AIL		(3ULL << 23)
#define GSB_LPCR_LD		BIT_ULL(17)
#define GSB_LPCR_MER		BIT_ULL(11)
#define GSB_LPCR_GTSE		BIT_ULL(10)
/* PREFIX, MSGP, TAR, EBB, TM, BHRB, PM, DSCR, VECVSX, FP */
#define GSB_HFSCR_FACILITIES	0x25bfULL
#define GSB_DAWRX_HYP		BIT_ULL(2)
#define GSB_CIABR_PRIV		3ULL
#define GSB_CIABR_PRIV_HYPER	3ULL
#define GSB_PVR_ARCH_300	0x0f000005
#define GSB_PVR_ARCH_31		0x0f000006
#define GSB_PVR_ARCH_31_P11	0x0f000007
#define GSB_TB_OFFSET_ALIGN	BIT_ULL(24)
#define GSB_RPDB_MASK		0x0fffffffffffff00ULL
#define GSB_PRTB_MASK		0x0ffffffffffff000ULL
#define GSB_RADIX_EA_BITS	52
#define GSB_RADIX_ROOT_SIZE	BIT_ULL(16)
#define GSB_PROC_TABLE_MIN	BIT_ULL(12)
#define GSB_PROC_TABLE_MAX	BIT_ULL(36)
#define GSB_VPA_ALIGN		128ULL
#define GSB_VPA_NONE		(~0ULL)
#define GSB_VPA_PAGE		0x1000ULL
#define GSB_RUN_INPUT_MIN	GSB_HDR_SIZE

/* The L2 LPCR bits an L1 chooses; the L0 owns all others */
#define GSB_LPCR_L1_BITS	(GSB_LPCR_DPFD | GSB_LPCR_ILE | GSB_LPCR_AIL | \
				 GSB_LPCR_LD | GSB_LPCR_MER | GSB_LPCR_GTSE)

static bool gsb_is_pow2(u64 x)
{
	return x && !(x & (x - 1));
}

static unsigned int gsb_index(u16 id)
{
	struct gsb_group g = gsb_groups[id >> 8];
	unsigned int lo = id & 0xff;

	return lo < g.count ? g.first + lo : GSB_UNKNOWN;
}

static unsigned int gsb_size(const struct gsb_desc *d)
{
	return d->match & GSB_MATCH_SIZE;
}

static u8 gsb_attr(const struct gsb_desc *d)
{
	return d->match >> GSB_MATCH_ATTR_SHIFT;
}

static enum gsb_kind gsb_kind(const struct gsb_desc *d)
{
	return d->match >> GSB_MATCH_KIND_SHIFT;
}

bool kvmhv_gsb_lookup(u16 id, struct kvmhv_gsb_info *info)
{
	unsigned int index = gsb_index(id);

	if (index == GSB_UNKNOWN)
		return false;
	info->index = index;
	info->size = gsb_size(&gsb_elems[index]);
	info->attr = gsb_attr(&gsb_elems[index]);
	return true;
}

void kvmhv_gsb_vcpu_init(struct kvmhv_gsb_vcpu *vcpu)
{
	memset(vcpu, 0, sizeof(*vcpu));
	vcpu->r.msr = GSB_MSR_ME;
	vcpu->vpa = GSB_VPA_NONE;
}

void kvmhv_gsb_guest_init(struct kvmhv_gsb_guest *guest)
{
	memset(guest, 0, sizeof(*guest));
}

/*
 * A logical PVR names the ISA level the L2 runs at; the L1 may ask for a
 * level it negotiated with H_GUEST_SET_CAPABILITIES. The Linux L1 maps a
 * POWER11-compatible L2 (ISA 3.1) onto the POWER10 capability; an L1 that
 * agreed the POWER11 mode may run ISA 3.1 L2s too.
 */
static bool gsb_lpvr_allowed(u64 caps, u64 lpvr)
{
	switch (lpvr) {
	case GSB_PVR_ARCH_300:
		return caps & H_GUEST_CAP_POWER9;
	case GSB_PVR_ARCH_31:
	case GSB_PVR_ARCH_31_P11:
		return caps & (H_GUEST_CAP_POWER10 | KVMHV_GUEST_CAP_POWER11);
	default:
		return false;
	}
}

/*
 * Apply the value policy of a scalar element to *v: false rejects the
 * value, else *v is what the store keeps. Bits that belong to the L0 are
 * dropped rather than rejected where an L1 may just be echoing a value
 * it read back; a value is rejected where no L2 may run with it. Inline:
 * run inputs carry the LPCR, and a call, with *v on the stack, would cost
 * more than the policy does.
 */
static __always_inline bool
gsb_check_scalar(const struct kvmhv_gsb_req *req, enum gsb_policy policy,
		 u64 *v)
{
	switch (policy) {
	case GSB_MSR:
		/*
		 * The L2 is never a hypervisor nor secure, and takes MCEs. Nor
		 * is it in a transaction: the L0 keeps no TM checkpoint for an
		 * L2, and its kernel may have no TM at all.
		 */
		if (*v & (GSB_MSR_HV | GSB_MSR_TS | GSB_MSR_S))
			return false;
		*v |= GSB_MSR_ME;
		return true;
	case GSB_LPCR:
		*v &= GSB_LPCR_L1_BITS;
		return true;
	case GSB_HFSCR:
		/*
		 * The cause byte is the L0's to report; the L0 also masks
		 * the facilities with those it permits the L1 at entry.
		 */
		*v &= GSB_HFSCR_FACILITIES;
		return true;
	case GSB_DAWRX:
		*v &= ~GSB_DAWRX_HYP;
		return true;
	case GSB_CIABR:
		/* A hypervisor-state match would trap in the L0: disable it */
		if ((*v & GSB_CIABR_PRIV) == GSB_CIABR_PRIV_HYPER)
			*v &= ~GSB_CIABR_PRIV;
		return true;
	case GSB_LPVR:
		return gsb_lpvr_allowed(req->caps, *v);
	case GSB_TB_OFFSET:
		/* mttbu40 moves only the upper 40 bits of the timebase */
		return !(*v & (GSB_TB_OFFSET_ALIGN - 1));
	case GSB_VPA_ADDR:
		/* The L0 keeps the VPA pinned as one 4 KiB page */
		return *v == GSB_VPA_NONE ||
		       (*v && !(*v & (GSB_VPA_ALIGN - 1)) &&
			(*v & (GSB_VPA_PAGE - 1)) <=
			GSB_VPA_PAGE - KVMHV_GSB_VPA_MIN_SIZE);
	default:
		return true;
	}
}

static bool gsb_part_table_ok(const struct kvmhv_gsb_part_table *pt)
{
	/* The only radix tree shape POWER9 and POWER10 walk */
	return pt->ea_bits == GSB_RADIX_EA_BITS &&
	       pt->root_size == GSB_RADIX_ROOT_SIZE &&
	       !(pt->base & ~GSB_RPDB_MASK) &&
	       !(pt->base & (pt->root_size - 1));
}

static bool gsb_proc_table_ok(const struct kvmhv_gsb_proc_table *pt)
{
	return gsb_is_pow2(pt->size) && pt->size >= GSB_PROC_TABLE_MIN &&
	       pt->size <= GSB_PROC_TABLE_MAX && !(pt->base & ~GSB_PRTB_MASK);
}

/* Address 0 unregisters a run buffer; RUN_VCPU then refuses to run */
static bool gsb_run_buf_ok(const struct kvmhv_gsb_buf *b, bool output)
{
	u64 min = output ? KVMHV_GSB_RUN_OUTPUT_MIN : GSB_RUN_INPUT_MIN;

	if (!b->addr)
		return !b->size;
	return b->size >= min && b->size <= KVMHV_GSB_RUN_BUF_MAX &&
	       b->addr + b->size > b->addr;
}

static u64 gsb_load_scalar(const struct gsb_desc *d, const u8 *val)
{
	return gsb_size(d) == 8 ? get_unaligned_be64(val) :
				  get_unaligned_be32(val);
}

static void gsb_store_scalar(const struct gsb_desc *d, u8 *val, u64 v)
{
	if (gsb_size(d) == 8)
		put_unaligned_be64(v, val);
	else
		put_unaligned_be32(v, val);
}

static void gsb_mark_vcpu(struct kvmhv_gsb_vcpu *vcpu, unsigned long index)
{
	vcpu->dirty[index / 64] |= BIT_ULL(index % 64);
}

static void gsb_mark_guest(struct kvmhv_gsb_guest *guest, unsigned int index)
{
	guest->dirty |= BIT_ULL(index - KVMHV_GSB_IDX_GUEST);
}

static void gsb_set_reg(struct kvmhv_gsb_vcpu *vcpu, unsigned long index,
			u64 v)
{
	vcpu->reg[index] = v;
	gsb_mark_vcpu(vcpu, index);
}

/* The GSB sends the high doubleword of a VSR first */
static void gsb_set_vsr(struct kvmhv_gsb_vcpu *vcpu, unsigned long index,
			const u8 *val)
{
	u64 *vsr = vcpu->vsr[index - KVMHV_GSB_IDX_VSR];

	vsr[KVMHV_GSB_VSR_HI] = get_unaligned_be64(val);
	vsr[KVMHV_GSB_VSR_LO] = get_unaligned_be64(val + 8);
	gsb_mark_vcpu(vcpu, index);
}

static bool gsb_l1_mem_ok(const struct kvmhv_gsb_req *req, u64 addr,
			  u64 size)
{
	return !req->l1_mem_ok || req->l1_mem_ok(req->l1, addr, size);
}

/*
 * Move one SET value into the stores, for the kinds that the walk leaves
 * out of line: a run input rarely carries them, and they would crowd the
 * registers of its loop. The scope check has already made sure that the
 * store of the element's scope is the request's.
 */
static noinline long gsb_set_value(const struct kvmhv_gsb_req *req,
				   const struct gsb_desc *e,
				   unsigned int index, u16 id, const u8 *val)
{
	struct kvmhv_gsb_vcpu *vcpu = req->vcpu;
	struct kvmhv_gsb_guest *guest = req->guest;
	struct kvmhv_gsb_part_table pt;
	struct kvmhv_gsb_proc_table prt;
	struct kvmhv_gsb_buf b;
	u64 v;

	switch (gsb_kind(e)) {
	case GSB_NOP:
		return H_SUCCESS;
	case GSB_RUN_BUF:
		b.addr = get_unaligned_be64(val);
		b.size = get_unaligned_be64(val + 8);
		if (!gsb_run_buf_ok(&b, id == KVMHV_GSID_RUN_OUTPUT) ||
		    (b.addr && !gsb_l1_mem_ok(req, b.addr, b.size)))
			return H_INVALID_ELEMENT_VALUE;
		vcpu->run_buf[id - KVMHV_GSID_RUN_INPUT] = b;
		break;
	case GSB_VPA:
		v = get_unaligned_be64(val);
		if (!gsb_check_scalar(req, e->policy, &v) ||
		    (v != GSB_VPA_NONE &&
		     !gsb_l1_mem_ok(req, v, KVMHV_GSB_VPA_MIN_SIZE)))
			return H_INVALID_ELEMENT_VALUE;
		vcpu->vpa = v;
		break;
	case GSB_GUEST_REG:
		v = gsb_load_scalar(e, val);
		if (!gsb_check_scalar(req, e->policy, &v))
			return H_INVALID_ELEMENT_VALUE;
		guest->reg[id - KVMHV_GSID_LOGICAL_PVR] = v;
		gsb_mark_guest(guest, index);
		return H_SUCCESS;
	case GSB_PART_TABLE:
		pt.base = get_unaligned_be64(val);
		pt.ea_bits = get_unaligned_be64(val + 8);
		pt.root_size = get_unaligned_be64(val + 16);
		if (!gsb_part_table_ok(&pt) ||
		    !gsb_l1_mem_ok(req, pt.base, pt.root_size))
			return H_INVALID_ELEMENT_VALUE;
		guest->part_table = pt;
		gsb_mark_guest(guest, index);
		return H_SUCCESS;
	case GSB_PROC_TABLE:
		prt.base = get_unaligned_be64(val);
		prt.size = get_unaligned_be64(val + 8);
		/* An L2 real address: the L1's memory is no bound for it */
		if (!gsb_proc_table_ok(&prt))
			return H_INVALID_ELEMENT_VALUE;
		guest->proc_table = prt;
		gsb_mark_guest(guest, index);
		return H_SUCCESS;
	default:
		/* Read-only kinds never pass the access check of a SET */
		return H_INVALID_ELEMENT_ID;
	}
	gsb_mark_vcpu(vcpu, index);
	return H_SUCCESS;
}

static u64 gsb_const_value(u16 id)
{
	if (id == KVMHV_GSID_HOST_STATE_SIZE)
		return sizeof(struct kvmhv_gsb_vcpu);
	return KVMHV_GSB_RUN_OUTPUT_FULL;
}

/* Encode the stored value of an element into @val (GET and the writer) */
static void gsb_get_value(const struct kvmhv_gsb_req *req,
			  const struct gsb_desc *e, unsigned int index,
			  u16 id, u8 *val)
{
	const struct kvmhv_gsb_vcpu *vcpu = req->vcpu;
	const struct kvmhv_gsb_guest *guest = req->guest;
	const u64 *vsr;

	switch (gsb_kind(e)) {
	case GSB_NOP:
		break;
	case GSB_REG8:
		put_unaligned_be64(vcpu->reg[index], val);
		break;
	case GSB_REG4:
		put_unaligned_be32(vcpu->reg[index], val);
		break;
	case GSB_REG_CHECKED:
		gsb_store_scalar(e, val, vcpu->reg[index]);
		break;
	case GSB_VSR:
		vsr = vcpu->vsr[index - KVMHV_GSB_IDX_VSR];
		put_unaligned_be64(vsr[KVMHV_GSB_VSR_HI], val);
		put_unaligned_be64(vsr[KVMHV_GSB_VSR_LO], val + 8);
		break;
	case GSB_RUN_BUF:
		put_unaligned_be64(vcpu->run_buf[id - KVMHV_GSID_RUN_INPUT].addr,
				   val);
		put_unaligned_be64(vcpu->run_buf[id - KVMHV_GSID_RUN_INPUT].size,
				   val + 8);
		break;
	case GSB_VPA:
		put_unaligned_be64(vcpu->vpa, val);
		break;
	case GSB_GUEST_REG:
		gsb_store_scalar(e, val,
				 guest->reg[id - KVMHV_GSID_LOGICAL_PVR]);
		break;
	case GSB_PART_TABLE:
		put_unaligned_be64(guest->part_table.base, val);
		put_unaligned_be64(guest->part_table.ea_bits, val + 8);
		put_unaligned_be64(guest->part_table.root_size, val + 16);
		break;
	case GSB_PROC_TABLE:
		put_unaligned_be64(guest->proc_table.base, val);
		put_unaligned_be64(guest->proc_table.size, val + 8);
		break;
	case GSB_HOST_REG:
		put_unaligned_be64(req->host->reg[id - KVMHV_GSID_L0_GUEST_HEAP],
				   val);
		break;
	case GSB_CONST:
		put_unaligned_be64(gsb_const_value(id), val);
		break;
	}
}

static long gsb_report(struct kvmhv_gsb_err *err, long rc, u32 index,
		       size_t offset)
{
	err->rc = rc;
	err->index = index;
	err->offset = offset;
	return rc;
}

static long gsb_buffer_rc(const struct kvmhv_gsb_req *req)
{
	return req->op == KVMHV_GSB_RUN_INPUT ? H_INPUT_BUFFER_TOO_SMALL :
						H_P5;
}

/*
 * Why an element does not match its table entry, or H_SUCCESS for a NOP,
 * whose size is free. Which error an element with several faults gets is
 * fixed (id, then access and scope, then size), the same whatever order
 * the checks run in.
 */
static long gsb_mismatch(unsigned int index, u8 need)
{
	const struct gsb_desc *e = &gsb_elems[index];

	if (index == GSB_UNKNOWN || (gsb_attr(e) & need) != need)
		return H_INVALID_ELEMENT_ID;
	if (gsb_kind(e) == GSB_NOP)
		return H_SUCCESS;
	return H_INVALID_ELEMENT_SIZE;
}

/*
 * Walk the elements of a GSB that an L1 sent, and SET or GET each one.
 * The count in the header is trusted only as far as the bytes go; bytes
 * after the last counted element are ignored (the Linux L1 passes its
 * whole buffer). An error stops the walk: elements before it have taken
 * effect, like the same elements sent in separate calls would have.
 */
static __always_inline long gsb_walk(const struct kvmhv_gsb_req *req,
				     u8 *buf, size_t len,
				     struct kvmhv_gsb_err *err, u8 scope,
				     u8 access, bool get)
{
	u8 need = scope | access;
	/*
	 * The bits where an element's entry differs from @reg8 and the
	 * element's size are its faults: within @mask, that the element
	 * does not match its entry; within @reg8_mask, that or that the
	 * entry is not a plain 8-byte register.
	 */
	u32 reg8 = (u32)need << GSB_MATCH_ATTR_SHIFT |
		   (u32)GSB_REG8 << GSB_MATCH_KIND_SHIFT;
	u32 mask = (u32)need << GSB_MATCH_ATTR_SHIFT | GSB_MATCH_SIZE;
	u32 reg8_mask = mask | GSB_MATCH_KIND;
	struct kvmhv_gsb_vcpu *vcpu = req->vcpu;
	u8 *p = buf + GSB_HDR_SIZE;
	const struct gsb_desc *e;
	u32 count, left, hdr, size, diff;
	unsigned long index;
	long avail;
	long rc;
	u64 v;

	if (len < GSB_HDR_SIZE || len > KVMHV_GSB_MAX_LEN)
		return gsb_report(err, gsb_buffer_rc(req), 0, 0);
	/* The bytes after the header at p: negative if it does not fit */
	avail = (long)len - 2 * GSB_HDR_SIZE;
	count = get_unaligned_be32(buf);
	for (left = count; left; left--, p += GSB_HDR_SIZE + size,
	     avail -= GSB_HDR_SIZE + size) {
		if (unlikely(avail < 0))
			goto truncated;
		hdr = get_unaligned_be32(p);	/* id << 16 | size */
		size = hdr & GSB_MATCH_SIZE;
		if (unlikely(size > avail))
			goto truncated;

		index = gsb_index(hdr >> 16);
		e = &gsb_elems[index];
		diff = e->match ^ reg8 ^ size;
		/* Registers are most of a run input: one test for them */
		if (likely(!(diff & reg8_mask))) {
			if (get)
				put_unaligned_be64(vcpu->reg[index],
						   p + GSB_HDR_SIZE);
			else
				gsb_set_reg(vcpu, index,
					    get_unaligned_be64(p + GSB_HDR_SIZE));
			continue;
		}
		if (unlikely(diff & mask)) {
			rc = gsb_mismatch(index, need);
			if (rc != H_SUCCESS)
				goto fail;
			continue;
		}
		if (get) {
			gsb_get_value(req, e, index, get_unaligned_be16(p),
				      p + GSB_HDR_SIZE);
			continue;
		}
		if (gsb_kind(e) == GSB_VSR) {
			gsb_set_vsr(vcpu, index, p + GSB_HDR_SIZE);
		} else if (gsb_kind(e) == GSB_REG4) {
			gsb_set_reg(vcpu, index,
				    get_unaligned_be32(p + GSB_HDR_SIZE));
		} else if (gsb_kind(e) == GSB_REG_CHECKED) {
			v = gsb_load_scalar(e, p + GSB_HDR_SIZE);
			if (unlikely(!gsb_check_scalar(req, e->policy, &v))) {
				rc = H_INVALID_ELEMENT_VALUE;
				goto fail;
			}
			gsb_set_reg(vcpu, index, v);
		} else {
			rc = gsb_set_value(req, e, index, get_unaligned_be16(p),
					   p + GSB_HDR_SIZE);
			if (unlikely(rc != H_SUCCESS))
				goto fail;
		}
	}
	return gsb_report(err, H_SUCCESS, 0, 0);

truncated:
	rc = gsb_buffer_rc(req);
fail:
	return gsb_report(err, rc, count - left, p - buf);
}

/**
 * kvmhv_gsb_set() - apply a GSB from H_GUEST_SET_STATE or RUN_VCPU input
 * @req: the request: op SET or RUN_INPUT, scope, stores and caps
 * @buf: the GSB, copied from the L1
 * @len: its size as the L1 gave it
 * @err: where the GSB failed, when it did
 *
 * Return: H_SUCCESS or the hcall return code, also in @err->rc.
 */
long kvmhv_gsb_set(const struct kvmhv_gsb_req *req, const void *buf,
		   size_t len, struct kvmhv_gsb_err *err)
{
	/*
	 * The walk writes only through @req's stores on a SET. Run inputs
	 * and most SETs are of vCPU state: they get a walk of their own,
	 * whose checks the compiler folds into constants.
	 */
	if (req->scope == KVMHV_GSB_THREAD)
		return gsb_walk(req, (u8 *)buf, len, err, KVMHV_GSB_THREAD,
				KVMHV_GSB_WRITE, false);
	return gsb_walk(req, (u8 *)buf, len, err, req->scope, KVMHV_GSB_WRITE,
			false);
}

/**
 * kvmhv_gsb_get() - fill in the values of an H_GUEST_GET_STATE GSB
 * @req: the request: op GET, scope and stores
 * @buf: the GSB, copied from the L1; values are written in place
 * @len: its size as the L1 gave it
 * @err: where the GSB failed, when it did
 *
 * Return: H_SUCCESS or the hcall return code, also in @err->rc.
 */
long kvmhv_gsb_get(const struct kvmhv_gsb_req *req, void *buf, size_t len,
		   struct kvmhv_gsb_err *err)
{
	return gsb_walk(req, buf, len, err, req->scope, KVMHV_GSB_READ, true);
}

/*
 * The elements of a scope's state: those a GET reads that are kept, not
 * computed or counted by the L0. A VMM saves them, and restores them into
 * a new L0 (Documentation/api.rst).
 */
static bool gsb_is_state(const struct gsb_desc *e, u8 scope)
{
	u8 need = scope | KVMHV_GSB_READ;

	switch (gsb_kind(e)) {
	case GSB_NOP:
	case GSB_CONST:
	case GSB_HOST_REG:
		return false;
	default:
		return (gsb_attr(e) & need) == need;
	}
}

/**
 * kvmhv_gsb_save() - write every state element of a scope
 * @w: the writer, fresh
 * @req: the store of @scope to read
 * @scope: KVMHV_GSB_THREAD or KVMHV_GSB_GUEST
 *
 * Return: H_SUCCESS, or H_OUTPUT_BUFFER_TOO_SMALL when they do not fit
 * (kvmhv_gsb_save_size() says what does).
 */
long kvmhv_gsb_save(struct kvmhv_gsb_writer *w,
		    const struct kvmhv_gsb_req *req, u8 scope)
{
	unsigned int hi, j;
	long rc;

	for (hi = 0; hi < ARRAY_SIZE(gsb_groups); hi++) {
		for (j = 0; j < gsb_groups[hi].count; j++) {
			if (!gsb_is_state(&gsb_elems[gsb_groups[hi].first + j],
					  scope))
				continue;
			rc = kvmhv_gsb_put(w, req, hi << 8 | j);
			if (rc != H_SUCCESS)
				return rc;
		}
	}
	kvmhv_gsb_writer_finish(w);
	return H_SUCCESS;
}

/* The bytes kvmhv_gsb_save() writes for @scope */
size_t kvmhv_gsb_save_size(u8 scope)
{
	size_t size = GSB_HDR_SIZE;
	unsigned int i;

	for (i = 0; i < KVMHV_GSB_NR_ELEMS; i++)
		if (gsb_is_state(&gsb_elems[i], scope))
			size += GSB_HDR_SIZE + gsb_size(&gsb_elems[i]);
	return size;
}

/**
 * kvmhv_gsb_restore() - apply a GSB that kvmhv_gsb_save() wrote
 * @req: the request: op RESTORE, scope, stores and caps
 * @buf: the GSB, copied from the VMM
 * @len: its size
 * @err: where the GSB failed, when it did
 *
 * As a SET, with the values checked the same way, but of the elements a
 * GET reads: those only the L0 writes (the exit's HDAR, HDSISR, HEIR and
 * ASDR) are state too.
 *
 * Return: H_SUCCESS or the hcall code a SET would give, also in @err->rc.
 */
long kvmhv_gsb_restore(const struct kvmhv_gsb_req *req, const void *buf,
		       size_t len, struct kvmhv_gsb_err *err)
{
	return gsb_walk(req, (u8 *)buf, len, err, req->scope, KVMHV_GSB_READ,
			false);
}

void kvmhv_gsb_writer_init(struct kvmhv_gsb_writer *w, void *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->used = GSB_HDR_SIZE;
	w->nelems = 0;
}

/**
 * kvmhv_gsb_put() - append an element with its stored value
 * @w: the writer
 * @req: the stores to take the value from (op and scope are ignored)
 * @id: the element; its scope's store must be in @req
 *
 * Return: H_SUCCESS, H_OUTPUT_BUFFER_TOO_SMALL when it does not fit (the
 * buffer is then unchanged), or H_INVALID_ELEMENT_ID for an unknown id.
 */
long kvmhv_gsb_put(struct kvmhv_gsb_writer *w,
		   const struct kvmhv_gsb_req *req, u16 id)
{
	unsigned int index = gsb_index(id);
	const struct gsb_desc *e = &gsb_elems[index];
	unsigned int size = gsb_size(e);
	u8 *p;

	if (index == GSB_UNKNOWN)
		return H_INVALID_ELEMENT_ID;
	if (w->cap < w->used || w->cap - w->used < GSB_HDR_SIZE + size)
		return H_OUTPUT_BUFFER_TOO_SMALL;
	p = w->buf + w->used;
	put_unaligned_be16(id, p);
	put_unaligned_be16(size, p + 2);
	gsb_get_value(req, e, index, id, p + GSB_HDR_SIZE);
	w->used += GSB_HDR_SIZE + size;
	w->nelems++;
	return H_SUCCESS;
}

/* Write the element count; returns the bytes the GSB takes */
size_t kvmhv_gsb_writer_finish(struct kvmhv_gsb_writer *w)
{
	if (w->cap >= GSB_HDR_SIZE)
		put_unaligned_be32(w->nelems, w->buf);
	return w->used;
}

/*
 * Each exit's elements: first those the L1 needs to handle it (NIA and MSR
 * locate a faulting instruction), then those the Linux L1 goes on to read
 * after it, which it would otherwise GET one by one: MSR and DEC expiry
 * when an L2 cedes, DEC expiry when it checks for a pending decrementer.
 */
static const u16 gsb_exit_hcall[] = {
	KVMHV_GSID_GPR(3), KVMHV_GSID_GPR(4), KVMHV_GSID_GPR(5),
	KVMHV_GSID_GPR(6), KVMHV_GSID_GPR(7), KVMHV_GSID_GPR(8),
	KVMHV_GSID_GPR(9), KVMHV_GSID_GPR(10), KVMHV_GSID_GPR(11),
	KVMHV_GSID_GPR(12),
	KVMHV_GSID_MSR, KVMHV_GSID_DEC_EXPIRY_TB,
};

static const u16 gsb_exit_hdsi[] = {
	KVMHV_GSID_HDAR, KVMHV_GSID_HDSISR, KVMHV_GSID_ASDR,
	KVMHV_GSID_NIA, KVMHV_GSID_MSR,
	KVMHV_GSID_DEC_EXPIRY_TB,
};

static const u16 gsb_exit_hisi[] = {
	KVMHV_GSID_ASDR, KVMHV_GSID_NIA, KVMHV_GSID_MSR,
	KVMHV_GSID_DEC_EXPIRY_TB,
};

static const u16 gsb_exit_hea[] = {
	KVMHV_GSID_HEIR, KVMHV_GSID_NIA, KVMHV_GSID_MSR,
};

static const u16 gsb_exit_hfac[] = {
	KVMHV_GSID_HFSCR, KVMHV_GSID_NIA, KVMHV_GSID_MSR,
};

static const u16 gsb_exit_hdec[] = {
	KVMHV_GSID_DEC_EXPIRY_TB,
};

/*
 * The first @required of @ids are always written; the rest only when the
 * buffer has room for them, since an L1 may register the 0x80 bytes QEMU
 * asks for.
 */
struct gsb_exit {
	unsigned int trap;
	unsigned int required;
	unsigned int n;
	const u16 *ids;
};

static const struct gsb_exit gsb_exits[] = {
	{ 0xc00, 10, ARRAY_SIZE(gsb_exit_hcall), gsb_exit_hcall },
	{ 0xe00, 5, ARRAY_SIZE(gsb_exit_hdsi), gsb_exit_hdsi },
	{ 0xe20, 3, ARRAY_SIZE(gsb_exit_hisi), gsb_exit_hisi },
	{ 0xe40, 3, ARRAY_SIZE(gsb_exit_hea), gsb_exit_hea },
	{ 0xf80, 3, ARRAY_SIZE(gsb_exit_hfac), gsb_exit_hfac },
	{ 0x980, 0, ARRAY_SIZE(gsb_exit_hdec), gsb_exit_hdec },
};

static const struct gsb_exit *gsb_find_exit(unsigned int trap)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gsb_exits); i++)
		if (gsb_exits[i].trap == trap)
			return &gsb_exits[i];
	return NULL;
}

static size_t gsb_exit_elem_size(u16 id)
{
	return GSB_HDR_SIZE + gsb_size(&gsb_elems[gsb_index(id)]);
}

static u8 *gsb_write_exit_elem(const struct kvmhv_gsb_req *req, u16 id, u8 *p)
{
	unsigned int index = gsb_index(id);
	const struct gsb_desc *e = &gsb_elems[index];

	put_unaligned_be16(id, p);
	put_unaligned_be16(gsb_size(e), p + 2);
	/* GPRs are most of an output: as in the walk, inline them */
	if (gsb_kind(e) == GSB_REG8)
		put_unaligned_be64(req->vcpu->reg[index], p + GSB_HDR_SIZE);
	else
		gsb_get_value(req, e, index, id, p + GSB_HDR_SIZE);
	return p + GSB_HDR_SIZE + gsb_size(e);
}

/**
 * kvmhv_gsb_write_exit() - write the run-vCPU output buffer of an exit
 * @vcpu: the L2 vCPU's store, saved after the exit
 * @trap: the exit vector, as returned in R4
 * @hint: a GPR's element id to add last when there is room, or 0
 * @buf: the output buffer
 * @cap: its registered size
 * @used: the bytes written, on success
 *
 * Return: H_SUCCESS, or H_OUTPUT_BUFFER_TOO_SMALL with nothing written
 * when the exit's required elements do not fit.
 */
long kvmhv_gsb_write_exit(const struct kvmhv_gsb_vcpu *vcpu,
			  unsigned int trap, u16 hint, void *buf, size_t cap,
			  size_t *used)
{
	/* The writer only reads through the stores */
	struct kvmhv_gsb_req req = {
		.vcpu = (struct kvmhv_gsb_vcpu *)vcpu,
	};
	const struct gsb_exit *x = gsb_find_exit(trap);
	unsigned int i, n = 0, max = x ? x->n : 0;
	size_t need = GSB_HDR_SIZE;
	bool with_hint;
	u8 *p = buf;

	for (; n < max; n++) {
		size_t size = gsb_exit_elem_size(x->ids[n]);

		if (need + size > cap && n >= x->required)
			break;
		need += size;
	}
	if (cap < need)
		return H_OUTPUT_BUFFER_TOO_SMALL;
	with_hint = hint >= KVMHV_GSID_GPR(0) && hint <= KVMHV_GSID_GPR(31) &&
		    n == max && need + gsb_exit_elem_size(hint) <= cap;
	if (with_hint)
		need += gsb_exit_elem_size(hint);

	/* It all fits: no checks per element, unlike kvmhv_gsb_put() */
	put_unaligned_be32(n + with_hint, p);
	p += GSB_HDR_SIZE;
	for (i = 0; i < n; i++)
		p = gsb_write_exit_elem(&req, x->ids[i], p);
	if (with_hint)
		gsb_write_exit_elem(&req, hint, p);
	*used = need;
	return H_SUCCESS;
}
