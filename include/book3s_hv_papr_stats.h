/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an L1 does with the PAPR API v2 L0, counted per VM and shown in
 * the VM's KVM debugfs directory (book3s_hv_papr_stats.c).
 */
#ifndef __BOOK3S_HV_PAPR_STATS_H__
#define __BOOK3S_HV_PAPR_STATS_H__

#include <linux/atomic.h>
#include <linux/types.h>

/* The exit reasons counted one by one; others are counted together. */
#define KVMHV_PAPR_STAT_EXITS	11

struct kvmhv_papr_stats {
	atomic64_t runs;
	atomic64_t exits[KVMHV_PAPR_STAT_EXITS];
	/* GETs of an L2 vCPU's state, by the caller's last exit */
	atomic64_t gets[KVMHV_PAPR_STAT_EXITS];
	atomic64_t got[KVMHV_PAPR_STAT_EXITS];	/* their elements */
	atomic64_t sets;
	atomic64_t set_elements;
	/* shadows given back for another L2 of the L1 (max_l2_lpids) */
	atomic64_t shadow_recycles;
};

struct kvmhv_papr_l1;

unsigned int kvmhv_papr_stat_exit_index(int trap);
void kvmhv_papr_stat_run(struct kvmhv_papr_stats *st, unsigned int exit);
void kvmhv_papr_stat_state(struct kvmhv_papr_stats *st, bool set,
			   unsigned int last_exit, u32 elements);
void kvmhv_papr_stats_debugfs(struct kvmhv_papr_l1 *l1);

#endif /* __BOOK3S_HV_PAPR_STATS_H__ */
