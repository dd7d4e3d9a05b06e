/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ePAPR hypercalls forwarded to userspace (KVM_EXIT_EPAPR_HCALL), the VM
 * reset and shutdown hypercalls and KVM_HC_FEATURES: the entry points the
 * call-outs route to.
 */
#ifndef __EPAPR_HCALL_H__
#define __EPAPR_HCALL_H__

#include <linux/kvm_host.h>

/*
 * An ePAPR hypercall of a VM that enabled KVM_CAP_EXIT_EPAPR_HCALL.
 * Returns true when it was one, with the kvmppc_pseries_do_hcall() result
 * in *resume.
 */
bool kvmhv_epapr_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume);

/* Completes a KVM_EXIT_EPAPR_HCALL before the vCPU enters the guest. */
void kvmhv_epapr_vcpu_run(struct kvm_vcpu *vcpu);

/* PAPR_KVM_CHECK_EXTENSION of @cap: 1 for KVM_CAP_EXIT_EPAPR_HCALL */
int kvmhv_epapr_check_extension(unsigned long cap);
/* PAPR_KVM_ENABLE_CAP, the only capability to enable */
int kvmhv_epapr_enable_cap(struct kvm *kvm, unsigned long arg);

void kvmhv_epapr_destroy_vm(struct kvm *kvm);

#endif /* __EPAPR_HCALL_H__ */
