/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An L2's MMIO load served by the L1's VMM, and the GPRs an L1 reads to
 * emulate its L2's MMIO stores (book3s_hv_papr_mmio.c).
 */
#ifndef __BOOK3S_HV_PAPR_MMIO_H__
#define __BOOK3S_HV_PAPR_MMIO_H__

#include <linux/kvm_host.h>

#include "book3s_hv_papr_guest.h"

void kvmhv_papr_mmio_needed(struct kvm_vcpu *vcpu,
			    struct kvmhv_papr_l1_vcpu *lv,
			    struct kvmhv_papr_guest *guest,
			    struct kvmhv_papr_vcpu *v);

void kvmhv_papr_mmio_learn(struct kvmhv_papr_vcpu *v, const void *gsb,
			   size_t len);
u16 kvmhv_papr_mmio_hint(const struct kvmhv_papr_vcpu *v);

#endif /* __BOOK3S_HV_PAPR_MMIO_H__ */
