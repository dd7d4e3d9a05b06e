// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VPAs the PAPR API v2 L0 writes around an L2 run: the L2 vCPU's own
 * (element 0x0C02), pinned while it is set and counting dispatches, and
 * the L1 vCPU's, in which the L1 may ask for the time it spends in and
 * around its L2s.
 *
 * The caller holds the L2 vCPU's lock (v->lock), which guards v->vpa and
 * v->vpa_gpa, or is freeing the vCPU. This file touches no other state of
 * the L2 and calls no other project file.
 */

#include <linux/kvm_host.h>
#include <asm/lppaca.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>

#include "book3s_hv_papr_vpa.h"

void kvmhv_papr_unpin_vpa(struct kvm *kvm, struct kvmhv_papr_vcpu *v)
{
	if (!v->vpa)
		return;
	kvmppc_unpin_guest_page(kvm, v->vpa, v->vpa_gpa, true);
	v->vpa = NULL;
}

/*
 * Follow the L2's VPA (element 0x0C02, ~0 for none) to the page it is in:
 * the SET made sure that its first 640 bytes are in one 4 KiB page. One
 * whose memory has gone since is not used.
 */
void kvmhv_papr_sync_vpa(struct kvm *kvm, struct kvmhv_papr_vcpu *v)
{
	u64 gpa = v->state.vpa;

	if (v->vpa && v->vpa_gpa == gpa)
		return;
	kvmhv_papr_unpin_vpa(kvm, v);
	if (gpa == ~0ULL)
		return;
	v->vpa = kvmppc_pin_guest_page(kvm, gpa, NULL);
	v->vpa_gpa = gpa;
}

/*
 * One more dispatch or preemption in the L2's VPA, a page of the L1's
 * memory: a migration of the L1 must carry it, as KVM-HV's own VPAs are
 * carried, so the page is dirty.
 */
static void kvmhv_papr_vpa_count(struct kvm *kvm, struct kvmhv_papr_vcpu *v)
{
	int idx;

	v->vpa->yield_count = cpu_to_be32(be32_to_cpu(v->vpa->yield_count) + 1);
	idx = srcu_read_lock(&kvm->srcu);
	mark_page_dirty(kvm, v->vpa_gpa >> PAGE_SHIFT);
	srcu_read_unlock(&kvm->srcu, idx);
}

/*
 * PAPR keeps an L2 vCPU's yield count even while it is dispatched and odd
 * while it is not (Linux's vcpu_is_dispatched()). The Linux L1 counts its
 * L2's dispatches itself, around each H_GUEST_RUN_VCPU as under v1, and
 * hands over an even count; only where the L1 leaves it odd does the L0
 * count, here and at the end of the run. Returns whether it did.
 */
bool kvmhv_papr_vpa_dispatch(struct kvm *kvm, struct kvmhv_papr_vcpu *v)
{
	if (!v->vpa || !(be32_to_cpu(v->vpa->yield_count) & 1))
		return false;
	kvmhv_papr_vpa_count(kvm, v);
	return true;
}

/* The end of a run the L0 counted the dispatch of: odd again. */
void kvmhv_papr_vpa_preempt(struct kvm *kvm, struct kvmhv_papr_vcpu *v,
			    bool counted)
{
	if (counted && v->vpa)
		kvmhv_papr_vpa_count(kvm, v);
}

/*
 * The L1 may ask, in its own VPA, for the time its vCPU spends switching
 * to the L2, running it and switching back (the Linux L1 does when its
 * kvm_guest_state tracepoints are on).
 */
void kvmhv_papr_l2_counters(struct kvm_vcpu *vcpu, const u64 tb[4])
{
	struct lppaca *lp = vcpu->arch.vpa.pinned_addr;

	if (!lp || !lp->l2_counters_enable)
		return;
	lp->l1_to_l2_cs_tb =
		cpu_to_be64(be64_to_cpu(lp->l1_to_l2_cs_tb) + tb[1] - tb[0]);
	lp->l2_runtime_tb =
		cpu_to_be64(be64_to_cpu(lp->l2_runtime_tb) + tb[2] - tb[1]);
	lp->l2_to_l1_cs_tb =
		cpu_to_be64(be64_to_cpu(lp->l2_to_l1_cs_tb) + tb[3] - tb[2]);
	vcpu->arch.vpa.dirty = true;
}
