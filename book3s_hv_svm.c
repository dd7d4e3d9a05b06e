// SPDX-License-Identifier: GPL-2.0-only
/*
 * The secure-VM init state machine: H_SVM_INIT_START, H_SVM_INIT_DONE,
 * H_SVM_INIT_ABORT, H_SVM_PAGE_IN and H_SVM_PAGE_OUT (Linux's
 * Documentation/arch/powerpc/ultravisor.rst), for KVM-HV built without
 * CONFIG_PPC_UV and CONFIG_DEVICE_PRIVATE.
 *
 * Terms: the Ultravisor (UV) owns secure memory; a VM asks it to become a
 * secure VM (SVM) with the UV_ESM ultracall, and the UV then drives this
 * state machine through the hypercalls above, made from its context. A VM
 * is normal, init started (the UV is moving it into secure memory) or
 * secure (H_SVM_INIT_DONE succeeded). H_SVM_INIT_ABORT takes an init
 * started VM back to normal: the VM is "aborted" only while that runs,
 * under the VM's lock, and normal again, free to retry, once it returns.
 *
 * Mainline marks each secure frame by a device-private page that stands
 * in for it in the VMM's mappings. Here a bitmap per memory slot says
 * where each frame's contents are: with the UV (secure), in normal memory
 * mapped by both sides (shared), or in normal memory only (normal).
 *
 * The UV is a backend (book3s_hv_uv.h): the host firmware's, or the
 * software one of the soft_uv module parameter. With neither, every
 * H_SVM_* call is left to KVM-HV's stubs, which answer H_UNSUPPORTED, as
 * on any kernel without CONFIG_PPC_UV.
 *
 * This file does not touch kvm->arch.secure_guest: KVM-HV reads it to
 * issue ultracalls of its own, which a software UV cannot answer, and to
 * send faults to stubs. KVM-HV runs every VM here as a normal one.
 */
#define pr_fmt(fmt) "kvm-hv: " fmt

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <asm/hvcall.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>
#include <asm/reg.h>
#include <asm/ultravisor-api.h>
#include <uapi/linux/papr_kvm.h>

#include "book3s.h"
#include "book3s_hv_uv.h"
#include "book3s_hv_svm.h"
#include "trace_papr.h"

enum svm_state {
	SVM_NORMAL,
	SVM_INIT_STARTED,
	SVM_SECURE,
};

/* A memory slot registered with the UV, and where its frames are. */
struct kvmhv_svm_slot {
	struct list_head list;
	u16 id;
	gfn_t base_gfn;
	unsigned long npages;
	/* Frames whose contents the UV holds */
	unsigned long *secure;
	/* Frames in normal memory that the UV maps for the SVM too */
	unsigned long *shared;
};

struct kvmhv_svm_vm {
	/*
	 * Serialises the VM's H_SVM_* calls and memory-slot changes, and
	 * protects everything below. Taken under kvm->slots_lock.
	 */
	struct mutex lock;
	enum svm_state state;
	/* Empty in SVM_NORMAL, every memory slot of the VM otherwise */
	struct list_head slots;
};

/* The Ultravisor chosen at load, or NULL */
static const struct kvmhv_uv_ops *uv;

static struct kmem_cache *svm_vm_cache;
static struct kmem_cache *svm_slot_cache;

/*
 * The VMs that called H_SVM_INIT_START, by LPID. An entry is removed only
 * when its VM is destroyed, when no vCPU of it runs any more, so readers
 * need no lock of their own.
 */
static DEFINE_XARRAY(svm_vms);

static struct kvmhv_svm_vm *svm_vm_of(struct kvm *kvm)
{
	return xa_load(&svm_vms, kvm->arch.lpid);
}

/* The VM's state, made on its first H_SVM_INIT_START, or NULL. */
static struct kvmhv_svm_vm *svm_vm_get(struct kvm *kvm)
{
	struct kvmhv_svm_vm *svm = svm_vm_of(kvm), *old;

	if (svm)
		return svm;
	svm = kmem_cache_zalloc(svm_vm_cache, GFP_KERNEL_ACCOUNT);
	if (!svm)
		return NULL;
	mutex_init(&svm->lock);
	INIT_LIST_HEAD(&svm->slots);
	old = xa_cmpxchg(&svm_vms, kvm->arch.lpid, NULL, svm,
			 GFP_KERNEL_ACCOUNT);
	if (!old)
		return svm;
	/* Another vCPU was first, or the xarray is out of memory */
	mutex_destroy(&svm->lock);
	kmem_cache_free(svm_vm_cache, svm);
	return xa_is_err(old) ? NULL : old;
}

