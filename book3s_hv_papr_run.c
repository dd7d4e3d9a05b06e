// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data plane of the PAPR API v2 L0: H_GUEST_RUN_VCPU runs an L2 vCPU
 * on the L1 vCPU that asks for it, with KVM-HV's nested machinery.
 *
 * KVM-HV's v1 L0 (kvmhv_enter_nested_guest()) reads the L2's state from
 * L1 memory at each entry. Here the L2's state lives in the L0's store
 * (struct kvmhv_gsb_vcpu), kept across runs: a run applies the L1's input
 * buffer to it, swaps the whole register set into the vCPU in place of the
 * L1's, runs the L2 until an exit the L1 must see, swaps back and writes
 * the output buffer the exit calls for.
 *
 * The L2 is a KVM-HV nested guest (struct kvm_nested_guest) keyed by its
 * guest id: its shadow LPID and partition-scoped table, the nested page
 * fault path, the nest rmap and the L1's partition-scoped invalidations
 * all work as for v1. Only the partition-table entry differs: it comes
 * from the elements 0x0005 and 0x0006 (kvmhv_papr_read_pate()).
 *
 * This file enters, exits and writes outputs. It calls down into the L2's
 * lifetime (book3s_hv_papr_guest.c), the register swap, the interrupt
 * delivery, the VPAs and the MMIO completion, never back into the hcall
 * front that calls it. It runs an L2 vCPU under its lock (v->lock), with
 * a snapshot of the guest-wide state taken under guest->lock; v->runner,
 * set while the L2 runs, is read locklessly by a DELETE to kick the
 * runner out.
 */

#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <asm/hvcall.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>
#include <asm/reg.h>

#include "book3s_hv.h"
#include "book3s_hv_gsb.h"
#include "book3s_hv_hooks.h"
#include "book3s_hv_papr_guest.h"
#include "book3s_hv_papr_intr.h"
#include "book3s_hv_papr_mmio.h"
#include "book3s_hv_papr_regs.h"
#include "book3s_hv_papr_run.h"
#include "book3s_hv_papr_vpa.h"
#include "trace_papr.h"

/*
 * Everything a run needs, set up before the L1's state is touched: the
 * store's values before the run (for the time the L2 used) and the L1's
 * own registers.
 */
struct kvmhv_papr_run {
	struct kvmhv_papr_run_args a;
	struct kvmhv_papr_l1_vcpu *lv;
	struct kvmhv_gsb_guest g;
};

static int kvmhv_papr_run_l2(struct kvm_vcpu *vcpu, struct kvmhv_papr_run *run,
			     struct kvm_nested_guest *gp)
{
	struct kvmppc_vcore *vc = vcpu->arch.vcore;
	struct kvmhv_gsb_vcpu *s = &run->a.v->state;
	struct kvmhv_papr_l1_timing t;
	struct kvmhv_gsb_regs before = s->r;
	struct kvmhv_gsb_vcpu *l1 = &run->lv->save;
	u64 hdec_exp, lpcr, pending;
	int r;

	/* The L1's decrementer is the time limit of the run now. */
	if (kvmppc_core_pending_dec(vcpu))
		kvmppc_core_dequeue_dec(vcpu);

	kvmhv_papr_save_l1(vcpu, l1, &t);
	hdec_exp = s->r.hdec_expiry_tb - vc->tb_offset;
	lpcr = kvmhv_papr_load_l2(vcpu, s, &run->g);
	pending = kvmhv_papr_intr_pending(vcpu, run->a.flags, lpcr);
	vcpu->arch.nested = gp;
	vcpu->arch.nested_vcpu_id = run->a.vcpu_id;
	vcpu->arch.ret = RESUME_GUEST;
	vcpu->arch.trap = 0;

	/*
	 * A DELETE either sees v->runner set and kicks this vCPU out of the
	 * L2, or is seen here before the next entry (the caller's barrier).
	 */
	r = RESUME_GUEST;
	while (!READ_ONCE(run->a.guest->deleted)) {
		kvmhv_papr_pgtable_reclaim(run->a.guest);
		kvmhv_papr_intr_deliver(vcpu, &pending, &lpcr);
		r = kvmhv_run_single_vcpu(vcpu, hdec_exp, lpcr);
		if (!is_kvmppc_resume_guest(r))
			break;
	}

	kvmhv_papr_save_l2(vcpu, s, &run->g);
	vcpu->arch.nested = NULL;
	kvmhv_papr_restore_l1(vcpu, l1, &t, &before, &s->r);
	return r;
}

/* The conditions the specification sets for a run, with its codes. */
static long kvmhv_papr_run_ready(const struct kvmhv_papr_run *run)
{
	const struct kvmhv_gsb_vcpu *s = &run->a.v->state;

	if (!s->run_buf[0].addr)
		return H_INPUT_BUFFER_NOT_DEFINED;
	if (!s->run_buf[1].addr)
		return H_OUTPUT_BUFFER_NOT_DEFINED;
	if (!run->g.part_table.root_size || !run->g.proc_table.size)
		return H_PARTITION_PAGE_TABLE_NOT_DEFINED;
	return H_SUCCESS;
}

