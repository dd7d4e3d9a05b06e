/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercalls of an L1 payload that drives the L0's H_GUEST_* API. */
#ifndef SELFTESTS_L1_GUEST_H
#define SELFTESTS_L1_GUEST_H

#include "gsb.h"

/* A hypercall with up to five arguments, all of R3 and R4-R12 back. */
struct hcall_ret hc(unsigned long nr, unsigned long a0, unsigned long a1,
		    unsigned long a2, unsigned long a3, unsigned long a4);

/* H_GUEST_GET_CAPABILITIES, which must succeed */
u64 get_caps(void);
/* Agree to run L2s as POWER9, which every host of the suites offers. */
void agree_power9(void);

struct hcall_ret set_state(u64 flags, u64 gid, u64 vid, const struct gsb *b);
struct hcall_ret get_state(u64 flags, u64 gid, u64 vid, const struct gsb *b);

/* Host-wide element @id (0x0800-0x0804), GETting it in a GSB at @area */
u64 get_host_wide(unsigned long area, u16 id);

/* A 16-byte element of two doublewords: tables, run buffers */
void add_pair(struct gsb *b, u16 id, u64 a, u64 c);

/*
 * The nested API v1: the L1's partition table in its own memory, and an
 * L2's registers in KVM's struct hv_guest_state (version 2) and struct
 * pt_regs, which H_ENTER_NESTED reads and writes.
 */
#define H_ENTER_NESTED		0xf804
#define PATB_HR_GR		BIT(63)
#define RADIX_TREE_52		((2UL << 61) | (5UL << 5))

struct v1_hv_state {
	u64 version;
	u32 lpid;
	u32 vcpu_token;
	u64 lpcr, pcr, amor, dpdes, hfscr, tb_offset, dawr0, dawrx0, ciabr;
	u64 hdec_expiry, purr, spurr, ic, vtb, hdar, hdsisr, heir, asdr;
	u64 srr0, srr1, sprg[4], pidr, cfar, ppr, dawr1, dawrx1;
};

struct v1_regs {
	u64 gpr[32];
	u64 nip, msr, orig_gpr3, ctr, link, xer, ccr, softe, trap, dar;
	u64 dsisr, result, pad[4];
};

#endif
