// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM-HV selftest library: VMs, memory, vCPUs in the PAPR environment and
 * the ucall loop. Failures of the KVM API are reported as TAP diagnostics
 * and turn into a NULL vCPU/VM or a GUEST_HOST_ERROR result, so that one
 * broken test does not take the others down with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ppc_kvm.h"
#include "tap.h"
#include "ppc_reg.h"

#define KVM_VM_PPC_HV		1

static int kvm_ioctl(int fd, unsigned long req, const char *name, void *arg)
{
	int r = ioctl(fd, req, arg);

	if (r < 0)
		tap_diag("%s: %s", name, strerror(errno));
	return r;
}

#define IOCTL(fd, req, arg) kvm_ioctl(fd, req, #req, (void *)(uintptr_t)(arg))

struct vm *vm_create(size_t mem_size)
{
	struct kvm_userspace_memory_region region = { 0 };
	struct vm *vm = calloc(1, sizeof(*vm));

	if (!vm)
		return NULL;
	vm->kvm_fd = -1;
	vm->fd = -1;
	vm->mem = MAP_FAILED;

	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0) {
		tap_diag("/dev/kvm: %s", strerror(errno));
		goto fail;
	}
	vm->fd = IOCTL(vm->kvm_fd, KVM_CREATE_VM, KVM_VM_PPC_HV);
	if (vm->fd < 0)
		goto fail;

	vm->mem_size = mem_size;
	vm->mem = mmap(NULL, mem_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm->mem == MAP_FAILED) {
		tap_diag("mmap of guest memory: %s", strerror(errno));
		goto fail;
	}
	region.slot = 0;
	region.guest_phys_addr = 0;
	region.memory_size = mem_size;
	region.userspace_addr = (uintptr_t)vm->mem;
	if (IOCTL(vm->fd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		goto fail;
	return vm;

fail:
	vm_destroy(vm);
	return NULL;
}

extern const char guest_payload_start[], guest_payload_end[];

struct vm *vm_create_payload(void)
{
	struct vm *vm = vm_create(GUEST_MEM_SIZE);

	if (vm)
		vm_load(vm, guest_payload_start,
			guest_payload_end - guest_payload_start,
			GUEST_LOAD_ADDR);
	return vm;
}

void vm_destroy(struct vm *vm)
{
	if (!vm)
		return;
	if (vm->mem != MAP_FAILED)
		munmap(vm->mem, vm->mem_size);
	if (vm->fd >= 0)
		close(vm->fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	free(vm);
}

void *vm_gpa_to_hva(struct vm *vm, u64 gpa, size_t len)
{
	if (gpa > vm->mem_size || len > vm->mem_size - gpa)
		return NULL;
	return (char *)vm->mem + gpa;
}

void vm_load(struct vm *vm, const void *image, size_t size, u64 gpa)
{
	void *dst = vm_gpa_to_hva(vm, gpa, size);

	if (!dst) {
		tap_diag("payload of %zu bytes does not fit at 0x%llx",
			 size, (unsigned long long)gpa);
		abort();
	}
	memcpy(dst, image, size);
}

int vm_enable_cap(struct vm *vm, u32 cap, u64 arg0, u64 arg1)
{
	struct kvm_enable_cap c = { .cap = cap, .args = { arg0, arg1 } };

	return IOCTL(vm->fd, KVM_ENABLE_CAP, &c);
}

int vm_enable_hcall(struct vm *vm, unsigned long hcall)
{
	return vm_enable_cap(vm, KVM_CAP_PPC_ENABLE_HCALL, hcall, 1);
}

static int vcpu_set_one_reg(struct vcpu *vcpu, u64 id, u64 val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&val };

	return IOCTL(vcpu->fd, KVM_SET_ONE_REG, &reg);
}

/* Real mode, 64-bit, little-endian, at the payload's entry. */
int vcpu_reset(struct vcpu *vcpu, unsigned long test)
{
	struct kvm_regs regs;

	if (IOCTL(vcpu->fd, KVM_GET_REGS, &regs) < 0)
		return -1;
	regs.pc = GUEST_ENTRY_ADDR;
	regs.msr = MSR_SF | MSR_ME | MSR_RI | MSR_LE;
	regs.gpr[1] = GUEST_STACK_TOP - vcpu->id * GUEST_STACK_SIZE;
	regs.gpr[3] = test;
	regs.gpr[4] = vcpu->id;
	/*
	 * A vCPU stopped at a hypercall exit, a ucall's too, gets R3-R12
	 * from its completion at the next KVM_RUN.
	 */
	if (vcpu->run->exit_reason == KVM_EXIT_PAPR_HCALL) {
		vcpu->run->papr_hcall.ret = test;
		vcpu->run->papr_hcall.args[0] = vcpu->id;
	}
	return IOCTL(vcpu->fd, KVM_SET_REGS, &regs);
}

/* The PAPR environment, with interrupts taken little-endian too. */
static int vcpu_setup_papr(struct vcpu *vcpu, unsigned long test)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_PPC_PAPR };

	/* Without it KVM_RUN fails with -EINVAL on KVM-HV. */
	if (IOCTL(vcpu->fd, KVM_ENABLE_CAP, &cap) < 0)
		return -1;
	if (vcpu_set_one_reg(vcpu, KVM_REG_PPC_LPCR_64, LPCR_ILE) < 0)
		return -1;
	return vcpu_reset(vcpu, test);
}

struct vcpu *vcpu_create(struct vm *vm, int id, unsigned long test)
{
	struct vcpu *vcpu;
	int size;

