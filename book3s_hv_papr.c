// SPDX-License-Identifier: GPL-2.0-only
/*
 * The L0 side of the PAPR API v2 for nested guests: the H_GUEST_*
 * hypercalls through which an L1 negotiates capabilities with the L0,
 * creates L2 guests and their vCPUs, and reads and writes their state in
 * Guest State Buffers (Documentation/papr-v2.rst).
 *
 * Terms: L0 is this host, L1 a guest of the L0 that is itself a
 * hypervisor, L2 a guest of an L1. An L1 is served v2 when its VMM enabled
 * nesting on it (KVM_CAP_PPC_NESTED_HV), as for the v1 API; an L1 uses
 * one API or the other, never both.
 *
 * Objects and locking:
 *  - kvmhv_papr_l1s maps an L1's LPID to its struct kvmhv_papr_l1, made by
 *    the L1's first H_GUEST_* call and freed with the VM. Only the VM's
 *    own vCPUs look it up, and none of them runs while the VM is destroyed.
 *  - l1->lock serialises the capabilities and the creation and deletion
 *    of L2s. l1->guests maps guest ids to L2s; a reader takes a reference
 *    under RCU, so a DELETE racing another vCPU's call frees the L2 only
 *    after that call is done with it.
 *  - guest->lock protects the guest-wide state and the insertion of vCPUs;
 *    a vCPU lives as long as its L2. vcpu->lock protects its state.
 */

#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc.h>
#include <asm/kvm_book3s.h>
#include <asm/reg.h>

#include "book3s_hv.h"
#include "book3s_hv_gsb.h"
#include "book3s_hv_papr.h"
#include "book3s_hv_papr_priv.h"

#ifndef PVR_ARCH_31_P11
#define PVR_ARCH_31_P11		0x0f000007
#endif

#define H_GUEST_CAP_MODES	(H_GUEST_CAP_POWER9 | H_GUEST_CAP_POWER10 | \
				 KVMHV_GUEST_CAP_POWER11)
#define H_GUEST_DELETE_ALL	BIT_ULL(63)
#define H_GUEST_GET_HOST_WIDE	BIT_ULL(62)

static bool nested_v2 = true;
module_param(nested_v2, bool, 0444);
MODULE_PARM_DESC(nested_v2,
		 "Serve the PAPR API v2 (H_GUEST_*) to L1s that have nesting enabled");

static DEFINE_XARRAY(kvmhv_papr_l1s);
static struct kmem_cache *kvmhv_papr_guest_cache;
static struct kmem_cache *kvmhv_papr_vcpu_cache;
static u64 kvmhv_papr_host_caps;

/* The modes this host's processor can run an L2 in. */
static u64 kvmhv_papr_probe_host_caps(void)
{
	u64 caps = 0;

	if (cpu_has_feature(CPU_FTR_ARCH_300))
		caps |= H_GUEST_CAP_POWER9;
	if (cpu_has_feature(CPU_FTR_ARCH_31))
		caps |= H_GUEST_CAP_POWER10;
	if (PVR_VER(mfspr(SPRN_PVR)) == PVR_POWER11)
		caps |= KVMHV_GUEST_CAP_POWER11;
	return caps;
}

/* An L2 can be no newer than the compatibility mode its L1 runs in. */
static u64 kvmhv_papr_caps_offered(struct kvm_vcpu *vcpu)
{
	switch (vcpu->arch.vcore->arch_compat) {
	case 0:
		return kvmhv_papr_host_caps;
	case PVR_ARCH_300:
		return kvmhv_papr_host_caps & H_GUEST_CAP_POWER9;
	case PVR_ARCH_31:
		return kvmhv_papr_host_caps &
		       (H_GUEST_CAP_POWER9 | H_GUEST_CAP_POWER10);
	case PVR_ARCH_31_P11:
		return kvmhv_papr_host_caps & H_GUEST_CAP_MODES;
	default:
		return 0;
	}
}

/*
 * PAPR reports an unsupported flag as H_UNSUPPORTED_FLAG_START minus the
 * (IBM) number of the first such bit.
 */
