/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Call-outs from KVM-HV into papr-kvm.
 *
 * patches/<series>/ inserts calls to these functions into the upstream
 * KVM-HV sources; everything behind them lives in papr-kvm's own files.
 * For a VM that uses none of papr-kvm's features, each call-out leaves
 * KVM-HV's behaviour exactly as it was.
 */
#ifndef __BOOK3S_HV_HOOKS_H__
#define __BOOK3S_HV_HOOKS_H__

#include <linux/kvm_host.h>
#include <asm/kvm_ppc.h>
#include <asm/kvm_book3s.h>

/* Module init, after KVM-HV's own set-up; an error fails the load. */
int kvmhv_hook_init(void);
void kvmhv_hook_exit(void);

void kvmhv_hook_destroy_vm(struct kvm *kvm);

/*
 * Hypercall dispatch, before KVM-HV's own. Returns true when papr-kvm
 * served the hypercall, with the kvmppc_pseries_do_hcall() result in
 * *resume.
 */
bool kvmhv_hook_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume);

/*
 * KVM_CAP_PPC_SECURE_GUEST, from kvmhv_enable_svm(): an Ultravisor that
 * papr-kvm drives serves secure VMs, where KVM-HV's own has none.
 */
bool kvmhv_hook_svm_available(void);

/* A memory slot change, at the end of KVM-HV's commit of it. */
void kvmhv_hook_commit_memory_region(struct kvm *kvm,
				     const struct kvm_memory_slot *old,
				     const struct kvm_memory_slot *new,
				     enum kvm_mr_change change);

/*
 * In kvmhv_p9_guest_entry(), at an L1's system call exit with hypercall
 * @req: whether it enters an L2 as H_ENTER_NESTED does, so that the L1
 * vCPU's XIVE escalation is rearmed before the L2 runs.
 */
bool kvmhv_hook_enters_l2(struct kvm_vcpu *vcpu, unsigned long req);

/*
 * H_RPT_INVALIDATE, from an L1 or from an L2 that the L0 serves itself:
 * whether KVM-HV may walk [@start, @end); it answers H_PARAMETER if not.
 */
bool kvmhv_hook_rpt_range_ok(unsigned long start, unsigned long end);

/*
 * H_COPY_TOFROM_GUEST: whether KVM-HV may allocate and copy @n bytes for
 * the L1; it answers H_PARAMETER if not.
 */
bool kvmhv_hook_copy_size_ok(unsigned long n);

/*
 * vCPU run entry, after KVM's generic completion of the previous exit:
 * completes exits that KVM's own completion does not know.
 */
void kvmhv_hook_vcpu_run(struct kvm_vcpu *vcpu);

/*
 * A VM ioctl that KVM-HV does not know, from its arch_vm_ioctl's default
 * case: papr-kvm's result, or -ENOTTY as before.
 */
int kvmhv_hook_vm_ioctl(struct kvm *kvm, unsigned int ioctl,
			unsigned long arg);

/*
 * The partition-table entry of nested guest @gp: 0 with *pate filled in,
 * another errno when it cannot be had, or -ENOENT when the L1 keeps its
 * partition table in its own memory (nested API v1).
 */
int kvmhv_hook_read_pate(struct kvm_nested_guest *gp, struct patb_entry *pate);

/*
 * A page-table page of @bytes linked into the partition-scoped tree of
 * LPID @lpid of @kvm (its own, or a nested guest's shadow), or freed from
 * it (@bytes negative). Under kvm->mmu_lock, or with the tree unreachable.
 */
void kvmhv_hook_pgtable(struct kvm *kvm, u64 lpid, long bytes);

/* The first nested LPID that @kvm cannot use. */
unsigned long kvmhv_hook_nested_lpid_limit(struct kvm *kvm);

/*
 * H_ENTER_NESTED of a v1 L1, before KVM-HV makes the nested guest of LPID
 * @l1_lpid: false when the L1 holds its share of host LPIDs
 * (max_l2_lpids) and runs each of them; KVM-HV answers
 * H_NOT_ENOUGH_RESOURCES.
 */
bool kvmhv_hook_nested_reserve(struct kvm *kvm, int l1_lpid);

/*
 * kvmhv_vcpu_entry_p9_nested(), on a pseries host: the HDEC expiry to
 * pass to the parent's H_ENTER_NESTED for the time limit @time_limit.
 */
u64 kvmhv_hook_parent_hdec(u64 time_limit);

/*
 * KVM-HV functions that papr-kvm calls back (made callable by the patch):
 * kvmhv_flush_nested() drops a nested guest's shadow table, reloads its
 * partition-table entry and removes it once the entry is gone; the caller
 * holds gp->tlb_lock. kvmhv_remove_nested() removes a nested guest's
 * shadow, and with it the host LPID it holds, once no run uses it.
 */
void kvmhv_flush_nested(struct kvm_nested_guest *gp);
void kvmhv_remove_nested(struct kvm_nested_guest *gp);

#endif /* __BOOK3S_HV_HOOKS_H__ */
