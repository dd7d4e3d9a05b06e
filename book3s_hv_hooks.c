// SPDX-License-Identifier: GPL-2.0-only
/*
 * papr-kvm's side of the call-outs that patches/<series>/ inserts into
 * KVM-HV. Each one routes to the feature that owns the case, and falls
 * back to KVM-HV's own behaviour for every VM that uses none of them.
 *
 * Terms: L0 is this host, L1 a guest that is itself a hypervisor, L2 a
 * guest of an L1.
 */

#define pr_fmt(fmt) "kvm-hv: " fmt

#include <linux/module.h>

#include "book3s_hv_hooks.h"
#include "book3s_hv_guard.h"
#include "book3s_hv_nested_share.h"
#include "book3s_hv_parent.h"
#include "book3s_hv_papr.h"
#include "book3s_hv_svm.h"
#include "epapr_hcall.h"
#include <uapi/linux/papr_kvm.h>

/* PAPR_KVM_VERSION comes from dkms.conf, through Kbuild. */

int kvmhv_hook_init(void)
{
	int r = kvmhv_papr_init();

	if (r)
		return r;
	r = kvmhv_svm_init();
	if (r) {
		kvmhv_papr_exit();
		return r;
	}
	pr_info("papr-kvm %s\n", PAPR_KVM_VERSION);
	return 0;
}

void kvmhv_hook_exit(void)
{
	kvmhv_svm_exit();
	kvmhv_papr_exit();
}

void kvmhv_hook_destroy_vm(struct kvm *kvm)
{
	kvmhv_papr_destroy_vm(kvm);
	kvmhv_epapr_destroy_vm(kvm);
	kvmhv_svm_destroy_vm(kvm);
}

bool kvmhv_hook_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume)
{
	return kvmhv_papr_hcall(vcpu, req, resume) ||
	       kvmhv_epapr_hcall(vcpu, req, resume) ||
	       kvmhv_svm_hcall(vcpu, req, resume);
}

bool kvmhv_hook_enters_l2(struct kvm_vcpu *vcpu, unsigned long req)
{
	return kvmhv_papr_enters_l2(vcpu, req);
}

bool kvmhv_hook_rpt_range_ok(unsigned long start, unsigned long end)
{
	return kvmhv_guard_rpt_range(start, end);
}

bool kvmhv_hook_copy_size_ok(unsigned long n)
{
	return kvmhv_guard_copy_size(n);
}

bool kvmhv_hook_svm_available(void)
{
	return kvmhv_svm_available();
}

void kvmhv_hook_commit_memory_region(struct kvm *kvm,
				     const struct kvm_memory_slot *old,
				     const struct kvm_memory_slot *new,
				     enum kvm_mr_change change)
{
	kvmhv_svm_commit_memory_region(kvm, old, new, change);
}

void kvmhv_hook_vcpu_run(struct kvm_vcpu *vcpu)
{
	kvmhv_papr_vcpu_run(vcpu);
	kvmhv_epapr_vcpu_run(vcpu);
}

/* papr-kvm's VM ioctls: include/uapi/linux/papr_kvm.h */
int kvmhv_hook_vm_ioctl(struct kvm *kvm, unsigned int ioctl,
			unsigned long arg)
{
	switch (ioctl) {
	case PAPR_KVM_CHECK_EXTENSION:
		return kvmhv_epapr_check_extension(arg) ?:
		       kvmhv_papr_state_check_extension(arg);
	case PAPR_KVM_ENABLE_CAP:
		return kvmhv_epapr_enable_cap(kvm, arg);
	case PAPR_KVM_GET_NESTED_STATE:
	case PAPR_KVM_SET_NESTED_STATE:
		return kvmhv_papr_state_ioctl(kvm, ioctl, arg);
	}
	return -ENOTTY;
}

int kvmhv_hook_read_pate(struct kvm_nested_guest *gp, struct patb_entry *pate)
{
	return kvmhv_papr_read_pate(gp, pate);
}

void kvmhv_hook_pgtable(struct kvm *kvm, u64 lpid, long bytes)
{
	kvmhv_papr_pgtable_account(kvm, lpid, bytes);
}

/* v2: the L2 ids; v1: the size of the L1's partition table (its PTCR). */
unsigned long kvmhv_hook_nested_lpid_limit(struct kvm *kvm)
{
	return kvmhv_papr_nested_lpid_limit(kvm) ?:
	       1ul << ((kvm->arch.l1_ptcr & PRTS_MASK) + 12 - 4);
}

/* An LPID beyond the table is KVM-HV's to refuse, with no LPID given back */
bool kvmhv_hook_nested_reserve(struct kvm *kvm, int l1_lpid)
{
	return l1_lpid >= kvmhv_hook_nested_lpid_limit(kvm) ||
	       kvmhv_nested_share_reserve(kvm, l1_lpid);
}

u64 kvmhv_hook_parent_hdec(u64 time_limit)
{
	return kvmhv_parent_hdec_expiry(time_limit);
}

MODULE_VERSION(PAPR_KVM_VERSION);
