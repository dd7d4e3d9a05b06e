/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts the L0 delivers into a v2 L2 (book3s_hv_papr_intr.c): those
 * the L1 leaves pending in the L2's LPCR[MER] and DPDES, and those it asks
 * for in H_GUEST_RUN_VCPU's flags.
 */
#ifndef __BOOK3S_HV_PAPR_INTR_H__
#define __BOOK3S_HV_PAPR_INTR_H__

#include <linux/bits.h>
#include <linux/kvm_host.h>

/* H_GUEST_RUN_VCPU flags: bits 0-2 in the architecture's numbering */
#define KVMHV_PAPR_RUN_EXTERNAL		BIT_ULL(63)
#define KVMHV_PAPR_RUN_DOORBELL		BIT_ULL(62)
#define KVMHV_PAPR_RUN_SRESET		BIT_ULL(61)
#define KVMHV_PAPR_RUN_FLAGS		(KVMHV_PAPR_RUN_EXTERNAL | \
					 KVMHV_PAPR_RUN_DOORBELL | \
					 KVMHV_PAPR_RUN_SRESET)

u64 kvmhv_papr_intr_pending(struct kvm_vcpu *vcpu, u64 flags, u64 lpcr);
void kvmhv_papr_intr_deliver(struct kvm_vcpu *vcpu, u64 *pending, u64 *lpcr);

#endif /* __BOOK3S_HV_PAPR_INTR_H__ */
