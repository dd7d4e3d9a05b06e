// SPDX-License-Identifier: GPL-2.0-only
/*
 * The nested state of an L1, for its VMM: PAPR_KVM_GET_NESTED_STATE and
 * PAPR_KVM_SET_NESTED_STATE. Under the PAPR API v2 the L0, not the L1,
 * holds the state of the L1's L2s, so a VMM that saves or migrates the L1
 * must move it too. It moves as records whose bodies are Guest State
 * Buffers, written and checked by the GSB codec as an L1's GET and SET
 * are (include/uapi/linux/papr_kvm.h, Documentation/api.rst).
 *
 * Terms: L0 is this host, L1 a guest that is itself a hypervisor, L2 a
 * guest of an L1.
 *
 * Both ioctls run with the VM's vCPUs stopped: they hold every vCPU's
 * mutex, which KVM_RUN holds while it runs, and fail with EBUSY rather
 * than wait for one. Nothing of the L1's then changes under them.
 */

#include <linux/kvm_host.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/hvcall.h>
#include <asm/reg.h>

#include "book3s_hv_papr.h"
#include "book3s_hv_papr_guest.h"
#include <uapi/linux/papr_kvm.h>

/* The largest GSB of a record: a vCPU's, about 2.5 KiB */
#define KVMHV_PAPR_STATE_GSB_MAX	SZ_8K

/* Where the records go to or come from, one at a time */
struct kvmhv_papr_state_io {
	struct kvm *kvm;
	struct kvmhv_papr_l1 *l1;
	u8 __user *uptr;		/* the next record */
	u64 left;			/* bytes from there to the blob's end */
	u32 nr_records;
	struct papr_kvm_nested_record rec;
	u8 gsb[KVMHV_PAPR_STATE_GSB_MAX];
};

static u64 kvmhv_papr_record_stride(u32 gsb_len)
{
	return sizeof(struct papr_kvm_nested_record) + ALIGN(gsb_len, 8);
}

static void kvmhv_papr_state_unlock_vcpus(struct kvm *kvm,
					  unsigned long count)
{
	struct kvm_vcpu *vcpu;
	unsigned long i;

	kvm_for_each_vcpu(i, vcpu, kvm) {
		if (i >= count)
			break;
		mutex_unlock(&vcpu->mutex);
	}
}

/* Every vCPU stopped and held, or -EBUSY */
static int kvmhv_papr_state_lock(struct kvm *kvm)
{
	struct kvm_vcpu *vcpu;
	unsigned long i;

	mutex_lock(&kvm->lock);
	kvm_for_each_vcpu(i, vcpu, kvm) {
		if (!mutex_trylock(&vcpu->mutex)) {
			kvmhv_papr_state_unlock_vcpus(kvm, i);
			mutex_unlock(&kvm->lock);
			return -EBUSY;
		}
	}
	return 0;
}

static void kvmhv_papr_state_unlock(struct kvm *kvm)
{
	kvmhv_papr_state_unlock_vcpus(kvm, ULONG_MAX);
	mutex_unlock(&kvm->lock);
}

/* The id of @v in @guest; it is there while the caller holds @guest. */
static u64 kvmhv_papr_vcpu_id_of(struct kvmhv_papr_guest *guest,
				 struct kvmhv_papr_vcpu *v)
{
	struct kvmhv_papr_vcpu *each;
	unsigned long id;

	xa_for_each(&guest->vcpus, id, each)
		if (each == v)
			return id;
	return 0;
}

/*
 * An L1 vCPU stopped after its L2's MMIO load, before KVM_RUN completed
 * it into the L1's register (KVM's API asks a VMM to complete an exit
 * before it saves), or for an L2 that is gone: not a state to save.
 */
static bool kvmhv_papr_load_unsaveable(struct kvm *kvm,
				       struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_l1_vcpu *lv;
	unsigned long idx;

	xa_for_each(&l1->l1_vcpus, idx, lv) {
		if (lv->mmio_guest &&
		    (READ_ONCE(lv->mmio_guest->deleted) ||
		     kvm_get_vcpu(kvm, idx)->mmio_needed))
			return true;
	}
	return false;
}