/* The whole input buffer, for inputs longer than its head. */
static long kvmhv_papr_run_input_all(struct kvm_vcpu *vcpu,
				     const struct kvmhv_gsb_req *req,
				     const struct kvmhv_gsb_buf *in,
				     struct kvmhv_gsb_err *err)
{
	long ret = H_INPUT_BUFFER_NOT_DEFINED;
	void *buf;

	buf = kvmalloc(in->size, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return H_NOT_ENOUGH_RESOURCES;
	if (!kvm_vcpu_read_guest(vcpu, in->addr, buf, in->size)) {
		ret = kvmhv_gsb_set(req, buf, in->size, err);
		if (ret != H_SUCCESS)
			trace_papr_kvm_gsb_error(vcpu, req->op, buf, in->size, err);
	}
	kvfree(buf);
	return ret;
}

/*
 * Apply the input buffer to the store. Its size is the one the L1
 * registered, and the Linux L1 sends its buffer's capacity (4 KiB) where
 * a run in steady state uses a few elements: the head is read first, and
 * the rest only when the elements go on past it. The elements of the head
 * are then applied again, which leaves the same values. R4 of an element
 * error is the element's byte offset.
 */
static long kvmhv_papr_run_input(struct kvm_vcpu *vcpu,
				 struct kvmhv_papr_run *run)
{
	const struct kvmhv_gsb_buf *in = &run->a.v->state.run_buf[0];
	u64 head = min_t(u64, in->size, KVMHV_PAPR_RUN_IN_HEAD);
	struct kvmhv_gsb_req req = {
		.vcpu = &run->a.v->state,
		.caps = run->a.l1->caps,
		.op = KVMHV_GSB_RUN_INPUT,
		.scope = KVMHV_GSB_THREAD,
		.l1_mem_ok = kvmhv_papr_l1_mem_ok,
		.l1 = vcpu->kvm,
	};
	struct kvmhv_gsb_err err;
	long ret;

	if (kvm_vcpu_read_guest(vcpu, in->addr, run->lv->run_in, head))
		return H_INPUT_BUFFER_NOT_DEFINED;
	ret = kvmhv_gsb_set(&req, run->lv->run_in, head, &err);
	if (ret == H_INPUT_BUFFER_TOO_SMALL && head < in->size) {
		ret = kvmhv_papr_run_input_all(vcpu, &req, in, &err);
		head = in->size;
	} else if (ret != H_SUCCESS) {
		trace_papr_kvm_gsb_error(vcpu, req.op, run->lv->run_in, head,
					 &err);
	}
	kvmhv_papr_stat_gsb(&run->a.l1->stats, head, 0);
	if (ret != H_SUCCESS && ret != H_INPUT_BUFFER_NOT_DEFINED &&
	    ret != H_NOT_ENOUGH_RESOURCES)
		kvmppc_set_gpr(vcpu, 4, kvmhv_gsb_err_r4(&err, req.op));
	return ret;
}

/* The elements the exit calls for, in the L1's output buffer. */
static long kvmhv_papr_run_output(struct kvm_vcpu *vcpu,
				  struct kvmhv_papr_run *run, int trap)
{
	const struct kvmhv_papr_vcpu *v = run->a.v;
	const struct kvmhv_gsb_vcpu *s = &v->state;
	const struct kvmhv_gsb_buf *out = &s->run_buf[1];
	u8 buf[KVMHV_GSB_RUN_OUTPUT_FULL];
	u16 hint = 0;
	size_t used;
	long ret;

	if (trap == BOOK3S_INTERRUPT_H_DATA_STORAGE)
		hint = kvmhv_papr_mmio_hint(v);
	ret = kvmhv_gsb_write_exit(s, trap, hint, buf,
				   min_t(u64, out->size, sizeof(buf)), &used);
	if (ret != H_SUCCESS)
		return ret;
	if (kvm_vcpu_write_guest(vcpu, out->addr, buf, used))
		return H_OUTPUT_BUFFER_NOT_DEFINED;
	kvmhv_papr_stat_gsb(&run->a.l1->stats, 0, used);
	return H_SUCCESS;
}

#define KVMHV_PAPR_SHADOW_TRIES	8

/*
 * The L2's shadow, made by its first run (within the L1's share of LPIDs,
 * kvmhv_papr_shadow_reserve()). Two vCPUs of a new L2 racing their first
 * runs on two L1 vCPUs both try to make it, and KVM-HV fails the one whose
 * slot the other reserved first (kvmhv_get_nested() finds the id taken):
 * that one takes the shadow the other made, so that an L1 never sees the
 * race. Only memory that stays short, or an L1 whose every shadow is in a
 * run, fails the run.
 */
static struct kvm_nested_guest *
kvmhv_papr_shadow_get(struct kvm *kvm, struct kvmhv_papr_guest *guest)
{
	struct kvm_nested_guest *gp = kvmhv_get_nested(kvm, guest->id, false);
	u32 id = guest->id;
	int i;

	if (gp)
		return gp;
	if (!kvmhv_papr_shadow_reserve(guest))
		return NULL;
	for (i = 0; !gp && i < KVMHV_PAPR_SHADOW_TRIES; i++) {
		gp = kvmhv_get_nested(kvm, id, true) ?:
		     kvmhv_get_nested(kvm, id, false);
		if (!gp)
			cond_resched();
	}
	return gp;
}

static long kvmhv_papr_run_locked(struct kvm_vcpu *vcpu,
				  struct kvmhv_papr_run *run, int *resume)
{
	struct kvm_nested_guest *gp;
	int r, idx, trap;
	bool counted;
	u64 tb[4];
	long ret;

