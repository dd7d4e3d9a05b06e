/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An L2's MMIO load served by the L1's VMM (book3s_hv_papr_mmio.c).
 */
#ifndef __BOOK3S_HV_PAPR_MMIO_H__
#define __BOOK3S_HV_PAPR_MMIO_H__

#include <linux/kvm_host.h>

#include "book3s_hv_papr_guest.h"

void kvmhv_papr_mmio_needed(struct kvm_vcpu *vcpu,
			    struct kvmhv_papr_l1_vcpu *lv,
			    struct kvmhv_papr_guest *guest,
			    struct kvmhv_papr_vcpu *v);

#endif /* __BOOK3S_HV_PAPR_MMIO_H__ */
