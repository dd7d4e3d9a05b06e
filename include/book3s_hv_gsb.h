/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest State Buffer (GSB) codec of the PAPR API v2 L0.
 *
 * An L1 describes the state of its L2 guests to the L0 in GSBs: a be32
 * element count followed by packed elements {be16 id, be16 size, value}
 * (Documentation/arch/powerpc/kvm-nested.rst). This codec checks a GSB
 * that an L1 sent, moves its values into the L0's state stores, fills in
 * the values of a GET and writes the run-vCPU output buffer. It has no
 * kernel dependency beyond types and byte-order helpers, so the unit
 * tests and the fuzzer run the same file in userspace.
 *
 * Documentation/gsb.rst lists every element with its size, scope, access
 * and value policy.
 */
#ifndef __BOOK3S_HV_GSB_H__
#define __BOOK3S_HV_GSB_H__

#include <linux/types.h>

/* Element ids */
#define KVMHV_GSID_NOP			0x0000
#define KVMHV_GSID_HOST_STATE_SIZE	0x0001
#define KVMHV_GSID_RUN_OUTPUT_MIN_SIZE	0x0002
#define KVMHV_GSID_LOGICAL_PVR		0x0003
#define KVMHV_GSID_TB_OFFSET		0x0004
#define KVMHV_GSID_PARTITION_TABLE	0x0005
#define KVMHV_GSID_PROCESS_TABLE	0x0006
#define KVMHV_GSID_L0_GUEST_HEAP	0x0800
#define KVMHV_GSID_L0_GUEST_HEAP_MAX	0x0801
#define KVMHV_GSID_L0_GUEST_PGTABLE	0x0802
#define KVMHV_GSID_L0_GUEST_PGTABLE_MAX	0x0803
#define KVMHV_GSID_L0_GUEST_PGTABLE_RECLAIM 0x0804
#define KVMHV_GSID_RUN_INPUT		0x0C00
#define KVMHV_GSID_RUN_OUTPUT		0x0C01
#define KVMHV_GSID_VPA			0x0C02
#define KVMHV_GSID_GPR(n)		(0x1000 + (n))
#define KVMHV_GSID_HDEC_EXPIRY_TB	0x1020
#define KVMHV_GSID_NIA			0x1021
#define KVMHV_GSID_MSR			0x1022
#define KVMHV_GSID_LR			0x1023
#define KVMHV_GSID_XER			0x1024
#define KVMHV_GSID_CTR			0x1025
#define KVMHV_GSID_CFAR			0x1026
#define KVMHV_GSID_SRR0			0x1027
#define KVMHV_GSID_SRR1			0x1028
#define KVMHV_GSID_DAR			0x1029
#define KVMHV_GSID_DEC_EXPIRY_TB	0x102A
#define KVMHV_GSID_VTB			0x102B
#define KVMHV_GSID_LPCR			0x102C
#define KVMHV_GSID_HFSCR		0x102D
#define KVMHV_GSID_FSCR			0x102E
#define KVMHV_GSID_FPSCR		0x102F
#define KVMHV_GSID_DAWR0		0x1030
#define KVMHV_GSID_DAWR1		0x1031
#define KVMHV_GSID_CIABR		0x1032
#define KVMHV_GSID_PURR			0x1033
#define KVMHV_GSID_SPURR		0x1034
#define KVMHV_GSID_IC			0x1035
#define KVMHV_GSID_SPRG(n)		(0x1036 + (n))
#define KVMHV_GSID_PPR			0x103A
#define KVMHV_GSID_MMCR(n)		(0x103B + (n))
#define KVMHV_GSID_MMCRA		0x103F
#define KVMHV_GSID_SIER(n)		(0x1040 + (n))
#define KVMHV_GSID_BESCR		0x1043
#define KVMHV_GSID_EBBHR		0x1044
#define KVMHV_GSID_EBBRR		0x1045
#define KVMHV_GSID_AMR			0x1046
#define KVMHV_GSID_IAMR			0x1047
#define KVMHV_GSID_AMOR			0x1048
#define KVMHV_GSID_UAMOR		0x1049
#define KVMHV_GSID_SDAR			0x104A
#define KVMHV_GSID_SIAR			0x104B
#define KVMHV_GSID_DSCR			0x104C
#define KVMHV_GSID_TAR			0x104D
#define KVMHV_GSID_DEXCR		0x104E
#define KVMHV_GSID_HDEXCR		0x104F
#define KVMHV_GSID_HASHKEYR		0x1050
#define KVMHV_GSID_HASHPKEYR		0x1051
#define KVMHV_GSID_CTRL			0x1052
#define KVMHV_GSID_DPDES		0x1053
#define KVMHV_GSID_CR			0x2000
#define KVMHV_GSID_PIDR			0x2001
#define KVMHV_GSID_DSISR		0x2002
#define KVMHV_GSID_VSCR			0x2003
#define KVMHV_GSID_VRSAVE		0x2004
#define KVMHV_GSID_DAWRX0		0x2005
#define KVMHV_GSID_DAWRX1		0x2006
#define KVMHV_GSID_PMC(n)		(0x2007 + (n))
#define KVMHV_GSID_WORT			0x200D
#define KVMHV_GSID_PSPB			0x200E
#define KVMHV_GSID_VSR(n)		(0x3000 + (n))
#define KVMHV_GSID_HDAR			0xF000
#define KVMHV_GSID_HDSISR		0xF001
#define KVMHV_GSID_HEIR			0xF002
#define KVMHV_GSID_ASDR			0xF003

