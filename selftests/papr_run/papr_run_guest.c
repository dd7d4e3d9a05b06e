// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest side of papr_run: a tiny L1 hypervisor. It builds a radix
 * partition-scoped table for a tiny L2 in its own memory, registers it and
 * the run buffers with the L0, runs the L2 through H_GUEST_RUN_VCPU and
 * checks every exit.
 *
 * L2 memory: L2 real address 0 is L1 address L2_BACKING (2 MiB, one leaf);
 * the L2's code is copied there at L2_CODE. The L2 runs in real mode,
 * little-endian, and reports with sc 1, i.e. exits 0xC00 to the L1.
 */
#include "l1_guest.h"
#include "papr.h"
#include "papr_run.h"
#include "ppc_reg.h"

#define GSB_AREA		0x200000UL	/* 64 KiB per vCPU */
#define PART_ROOT		0x400000UL	/* 64 KiB root, 8192 entries */
#define PART_PUD		0x410000UL	/* 512 entries */
#define PART_PMD		0x411000UL	/* 512 entries, 2 MiB leaves */
#define PROC_TABLE		0x500000UL
#define RUN_IN(cpu)		(0x600000UL + (cpu) * 0x2000)
#define RUN_OUT(cpu)		(RUN_IN(cpu) + 0x1000)
#define L2_BACKING		0xa00000UL	/* L2 0-2 MiB */
#define L2_PAGE_A		0xc00000UL	/* L2 2-4 MiB, at first */
#define L2_PAGE_B		0xe00000UL	/* L2 2-4 MiB, after the remap */
#define L2_FAULT_GPA		0x200000UL
#define L2_CODE			0x2000UL
#define L2_DATA			0x3000UL

/* H_GUEST_RUN_VCPU flags: interrupts for the L0 to deliver */
#define RUN_EXTERNAL		BIT(63)
#define RUN_DOORBELL		BIT(62)
#define RUN_SRESET		BIT(61)

/* Radix tree entries, big-endian in memory */
#define RADIX_VALID		BIT(63)
#define RADIX_LEAF		BIT(62)
#define RADIX_RC_RWX		(0x180UL | 0x7)	/* R, C, read/write/exec */
#define RADIX_R_RWX		(0x100UL | 0x7)	/* R, no C, read/write/exec */

#define TB_PER_SEC		512000000UL
#define L2_EXIT_HCALL		0xc00
#define L2_EXIT_HDSI		0xe00
#define L2_EXIT_HEA		0xe40
#define L2_EXIT_HDEC		0x980

/* The L2's hypercalls, seen by the L1 in the output buffer's GPR3 */
#define L2_HC_HELLO		0x7f00
#define L2_HC_FP_LOADED		0x7f01
#define L2_HC_FP_STORED		0x7f02
#define L2_HC_IDENTITY		0x7f03
#define L2_HC_LOADED		0x7f04
#define L2_HC_EE_OFF		0x7f05
#define L2_HC_YIELD_COUNT	0x7f07
#define L2_HC_RPT		0x7f08
#define L2_HC_TIDR		0x7f09
#define L2_HC_TOUCHED		0x7f0a
#define L2_HC_SPRS		0x7f0b
#define L2_HC_TB		0x7f0c
#define L2_HC_COUNT		0x7f0d
#define L2_HC_STORED		0x7f0f
#define L2_SPR_IN		0x3100	/* L2 real: the values it writes */
#define L2_SPR_OUT		0x3200	/* L2 real: the values it reads */

/* struct lppaca: what the L0 updates in the L1's and the L2's VPA */
#define VPA_SIZE		0x400
#define VPA_L2_COUNTERS_ENABLE	188
#define VPA_YIELD_COUNT		256
#define VPA_L1_TO_L2_CS_TB	416
#define VPA_L2_TO_L1_CS_TB	424
#define VPA_L2_RUNTIME_TB	432
#define L2_VPA			0x710000UL
#define L1_VPA			0x720000UL
/* An L2 VPA the L2 reads: L2 real 0x100000 */
#define L2_OWN_VPA_REAL		0x100000UL
#define L2_OWN_VPA		(L2_BACKING + L2_OWN_VPA_REAL)
#define H_REGISTER_VPA		0xdc
#define H_VPA_REG_VPA		BIT(45)

#define H_TLB_INVALIDATE	0xf808
#define H_RPTI_TARGET_CMMU	0x01
#define H_RPTI_TYPE_NESTED	0x0001
#define H_RPTI_TYPE_TLB		0x0002
#define H_RPTI_PAGE_4K		0x01
#define H_RPTI_PAGE_1G		0x08

/*
 * The L2's code (l2_guest.S), position independent, copied to L2 real
 * address L2_CODE. Each entry point is at a fixed offset from the start.
 */
#define L2_HELLO		0x000
#define L2_FAULT		0x100
#define L2_SPIN			0x200
#define L2_ILLEGAL		0x300
#define L2_LOAD_STORE		0x380
#define L2_LOAD_STORE_STD	(L2_LOAD_STORE + 12)
#define L2_FP			0x400
#define L2_IDENTITY		0x500
#define L2_EE_OFF		0x600
#define L2_EE_OFF_SPIN		(L2_EE_OFF + 0x14)
#define L2_STORE		0x700
#define L2_STORE_INSN		(L2_STORE + 8)
#define L2_VPA_READ		0x800
#define L2_RPT			0x900
#define L2_TIDR			0xa00
#define L2_TOUCH		0xb00
#define L2_SPR_WRITE		0xc00
#define L2_SPR_READ		0xd00
#define L2_TB			0xe00
#define L2_COUNT		0xf00
#define L2_ILLEGAL_INSN		0x0000beef

#define my_cpu		guest_cpu()
#define gsb_addr	(GSB_AREA + my_cpu * 0x10000)

static u64 mftb(void)
{
	u64 tb;

	asm volatile("mfspr %0, 268" : "=r"(tb));
	return tb;
}

static void put_be64(unsigned long addr, u64 v)
{
	*(u64 *)addr = cpu_to_be64(v);
}

static u64 get_le64(unsigned long addr)
{
	return *(u64 *)addr;
}

/* Map L2 real [gpa, gpa + 2 MiB) to L1 real @hpa with @bits, or unmap it */
static void map_2m_bits(u64 gpa, u64 hpa, u64 bits)
{
	put_be64(PART_PMD + ((gpa >> 21) & 0x1ff) * 8,
		 hpa ? RADIX_VALID | RADIX_LEAF | hpa | bits : 0);
}

/* Map L2 real [gpa, gpa + 2 MiB) to L1 real @hpa, or unmap it (@hpa 0). */
static void map_2m(u64 gpa, u64 hpa)
{
	map_2m_bits(gpa, hpa, RADIX_RC_RWX);
}

/* Root -> one PUD -> one PMD: L2 real addresses below 1 GiB. */
static void build_partition_table(void)
{
	memset((void *)PART_ROOT, 0, 0x10000);
	memset((void *)PART_PUD, 0, 0x1000);
	memset((void *)PART_PMD, 0, 0x1000);
	put_be64(PART_ROOT, RADIX_VALID | PART_PUD | 9);
	put_be64(PART_PUD, RADIX_VALID | PART_PMD | 9);
	map_2m(0, L2_BACKING);
	memcpy((void *)(L2_BACKING + L2_CODE), l2_code_start,
	       l2_code_end - l2_code_start);
}

static void set_tables_proc(u64 gid, u64 proc_table)
{
	u64 pt[3] = { cpu_to_be64(PART_ROOT), cpu_to_be64(52),
		      cpu_to_be64(0x10000) };
	struct gsb b;

	gsb_init(&b, gsb_addr);
	gsb_add(&b, GSID_PARTITION_TABLE, sizeof(pt), pt);
	add_pair(&b, GSID_PROCESS_TABLE, proc_table, 4096);
	GUEST_ASSERT_EQ(set_state(H_GUEST_STATE_GUEST_WIDE, gid, 0, &b).r3,
			H_SUCCESS);
}

static void set_tables(u64 gid)
{
	set_tables_proc(gid, PROC_TABLE);
}

static void set_run_buffers(u64 gid, u64 vid)
{
	struct gsb b;

	gsb_init(&b, gsb_addr);
	add_pair(&b, GSID_RUN_INPUT, RUN_IN(my_cpu), 4096);
	add_pair(&b, GSID_RUN_OUTPUT, RUN_OUT(my_cpu), 4096);
	GUEST_ASSERT_EQ(set_state(0, gid, vid, &b).r3, H_SUCCESS);
}

/* Start vCPU @vid of L2 @gid at @entry, real mode, little-endian. */
static void set_entry(u64 gid, u64 vid, u64 entry, u64 msr_extra)
{
	struct gsb b;

	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_NIA, L2_CODE + entry);
	gsb_add_u64(&b, GSID_MSR, MSR_SF | MSR_ME | MSR_LE | msr_extra);
	gsb_add_u64(&b, GSID_LPCR, LPCR_ILE);
	/* Far, yet within the 32-bit DEC of an L2 without LPCR[LD] */
	gsb_add_u64(&b, GSID_DEC_EXPIRY_TB, mftb() + 2 * TB_PER_SEC);
	GUEST_ASSERT_EQ(set_state(0, gid, vid, &b).r3, H_SUCCESS);
}

/* An L2 with one vCPU ready at @entry. */
static u64 setup_l2(u64 entry, u64 msr_extra)
{
	struct hcall_ret r;
	u64 gid;

	r = hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0);
	GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	gid = r.r[0];
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 0, 0, 0).r3,
			H_SUCCESS);
	set_tables(gid);
	set_run_buffers(gid, 0);
	set_entry(gid, 0, entry, msr_extra);
	return gid;
}

/* Run with the time limit in the input buffer, as the Linux L1 does. */
static struct hcall_ret run_for(u64 gid, u64 vid, u64 ticks)
{
	struct gsb in;

	gsb_init(&in, RUN_IN(my_cpu));
	gsb_add_u64(&in, GSID_HDEC_EXPIRY_TB, mftb() + ticks);
	return hc(H_GUEST_RUN_VCPU, 0, gid, vid, 0, 0);
}

/* Runs until an exit other than "stopped by the L0" (0). */
static u64 run_until_exit(u64 gid, u64 vid)
{
	struct hcall_ret r;

	do {
		r = run_for(gid, vid, 10 * TB_PER_SEC);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	} while (!r.r[0]);
	return r.r[0];
}

/* The output buffer of the last exit */
static struct gsb output(void)
{
	struct gsb out = { .buf = (u8 *)RUN_OUT(my_cpu) };

	return out;
}

static u16 out_id(unsigned int i)
{
	const u8 *v = gsb_value(&(struct gsb){ .buf = (u8 *)RUN_OUT(my_cpu) },
				i);

	return v[-4] << 8 | v[-3];
}

