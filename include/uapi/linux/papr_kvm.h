/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * papr-kvm's additions to the KVM userspace API on Book3S HV.
 *
 * struct kvm_run and the capability ioctls belong to kvm.ko, which
 * papr-kvm does not rebuild, so its capabilities are discovered and
 * enabled through two VM ioctls of its own, and its exit data overlays
 * the exit union of struct kvm_run. All numbers lie far outside the
 * ranges mainline KVM allocates from, so neither can ever collide.
 * See Documentation/api.rst.
 */
#ifndef _UAPI_LINUX_PAPR_KVM_H
#define _UAPI_LINUX_PAPR_KVM_H

/* Base of papr-kvm's exit reasons and capability numbers ("PK"). */
#define PAPR_KVM_NR_BASE		0x504b0000

/* Exit reason: an ePAPR hypercall for userspace, see kvm_run_epapr_hcall() */
#define KVM_EXIT_EPAPR_HCALL		(PAPR_KVM_NR_BASE + 1)

/* Capability: ePAPR hypercalls exit to userspace (VM, enable only) */
#define KVM_CAP_EXIT_EPAPR_HCALL	(PAPR_KVM_NR_BASE + 1)

/*
 * Capability: the nested state a PAPR API v2 L0 holds for an L1 can be
 * read and written by its VMM (PAPR_KVM_{GET,SET}_NESTED_STATE). Checking
 * it gives the newest format the module reads and writes.
 */
#define KVM_CAP_PAPR_NESTED_STATE	(PAPR_KVM_NR_BASE + 2)

/*
 * ePAPR hypercalls of the KVM vendor (EV_KVM_VENDOR_ID) that papr-kvm
 * adds. They sit well above mainline's KVM_HC_* numbers and below 32, so
 * that KVM_HC_FEATURES can list them to a guest in 32-bit mode.
 */
#define KVM_HC_VM_RESET			30
#define KVM_HC_VM_SHUTDOWN		31

/*
 * The ePAPR hypercall instruction sequence of a Book3S HV guest, as the
 * "hcall-instructions" property of the device tree's /hypervisor node
 * gives it: R3 (the first argument) moves to R0, a PAPR hypercall token
 * that no PAPR platform, KVM or QEMU uses goes into R3, and "sc 1" enters
 * the hypervisor. R0 is clobbered, as the ePAPR calling convention
 * allows.
 */
#define KVM_EPAPR_HCALL_TOKEN		0x7e00
#define KVM_EPAPR_HCALL_INSN0		0x7c601b78	/* mr	r0, r3 */
#define KVM_EPAPR_HCALL_INSN1		0x38607e00	/* li	r3, 0x7e00 */
#define KVM_EPAPR_HCALL_INSN2		0x44000022	/* sc	1 */
#define KVM_EPAPR_HCALL_INSN3		0x60000000	/* nop */
#define KVM_EPAPR_HCALL_NR_INSNS	4

/*
 * With the software Ultravisor (the soft_uv module parameter), a hypercall
 * made with this value in R0 comes from the Ultravisor's context, as one
 * with SRR1[S] set does on hardware. See Documentation/svm.rst.
 */
#define PAPR_KVM_SOFT_UV_CONTEXT	(PAPR_KVM_NR_BASE + 0x5556)

#ifndef __ASSEMBLER__

#include <linux/ioctl.h>
#include <linux/kvm.h>
#include <linux/types.h>

/*
 * VM ioctls, served by papr-kvm's kvm-hv.ko. They work like
 * KVM_CHECK_EXTENSION and KVM_ENABLE_CAP, for papr-kvm's capabilities
 * only; a kvm-hv.ko without papr-kvm fails them with ENOTTY. The type
 * byte is not KVMIO, so no KVM ioctl can ever take these numbers.
 */
#define PAPR_KVMIO			0xd0
#define PAPR_KVM_CHECK_EXTENSION	_IO(PAPR_KVMIO, 0x00)
#define PAPR_KVM_ENABLE_CAP		_IOW(PAPR_KVMIO, 0x01, struct kvm_enable_cap)
#define PAPR_KVM_GET_NESTED_STATE	_IOWR(PAPR_KVMIO, 0x02, struct papr_kvm_nested_state)
#define PAPR_KVM_SET_NESTED_STATE	_IOW(PAPR_KVMIO, 0x03, struct papr_kvm_nested_state)

/*
 * KVM_EXIT_EPAPR_HCALL: nr is the guest's R11 and args[i] its R(3 + i) at
 * the call. The next KVM_RUN returns ret in R3 and args[1..7] in R4-R10.
 * For a guest not in 64-bit mode, the upper 32 bits of every value are
 * zero both ways.
 */
struct kvm_epapr_hcall {
	__u64 nr;
	__u64 ret;
	__u64 args[8];
};

/* The exit data, in the exit union of struct kvm_run (<linux/kvm.h>). */
#define kvm_run_epapr_hcall(run) \
	((struct kvm_epapr_hcall *)(void *)(run)->padding)

/*
 * The nested state of a VM: what the L0 holds for an L1 that uses the
 * PAPR API v2, which is the whole state of its L2s. A header, then
 * nr_records records, each 8-byte aligned: a struct papr_kvm_nested_record
 * and a Guest State Buffer of len bytes (elements as H_GUEST_GET_STATE
 * returns them, Documentation/gsb.rst). See Documentation/api.rst.
 */
#define PAPR_KVM_NESTED_STATE_V1	1

struct papr_kvm_nested_state {
	__u32 format;		/* PAPR_KVM_NESTED_STATE_V1 */
	__u32 flags;		/* none defined: 0 */
	__u64 size;		/* bytes at this address, header included */
	__u64 caps;		/* the H_GUEST_CAP_* modes the L1 agreed, or 0 */
	__u32 nr_records;
	__u32 reserved;		/* 0 */
	__u64 reserved2;	/* 0 */
	__u8 records[];
};

/* A guest (an L2): its guest-wide elements */
#define PAPR_KVM_NESTED_REC_GUEST	1
/* One vCPU of an L2: its thread-wide elements, TIDR and PSSCR */
#define PAPR_KVM_NESTED_REC_VCPU	2
/* An L2's MMIO load that completes at an L1 vCPU's next KVM_RUN */
#define PAPR_KVM_NESTED_REC_LOAD	3

struct papr_kvm_nested_record {
	__u16 type;		/* PAPR_KVM_NESTED_REC_* */
	__u16 flags;		/* none defined: 0 */
	__u32 len;		/* bytes of the GSB after the record, or 0 */
	__u32 guest_id;		/* the L2 */
	__u32 reserved;		/* 0 */
	__u64 vcpu_id;		/* VCPU, LOAD: the L2's vCPU */
	union {
		struct {		/* VCPU: registers no element carries */
			__u64 tidr;
			__u64 psscr;
		} vcpu;
		struct {		/* LOAD */
			__u32 l1_vcpu;	/* the L1 vCPU's index */
			__u32 gpr;	/* the L2's and the L1's GPR number */
			__u64 l1_value;	/* the L1's own value of it */
		} load;
		__u64 pad[2];
	};
};

#endif /* __ASSEMBLER__ */

#endif /* _UAPI_LINUX_PAPR_KVM_H */
