/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace events of papr-kvm (Documentation/observability.rst): the
 * H_GUEST_* hypercalls of an L1 and their answers, the exits of
 * H_GUEST_RUN_VCPU, GSB errors, the L2s' lifetime and shadows, the nested
 * hypercalls KVM-HV serves a v2 L1, the secure-VM calls and the ePAPR
 * exits. An L1 VM is named by its VMM's pid, as its KVM debugfs directory
 * <pid>-<fd> is. Disabled events cost a static branch: their fields are
 * read only in TP_fast_assign.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM papr_kvm

#if !defined(_TRACE_PAPR_KVM_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_PAPR_KVM_H

#include <linux/kvm_host.h>
#include <linux/tracepoint.h>
#include <linux/unaligned.h>
#include <asm/hvcall.h>
#include <asm/kvm_ppc.h>

#include "book3s_hv_gsb.h"
#include "book3s_hv_papr_guest.h"

#ifndef H_PARTITION_PAGE_TABLE_NOT_DEFINED
#define H_PARTITION_PAGE_TABLE_NOT_DEFINED	-86
#endif

#define papr_kvm_hcalls							\
	{ H_GUEST_GET_CAPABILITIES,	"H_GUEST_GET_CAPABILITIES" },	\
	{ H_GUEST_SET_CAPABILITIES,	"H_GUEST_SET_CAPABILITIES" },	\
	{ H_GUEST_CREATE,		"H_GUEST_CREATE" },		\
	{ H_GUEST_CREATE_VCPU,		"H_GUEST_CREATE_VCPU" },	\
	{ H_GUEST_GET_STATE,		"H_GUEST_GET_STATE" },		\
	{ H_GUEST_SET_STATE,		"H_GUEST_SET_STATE" },		\
	{ H_GUEST_RUN_VCPU,		"H_GUEST_RUN_VCPU" },		\
	{ H_GUEST_DELETE,		"H_GUEST_DELETE" },		\
	{ H_SET_PARTITION_TABLE,	"H_SET_PARTITION_TABLE" },	\
	{ H_ENTER_NESTED,		"H_ENTER_NESTED" },		\
	{ H_COPY_TOFROM_GUEST,		"H_COPY_TOFROM_GUEST" },	\
	{ H_TLB_INVALIDATE,		"H_TLB_INVALIDATE" },		\
	{ H_RPT_INVALIDATE,		"H_RPT_INVALIDATE" },		\
	{ H_SVM_PAGE_IN,		"H_SVM_PAGE_IN" },		\
	{ H_SVM_PAGE_OUT,		"H_SVM_PAGE_OUT" },		\
	{ H_SVM_INIT_START,		"H_SVM_INIT_START" },		\
	{ H_SVM_INIT_DONE,		"H_SVM_INIT_DONE" },		\
	{ H_SVM_INIT_ABORT,		"H_SVM_INIT_ABORT" }

#define papr_kvm_codes							\
	{ H_SUCCESS,			"H_SUCCESS" },			\
	{ H_BUSY,			"H_BUSY" },			\
	{ H_HARDWARE,			"H_HARDWARE" },			\
	{ H_FUNCTION,			"H_FUNCTION" },			\
	{ H_PRIVILEGE,			"H_PRIVILEGE" },		\
	{ H_PARAMETER,			"H_PARAMETER" },		\
	{ H_P2,				"H_P2" },			\
	{ H_P3,				"H_P3" },			\
	{ H_P4,				"H_P4" },			\
	{ H_P5,				"H_P5" },			\
	{ H_NOT_ENOUGH_RESOURCES,	"H_NOT_ENOUGH_RESOURCES" },	\
	{ H_AUTHORITY,			"H_AUTHORITY" },		\
	{ H_IN_USE,			"H_IN_USE" },			\
	{ H_UNSUPPORTED,		"H_UNSUPPORTED" },		\
	{ H_STATE,			"H_STATE" },			\
	{ H_INVALID_ELEMENT_ID,		"H_INVALID_ELEMENT_ID" },	\
	{ H_INVALID_ELEMENT_SIZE,	"H_INVALID_ELEMENT_SIZE" },	\
	{ H_INVALID_ELEMENT_VALUE,	"H_INVALID_ELEMENT_VALUE" },	\
	{ H_INPUT_BUFFER_NOT_DEFINED,	"H_INPUT_BUFFER_NOT_DEFINED" },	\
	{ H_INPUT_BUFFER_TOO_SMALL,	"H_INPUT_BUFFER_TOO_SMALL" },	\
	{ H_OUTPUT_BUFFER_NOT_DEFINED,	"H_OUTPUT_BUFFER_NOT_DEFINED" }, \
	{ H_OUTPUT_BUFFER_TOO_SMALL,	"H_OUTPUT_BUFFER_TOO_SMALL" },	\
	{ H_PARTITION_PAGE_TABLE_NOT_DEFINED,				\
	  "H_PARTITION_PAGE_TABLE_NOT_DEFINED" }