static u32 out_count(void)
{
	const u8 *p = (u8 *)RUN_OUT(my_cpu);

	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/*
 * An L2 at @entry that has run to its first exit, which must be @exit
 * (its shadow exists from then on)
 */
static u64 l2_run_to(u64 entry, u64 exit)
{
	u64 gid;

	agree_power9();
	build_partition_table();
	gid = setup_l2(entry, 0);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), exit);
	return gid;
}

static void test_hcall(void)
{
	struct gsb out;
	u64 gid;
	int i;

	gid = l2_run_to(L2_HELLO, L2_EXIT_HCALL);
	out = output();
	/* GPR3-12, then what the Linux L1 reads when its L2 cedes */
	GUEST_ASSERT_EQ(out_count(), 12);
	for (i = 0; i < 10; i++)
		GUEST_ASSERT_EQ(out_id(i), GSID_GPR(3 + i));
	GUEST_ASSERT_EQ(out_id(10), GSID_MSR);
	GUEST_ASSERT_EQ(out_id(11), GSID_DEC_EXPIRY_TB);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_HELLO);
	for (i = 1; i < 10; i++)
		GUEST_ASSERT_EQ(gsb_value_u64(&out, i), 3 + i);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 10) & MSR_SF, MSR_SF);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 11) > mftb(), 1);
	/* It runs again from where it stopped, and again */
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_HELLO);
}

static void test_run_errors(void)
{
	struct hcall_ret r;
	struct gsb b;
	u64 gid;

	agree_power9();
	build_partition_table();
	r = hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0);
	gid = r.r[0];
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 0, 0, 0).r3,
			H_SUCCESS);
	GUEST_ASSERT_EQ(hc(H_GUEST_RUN_VCPU, 1, gid, 0, 0, 0).r3,
			H_UNSUPPORTED_FLAG_START - 63);
	GUEST_ASSERT_EQ(hc(H_GUEST_RUN_VCPU, 0, gid + 1, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(hc(H_GUEST_RUN_VCPU, 0, gid, 1, 0, 0).r3, H_P3);
	GUEST_ASSERT_EQ(hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0).r3,
			H_INPUT_BUFFER_NOT_DEFINED);
	gsb_init(&b, gsb_addr);
	add_pair(&b, GSID_RUN_INPUT, RUN_IN(my_cpu), 4096);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0).r3,
			H_OUTPUT_BUFFER_NOT_DEFINED);
	set_run_buffers(gid, 0);
	GUEST_ASSERT_EQ(hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0).r3,
			H_PARTITION_PAGE_TABLE_NOT_DEFINED);
	set_tables(gid);

	/* A bad input element: R4 is its byte offset in the buffer */
	gsb_init(&b, RUN_IN(my_cpu));
	gsb_add_u64(&b, GSID_GPR(1), 0);
	gsb_add_u64(&b, GSID_MSR, MSR_SF | BIT(60));
	r = hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0);
	GUEST_ASSERT_EQ(r.r3, H_INVALID_ELEMENT_VALUE);
	GUEST_ASSERT_EQ(r.r[0], 4 + 12);
	/* A guest-wide element in the input buffer */
	gsb_init(&b, RUN_IN(my_cpu));
	gsb_add_u32(&b, GSID_LOGICAL_PVR, PVR_ARCH_300);
	r = hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0);
	GUEST_ASSERT_EQ(r.r3, H_INVALID_ELEMENT_ID);
	GUEST_ASSERT_EQ(r.r[0], 4);
	/* A run buffer set in the input is in the L1's memory, as in a SET */
	gsb_init(&b, RUN_IN(my_cpu));
	gsb_add_u64(&b, GSID_GPR(1), 0);
	add_pair(&b, GSID_RUN_OUTPUT, 1UL << 40, 4096);
	r = hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0);
	GUEST_ASSERT_EQ(r.r3, H_INVALID_ELEMENT_VALUE);
	GUEST_ASSERT_EQ(r.r[0], 4 + 12);
	/* A vCPU id is 64 bits wide: 2^32 is not vCPU 0 */
	GUEST_ASSERT_EQ(hc(H_GUEST_RUN_VCPU, 0, gid, BIT(32), 0, 0).r3, H_P3);
}

static void test_page_fault(void)
{
	struct gsb out;
	u64 gid;

	*(u64 *)L2_PAGE_A = 0x5a5a5a5a12345678UL;
	gid = l2_run_to(L2_FAULT, L2_EXIT_HDSI);
	out = output();
	GUEST_ASSERT_EQ(out_count(), 6);
	GUEST_ASSERT_EQ(out_id(0), GSID_HDAR);
	GUEST_ASSERT_EQ(out_id(1), GSID_HDSISR);
	GUEST_ASSERT_EQ(out_id(2), GSID_ASDR);
	GUEST_ASSERT_EQ(out_id(3), GSID_NIA);
	GUEST_ASSERT_EQ(out_id(4), GSID_MSR);
	GUEST_ASSERT_EQ(out_id(5), GSID_DEC_EXPIRY_TB);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_FAULT_GPA);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 2) & ~0xfffUL, L2_FAULT_GPA);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 3), L2_CODE + L2_FAULT + 4);
	/* The L1 maps the page and resumes the L2 at the load */
	map_2m(L2_FAULT_GPA, L2_PAGE_A);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_LOADED);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 1), 0x5a5a5a5a12345678UL);
}

static void test_hdec(void)
{
	struct hcall_ret r;
	u64 gid, start;

	agree_power9();
	build_partition_table();
	gid = setup_l2(L2_SPIN, 0);
	start = mftb();
	do {
		r = run_for(gid, 0, TB_PER_SEC / 100);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	} while (!r.r[0]);
	GUEST_ASSERT_EQ(r.r[0], L2_EXIT_HDEC);
	/* The L2's own DEC expiry, which the Linux L1 reads next */
	GUEST_ASSERT_EQ(out_count(), 1);
	GUEST_ASSERT_EQ(out_id(0), GSID_DEC_EXPIRY_TB);
	/* It stopped at the time limit, not long after */
	GUEST_ASSERT_EQ(mftb() - start < 5 * TB_PER_SEC, 1);
}

static void check_illegal(bool heir_known)
{
	struct gsb out;

	l2_run_to(L2_ILLEGAL, L2_EXIT_HEA);
	out = output();
	GUEST_ASSERT_EQ(out_count(), 3);
	GUEST_ASSERT_EQ(out_id(0), GSID_HEIR);
	/* 8 bytes, as the Linux L1 parses it */
	GUEST_ASSERT_EQ(gsb_value(&out, 1) - gsb_value(&out, 0), 8 + 4);
	if (heir_known)
		GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_ILLEGAL_INSN);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 1), L2_CODE + L2_ILLEGAL);
}

static void test_illegal(void)
{
	check_illegal(true);
}

static void test_illegal_heir_unknown(void)
{
	check_illegal(false);
}

/* The L1's own floating-point and vector state, set and checked here. */
static void l1_fp_on(void)
{
	u64 msr;

	asm volatile("mfmsr %0" : "=r"(msr));
	msr |= MSR_FP | MSR_VEC | MSR_VSX;
	asm volatile("mtmsrd %0" : : "r"(msr));
}

static void l1_fp_set(unsigned long area)
{
	asm volatile("lfd 1, 0(%0)\n	lxvd2x 40, %0, %1"
		     : : "b"(area), "r"(0x10UL) : "fr1", "vs40", "memory");
}

static void l1_fp_get(unsigned long area)
{
	asm volatile("stfd 1, 0x20(%0)\n	stxvd2x 40, %0, %1"
		     : : "b"(area), "r"(0x30UL) : "memory");
}

static void test_fp_vmx_vsx(void)
{
	unsigned long l1_area = 0x700000, l2_area = L2_BACKING + L2_DATA;
	struct gsb b;
	u64 gid;

	agree_power9();
	build_partition_table();
	put_be64(l2_area, 0);
	*(u64 *)l2_area = 0x400921fb54442d18UL;		/* pi */
	*(u64 *)(l2_area + 0x10) = 0x0011223344556677UL;
	*(u64 *)(l2_area + 0x18) = 0x8899aabbccddeeffUL;
	*(u64 *)l1_area = 0x4005bf0a8b145769UL;		/* e */
	*(u64 *)(l1_area + 0x10) = 0xfeedfacecafebeefUL;
	*(u64 *)(l1_area + 0x18) = 0x0123456789abcdefUL;
	gid = setup_l2(L2_FP, MSR_FP | MSR_VEC | MSR_VSX);

	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(gsb_value_u64(&(struct gsb){ .buf = (u8 *)RUN_OUT(0) }, 0),
			L2_HC_FP_LOADED);
	/* GET shows the L2's registers, the high doubleword first */
	gsb_init(&b, gsb_addr);
	gsb_add(&b, GSID_VSR(1), 16, NULL);
	gsb_add(&b, GSID_VSR(40), 16, NULL);
	GUEST_ASSERT_EQ(hc(H_GUEST_GET_STATE, 0, gid, 0, (unsigned long)b.buf,
			   b.len).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 0), 0x400921fb54442d18UL);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 1), 0x0011223344556677UL);
	GUEST_ASSERT_EQ(get_le64((unsigned long)gsb_value(&b, 1) + 8) ==
			cpu_to_be64(0x8899aabbccddeeffUL), 1);

	/* The L1 uses the same registers between the two runs */
	l1_fp_on();
	l1_fp_set(l1_area);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	l1_fp_get(l1_area);
	GUEST_ASSERT_EQ(get_le64(l2_area + 0x20), 0x400921fb54442d18UL);
	GUEST_ASSERT_EQ(get_le64(l2_area + 0x30), 0x0011223344556677UL);
	GUEST_ASSERT_EQ(get_le64(l2_area + 0x38), 0x8899aabbccddeeffUL);
	GUEST_ASSERT_EQ(get_le64(l1_area + 0x20), 0x4005bf0a8b145769UL);
	GUEST_ASSERT_EQ(get_le64(l1_area + 0x30), 0xfeedfacecafebeefUL);
	GUEST_ASSERT_EQ(get_le64(l1_area + 0x38), 0x0123456789abcdefUL);
}

/*
 * Registers the hello L2 leaves alone: SET, run, GET gives them back. Its
 * sc 1 sets SRR0 and SRR1, as every system call does, and a hypercall may
 * change CTR, XER and CR (papr_hcalls.rst), so those are left out.
 */
static const struct {
	u16 id;
	u8 size;
} kept[] = {
	{ GSID_GPR(14), 8 }, { GSID_GPR(20), 8 }, { GSID_GPR(31), 8 },
	{ GSID_LR, 8 },
	{ GSID_DAR, 8 },
	{ GSID_DSISR, 4 }, { GSID_SPRG(0), 8 }, { GSID_SPRG(3), 8 },
	{ GSID_TAR, 8 }, { GSID_DSCR, 8 }, { GSID_PIDR, 4 },
	{ GSID_VRSAVE, 4 }, { GSID_AMR, 8 }, { GSID_IAMR, 8 },
	{ GSID_UAMOR, 8 }, { GSID_EBBHR, 8 }, { GSID_EBBRR, 8 },
	{ GSID_BESCR, 8 }, { GSID_WORT, 4 }, { GSID_VSR(63), 16 },
};

