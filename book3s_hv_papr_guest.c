// SPDX-License-Identifier: GPL-2.0-only
/*
 * The L2s of the PAPR API v2 L0 and their whole lifetime: an L1's v2 state
 * (made by its first H_GUEST_* call, freed with the VM), its L2 guests and
 * their vCPUs (created, looked up and referenced, deleted, freed), the
 * state an L1 vCPU keeps for its runs, and the L2's KVM-HV shadow: its
 * partition-table entry and its flush.
 *
 * Terms: L0 is this host, L1 a guest of the L0 that is itself a
 * hypervisor, L2 a guest of an L1.
 *
 * This file decides no hypercall's answer (book3s_hv_papr.c does) and
 * runs nothing (book3s_hv_papr_run.c does); both call down into it. It
 * calls down only into the VPA handling, the statistics and KVM-HV.
 *
 * Locking, besides the rules next to each field in book3s_hv_papr_guest.h:
 * kvmhv_papr_l1s maps an L1's LPID to its state; l1->lock serialises the
 * capabilities and the creation and deletion of L2s; a lookup of an L2
 * takes a reference under RCU, so that a DELETE racing another vCPU's call
 * frees the L2 only after that call is done with it.
 */

#include <linux/jiffies.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <asm/hvcall.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>
#include <asm/reg.h>

#include "book3s_hv.h"
#include "book3s_hv_hooks.h"
#include "book3s_hv_papr.h"
#include "book3s_hv_papr_guest.h"
#include "book3s_hv_papr_vpa.h"
#include "trace_papr.h"

static DEFINE_XARRAY(kvmhv_papr_l1s);
static struct kmem_cache *kvmhv_papr_guest_cache;
static struct kmem_cache *kvmhv_papr_vcpu_cache;

/* A quarter of POWER9's 4096 LPIDs */
unsigned int kvmhv_papr_max_l2_lpids = 1024;
module_param_named(max_l2_lpids, kvmhv_papr_max_l2_lpids, uint, 0644);
MODULE_PARM_DESC(max_l2_lpids,
		 "Host LPIDs one L1 may hold for its L2s: v2 shadows, v1 nested guests (default 1024)");

/* 1 GiB: the 4 KiB-page tables of 128 L2s of 1 GiB, fully mapped */
unsigned int kvmhv_papr_max_l2_pgtable_kb = 1024 * 1024;
module_param_named(max_l2_pgtable_kb, kvmhv_papr_max_l2_pgtable_kb, uint, 0644);
MODULE_PARM_DESC(max_l2_pgtable_kb,
		 "KiB of shadow page tables below their roots one L1 may hold for its v2 L2s (default 1 GiB)");

/* The L1's v2 state, or NULL before its first H_GUEST_* call. */
struct kvmhv_papr_l1 *kvmhv_papr_l1_find(struct kvm *kvm)
{
	return xa_load(&kvmhv_papr_l1s, kvm->arch.lpid);
}

/* The L1's v2 state, made now if this is its first H_GUEST_* call. */
struct kvmhv_papr_l1 *kvmhv_papr_l1_get(struct kvm *kvm)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_find(kvm);
	int err;

	if (l1)
		return l1;
	l1 = kzalloc(sizeof(*l1), GFP_KERNEL_ACCOUNT);
	if (!l1)
		return NULL;
	l1->kvm = kvm;
	mutex_init(&l1->lock);
	xa_init_flags(&l1->guests, XA_FLAGS_ALLOC1);
	xa_init(&l1->l1_vcpus);
	err = xa_insert(&kvmhv_papr_l1s, kvm->arch.lpid, l1, GFP_KERNEL_ACCOUNT);
	if (!err) {
		kvmhv_papr_stats_debugfs(l1);
		return l1;
	}
	kfree(l1);
	/* Another vCPU of the L1 made it first. */
	return err == -EBUSY ? kvmhv_papr_l1_find(kvm) : NULL;
}

