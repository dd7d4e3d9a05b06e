/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure-VM init state machine (H_SVM_*, book3s_hv_svm.c): the entry
 * points the call-outs route to. See Documentation/svm.rst.
 *
 * On a kernel with CONFIG_PPC_UV, mainline's book3s_hv_uvmem.c is built
 * into the module instead (Kbuild says so) and serves H_SVM_* itself:
 * these entry points then leave every case to KVM-HV.
 */
#ifndef __BOOK3S_HV_SVM_H__
#define __BOOK3S_HV_SVM_H__

#include <linux/kvm_host.h>

#ifndef CONFIG_PPC_UV
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

#else
static inline int kvmhv_svm_init(void) { return 0; }
static inline void kvmhv_svm_exit(void) { }
static inline bool kvmhv_svm_available(void) { return false; }
static inline bool kvmhv_svm_hcall(struct kvm_vcpu *vcpu, unsigned long req,
				   int *resume)
{
	return false;
}

static inline void
kvmhv_svm_commit_memory_region(struct kvm *kvm,
			       const struct kvm_memory_slot *old,
			       const struct kvm_memory_slot *new,
			       enum kvm_mr_change change) { }
static inline void kvmhv_svm_destroy_vm(struct kvm *kvm) { }
#endif /* CONFIG_PPC_UV */

#endif /* __BOOK3S_HV_SVM_H__ */
