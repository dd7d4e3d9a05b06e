/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * H_GUEST_RUN_VCPU's run path (book3s_hv_papr_run.c): enter an L2 vCPU,
 * take its exits, write the outputs.
 */
#ifndef __BOOK3S_HV_PAPR_RUN_H__
#define __BOOK3S_HV_PAPR_RUN_H__

#include <linux/kvm_host.h>

#include "book3s_hv_papr_guest.h"

/* What H_GUEST_RUN_VCPU names, checked by the hcall front */
struct kvmhv_papr_run_args {
	struct kvmhv_papr_l1 *l1;
	struct kvmhv_papr_guest *guest;	/* referenced */
	struct kvmhv_papr_vcpu *v;
	u64 vcpu_id;
	u64 flags;			/* KVMHV_PAPR_RUN_FLAGS */
};

long kvmhv_papr_run_vcpu(struct kvm_vcpu *vcpu,
			 const struct kvmhv_papr_run_args *args, int *resume);

#endif /* __BOOK3S_HV_PAPR_RUN_H__ */
