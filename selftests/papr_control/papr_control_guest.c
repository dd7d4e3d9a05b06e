// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest side of papr_control: a tiny L1 that drives the H_GUEST_* control
 * hypercalls of the L0 and checks every answer.
 */
#include "l1_guest.h"
#include "papr.h"
#include "papr_control.h"
#include "ppc_reg.h"

#define GSB_AREA		0x200000UL	/* 64 KiB per vCPU */
#define PART_TABLE_ROOT		0x400000UL	/* 64 KiB, aligned */
#define PROC_TABLE		0x500000UL
#define RUN_IN			0x600000UL
#define RUN_OUT			0x601000UL
#define OUTSIDE_MEMORY		0x40000000UL	/* past the 16 MiB slot */

/* R4 as the element errors report it */
#define R4(ret)			((ret).r[0])

static unsigned long gsb_addr;

static u64 create_guest(void)
{
	struct hcall_ret r = hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0);

	GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	return R4(r);
}

static void create_vcpu(u64 gid, u64 vid)
{
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, vid, 0, 0).r3,
			H_SUCCESS);
}

/* A guest with one vCPU and an empty GSB to fill in. */
static u64 setup_guest(struct gsb *b)
{
	u64 gid;

	agree_power9();
	gid = create_guest();
	create_vcpu(gid, 0);
	gsb_init(b, gsb_addr);
	return gid;
}

static void add_part_table(struct gsb *b, u64 base, u64 ea_bits, u64 size)
{
	u64 v[3] = { cpu_to_be64(base), cpu_to_be64(ea_bits),
		     cpu_to_be64(size) };

	gsb_add(b, GSID_PARTITION_TABLE, sizeof(v), v);
}

static void test_get_caps(void)
{
	u64 caps = get_caps();

	GUEST_ASSERT_EQ(caps & H_GUEST_CAP_POWER9, H_GUEST_CAP_POWER9);
	GUEST_ASSERT_EQ(caps & ~(H_GUEST_CAP_POWER9 | H_GUEST_CAP_POWER10 |
				 H_GUEST_CAP_POWER11), 0);
	GUEST_ASSERT_EQ(hc(H_GUEST_GET_CAPABILITIES, 1, 0, 0, 0, 0).r3,
			H_PARAMETER);
}

static void assert_set_caps_p2(u64 caps)
{
	struct hcall_ret r = hc(H_GUEST_SET_CAPABILITIES, 0, caps, 0, 0, 0);

	GUEST_ASSERT_EQ(r.r3, H_P2);
	GUEST_ASSERT_EQ(r.r[0], 1);	/* one invalid bitmap ... */
	GUEST_ASSERT_EQ(r.r[1], 1);	/* ... bitmap 1 */
}

static void test_set_caps_invalid(void)
{
	u64 caps = get_caps();

	GUEST_ASSERT_EQ(hc(H_GUEST_SET_CAPABILITIES, 1, caps, 0, 0, 0).r3,
			H_PARAMETER);
	assert_set_caps_p2(0);
	assert_set_caps_p2(caps | H_GUEST_CAP_COPY_MEM);
	assert_set_caps_p2(caps | 1);
	if (!(caps & H_GUEST_CAP_POWER11))
		assert_set_caps_p2(caps | H_GUEST_CAP_POWER11);
	/* Nothing was agreed: the L1 still cannot create an L2 */
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0).r3, H_STATE);
}

/* As after the L1's kvm-hv reloads, or the L1 reboots. */
static void test_set_caps_again(void)
{
	agree_power9();
	agree_power9();
	create_guest();
	agree_power9();
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, H_GUEST_DELETE_ALL, 0, 0, 0, 0).r3,
			H_SUCCESS);
	agree_power9();
}

static void test_before_caps(void)
{
	struct gsb b;

	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_GPR(1), 1);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0).r3, H_STATE);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, 1, 0, 0, 0).r3, H_STATE);
	GUEST_ASSERT_EQ(set_state(0, 1, 0, &b).r3, H_STATE);
	GUEST_ASSERT_EQ(get_state(0, 1, 0, &b).r3, H_STATE);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 1, 0, 0, 0).r3, H_STATE);
}

