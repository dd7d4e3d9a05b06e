// SPDX-License-Identifier: GPL-2.0-only
/*
 * Figures of the PAPR API v2 L0 in the VM's KVM debugfs directory
 * (/sys/kernel/debug/kvm/<pid>-<fd>/): "papr_v2", per VM, the L1's L2s
 * and vCPUs, their runs and exits by reason, the time in the L2s, the GSB
 * bytes and elements moved, the L0 memory and shadow LPIDs held and the
 * limits in force; "papr_v2_l2", the same per L2. A GET is counted
 * against the last exit of the L1 vCPU that makes it: what the L1 still
 * reads after that exit, besides the output buffer.
 * Documentation/observability.rst gives each figure's meaning and unit.
 *
 * The counters are atomic: the L1's vCPUs update them concurrently, and a
 * reader sees each figure whole, not all figures at one instant. The
 * files walk the L2s under the L1's lock. This file only counts and
 * prints; it calls no other project file.
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

static void kvmhv_papr_stat_l2_run(struct kvmhv_papr_l2_stats *st,
				   unsigned int exit, u64 ticks)
{
	atomic64_inc(&st->runs);
	atomic64_add(ticks, &st->ticks);
	atomic64_inc(&st->exits[exit]);
}

void kvmhv_papr_stat_run(struct kvmhv_papr_stats *st,
			 struct kvmhv_papr_l2_stats *l2, unsigned int exit,
			 u64 ticks)
{
	kvmhv_papr_stat_l2_run(&st->run, exit, ticks);
	kvmhv_papr_stat_l2_run(l2, exit, ticks);
}

void kvmhv_papr_stat_gsb(struct kvmhv_papr_stats *st, u64 in, u64 out)
{
	atomic64_add(in, &st->gsb_in);
	atomic64_add(out, &st->gsb_out);
}

/* Shadows held now, each with a root of PGD_TABLE_SIZE */
static unsigned long kvmhv_papr_nr_shadows(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_guest *guest;
	unsigned long id, n = 0;

	mutex_lock(&l1->lock);
	xa_for_each(&l1->guests, id, guest)
		n += kvmhv_papr_has_shadow(l1->kvm, guest->id);
	mutex_unlock(&l1->lock);
	return n;
}

/*
 * The figures a host-wide GET reports for this L1: the L2 objects, and
 * the shadow page tables, roots included, with their bounds.
 */
void kvmhv_papr_host_figures(struct kvmhv_papr_l1 *l1,
			     struct kvmhv_gsb_host *host)
{
	memset(host, 0, sizeof(*host));
	host->guest_heap = atomic_long_read(&l1->heap_bytes);
	host->guest_heap_max = KVMHV_PAPR_MAX_GUEST_ID *
		(sizeof(struct kvmhv_papr_guest) +
		 KVMHV_PAPR_MAX_VCPUS * sizeof(struct kvmhv_papr_vcpu));
	host->guest_pgtable = atomic_long_read(&l1->pgtable_bytes) +
			      kvmhv_papr_nr_shadows(l1) * PGD_TABLE_SIZE;
	host->guest_pgtable_max =
		(u64)READ_ONCE(kvmhv_papr_max_l2_pgtable_kb) * SZ_1K +
		(u64)READ_ONCE(kvmhv_papr_max_l2_lpids) * PGD_TABLE_SIZE;
	host->guest_pgtable_reclaim = atomic_long_read(&l1->pgtable_reclaimed);
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

static u64 kvmhv_papr_ticks_to_ns(s64 ticks)
{
	return div_u64((u64)ticks * 1000, tb_ticks_per_usec);
}

/* An L2's runs, or every L2's, with each name after @prefix */
static void kvmhv_papr_stat_show_runs(struct seq_file *m, const char *prefix,
				      const struct kvmhv_papr_l2_stats *st)
{
	char name[24];

	seq_printf(m, "%sruns %lld\n", prefix, atomic64_read(&st->runs));
	seq_printf(m, "%sin_l2_ns %llu\n", prefix,
		   kvmhv_papr_ticks_to_ns(atomic64_read(&st->ticks)));
	snprintf(name, sizeof(name), "%sexits", prefix);
	kvmhv_papr_stat_show_exits(m, name, st->exits);
}

static unsigned long kvmhv_papr_nr_vcpus(struct kvmhv_papr_guest *guest)
{
	struct kvmhv_papr_vcpu *v;
	unsigned long i, n = 0;

	xa_for_each(&guest->vcpus, i, v)
		n++;
	return n;
}

/* The L1's live L2s and their vCPUs under its lock, then its shadows */
static void kvmhv_papr_stat_show_live(struct seq_file *m,
				      struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_guest *guest;
	unsigned long id, vcpus = 0;

	mutex_lock(&l1->lock);
	xa_for_each(&l1->guests, id, guest)
		vcpus += kvmhv_papr_nr_vcpus(guest);
	seq_printf(m, "l2_guests %u\n", l1->nr_guests);
	mutex_unlock(&l1->lock);
	seq_printf(m, "l2_vcpus %lu\n", vcpus);
	seq_printf(m, "shadow_lpids %lu\n", kvmhv_papr_nr_shadows(l1));
}

static void kvmhv_papr_stat_show_memory(struct seq_file *m,
					struct kvmhv_papr_l1 *l1)
{
	static const char * const names[] = {
		"l0_heap_bytes", "l0_heap_max_bytes", "l0_pgtable_bytes",
		"l0_pgtable_max_bytes", "l0_pgtable_reclaimed_bytes",
	};
	struct kvmhv_gsb_host host;
	unsigned int i;

