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
 * This file is the front: it decodes each call's registers, checks them,
 * and answers with the architecture's codes. It calls down into the L2
 * objects and their lifetime (book3s_hv_papr_guest.c), the run path
 * (book3s_hv_papr_run.c), the MMIO store hints (book3s_hv_papr_mmio.c),
 * the statistics and the GSB codec; none of them calls back. The
 * locking rules are next to the objects, in book3s_hv_papr_guest.h; a
 * GET/SET holds the lock of the store it reads or writes.
 */

#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/unaligned.h>
#include <linux/xarray.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc.h>
#include <asm/kvm_book3s.h>
#include <asm/reg.h>

#include "book3s_hv.h"
#include "book3s_hv_gsb.h"
#include "book3s_hv_papr.h"
#include "book3s_hv_papr_guest.h"
#include "book3s_hv_papr_intr.h"
#include "book3s_hv_papr_mmio.h"
#include "book3s_hv_papr_run.h"
#include "trace_papr.h"

#define H_GUEST_CAP_MODES	(H_GUEST_CAP_POWER9 | H_GUEST_CAP_POWER10 | \
				 KVMHV_GUEST_CAP_POWER11)
#define H_GUEST_DELETE_ALL	BIT_ULL(63)
#define H_GUEST_GET_HOST_WIDE	BIT_ULL(62)

static bool nested_v2 = true;
module_param(nested_v2, bool, 0444);
MODULE_PARM_DESC(nested_v2,
		 "Serve the PAPR API v2 (H_GUEST_*) to L1s that have nesting enabled");

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

/*
 * Whether @kvm may be given an L1's state that agreed the modes @caps:
 * the L0 serves it v2 and this host runs L2s in every mode of @caps.
 */
bool kvmhv_papr_caps_restorable(struct kvm *kvm, u64 caps)
{
	return kvmhv_papr_serves(kvm) && caps &&
	       !(caps & ~kvmhv_papr_host_caps);
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

/* A second SET is H_STATE when it would change the modes of live L2s. */
static long h_guest_set_capabilities(struct kvm_vcpu *vcpu)
{
	u64 caps = kvmppc_get_gpr(vcpu, 5);
	struct kvmhv_papr_l1 *l1;

	if (kvmppc_get_gpr(vcpu, 4))
		return H_PARAMETER;
	if (!caps || (caps & ~kvmhv_papr_caps_offered(vcpu)))
		return h_guest_set_caps_invalid(vcpu);
	l1 = kvmhv_papr_l1_get(vcpu->kvm);
	if (!l1)
		return H_NOT_ENOUGH_RESOURCES;
	return kvmhv_papr_l1_agree_caps(l1, caps) ? H_STATE : H_SUCCESS;
}

/*
 * The continue token is for an L0 that answers H_BUSY; this one never
 * does, so only the first call's -1 is valid. Exhausted ids and memory are
 * both H_NOT_ENOUGH_RESOURCES: the Linux L1 mishandles H_NO_MEM.
 */
static long h_guest_create(struct kvm_vcpu *vcpu)
{
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
	if (kvmhv_papr_guest_create(l1, &id))
		return H_NOT_ENOUGH_RESOURCES;
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
	/* A racing DELETE of the same id may have deleted it already. */
	if (kvmhv_papr_guest_delete(guest))
		ret = H_P2;
	kvmhv_papr_guest_put(guest);
	return ret;
}

/*
 * The L1 and a reference to the L2 of a call that takes flags (@supported
 * defined) in R4 and a guest id in R5, or the call's error code.
 */
static long kvmhv_papr_call_guest(struct kvm_vcpu *vcpu, u64 supported,
				  struct kvmhv_papr_l1 **l1,
				  struct kvmhv_papr_guest **guest)
{
	long ret = kvmhv_papr_check_flags(kvmppc_get_gpr(vcpu, 4), supported);

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
	struct kvmhv_papr_l1 *l1;
	long ret;
	int err;

	ret = kvmhv_papr_call_guest(vcpu, 0, &l1, &guest);
	if (ret)
		return ret;
	if (vcpu_id >= KVMHV_PAPR_MAX_VCPUS) {
		ret = H_P3;
	} else {
		err = kvmhv_papr_vcpu_create(guest, vcpu_id);
		if (err)
			ret = err == -EBUSY ? H_IN_USE : H_NOT_ENOUGH_RESOURCES;
	}
	kvmhv_papr_guest_put(guest);
	return ret;
}

/* The flags ask for interrupts to deliver into the L2. */
static long h_guest_run_vcpu(struct kvm_vcpu *vcpu, int *resume)
{
	struct kvmhv_papr_run_args args = {
		.flags = kvmppc_get_gpr(vcpu, 4),
		.vcpu_id = kvmppc_get_gpr(vcpu, 6),
	};
	long ret;

	ret = kvmhv_papr_call_guest(vcpu, KVMHV_PAPR_RUN_FLAGS, &args.l1,
				    &args.guest);
	if (ret)
		return ret;
	args.v = kvmhv_papr_vcpu_find(args.guest, args.vcpu_id);
	if (args.v)
		ret = kvmhv_papr_run_vcpu(vcpu, &args, resume);
	else
		ret = H_P3;
	kvmhv_papr_guest_put(args.guest);
	return ret;
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
	struct kvmhv_gsb_host host;
	struct kvmhv_papr_guest *guest;
	struct kvmhv_papr_vcpu *v;	/* for a thread-wide GET or SET */
	struct mutex *lock;		/* of the store in req */
};

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
	v = kvmhv_papr_vcpu_find(ctx->guest, kvmppc_get_gpr(vcpu, 6));
	if (!v)
		return H_P3;
	req->vcpu = &v->state;
	ctx->v = v;
	ctx->lock = &v->lock;
	return H_SUCCESS;
}

