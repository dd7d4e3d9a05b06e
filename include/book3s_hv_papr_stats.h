/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an L1 does with the PAPR API v2 L0, counted per VM and per L2 and
 * shown in the VM's KVM debugfs directory, and the L0 memory it holds
 * (book3s_hv_papr_stats.c).
 */
#ifndef __BOOK3S_HV_PAPR_STATS_H__
#define __BOOK3S_HV_PAPR_STATS_H__

#include <linux/atomic.h>
#include <linux/types.h>

/* The exit reasons counted one by one; others are counted together. */
#define KVMHV_PAPR_STAT_EXITS	11

/* One L2's runs: counted in the L2's own figures and its L1's */
struct kvmhv_papr_l2_stats {
	atomic64_t runs;
	atomic64_t ticks;		/* timebase ticks spent in the L2 */
	atomic64_t exits[KVMHV_PAPR_STAT_EXITS];
};

struct kvmhv_papr_stats {
	struct kvmhv_papr_l2_stats run;	/* of every L2 of the L1 */
	atomic64_t guests_created;
	atomic64_t vcpus_created;
	atomic64_t gsb_in;		/* bytes of GSB the L1 sent */
	atomic64_t gsb_out;		/* bytes of GSB the L0 wrote back */
	/* GETs of an L2 vCPU's state, by the caller's last exit */
	atomic64_t gets[KVMHV_PAPR_STAT_EXITS];
	atomic64_t got[KVMHV_PAPR_STAT_EXITS];	/* their elements */
	atomic64_t sets;
	atomic64_t set_elements;
	/* shadows given back for another L2 of the L1 (max_l2_lpids) */
	atomic64_t shadow_recycles;
};

struct kvmhv_papr_l1;
struct kvmhv_gsb_host;

unsigned int kvmhv_papr_stat_exit_index(int trap);
void kvmhv_papr_stat_run(struct kvmhv_papr_stats *st,
			 struct kvmhv_papr_l2_stats *l2, unsigned int exit,
			 u64 ticks);
void kvmhv_papr_stat_gsb(struct kvmhv_papr_stats *st, u64 in, u64 out);
void kvmhv_papr_stat_state(struct kvmhv_papr_stats *st, bool set,
			   unsigned int last_exit, u32 elements);
void kvmhv_papr_host_figures(struct kvmhv_papr_l1 *l1,
			     struct kvmhv_gsb_host *host);
void kvmhv_papr_stats_debugfs(struct kvmhv_papr_l1 *l1);

#endif /* __BOOK3S_HV_PAPR_STATS_H__ */