/* What the records of @l1 take, and how many there are */
static u64 kvmhv_papr_state_size(struct kvmhv_papr_l1 *l1, u32 *nr)
{
	u64 guest_rec = kvmhv_papr_record_stride(kvmhv_gsb_save_size(KVMHV_GSB_GUEST));
	u64 vcpu_rec = kvmhv_papr_record_stride(kvmhv_gsb_save_size(KVMHV_GSB_THREAD));
	struct kvmhv_papr_guest *guest;
	struct kvmhv_papr_l1_vcpu *lv;
	struct kvmhv_papr_vcpu *v;
	unsigned long id, vid;
	u64 size = sizeof(struct papr_kvm_nested_state);

	*nr = 0;
	xa_for_each(&l1->guests, id, guest) {
		size += guest_rec;
		++*nr;
		xa_for_each(&guest->vcpus, vid, v) {
			size += vcpu_rec;
			++*nr;
		}
	}
	xa_for_each(&l1->l1_vcpus, id, lv) {
		if (lv->mmio_guest) {
			size += kvmhv_papr_record_stride(0);
			++*nr;
		}
	}
	return size;
}

/* io->rec and the io->rec.len bytes of io->gsb, out to the VMM */
static int kvmhv_papr_put_record(struct kvmhv_papr_state_io *io)
{
	u64 stride = kvmhv_papr_record_stride(io->rec.len);
	u8 __user *p = io->uptr;

	if (stride > io->left)
		return -EFAULT;
	if (copy_to_user(p, &io->rec, sizeof(io->rec)) ||
	    copy_to_user(p + sizeof(io->rec), io->gsb, io->rec.len) ||
	    clear_user(p + sizeof(io->rec) + io->rec.len,
		       stride - sizeof(io->rec) - io->rec.len))
		return -EFAULT;
	io->uptr += stride;
	io->left -= stride;
	io->nr_records++;
	return 0;
}

/* The saved elements of @scope from @req's store, into io->gsb */
static void kvmhv_papr_save_gsb(struct kvmhv_papr_state_io *io,
				struct kvmhv_gsb_req *req, u8 scope)
{
	struct kvmhv_gsb_writer w;

	kvmhv_gsb_writer_init(&w, io->gsb, sizeof(io->gsb));
	/* It fits: see the static_assert at the end of this file */
	kvmhv_gsb_save(&w, req, scope);
	io->rec.len = w.used;
}

static int kvmhv_papr_save_vcpu(struct kvmhv_papr_state_io *io,
				struct kvmhv_papr_guest *guest, u64 vid,
				struct kvmhv_papr_vcpu *v)
{
	struct kvmhv_gsb_req req = { .vcpu = &v->state };

	memset(&io->rec, 0, sizeof(io->rec));
	io->rec.type = PAPR_KVM_NESTED_REC_VCPU;
	io->rec.guest_id = guest->id;
	io->rec.vcpu_id = vid;
	mutex_lock(&v->lock);
	kvmhv_papr_save_gsb(io, &req, KVMHV_GSB_THREAD);
	io->rec.vcpu.tidr = v->state.tidr;
	io->rec.vcpu.psscr = v->state.psscr;
	mutex_unlock(&v->lock);
	return kvmhv_papr_put_record(io);
}

static int kvmhv_papr_save_guest(struct kvmhv_papr_state_io *io,
				 struct kvmhv_papr_guest *guest)
{
	struct kvmhv_gsb_req req = { .guest = &guest->state };
	struct kvmhv_papr_vcpu *v;
	unsigned long vid;
	int r;

	memset(&io->rec, 0, sizeof(io->rec));
	io->rec.type = PAPR_KVM_NESTED_REC_GUEST;
	io->rec.guest_id = guest->id;
	mutex_lock(&guest->lock);
	kvmhv_papr_save_gsb(io, &req, KVMHV_GSB_GUEST);
	mutex_unlock(&guest->lock);
	r = kvmhv_papr_put_record(io);
	xa_for_each(&guest->vcpus, vid, v) {
		if (r)
			break;
		r = kvmhv_papr_save_vcpu(io, guest, vid, v);
	}
	return r;
}