static struct kvmhv_svm_slot *svm_slot_alloc(const struct kvm_memory_slot *ms)
{
	unsigned long longs = BITS_TO_LONGS(ms->npages);
	struct kvmhv_svm_slot *s;

	s = kmem_cache_zalloc(svm_slot_cache, GFP_KERNEL_ACCOUNT);
	if (!s)
		return NULL;
	s->secure = kvcalloc(2 * longs, sizeof(long), GFP_KERNEL_ACCOUNT);
	if (!s->secure) {
		kmem_cache_free(svm_slot_cache, s);
		return NULL;
	}
	s->shared = s->secure + longs;
	s->id = ms->id;
	s->base_gfn = ms->base_gfn;
	s->npages = ms->npages;
	return s;
}

static void svm_slot_free(struct kvmhv_svm_slot *s)
{
	kvfree(s->secure);
	kmem_cache_free(svm_slot_cache, s);
}

/* Registers @ms with the UV; all its frames are normal. */
static int svm_slot_add(struct kvm *kvm, struct kvmhv_svm_vm *svm,
			const struct kvm_memory_slot *ms)
{
	struct kvmhv_svm_slot *s = svm_slot_alloc(ms);

	if (!s)
		return -ENOMEM;
	if (uv->register_mem_slot(kvm->arch.lpid, s->base_gfn, s->npages,
				  s->id) != U_SUCCESS) {
		svm_slot_free(s);
		return -EIO;
	}
	list_add_tail(&s->list, &svm->slots);
	return 0;
}

/* The UV forgets the slot, and with it what it held of its frames. */
static void svm_slot_remove(struct kvm *kvm, struct kvmhv_svm_slot *s)
{
	uv->unregister_mem_slot(kvm->arch.lpid, s->id);
	list_del(&s->list);
	svm_slot_free(s);
}

static void svm_remove_slots(struct kvm *kvm, struct kvmhv_svm_vm *svm)
{
	struct kvmhv_svm_slot *s, *next;

	list_for_each_entry_safe(s, next, &svm->slots, list)
		svm_slot_remove(kvm, s);
}

static struct kvmhv_svm_slot *svm_slot_by_id(struct kvmhv_svm_vm *svm, u16 id)
{
	struct kvmhv_svm_slot *s;

	list_for_each_entry(s, &svm->slots, list)
		if (s->id == id)
			return s;
	return NULL;
}

/*
 * The slot that holds @gfn, with its index there in *@i, or NULL with
 * H_PARAMETER in *@ret.
 */
static struct kvmhv_svm_slot *svm_slot_of(struct kvmhv_svm_vm *svm, gfn_t gfn,
					  unsigned long *i, long *ret)
{
	struct kvmhv_svm_slot *s;

	list_for_each_entry(s, &svm->slots, list) {
		if (gfn >= s->base_gfn && gfn - s->base_gfn < s->npages) {
			*i = gfn - s->base_gfn;
			return s;
		}
	}
	*ret = H_PARAMETER;
	return NULL;
}

/*
 * Moves frame @gfn between normal memory and the UV (UV_PAGE_IN when @in,
 * UV_PAGE_OUT otherwise) through the page behind it in the VMM, pinned
 * for the time of the call. Returns a U_* code.
 */
static long svm_uv_move(struct kvm *kvm, gfn_t gfn, bool in, bool shared)
{
	struct page *page;
	int idx;
	long r;

	idx = srcu_read_lock(&kvm->srcu);
	page = gfn_to_page(kvm, gfn);
	srcu_read_unlock(&kvm->srcu, idx);
	if (is_error_page(page))
		return U_P2;
	if (in)
		r = uv->page_in(kvm->arch.lpid, gfn, page, shared);
	else
		r = uv->page_out(kvm->arch.lpid, gfn, page);
	kvm_release_page_dirty(page);
	return r;
}