static void test_create(void)
{
	agree_power9();
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE, PAPR_BIT(0), -1UL, 0, 0, 0).r3,
			H_UNSUPPORTED_FLAG_START);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE, 1, -1UL, 0, 0, 0).r3,
			H_UNSUPPORTED_FLAG_START - 63);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE, 0, 0, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(create_guest(), 1);
	GUEST_ASSERT_EQ(create_guest(), 2);
}

static void test_delete(void)
{
	agree_power9();
	GUEST_ASSERT_EQ(create_guest(), 1);
	GUEST_ASSERT_EQ(create_guest(), 2);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 99, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 0, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, PAPR_BIT(1), 1, 0, 0, 0).r3,
			H_UNSUPPORTED_FLAG_START - 1);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 1, 0, 0, 0).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 1, 0, 0, 0).r3, H_P2);
	/* The lowest free id is handed out again */
	GUEST_ASSERT_EQ(create_guest(), 1);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, H_GUEST_DELETE_ALL, 0, 0, 0, 0).r3,
			H_SUCCESS);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 2, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, 2, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(create_guest(), 1);
}

static void test_create_vcpu(void)
{
	u64 gid;

	agree_power9();
	gid = create_guest();
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, PAPR_BIT(0), gid, 0, 0, 0).r3,
			H_UNSUPPORTED_FLAG_START);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid + 1, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, 4096, 0, 0, 0).r3, H_P2);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 2048, 0, 0).r3, H_P3);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, -1UL, 0, 0).r3, H_P3);
	/* Any id 0-2047, in any order */
	create_vcpu(gid, 2047);
	create_vcpu(gid, 0);
	create_vcpu(gid, 5);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 5, 0, 0).r3, H_IN_USE);
}

static u64 host_heap(void)
{
	return get_host_wide(gsb_addr, GSID_L0_GUEST_HEAP);
}

static void test_guest_limit(void)
{
	u64 i;

	agree_power9();
	for (i = 1; i <= 4095; i++)
		GUEST_ASSERT_EQ(create_guest(), i);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0).r3,
			H_NOT_ENOUGH_RESOURCES);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, 100, 0, 0, 0).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(create_guest(), 100);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, H_GUEST_DELETE_ALL, 0, 0, 0, 0).r3,
			H_SUCCESS);
	/* The CREATE that failed held nothing */
	GUEST_ASSERT_EQ(host_heap(), 0);
}

static void test_vcpu_limit(void)
{
	u64 gid, vid;

	agree_power9();
	gid = create_guest();
	for (vid = 2048; vid-- > 0;)
		create_vcpu(gid, vid);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 2048, 0, 0).r3, H_P3);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE_VCPU, 0, gid, 1024, 0, 0).r3,
			H_IN_USE);
}

/* What the Linux L1 does right after H_GUEST_CREATE, before any vCPU. */
static void test_guest_wide_before_vcpu(void)
{
	struct gsb b;
	u64 gid;

	agree_power9();
	gid = create_guest();
	gsb_init(&b, gsb_addr);
	add_part_table(&b, PART_TABLE_ROOT, 52, 1UL << 16);
	add_pair(&b, GSID_PROCESS_TABLE, PROC_TABLE, 4096);
	GUEST_ASSERT_EQ(set_state(H_GUEST_STATE_GUEST_WIDE, gid, 0, &b).r3,
			H_SUCCESS);

	gsb_init(&b, gsb_addr);
	gsb_add(&b, GSID_LOGICAL_PVR, 4, NULL);
	gsb_add(&b, GSID_PARTITION_TABLE, 24, NULL);
	GUEST_ASSERT_EQ(get_state(H_GUEST_STATE_GUEST_WIDE, gid, 0, &b).r3,
			H_SUCCESS);
	GUEST_ASSERT_EQ(gsb_value_u32(&b, 0), PVR_ARCH_300);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 1), PART_TABLE_ROOT);

	create_vcpu(gid, 7);
	gsb_init(&b, gsb_addr);
	gsb_add(&b, GSID_RUN_OUTPUT_MIN_SIZE, 8, NULL);
	GUEST_ASSERT_EQ(get_state(H_GUEST_STATE_GUEST_WIDE, gid, 7, &b).r3,
			H_SUCCESS);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 0), 0x100);
}

