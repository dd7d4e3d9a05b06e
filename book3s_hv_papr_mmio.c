// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO of a v2 L2 that the L1's VMM serves. An L2's access to a page the
 * L1 does not map leaves H_GUEST_RUN_VCPU for kvm.ko's MMIO emulation, and
 * KVM_RUN for the VMM (KVM_EXIT_MMIO). kvm.ko completes a load into the
 * L1's register of the same number at the next KVM_RUN, before KVM-HV
 * enters the L1; kvmhv_papr_vcpu_run() then moves the value on into the
 * L2's store and puts the L1's own value back. Loads into FP and vector
 * registers (rare for MMIO, and not handled by KVM's v1 L0 either) are
 * dropped rather than completed into the L1's own registers.
 *
 * The pending load lives in the L1 vCPU's struct kvmhv_papr_l1_vcpu, which
 * only that vCPU touches, and holds a reference to its L2; the L2 vCPU's
 * store is written under its lock. Nothing else of the L2 is touched here.
 */

#include <linux/kvm_host.h>
#include <asm/kvm_ppc.h>

#include "book3s_hv_papr.h"
#include "book3s_hv_papr_guest.h"
#include "book3s_hv_papr_mmio.h"

/* Called by the run path, holding v->lock, when a run ended in MMIO. */
void kvmhv_papr_mmio_needed(struct kvm_vcpu *vcpu,
			    struct kvmhv_papr_l1_vcpu *lv,
			    struct kvmhv_papr_guest *guest,
			    struct kvmhv_papr_vcpu *v)
{
	unsigned int reg = vcpu->arch.io_gpr;

	if (vcpu->mmio_is_write)
		return;
	if ((reg & KVM_MMIO_REG_EXT_MASK) != KVM_MMIO_REG_GPR) {
		vcpu->mmio_needed = 0;
		return;
	}
	kvmhv_papr_guest_hold(guest);
	lv->mmio_guest = guest;
	lv->mmio_v = v;
	lv->mmio_gpr = reg & KVM_MMIO_REG_MASK;
	lv->mmio_l1_gpr = vcpu->arch.regs.gpr[lv->mmio_gpr];
}

void kvmhv_papr_vcpu_run(struct kvm_vcpu *vcpu)
{
	struct kvmhv_papr_l1_vcpu *lv = kvmhv_papr_l1_vcpu_find(vcpu);
	struct kvmhv_papr_vcpu *v;

	if (!lv || !lv->mmio_guest)
		return;
	v = lv->mmio_v;
	mutex_lock(&v->lock);
	v->state.r.gpr[lv->mmio_gpr] = vcpu->arch.regs.gpr[lv->mmio_gpr];
	mutex_unlock(&v->lock);
	vcpu->arch.regs.gpr[lv->mmio_gpr] = lv->mmio_l1_gpr;
	kvmhv_papr_guest_put(lv->mmio_guest);
	lv->mmio_guest = NULL;
}