/*
 * Dense element index: every id above has one, in this order, so that a
 * store can keep a dirty bit per element and the thread registers sit in
 * one array indexed by it. The thread elements come first.
 */
#define KVMHV_GSB_IDX_REGS	0	/* 0x1000-0x1053, 0x2000-0x200E, 0xF000-0xF003 */
#define KVMHV_GSB_NR_REGS	103
#define KVMHV_GSB_IDX_META	103	/* 0x0C00-0x0C02 */
#define KVMHV_GSB_IDX_VSR	106	/* 0x3000-0x303F */
#define KVMHV_GSB_NR_THREAD	170
#define KVMHV_GSB_IDX_GUEST	170	/* 0x0000-0x0006 */
#define KVMHV_GSB_IDX_HOST	177	/* 0x0800-0x0804 */
#define KVMHV_GSB_NR_ELEMS	182

/* The POWER11 mode of H_GUEST_*_CAPABILITIES, which Linux 6.12 lacks */
#define KVMHV_GUEST_CAP_POWER11		(1ULL << (63 - 3))

/* Element attributes: the scopes an element belongs to and its access */
#define KVMHV_GSB_THREAD	0x01
#define KVMHV_GSB_GUEST		0x02
#define KVMHV_GSB_HOST		0x04
#define KVMHV_GSB_READ		0x08
#define KVMHV_GSB_WRITE		0x10

/* The smallest VPA PAPR allows; the L0 reads and writes no further */
#define KVMHV_GSB_VPA_MIN_SIZE		640

/*
 * Smallest run-vCPU output buffer the L0 takes: every exit's required
 * elements fit in it. The size it asks for (element 0x0002) also holds
 * the elements that spare the L1 a GET after the exit.
 */
#define KVMHV_GSB_RUN_OUTPUT_MIN	0x80
#define KVMHV_GSB_RUN_OUTPUT_FULL	0x100
/* Largest run-vCPU buffer an L1 may register; about 25x the full state */
#define KVMHV_GSB_RUN_BUF_MAX		0x10000
/* Largest GSB the codec accepts; the L0 bounds its copies by this */
#define KVMHV_GSB_MAX_LEN		0x100000

/* What the element table says about an id */
struct kvmhv_gsb_info {
	unsigned int index;	/* dense index */
	u16 size;		/* value bytes; a NOP element may have any */
	u8 attr;		/* KVMHV_GSB_{THREAD,GUEST,HOST,READ,WRITE} */
};

/* An L1 real address and size: run buffers (0x0C00, 0x0C01) */
struct kvmhv_gsb_buf {
	u64 addr;
	u64 size;
};

/*
 * The L2 registers that have an element, in element order. Each value is
 * as wide as the widest value its element may hold; 4-byte elements are
 * zero-extended. The L0 moves them to and from vcpu->arch:
 *   gpr, nia, lr, xer, ctr, cr     regs.gpr, .nip, .link, .xer, .ctr, .ccr
 *   msr, srr0/1, sprg, dar, dsisr  shregs.*
 *   fpscr, vscr                    fp.fpscr, vr.vscr.u[3]
 *   mmcr, mmcra, sier, pmc, sdar,
 *   siar, bescr, ebbhr, ebbrr      the PMU and EBB fields of the same names
 *   hdar, hdsisr, heir, asdr       fault_dar, fault_dsisr, emul_inst,
 *                                  fault_gpa (set by the L0 at exit)
 * dec_expiry_tb and hdec_expiry_tb are in the L1's timebase.
 */