/* The L1's v2 state once it has agreed capabilities, else NULL. */
struct kvmhv_papr_l1 *kvmhv_papr_l1_ready(struct kvm *kvm)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_find(kvm);

	/* Pairs with the smp_store_release() in kvmhv_papr_l1_agree_caps(). */
	return l1 && smp_load_acquire(&l1->caps) ? l1 : NULL;
}

/*
 * A second agreement is taken while the L1 has no L2 (its kvm-hv was
 * reloaded) or when it names the modes already agreed (it rebooted):
 * changing modes under live L2s would change what their logical PVRs may
 * be. -EBUSY then.
 */
int kvmhv_papr_l1_agree_caps(struct kvmhv_papr_l1 *l1, u64 caps)
{
	int ret = 0;

	mutex_lock(&l1->lock);
	if (l1->nr_guests && l1->caps != caps)
		ret = -EBUSY;
	else	/* Publishes the caps to kvmhv_papr_l1_ready() */
		smp_store_release(&l1->caps, caps);
	mutex_unlock(&l1->lock);
	return ret;
}

static void kvmhv_papr_guest_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(kvmhv_papr_guest_cache,
			container_of(head, struct kvmhv_papr_guest, rcu));
}

static void kvmhv_papr_guest_release(struct kref *ref)
{
	struct kvmhv_papr_guest *guest =
		container_of(ref, struct kvmhv_papr_guest, ref);
	struct kvmhv_papr_vcpu *vcpu;
	unsigned long id, n = 0;

	xa_for_each(&guest->vcpus, id, vcpu) {
		kvmhv_papr_unpin_vpa(guest->l1->kvm, vcpu);
		kmem_cache_free(kvmhv_papr_vcpu_cache, vcpu);
		n++;
	}
	xa_destroy(&guest->vcpus);
	atomic_long_sub(sizeof(*guest) + n * sizeof(*vcpu),
			&guest->l1->heap_bytes);
	call_rcu(&guest->rcu, kvmhv_papr_guest_free_rcu);
}

void kvmhv_papr_guest_put(struct kvmhv_papr_guest *guest)
{
	kref_put(&guest->ref, kvmhv_papr_guest_release);
}

/* A reference to L2 @id, or NULL if the L1 has none by that id. */
struct kvmhv_papr_guest *kvmhv_papr_guest_get(struct kvmhv_papr_l1 *l1,
					      u64 id)
{
	struct kvmhv_papr_guest *guest;

	if (!id || id > KVMHV_PAPR_MAX_GUEST_ID)
		return NULL;
	rcu_read_lock();
	guest = xa_load(&l1->guests, id);
	if (guest && !kref_get_unless_zero(&guest->ref))
		guest = NULL;
	rcu_read_unlock();
	return guest;
}

/* Until the L1 sets one, an L2 runs at the newest level agreed. */
static u64 kvmhv_papr_default_lpvr(u64 caps)
{
	if (caps & KVMHV_GUEST_CAP_POWER11)
		return PVR_ARCH_31_P11;
	if (caps & H_GUEST_CAP_POWER10)
		return PVR_ARCH_31;
	return PVR_ARCH_300;
}

static struct kvmhv_papr_guest *kvmhv_papr_guest_alloc(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_guest *guest;

	guest = kmem_cache_zalloc(kvmhv_papr_guest_cache, GFP_KERNEL_ACCOUNT);
	if (!guest)
		return NULL;
	kref_init(&guest->ref);
	guest->l1 = l1;
	mutex_init(&guest->lock);
	xa_init(&guest->vcpus);
	kvmhv_gsb_guest_init(&guest->state);
	guest->state.logical_pvr = kvmhv_papr_default_lpvr(l1->caps);
	/* Counted from here: the release takes it back, whatever happened */
	atomic_long_add(sizeof(*guest), &l1->heap_bytes);
	return guest;
}