static u64 kept_value(unsigned int i)
{
	/* Distinct, plausible values; 4-byte ones keep within 32 bits */
	u64 v = 0x1000 + i * 0x10;

	if (kept[i].id == GSID_DSCR)
		return 0x10;
	return v;
}

static void test_state_roundtrip(void)
{
	struct gsb b;
	unsigned int i;
	u64 gid;
	u8 val[16] = { 0 };

	agree_power9();
	build_partition_table();
	gid = setup_l2(L2_HELLO, 0);
	gsb_init(&b, gsb_addr);
	for (i = 0; i < ARRAY_SIZE(kept); i++) {
		if (kept[i].size == 4)
			gsb_add_u32(&b, kept[i].id, kept_value(i));
		else if (kept[i].size == 8)
			gsb_add_u64(&b, kept[i].id, kept_value(i));
		else
			gsb_add(&b, kept[i].id, 16, val);
	}
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);

	gsb_init(&b, gsb_addr);
	for (i = 0; i < ARRAY_SIZE(kept); i++)
		gsb_add(&b, kept[i].id, kept[i].size, NULL);
	GUEST_ASSERT_EQ(hc(H_GUEST_GET_STATE, 0, gid, 0, (unsigned long)b.buf,
			   b.len).r3, H_SUCCESS);
	for (i = 0; i < ARRAY_SIZE(kept); i++) {
		if (kept[i].size == 4)
			GUEST_ASSERT_EQ(gsb_value_u32(&b, i), kept_value(i));
		else if (kept[i].size == 8)
			GUEST_ASSERT_EQ(gsb_value_u64(&b, i), kept_value(i));
		else
			GUEST_ASSERT_EQ(gsb_value_u64(&b, i), 0);
	}
}

/* Two L2s of two vCPUs each, each vCPU telling which it is. */
static void test_two_l2s(void)
{
	u64 gid[2], g, v;
	struct gsb b;

	agree_power9();
	build_partition_table();
	for (g = 0; g < 2; g++) {
		gid[g] = setup_l2(L2_IDENTITY, 0);
		GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid[g], 1, 0, 0).r3,
				H_SUCCESS);
		set_run_buffers(gid[g], 1);
		set_entry(gid[g], 1, L2_IDENTITY, 0);
		for (v = 0; v < 2; v++) {
			gsb_init(&b, gsb_addr);
			gsb_add_u64(&b, GSID_GPR(14), gid[g] * 16 + v);
			GUEST_ASSERT_EQ(set_state(0, gid[g], v, &b).r3,
					H_SUCCESS);
		}
	}
	for (g = 0; g < 2; g++) {
		for (v = 0; v < 2; v++) {
			GUEST_ASSERT_EQ(run_until_exit(gid[g], v),
					L2_EXIT_HCALL);
			b = output();
			GUEST_ASSERT_EQ(gsb_value_u64(&b, 0), L2_HC_IDENTITY);
			GUEST_ASSERT_EQ(gsb_value_u64(&b, 1), gid[g] * 16 + v);
		}
	}
}

/*
 * The L1 moves a page of its L2 and invalidates the L2's partition-scoped
 * translations, as Linux does with H_TLB_INVALIDATE (RIC 2, LPID scope).
 */
static void test_remap(void)
{
	struct gsb out;
	u64 gid;

	agree_power9();
	build_partition_table();
	*(u64 *)L2_PAGE_A = 0xaaaa;
	*(u64 *)L2_PAGE_B = 0xbbbb;
	map_2m(L2_FAULT_GPA, L2_PAGE_A);
	gid = setup_l2(L2_FAULT, 0);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 1), 0xaaaa);

	map_2m(L2_FAULT_GPA, L2_PAGE_B);
	GUEST_ASSERT_EQ(hc(H_TLB_INVALIDATE, (2 << 18) | (1 << 16), gid, 0x800,
			   0, 0).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 1), 0xbbbb);
}

/*
 * An L1 logs the pages its L2 writes by the change bit of its own
 * partition-scoped ptes, which the L0 leaves to it: a store through a pte
 * without C must reach the L1 as an HDSI with DSISR_SET_RC, also when the
 * L2 read the page just before in the same run.
 */
static void map_clean_page(void)
{
	build_partition_table();
	*(u64 *)L2_PAGE_A = 0x1111;
	map_2m_bits(L2_FAULT_GPA, L2_PAGE_A, RADIX_R_RWX);
}

static void check_set_rc(u64 hdar, u64 hdsisr)
{
	GUEST_ASSERT_EQ(hdar, L2_FAULT_GPA);
	GUEST_ASSERT_EQ(hdsisr & (DSISR_ISSTORE | DSISR_SET_RC),
			DSISR_ISSTORE | DSISR_SET_RC);
	GUEST_ASSERT_EQ(*(u64 *)L2_PAGE_A, 0x1111);
	/* The L1 sets C, as Linux's kvmppc_hv_handle_set_rc() does */
	map_2m(L2_FAULT_GPA, L2_PAGE_A);
}

static void test_change_bit(void)
{
	struct gsb out;
	u64 gid;

	agree_power9();
	map_clean_page();
	gid = setup_l2(L2_LOAD_STORE, 0);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HDSI);
	out = output();
	GUEST_ASSERT_EQ(out_id(1), GSID_HDSISR);
	GUEST_ASSERT_EQ(out_id(3), GSID_NIA);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 3), L2_CODE + L2_LOAD_STORE_STD);
	check_set_rc(gsb_value_u64(&out, 0), gsb_value_u32(&out, 1));
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_STORED);
	GUEST_ASSERT_EQ(*(u64 *)L2_PAGE_A, 0x1112);
}

/* The L1's H_RPT_INVALIDATE of @type over [@start, @end) */
static long rpt_invalidate(u64 id, u64 type, u64 pg_sizes, u64 start, u64 end)
{
	const unsigned long args[9] = { id, H_RPTI_TARGET_CMMU, type, pg_sizes,
					start, end };
	struct hcall_ret r;

	hcall(H_RPT_INVALIDATE, args, &r);
	return r.r3;
}

/* The L2's own H_RPT_INVALIDATE (process-scoped), served by the L0 */
static long l2_rpt_invalidate(u64 gid, u64 pg_sizes, u64 start, u64 end)
{
	const u64 regs[] = { 0, H_RPTI_TARGET_CMMU, H_RPTI_TYPE_TLB, pg_sizes,
			     start, end };
	struct gsb b, out;
	unsigned int i;

	set_entry(gid, 0, L2_RPT, 0);
	gsb_init(&b, gsb_addr);
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		gsb_add_u64(&b, GSID_GPR(4 + i), regs[i]);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_RPT);
	return gsb_value_u64(&out, 1);
}

#define TOP_PAGE	(~0UL - 0xfff)
#define TOP_GIGABYTE	(~0UL - 0x3fffffff)

/*
 * H_RPT_INVALIDATE walks its range page by page: a range that ends in the
 * last page of the address space, or the last gigabyte for 1 GiB pages,
 * would wrap the walk and hang the host CPU. The L1's call, of either
 * scope, and the L2's, which the L0 serves itself, get H_PARAMETER.
 */
static void test_rpt_range(void)
{
	const u64 nested = H_RPTI_TYPE_NESTED | H_RPTI_TYPE_TLB;
	u64 gid;

	gid = l2_run_to(L2_HELLO, L2_EXIT_HCALL);

	GUEST_ASSERT_EQ(rpt_invalidate(gid, nested, H_RPTI_PAGE_4K, 0x10000,
				       0x20000), H_SUCCESS);
	GUEST_ASSERT_EQ(rpt_invalidate(gid, nested, H_RPTI_PAGE_4K, 0, ~0UL),
			H_SUCCESS);
	GUEST_ASSERT_EQ(rpt_invalidate(gid, nested, H_RPTI_PAGE_4K, TOP_PAGE,
				       ~0UL), H_PARAMETER);
	GUEST_ASSERT_EQ(rpt_invalidate(gid, nested, H_RPTI_PAGE_1G,
				       TOP_GIGABYTE + 0x1000, ~0UL - 0xfff),
			H_PARAMETER);
	GUEST_ASSERT_EQ(rpt_invalidate(gid, nested, H_RPTI_PAGE_4K, 0x10001,
				       0x20000), H_PARAMETER);
	GUEST_ASSERT_EQ(rpt_invalidate(0, H_RPTI_TYPE_TLB, H_RPTI_PAGE_4K,
				       TOP_PAGE, ~0UL), H_PARAMETER);
	GUEST_ASSERT_EQ(rpt_invalidate(gid, nested, H_RPTI_PAGE_4K, 0x20000,
				       0x10000), H_P5);

	GUEST_ASSERT_EQ(l2_rpt_invalidate(gid, H_RPTI_PAGE_4K, TOP_PAGE,
					  ~0UL), H_PARAMETER);
	GUEST_ASSERT_EQ(l2_rpt_invalidate(gid, H_RPTI_PAGE_4K, 0x20000,
					  0x10000), H_PARAMETER);
}

/* H_COPY_TOFROM_GUEST of @n bytes from the L2's real address 0x3000 */
static long copy_from_l2(u64 gid, u64 n)
{
	const unsigned long args[9] = { gid, 0, L2_DATA, GSB_AREA + 0x8000, 0,
					n };
	struct hcall_ret r;

	hcall(H_COPY_TOFROM_GUEST, args, &r);
	return r.r3;
}

/*
 * The L0 allocates and copies what H_COPY_TOFROM_GUEST asks, with
 * preemption off: up to a page, and H_PARAMETER beyond.
 */
static void test_copy_size(void)
{
	long r;
	u64 gid;

	gid = l2_run_to(L2_HELLO, L2_EXIT_HCALL);

	/* The L2 has no process table entry: the copy finds nothing */
	r = copy_from_l2(gid, 8);
	if (r != H_SUCCESS)
		GUEST_ASSERT_EQ(r, H_NOT_FOUND);
	r = copy_from_l2(gid, 4096);
	if (r != H_SUCCESS)
		GUEST_ASSERT_EQ(r, H_NOT_FOUND);
	GUEST_ASSERT_EQ(copy_from_l2(gid, 4097), H_PARAMETER);
	GUEST_ASSERT_EQ(copy_from_l2(gid, 1UL << 22), H_PARAMETER);
	GUEST_ASSERT_EQ(copy_from_l2(gid, ~0UL), H_PARAMETER);
}

static u64 mfspr_tidr(void)
{
	u64 v;

	asm volatile("mfspr %0, 144" : "=r"(v));
	return v;
}

static void mtspr_tidr(u64 v)
{
	asm volatile("mtspr 144, %0" : : "r"(v));
}

#define PVR_VER(pvr)	(((pvr) >> 16) & 0xffff)
#define PVR_POWER9	0x004e

static u64 mfspr_pvr(void)
{
	u64 v;

	asm volatile("mfspr %0, 287" : "=r"(v));
	return v;
}

