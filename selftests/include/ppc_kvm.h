/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small library for KVM-HV selftests on ppc64: create a VM with one
 * memory slot, load a guest payload, add vCPUs that run in the PAPR
 * environment, run them and serve their ucalls.
 */
#ifndef SELFTESTS_PPC_KVM_H
#define SELFTESTS_PPC_KVM_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/kvm.h>

#include "compat.h"
#include "ucall.h"

struct vm {
	int kvm_fd;
	int fd;
	void *mem;
	size_t mem_size;
};

struct vcpu {
	struct vm *vm;
	int fd;
	int id;
	struct kvm_run *run;
	size_t run_size;
};

enum guest_outcome {
	GUEST_DONE,		/* returned from guest_main */
	GUEST_FAILED,		/* a guest assertion failed */
	GUEST_EXCEPTION,	/* an unexpected interrupt in the guest */
	GUEST_UNEXPECTED_EXIT,	/* an exit nobody served */
	GUEST_HOST_ERROR,	/* KVM_RUN itself failed */
};

struct guest_result {
	enum guest_outcome outcome;
	char file[64];
	int line;
	u64 v0, v1;
	u64 values[UCALL_MAX_VALUES];	/* reported with UCALL_VALUE */
	u32 exit_reason;	/* for GUEST_UNEXPECTED_EXIT */
	u64 hcall_nr;	/* when that exit was a hypercall */
	int error;		/* errno for GUEST_HOST_ERROR */
};

/*
 * Serves an exit that is not a ucall. Returns true when it did, and the
 * vCPU is to run on; false leaves the exit to the caller as unexpected.
 */
typedef bool (*exit_handler_t)(struct vcpu *vcpu, void *opaque);

struct vm *vm_create(size_t mem_size);
/* A VM of GUEST_MEM_SIZE with the program's payload (lib/payload.S) loaded */
struct vm *vm_create_payload(void);
void vm_destroy(struct vm *vm);
void vm_load(struct vm *vm, const void *image, size_t size, u64 gpa);
void *vm_gpa_to_hva(struct vm *vm, u64 gpa, size_t len);
int vm_enable_cap(struct vm *vm, u32 cap, u64 arg0, u64 arg1);
/* KVM_CAP_PPC_ENABLE_HCALL: let KVM-HV serve @hcall itself, as QEMU does. */
int vm_enable_hcall(struct vm *vm, unsigned long hcall);

/* A vCPU ready to run guest_main(test) of the loaded payload. */
struct vcpu *vcpu_create(struct vm *vm, int id, unsigned long test);
void vcpu_destroy(struct vcpu *vcpu);
/* Back at the payload's entry, in the state vcpu_create() gave it. */
int vcpu_reset(struct vcpu *vcpu, unsigned long test);
int vcpu_get_regs(struct vcpu *vcpu, struct kvm_regs *regs);

/* Whether the vCPU exited to userspace with PAPR hypercall @nr */
static inline bool vcpu_exit_is_hcall(const struct vcpu *vcpu, u64 nr)
{
	return vcpu->run->exit_reason == KVM_EXIT_PAPR_HCALL &&
	       vcpu->run->papr_hcall.nr == nr;
}

/* KVM_RUN until the guest's final ucall or an exit @handler declines. */
void vcpu_run_guest(struct vcpu *vcpu, exit_handler_t handler, void *opaque,
		    struct guest_result *res);

/*
 * As vcpu_run_guest(), until another thread stops the vCPU (immediate_exit
 * and a signal: KVM_RUN's EINTR): false then, the guest stopped where it
 * was and @res kept for the next call; true once the guest ended.
 */
bool vcpu_run_guest_until_stop(struct vcpu *vcpu, struct guest_result *res);

/* One line describing @res for a TAP diagnostic. */
const char *guest_result_str(const struct guest_result *res, char *buf,
			     size_t len);

#endif