/*
 * An L2 vCPU's lock is held for a whole run, as long as the L1 lets the
 * L2 run: a GET or SET of a vCPU that another L1 vCPU runs is H_BUSY,
 * which the Linux L1 retries, rather than a sleep of that length.
 */
static long kvmhv_papr_run_gsb(struct kvmhv_papr_state_ctx *ctx, void *buf,
			       size_t len, struct kvmhv_gsb_err *err)
{
	long ret;

	if (ctx->v) {
		if (!mutex_trylock(ctx->lock))
			return H_BUSY;
	} else if (ctx->lock) {
		mutex_lock(ctx->lock);
	}
	if (ctx->req.op == KVMHV_GSB_SET)
		ret = kvmhv_gsb_set(&ctx->req, buf, len, err);
	else
		ret = kvmhv_gsb_get(&ctx->req, buf, len, err);
	if (ret == H_SUCCESS && ctx->v && ctx->req.op == KVMHV_GSB_GET)
		kvmhv_papr_mmio_learn(ctx->v, buf, len);
	if (ctx->lock)
		mutex_unlock(ctx->lock);
	return ret;
}

/* A GET or SET of an L2 vCPU's state, for the VM's figures. */
static void kvmhv_papr_count_state(struct kvm_vcpu *vcpu,
				   const struct kvmhv_papr_state_ctx *ctx,
				   const void *buf)
{
	struct kvmhv_papr_l1_vcpu *lv;
	unsigned int last_exit;

	if (ctx->req.scope != KVMHV_GSB_THREAD)
		return;
	lv = kvmhv_papr_l1_vcpu_find(vcpu);
	last_exit = lv ? lv->last_exit : kvmhv_papr_stat_exit_index(-1);
	kvmhv_papr_stat_state(&ctx->guest->l1->stats,
			      ctx->req.op == KVMHV_GSB_SET, last_exit,
			      get_unaligned_be32(buf));
}

/*
 * The GSB is copied in whole before it is parsed, so the L1 cannot change
 * it under the parser; a GET writes it back whole, values filled in.
 */