static long kvmhv_papr_check_flags(u64 flags, u64 supported)
{
	u64 bad = flags & ~supported;
	long bit;

	if (!bad)
		return H_SUCCESS;
	bit = 63 - __fls(bad);
	return H_UNSUPPORTED_FLAG_START - bit;
}

static bool kvmhv_papr_serves(struct kvm *kvm)
{
	return nested_v2 && nesting_enabled(kvm);
}

static struct kvmhv_papr_l1 *kvmhv_papr_l1_find(struct kvm *kvm)
{
	return xa_load(&kvmhv_papr_l1s, kvm->arch.lpid);
}

static struct kvmhv_papr_l1 *kvmhv_papr_l1_get(struct kvm *kvm)
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
	if (!err)
		return l1;
	kfree(l1);
	/* Another vCPU of the L1 made it first. */
	return err == -EBUSY ? kvmhv_papr_l1_find(kvm) : NULL;
}

/* The L1's v2 state once it has agreed capabilities, else NULL. */
struct kvmhv_papr_l1 *kvmhv_papr_l1_ready(struct kvm *kvm)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_find(kvm);

	/* Pairs with the smp_store_release() in h_guest_set_capabilities(). */
	return l1 && smp_load_acquire(&l1->caps) ? l1 : NULL;
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

/*
 * Caller holds l1->lock. A vCPU of the L1 that runs one of the L2's vCPUs
 * stops; it holds a reference, so the L2 is freed once it has.
 */
static void kvmhv_papr_guest_unlink(struct kvmhv_papr_l1 *l1,
				    struct kvmhv_papr_guest *guest)
{
	xa_erase(&l1->guests, guest->id);
	l1->nr_guests--;
	WRITE_ONCE(guest->deleted, true);
	kvmhv_papr_stop_runners(guest);
	kvmhv_papr_flush_shadow(l1->kvm, guest->id);
	kvmhv_papr_guest_put(guest);
}

static void kvmhv_papr_delete_all(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_guest *guest;
	unsigned long id;

	mutex_lock(&l1->lock);
	xa_for_each(&l1->guests, id, guest)
		kvmhv_papr_guest_unlink(l1, guest);
	mutex_unlock(&l1->lock);
}

static void kvmhv_papr_set_r4(struct kvm_vcpu *vcpu, u64 val)
{
	kvmppc_set_gpr(vcpu, 4, val);
}

static long h_guest_get_capabilities(struct kvm_vcpu *vcpu)
{
	if (kvmppc_get_gpr(vcpu, 4))
		return H_PARAMETER;
	if (!kvmhv_papr_l1_get(vcpu->kvm))
		return H_NOT_ENOUGH_RESOURCES;
	kvmhv_papr_set_r4(vcpu, kvmhv_papr_caps_offered(vcpu));
	return H_SUCCESS;
}

/*
 * R4 = the number of invalid bitmaps and R5 = the index of the first one,
 * counted from 1 as the specification names them: always bitmap 1 here.
 */
static long h_guest_set_caps_invalid(struct kvm_vcpu *vcpu)
{
	kvmhv_papr_set_r4(vcpu, 1);
	kvmppc_set_gpr(vcpu, 5, 1);
	return H_P2;
}

/*
 * A second SET is accepted while the L1 has no L2 (its kvm-hv was
 * reloaded) or when it names the modes already agreed (it rebooted):
 * changing modes under live L2s would change what their logical PVRs
 * may be.
 */
static long h_guest_set_capabilities(struct kvm_vcpu *vcpu)
{
	u64 caps = kvmppc_get_gpr(vcpu, 5);
	struct kvmhv_papr_l1 *l1;
	long ret = H_SUCCESS;

	if (kvmppc_get_gpr(vcpu, 4))
		return H_PARAMETER;
	if (!caps || (caps & ~kvmhv_papr_caps_offered(vcpu)))
		return h_guest_set_caps_invalid(vcpu);
	l1 = kvmhv_papr_l1_get(vcpu->kvm);
	if (!l1)
		return H_NOT_ENOUGH_RESOURCES;

	mutex_lock(&l1->lock);
	if (l1->nr_guests && l1->caps != caps)
		ret = H_STATE;
	else	/* Publishes the caps to kvmhv_papr_l1_ready() */
		smp_store_release(&l1->caps, caps);
	mutex_unlock(&l1->lock);
	return ret;
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
	return guest;
}