static int kvmhv_papr_save_load(struct kvmhv_papr_state_io *io,
				unsigned long idx,
				const struct kvmhv_papr_l1_vcpu *lv)
{
	memset(&io->rec, 0, sizeof(io->rec));
	io->rec.type = PAPR_KVM_NESTED_REC_LOAD;
	io->rec.guest_id = lv->mmio_guest->id;
	io->rec.vcpu_id = kvmhv_papr_vcpu_id_of(lv->mmio_guest, lv->mmio_v);
	io->rec.load.l1_vcpu = idx;
	io->rec.load.gpr = lv->mmio_gpr;
	io->rec.load.l1_value = lv->mmio_l1_gpr;
	return kvmhv_papr_put_record(io);
}

/* Guests in id order, each followed by its vCPUs, then pending loads */
static int kvmhv_papr_save_records(struct kvmhv_papr_state_io *io)
{
	struct kvmhv_papr_guest *guest;
	struct kvmhv_papr_l1_vcpu *lv;
	unsigned long id;
	int r = 0;

	xa_for_each(&io->l1->guests, id, guest) {
		r = kvmhv_papr_save_guest(io, guest);
		if (r)
			return r;
	}
	xa_for_each(&io->l1->l1_vcpus, id, lv) {
		if (!lv->mmio_guest)
			continue;
		r = kvmhv_papr_save_load(io, id, lv);
		if (r)
			return r;
	}
	return r;
}

static int kvmhv_papr_get_locked(struct kvmhv_papr_state_io *io,
				 struct papr_kvm_nested_state *hdr)
{
	u32 nr = 0;
	u64 size;
	int r;

	if (io->l1 && kvmhv_papr_load_unsaveable(io->kvm, io->l1))
		return -EBUSY;
	size = io->l1 ? kvmhv_papr_state_size(io->l1, &nr) : sizeof(*hdr);
	if (hdr->size < size) {
		hdr->size = size;
		return -E2BIG;
	}
	io->left = size - sizeof(*hdr);
	if (io->l1) {
		r = kvmhv_papr_save_records(io);
		if (r)
			return r;
	}
	memset(hdr, 0, sizeof(*hdr));
	hdr->format = PAPR_KVM_NESTED_STATE_V1;
	hdr->size = size;
	hdr->caps = io->l1 ? io->l1->caps : 0;
	hdr->nr_records = nr;
	return 0;
}

static int kvmhv_papr_get_nested_state(struct kvmhv_papr_state_io *io,
				       struct papr_kvm_nested_state __user *u)
{
	struct papr_kvm_nested_state hdr;
	int r;

	if (copy_from_user(&hdr, u, sizeof(hdr)))
		return -EFAULT;
	if (hdr.flags)
		return -EINVAL;
	io->uptr = u->records;
	r = kvmhv_papr_state_lock(io->kvm);
	if (r)
		return r;
	io->l1 = kvmhv_papr_l1_find(io->kvm);
	r = kvmhv_papr_get_locked(io, &hdr);
	kvmhv_papr_state_unlock(io->kvm);
	if (r && r != -E2BIG)
		return r;
	/* On E2BIG, the size a GET needs */
	if (copy_to_user(u, &hdr, sizeof(hdr)))
		return -EFAULT;
	return r;
}

/* The next record's header and GSB, checked for their shape */
static int kvmhv_papr_get_record(struct kvmhv_papr_state_io *io)
{
	struct papr_kvm_nested_record *rec = &io->rec;
	u64 stride;

	if (io->left < sizeof(*rec) ||
	    copy_from_user(rec, io->uptr, sizeof(*rec)))
		return -EINVAL;
	stride = kvmhv_papr_record_stride(rec->len);
	if (rec->flags || rec->reserved || rec->len > sizeof(io->gsb) ||
	    stride > io->left ||
	    copy_from_user(io->gsb, io->uptr + sizeof(*rec), rec->len))
		return -EINVAL;
	io->uptr += stride;
	io->left -= stride;
	return 0;
}