/* The L2 @gid sets its TIDR to @tidr; the TIDR it had before */
static u64 l2_swap_tidr(u64 gid, u64 tidr)
{
	struct gsb b, out;

	set_entry(gid, 0, L2_TIDR, 0);
	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_GPR(4), tidr);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_TIDR);
	return gsb_value_u64(&out, 1);
}

/*
 * TIDR is in no element: the L0 keeps each L2 vCPU's apart from the L1's
 * and from the other L2s'.
 */
static void test_tidr_apart(void)
{
	u64 a, b;

	agree_power9();
	build_partition_table();
	a = setup_l2(L2_TIDR, 0);
	b = setup_l2(L2_TIDR, 0);
	/*
	 * KVM-HV switches TIDR for its guests only on POWER9 (the kernel's
	 * CPU_FTR_P9_TIDR): on a later processor no guest's TIDR is its own.
	 */
	if (PVR_VER(mfspr_pvr()) != PVR_POWER9) {
		guest_report(0, 1);
		return;
	}
	mtspr_tidr(0x1111);
	GUEST_ASSERT_EQ(l2_swap_tidr(a, 0xaaaa), 0);
	GUEST_ASSERT_EQ(mfspr_tidr(), 0x1111);
	GUEST_ASSERT_EQ(l2_swap_tidr(b, 0xbbbb), 0);
	GUEST_ASSERT_EQ(l2_swap_tidr(a, 0xcccc), 0xaaaa);
	GUEST_ASSERT_EQ(mfspr_tidr(), 0x1111);
}

static u32 be32_at(unsigned long addr)
{
	return __builtin_bswap32(*(u32 *)addr);
}

static u64 be64_at(unsigned long addr)
{
	return __builtin_bswap64(*(u64 *)addr);
}

/* A VPA's yield count as a hypervisor registers it: odd, not dispatched */
static void vpa_not_dispatched(unsigned long vpa)
{
	*(u32 *)(vpa + VPA_YIELD_COUNT) = __builtin_bswap32(1);
}

/* An L2 at @entry whose VPA, zeroed but not dispatched, is at L1 @vpa */
static u64 l2_with_vpa(u64 entry, unsigned long vpa)
{
	struct gsb b;
	u64 gid;

	agree_power9();
	build_partition_table();
	memset((void *)vpa, 0, VPA_SIZE);
	vpa_not_dispatched(vpa);
	gid = setup_l2(entry, 0);
	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_VPA, vpa);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
	return gid;
}

/* Each run dispatches and preempts the L2 vCPU once: two counts. */
static void test_vpa(void)
{
	u64 gid = l2_with_vpa(L2_HELLO, L2_VPA);
	struct gsb b;

	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(be32_at(L2_VPA + VPA_YIELD_COUNT), 3);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(be32_at(L2_VPA + VPA_YIELD_COUNT), 5);

	/* ~0 unregisters it: the L0 leaves it alone from then on */
	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_VPA, ~0UL);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(be32_at(L2_VPA + VPA_YIELD_COUNT), 5);
}

/* The yield count that the L2, reading its VPA, reports in one run */
static u32 l2_yield_count(u64 gid)
{
	struct gsb out;

	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_YIELD_COUNT);
	return gsb_value_u64(&out, 1);
}

static void l1_count_dispatch(void)
{
	u32 *count = (u32 *)(L2_OWN_VPA + VPA_YIELD_COUNT);

	*count = __builtin_bswap32(__builtin_bswap32(*count) + 1);
}

/*
 * A running L2 finds its yield count even (Linux's vcpu_is_dispatched()):
 * counted by the L0 for an L1 that does not count, left alone for one
 * that does, as the Linux L1 does around each run.
 */
static void test_vpa_running(void)
{
	u64 gid = l2_with_vpa(L2_VPA_READ, L2_OWN_VPA);

	GUEST_ASSERT_EQ(l2_yield_count(gid), 2);
	GUEST_ASSERT_EQ(be32_at(L2_OWN_VPA + VPA_YIELD_COUNT), 3);

	l1_count_dispatch();
	GUEST_ASSERT_EQ(l2_yield_count(gid), 4);
	GUEST_ASSERT_EQ(be32_at(L2_OWN_VPA + VPA_YIELD_COUNT), 4);
	l1_count_dispatch();
	GUEST_ASSERT_EQ(be32_at(L2_OWN_VPA + VPA_YIELD_COUNT), 5);
}

static void dirty_sync(void)
{
	GUEST_ASSERT_EQ(hc(PAPR_RUN_DIRTY_SYNC, 0, 0, 0, 0, 0).r3, H_SUCCESS);
}

/*
 * The L0 writes the VPA of an L2 whose L1 does not count dispatches: the
 * page is dirty for the L1's migration. The host collects the dirty log at
 * each sync; between the two, only the L0 writes the VPA page.
 */
static void test_vpa_dirty(void)
{
	u64 gid;

	/* The host checks the page of PAPR_RUN_DIRTY_VPA */
	GUEST_ASSERT_EQ(L2_OWN_VPA, PAPR_RUN_DIRTY_VPA);
	gid = l2_with_vpa(L2_VPA_READ, L2_OWN_VPA);
	GUEST_ASSERT_EQ(l2_yield_count(gid), 2);
	dirty_sync();
	GUEST_ASSERT_EQ(l2_yield_count(gid), 4);
	dirty_sync();
}

/*
 * The host cleared C of a page the L1 wrote when it collected its dirty
 * log; the L1 reads the page and writes it with no exit between.
 */
static void test_l1_dirty(void)
{
	u64 *page = (u64 *)PAPR_RUN_DIRTY_PAGE;
	u64 v;

	*page = 1;
	dirty_sync();
	asm volatile("ld %0, 0(%1)\n\taddi %0, %0, 1\n\tstd %0, 0(%1)"
		     : "=&r"(v) : "b"(page) : "memory");
	dirty_sync();
	GUEST_ASSERT_EQ(*page, 2);
}

/* The same, by an L2 on a page whose pte in the L1 has C set */
static void test_l2_dirty(void)
{
	u64 gid;

	GUEST_ASSERT_EQ(L2_PAGE_A, PAPR_RUN_DIRTY_PAGE);
	agree_power9();
	build_partition_table();
	*(u64 *)L2_PAGE_A = 0x1111;
	map_2m(L2_FAULT_GPA, L2_PAGE_A);
	gid = setup_l2(L2_LOAD_STORE, 0);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	dirty_sync();
	set_entry(gid, 0, L2_LOAD_STORE, 0);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	dirty_sync();
	GUEST_ASSERT_EQ(*(u64 *)L2_PAGE_A, 0x1113);
}

/*
 * An L1 that runs as many L2s as it may create holds no more of the
 * host's LPIDs than its share (max_l2_lpids): every run still succeeds,
 * the L2s that ran least recently giving their shadows back, and another
 * VM can still be created on the host.
 */
static u64 share_gid[LPID_SHARE_L2S];

static void test_lpid_share(void)
{
	u64 *gid = share_gid, i;

	agree_power9();
	build_partition_table();
	for (i = 0; i < LPID_SHARE_L2S; i++) {
		gid[i] = setup_l2(L2_HELLO, 0);
		GUEST_ASSERT_EQ(run_until_exit(gid[i], 0), L2_EXIT_HCALL);
	}
	GUEST_ASSERT_EQ(hc(PAPR_RUN_CREATE_VM, 0, 0, 0, 0, 0).r3, H_SUCCESS);
	/* The first ones again, their shadows made anew */
	for (i = 0; i < 8; i++)
		GUEST_ASSERT_EQ(run_until_exit(gid[i], 0), L2_EXIT_HCALL);
}

/* The L1 asks for the switch and run times of its L2s in its own VPA. */
static void test_l2_counters(void)
{
	u64 gid;

	agree_power9();
	build_partition_table();
	memset((void *)L1_VPA, 0, VPA_SIZE);
	*(u16 *)(L1_VPA + 4) = __builtin_bswap16(VPA_SIZE);
	GUEST_ASSERT_EQ(hc(H_REGISTER_VPA, H_VPA_REG_VPA, my_cpu, L1_VPA, 0,
			   0).r3, H_SUCCESS);
	*(u8 *)(L1_VPA + VPA_L2_COUNTERS_ENABLE) = 1;
	gid = setup_l2(L2_HELLO, 0);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(be64_at(L1_VPA + VPA_L1_TO_L2_CS_TB) > 0, 1);
	GUEST_ASSERT_EQ(be64_at(L1_VPA + VPA_L2_TO_L1_CS_TB) > 0, 1);
	GUEST_ASSERT_EQ(be64_at(L1_VPA + VPA_L2_RUNTIME_TB) > 0, 1);
}

static u64 shared_gid;
static int runner_started;

/* The runner's side: an L2 that spins, published to the other vCPU */
static u64 share_spinning_l2(void)
{
	u64 gid;

	agree_power9();
	build_partition_table();
	gid = setup_l2(L2_SPIN, 0);
	__atomic_store_n(&shared_gid, gid, __ATOMIC_RELEASE);
	__atomic_store_n(&runner_started, 1, __ATOMIC_RELEASE);
	return gid;
}

/*
 * The other vCPU's side: the L2, once the runner is in it. The waits make
 * a hypercall each round: a vCPU spinning in the guest leaves its host
 * CPU only at a timer tick, and the runner needs it.
 */
static u64 shared_l2_running(void)
{
	u64 start;

	while (!__atomic_load_n(&runner_started, __ATOMIC_ACQUIRE))
		hc(H_GUEST_GET_CAPABILITIES, 0, 0, 0, 0, 0);
	start = mftb();
	while (mftb() - start < TB_PER_SEC / 10)
		hc(H_GUEST_GET_CAPABILITIES, 0, 0, 0, 0, 0);
	return __atomic_load_n(&shared_gid, __ATOMIC_ACQUIRE);
}

/* vCPU 0 runs an L2 that spins; vCPU 1 deletes it meanwhile. */
static void test_delete_runner(void)
{
	u64 gid = share_spinning_l2(), start = mftb();
	struct hcall_ret r;

	do {
		r = run_for(gid, 0, 20 * TB_PER_SEC);
	} while (r.r3 == H_SUCCESS && mftb() - start < 30 * TB_PER_SEC);
	/* The run ends with the L2 gone, well before its time limit */
	GUEST_ASSERT_EQ(r.r3, H_P2);
	GUEST_ASSERT_EQ(mftb() - start < 15 * TB_PER_SEC, 1);
}

static void test_delete_deleter(void)
{
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, shared_l2_running(), 0, 0, 0).r3,
			H_SUCCESS);
}

static int busy_done;

/* vCPU 0 runs a spinning L2 until vCPU 1 is done with it. */
static void test_busy_runner(void)
{
	u64 gid = share_spinning_l2(), start = mftb();
	struct hcall_ret r;

	do {
		r = run_for(gid, 0, 2 * TB_PER_SEC);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	} while (!__atomic_load_n(&busy_done, __ATOMIC_ACQUIRE) &&
		 mftb() - start < 60 * TB_PER_SEC);
	GUEST_ASSERT_EQ(__atomic_load_n(&busy_done, __ATOMIC_ACQUIRE), 1);
}