struct kvmhv_gsb_regs {
	u64 gpr[32];
	u64 hdec_expiry_tb;
	u64 nia;
	u64 msr;
	u64 lr;
	u64 xer;
	u64 ctr;
	u64 cfar;
	u64 srr0;
	u64 srr1;
	u64 dar;
	u64 dec_expiry_tb;
	u64 vtb;
	u64 lpcr;
	u64 hfscr;
	u64 fscr;
	u64 fpscr;
	u64 dawr[2];
	u64 ciabr;
	u64 purr;
	u64 spurr;
	u64 ic;
	u64 sprg[4];
	u64 ppr;
	u64 mmcr[4];
	u64 mmcra;
	u64 sier[3];
	u64 bescr;
	u64 ebbhr;
	u64 ebbrr;
	u64 amr;
	u64 iamr;
	u64 amor;
	u64 uamor;
	u64 sdar;
	u64 siar;
	u64 dscr;
	u64 tar;
	u64 dexcr;
	u64 hdexcr;
	u64 hashkeyr;
	u64 hashpkeyr;
	u64 ctrl;
	u64 dpdes;
	u64 cr;
	u64 pidr;
	u64 dsisr;
	u64 vscr;
	u64 vrsave;
	u64 dawrx[2];
	u64 pmc[6];
	u64 wort;
	u64 pspb;
	u64 hdar;
	u64 hdsisr;
	u64 heir;
	u64 asdr;
};

/*
 * A VSR is kept as the 16-byte register in host byte order, the layout of
 * vcpu->arch.fp.fpr[i] (VSR0-31) and vcpu->arch.vr.vr[i - 32] (VSR32-63),
 * so that the L0 moves it with memcpy. The GSB sends the architecturally
 * high doubleword first; it is vsr[i][KVMHV_GSB_VSR_HI], the one that
 * holds the FPR (the kernel's TS_FPROFFSET).
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define KVMHV_GSB_VSR_HI	1
#else
#define KVMHV_GSB_VSR_HI	0
#endif
#define KVMHV_GSB_VSR_LO	(1 - KVMHV_GSB_VSR_HI)

#define KVMHV_GSB_DIRTY_WORDS	((KVMHV_GSB_NR_THREAD + 63) / 64)

/*
 * The state of one L2 vCPU, kept by the L0 across runs so that the L1 can
 * GET and SET it whenever the vCPU is not running. A SET marks what it
 * wrote in @dirty (bit = dense index), so the L0 loads only that into
 * vcpu->arch; the L0 clears the bits it has consumed.
 */
struct kvmhv_gsb_vcpu {
	u64 dirty[KVMHV_GSB_DIRTY_WORDS];
	union {
		u64 reg[KVMHV_GSB_NR_REGS];
		struct kvmhv_gsb_regs r;
	};
	struct kvmhv_gsb_buf run_buf[2];	/* 0x0C00 input, 0x0C01 output */
	u64 vpa;				/* ~0 when none is registered */
	u64 vsr[64][2];
	/*
	 * Registers of the vCPU that no element carries and that the L0 keeps
	 * apart for each L2 vCPU (and the L1's, during a run): TIDR and the
	 * PSSCR bits a guest sets.
	 */
	u64 tidr;
	u64 psscr;
};

/* Partition-scoped page table of an L2 (0x0005) */
struct kvmhv_gsb_part_table {
	u64 base;
	u64 ea_bits;
	u64 root_size;
};

/* Process table of an L2 (0x0006) */
struct kvmhv_gsb_proc_table {
	u64 base;
	u64 size;
};

/* The state of one L2 that all its vCPUs share */
struct kvmhv_gsb_guest {
	u64 dirty;	/* bit (dense index - KVMHV_GSB_IDX_GUEST) = bit (id) */
	union {
		u64 reg[2];
		struct {
			u64 logical_pvr;
			u64 tb_offset;
		};
	};
	struct kvmhv_gsb_part_table part_table;
	struct kvmhv_gsb_proc_table proc_table;
};

