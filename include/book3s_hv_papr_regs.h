/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The register swap of an L2 run (book3s_hv_papr_regs.c): the L1 vCPU's
 * registers out of vcpu->arch and the L2's in, and back.
 */
#ifndef __BOOK3S_HV_PAPR_REGS_H__
#define __BOOK3S_HV_PAPR_REGS_H__

#include <linux/kvm_host.h>

#include "book3s_hv_gsb.h"

/* What an L2 run changes in the L1 vCPU besides the store's registers */
struct kvmhv_papr_l1_timing {
	u64 tb_offset;
	u64 dec_expires;
	u64 pcr;
};

void kvmhv_papr_save_l1(struct kvm_vcpu *vcpu, struct kvmhv_gsb_vcpu *l1,
			struct kvmhv_papr_l1_timing *t);
u64 kvmhv_papr_load_l2(struct kvm_vcpu *vcpu, const struct kvmhv_gsb_vcpu *s,
		       const struct kvmhv_gsb_guest *g);
void kvmhv_papr_save_l2(struct kvm_vcpu *vcpu, struct kvmhv_gsb_vcpu *s,
			const struct kvmhv_gsb_guest *g);
void kvmhv_papr_restore_l1(struct kvm_vcpu *vcpu,
			   const struct kvmhv_gsb_vcpu *l1,
			   const struct kvmhv_papr_l1_timing *t,
			   const struct kvmhv_gsb_regs *before,
			   const struct kvmhv_gsb_regs *after);

#endif /* __BOOK3S_HV_PAPR_REGS_H__ */
