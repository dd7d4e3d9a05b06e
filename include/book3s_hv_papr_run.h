/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * H_GUEST_RUN_VCPU's run path (book3s_hv_papr_run.c): enter an L2 vCPU,
 * take its exits, write the outputs.
 */
#ifndef __BOOK3S_HV_PAPR_RUN_H__
#define __BOOK3S_HV_PAPR_RUN_H__

#include <linux/kvm_host.h>

#include "book3s_hv_papr_guest.h"

long kvmhv_papr_run_vcpu(struct kvm_vcpu *vcpu, struct kvmhv_papr_l1 *l1,
			 struct kvmhv_papr_guest *guest,
			 struct kvmhv_papr_vcpu *v, u32 vcpu_id, int *resume);

#endif /* __BOOK3S_HV_PAPR_RUN_H__ */
