// SPDX-License-Identifier: GPL-2.0-only
/*
 * ePAPR hypercalls on KVM-HV, forwarded to userspace.
 *
 * An ePAPR hypercall takes its number in R11 and up to eight arguments in
 * R3-R10, and returns a status in R3 and up to seven values in R4-R10. In
 * an HV guest only "sc 1" reaches the hypervisor, and KVM-HV reads every
 * "sc 1" as a PAPR hypercall numbered by R3. The sequence the device tree
 * advertises (KVM_EPAPR_HCALL_INSN0-3) therefore moves the first argument
 * to R0 and loads R3 with KVM_EPAPR_HCALL_TOKEN, a number that no PAPR
 * hypercall, KVM-HV or QEMU uses: no PAPR hypercall can be taken for an
 * ePAPR one, and R4-R11 keep the ePAPR convention.
 *
 * Once the VMM has enabled KVM_CAP_EXIT_EPAPR_HCALL on the VM:
 * - KVM_HC_FEATURES is answered here;
 * - KVM_HC_VM_RESET and KVM_HC_VM_SHUTDOWN exit as KVM_EXIT_SYSTEM_EVENT,
 *   which VMMs already act on;
 * - any other ePAPR hypercall exits as KVM_EXIT_EPAPR_HCALL, and the next
 *   KVM_RUN completes it with the ePAPR register layout.
 * In a VM that has not, the token is an unknown PAPR hypercall, which
 * KVM-HV leaves to userspace as KVM_EXIT_PAPR_HCALL, as it always did.
 */
#include <linux/bitmap.h>
#include <linux/kvm_para.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>
#include <uapi/linux/papr_kvm.h>

#include "book3s_hv_hooks.h"
#include "book3s_hv.h"
#include "epapr_hcall.h"
#include "trace_papr.h"

/* KVM_HC_FEATURES: bit n set when KVM vendor hypercall n is served. */
#define EPAPR_KVM_FEATURES	(BIT(KVM_HC_FEATURES) | BIT(KVM_HC_VM_RESET) | \
				 BIT(KVM_HC_VM_SHUTDOWN))

struct epapr_vm {
	/*
	 * The vCPUs, by vcpu_idx, that owe their guest the completion of a
	 * KVM_EXIT_EPAPR_HCALL. Each vCPU changes only its own bit, from its
	 * own KVM_RUN; the bit operations are atomic for its neighbours'.
	 */
	DECLARE_BITMAP(pending, KVM_MAX_VCPUS);
};

/*
 * The VMs that enabled KVM_CAP_EXIT_EPAPR_HCALL, by LPID, which is unique
 * among live VMs. An entry is removed only when its VM is destroyed, when
 * no vCPU of it runs any more, so its readers need no lock of their own.
 */
static DEFINE_XARRAY(epapr_vms);

static struct epapr_vm *epapr_vm_of(struct kvm *kvm)
{
	return xa_load(&epapr_vms, kvm->arch.lpid);
}

/* A guest not in 64-bit mode passes and receives 32-bit values only. */
static u64 epapr_reg_mask(struct kvm_vcpu *vcpu)
{
	return (__kvmppc_get_msr_hv(vcpu) & MSR_SF) ? U64_MAX : U32_MAX;
}

/* Argument @i was in R(3 + i); the sequence moved the first one to R0. */
static unsigned long epapr_get_arg(struct kvm_vcpu *vcpu, int i)
{
	return kvmppc_get_gpr(vcpu, i ? 3 + i : 0);
}

static int epapr_features(struct kvm_vcpu *vcpu)
{
	kvmppc_set_gpr(vcpu, 3, EV_SUCCESS);
	kvmppc_set_gpr(vcpu, 4, EPAPR_KVM_FEATURES);
	return RESUME_GUEST;
}

/*
 * Reset and shutdown do not return when the VMM carries them out. A VMM
 * that runs the vCPU on instead has refused them: the guest finds
 * EV_INTERNAL in R3, put there now so that nothing is left pending.
 */
static int epapr_system_event(struct kvm_vcpu *vcpu, u32 type)
{
	struct kvm_run *run = vcpu->run;

	kvmppc_set_gpr(vcpu, 3, EV_INTERNAL);
	memset(&run->system_event, 0, sizeof(run->system_event));
	run->system_event.type = type;
	run->exit_reason = KVM_EXIT_SYSTEM_EVENT;
	return RESUME_HOST;
}