/* A new L2 under id *@id, or under the lowest free one if @any. */
static int kvmhv_papr_guest_add(struct kvmhv_papr_l1 *l1, u32 *id, bool any)
{
	struct kvmhv_papr_guest *guest = kvmhv_papr_guest_alloc(l1);
	int err;

	if (!guest)
		return -ENOMEM;
	mutex_lock(&l1->lock);
	if (any)
		err = xa_alloc(&l1->guests, id, guest,
			       XA_LIMIT(1, KVMHV_PAPR_MAX_GUEST_ID),
			       GFP_KERNEL_ACCOUNT);
	else
		err = xa_insert(&l1->guests, *id, guest, GFP_KERNEL_ACCOUNT);
	if (err) {
		mutex_unlock(&l1->lock);
		kvmhv_papr_guest_put(guest);
		return err;
	}
	guest->id = *id;
	l1->nr_guests++;
	mutex_unlock(&l1->lock);
	atomic64_inc(&l1->stats.guests_created);
	trace_papr_kvm_l2_create(l1->kvm, *id, 0);
	return 0;
}

/* A new L2 under the lowest free id: 0, or -ENOMEM / -ENOSPC. */
int kvmhv_papr_guest_create(struct kvmhv_papr_l1 *l1, u32 *id)
{
	return kvmhv_papr_guest_add(l1, id, true);
}

/* A new L2 under @id, 1 to KVMHV_PAPR_MAX_GUEST_ID: 0, or -EBUSY / -ENOMEM. */
int kvmhv_papr_guest_create_at(struct kvmhv_papr_l1 *l1, u32 id)
{
	return kvmhv_papr_guest_add(l1, &id, false);
}

/* vCPU @vcpu_id of @guest: 0, or -EBUSY (taken) / -ENOMEM. */
int kvmhv_papr_vcpu_create(struct kvmhv_papr_guest *guest, u64 vcpu_id)
{
	struct kvmhv_papr_vcpu *v;
	int err;

	v = kmem_cache_zalloc(kvmhv_papr_vcpu_cache, GFP_KERNEL_ACCOUNT);
	if (!v)
		return -ENOMEM;
	mutex_init(&v->lock);
	kvmhv_gsb_vcpu_init(&v->state);

	mutex_lock(&guest->lock);
	err = xa_insert(&guest->vcpus, vcpu_id, v, GFP_KERNEL_ACCOUNT);
	mutex_unlock(&guest->lock);
	if (err) {
		kmem_cache_free(kvmhv_papr_vcpu_cache, v);
		return err;
	}
	atomic_long_add(sizeof(*v), &guest->l1->heap_bytes);
	atomic64_inc(&guest->l1->stats.vcpus_created);
	trace_papr_kvm_l2_vcpu_create(guest->l1->kvm, guest->id, vcpu_id);
	return 0;
}

/* vCPU @vcpu_id of @guest, which the caller holds a reference to. */
struct kvmhv_papr_vcpu *kvmhv_papr_vcpu_find(struct kvmhv_papr_guest *guest,
					     u64 vcpu_id)
{
	return xa_load(&guest->vcpus, vcpu_id);
}

/*
 * What a v1 L1's partition-scoped invalidation of a whole LPID does: drop
 * the L2's shadow table, reload its entry, and remove the shadow once the
 * L2 is gone. A v2 L1 changes the entry in a SET, not followed by an
 * invalidation, and deletes an L2 with H_GUEST_DELETE.
 */
void kvmhv_papr_flush_shadow(struct kvm *kvm, u32 id,
			     enum kvmhv_papr_shadow_why why)
{
	struct kvm_nested_guest *gp = kvmhv_get_nested(kvm, id, false);

	if (!gp)
		return;
	trace_papr_kvm_shadow(kvm, id, why);
	mutex_lock(&gp->tlb_lock);
	kvmhv_flush_nested(gp);
	mutex_unlock(&gp->tlb_lock);
	kvmhv_put_nested(gp);
}