static long kvmhv_papr_state_io(struct kvm_vcpu *vcpu,
				struct kvmhv_papr_l1 *l1,
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
	kvmhv_papr_stat_gsb(&l1->stats, len, 0);
	ret = kvmhv_papr_run_gsb(ctx, buf, len, &err);
	if (ret == H_SUCCESS)
		kvmhv_papr_count_state(vcpu, ctx, buf);
	if (ret == H_SUCCESS && ctx->req.op == KVMHV_GSB_GET) {
		rc = kvm_write_guest(kvm, addr, buf, len);
		if (rc)
			ret = H_P4;
		else
			kvmhv_papr_stat_gsb(&l1->stats, 0, len);
	} else if (ret != H_SUCCESS && ret != H_BUSY) {
		trace_papr_kvm_gsb_error(vcpu, ctx->req.op, buf, len, &err);
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
		kvmhv_papr_flush_shadow(kvm, guest->id, KVMHV_PAPR_SHADOW_FLUSH);
}

static long h_guest_getset_state(struct kvm_vcpu *vcpu, bool set)
{
	struct kvmhv_papr_state_ctx ctx = {
		.req.op = set ? KVMHV_GSB_SET : KVMHV_GSB_GET,
		.req.l1_mem_ok = kvmhv_papr_l1_mem_ok,
		.req.l1 = vcpu->kvm,
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
		ret = kvmhv_papr_state_io(vcpu, l1, &ctx);
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

/*
 * The hypercalls of a v2 L1 that KVM-HV serves itself, traced with their
 * arguments. The L1 is looked up only while the event is enabled.
 */
static void kvmhv_papr_trace_nested_hcall(struct kvm_vcpu *vcpu,
					  unsigned long req)
{
	if (!trace_papr_kvm_hcall_args_enabled())
		return;
	if ((req == H_COPY_TOFROM_GUEST || req == H_TLB_INVALIDATE ||
	     req == H_RPT_INVALIDATE) && kvmhv_papr_l1_ready(vcpu->kvm))
		trace_papr_kvm_hcall_args(vcpu, req);
}

/* An H_GUEST_RUN_VCPU that this L0 will serve. */
bool kvmhv_papr_enters_l2(struct kvm_vcpu *vcpu, unsigned long req)
{
	return req == H_GUEST_RUN_VCPU && kvmhv_papr_serves(vcpu->kvm) &&
	       kvmhv_papr_l1_ready(vcpu->kvm);
}

bool kvmhv_papr_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume)
{
	long ret;

	if (!kvmhv_papr_serves(vcpu->kvm))
		return false;
	/*
	 * A Linux L1 registers its process table once per boot, before it
	 * can run a guest of its own: the L1 was reset or kexec'd. The call
	 * itself goes on to the VMM. (KVM-HV keeps a v1 L1's nested guests
	 * until the VM is destroyed, and so the v1 choice.)
	 */
	if (req == H_REGISTER_PROC_TBL) {
		kvmhv_papr_l1_restart(vcpu->kvm);
		return false;
	}
	if (!kvmhv_papr_is_v2_hcall(req) &&
	    !kvmhv_papr_api_conflict(vcpu->kvm, req)) {
		kvmhv_papr_trace_nested_hcall(vcpu, req);
		return false;
	}
	trace_papr_kvm_hcall_enter(vcpu, req);
	*resume = RESUME_GUEST;
	if (kvmhv_papr_api_conflict(vcpu->kvm, req))
		ret = H_STATE;
	else if (req == H_GUEST_RUN_VCPU)
		ret = h_guest_run_vcpu(vcpu, resume);
	else
		ret = kvmhv_papr_dispatch(vcpu, req);
	trace_papr_kvm_hcall_exit(vcpu, req, ret);

	kvmppc_set_gpr(vcpu, 3, ret);
	vcpu->arch.hcall_needed = 0;
	return true;
}

int kvmhv_papr_init(void)
{
	kvmhv_papr_host_caps = kvmhv_papr_probe_host_caps();
	return kvmhv_papr_guest_init();
}

void kvmhv_papr_exit(void)
{
	kvmhv_papr_guest_exit();
}
