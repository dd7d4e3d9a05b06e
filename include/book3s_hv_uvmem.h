/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure-VM init state machine (H_SVM_*): the entry points the
 * call-outs route to. See Documentation/svm.rst.
 */
#ifndef __BOOK3S_HV_UVMEM_H__
#define __BOOK3S_HV_UVMEM_H__

#include <linux/kvm_host.h>

int kvmhv_svm_init(void);
void kvmhv_svm_exit(void);

/* An Ultravisor, real or software, serves secure VMs. */
bool kvmhv_svm_available(void);

/*
 * An H_SVM_* hypercall, when an Ultravisor serves them. Returns true when
 * it was one, with the kvmppc_pseries_do_hcall() result in *resume.
 */
bool kvmhv_svm_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume);

void kvmhv_svm_commit_memory_region(struct kvm *kvm,
				    const struct kvm_memory_slot *old,
				    const struct kvm_memory_slot *new,
				    enum kvm_mr_change change);

void kvmhv_svm_destroy_vm(struct kvm *kvm);

#endif /* __BOOK3S_HV_UVMEM_H__ */