/*
 * vCPU 1 GETs, SETs and runs the L2 vCPU that vCPU 0 is running: H_BUSY
 * at once, never a wait for the end of the run. (Between two of vCPU 0's
 * runs a call may get through, hence the tries.)
 */
static void test_busy_other(void)
{
	unsigned int busy_get = 0, busy_set = 0, busy_run = 0, i;
	u64 gid = shared_l2_running(), t;
	struct hcall_ret r;
	struct gsb b;

	for (i = 0; i < 10; i++) {
		gsb_init(&b, gsb_addr);
		gsb_add(&b, GSID_GPR(3), 8, NULL);
		t = mftb();
		r = get_state(0, gid, 0, &b);
		GUEST_ASSERT_EQ(mftb() - t < TB_PER_SEC, 1);
		busy_get += r.r3 == H_BUSY;
		/* R4 stays the flags: no element is at fault */
		if (r.r3 == H_BUSY)
			GUEST_ASSERT_EQ(r.r[0], 0);

		gsb_init(&b, gsb_addr);
		gsb_add_u64(&b, GSID_GPR(3), 3);
		t = mftb();
		r = set_state(0, gid, 0, &b);
		GUEST_ASSERT_EQ(mftb() - t < TB_PER_SEC, 1);
		busy_set += r.r3 == H_BUSY;
		if (r.r3 == H_BUSY)
			GUEST_ASSERT_EQ(r.r[0], 0);

		t = mftb();
		r = run_for(gid, 0, TB_PER_SEC / 100);
		GUEST_ASSERT_EQ(mftb() - t < TB_PER_SEC, 1);
		busy_run += r.r3 == H_BUSY;
	}
	__atomic_store_n(&busy_done, 1, __ATOMIC_RELEASE);
	GUEST_ASSERT_EQ(busy_get > 0 && busy_set > 0 && busy_run > 0, 1);
}

/*
 * Benchmarks: the round trip of an L2 hcall, from the L1's RUN_VCPU to the
 * L2's next sc 1, BENCH_ROUNDS times after a first run that faults the
 * L2's pages in. The figure is the timebase ticks they took.
 */
static void bench_runs(u64 gid, void (*prepare)(void))
{
	struct hcall_ret r;
	u64 start;
	int i;

	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	start = mftb();
	for (i = 0; i < BENCH_ROUNDS; i++) {
		prepare();
		r = hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
		GUEST_ASSERT_EQ(r.r[0], L2_EXIT_HCALL);
	}
	guest_report(0, mftb() - start);
}

/* Steady state: the input buffer holds the time limit only. */
static void prepare_time_limit(void)
{
	struct gsb in;

	gsb_init(&in, RUN_IN(my_cpu));
	gsb_add_u64(&in, GSID_HDEC_EXPIRY_TB, mftb() + 10 * TB_PER_SEC);
}

static void bench_v2_steady(void)
{
	agree_power9();
	build_partition_table();
	bench_runs(setup_l2(L2_HELLO, 0), prepare_time_limit);
}

/*
 * Every register the L1 may set, as the Linux L1 sends on a vCPU's first
 * run: GPRs, VSRs and SPRs, with the time limit last, updated in place.
 */
static const u16 full_input_sprs[] = {
	GSID_NIA, GSID_MSR, GSID_LPCR, GSID_LR, GSID_XER, GSID_CTR,
	GSID_SRR0, GSID_SRR1, GSID_DAR, GSID_SPRG(0), GSID_SPRG(1),
	GSID_SPRG(2), GSID_SPRG(3), GSID_BESCR, GSID_EBBHR, GSID_EBBRR,
	GSID_AMR, GSID_IAMR, GSID_UAMOR, GSID_DSCR, GSID_TAR,
	GSID_DEC_EXPIRY_TB,
};

static u8 *full_input_hdec;

static u64 full_input_value(u16 id)
{
	switch (id) {
	case GSID_NIA:
		return L2_CODE + L2_HELLO;
	case GSID_MSR:
		return MSR_SF | MSR_ME | MSR_LE;
	case GSID_LPCR:
		return LPCR_ILE;
	case GSID_DEC_EXPIRY_TB:
		return mftb() + 100 * TB_PER_SEC;
	default:
		return 0;
	}
}

static void build_full_input(void)
{
	u8 vsr[16] = { 0 };
	struct gsb in;
	unsigned int i;

	gsb_init(&in, RUN_IN(my_cpu));
	for (i = 0; i < 32; i++)
		gsb_add_u64(&in, GSID_GPR(i), 0);
	for (i = 0; i < 64; i++)
		gsb_add(&in, GSID_VSR(i), sizeof(vsr), vsr);
	for (i = 0; i < ARRAY_SIZE(full_input_sprs); i++)
		gsb_add_u64(&in, full_input_sprs[i],
			    full_input_value(full_input_sprs[i]));
	gsb_add_u32(&in, GSID_CR, 0);
	gsb_add_u32(&in, GSID_DSISR, 0);
	gsb_add_u32(&in, GSID_PIDR, 0);
	gsb_add_u32(&in, GSID_VRSAVE, 0);
	gsb_add_u64(&in, GSID_HDEC_EXPIRY_TB, 0);
	full_input_hdec = in.buf + in.len - 8;
}

static void prepare_full_input(void)
{
	u64 limit = cpu_to_be64(mftb() + 10 * TB_PER_SEC);

	memcpy(full_input_hdec, &limit, sizeof(limit));
}

static void bench_v2_full_input(void)
{
	u64 gid;

	agree_power9();
	build_partition_table();
	gid = setup_l2(L2_HELLO, 0);
	build_full_input();
	prepare_full_input();
	bench_runs(gid, prepare_full_input);
}

/* The same L2 through the v1 API (l1_guest.h): where its table and state are */
#define V1_PART_TABLE			0x440000UL	/* 4 KiB, 256 LPIDs */
#define V1_HV_STATE			0x441000UL
#define V1_REGS				0x442000UL
#define V1_LPID				1

static void prepare_v1(void)
{
	struct v1_hv_state *hv = (void *)V1_HV_STATE;

	hv->hdec_expiry = mftb() + 10 * TB_PER_SEC;
}

/* The L2 at @entry, ready for H_ENTER_NESTED as LPID V1_LPID */
static void setup_v1(u64 entry)
{
	struct v1_hv_state *hv = (void *)V1_HV_STATE;
	struct v1_regs *regs = (void *)V1_REGS;

	build_partition_table();
	memset((void *)V1_PART_TABLE, 0, 0x1000);
	put_be64(V1_PART_TABLE + V1_LPID * 16,
		 PATB_HR_GR | RADIX_TREE_52 | PART_ROOT | 13);
	put_be64(V1_PART_TABLE + V1_LPID * 16 + 8, PATB_HR_GR | PROC_TABLE);
	GUEST_ASSERT_EQ(hc(H_SET_PARTITION_TABLE, V1_PART_TABLE, 0, 0, 0,
			   0).r3, H_SUCCESS);
	memset(hv, 0, sizeof(*hv));
	memset(regs, 0, sizeof(*regs));
	hv->version = 2;
	hv->lpid = V1_LPID;
	hv->lpcr = LPCR_ILE;
	hv->amor = ~0UL;
	regs->nip = L2_CODE + entry;
	regs->msr = MSR_SF | MSR_ME | MSR_LE;
}

/*
 * A v1 L1 enters V1_SHARE_LPIDS nested guests in turn, one L2 each, all
 * with the same tables, and then the first again: the host bounds the
 * nested guests it holds (max_l2_lpids) and counts those given back.
 */
static void test_v1_share(void)
{
	struct v1_hv_state *hv = (void *)V1_HV_STATE;
	struct v1_regs *regs = (void *)V1_REGS;
	u64 lpid, i;

	setup_v1(L2_HELLO);
	for (i = 0; i <= V1_SHARE_LPIDS; i++) {
		lpid = i % V1_SHARE_LPIDS + 1;
		put_be64(V1_PART_TABLE + lpid * 16,
			 PATB_HR_GR | RADIX_TREE_52 | PART_ROOT | 13);
		put_be64(V1_PART_TABLE + lpid * 16 + 8, PATB_HR_GR | PROC_TABLE);
		hv->lpid = lpid;
		regs->nip = L2_CODE + L2_HELLO;
		regs->msr = MSR_SF | MSR_ME | MSR_LE;
		prepare_v1();
		GUEST_ASSERT_EQ(hc(H_ENTER_NESTED, V1_HV_STATE, V1_REGS, 0, 0,
				   0).r3, L2_EXIT_HCALL);
	}
}