/*
 * Before the shadow of an L2 that has none is made: an L1 holds at most
 * max_l2_lpids shadows, so that no L1 can take the host's LPIDs from the
 * other VMs. At that bound, the L2 of this L1 that ran least recently and
 * runs on no vCPU now gives its shadow back; it is made again, with a new
 * LPID, at that L2's next run. false when every shadow is in a run: the
 * run is H_NOT_ENOUGH_RESOURCES, for this L1 only.
 */
bool kvmhv_papr_shadow_reserve(struct kvmhv_papr_guest *guest)
{
	struct kvmhv_papr_l1 *l1 = guest->l1;
	struct kvmhv_papr_guest *g, *lru = NULL;
	struct kvm_nested_guest *gp;
	unsigned int held = 0;
	unsigned long id;

	mutex_lock(&l1->lock);
	xa_for_each(&l1->guests, id, g) {
		if (!kvmhv_papr_has_shadow(l1->kvm, g->id))
			continue;
		held++;
		if (!atomic_read(&g->running) &&
		    (!lru || time_before(g->last_run, lru->last_run)))
			lru = g;
	}
	if (held < kvmhv_papr_max_l2_lpids || !lru) {
		mutex_unlock(&l1->lock);
		return held < kvmhv_papr_max_l2_lpids;
	}
	gp = kvmhv_get_nested(l1->kvm, lru->id, false);
	mutex_unlock(&l1->lock);
	if (gp) {
		trace_papr_kvm_shadow(l1->kvm, gp->l1_lpid,
				      KVMHV_PAPR_SHADOW_RECYCLE);
		kvmhv_remove_nested(gp);
		kvmhv_put_nested(gp);
		atomic64_inc(&l1->stats.shadow_recycles);
	}
	return true;
}

/*
 * A page-table page linked into or freed from the tree of LPID @lpid:
 * counted against the v2 L1 @kvm when the tree is a shadow of one of its
 * L2s, not its own. Under kvm->mmu_lock: only atomics here.
 */
void kvmhv_papr_pgtable_account(struct kvm *kvm, u64 lpid, long bytes)
{
	struct kvmhv_papr_l1 *l1;

	if (lpid == kvm->arch.lpid)
		return;
	l1 = kvmhv_papr_l1_find(kvm);
	if (l1)
		atomic_long_add(bytes, &l1->pgtable_bytes);
}

static bool kvmhv_papr_pgtable_over(struct kvmhv_papr_l1 *l1)
{
	return atomic_long_read(&l1->pgtable_bytes) >
	       (long)READ_ONCE(kvmhv_papr_max_l2_pgtable_kb) * SZ_1K;
}

/*
 * Between two entries into @running's L2: an L1 whose shadow tables have
 * grown past max_l2_pgtable_kb gets them flushed, the other L2s' first,
 * until they are back under it; its L2s fault their mappings in again.
 * What the flushes freed is counted as reclaimed.
 */
void kvmhv_papr_pgtable_reclaim(struct kvmhv_papr_guest *running)
{
	struct kvmhv_papr_l1 *l1 = running->l1;
	struct kvmhv_papr_guest *g;
	unsigned long id;
	long before;

	if (!kvmhv_papr_pgtable_over(l1))
		return;
	mutex_lock(&l1->lock);
	before = atomic_long_read(&l1->pgtable_bytes);
	xa_for_each(&l1->guests, id, g) {
		if (!kvmhv_papr_pgtable_over(l1))
			break;
		if (g != running)
			kvmhv_papr_flush_shadow(l1->kvm, g->id,
						KVMHV_PAPR_SHADOW_RECLAIM);
	}
	if (kvmhv_papr_pgtable_over(l1))
		kvmhv_papr_flush_shadow(l1->kvm, running->id,
					KVMHV_PAPR_SHADOW_RECLAIM);
	atomic_long_add(max(before - atomic_long_read(&l1->pgtable_bytes), 0L),
			&l1->pgtable_reclaimed);
	mutex_unlock(&l1->lock);
}