	tb[0] = mftb();
	ret = kvmhv_papr_run_ready(run);
	if (ret != H_SUCCESS)
		return ret;
	idx = srcu_read_lock(&vcpu->kvm->srcu);
	ret = kvmhv_papr_run_input(vcpu, run);
	srcu_read_unlock(&vcpu->kvm->srcu, idx);
	if (ret != H_SUCCESS)
		return ret;

	gp = kvmhv_papr_shadow_get(vcpu->kvm, run->a.guest);
	if (!gp)
		return H_NOT_ENOUGH_RESOURCES;
	if (!gp->l1_gr_to_hr) {
		mutex_lock(&gp->tlb_lock);
		kvmhv_flush_nested(gp);
		mutex_unlock(&gp->tlb_lock);
	}
	kvmhv_papr_sync_vpa(vcpu->kvm, run->a.v);
	WRITE_ONCE(run->a.guest->last_run, jiffies);
	atomic_inc(&run->a.guest->running);
	WRITE_ONCE(run->a.v->runner, vcpu);
	/* Pairs with DELETE's barrier between its deleted and runner */
	smp_mb();
	counted = kvmhv_papr_vpa_dispatch(vcpu->kvm, run->a.v);
	tb[1] = mftb();
	r = kvmhv_papr_run_l2(vcpu, run, gp);
	tb[2] = mftb();
	kvmhv_papr_vpa_preempt(vcpu->kvm, run->a.v, counted);
	WRITE_ONCE(run->a.v->runner, NULL);
	atomic_dec(&run->a.guest->running);
	kvmhv_put_nested(gp);

	/*
	 * The L0 stops a run for its own reasons too (a signal, an interrupt
	 * for the L1, a deleted L2, an MMIO access for the VMM): the L1 then
	 * finds exit 0 and resumes. A signal or an MMIO access also ends
	 * KVM_RUN; the L1 resumes at the next one.
	 */
	trap = is_kvmppc_resume_guest(r) || r == -EINTR ? 0 : vcpu->arch.trap;
	if (r == -EINTR)
		*resume = -EINTR;
	if (vcpu->mmio_needed) {
		kvmhv_papr_mmio_needed(vcpu, run->lv, run->a.guest, run->a.v);
		*resume = RESUME_HOST;
		trap = 0;
	}
	kvmppc_set_gpr(vcpu, 4, trap);
	run->a.v->last_trap = trap;
	run->lv->last_exit = kvmhv_papr_stat_exit_index(trap);
	kvmhv_papr_stat_run(&run->a.l1->stats, &run->a.guest->stats,
			    run->lv->last_exit, tb[2] - tb[1]);
	trace_papr_kvm_run_exit(vcpu, run->a.guest->id, run->a.vcpu_id, trap,
				run->a.v->state.r.nia, tb[2] - tb[1]);

	idx = srcu_read_lock(&vcpu->kvm->srcu);
	ret = kvmhv_papr_run_output(vcpu, run, trap);
	srcu_read_unlock(&vcpu->kvm->srcu, idx);
	tb[3] = mftb();
	kvmhv_papr_l2_counters(vcpu, tb);
	return ret;
}

/* Snapshot of the guest-wide state the run uses, under its lock. */
static void kvmhv_papr_guest_snapshot(struct kvmhv_papr_guest *guest,
				      struct kvmhv_gsb_guest *g)
{
	mutex_lock(&guest->lock);
	*g = guest->state;
	mutex_unlock(&guest->lock);
}

/*
 * Run the L2 vCPU of @args on the L1 vCPU @vcpu until an exit the L1 must
 * see: the result of H_GUEST_RUN_VCPU, with the exit reason in R4. The
 * caller holds a reference to the L2.
 */
long kvmhv_papr_run_vcpu(struct kvm_vcpu *vcpu,
			 const struct kvmhv_papr_run_args *args, int *resume)
{
	struct kvmhv_papr_run run = {
		.a = *args,
		.lv = kvmhv_papr_l1_vcpu_get(args->l1, vcpu),
	};
	long ret;

	if (!run.lv)
		return H_NOT_ENOUGH_RESOURCES;
	kvmhv_papr_guest_snapshot(args->guest, &run.g);
	/* Another L1 vCPU runs it, or GETs or SETs its state */
	if (!mutex_trylock(&args->v->lock))
		return H_BUSY;
	ret = kvmhv_papr_run_locked(vcpu, &run, resume);
	mutex_unlock(&args->v->lock);
	return ret;
}