static void test_thread_roundtrip(void)
{
	u64 vsr[2] = { cpu_to_be64(0x0123456789abcdefUL),
		       cpu_to_be64(0xfedcba9876543210UL) };
	u64 msr = MSR_SF | MSR_IR | MSR_DR | MSR_LE;
	const u8 *v;
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add_u64(&b, GSID_GPR(5), 0x1122334455667788UL);
	gsb_add_u32(&b, GSID_CR, 0x12345678);
	gsb_add(&b, GSID_VSR(40), sizeof(vsr), vsr);
	gsb_add_u64(&b, GSID_MSR, msr);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);

	gsb_init(&b, gsb_addr);
	gsb_add(&b, GSID_MSR, 8, NULL);
	gsb_add(&b, GSID_VSR(40), 16, NULL);
	gsb_add(&b, GSID_CR, 4, NULL);
	gsb_add(&b, GSID_GPR(5), 8, NULL);
	GUEST_ASSERT_EQ(get_state(0, gid, 0, &b).r3, H_SUCCESS);
	/* The L2 always takes machine checks */
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 0), msr | MSR_ME);
	v = gsb_value(&b, 1);
	GUEST_ASSERT_EQ(v[0], 0x01);
	GUEST_ASSERT_EQ(v[15], 0x10);
	GUEST_ASSERT_EQ(gsb_value_u32(&b, 2), 0x12345678);
	GUEST_ASSERT_EQ(gsb_value_u64(&b, 3), 0x1122334455667788UL);
}

static void assert_element_error(u64 flags, u64 gid, const struct gsb *b,
				 long rc, u64 index)
{
	struct hcall_ret r = set_state(flags, gid, 0, b);

	GUEST_ASSERT_EQ(r.r3, rc);
	GUEST_ASSERT_EQ(R4(r), index);
}

static void test_bad_element_id(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add_u64(&b, GSID_GPR(1), 1);
	gsb_add_u64(&b, 0x1fff, 2);
	gsb_add_u64(&b, GSID_GPR(2), 3);
	assert_element_error(0, gid, &b, H_INVALID_ELEMENT_ID, 1);
}

static void test_bad_element_size(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add_u64(&b, GSID_GPR(1), 1);
	gsb_add_u64(&b, GSID_GPR(2), 2);
	gsb_add_u32(&b, GSID_GPR(3), 3);
	assert_element_error(0, gid, &b, H_INVALID_ELEMENT_SIZE, 2);
}

static void test_bad_element_value(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add_u64(&b, GSID_MSR, MSR_SF | MSR_HV);
	assert_element_error(0, gid, &b, H_INVALID_ELEMENT_VALUE, 0);
	/* A transaction (MSR[TS] suspended): the L0 keeps no TM state */
	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_GPR(3), 3);
	gsb_add_u64(&b, GSID_MSR, MSR_SF | BIT(33));
	assert_element_error(0, gid, &b, H_INVALID_ELEMENT_VALUE, 1);
}

static void test_read_only_set(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add_u32(&b, GSID_LOGICAL_PVR, PVR_ARCH_300);
	gsb_add_u64(&b, GSID_RUN_OUTPUT_MIN_SIZE, 0x80);
	assert_element_error(H_GUEST_STATE_GUEST_WIDE, gid, &b,
			     H_INVALID_ELEMENT_ID, 1);
}