/* The exit reasons of H_GUEST_RUN_VCPU; 0 is a stop of the L0's own */
#define papr_kvm_exits							\
	{ 0,				"L0_STOP" },			\
	{ BOOK3S_INTERRUPT_EXTERNAL,	"EXTERNAL" },			\
	{ BOOK3S_INTERRUPT_HV_DECREMENTER, "HV_DECREMENTER" },		\
	{ BOOK3S_INTERRUPT_SYSCALL,	"SYSCALL" },			\
	{ BOOK3S_INTERRUPT_H_DATA_STORAGE, "H_DATA_STORAGE" },		\
	{ BOOK3S_INTERRUPT_H_INST_STORAGE, "H_INST_STORAGE" },		\
	{ BOOK3S_INTERRUPT_H_EMUL_ASSIST, "H_EMUL_ASSIST" },		\
	{ BOOK3S_INTERRUPT_HMI,		"HMI" },			\
	{ BOOK3S_INTERRUPT_H_DOORBELL,	"H_DOORBELL" },			\
	{ BOOK3S_INTERRUPT_H_FAC_UNAVAIL, "H_FAC_UNAVAIL" }

#define papr_kvm_gsb_ops						\
	{ KVMHV_GSB_SET,		"SET" },			\
	{ KVMHV_GSB_GET,		"GET" },			\
	{ KVMHV_GSB_RUN_INPUT,		"RUN_INPUT" }

/* An H_GUEST_* hypercall as the L1 made it: flags, guest and vCPU ids. */
TRACE_EVENT(papr_kvm_hcall_enter,
	TP_PROTO(struct kvm_vcpu *vcpu, unsigned long req),
	TP_ARGS(vcpu, req),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(int,		vcpu)
		__field(unsigned long,	req)
		__field(u64,		flags)
		__field(u64,		guest)
		__field(u64,		l2_vcpu)
	),

	TP_fast_assign(
		__entry->vm	 = vcpu->kvm->userspace_pid;
		__entry->vcpu	 = vcpu->vcpu_id;
		__entry->req	 = req;
		__entry->flags	 = kvmppc_get_gpr(vcpu, 4);
		__entry->guest	 = kvmppc_get_gpr(vcpu, 5);
		__entry->l2_vcpu = kvmppc_get_gpr(vcpu, 6);
	),

	TP_printk("vm %d vcpu %d %s flags 0x%llx guest %llu l2_vcpu %llu",
		  __entry->vm, __entry->vcpu,
		  __print_symbolic(__entry->req, papr_kvm_hcalls),
		  __entry->flags, __entry->guest, __entry->l2_vcpu)
);