	kvmhv_papr_host_figures(l1, &host);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		seq_printf(m, "%s %llu\n", names[i], host.reg[i]);
}

static void kvmhv_papr_stat_show_limits(struct seq_file *m)
{
	seq_printf(m, "limit_l2_guests %u\n", KVMHV_PAPR_MAX_GUEST_ID);
	seq_printf(m, "limit_l2_vcpus %u\n", (unsigned int)KVMHV_PAPR_MAX_VCPUS);
	seq_printf(m, "limit_shadow_lpids %u\n", kvmhv_papr_max_l2_lpids);
	seq_printf(m, "limit_pgtable_bytes %llu\n",
		   (u64)kvmhv_papr_max_l2_pgtable_kb * SZ_1K);
	seq_printf(m, "limit_gsb_bytes %u\n", KVMHV_GSB_MAX_LEN);
}

static int kvmhv_papr_stats_show(struct seq_file *m, void *unused)
{
	struct kvmhv_papr_l1 *l1 = m->private;
	struct kvmhv_papr_stats *st = &l1->stats;

	kvmhv_papr_stat_show_live(m, l1);
	seq_printf(m, "l2_guests_created %lld\n",
		   atomic64_read(&st->guests_created));
	seq_printf(m, "l2_vcpus_created %lld\n",
		   atomic64_read(&st->vcpus_created));
	kvmhv_papr_stat_show_runs(m, "", &st->run);
	kvmhv_papr_stat_show_exits(m, "gets_after", st->gets);
	kvmhv_papr_stat_show_exits(m, "got_after", st->got);
	seq_printf(m, "sets %lld\n", atomic64_read(&st->sets));
	seq_printf(m, "set_elements %lld\n", atomic64_read(&st->set_elements));
	seq_printf(m, "gsb_in_bytes %lld\n", atomic64_read(&st->gsb_in));
	seq_printf(m, "gsb_out_bytes %lld\n", atomic64_read(&st->gsb_out));
	seq_printf(m, "shadow_recycles %lld\n",
		   atomic64_read(&st->shadow_recycles));
	kvmhv_papr_stat_show_memory(m, l1);
	kvmhv_papr_stat_show_limits(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kvmhv_papr_stats);

/* Each live L2's figures, named l2.<id>.<figure> */
static int kvmhv_papr_l2_stats_show(struct seq_file *m, void *unused)
{
	struct kvmhv_papr_l1 *l1 = m->private;
	struct kvmhv_papr_guest *guest;
	char prefix[16];
	unsigned long id;

	mutex_lock(&l1->lock);
	xa_for_each(&l1->guests, id, guest) {
		snprintf(prefix, sizeof(prefix), "l2.%u.", guest->id);
		seq_printf(m, "%svcpus %lu\n", prefix,
			   kvmhv_papr_nr_vcpus(guest));
		seq_printf(m, "%sshadow_lpid %d\n", prefix,
			   kvmhv_papr_has_shadow(l1->kvm, guest->id));
		kvmhv_papr_stat_show_runs(m, prefix, &guest->stats);
	}
	mutex_unlock(&l1->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kvmhv_papr_l2_stats);

/*
 * KVM removes the VM's directory, and this file with it, before it frees
 * the VM; debugfs waits for readers still in the file then.
 */
void kvmhv_papr_stats_debugfs(struct kvmhv_papr_l1 *l1)
{
	struct dentry *dir = l1->kvm->debugfs_dentry;

	if (IS_ERR_OR_NULL(dir))
		return;
	debugfs_create_file("papr_v2", 0444, dir, l1, &kvmhv_papr_stats_fops);
	debugfs_create_file("papr_v2_l2", 0444, dir, l1,
			    &kvmhv_papr_l2_stats_fops);
}
