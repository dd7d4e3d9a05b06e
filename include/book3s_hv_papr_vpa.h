/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VPAs around an L2 run (book3s_hv_papr_vpa.c): the L2 vCPU's own,
 * which the L0 pins and keeps the dispatch count of where the L1 does not,
 * and the L1 vCPU's, where the L0 adds up the time spent in and around
 * the L2.
 */
#ifndef __BOOK3S_HV_PAPR_VPA_H__
#define __BOOK3S_HV_PAPR_VPA_H__

#include <linux/kvm_host.h>

#include "book3s_hv_papr_guest.h"

void kvmhv_papr_sync_vpa(struct kvm *kvm, struct kvmhv_papr_vcpu *v);
void kvmhv_papr_unpin_vpa(struct kvm *kvm, struct kvmhv_papr_vcpu *v);
bool kvmhv_papr_vpa_dispatch(struct kvm *kvm, struct kvmhv_papr_vcpu *v);
void kvmhv_papr_vpa_preempt(struct kvm *kvm, struct kvmhv_papr_vcpu *v,
			    bool counted);

/*
 * The L1's switch and run times of one run: tb[0] the call, tb[1] the
 * entry into the L2, tb[2] the exit from it, tb[3] the answer.
 */
void kvmhv_papr_l2_counters(struct kvm_vcpu *vcpu, const u64 tb[4]);

#endif /* __BOOK3S_HV_PAPR_VPA_H__ */
