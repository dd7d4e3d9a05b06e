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
 *
 * An MMIO store the L1 emulates itself, and reads the source GPR for: the
 * HDSI output buffer does not carry it, so the Linux L1 makes one GET per
 * store. An L2 stores to MMIO from few instructions (its drivers'
 * accessors), so the L0 remembers, per instruction, the GPR the L1 read
 * after the last HDSI there, and adds it to the output of the next HDSI
 * at the same NIA. A wrong guess costs 12 bytes of output; the value sent
 * is always the current one. The sites live in the L2 vCPU, under its lock.
 */

#include <linux/kvm_host.h>
#include <linux/unaligned.h>
#include <asm/kvm_asm.h>
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
	/* A hostile L1 may run this L2 vCPU elsewhere meanwhile: killable */
	if (!mutex_lock_killable(&v->lock)) {
		v->state.r.gpr[lv->mmio_gpr] = vcpu->arch.regs.gpr[lv->mmio_gpr];
		mutex_unlock(&v->lock);
	}
	vcpu->arch.regs.gpr[lv->mmio_gpr] = lv->mmio_l1_gpr;
	kvmhv_papr_guest_put(lv->mmio_guest);
	lv->mmio_guest = NULL;
}

static unsigned int kvmhv_papr_mmio_slot(u64 nia)
{
	return (nia >> 2) % KVMHV_PAPR_MMIO_SITES;
}

/*
 * A GET of @v's state, in the GSB @gsb that the GET filled: one GPR after
 * an HDSI is the source of an MMIO store.
 */
void kvmhv_papr_mmio_learn(struct kvmhv_papr_vcpu *v, const void *gsb,
			   size_t len)
{
	struct kvmhv_papr_mmio_site *site;
	u16 id;

	if (v->last_trap != BOOK3S_INTERRUPT_H_DATA_STORAGE ||
	    len < 2 * sizeof(u32) || get_unaligned_be32(gsb) != 1)
		return;
	id = get_unaligned_be16(gsb + sizeof(u32));
	if (id < KVMHV_GSID_GPR(0) || id > KVMHV_GSID_GPR(31))
		return;
	site = &v->mmio_sites[kvmhv_papr_mmio_slot(v->state.r.nia)];
	site->nia = v->state.r.nia;
	site->gpr_id = id;
}

/* The GPR for the output of an HDSI at @v's NIA, or 0 for none. */
u16 kvmhv_papr_mmio_hint(const struct kvmhv_papr_vcpu *v)
{
	const struct kvmhv_papr_mmio_site *site =
		&v->mmio_sites[kvmhv_papr_mmio_slot(v->state.r.nia)];

	return site->nia == v->state.r.nia ? site->gpr_id : 0;
}