/* Make the L1 vCPUs running the L2's vCPUs leave the L2 and see it gone. */
static void kvmhv_papr_stop_runners(struct kvmhv_papr_guest *guest)
{
	struct kvmhv_papr_vcpu *v;
	struct kvm_vcpu *runner;
	unsigned long i;

	xa_for_each(&guest->vcpus, i, v) {
		runner = READ_ONCE(v->runner);
		if (runner)
			kvm_vcpu_kick(runner);
	}
}

/*
 * Caller holds l1->lock. A vCPU of the L1 that runs one of the L2's vCPUs
 * stops; it holds a reference, so the L2 is freed once it has.
 */
static void kvmhv_papr_guest_unlink(struct kvmhv_papr_l1 *l1,
				    struct kvmhv_papr_guest *guest)
{
	trace_papr_kvm_l2_delete(l1->kvm, guest->id, 0);
	xa_erase(&l1->guests, guest->id);
	l1->nr_guests--;
	WRITE_ONCE(guest->deleted, true);
	/* Pairs with the runner's barrier between its runner and deleted */
	smp_mb();
	kvmhv_papr_stop_runners(guest);
	kvmhv_papr_flush_shadow(l1->kvm, guest->id, KVMHV_PAPR_SHADOW_FLUSH);
	kvmhv_papr_guest_put(guest);
}

/* Delete @guest, which the caller holds: 0, or -ENOENT if it is gone. */
int kvmhv_papr_guest_delete(struct kvmhv_papr_guest *guest)
{
	struct kvmhv_papr_l1 *l1 = guest->l1;
	int ret = 0;

	mutex_lock(&l1->lock);
	/* A racing DELETE of the same id may have unlinked it already. */
	if (xa_load(&l1->guests, guest->id) == guest)
		kvmhv_papr_guest_unlink(l1, guest);
	else
		ret = -ENOENT;
	mutex_unlock(&l1->lock);
	return ret;
}

static void kvmhv_papr_unlink_all(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_guest *guest;
	unsigned long id;

	xa_for_each(&l1->guests, id, guest)
		kvmhv_papr_guest_unlink(l1, guest);
}

void kvmhv_papr_delete_all(struct kvmhv_papr_l1 *l1)
{
	mutex_lock(&l1->lock);
	kvmhv_papr_unlink_all(l1);
	mutex_unlock(&l1->lock);
}

/*
 * The L1 boots again: its L2s went with the kernel that made them, as
 * under PowerVM, and the new kernel agrees capabilities (or takes nested
 * v1) anew.
 */
void kvmhv_papr_l1_restart(struct kvm *kvm)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_find(kvm);

	if (!l1)
		return;
	mutex_lock(&l1->lock);
	kvmhv_papr_unlink_all(l1);
	WRITE_ONCE(l1->caps, 0);
	mutex_unlock(&l1->lock);
}

/* The L1 vCPU's own state, made on its first run of an L2. */
struct kvmhv_papr_l1_vcpu *kvmhv_papr_l1_vcpu_get(struct kvmhv_papr_l1 *l1,
						  struct kvm_vcpu *vcpu)
{
	struct kvmhv_papr_l1_vcpu *lv = xa_load(&l1->l1_vcpus, vcpu->vcpu_idx);

	if (lv)
		return lv;
	lv = kzalloc(sizeof(*lv), GFP_KERNEL_ACCOUNT);
	if (!lv)
		return NULL;
	lv->last_exit = kvmhv_papr_stat_exit_index(-1);
	if (xa_insert(&l1->l1_vcpus, vcpu->vcpu_idx, lv, GFP_KERNEL_ACCOUNT)) {
		kfree(lv);
		return NULL;
	}
	return lv;
}

/* The state of an L1 vCPU that has run an L2, or NULL. */
struct kvmhv_papr_l1_vcpu *kvmhv_papr_l1_vcpu_find(struct kvm_vcpu *vcpu)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_ready(vcpu->kvm);

	return l1 ? xa_load(&l1->l1_vcpus, vcpu->vcpu_idx) : NULL;
}

