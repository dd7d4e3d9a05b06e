// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupts the L0 delivers into a v2 L2.
 *
 * An L1 in nestedv2 mode does not synthesize an L2's external interrupt
 * in the L2's registers, as it does under v1: it leaves it pending in the
 * L2's LPCR[MER] (the Linux L1 does) or asks for it in H_GUEST_RUN_VCPU's
 * flags, and a doorbell pending in DPDES. The L0 delivers them at each
 * entry into the L2, the way KVM-HV delivers its own guests' interrupts
 * on bare metal: when the L2's MSR[EE] is set, the interrupt is taken at
 * once, in software (SRR0/SRR1, then the vector and MSR that the L2's
 * LPCR[ILE] and LPCR[AIL] select); when it is clear, MER stays set for
 * the processor to raise the interrupt once the L2 sets EE. A system
 * reset asked for in the flags is taken whatever MSR[EE] says.
 *
 * Delivering in software also keeps the L0 independent of processors
 * that do not implement MER: QEMU's emulated POWER9 and POWER10 take no
 * mediated external interrupt (Documentation/papr-v2.rst).
 *
 * This file changes the L2's registers in vcpu->arch only, on the L1 vCPU
 * that runs the L2, between its swap in and its swap out; it knows
 * nothing of the L2's objects.
 */

#include <linux/kvm_host.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>
#include <asm/reg.h>

#include "book3s_hv_papr_intr.h"

#define KVMHV_PAPR_AIL_3_OFFSET	0xc000000000004000ULL

/*
 * The interrupts pending for the L2 at the start of a run: those of the
 * flags, and an external one where the L1 set LPCR[MER]. A doorbell is
 * pending in DPDES, where a flag puts it too.
 */
u64 kvmhv_papr_intr_pending(struct kvm_vcpu *vcpu, u64 flags, u64 lpcr)
{
	if (flags & KVMHV_PAPR_RUN_DOORBELL)
		vcpu->arch.doorbell_request = 1;
	if (lpcr & LPCR_MER)
		flags |= KVMHV_PAPR_RUN_EXTERNAL;
	return flags & ~KVMHV_PAPR_RUN_DOORBELL;
}

/* The MSR the L2's LPCR gives an interrupt, and where the vector is. */
static u64 kvmhv_papr_intr_msr(u64 msr, u64 lpcr, u64 *vec)
{
	u64 new_msr = MSR_SF | MSR_ME;

	if (lpcr & LPCR_ILE)
		new_msr |= MSR_LE;
	/* A transaction is suspended, as the processor does. */
	if (MSR_TM_TRANSACTIONAL(msr))
		new_msr |= MSR_TS_S;
	else
		new_msr |= msr & MSR_TS_MASK;
	/*
	 * LPCR[AIL] = 3 relocates the vector when the L2 runs translated,
	 * but not a system reset's. AIL = 2 is reserved from ISA 3.1 on,
	 * and KVM-HV does not offer it to its guests either.
	 */
	if (*vec != BOOK3S_INTERRUPT_SYSTEM_RESET &&
	    (lpcr & LPCR_AIL) == LPCR_AIL_3 &&
	    (msr & (MSR_IR | MSR_DR)) == (MSR_IR | MSR_DR)) {
		new_msr |= MSR_IR | MSR_DR;
		*vec += KVMHV_PAPR_AIL_3_OFFSET;
	}
	return new_msr;
}

static void kvmhv_papr_intr_take(struct kvm_vcpu *vcpu, u64 vec, u64 lpcr)
{
	u64 msr = vcpu->arch.shregs.msr;

	vcpu->arch.shregs.srr0 = vcpu->arch.regs.nip;
	vcpu->arch.shregs.srr1 = msr & SRR1_MSR_BITS;
	vcpu->arch.shregs.msr = kvmhv_papr_intr_msr(msr, lpcr, &vec);
	vcpu->arch.regs.nip = vec;
}

/*
 * Before an entry into the L2: take what is pending and can be taken, in
 * the architecture's order, and have @lpcr raise an external interrupt
 * that waits for MSR[EE]. @pending keeps what is still to be delivered.
 */
void kvmhv_papr_intr_deliver(struct kvm_vcpu *vcpu, u64 *pending, u64 *lpcr)
{
	if (*pending & KVMHV_PAPR_RUN_SRESET) {
		kvmhv_papr_intr_take(vcpu, BOOK3S_INTERRUPT_SYSTEM_RESET, *lpcr);
		*pending &= ~KVMHV_PAPR_RUN_SRESET;
	}
	if (!(vcpu->arch.shregs.msr & MSR_EE)) {
		if (*pending & KVMHV_PAPR_RUN_EXTERNAL)
			*lpcr |= LPCR_MER;
		return;
	}
	if (*pending & KVMHV_PAPR_RUN_EXTERNAL) {
		kvmhv_papr_intr_take(vcpu, BOOK3S_INTERRUPT_EXTERNAL, *lpcr);
		*pending &= ~KVMHV_PAPR_RUN_EXTERNAL;
		*lpcr &= ~LPCR_MER;
	} else if (vcpu->arch.doorbell_request) {
		kvmhv_papr_intr_take(vcpu, BOOK3S_INTERRUPT_DOORBELL, *lpcr);
		vcpu->arch.doorbell_request = 0;
	}
}