/*
 * The continue token is for an L0 that answers H_BUSY; this one never
 * does, so only the first call's -1 is valid. Exhausted ids and memory are
 * both H_NOT_ENOUGH_RESOURCES: the Linux L1 mishandles H_NO_MEM.
 */
static long h_guest_create(struct kvm_vcpu *vcpu)
{
	struct kvmhv_papr_guest *guest;
	struct kvmhv_papr_l1 *l1;
	u32 id;
	long ret;

	ret = kvmhv_papr_check_flags(kvmppc_get_gpr(vcpu, 4), 0);
	if (ret)
		return ret;
	if (kvmppc_get_gpr(vcpu, 5) != -1UL)
		return H_P2;
	l1 = kvmhv_papr_l1_ready(vcpu->kvm);
	if (!l1)
		return H_STATE;

	guest = kvmhv_papr_guest_alloc(l1);
	if (!guest)
		return H_NOT_ENOUGH_RESOURCES;
	mutex_lock(&l1->lock);
	if (xa_alloc(&l1->guests, &id, guest,
		     XA_LIMIT(1, KVMHV_PAPR_MAX_GUEST_ID), GFP_KERNEL_ACCOUNT)) {
		mutex_unlock(&l1->lock);
		kvmhv_papr_guest_put(guest);
		return H_NOT_ENOUGH_RESOURCES;
	}
	guest->id = id;
	l1->nr_guests++;
	atomic_long_add(sizeof(*guest), &l1->heap_bytes);
	mutex_unlock(&l1->lock);

	kvmhv_papr_set_r4(vcpu, id);
	return H_SUCCESS;
}

static long h_guest_delete(struct kvm_vcpu *vcpu)
{
	u64 flags = kvmppc_get_gpr(vcpu, 4);
	struct kvmhv_papr_guest *guest;
	struct kvmhv_papr_l1 *l1;
	long ret;

	ret = kvmhv_papr_check_flags(flags, H_GUEST_DELETE_ALL);
	if (ret)
		return ret;
	l1 = kvmhv_papr_l1_ready(vcpu->kvm);
	if (!l1)
		return H_STATE;
	if (flags & H_GUEST_DELETE_ALL) {
		kvmhv_papr_delete_all(l1);
		return H_SUCCESS;
	}

	guest = kvmhv_papr_guest_get(l1, kvmppc_get_gpr(vcpu, 5));
	if (!guest)
		return H_P2;
	mutex_lock(&l1->lock);
	/* A racing DELETE of the same id may have unlinked it already. */
	if (xa_load(&l1->guests, guest->id) == guest)
		kvmhv_papr_guest_unlink(l1, guest);
	else
		ret = H_P2;
	mutex_unlock(&l1->lock);
	kvmhv_papr_guest_put(guest);
	return ret;
}

/*
 * The L1 and a reference to the L2 of a call that takes flags (none
 * defined) in R4 and a guest id in R5, or the call's error code.
 */
long kvmhv_papr_call_guest(struct kvm_vcpu *vcpu, struct kvmhv_papr_l1 **l1,
			   struct kvmhv_papr_guest **guest)
{
	long ret = kvmhv_papr_check_flags(kvmppc_get_gpr(vcpu, 4), 0);

	if (ret)
		return ret;
	*l1 = kvmhv_papr_l1_ready(vcpu->kvm);
	if (!*l1)
		return H_STATE;
	*guest = kvmhv_papr_guest_get(*l1, kvmppc_get_gpr(vcpu, 5));
	return *guest ? H_SUCCESS : H_P2;
}