/* Its answer: R3, and R4 (an id, a bad element's index or offset...). */
TRACE_EVENT(papr_kvm_hcall_exit,
	TP_PROTO(struct kvm_vcpu *vcpu, unsigned long req, long ret),
	TP_ARGS(vcpu, req, ret),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(int,		vcpu)
		__field(unsigned long,	req)
		__field(long,		ret)
		__field(u64,		r4)
	),

	TP_fast_assign(
		__entry->vm	= vcpu->kvm->userspace_pid;
		__entry->vcpu	= vcpu->vcpu_id;
		__entry->req	= req;
		__entry->ret	= ret;
		__entry->r4	= kvmppc_get_gpr(vcpu, 4);
	),

	TP_printk("vm %d vcpu %d %s ret %s r4 0x%llx",
		  __entry->vm, __entry->vcpu,
		  __print_symbolic(__entry->req, papr_kvm_hcalls),
		  __print_symbolic(__entry->ret, papr_kvm_codes), __entry->r4)
);

/* An exit of H_GUEST_RUN_VCPU, and the time the L2 ran before it. */
TRACE_EVENT(papr_kvm_run_exit,
	TP_PROTO(struct kvm_vcpu *vcpu, u32 guest, u64 l2_vcpu, int trap,
		 u64 nia, u64 ticks),
	TP_ARGS(vcpu, guest, l2_vcpu, trap, nia, ticks),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(int,		vcpu)
		__field(u32,		guest)
		__field(u64,		l2_vcpu)
		__field(int,		trap)
		__field(u64,		nia)
		__field(u64,		ns)
	),

	TP_fast_assign(
		__entry->vm	 = vcpu->kvm->userspace_pid;
		__entry->vcpu	 = vcpu->vcpu_id;
		__entry->guest	 = guest;
		__entry->l2_vcpu = l2_vcpu;
		__entry->trap	 = trap;
		__entry->nia	 = nia;
		__entry->ns	 = div_u64(ticks * 1000, tb_ticks_per_usec);
	),

	TP_printk("vm %d vcpu %d guest %u l2_vcpu %llu exit %s nia 0x%llx in_l2_ns %llu",
		  __entry->vm, __entry->vcpu, __entry->guest, __entry->l2_vcpu,
		  __print_symbolic(__entry->trap, papr_kvm_exits),
		  __entry->nia, __entry->ns)
);

/* A GSB the L0 refused: the element, its index and byte offset. */
TRACE_EVENT(papr_kvm_gsb_error,
	TP_PROTO(struct kvm_vcpu *vcpu, enum kvmhv_gsb_op op, const u8 *buf,
		 size_t len, const struct kvmhv_gsb_err *err),
	TP_ARGS(vcpu, op, buf, len, err),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(int,		vcpu)
		__field(int,		op)
		__field(long,		ret)
		__field(u16,		id)
		__field(u32,		index)
		__field(u32,		offset)
	),

	TP_fast_assign(
		__entry->vm	= vcpu->kvm->userspace_pid;
		__entry->vcpu	= vcpu->vcpu_id;
		__entry->op	= op;
		__entry->ret	= err->rc;
		/* 0 where the error is the buffer's, not an element's */
		__entry->id	= err->offset && err->offset + 2 <= len ?
				  get_unaligned_be16(buf + err->offset) : 0;
		__entry->index	= err->index;
		__entry->offset	= err->offset;
	),

	TP_printk("vm %d vcpu %d %s %s element 0x%04x index %u offset %u",
		  __entry->vm, __entry->vcpu,
		  __print_symbolic(__entry->op, papr_kvm_gsb_ops),
		  __print_symbolic(__entry->ret, papr_kvm_codes),
		  __entry->id, __entry->index, __entry->offset)
);

DECLARE_EVENT_CLASS(papr_kvm_l2,
	TP_PROTO(struct kvm *kvm, u32 guest, u64 l2_vcpu),
	TP_ARGS(kvm, guest, l2_vcpu),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(u32,		guest)
		__field(u64,		l2_vcpu)
	),

	TP_fast_assign(
		__entry->vm	 = kvm->userspace_pid;
		__entry->guest	 = guest;
		__entry->l2_vcpu = l2_vcpu;
	),

	TP_printk("vm %d guest %u l2_vcpu %llu", __entry->vm, __entry->guest,
		  __entry->l2_vcpu)
);

/* An L2 made by H_GUEST_CREATE (l2_vcpu 0) */
DEFINE_EVENT(papr_kvm_l2, papr_kvm_l2_create,
	TP_PROTO(struct kvm *kvm, u32 guest, u64 l2_vcpu),
	TP_ARGS(kvm, guest, l2_vcpu));