static void test_wrong_scope(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	add_pair(&b, GSID_PROCESS_TABLE, PROC_TABLE, 4096);
	assert_element_error(0, gid, &b, H_INVALID_ELEMENT_ID, 0);

	gsb_init(&b, gsb_addr);
	gsb_add_u64(&b, GSID_GPR(1), 1);
	assert_element_error(H_GUEST_STATE_GUEST_WIDE, gid, &b,
			     H_INVALID_ELEMENT_ID, 0);
}

static void test_state_flags(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add(&b, GSID_GPR(1), 8, NULL);
	GUEST_ASSERT_EQ(set_state(H_GUEST_STATE_HOST_WIDE, gid, 0, &b).r3,
			H_PARAMETER);
	GUEST_ASSERT_EQ(get_state(H_GUEST_STATE_GUEST_WIDE |
				  H_GUEST_STATE_HOST_WIDE, gid, 0, &b).r3,
			H_PARAMETER);
	GUEST_ASSERT_EQ(get_state(PAPR_BIT(2), gid, 0, &b).r3, H_PARAMETER);
	GUEST_ASSERT_EQ(set_state(1, gid, 0, &b).r3, H_PARAMETER);
}

static void test_state_bad_ids(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add(&b, GSID_GPR(1), 8, NULL);
	GUEST_ASSERT_EQ(get_state(0, gid + 1, 0, &b).r3, H_P2);
	GUEST_ASSERT_EQ(get_state(0, 0, 0, &b).r3, H_P2);
	GUEST_ASSERT_EQ(set_state(0, gid, 1, &b).r3, H_P3);
	GUEST_ASSERT_EQ(get_state(0, gid, 2048, &b).r3, H_P3);
}

static void test_state_bad_buffer(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add_u64(&b, GSID_GPR(1), 1);
	GUEST_ASSERT_EQ(hc(H_GUEST_SET_STATE, 0, gid, 0, OUTSIDE_MEMORY,
			   b.len).r3, H_P4);
	GUEST_ASSERT_EQ(hc(H_GUEST_SET_STATE, 0, gid, 0, GUEST_MEM_SIZE - 4,
			   b.len).r3, H_P4);
	GUEST_ASSERT_EQ(hc(H_GUEST_SET_STATE, 0, gid, 0, gsb_addr, 0).r3,
			H_P5);
	GUEST_ASSERT_EQ(hc(H_GUEST_SET_STATE, 0, gid, 0, gsb_addr, 3).r3,
			H_P5);
	GUEST_ASSERT_EQ(hc(H_GUEST_SET_STATE, 0, gid, 0, gsb_addr,
			   BIT(20) + 1).r3, H_P5);
	/* The count claims three elements; the bytes hold one */
	gsb_set_count(&b, 3);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_P5);
}

static void test_logical_pvr(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	gsb_add_u32(&b, GSID_LOGICAL_PVR, PVR_ARCH_31);
	assert_element_error(H_GUEST_STATE_GUEST_WIDE, gid, &b,
			     H_INVALID_ELEMENT_VALUE, 0);
	gsb_init(&b, gsb_addr);
	gsb_add_u32(&b, GSID_LOGICAL_PVR, 0x004e1202);
	assert_element_error(H_GUEST_STATE_GUEST_WIDE, gid, &b,
			     H_INVALID_ELEMENT_VALUE, 0);
	gsb_init(&b, gsb_addr);
	gsb_add_u32(&b, GSID_LOGICAL_PVR, PVR_ARCH_300);
	GUEST_ASSERT_EQ(set_state(H_GUEST_STATE_GUEST_WIDE, gid, 0, &b).r3,
			H_SUCCESS);
}

static void assert_bad_table(u64 gid, struct gsb *b)
{
	assert_element_error(H_GUEST_STATE_GUEST_WIDE, gid, b,
			     H_INVALID_ELEMENT_VALUE, 0);
	gsb_init(b, gsb_addr);
}