static long svm_init_start(struct kvm *kvm)
{
	struct kvm_memory_slot *ms;
	struct kvmhv_svm_vm *svm;
	long ret = H_SUCCESS;
	int bkt, idx;

	/* Only radix guests can be secure guests */
	if (!kvm_is_radix(kvm))
		return H_UNSUPPORTED;
	/* Userspace did not enable KVM_CAP_PPC_SECURE_GUEST */
	if (!kvm->arch.svm_enabled)
		return H_AUTHORITY;
	svm = svm_vm_get(kvm);
	if (!svm)
		return H_PARAMETER;

	mutex_lock(&svm->lock);
	if (svm->state != SVM_NORMAL) {
		ret = H_STATE;
		goto out;
	}
	idx = srcu_read_lock(&kvm->srcu);
	kvm_for_each_memslot(ms, bkt, kvm_memslots(kvm)) {
		if (svm_slot_add(kvm, svm, ms)) {
			ret = H_PARAMETER;
			break;
		}
	}
	srcu_read_unlock(&kvm->srcu, idx);
	if (ret == H_SUCCESS)
		svm->state = SVM_INIT_STARTED;
	else
		svm_remove_slots(kvm, svm);
out:
	mutex_unlock(&svm->lock);
	return ret;
}

/*
 * The checks H_SVM_PAGE_IN and H_SVM_PAGE_OUT share, in mainline's order.
 * Returns the slot of @gpa, with its index in *@i, or NULL with the error
 * in *@ret.
 */
static struct kvmhv_svm_slot *svm_page_check(struct kvmhv_svm_vm *svm,
					     unsigned long gpa,
					     unsigned long flags,
					     unsigned long valid_flags,
					     unsigned long order,
					     unsigned long *i, long *ret)
{
	if (svm->state == SVM_NORMAL)
		*ret = H_UNSUPPORTED;
	else if (order != PAGE_SHIFT)
		*ret = H_P3;
	else if (flags & ~valid_flags)
		*ret = H_P2;
	else if (offset_in_page(gpa))
		*ret = H_PARAMETER;
	else
		return svm_slot_of(svm, gpa_to_gfn(gpa), i, ret);
	return NULL;
}

/*
 * Sharing a secure frame discards its secure contents, as in mainline: the
 * SVM shares a page to give the hypervisor new data, not to export old.
 */
static long svm_page_in(struct kvm *kvm, struct kvmhv_svm_vm *svm,
			unsigned long gpa, unsigned long flags,
			unsigned long order)
{
	bool shared = flags & H_PAGE_IN_SHARED;
	struct kvmhv_svm_slot *s;
	unsigned long i;
	long ret;

	s = svm_page_check(svm, gpa, flags, H_PAGE_IN_SHARED, order, &i, &ret);
	if (!s)
		return ret;
	/* The UV asks again for a frame it has */
	if (!shared && test_bit(i, s->secure))
		return H_PARAMETER;
	if (svm_uv_move(kvm, gpa_to_gfn(gpa), true, shared) != U_SUCCESS)
		return H_PARAMETER;
	__assign_bit(i, s->secure, !shared);
	__assign_bit(i, s->shared, shared);
	return H_SUCCESS;
}

/* A frame that is not secure is in normal memory already. */
static long svm_page_out(struct kvm *kvm, struct kvmhv_svm_vm *svm,
			 unsigned long gpa, unsigned long flags,
			 unsigned long order)
{
	struct kvmhv_svm_slot *s;
	unsigned long i;
	long ret;

	s = svm_page_check(svm, gpa, flags, 0, order, &i, &ret);
	if (!s)
		return ret;
	if (!test_bit(i, s->secure))
		return H_SUCCESS;
	if (svm_uv_move(kvm, gpa_to_gfn(gpa), false, false) != U_SUCCESS)
		return H_PARAMETER;
	__clear_bit(i, s->secure);
	return H_SUCCESS;
}

/*
 * Frames left normal stay where they are: the UV fetches what it still
 * needs itself, with H_SVM_PAGE_IN. H_UNSUPPORTED for a VM that is secure
 * already, as the specification has it for a call "from an SVM".
 */
static long svm_init_done(struct kvm *kvm, struct kvmhv_svm_vm *svm)
{
	if (svm->state != SVM_INIT_STARTED)
		return H_UNSUPPORTED;
	if (!uv->runs_svms)
		return H_STATE;
	svm->state = SVM_SECURE;
	pr_info("LPID %llu went secure\n", kvm->arch.lpid);
	return H_SUCCESS;
}

