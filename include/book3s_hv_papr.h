/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The L0 side of the PAPR API v2 for nested guests (H_GUEST_* hypercalls):
 * what the call-outs route to. The hcall front (book3s_hv_papr.c) serves
 * the hypercalls; the L2 objects (book3s_hv_papr_guest.c) answer for their
 * lifetime and shadow; the MMIO completion (book3s_hv_papr_mmio.c) runs at
 * KVM_RUN.
 */
#ifndef __BOOK3S_HV_PAPR_H__
#define __BOOK3S_HV_PAPR_H__

#include <linux/kvm_host.h>

/* book3s_hv_papr.c */
int kvmhv_papr_init(void);
void kvmhv_papr_exit(void);

/* Serves H_GUEST_* for an L1 that may use v2; false leaves @req to KVM-HV. */
bool kvmhv_papr_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume);
/* Whether hypercall @req of the L1 vCPU is an H_GUEST_RUN_VCPU it serves */
bool kvmhv_papr_enters_l2(struct kvm_vcpu *vcpu, unsigned long req);
/* Whether @kvm may take a saved L1 state that agreed the modes @caps */
bool kvmhv_papr_caps_restorable(struct kvm *kvm, u64 caps);

/*
 * book3s_hv_papr_state.c: PAPR_KVM_{GET,SET}_NESTED_STATE, and the format
 * version PAPR_KVM_CHECK_EXTENSION gives for @cap (0 if it is not theirs).
 */
int kvmhv_papr_state_ioctl(struct kvm *kvm, unsigned int ioctl,
			   unsigned long arg);
int kvmhv_papr_state_check_extension(unsigned long cap);

/* book3s_hv_papr_mmio.c: at KVM_RUN, completes an L2's MMIO load. */
void kvmhv_papr_vcpu_run(struct kvm_vcpu *vcpu);

/* book3s_hv_papr_guest.c: frees every L2 the L1 @kvm created. */
void kvmhv_papr_destroy_vm(struct kvm *kvm);

/*
 * book3s_hv_papr_guest.c: the partition-table entry of a v2 L1's L2, as
 * kvmhv_hook_read_pate() gives it; -ENOENT when @gp's L1 does not use v2.
 */
int kvmhv_papr_read_pate(struct kvm_nested_guest *gp, struct patb_entry *pate);

/*
 * book3s_hv_papr_guest.c: the first L2 id a v2 L1 cannot use, or 0 when
 * @kvm does not use v2.
 */
unsigned long kvmhv_papr_nested_lpid_limit(struct kvm *kvm);

/*
 * book3s_hv_papr_guest.c: a page-table page linked into or freed from the
 * tree of LPID @lpid, counted when it is a shadow of a v2 L1's L2.
 */
void kvmhv_papr_pgtable_account(struct kvm *kvm, u64 lpid, long bytes);

#endif /* __BOOK3S_HV_PAPR_H__ */