	if (id < 0 || id >= (int)GUEST_MAX_VCPUS) {
		tap_diag("vCPU %d: the guest layout has room for %d", id,
			 GUEST_MAX_VCPUS);
		return NULL;
	}
	vcpu = calloc(1, sizeof(*vcpu));
	if (!vcpu)
		return NULL;
	vcpu->vm = vm;
	vcpu->id = id;
	vcpu->run = MAP_FAILED;
	vcpu->fd = IOCTL(vm->fd, KVM_CREATE_VCPU, id);
	if (vcpu->fd < 0)
		goto fail;
	size = IOCTL(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof(*vcpu->run))
		goto fail;
	vcpu->run_size = size;
	vcpu->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			 vcpu->fd, 0);
	if (vcpu->run == MAP_FAILED) {
		tap_diag("mmap of kvm_run: %s", strerror(errno));
		goto fail;
	}
	if (vcpu_setup_papr(vcpu, test) < 0)
		goto fail;
	return vcpu;

fail:
	vcpu_destroy(vcpu);
	return NULL;
}

void vcpu_destroy(struct vcpu *vcpu)
{
	if (!vcpu)
		return;
	if (vcpu->run != MAP_FAILED)
		munmap(vcpu->run, vcpu->run_size);
	if (vcpu->fd >= 0)
		close(vcpu->fd);
	free(vcpu);
}

int vcpu_get_regs(struct vcpu *vcpu, struct kvm_regs *regs)
{
	return IOCTL(vcpu->fd, KVM_GET_REGS, regs);
}

static void copy_guest_string(struct vm *vm, u64 gpa, char *buf,
			      size_t len)
{
	const char *s = vm_gpa_to_hva(vm, gpa, 1);
	size_t i;

	for (i = 0; s && i + 1 < len && gpa + i < vm->mem_size && s[i]; i++)
		buf[i] = s[i];
	buf[i] = '\0';
}

/* Returns true when the ucall ends the guest's run. */
static bool serve_ucall(struct vcpu *vcpu, struct guest_result *res)
{
	u64 *a = (u64 *)vcpu->run->papr_hcall.args;

	switch (a[0]) {
	case UCALL_DONE:
		res->outcome = GUEST_DONE;
		return true;
	case UCALL_FAIL:
		res->outcome = GUEST_FAILED;
		copy_guest_string(vcpu->vm, a[1], res->file, sizeof(res->file));
		res->line = a[2];
		res->v0 = a[3];
		res->v1 = a[4];
		return true;
	case UCALL_EXCEPTION:
		res->outcome = GUEST_EXCEPTION;
		res->v0 = a[3];
		res->v1 = a[4];
		return true;
	case UCALL_VALUE:
		if (a[3] >= UCALL_MAX_VALUES)
			break;
		res->values[a[3]] = a[4];
		return false;
	}
	res->outcome = GUEST_UNEXPECTED_EXIT;
	res->exit_reason = KVM_EXIT_PAPR_HCALL;
	res->hcall_nr = UCALL_HCALL;
	res->v0 = a[0];
	return true;
}

/* The ucall loop: true when the guest ended, false at EINTR if @stoppable */
static bool run_loop(struct vcpu *vcpu, exit_handler_t handler, void *opaque,
		     struct guest_result *res, bool stoppable)
{
	struct kvm_run *run = vcpu->run;

	for (;;) {
		if (ioctl(vcpu->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR && stoppable)
				return false;
			if (errno == EINTR)
				continue;
			res->outcome = GUEST_HOST_ERROR;
			res->error = errno;
			return true;
		}
		if (run->exit_reason == KVM_EXIT_PAPR_HCALL &&
		    run->papr_hcall.nr == UCALL_HCALL) {
			if (serve_ucall(vcpu, res))
				return true;
			continue;
		}
		if (handler && handler(vcpu, opaque))
			continue;
		res->outcome = GUEST_UNEXPECTED_EXIT;
		res->exit_reason = run->exit_reason;
		if (run->exit_reason == KVM_EXIT_PAPR_HCALL)
			res->hcall_nr = run->papr_hcall.nr;
		return true;
	}
}

void vcpu_run_guest(struct vcpu *vcpu, exit_handler_t handler, void *opaque,
		    struct guest_result *res)
{
	memset(res, 0, sizeof(*res));
	run_loop(vcpu, handler, opaque, res, false);
}

bool vcpu_run_guest_until_stop(struct vcpu *vcpu, struct guest_result *res)
{
	return run_loop(vcpu, NULL, NULL, res, true);
}

const char *guest_result_str(const struct guest_result *res, char *buf,
			     size_t len)
{
	switch (res->outcome) {
	case GUEST_DONE:
		snprintf(buf, len, "guest done");
		break;
	case GUEST_FAILED:
		snprintf(buf, len, "guest assertion failed at %s:%d: 0x%llx != 0x%llx",
			 res->file, res->line, (unsigned long long)res->v0,
			 (unsigned long long)res->v1);
		break;
	case GUEST_EXCEPTION:
		snprintf(buf, len, "unexpected guest interrupt 0x%llx at 0x%llx",
			 (unsigned long long)res->v0,
			 (unsigned long long)res->v1);
		break;
	case GUEST_UNEXPECTED_EXIT:
		snprintf(buf, len, "unexpected exit %u (hcall 0x%llx, ucall 0x%llx)",
			 res->exit_reason, (unsigned long long)res->hcall_nr,
			 (unsigned long long)res->v0);
		break;
	case GUEST_HOST_ERROR:
		snprintf(buf, len, "KVM_RUN failed: %s", strerror(res->error));
		break;
	}
	return buf;
}