/* An L2 vCPU made by H_GUEST_CREATE_VCPU */
DEFINE_EVENT(papr_kvm_l2, papr_kvm_l2_vcpu_create,
	TP_PROTO(struct kvm *kvm, u32 guest, u64 l2_vcpu),
	TP_ARGS(kvm, guest, l2_vcpu));

/* An L2 unlinked: deleted by the L1, or with all of them (l2_vcpu 0) */
DEFINE_EVENT(papr_kvm_l2, papr_kvm_l2_delete,
	TP_PROTO(struct kvm *kvm, u32 guest, u64 l2_vcpu),
	TP_ARGS(kvm, guest, l2_vcpu));

#define papr_kvm_shadow_whys						\
	{ KVMHV_PAPR_SHADOW_FLUSH,	"flush" },			\
	{ KVMHV_PAPR_SHADOW_RECYCLE,	"recycle" },			\
	{ KVMHV_PAPR_SHADOW_RECLAIM,	"reclaim" }

/*
 * An L2's shadow page table flushed (its tables changed, or it was
 * deleted), its shadow and host LPID given back (max_l2_lpids), or its
 * tables flushed for their size (max_l2_pgtable_kb).
 */
TRACE_EVENT(papr_kvm_shadow,
	TP_PROTO(struct kvm *kvm, u32 guest, enum kvmhv_papr_shadow_why why),
	TP_ARGS(kvm, guest, why),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(u32,		guest)
		__field(int,		why)
	),

	TP_fast_assign(
		__entry->vm	= kvm->userspace_pid;
		__entry->guest	= guest;
		__entry->why	= why;
	),

	TP_printk("vm %d guest %u %s", __entry->vm, __entry->guest,
		  __print_symbolic(__entry->why, papr_kvm_shadow_whys))
);

/*
 * A hypercall of a v2 L1 that KVM-HV serves itself (H_COPY_TOFROM_GUEST,
 * H_TLB_INVALIDATE, H_RPT_INVALIDATE), or a secure-VM call, with its
 * arguments R4-R8; KVM-HV's kvm_hcall_exit event gives its answer.
 */
TRACE_EVENT(papr_kvm_hcall_args,
	TP_PROTO(struct kvm_vcpu *vcpu, unsigned long req),
	TP_ARGS(vcpu, req),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(int,		vcpu)
		__field(unsigned long,	req)
		__array(u64,		args, 5)
	),

	TP_fast_assign(
		int i;

		__entry->vm	= vcpu->kvm->userspace_pid;
		__entry->vcpu	= vcpu->vcpu_id;
		__entry->req	= req;
		for (i = 0; i < 5; i++)
			__entry->args[i] = kvmppc_get_gpr(vcpu, 4 + i);
	),

	TP_printk("vm %d vcpu %d %s 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx",
		  __entry->vm, __entry->vcpu,
		  __print_symbolic(__entry->req, papr_kvm_hcalls),
		  __entry->args[0], __entry->args[1], __entry->args[2],
		  __entry->args[3], __entry->args[4])
);

/* An ePAPR hypercall forwarded to the VMM (KVM_EXIT_EPAPR_HCALL) */
TRACE_EVENT(papr_kvm_epapr_exit,
	TP_PROTO(struct kvm_vcpu *vcpu, u64 nr),
	TP_ARGS(vcpu, nr),

	TP_STRUCT__entry(
		__field(pid_t,		vm)
		__field(int,		vcpu)
		__field(u64,		nr)
	),

	TP_fast_assign(
		__entry->vm	= vcpu->kvm->userspace_pid;
		__entry->vcpu	= vcpu->vcpu_id;
		__entry->nr	= nr;
	),

	TP_printk("vm %d vcpu %d nr 0x%llx", __entry->vm, __entry->vcpu,
		  __entry->nr)
);

#endif /* _TRACE_PAPR_KVM_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace_papr

#include <trace/define_trace.h>