/* The calls only the UV makes, on a VM that called H_SVM_INIT_START. */
static long svm_uv_hcall(struct kvm_vcpu *vcpu, unsigned long req)
{
	struct kvm *kvm = vcpu->kvm;
	struct kvmhv_svm_vm *svm;
	long ret;

	if (req == H_SVM_INIT_START)
		return svm_init_start(kvm);
	svm = svm_vm_of(kvm);
	if (!svm)
		return H_UNSUPPORTED;

	mutex_lock(&svm->lock);
	switch (req) {
	case H_SVM_PAGE_IN:
		ret = svm_page_in(kvm, svm, kvmppc_get_gpr(vcpu, 4),
				  kvmppc_get_gpr(vcpu, 5),
				  kvmppc_get_gpr(vcpu, 6));
		break;
	case H_SVM_PAGE_OUT:
		ret = svm_page_out(kvm, svm, kvmppc_get_gpr(vcpu, 4),
				   kvmppc_get_gpr(vcpu, 5),
				   kvmppc_get_gpr(vcpu, 6));
		break;
	default:
		ret = svm_init_done(kvm, svm);
	}
	mutex_unlock(&svm->lock);
	return ret;
}

/*
 * Undoes everything since H_SVM_INIT_START: secure frames are paged out
 * with their contents, sharing and the slots' registration are dropped,
 * and the UV terminates the VM. Mainline leaves the slots registered.
 */
static void svm_undo_init(struct kvm *kvm, struct kvmhv_svm_vm *svm)
{
	struct kvmhv_svm_slot *s;
	unsigned long i;

	list_for_each_entry(s, &svm->slots, list) {
		for_each_set_bit(i, s->secure, s->npages) {
			if (svm_uv_move(kvm, s->base_gfn + i, false, false) !=
			    U_SUCCESS)
				pr_warn_ratelimited("LPID %llu: gfn 0x%llx lost in the %s\n",
						    kvm->arch.lpid,
						    s->base_gfn + i, uv->name);
			/* A VM of many gigabytes has millions of pages */
			cond_resched();
		}
	}
	svm_remove_slots(kvm, svm);
	uv->svm_terminate(kvm->arch.lpid);
	pr_info("LPID %llu secure init aborted\n", kvm->arch.lpid);
}

/*
 * The UV calls H_SVM_INIT_ABORT with SRR0 and SRR1 set to where its
 * UV_ESM ultracall returns to in the VM, and the VM's non-volatile
 * registers as they were at that call: the VM resumes there, with
 * H_PARAMETER in R3 to say that UV_ESM failed. There is no check of the
 * UV's context: SRR1 is the VM's, whose S bit is still clear.
 */
static long svm_init_abort(struct kvm_vcpu *vcpu)
{
	struct kvmhv_svm_vm *svm = svm_vm_of(vcpu->kvm);
	long ret;

	if (!svm)
		return H_UNSUPPORTED;
	mutex_lock(&svm->lock);
	switch (svm->state) {
	case SVM_NORMAL:
		ret = H_UNSUPPORTED;
		break;
	case SVM_SECURE:
		ret = H_STATE;
		break;
	default:
		svm_undo_init(vcpu->kvm, svm);
		svm->state = SVM_NORMAL;
		ret = H_PARAMETER;
	}
	mutex_unlock(&svm->lock);
	if (ret == H_PARAMETER) {
		kvmppc_set_pc(vcpu, kvmppc_get_srr0(vcpu));
		kvmppc_set_msr_hv(vcpu, kvmppc_get_srr1(vcpu));
	}
	return ret;
}

/*
 * The UV makes its calls from the VM's context with SRR1[S] set, which
 * only an Ultravisor can set. The software UV cannot, and takes R0 =
 * PAPR_KVM_SOFT_UV_CONTEXT for it instead.
 */
static bool svm_from_ultravisor(struct kvm_vcpu *vcpu)
{
	return (kvmppc_get_srr1(vcpu) & MSR_S) ||
	       (uv->r0_context &&
		kvmppc_get_gpr(vcpu, 0) == PAPR_KVM_SOFT_UV_CONTEXT);
}