/* test_change_bit() for a nested-v1 L1 */
static void test_change_bit_v1(void)
{
	struct v1_hv_state *hv = (void *)V1_HV_STATE;
	struct v1_regs *regs = (void *)V1_REGS;

	setup_v1(L2_LOAD_STORE);
	map_clean_page();
	prepare_v1();
	GUEST_ASSERT_EQ(hc(H_ENTER_NESTED, V1_HV_STATE, V1_REGS, 0, 0, 0).r3,
			L2_EXIT_HDSI);
	GUEST_ASSERT_EQ(regs->nip, L2_CODE + L2_LOAD_STORE_STD);
	check_set_rc(hv->hdar, hv->hdsisr);
	prepare_v1();
	GUEST_ASSERT_EQ(hc(H_ENTER_NESTED, V1_HV_STATE, V1_REGS, 0, 0, 0).r3,
			L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(regs->gpr[3], L2_HC_STORED);
	GUEST_ASSERT_EQ(*(u64 *)L2_PAGE_A, 0x1112);
}

static void bench_v1(void)
{
	struct hcall_ret r;
	u64 start;
	int i;

	setup_v1(L2_HELLO);
	/* A first run faults the L2's pages in, as bench_runs() does */
	prepare_v1();
	GUEST_ASSERT_EQ(hc(H_ENTER_NESTED, V1_HV_STATE, V1_REGS, 0, 0, 0).r3,
			L2_EXIT_HCALL);
	start = mftb();
	for (i = 0; i < BENCH_ROUNDS; i++) {
		prepare_v1();
		r = hc(H_ENTER_NESTED, V1_HV_STATE, V1_REGS, 0, 0, 0);
		GUEST_ASSERT_EQ(r.r3, L2_EXIT_HCALL);
	}
	guest_report(0, mftb() - start);
}

/*
 * Interrupts the L0 delivers into the L2. A stub at each vector, in the
 * byte order the interrupt runs in, reports SRR0, SRR1 and the MSR the
 * interrupt gave it in GPR4-GPR6, with L2_HC_VECTOR in GPR3.
 */
#define L2_HC_VECTOR		0x7f06
#define VEC_SRESET		0x100
#define VEC_EXTERNAL		0x500
#define VEC_DOORBELL		0xa00
#define AIL_3_BASE		0xc000000000004000UL
#define VEC_STUB_LEN		0x14

static const u32 vector_stub[] = {
	0x38607f06,		/* li r3, L2_HC_VECTOR */
	0x7c9a02a6,		/* mfsrr0 r4 */
	0x7cbb02a6,		/* mfsrr1 r5 */
	0x7cc000a6,		/* mfmsr r6 */
	0x44000022,		/* sc 1 */
};

static void plant_vectors(bool little_endian)
{
	static const u64 vecs[] = { VEC_SRESET, VEC_EXTERNAL, VEC_DOORBELL,
				    0x4000 + VEC_EXTERNAL };
	unsigned int i, k;
	u32 *p;

	for (i = 0; i < ARRAY_SIZE(vecs); i++) {
		p = (u32 *)(L2_BACKING + vecs[i]);
		for (k = 0; k < ARRAY_SIZE(vector_stub); k++)
			p[k] = little_endian ? vector_stub[k] :
					       __builtin_bswap32(vector_stub[k]);
	}
}

/*
 * One run with @flags and the L2's LPCR (and DPDES) in the input. The
 * L2's DEC is pushed away at each run: a processor without MER (QEMU's)
 * raises the external only at the next entry after the L2 sets MSR[EE],
 * and a slow host must not let the DEC expire first.
 */
static struct hcall_ret run_intr(u64 gid, u64 flags, u64 lpcr, bool dpdes)
{
	struct gsb in;

	gsb_init(&in, RUN_IN(my_cpu));
	gsb_add_u64(&in, GSID_HDEC_EXPIRY_TB, mftb() + TB_PER_SEC / 100);
	gsb_add_u64(&in, GSID_DEC_EXPIRY_TB, mftb() + 2 * TB_PER_SEC);
	gsb_add_u64(&in, GSID_LPCR, lpcr);
	if (dpdes)
		gsb_add_u64(&in, GSID_DPDES, 1);
	return hc(H_GUEST_RUN_VCPU, flags, gid, 0, 0, 0);
}

static u64 l2_get(u64 gid, u16 id)
{
	struct gsb b;

	gsb_init(&b, gsb_addr);
	gsb_add(&b, id, 8, NULL);
	GUEST_ASSERT_EQ(get_state(0, gid, 0, &b).r3, H_SUCCESS);
	return gsb_value_u64(&b, 0);
}

struct l2_taken {
	u64 srr0, srr1, msr;
};

/*
 * Run until the stub at vector @vec reports, through any exit on the
 * way; the L2 must not report from anywhere else.
 */
static struct l2_taken run_to_vector(u64 gid, u64 flags, u64 lpcr,
				     bool dpdes, u64 vec)
{
	struct hcall_ret r;
	struct gsb out;
	int tries = 0;

	do {
		r = run_intr(gid, flags, lpcr, dpdes);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
		if (++tries > 1000)
			guest_fail(__FILE__, __LINE__, r.r[0],
				   l2_get(gid, GSID_NIA));
	} while (r.r[0] != L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_VECTOR);
	GUEST_ASSERT_EQ(l2_get(gid, GSID_NIA), vec + VEC_STUB_LEN);
	return (struct l2_taken){ gsb_value_u64(&out, 1),
				  gsb_value_u64(&out, 2),
				  gsb_value_u64(&out, 3) };
}

/* An L2 at @entry, its vectors planted in the byte order given. */
static u64 intr_l2(u64 entry, u64 msr_extra, bool little_endian)
{
	agree_power9();
	build_partition_table();
	plant_vectors(little_endian);
	return setup_l2(entry, msr_extra);
}

#define L2_MSR		(MSR_SF | MSR_ME | MSR_LE)

/* LPCR[MER] with MSR[EE] set: taken at once, at 0x500, EE cleared. */
static void test_intr_external(void)
{
	u64 gid = intr_l2(L2_SPIN, MSR_EE, true);
	struct l2_taken t;

	t = run_to_vector(gid, 0, LPCR_ILE | LPCR_MER, false, VEC_EXTERNAL);
	GUEST_ASSERT_EQ(t.msr, L2_MSR);
	GUEST_ASSERT_EQ(t.srr0, L2_CODE + L2_SPIN);
	GUEST_ASSERT_EQ(t.srr1 & (L2_MSR | MSR_EE), L2_MSR | MSR_EE);
}

/* MER with MSR[EE] clear: not taken until the L2 sets EE. */
static void test_intr_ee_off(void)
{
	u64 gid = intr_l2(L2_EE_OFF, 0, true);
	struct hcall_ret r;
	struct l2_taken t;
	struct gsb out;

	do {
		r = run_intr(gid, 0, LPCR_ILE | LPCR_MER, false);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	} while (!r.r[0]);
	GUEST_ASSERT_EQ(r.r[0], L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_EE_OFF);
	GUEST_ASSERT_EQ(l2_get(gid, GSID_NIA), L2_CODE + L2_EE_OFF + 8);
	t = run_to_vector(gid, 0, LPCR_ILE | LPCR_MER, false, VEC_EXTERNAL);
	GUEST_ASSERT_EQ(t.srr0, L2_CODE + L2_EE_OFF_SPIN);
	GUEST_ASSERT_EQ(t.msr, L2_MSR);
}

/* LPCR[ILE] clear: the interrupt runs big-endian. */
static void test_intr_big_endian(void)
{
	u64 gid = intr_l2(L2_SPIN, MSR_EE, false);
	struct l2_taken t;

	t = run_to_vector(gid, 0, LPCR_MER, false, VEC_EXTERNAL);
	GUEST_ASSERT_EQ(t.msr, MSR_SF | MSR_ME);
	GUEST_ASSERT_EQ(t.srr1 & MSR_LE, MSR_LE);
}

/*
 * The L2's own radix tree, for a translated L2: process table at L2 real
 * 0x10000, its PID 0 root at 0x20000 (8192 entries), one 1 GiB leaf that
 * maps every quadrant's first GiB to L2 real 0, privileged.
 */
#define L2_PROC_TABLE		0x10000UL
#define L2_PROC_ROOT		0x20000UL
#define L2_PROC_PUD		0x30000UL
#define RADIX_RTS_52		((0x2UL << 61) | (0x5UL << 5))
#define RADIX_PRIVILEGED	0x8UL

static void build_l2_process_tree(void)
{
	unsigned long b = L2_BACKING;

	memset((void *)(b + L2_PROC_TABLE), 0, 0x1000);
	memset((void *)(b + L2_PROC_ROOT), 0, 0x10000);
	memset((void *)(b + L2_PROC_PUD), 0, 0x1000);
	put_be64(b + L2_PROC_TABLE, RADIX_RTS_52 | L2_PROC_ROOT | 13);
	put_be64(b + L2_PROC_ROOT, RADIX_VALID | L2_PROC_PUD | 9);
	put_be64(b + L2_PROC_PUD, RADIX_VALID | RADIX_LEAF | RADIX_RC_RWX |
		 RADIX_PRIVILEGED);
}

/* LPCR[AIL] = 3 and a translated L2: the vector moves, IR/DR stay. */
static void test_intr_ail(void)
{
	u64 gid = intr_l2(L2_SPIN, MSR_EE | MSR_IR | MSR_DR, true);
	struct l2_taken t;

	build_l2_process_tree();
	set_tables_proc(gid, L2_PROC_TABLE);
	t = run_to_vector(gid, 0, LPCR_ILE | LPCR_AIL_3 | LPCR_MER, false,
			  AIL_3_BASE + VEC_EXTERNAL);
	GUEST_ASSERT_EQ(t.msr, L2_MSR | MSR_IR | MSR_DR);
	GUEST_ASSERT_EQ(t.srr0, L2_CODE + L2_SPIN);
}

/* DPDES: a doorbell at 0xA00 once EE is set, and DPDES clear after. */
static void test_intr_doorbell(void)
{
	u64 gid = intr_l2(L2_SPIN, MSR_EE, true);
	struct l2_taken t;

	t = run_to_vector(gid, 0, LPCR_ILE, true, VEC_DOORBELL);
	GUEST_ASSERT_EQ(t.msr, L2_MSR);
	GUEST_ASSERT_EQ(t.srr0, L2_CODE + L2_SPIN);
	GUEST_ASSERT_EQ(l2_get(gid, GSID_DPDES), 0);
}

/*
 * The flags of H_GUEST_RUN_VCPU: external, doorbell, system reset (taken
 * with EE clear too, and before an external one); any other bit is
 * refused with the first one's H_UNSUPPORTED_FLAG code.
 */
static void test_intr_flags(void)
{
	u64 gid = intr_l2(L2_SPIN, MSR_EE, true);
	struct l2_taken t;

	GUEST_ASSERT_EQ(run_intr(gid, BIT(60), LPCR_ILE, false).r3,
			H_UNSUPPORTED_FLAG_START - 3);
	GUEST_ASSERT_EQ(run_intr(gid, RUN_SRESET | BIT(0), LPCR_ILE,
				 false).r3, H_UNSUPPORTED_FLAG_START - 63);
	GUEST_ASSERT_EQ(l2_get(gid, GSID_NIA), L2_CODE + L2_SPIN);

	t = run_to_vector(gid, RUN_EXTERNAL, LPCR_ILE, false, VEC_EXTERNAL);
	GUEST_ASSERT_EQ(t.srr0, L2_CODE + L2_SPIN);
	set_entry(gid, 0, L2_SPIN, MSR_EE);
	t = run_to_vector(gid, RUN_DOORBELL, LPCR_ILE, false, VEC_DOORBELL);
	GUEST_ASSERT_EQ(t.srr0, L2_CODE + L2_SPIN);
	set_entry(gid, 0, L2_SPIN, MSR_EE);
	t = run_to_vector(gid, RUN_SRESET | RUN_EXTERNAL, LPCR_ILE, false,
			  VEC_SRESET);
	GUEST_ASSERT_EQ(t.msr, L2_MSR);
	GUEST_ASSERT_EQ(t.srr1 & MSR_EE, MSR_EE);
	set_entry(gid, 0, L2_SPIN, 0);
	t = run_to_vector(gid, RUN_SRESET, LPCR_ILE, false, VEC_SRESET);
	GUEST_ASSERT_EQ(t.srr0, L2_CODE + L2_SPIN);
	GUEST_ASSERT_EQ(t.srr1 & MSR_EE, 0);
}

/* The output of the last exit holds element @id, with @value */
static bool out_has(u16 id, u64 value)
{
	struct gsb out = output();
	unsigned int i;

	for (i = 0; i < out_count(); i++)
		if (out_id(i) == id)
			return gsb_value_u64(&out, i) == value;
	return false;
}

/* Resume the L2 past its store, as the L1 does once it has emulated it */
static u64 run_past_store(u64 gid)
{
	struct hcall_ret r;
	struct gsb in;

	gsb_init(&in, RUN_IN(my_cpu));
	gsb_add_u64(&in, GSID_HDEC_EXPIRY_TB, mftb() + 10 * TB_PER_SEC);
	gsb_add_u64(&in, GSID_NIA, L2_CODE + L2_STORE_INSN + 4);
	r = hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0);
	GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	return r.r[0] ? r.r[0] : run_until_exit(gid, 0);
}

