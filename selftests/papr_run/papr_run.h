/* SPDX-License-Identifier: GPL-2.0-only */
/* The papr_run suite's guest tests, selected by the host through R3. */
#ifndef SELFTESTS_PAPR_RUN_H
#define SELFTESTS_PAPR_RUN_H

enum papr_run_test {
	RUN_HCALL = 1,
	RUN_RUN_ERRORS,
	RUN_PAGE_FAULT,
	RUN_HDEC,
	RUN_ILLEGAL,
	RUN_ILLEGAL_HEIR_UNKNOWN,
	RUN_FP_VMX_VSX,
	RUN_STATE_ROUNDTRIP,
	RUN_TWO_L2S,
	RUN_REMAP,
	RUN_CHANGE_BIT,
	RUN_CHANGE_BIT_V1,
	RUN_RPT_RANGE,
	RUN_COPY_SIZE,
	RUN_TIDR_APART,
	RUN_VPA,
	RUN_VPA_RUNNING,
	RUN_VPA_DIRTY,
	RUN_L1_DIRTY,
	RUN_L2_DIRTY,
	RUN_LPID_SHARE,
	RUN_L2_COUNTERS,
	RUN_DELETE_RUNNER,
	RUN_DELETE_DELETER,
	RUN_BUSY_RUNNER,
	RUN_BUSY_OTHER,
	RUN_INTR_EXTERNAL,
	RUN_INTR_EE_OFF,
	RUN_INTR_BIG_ENDIAN,
	RUN_INTR_AIL,
	RUN_INTR_DOORBELL,
	RUN_INTR_FLAGS,
	RUN_MMIO_STORE_HINT,
	RUN_OBSERVE_FIRST,
	RUN_OBSERVE_SECOND,
	RUN_PGTABLE_BOUND,
	RUN_SPR_ROUNDTRIP,
	RUN_TB_OFFSET,
	RUN_STATE_LOOP,
	RUN_STATE_MANY,
	RUN_V1_SHARE,
	BENCH_V2_STEADY,
	BENCH_V2_FULL_INPUT,
	BENCH_V1,
	BENCH_SPIN_V2,
	BENCH_SPIN_V1,
	BENCH_DEC_DRIFT,
};

/*
 * RUN_VPA_DIRTY: a private hypercall at which the host collects the L1's
 * dirty log; the L1 address of the L2 VPA whose page must be in the
 * second collection.
 */
#define PAPR_RUN_DIRTY_SYNC	0x7c0c
#define PAPR_RUN_DIRTY_VPA	0xb00000UL
/*
 * RUN_L1_DIRTY, RUN_L2_DIRTY: the L1 page that the L1 (or its L2) reads
 * and then writes in one run, between the two collections
 */
#define PAPR_RUN_DIRTY_PAGE	0xc00000UL

/*
 * RUN_LPID_SHARE: a private hypercall at which the host creates another VM
 * (H_SUCCESS) or fails to (H_NOT_ENOUGH_RESOURCES), and destroys it.
 */
#define PAPR_RUN_CREATE_VM	0x7c10
#define LPID_SHARE_L2S		4095

/*
 * RUN_OBSERVE_*: the hcall exits of each of the three L2 vCPUs in each
 * half, and the id of no element that the first half's SET carries
 */
#define OBSERVE_RUNS		10
#define OBSERVE_BAD_ID		0xdead

/*
 * RUN_STATE_LOOP: each L1 vCPU runs the two vCPUs of an L2 of its own in
 * turn, until the host sets the u64 at STATE_STOP; each L2 vCPU counts in
 * L2 memory at a slot of its own (L1 vCPU * 2 + L2 vCPU) and has a VPA
 * of its own. Each L1 vCPU then reports its two counts. STATE_READY: the
 * tables are built.
 */
#define STATE_STOP		0x730000UL
#define STATE_READY		0x730008UL
#define STATE_VPA(slot)		(0x740000UL + (slot) * 0x1000)	/* L1 */
#define STATE_COUNTERS		0x3400UL	/* L2 real: 4 counters */
#define STATE_COUNTERS_L1	(0xa00000UL + STATE_COUNTERS)

/*
 * RUN_STATE_MANY: STATE_MANY_L2S L2s of one vCPU each; then a private
 * hypercall at which the host saves and restores the L1's nested state.
 */
#define STATE_MANY_L2S		4095
#define PAPR_RUN_STATE_SAVE	0x7c14

/* Save and restore of an L1 with live L2s (state.c) */
void state_cases(void);

/* The trace events, figures and tool of the observed work (observe.c) */
void observe_cases(void);
/* An L1's shadow page tables, counted and bounded (pgtable.c) */
void pgtable_bound_case(void);
/* A v1 L1's share of the host's LPIDs (share.c) */
void v1_share_case(void);

/* BENCH_SPIN_*: how long the compute-bound L2 runs, in timebase ticks */
#define SPIN_TICKS		(512000000ULL * 2)

/* Round trips per benchmark; the guest reports the timebase ticks */
#define BENCH_ROUNDS		1000
/* RUN_V1_SHARE: the nested guests the v1 L1 enters, LPIDs 1 to this */
#define V1_SHARE_LPIDS		12

/* BENCH_DEC_DRIFT: the L1's exits between its two DEC readings */
#define DRIFT_EXITS		2000

/* The L2's code, in l2_guest.S */
extern const char l2_code_start[], l2_code_end[];

#endif