bool kvmhv_svm_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume)
{
	long ret;

	if (!uv)
		return false;
	switch (req) {
	case H_SVM_PAGE_IN:
	case H_SVM_PAGE_OUT:
	case H_SVM_INIT_START:
	case H_SVM_INIT_DONE:
		trace_papr_kvm_hcall_args(vcpu, req);
		ret = H_UNSUPPORTED;
		if (svm_from_ultravisor(vcpu))
			ret = svm_uv_hcall(vcpu, req);
		break;
	case H_SVM_INIT_ABORT:
		trace_papr_kvm_hcall_args(vcpu, req);
		ret = svm_init_abort(vcpu);
		break;
	default:
		return false;
	}
	trace_papr_kvm_hcall_exit(vcpu, req, ret);
	kvmppc_set_gpr(vcpu, 3, ret);
	vcpu->arch.hcall_needed = 0;
	*resume = RESUME_GUEST;
	return true;
}

bool kvmhv_svm_available(void)
{
	return uv;
}

/*
 * A slot moved is removed and added again: the UV loses what it held of
 * the old range, as it does for memory hot-removed. Mainline registers
 * created slots only.
 */
static void svm_change_slot(struct kvm *kvm, struct kvmhv_svm_vm *svm,
			    const struct kvm_memory_slot *old,
			    const struct kvm_memory_slot *new,
			    enum kvm_mr_change change)
{
	struct kvmhv_svm_slot *s;

	if (change == KVM_MR_DELETE || change == KVM_MR_MOVE) {
		s = svm_slot_by_id(svm, old->id);
		if (s)
			svm_slot_remove(kvm, s);
	}
	if ((change == KVM_MR_CREATE || change == KVM_MR_MOVE) &&
	    svm_slot_add(kvm, svm, new))
		pr_warn_ratelimited("LPID %llu: memory slot %u not registered with the %s\n",
				    kvm->arch.lpid, new->id, uv->name);
}

void kvmhv_svm_commit_memory_region(struct kvm *kvm,
				    const struct kvm_memory_slot *old,
				    const struct kvm_memory_slot *new,
				    enum kvm_mr_change change)
{
	struct kvmhv_svm_vm *svm = svm_vm_of(kvm);

	if (!svm)
		return;
	mutex_lock(&svm->lock);
	if (svm->state != SVM_NORMAL)
		svm_change_slot(kvm, svm, old, new, change);
	mutex_unlock(&svm->lock);
}

/* The VM's memory goes with it: nothing is paged out. */
void kvmhv_svm_destroy_vm(struct kvm *kvm)
{
	struct kvmhv_svm_vm *svm = xa_erase(&svm_vms, kvm->arch.lpid);

	if (!svm)
		return;
	if (svm->state != SVM_NORMAL) {
		svm_remove_slots(kvm, svm);
		uv->svm_terminate(kvm->arch.lpid);
	}
	mutex_destroy(&svm->lock);
	kmem_cache_free(svm_vm_cache, svm);
}

/* The Ultravisor of this host: the firmware's, or the software one. */
static int svm_choose_uv(void)
{
	bool host_uv = kvmhv_uv_real_present();
	int r;

	if (!kvmhv_uv_soft_requested()) {
		uv = host_uv ? &kvmhv_uv_real_ops : NULL;
		return 0;
	}
	if (host_uv) {
		pr_err("soft_uv refused: this host has an Ultravisor\n");
		return -EINVAL;
	}
	r = kvmhv_uv_soft_init();
	if (r)
		return r;
	uv = &kvmhv_uv_soft_ops;
	pr_warn("software Ultravisor for tests: secure VMs are not protected\n");
	return 0;
}

int kvmhv_svm_init(void)
{
	int r;

	svm_vm_cache = KMEM_CACHE(kvmhv_svm_vm, SLAB_ACCOUNT);
	svm_slot_cache = KMEM_CACHE(kvmhv_svm_slot, SLAB_ACCOUNT);
	r = svm_vm_cache && svm_slot_cache ? svm_choose_uv() : -ENOMEM;
	if (r) {
		kmem_cache_destroy(svm_slot_cache);
		kmem_cache_destroy(svm_vm_cache);
	}
	return r;
}

void kvmhv_svm_exit(void)
{
	if (uv == &kvmhv_uv_soft_ops)
		kvmhv_uv_soft_exit();
	uv = NULL;
	kmem_cache_destroy(svm_slot_cache);
	kmem_cache_destroy(svm_vm_cache);
}