static void kvmhv_papr_free_l1_vcpus(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_l1_vcpu *lv;
	unsigned long i;

	xa_for_each(&l1->l1_vcpus, i, lv) {
		if (lv->mmio_guest)
			kvmhv_papr_guest_put(lv->mmio_guest);
		kfree(lv);
	}
	xa_destroy(&l1->l1_vcpus);
}

/* The L1 stays registered until its L2s are gone: their shadows need it. */
void kvmhv_papr_destroy_vm(struct kvm *kvm)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_find(kvm);

	if (!l1)
		return;
	kvmhv_papr_delete_all(l1);
	xa_erase(&kvmhv_papr_l1s, kvm->arch.lpid);
	xa_destroy(&l1->guests);
	kvmhv_papr_free_l1_vcpus(l1);
	kfree(l1);
}

/*
 * The partition-table entry of a v2 L1's L2, from its elements: the
 * partition-scoped root with the tree size the codec checked (52 bits)
 * and the process table, with the GR bit the L1 leaves out.
 */
static void kvmhv_papr_make_pate(const struct kvmhv_gsb_guest *g,
				 struct patb_entry *pate)
{
	u64 dw0 = PATB_HR | radix__get_tree_size() | g->part_table.base |
		  (ilog2(g->part_table.root_size) - 3);
	u64 dw1 = PATB_GR | g->proc_table.base |
		  (ilog2(g->proc_table.size) - 12);

	pate->patb0 = cpu_to_be64(dw0);
	pate->patb1 = cpu_to_be64(dw1);
}

int kvmhv_papr_read_pate(struct kvm_nested_guest *gp, struct patb_entry *pate)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_ready(gp->l1_host);
	struct kvmhv_papr_guest *guest;
	int ret = -EFAULT;

	if (!l1)
		return -ENOENT;
	guest = kvmhv_papr_guest_get(l1, gp->l1_lpid);
	if (!guest)
		return ret;
	mutex_lock(&guest->lock);
	if (guest->state.part_table.root_size && guest->state.proc_table.size) {
		kvmhv_papr_make_pate(&guest->state, pate);
		ret = 0;
	}
	mutex_unlock(&guest->lock);
	kvmhv_papr_guest_put(guest);
	return ret;
}

unsigned long kvmhv_papr_nested_lpid_limit(struct kvm *kvm)
{
	return kvmhv_papr_l1_ready(kvm) ? KVMHV_PAPR_MAX_GUEST_ID + 1 : 0;
}

int kvmhv_papr_guest_init(void)
{
	kvmhv_papr_guest_cache = KMEM_CACHE(kvmhv_papr_guest, SLAB_ACCOUNT);
	kvmhv_papr_vcpu_cache = KMEM_CACHE(kvmhv_papr_vcpu, SLAB_ACCOUNT);
	if (!kvmhv_papr_guest_cache || !kvmhv_papr_vcpu_cache) {
		kvmhv_papr_guest_exit();
		return -ENOMEM;
	}
	return 0;
}

void kvmhv_papr_guest_exit(void)
{
	/* Guests are freed after an RCU grace period. */
	rcu_barrier();
	kmem_cache_destroy(kvmhv_papr_vcpu_cache);
	kmem_cache_destroy(kvmhv_papr_guest_cache);
}

/*
 * Whether [@gpa, @gpa + @size) lies in the memory slots of @l1, an L1's
 * struct kvm: the GSB codec's l1_mem_ok. Under the VM's srcu.
 */
bool kvmhv_papr_l1_mem_ok(void *l1, u64 gpa, u64 size)
{
	struct kvm *kvm = l1;
	struct kvm_memory_slot *slot;
	gfn_t gfn, last;

	if (!size || gpa + size < gpa)
		return false;
	gfn = gpa >> PAGE_SHIFT;
	last = (gpa + size - 1) >> PAGE_SHIFT;
	while (gfn <= last) {
		slot = gfn_to_memslot(kvm, gfn);
		if (!slot || (slot->flags & KVM_MEMSLOT_INVALID))
			return false;
		gfn = slot->base_gfn + slot->npages;
	}
	return true;
}