/* A record's GSB into @req's store, checked as an L1's SET is */
static int kvmhv_papr_restore_gsb(struct kvmhv_papr_state_io *io,
				  struct kvmhv_gsb_req *req, u8 scope)
{
	struct kvmhv_gsb_err err;
	int idx;
	long rc;

	req->op = KVMHV_GSB_RESTORE;
	req->scope = scope;
	req->caps = io->l1->caps;
	req->l1_mem_ok = kvmhv_papr_l1_mem_ok;
	req->l1 = io->kvm;
	idx = srcu_read_lock(&io->kvm->srcu);
	rc = kvmhv_gsb_restore(req, io->gsb, io->rec.len, &err);
	srcu_read_unlock(&io->kvm->srcu, idx);
	return rc == H_SUCCESS ? 0 : -EINVAL;
}

static int kvmhv_papr_restore_guest(struct kvmhv_papr_state_io *io)
{
	const struct papr_kvm_nested_record *rec = &io->rec;
	struct kvmhv_papr_guest *guest;
	struct kvmhv_gsb_req req = { };
	int r;

	if (!rec->guest_id || rec->guest_id > KVMHV_PAPR_MAX_GUEST_ID ||
	    rec->vcpu_id || rec->pad[0] || rec->pad[1])
		return -EINVAL;
	r = kvmhv_papr_guest_create_at(io->l1, rec->guest_id);
	if (r)
		return r == -EBUSY ? -EINVAL : r;
	guest = kvmhv_papr_guest_get(io->l1, rec->guest_id);
	req.guest = &guest->state;
	r = kvmhv_papr_restore_gsb(io, &req, KVMHV_GSB_GUEST);
	kvmhv_papr_guest_put(guest);
	return r;
}

static int kvmhv_papr_restore_vcpu(struct kvmhv_papr_state_io *io,
				   struct kvmhv_papr_guest *guest)
{
	const struct papr_kvm_nested_record *rec = &io->rec;
	struct kvmhv_gsb_req req = { };
	struct kvmhv_papr_vcpu *v;
	int r;

	if (rec->vcpu_id >= KVMHV_PAPR_MAX_VCPUS)
		return -EINVAL;
	r = kvmhv_papr_vcpu_create(guest, rec->vcpu_id);
	if (r)
		return r == -EBUSY ? -EINVAL : r;
	v = kvmhv_papr_vcpu_find(guest, rec->vcpu_id);
	req.vcpu = &v->state;
	r = kvmhv_papr_restore_gsb(io, &req, KVMHV_GSB_THREAD);
	v->state.tidr = rec->vcpu.tidr;
	v->state.psscr = rec->vcpu.psscr & PSSCR_GUEST_VIS;
	return r;
}

/* The L1 vCPU's load completes into the L2 at its next KVM_RUN */
static int kvmhv_papr_restore_load(struct kvmhv_papr_state_io *io,
				   struct kvmhv_papr_guest *guest)
{
	const struct papr_kvm_nested_record *rec = &io->rec;
	struct kvm_vcpu *vcpu = NULL;
	struct kvmhv_papr_l1_vcpu *lv;
	struct kvmhv_papr_vcpu *v;

	if (rec->load.l1_vcpu < atomic_read(&io->kvm->online_vcpus))
		vcpu = kvm_get_vcpu(io->kvm, rec->load.l1_vcpu);
	v = kvmhv_papr_vcpu_find(guest, rec->vcpu_id);
	if (!vcpu || !v || rec->load.gpr >= 32 || rec->len)
		return -EINVAL;
	lv = kvmhv_papr_l1_vcpu_get(io->l1, vcpu);
	if (!lv)
		return -ENOMEM;
	if (lv->mmio_guest)
		return -EINVAL;
	kvmhv_papr_guest_hold(guest);
	lv->mmio_guest = guest;
	lv->mmio_v = v;
	lv->mmio_gpr = rec->load.gpr;
	lv->mmio_l1_gpr = rec->load.l1_value;
	return 0;
}