static long h_guest_create_vcpu(struct kvm_vcpu *vcpu)
{
	u64 vcpu_id = kvmppc_get_gpr(vcpu, 6);
	struct kvmhv_papr_guest *guest;
	struct kvmhv_papr_vcpu *v;
	struct kvmhv_papr_l1 *l1;
	long ret;

	ret = kvmhv_papr_call_guest(vcpu, &l1, &guest);
	if (ret)
		return ret;
	if (vcpu_id >= KVMHV_PAPR_MAX_VCPUS) {
		ret = H_P3;
		goto out;
	}

	v = kmem_cache_zalloc(kvmhv_papr_vcpu_cache, GFP_KERNEL_ACCOUNT);
	if (!v) {
		ret = H_NOT_ENOUGH_RESOURCES;
		goto out;
	}
	mutex_init(&v->lock);
	kvmhv_gsb_vcpu_init(&v->state);

	mutex_lock(&guest->lock);
	ret = xa_insert(&guest->vcpus, vcpu_id, v, GFP_KERNEL_ACCOUNT);
	mutex_unlock(&guest->lock);
	if (ret) {
		kmem_cache_free(kvmhv_papr_vcpu_cache, v);
		ret = ret == -EBUSY ? H_IN_USE : H_NOT_ENOUGH_RESOURCES;
		goto out;
	}
	atomic_long_add(sizeof(*v), &l1->heap_bytes);
out:
	kvmhv_papr_guest_put(guest);
	return ret;
}

/* The figures a host-wide GET reports for this L1. */
static void kvmhv_papr_host_figures(struct kvmhv_papr_l1 *l1,
				    struct kvmhv_gsb_host *host)
{
	memset(host, 0, sizeof(*host));
	host->guest_heap = atomic_long_read(&l1->heap_bytes);
	host->guest_heap_max = KVMHV_PAPR_MAX_GUEST_ID *
		(sizeof(struct kvmhv_papr_guest) +
		 KVMHV_PAPR_MAX_VCPUS * sizeof(struct kvmhv_papr_vcpu));
}

/*
 * The scope a GET/SET asks for. GET bit 1 selects the L0's host-wide
 * figures, as QEMU does; the specification's "take ownership of the vCPU
 * state" is not offered, nor SET's bit 1 to return it.
 */
static long kvmhv_papr_state_scope(u64 flags, bool set, u8 *scope)
{
	if (flags == H_GUEST_FLAGS_WIDE)
		*scope = KVMHV_GSB_GUEST;
	else if (!set && flags == H_GUEST_GET_HOST_WIDE)
		*scope = KVMHV_GSB_HOST;
	else if (!flags)
		*scope = KVMHV_GSB_THREAD;
	else
		return H_PARAMETER;
	return H_SUCCESS;
}

/* Where a GET/SET is served from, and the lock that guards it. */
struct kvmhv_papr_state_ctx {
	struct kvmhv_gsb_req req;
	struct kvm *kvm;
	struct kvmhv_gsb_host host;
	struct kvmhv_papr_guest *guest;
	struct mutex *lock;		/* of the store in req */
};