static int epapr_exit_to_user(struct kvm_vcpu *vcpu, struct epapr_vm *evm,
			      u64 nr, u64 mask)
{
	struct kvm_epapr_hcall *hc = kvm_run_epapr_hcall(vcpu->run);
	int i;

	BUILD_BUG_ON(sizeof(*hc) > sizeof(vcpu->run->padding));
	hc->nr = nr;
	/* The answer of a VMM that leaves the call alone */
	hc->ret = EV_UNIMPLEMENTED;
	for (i = 0; i < ARRAY_SIZE(hc->args); i++)
		hc->args[i] = epapr_get_arg(vcpu, i) & mask;
	vcpu->run->exit_reason = KVM_EXIT_EPAPR_HCALL;
	set_bit(vcpu->vcpu_idx, evm->pending);
	trace_papr_kvm_epapr_exit(vcpu, nr);
	return RESUME_HOST;
}

bool kvmhv_epapr_hcall(struct kvm_vcpu *vcpu, unsigned long req, int *resume)
{
	struct epapr_vm *evm;
	u64 mask, nr;

	if (req != KVM_EPAPR_HCALL_TOKEN)
		return false;
	evm = epapr_vm_of(vcpu->kvm);
	if (!evm)
		return false;

	/* kvm.ko must not complete this one with the PAPR layout. */
	vcpu->arch.hcall_needed = 0;
	mask = epapr_reg_mask(vcpu);
	nr = kvmppc_get_gpr(vcpu, 11) & mask;
	switch (nr) {
	case KVM_HCALL_TOKEN(KVM_HC_FEATURES):
		*resume = epapr_features(vcpu);
		break;
	case KVM_HCALL_TOKEN(KVM_HC_VM_RESET):
		*resume = epapr_system_event(vcpu, KVM_SYSTEM_EVENT_RESET);
		break;
	case KVM_HCALL_TOKEN(KVM_HC_VM_SHUTDOWN):
		*resume = epapr_system_event(vcpu, KVM_SYSTEM_EVENT_SHUTDOWN);
		break;
	default:
		*resume = epapr_exit_to_user(vcpu, evm, nr, mask);
	}
	return true;
}

/*
 * The exit is completed here rather than when KVM_RUN starts, so that a
 * KVM_RUN that ends before entering the guest (a pending signal,
 * immediate_exit) leaves it pending for the next one.
 */
void kvmhv_epapr_vcpu_run(struct kvm_vcpu *vcpu)
{
	struct epapr_vm *evm = epapr_vm_of(vcpu->kvm);
	struct kvm_epapr_hcall *hc;
	u64 mask;
	int i;

	if (!evm || !test_and_clear_bit(vcpu->vcpu_idx, evm->pending))
		return;
	hc = kvm_run_epapr_hcall(vcpu->run);
	mask = epapr_reg_mask(vcpu);
	kvmppc_set_gpr(vcpu, 3, hc->ret & mask);
	/* R3 carries ret: outputs keep their argument's register, R4-R10. */
	for (i = 1; i < ARRAY_SIZE(hc->args); i++)
		kvmppc_set_gpr(vcpu, 3 + i, hc->args[i] & mask);
}

static int epapr_enable(struct kvm *kvm)
{
	struct epapr_vm *evm = kzalloc(sizeof(*evm), GFP_KERNEL_ACCOUNT);
	int r;

	if (!evm)
		return -ENOMEM;
	r = xa_insert(&epapr_vms, kvm->arch.lpid, evm, GFP_KERNEL_ACCOUNT);
	if (!r)
		return 0;
	kfree(evm);
	/* Enabled already */
	return r == -EBUSY ? 0 : r;
}

static int epapr_enable_cap(struct kvm *kvm, struct kvm_enable_cap __user *argp)
{
	struct kvm_enable_cap cap;

	if (copy_from_user(&cap, argp, sizeof(cap)))
		return -EFAULT;
	if (cap.cap != KVM_CAP_EXIT_EPAPR_HCALL || cap.flags ||
	    memchr_inv(cap.args, 0, sizeof(cap.args)))
		return -EINVAL;
	return epapr_enable(kvm);
}

int kvmhv_epapr_check_extension(unsigned long cap)
{
	return cap == KVM_CAP_EXIT_EPAPR_HCALL;
}

int kvmhv_epapr_enable_cap(struct kvm *kvm, unsigned long arg)
{
	return epapr_enable_cap(kvm, (void __user *)arg);
}

void kvmhv_epapr_destroy_vm(struct kvm *kvm)
{
	kfree(xa_erase(&epapr_vms, kvm->arch.lpid));
}