static void test_tables(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	add_part_table(&b, PART_TABLE_ROOT, 48, 1UL << 16);
	assert_bad_table(gid, &b);
	add_part_table(&b, PART_TABLE_ROOT + 0x100, 52, 1UL << 16);
	assert_bad_table(gid, &b);
	add_part_table(&b, OUTSIDE_MEMORY, 52, 1UL << 16);
	assert_bad_table(gid, &b);
	add_pair(&b, GSID_PROCESS_TABLE, PROC_TABLE, 3000);
	assert_bad_table(gid, &b);
	add_pair(&b, GSID_PROCESS_TABLE, PROC_TABLE + 0x800, 4096);
	assert_bad_table(gid, &b);
	/* An L2 real address: beyond the L1's memory is no error */
	add_pair(&b, GSID_PROCESS_TABLE, OUTSIDE_MEMORY, 1UL << 24);
	GUEST_ASSERT_EQ(set_state(H_GUEST_STATE_GUEST_WIDE, gid, 0, &b).r3,
			H_SUCCESS);
}

static void test_run_buffers(void)
{
	struct gsb b;
	u64 gid;

	gid = setup_guest(&b);
	add_pair(&b, GSID_RUN_OUTPUT, RUN_OUT, 0x40);
	assert_element_error(0, gid, &b, H_INVALID_ELEMENT_VALUE, 0);
	gsb_init(&b, gsb_addr);
	add_pair(&b, GSID_RUN_INPUT, OUTSIDE_MEMORY, 4096);
	assert_element_error(0, gid, &b, H_INVALID_ELEMENT_VALUE, 0);
	gsb_init(&b, gsb_addr);
	add_pair(&b, GSID_RUN_INPUT, RUN_IN, 4096);
	add_pair(&b, GSID_RUN_OUTPUT, RUN_OUT, 0x80);
	GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
}

/* The L0's memory for this L1's L2s grows with every L2 and vCPU. */
static void test_host_wide(void)
{
	u64 none, one_guest, one_vcpu, gid;

	agree_power9();
	none = host_heap();
	gid = create_guest();
	one_guest = host_heap();
	create_vcpu(gid, 0);
	one_vcpu = host_heap();
	GUEST_ASSERT_EQ(none, 0);
	GUEST_ASSERT_EQ(one_guest > none, 1);
	GUEST_ASSERT_EQ(one_vcpu > one_guest, 1);
	GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, gid, 0, 0, 0).r3, H_SUCCESS);
	GUEST_ASSERT_EQ(host_heap(), 0);
}

static void test_v1_after_v2(void)
{
	agree_power9();
	GUEST_ASSERT_EQ(hc(H_SET_PARTITION_TABLE, PROC_TABLE, 0, 0, 0, 0).r3,
			H_STATE);
}

/*
 * An L1 that boots again registers its process table (H_REGISTER_PROC_TBL,
 * which its VMM serves): its L2s are gone, as under PowerVM, and the new
 * kernel agrees capabilities anew.
 */
static void test_reboot(void)
{
	struct gsb b;
	u64 gid;

	agree_power9();
	gid = create_guest();
	create_vcpu(gid, 0);
	GUEST_ASSERT_EQ(hc(H_REGISTER_PROC_TBL, 0x18, 0, 0, 0, 0).r3,
			H_SUCCESS);
	GUEST_ASSERT_EQ(hc(H_GUEST_CREATE, 0, -1UL, 0, 0, 0).r3, H_STATE);
	agree_power9();
	GUEST_ASSERT_EQ(host_heap(), 0);
	gsb_init(&b, gsb_addr);
	gsb_add(&b, GSID_GPR(3), 8, NULL);
	GUEST_ASSERT_EQ(get_state(0, gid, 0, &b).r3, H_P2);
	GUEST_ASSERT_EQ(create_guest(), 1);
}

static int race_done;