static int kvmhv_papr_restore_record(struct kvmhv_papr_state_io *io)
{
	struct kvmhv_papr_guest *guest;
	int r;

	if (io->rec.type == PAPR_KVM_NESTED_REC_GUEST)
		return kvmhv_papr_restore_guest(io);
	/* The guest's record comes first */
	guest = kvmhv_papr_guest_get(io->l1, io->rec.guest_id);
	if (!guest)
		return -EINVAL;
	if (io->rec.type == PAPR_KVM_NESTED_REC_VCPU)
		r = kvmhv_papr_restore_vcpu(io, guest);
	else if (io->rec.type == PAPR_KVM_NESTED_REC_LOAD)
		r = kvmhv_papr_restore_load(io, guest);
	else
		r = -EINVAL;
	kvmhv_papr_guest_put(guest);
	return r;
}

/* A SET that failed leaves the L1 as it found it: no L2, no modes. */
static void kvmhv_papr_restore_undo(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_l1_vcpu *lv;
	unsigned long idx;

	xa_for_each(&l1->l1_vcpus, idx, lv) {
		if (lv->mmio_guest)
			kvmhv_papr_guest_put(lv->mmio_guest);
		lv->mmio_guest = NULL;
	}
	kvmhv_papr_l1_restart(l1->kvm);
}

static int kvmhv_papr_set_locked(struct kvmhv_papr_state_io *io,
				 const struct papr_kvm_nested_state *hdr)
{
	u32 i;
	int r = 0;

	io->l1 = kvmhv_papr_l1_get(io->kvm);
	if (!io->l1)
		return -ENOMEM;
	if (io->l1->nr_guests || READ_ONCE(io->l1->caps))
		return -EBUSY;
	/* Published to the L1's vCPUs, which are all stopped */
	smp_store_release(&io->l1->caps, hdr->caps);
	for (i = 0; i < hdr->nr_records && !r; i++) {
		r = kvmhv_papr_get_record(io);
		if (!r)
			r = kvmhv_papr_restore_record(io);
	}
	if (!r && io->left)
		r = -EINVAL;
	if (r)
		kvmhv_papr_restore_undo(io->l1);
	return r;
}

static int kvmhv_papr_set_nested_state(struct kvmhv_papr_state_io *io,
				       struct papr_kvm_nested_state __user *u)
{
	struct papr_kvm_nested_state hdr;
	int r;

	if (copy_from_user(&hdr, u, sizeof(hdr)))
		return -EFAULT;
	if (hdr.format != PAPR_KVM_NESTED_STATE_V1 || hdr.flags ||
	    hdr.reserved || hdr.reserved2 || hdr.size < sizeof(hdr))
		return -EINVAL;
	/* The state of an L1 that never agreed modes: nothing to restore */
	if (!hdr.caps)
		return hdr.nr_records || hdr.size != sizeof(hdr) ? -EINVAL : 0;
	if (!kvmhv_papr_caps_restorable(io->kvm, hdr.caps))
		return -EINVAL;
	io->uptr = u->records;
	io->left = hdr.size - sizeof(hdr);
	r = kvmhv_papr_state_lock(io->kvm);
	if (r)
		return r;
	r = kvmhv_papr_set_locked(io, &hdr);
	kvmhv_papr_state_unlock(io->kvm);
	return r;
}

int kvmhv_papr_state_ioctl(struct kvm *kvm, unsigned int ioctl,
			   unsigned long arg)
{
	struct kvmhv_papr_state_io *io;
	int r;

	io = kzalloc(sizeof(*io), GFP_KERNEL_ACCOUNT);
	if (!io)
		return -ENOMEM;
	io->kvm = kvm;
	if (ioctl == PAPR_KVM_GET_NESTED_STATE)
		r = kvmhv_papr_get_nested_state(io, (void __user *)arg);
	else
		r = kvmhv_papr_set_nested_state(io, (void __user *)arg);
	kfree(io);
	return r;
}

int kvmhv_papr_state_check_extension(unsigned long cap)
{
	return cap == KVM_CAP_PAPR_NESTED_STATE ? PAPR_KVM_NESTED_STATE_V1 : 0;
}

/* Every record's GSB fits the buffer of one */
static_assert(KVMHV_GSB_NR_THREAD * (4 + 16) < KVMHV_PAPR_STATE_GSB_MAX);