/*
 * An L2 stores to an address its L1 does not map, again and again, from
 * one instruction: the L1 GETs the source GPR after the first HDSI, and
 * finds it, current, in the output of the next ones there.
 */
static void test_mmio_store_hint(void)
{
	struct gsb b;
	u64 gid;

	gid = l2_run_to(L2_STORE, L2_EXIT_HDSI);
	GUEST_ASSERT_EQ(out_count(), 6);
	GUEST_ASSERT_EQ(out_has(GSID_NIA, L2_CODE + L2_STORE_INSN), true);
	GUEST_ASSERT_EQ(l2_get(gid, GSID_GPR(9)), 0x1234);
	GUEST_ASSERT_EQ(run_past_store(gid), L2_EXIT_HDSI);
	GUEST_ASSERT_EQ(out_count(), 7);
	GUEST_ASSERT_EQ(out_has(GSID_GPR(9), 0x1235), true);
	/* A GET of two elements teaches nothing: the hint stays GPR9 */
	gsb_init(&b, gsb_addr);
	gsb_add(&b, GSID_GPR(5), 8, NULL);
	gsb_add(&b, GSID_GPR(9), 8, NULL);
	GUEST_ASSERT_EQ(get_state(0, gid, 0, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(run_past_store(gid), L2_EXIT_HDSI);
	GUEST_ASSERT_EQ(out_has(GSID_GPR(9), 0x1236), true);
	GUEST_ASSERT_EQ(out_has(GSID_GPR(5), 0x200000), false);
}

static u64 host_wide(u16 id)
{
	return get_host_wide(gsb_addr, id);
}

/*
 * A hostile L1's shadow tables: it maps the same 2 MiB of its memory at
 * every 2 MiB of its L2's first GiB, which touches each once, so that the
 * L0's shadow grows a page table per 2 MiB. The L1 reports the host-wide
 * page-table figures, in use and reclaimed, before and after.
 */
static void test_pgtable_bound(void)
{
	struct gsb out;
	u64 gid, gpa;

	agree_power9();
	build_partition_table();
	for (gpa = 0; gpa < 0x40000000UL; gpa += 0x200000)
		map_2m(gpa, L2_BACKING);
	gid = setup_l2(L2_TOUCH, 0);
	guest_report(0, host_wide(GSID_L0_GUEST_PGTABLE));
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_TOUCHED);
	guest_report(1, host_wide(GSID_L0_GUEST_PGTABLE));
	guest_report(2, host_wide(GSID_L0_GUEST_PGTABLE_RECLAIM));
	guest_report(3, host_wide(GSID_L0_GUEST_PGTABLE_MAX));
}

/*
 * The SPRs an L2 writes and reads itself that have an element, in the
 * order of L2_SPR_WRITE and L2_SPR_READ (l2_guest.S), with a value each
 * that the register holds as written.
 */
static const struct {
	u16 id;
	u8 size;
	u64 value;
	/* not kept across an hcall: sc clobbers it, or PAPR lets the L0 */
	bool volatile_in_hcall;
} spr_table[] = {
	{ GSID_XER, 8, 0x20000005, true },	/* XER */
	{ GSID_LR, 8, 0x2a10, false },	/* LR */
	{ GSID_CTR, 8, 0x123456789abcdef0, true },	/* CTR */
	{ GSID_TAR, 8, 0x2b20, false },	/* TAR */
	{ GSID_DSCR, 8, 0x10, false },	/* DSCR */
	{ GSID_PPR, 8, 0x0010000000000000, false },	/* PPR */
	{ GSID_AMR, 8, 0xc000000000000030, false },	/* AMR */
	{ GSID_UAMOR, 8, 0xf000000000000000, false },	/* UAMOR */
	{ GSID_EBBHR, 8, 0x2c30, false },	/* EBBHR */
	{ GSID_EBBRR, 8, 0x2d40, false },	/* EBBRR */
	{ GSID_BESCR, 8, 0x8000000000000000, false },	/* BESCR */
	{ GSID_PSPB, 4, 0x1234, false },	/* PSPB */
	{ GSID_SPRG(0), 8, 0x1111111111111111, false },	/* SPRG0 */
	{ GSID_SPRG(1), 8, 0x2222222222222222, false },	/* SPRG1 */
	{ GSID_SPRG(2), 8, 0x3333333333333333, false },	/* SPRG2 */
	{ GSID_SPRG(3), 8, 0x4444444444444444, false },	/* SPRG3 */
	{ GSID_SRR0, 8, 0x2e50, true },	/* SRR0 */
	{ GSID_SRR1, 8, 0x8000000000001033, true },	/* SRR1 */
	{ GSID_DAR, 8, 0x5555555555555550, false },	/* DAR */
	{ GSID_DSISR, 4, 0x42000000, false },	/* DSISR */
	{ GSID_PIDR, 4, 0x1234, false },	/* PIDR */
	{ GSID_VRSAVE, 4, 0xdeadbeef, false },	/* VRSAVE */
	{ GSID_FSCR, 8, 0x0000000000000185, false },	/* FSCR */
};

/* The table's elements, with its values or empty for a GET */
static void spr_gsb(struct gsb *b, bool fill)
{
	unsigned int i;

	gsb_init(b, gsb_addr);
	for (i = 0; i < ARRAY_SIZE(spr_table); i++) {
		if (!fill)
			gsb_add(b, spr_table[i].id, spr_table[i].size, NULL);
		else if (spr_table[i].size == 4)
			gsb_add_u32(b, spr_table[i].id, spr_table[i].value);
		else
			gsb_add_u64(b, spr_table[i].id, spr_table[i].value);
	}
}

static u64 spr_element(const struct gsb *b, unsigned int i)
{
	return spr_table[i].size == 4 ? gsb_value_u32(b, i) :
					gsb_value_u64(b, i);
}

/*
 * A bit for each register of the table whose value differs: in @b, the
 * GET after the L2's hcall (the registers an hcall keeps), or in @v, what
 * the L2 read.
 */
static u64 spr_mismatches(const struct gsb *b, const u64 *v)
{
	unsigned int i;
	u64 bits = 0;

	for (i = 0; i < ARRAY_SIZE(spr_table); i++) {
		if (b && spr_table[i].volatile_in_hcall)
			continue;
		if ((b ? spr_element(b, i) : v[i]) != spr_table[i].value)
			bits |= BIT(i);
	}
	return bits;
}

/* The facilities the Linux L1 grants its L2s: EBB, TAR, DSCR, PM... */
#define L2_HFSCR		0x19fUL

static void set_hfscr(u64 gid, u64 vid)
{
	struct gsb b;

	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_HFSCR, L2_HFSCR);
	GUEST_ASSERT_EQ(set_state(0, gid, vid, &b).r3, H_SUCCESS);
}

/*
 * What an L2 writes to its SPRs is what its L1 GETs, and what the L1 SETs
 * into a new vCPU is what that vCPU's L2 reads: the L0 saves each of
 * these registers at an exit and loads it at an entry. A failure gives
 * the registers that differ as a bitmap of the table's indices.
 */
static void test_spr_roundtrip(void)
{
	u64 *in = (u64 *)(L2_BACKING + L2_SPR_IN);
	u64 *out = (u64 *)(L2_BACKING + L2_SPR_OUT);
	struct gsb b;
	unsigned int i;
	u64 gid;

	agree_power9();
	build_partition_table();
	for (i = 0; i < ARRAY_SIZE(spr_table); i++)
		in[i] = spr_table[i].value;
	gid = setup_l2(L2_SPR_WRITE, 0);
	set_hfscr(gid, 0);
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 1, 0, 0).r3, H_SUCCESS);
	set_run_buffers(gid, 1);
	set_entry(gid, 1, L2_SPR_READ, 0);
	set_hfscr(gid, 1);

	spr_gsb(&b, false);
	GUEST_ASSERT_EQ(get_state(0, gid, 0, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(spr_mismatches(&b, NULL), 0);
	/* The GET's values but for those the hcall clobbered: the table's */
	spr_gsb(&b, true);
	GUEST_ASSERT_EQ(set_state(0, gid, 1, &b).r3, H_SUCCESS);
	memset(out, 0, ARRAY_SIZE(spr_table) * sizeof(*out));
	GUEST_ASSERT_EQ(run_until_exit(gid, 1), L2_EXIT_HCALL);
	GUEST_ASSERT_EQ(spr_mismatches(NULL, out), 0);
}

/*
 * An L2's timebase is its L1's plus the guest-wide TB offset, which moves
 * only the upper 40 bits (a multiple of 2^24 ticks): here 2^32 ticks,
 * about 8.4 s. What the L2 read lies between the L1's readings around
 * the run, both offset.
 */
static void test_tb_offset(void)
{
	const u64 offset = 1ULL << 32;
	struct gsb b, out;
	u64 gid, before, l2_tb;

	agree_power9();
	build_partition_table();
	gid = setup_l2(L2_TB, 0);
	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_TB_OFFSET, offset);
	GUEST_ASSERT_EQ(set_state(H_GUEST_STATE_GUEST_WIDE, gid, 0, &b).r3,
			H_SUCCESS);
	before = mftb();
	GUEST_ASSERT_EQ(run_until_exit(gid, 0), L2_EXIT_HCALL);
	out = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&out, 0), L2_HC_TB);
	l2_tb = gsb_value_u64(&out, 1);
	GUEST_ASSERT_EQ(l2_tb >= before + offset, 1);
	GUEST_ASSERT_EQ(l2_tb <= mftb() + offset, 1);
}

/* Each L2 vCPU of the observed work runs to OBSERVE_RUNS hcall exits. */
static void observe_runs(void)
{
	static const u64 run[][2] = { { 1, 0 }, { 1, 1 }, { 2, 0 } };
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(run); i++)
		for (n = 0; n < OBSERVE_RUNS; n++)
			GUEST_ASSERT_EQ(run_until_exit(run[i][0], run[i][1]),
					L2_EXIT_HCALL);
}

/*
 * The first half of the work observed by the host (observe.c): L2 1 with
 * two vCPUs and L2 2 with one, run; a partition-scoped invalidation of
 * L2 1; then a SET whose second element has no id, refused at that index.
 */
static void test_observe_first(void)
{
	struct gsb b;

	agree_power9();
	build_partition_table();
	GUEST_ASSERT_EQ(setup_l2(L2_HELLO, 0), 1);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, 1, 1, 0, 0).r3, H_SUCCESS);
	set_run_buffers(1, 1);
	set_entry(1, 1, L2_HELLO, 0);
	GUEST_ASSERT_EQ(setup_l2(L2_HELLO, 0), 2);
	observe_runs();
	GUEST_ASSERT_EQ(rpt_invalidate(1, H_RPTI_TYPE_NESTED | H_RPTI_TYPE_TLB,
				       H_RPTI_PAGE_4K, 0x10000, 0x20000),
			H_SUCCESS);

	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_NIA, L2_CODE + L2_HELLO);
	gsb_add_u64(&b, OBSERVE_BAD_ID, 0);
	GUEST_ASSERT_EQ(set_state(0, 1, 0, &b).r3, H_INVALID_ELEMENT_ID);
}