/* vCPU 0 creates, fills and deletes L2s while vCPU 1 reads them. */
static void test_race_writer(void)
{
	struct gsb b;
	u64 gid;
	int i;

	agree_power9();
	for (i = 0; i < RACE_ROUNDS; i++) {
		gid = create_guest();
		create_vcpu(gid, 0);
		gsb_init(&b, gsb_addr);
		gsb_add_u64(&b, GSID_GPR(1), i);
		GUEST_ASSERT_EQ(set_state(0, gid, 0, &b).r3, H_SUCCESS);
		GUEST_ASSERT_EQ(hc(H_GUEST_DELETE, 0, gid, 0, 0, 0).r3,
				H_SUCCESS);
	}
	__atomic_store_n(&race_done, 1, __ATOMIC_RELEASE);
}

static bool race_answer_ok(long rc)
{
	return rc == H_SUCCESS || rc == H_P2 || rc == H_P3 || rc == H_STATE;
}

static void test_race_reader(void)
{
	unsigned long reads = 0;
	struct gsb b;

	while (!__atomic_load_n(&race_done, __ATOMIC_ACQUIRE) ||
	       reads < RACE_ROUNDS) {
		gsb_init(&b, gsb_addr);
		gsb_add(&b, GSID_GPR(1), 8, NULL);
		GUEST_ASSERT_EQ(race_answer_ok(get_state(0, 1, 0, &b).r3), 1);
		GUEST_ASSERT_EQ(race_answer_ok(set_state(0, 1, 0, &b).r3), 1);
		reads++;
	}
}

static void test_leave_live_l2s(void)
{
	u64 gid, vid;
	int i;

	agree_power9();
	for (i = 0; i < LIVE_L2S; i++) {
		gid = create_guest();
		for (vid = 0; vid < LIVE_VCPUS_EACH; vid++)
			create_vcpu(gid, vid);
	}
}

static void (*const tests[])(void) = {
	[CTRL_GET_CAPS] = test_get_caps,
	[CTRL_SET_CAPS_INVALID] = test_set_caps_invalid,
	[CTRL_SET_CAPS_AGAIN] = test_set_caps_again,
	[CTRL_BEFORE_CAPS] = test_before_caps,
	[CTRL_CREATE] = test_create,
	[CTRL_DELETE] = test_delete,
	[CTRL_CREATE_VCPU] = test_create_vcpu,
	[CTRL_GUEST_LIMIT] = test_guest_limit,
	[CTRL_VCPU_LIMIT] = test_vcpu_limit,
	[CTRL_GUEST_WIDE_BEFORE_VCPU] = test_guest_wide_before_vcpu,
	[CTRL_THREAD_ROUNDTRIP] = test_thread_roundtrip,
	[CTRL_BAD_ELEMENT_ID] = test_bad_element_id,
	[CTRL_BAD_ELEMENT_SIZE] = test_bad_element_size,
	[CTRL_BAD_ELEMENT_VALUE] = test_bad_element_value,
	[CTRL_READ_ONLY_SET] = test_read_only_set,
	[CTRL_WRONG_SCOPE] = test_wrong_scope,
	[CTRL_STATE_FLAGS] = test_state_flags,
	[CTRL_STATE_BAD_IDS] = test_state_bad_ids,
	[CTRL_STATE_BAD_BUFFER] = test_state_bad_buffer,
	[CTRL_LOGICAL_PVR] = test_logical_pvr,
	[CTRL_TABLES] = test_tables,
	[CTRL_RUN_BUFFERS] = test_run_buffers,
	[CTRL_HOST_WIDE] = test_host_wide,
	[CTRL_V1_AFTER_V2] = test_v1_after_v2,
	[CTRL_RACE_WRITER] = test_race_writer,
	[CTRL_RACE_READER] = test_race_reader,
	[CTRL_REBOOT] = test_reboot,
	[CTRL_LEAVE_LIVE_L2S] = test_leave_live_l2s,
};

void guest_main(unsigned long test, unsigned long cpu)
{
	gsb_addr = GSB_AREA + cpu * 0x10000;
	if (test >= ARRAY_SIZE(tests) || !tests[test])
		GUEST_FAIL();
	tests[test]();
}