/* L0 counters an L1 may read with a host-wide GET (0x0800-0x0804) */
struct kvmhv_gsb_host {
	union {
		u64 reg[5];
		struct {
			u64 guest_heap;
			u64 guest_heap_max;
			u64 guest_pgtable;
			u64 guest_pgtable_max;
			u64 guest_pgtable_reclaim;
		};
	};
};

enum kvmhv_gsb_op {
	KVMHV_GSB_SET,		/* H_GUEST_SET_STATE */
	KVMHV_GSB_GET,		/* H_GUEST_GET_STATE */
	KVMHV_GSB_RUN_INPUT,	/* the run-vCPU input buffer */
	KVMHV_GSB_RESTORE,	/* a VMM's saved state */
};

/*
 * One request. @scope is the single KVMHV_GSB_THREAD, _GUEST or _HOST
 * that the hcall's flags ask for (always THREAD for RUN_INPUT); the store
 * of that scope must be given. @caps are the H_GUEST_CAP_* bits the L1
 * set, which decide the logical PVRs it may ask for.
 */
struct kvmhv_gsb_req {
	struct kvmhv_gsb_vcpu *vcpu;
	struct kvmhv_gsb_guest *guest;
	const struct kvmhv_gsb_host *host;
	u64 caps;
	enum kvmhv_gsb_op op;
	u8 scope;
	/*
	 * Whether [@addr, @addr + @size) is the memory of the L1 @l1: the
	 * partition table's root, the run buffers and the VPA must be (the
	 * process table is in the L2's). NULL accepts every range.
	 */
	bool (*l1_mem_ok)(void *l1, u64 addr, u64 size);
	void *l1;
};

/*
 * Where a GSB failed: @rc is the hcall's R3. For H_INVALID_ELEMENT_*,
 * R4 is @index for GET/SET and @offset (of the element's header) for
 * RUN_VCPU. A GSB that ends inside an element or before its count is
 * reached gives H_P5 (GET/SET: the size argument) or
 * H_INPUT_BUFFER_TOO_SMALL (RUN_VCPU), at the element that does not fit.
 */
struct kvmhv_gsb_err {
	long rc;
	u32 index;
	u32 offset;
};

static inline u64 kvmhv_gsb_err_r4(const struct kvmhv_gsb_err *err,
				   enum kvmhv_gsb_op op)
{
	return op == KVMHV_GSB_RUN_INPUT ? err->offset : err->index;
}

/* Output buffer under construction */
struct kvmhv_gsb_writer {
	u8 *buf;
	size_t cap;
	size_t used;
	u32 nelems;
};

bool kvmhv_gsb_lookup(u16 id, struct kvmhv_gsb_info *info);

void kvmhv_gsb_vcpu_init(struct kvmhv_gsb_vcpu *vcpu);
void kvmhv_gsb_guest_init(struct kvmhv_gsb_guest *guest);

static inline bool kvmhv_gsb_vcpu_dirty(const struct kvmhv_gsb_vcpu *vcpu,
					unsigned int index)
{
	return vcpu->dirty[index / 64] & (1ULL << (index % 64));
}

long kvmhv_gsb_set(const struct kvmhv_gsb_req *req, const void *buf,
		   size_t len, struct kvmhv_gsb_err *err);
long kvmhv_gsb_get(const struct kvmhv_gsb_req *req, void *buf, size_t len,
		   struct kvmhv_gsb_err *err);

long kvmhv_gsb_save(struct kvmhv_gsb_writer *w,
		    const struct kvmhv_gsb_req *req, u8 scope);
size_t kvmhv_gsb_save_size(u8 scope);
long kvmhv_gsb_restore(const struct kvmhv_gsb_req *req, const void *buf,
		       size_t len, struct kvmhv_gsb_err *err);

void kvmhv_gsb_writer_init(struct kvmhv_gsb_writer *w, void *buf,
			   size_t cap);
long kvmhv_gsb_put(struct kvmhv_gsb_writer *w,
		   const struct kvmhv_gsb_req *req, u16 id);
size_t kvmhv_gsb_writer_finish(struct kvmhv_gsb_writer *w);

long kvmhv_gsb_write_exit(const struct kvmhv_gsb_vcpu *vcpu,
			  unsigned int trap, u16 hint, void *buf, size_t cap,
			  size_t *used);

#endif /* __BOOK3S_HV_GSB_H__ */