/* Whether [@gpa, @gpa + @size) lies in @kvm's memory slots; under srcu. */
static bool kvmhv_papr_gpa_range_ok(struct kvm *kvm, u64 gpa, u64 size)
{
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

bool kvmhv_papr_l1_mem_ok(const struct kvmhv_gsb_req *req, u64 addr,
			  u64 size)
{
	const struct kvmhv_papr_state_ctx *ctx =
		container_of(req, struct kvmhv_papr_state_ctx, req);

	return kvmhv_papr_gpa_range_ok(ctx->kvm, addr, size);
}

static long kvmhv_papr_state_target(struct kvm_vcpu *vcpu,
				    struct kvmhv_papr_l1 *l1,
				    struct kvmhv_papr_state_ctx *ctx)
{
	struct kvmhv_gsb_req *req = &ctx->req;
	struct kvmhv_papr_vcpu *v;

	req->caps = l1->caps;
	if (req->scope == KVMHV_GSB_HOST) {
		kvmhv_papr_host_figures(l1, &ctx->host);
		req->host = &ctx->host;
		return H_SUCCESS;
	}
	ctx->guest = kvmhv_papr_guest_get(l1, kvmppc_get_gpr(vcpu, 5));
	if (!ctx->guest)
		return H_P2;
	if (req->scope == KVMHV_GSB_GUEST) {
		/* The Linux L1 sets these before it creates any vCPU. */
		req->guest = &ctx->guest->state;
		ctx->lock = &ctx->guest->lock;
		return H_SUCCESS;
	}
	v = xa_load(&ctx->guest->vcpus, kvmppc_get_gpr(vcpu, 6));
	if (!v)
		return H_P3;
	req->vcpu = &v->state;
	ctx->lock = &v->lock;
	return H_SUCCESS;
}

static long kvmhv_papr_run_gsb(struct kvmhv_papr_state_ctx *ctx, void *buf,
			       size_t len, struct kvmhv_gsb_err *err)
{
	long ret;

	if (ctx->lock)
		mutex_lock(ctx->lock);
	if (ctx->req.op == KVMHV_GSB_SET)
		ret = kvmhv_gsb_set(&ctx->req, buf, len, err);
	else
		ret = kvmhv_gsb_get(&ctx->req, buf, len, err);
	if (ctx->lock)
		mutex_unlock(ctx->lock);
	return ret;
}

/*
 * The GSB is copied in whole before it is parsed, so the L1 cannot change
 * it under the parser; a GET writes it back whole, values filled in.
 */
static long kvmhv_papr_state_io(struct kvm_vcpu *vcpu,
				struct kvmhv_papr_state_ctx *ctx)
{
	struct kvm *kvm = vcpu->kvm;
	u64 addr = kvmppc_get_gpr(vcpu, 7);
	u64 len = kvmppc_get_gpr(vcpu, 8);
	struct kvmhv_gsb_err err;
	int idx, rc;
	void *buf;
	long ret;

	if (len < sizeof(__be32) || len > KVMHV_GSB_MAX_LEN)
		return H_P5;
	buf = kvmalloc(len, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return H_NOT_ENOUGH_RESOURCES;

	idx = srcu_read_lock(&kvm->srcu);
	ret = H_P4;
	if (kvm_read_guest(kvm, addr, buf, len))
		goto out;
	ret = kvmhv_papr_run_gsb(ctx, buf, len, &err);
	if (ret == H_SUCCESS && ctx->req.op == KVMHV_GSB_GET) {
		rc = kvm_write_guest(kvm, addr, buf, len);
		if (rc)
			ret = H_P4;
	} else if (ret != H_SUCCESS) {
		kvmhv_papr_set_r4(vcpu, kvmhv_gsb_err_r4(&err, ctx->req.op));
	}
out:
	srcu_read_unlock(&kvm->srcu, idx);
	kvfree(buf);
	return ret;
}

/*
 * A SET that changed the L2's partition or process table takes effect on
 * its shadow at once, as the L1's invalidation would under v1.
 */
static void kvmhv_papr_tables_set(struct kvm *kvm,
				  struct kvmhv_papr_guest *guest)
{
	u64 tables = BIT_ULL(KVMHV_GSID_PARTITION_TABLE) |
		     BIT_ULL(KVMHV_GSID_PROCESS_TABLE);
	bool changed;

	mutex_lock(&guest->lock);
	changed = guest->state.dirty & tables;
	guest->state.dirty &= ~tables;
	mutex_unlock(&guest->lock);
	if (changed)
		kvmhv_papr_flush_shadow(kvm, guest->id);
}

static long h_guest_getset_state(struct kvm_vcpu *vcpu, bool set)
{
	struct kvmhv_papr_state_ctx ctx = {
		.req.op = set ? KVMHV_GSB_SET : KVMHV_GSB_GET,
		.req.l1_mem_ok = kvmhv_papr_l1_mem_ok,
		.kvm = vcpu->kvm,
	};
	struct kvmhv_papr_l1 *l1;
	long ret;

	ret = kvmhv_papr_state_scope(kvmppc_get_gpr(vcpu, 4), set,
				     &ctx.req.scope);
	if (ret)
		return ret;
	l1 = kvmhv_papr_l1_ready(vcpu->kvm);
	if (!l1)
		return H_STATE;
	ret = kvmhv_papr_state_target(vcpu, l1, &ctx);
	if (ret == H_SUCCESS)
		ret = kvmhv_papr_state_io(vcpu, &ctx);
	/* An error may come after elements that took effect. */
	if (set && ctx.req.scope == KVMHV_GSB_GUEST && ctx.guest)
		kvmhv_papr_tables_set(vcpu->kvm, ctx.guest);
	if (ctx.guest)
		kvmhv_papr_guest_put(ctx.guest);
	return ret;
}

static long kvmhv_papr_dispatch(struct kvm_vcpu *vcpu, unsigned long req)
{
	switch (req) {
	case H_GUEST_GET_CAPABILITIES:
		return h_guest_get_capabilities(vcpu);
	case H_GUEST_SET_CAPABILITIES:
		return h_guest_set_capabilities(vcpu);
	case H_GUEST_CREATE:
		return h_guest_create(vcpu);
	case H_GUEST_CREATE_VCPU:
		return h_guest_create_vcpu(vcpu);
	case H_GUEST_GET_STATE:
		return h_guest_getset_state(vcpu, false);
	case H_GUEST_SET_STATE:
		return h_guest_getset_state(vcpu, true);
	default:
		return h_guest_delete(vcpu);
	}
}

static bool kvmhv_papr_is_v2_hcall(unsigned long req)
{
	switch (req) {
	case H_GUEST_GET_CAPABILITIES:
	case H_GUEST_SET_CAPABILITIES:
	case H_GUEST_CREATE:
	case H_GUEST_CREATE_VCPU:
	case H_GUEST_GET_STATE:
	case H_GUEST_SET_STATE:
	case H_GUEST_RUN_VCPU:
	case H_GUEST_DELETE:
		return true;
	default:
		return false;
	}
}

/*
 * An L1 uses one nested API: v1 once it set a partition table, v2 once it
 * agreed capabilities. The other API's calls then get H_STATE, which the
 * Linux L1 takes as "not available" when it probes for v2.
 */
static bool kvmhv_papr_api_conflict(struct kvm *kvm, unsigned long req)
{
	if (kvmhv_papr_is_v2_hcall(req))
		return kvm->arch.l1_ptcr;
	return (req == H_SET_PARTITION_TABLE || req == H_ENTER_NESTED) &&
	       kvmhv_papr_l1_ready(kvm);
}

bool kvmhv_papr_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume)
{
	long ret;

	if (!kvmhv_papr_serves(vcpu->kvm))
		return false;
	*resume = RESUME_GUEST;
	if (kvmhv_papr_api_conflict(vcpu->kvm, req))
		ret = H_STATE;
	else if (req == H_GUEST_RUN_VCPU)
		ret = h_guest_run_vcpu(vcpu, resume);
	else if (kvmhv_papr_is_v2_hcall(req))
		ret = kvmhv_papr_dispatch(vcpu, req);
	else
		return false;

	kvmppc_set_gpr(vcpu, 3, ret);
	vcpu->arch.hcall_needed = 0;
	return true;
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

int kvmhv_papr_init(void)
{
	kvmhv_papr_host_caps = kvmhv_papr_probe_host_caps();
	kvmhv_papr_guest_cache = KMEM_CACHE(kvmhv_papr_guest, SLAB_ACCOUNT);
	kvmhv_papr_vcpu_cache = KMEM_CACHE(kvmhv_papr_vcpu, SLAB_ACCOUNT);
	if (!kvmhv_papr_guest_cache || !kvmhv_papr_vcpu_cache) {
		kvmhv_papr_exit();
		return -ENOMEM;
	}
	return 0;
}

void kvmhv_papr_exit(void)
{
	/* Guests are freed after an RCU grace period. */
	rcu_barrier();
	kmem_cache_destroy(kvmhv_papr_vcpu_cache);
	kmem_cache_destroy(kvmhv_papr_guest_cache);
}
