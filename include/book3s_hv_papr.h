/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The L0 side of the PAPR API v2 for nested guests (H_GUEST_* hypercalls).
 */
#ifndef __BOOK3S_HV_PAPR_H__
#define __BOOK3S_HV_PAPR_H__

#include <linux/kvm_host.h>

int kvmhv_papr_init(void);
void kvmhv_papr_exit(void);

/* Serves H_GUEST_* for an L1 that may use v2; false leaves @req to KVM-HV. */
bool kvmhv_papr_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume);

/* Frees every L2 the L1 @kvm created. */
void kvmhv_papr_destroy_vm(struct kvm *kvm);

#endif /* __BOOK3S_HV_PAPR_H__ */
