// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-VM figures of the PAPR API v2 L0, in the file "papr_v2" of the VM's
 * KVM debugfs directory (/sys/kernel/debug/kvm/<pid>-<fd>/): the runs of
 * L2 vCPUs and their exits by reason, and the GET and SET calls on L2
 * vCPUs. A GET is counted against the last exit of the L1 vCPU that makes
 * it: what the L1 still reads after that exit, besides the output buffer.
 * Documentation/papr-v2.rst gives each figure's meaning.
 *
 * The counters are atomic: the L1's vCPUs update them concurrently, and a
 * reader sees each figure whole, not all figures at one instant. This file
 * only counts and prints; it calls no other project file.
 */

#include <linux/debugfs.h>
#include <linux/kvm_host.h>
#include <linux/seq_file.h>

#include "book3s_hv_papr_guest.h"
#include "book3s_hv_papr_stats.h"

/* The exits an L0 built on KVM-HV returns; the last slot is the rest. */
static const u16 kvmhv_papr_stat_traps[KVMHV_PAPR_STAT_EXITS - 1] = {
	0x000, 0x500, 0x980, 0xc00, 0xe00, 0xe20, 0xe40, 0xe60, 0xe80,
	0xf80,
};

unsigned int kvmhv_papr_stat_exit_index(int trap)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kvmhv_papr_stat_traps); i++)
		if (kvmhv_papr_stat_traps[i] == trap)
			return i;
	return ARRAY_SIZE(kvmhv_papr_stat_traps);
}

void kvmhv_papr_stat_run(struct kvmhv_papr_stats *st, unsigned int exit)
{
	atomic64_inc(&st->runs);
	atomic64_inc(&st->exits[exit]);
}

void kvmhv_papr_stat_state(struct kvmhv_papr_stats *st, bool set,
			   unsigned int last_exit, u32 elements)
{
	if (set) {
		atomic64_inc(&st->sets);
		atomic64_add(elements, &st->set_elements);
		return;
	}
	atomic64_inc(&st->gets[last_exit]);
	atomic64_add(elements, &st->got[last_exit]);
}

static void kvmhv_papr_stat_show_exits(struct seq_file *m, const char *name,
				       const atomic64_t *counts)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kvmhv_papr_stat_traps); i++)
		seq_printf(m, "%s_0x%03x %lld\n", name, kvmhv_papr_stat_traps[i],
			   atomic64_read(&counts[i]));
	seq_printf(m, "%s_other %lld\n", name, atomic64_read(&counts[i]));
}

static int kvmhv_papr_stats_show(struct seq_file *m, void *unused)
{
	struct kvmhv_papr_l1 *l1 = m->private;
	struct kvmhv_papr_stats *st = &l1->stats;

	seq_printf(m, "runs %lld\n", atomic64_read(&st->runs));
	kvmhv_papr_stat_show_exits(m, "exits", st->exits);
	kvmhv_papr_stat_show_exits(m, "gets_after", st->gets);
	kvmhv_papr_stat_show_exits(m, "got_after", st->got);
	seq_printf(m, "sets %lld\n", atomic64_read(&st->sets));
	seq_printf(m, "set_elements %lld\n", atomic64_read(&st->set_elements));
	seq_printf(m, "shadow_recycles %lld\n",
		   atomic64_read(&st->shadow_recycles));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kvmhv_papr_stats);

/*
 * KVM removes the VM's directory, and this file with it, before it frees
 * the VM; debugfs waits for readers still in the file then.
 */
void kvmhv_papr_stats_debugfs(struct kvmhv_papr_l1 *l1)
{
	struct dentry *dir = l1->kvm->debugfs_dentry;

	if (!IS_ERR_OR_NULL(dir))
		debugfs_create_file("papr_v2", 0444, dir, l1,
				    &kvmhv_papr_stats_fops);
}