/* The second half: the same runs again, then L2 2 deleted. */
static void test_observe_second(void)
{
	observe_runs();
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 2, 0, 0, 0).r3, H_SUCCESS);
}

/*
 * A compute-bound L2 (a spin) for SPIN_TICKS: the exits its L1 sees, in
 * all, stops of the L0's own (0 under v2), external interrupts, and the
 * time. The run's time limit is the end, whose HDEC exit ends the loop.
 */
struct spin_count {
	u64 exits, l0_stops, externals, start;
};

static bool spin_exit(struct spin_count *c, u64 exit)
{
	c->exits++;
	c->l0_stops += exit == 0;
	c->externals += exit == 0x500;
	return exit == L2_EXIT_HDEC && mftb() >= c->start + SPIN_TICKS;
}

static void spin_report(const struct spin_count *c)
{
	guest_report(0, c->exits);
	guest_report(1, c->l0_stops);
	guest_report(2, c->externals);
	guest_report(3, mftb() - c->start);
}

static void bench_spin_v2(void)
{
	struct spin_count c = { 0 };
	struct hcall_ret r;
	struct gsb in;
	u64 gid;

	agree_power9();
	build_partition_table();
	gid = setup_l2(L2_SPIN, 0);
	c.start = mftb();
	do {
		gsb_init(&in, RUN_IN(my_cpu));
		gsb_add_u64(&in, GSID_HDEC_EXPIRY_TB, c.start + SPIN_TICKS);
		r = hc(H_GUEST_RUN_VCPU, 0, gid, 0, 0, 0);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	} while (!spin_exit(&c, r.r[0]));
	spin_report(&c);
}

/* The same spin under the nested API v1 */
static void bench_spin_v1(void)
{
	struct v1_hv_state *hv = (void *)V1_HV_STATE;
	struct spin_count c = { 0 };
	struct hcall_ret r;

	setup_v1(L2_SPIN);
	c.start = mftb();
	do {
		hv->hdec_expiry = c.start + SPIN_TICKS;
		r = hc(H_ENTER_NESTED, V1_HV_STATE, V1_REGS, 0, 0, 0);
		GUEST_ASSERT_EQ((long)r.r3 >= 0, 1);
	} while (!spin_exit(&c, r.r3));
	spin_report(&c);
}

/*
 * The L1's own decrementer across its exits to the L0: its expiry (TB +
 * DEC, in the L1's timebase) read before and after DRIFT_EXITS hcalls the
 * L0 answers in the kernel, and, as the control, before and after a spin
 * of the same length without an exit. An L0 that keeps the expiry moves
 * neither.
 */
static u64 dec_expiry(void)
{
	u64 dec, tb;

	asm volatile("mfspr %0, 22\n\tmfspr %1, 268" : "=r"(dec), "=r"(tb));
	return tb + dec;
}

static void bench_dec_drift(void)
{
	u64 e0, e1, e2, start, took;
	int i;

	asm volatile("mtspr 22, %0" : : "r"(0x7fff0000UL));
	e0 = dec_expiry();
	start = mftb();
	for (i = 0; i < DRIFT_EXITS; i++)
		hc(H_GUEST_GET_CAPABILITIES, 0, 0, 0, 0, 0);
	took = mftb() - start;
	e1 = dec_expiry();
	start = mftb();
	while (mftb() - start < took)
		;
	e2 = dec_expiry();
	guest_report(0, e1 - e0);
	guest_report(1, e2 - e1);
	guest_report(2, took);
}

/* L2 vCPU @vid of @gid counts in slot @slot, from the start */
static void state_setup_vcpu(u64 gid, u64 vid, unsigned int slot)
{
	struct gsb b;

	set_run_buffers(gid, vid);
	set_entry(gid, vid, L2_COUNT, 0);
	*(u64 *)(STATE_COUNTERS_L1 + slot * 8) = 0;
	memset((void *)STATE_VPA(slot), 0, VPA_SIZE);
	vpa_not_dispatched(STATE_VPA(slot));
	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_GPR(15), STATE_COUNTERS + slot * 8);
	gsb_add_u64(&b, GSID_VPA, STATE_VPA(slot));
	GUEST_ASSERT_EQ(set_state(0, gid, vid, &b).r3, H_SUCCESS);
}

/* One step of the counting L2 vCPU: its count goes on from @count. */
static void state_step(u64 gid, u64 vid, unsigned int slot, u64 *count)
{
	struct hcall_ret r;
	struct gsb b;
	u32 yield;

	do {
		gsb_init(&b, RUN_IN(my_cpu));
		gsb_add_u64(&b, GSID_HDEC_EXPIRY_TB, mftb() + 10 * TB_PER_SEC);
		gsb_add_u64(&b, GSID_GPR(17), *count * 3);
		r = hc(H_GUEST_RUN_VCPU, 0, gid, vid, 0, 0);
		GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	} while (!r.r[0]);
	GUEST_ASSERT_EQ(r.r[0], L2_EXIT_HCALL);
	b = output();
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 0), L2_HC_COUNT);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 1), *count + 1);
	++*count;
	GUEST_ASSERT_EQ(get_le64(STATE_COUNTERS_L1 + slot * 8), *count);
	/* Its VPA, pinned anew after a restore: two counts or more a step */
	yield = be32_at(STATE_VPA(slot) + VPA_YIELD_COUNT);
	GUEST_ASSERT_EQ(yield % 2, 1);
	GUEST_ASSERT_EQ(yield > 2 * *count, 1);
	if (*count % 8)
		return;
	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_GPR(15), 0);
	gsb_add_u64(&b, GSID_GPR(16), 0);
	gsb_add_u64(&b, GSID_LR, 0);
	GUEST_ASSERT_EQ(get_state(0, gid, vid, &b).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 0), STATE_COUNTERS + slot * 8);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 1), *count);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 2), *count);
}

/*
 * Until the host says stop, while it saves and restores the L1: each L1
 * vCPU runs the two vCPUs of an L2 of its own in turn. The two L2s start
 * together, on the tables vCPU 0 builds.
 */
static void test_state_loop(void)
{
	u64 *stop = (u64 *)STATE_STOP, *ready = (u64 *)STATE_READY;
	u64 gid, count[2] = { 0, 0 };
	unsigned int v;

	agree_power9();
	if (my_cpu == 0) {
		build_partition_table();
		__atomic_store_n(ready, 1, __ATOMIC_RELEASE);
	}
	while (!__atomic_load_n(ready, __ATOMIC_ACQUIRE))
		;
	gid = hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0).r[0];
	set_tables(gid);
	for (v = 0; v < 2; v++) {
		GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, v, 0, 0).r3,
				H_SUCCESS);
		state_setup_vcpu(gid, v, my_cpu * 2 + v);
	}
	while (!__atomic_load_n(stop, __ATOMIC_ACQUIRE))
		for (v = 0; v < 2; v++)
			state_step(gid, v, my_cpu * 2 + v, &count[v]);
	guest_report(0, count[0]);
	guest_report(1, count[1]);
}

/* Many L2s, each with a vCPU and tables, for the host to save. */
static void test_state_many(void)
{
	unsigned int i;
	u64 gid;

	agree_power9();
	build_partition_table();
	for (i = 0; i < STATE_MANY_L2S; i++) {
		gid = hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0).r[0];
		GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 0, 0, 0).r3,
				H_SUCCESS);
		set_tables(gid);
	}
	GUEST_ASSERT_EQ(hc(PAPR_RUN_STATE_SAVE, 0, 0, 0, 0, 0).r3, H_SUCCESS);
}

static void (*const tests[])(void) = {
	[RUN_HCALL] = test_hcall,
	[RUN_RUN_ERRORS] = test_run_errors,
	[RUN_PAGE_FAULT] = test_page_fault,
	[RUN_HDEC] = test_hdec,
	[RUN_ILLEGAL] = test_illegal,
	[RUN_ILLEGAL_HEIR_UNKNOWN] = test_illegal_heir_unknown,
	[RUN_FP_VMX_VSX] = test_fp_vmx_vsx,
	[RUN_STATE_ROUNDTRIP] = test_state_roundtrip,
	[RUN_TWO_L2S] = test_two_l2s,
	[RUN_REMAP] = test_remap,
	[RUN_CHANGE_BIT] = test_change_bit,
	[RUN_CHANGE_BIT_V1] = test_change_bit_v1,
	[RUN_RPT_RANGE] = test_rpt_range,
	[RUN_COPY_SIZE] = test_copy_size,
	[RUN_TIDR_APART] = test_tidr_apart,
	[RUN_VPA] = test_vpa,
	[RUN_VPA_RUNNING] = test_vpa_running,
	[RUN_VPA_DIRTY] = test_vpa_dirty,
	[RUN_L1_DIRTY] = test_l1_dirty,
	[RUN_L2_DIRTY] = test_l2_dirty,
	[RUN_LPID_SHARE] = test_lpid_share,
	[RUN_L2_COUNTERS] = test_l2_counters,
	[RUN_DELETE_RUNNER] = test_delete_runner,
	[RUN_DELETE_DELETER] = test_delete_deleter,
	[RUN_BUSY_RUNNER] = test_busy_runner,
	[RUN_BUSY_OTHER] = test_busy_other,
	[RUN_INTR_EXTERNAL] = test_intr_external,
	[RUN_INTR_EE_OFF] = test_intr_ee_off,
	[RUN_INTR_BIG_ENDIAN] = test_intr_big_endian,
	[RUN_INTR_AIL] = test_intr_ail,
	[RUN_INTR_DOORBELL] = test_intr_doorbell,
	[RUN_INTR_FLAGS] = test_intr_flags,
	[RUN_MMIO_STORE_HINT] = test_mmio_store_hint,
	[RUN_OBSERVE_FIRST] = test_observe_first,
	[RUN_OBSERVE_SECOND] = test_observe_second,
	[RUN_PGTABLE_BOUND] = test_pgtable_bound,
	[RUN_SPR_ROUNDTRIP] = test_spr_roundtrip,
	[RUN_TB_OFFSET] = test_tb_offset,
	[RUN_STATE_LOOP] = test_state_loop,
	[RUN_STATE_MANY] = test_state_many,
	[RUN_V1_SHARE] = test_v1_share,
	[BENCH_V2_STEADY] = bench_v2_steady,
	[BENCH_V2_FULL_INPUT] = bench_v2_full_input,
	[BENCH_V1] = bench_v1,
	[BENCH_SPIN_V2] = bench_spin_v2,
	[BENCH_SPIN_V1] = bench_spin_v1,
	[BENCH_DEC_DRIFT] = bench_dec_drift,
};

void guest_main(unsigned long test, unsigned long cpu)
{
	if (test >= ARRAY_SIZE(tests) || !tests[test])
		GUEST_FAIL();
	tests[test]();
}
