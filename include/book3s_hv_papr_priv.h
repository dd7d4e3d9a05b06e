/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The L0's objects for the PAPR API v2, shared by the control plane
 * (book3s_hv_papr.c) and the data plane (book3s_hv_papr_run.c). The
 * locking rules are at the top of book3s_hv_papr.c.
 */
#ifndef __BOOK3S_HV_PAPR_PRIV_H__
#define __BOOK3S_HV_PAPR_PRIV_H__

#include <linux/kref.h>
#include <linux/kvm_host.h>
#include <linux/mutex.h>
#include <linux/xarray.h>

#include "book3s_hv_gsb.h"

/* The nest rmap keeps a 12-bit LPID: guest ids are 1-4095. */
#define KVMHV_PAPR_MAX_GUEST_ID	4095
#define KVMHV_PAPR_MAX_VCPUS	2048

struct kvmhv_papr_l1 {
	struct kvm *kvm;
	struct mutex lock;		/* caps, L2 creation and deletion */
	u64 caps;			/* 0 until H_GUEST_SET_CAPABILITIES */
	struct xarray guests;		/* guest id -> struct kvmhv_papr_guest */
	unsigned int nr_guests;
	atomic_long_t heap_bytes;	/* L0 memory holding the L1's L2s */
	/* vcpu_idx -> struct kvmhv_papr_l1_vcpu, made by its first run */
	struct xarray l1_vcpus;
};

/*
 * What an L1 vCPU keeps while it runs an L2: its own registers, and an
 * L2's MMIO load that its VMM completes at the next KVM_RUN, into the L1's
 * register of the same number; papr-kvm moves the value on into the L2's
 * store then and puts the L1's back (mmio_guest holds a reference).
 */
#define KVMHV_PAPR_RUN_IN_HEAD	512

struct kvmhv_papr_l1_vcpu {
	struct kvmhv_gsb_vcpu save;
	u8 run_in[KVMHV_PAPR_RUN_IN_HEAD];	/* the input buffer's head */
	struct kvmhv_papr_guest *mmio_guest;
	struct kvmhv_papr_vcpu *mmio_v;
	unsigned int mmio_gpr;
	u64 mmio_l1_gpr;
};

struct kvmhv_papr_guest {
	struct kref ref;
	struct rcu_head rcu;
	struct kvmhv_papr_l1 *l1;
	u32 id;
	bool deleted;			/* unlinked: runs stop, none starts */
	struct mutex lock;		/* state, insertion into vcpus */
	struct kvmhv_gsb_guest state;
	struct xarray vcpus;		/* vCPU id -> struct kvmhv_papr_vcpu */
};

struct kvmhv_papr_vcpu {
	struct mutex lock;		/* state, runner, vpa */
	struct kvm_vcpu *runner;	/* the L1 vCPU running it, or NULL */
	struct lppaca *vpa;		/* state.vpa, pinned while it runs */
	u64 vpa_gpa;			/* the L1 address vpa is pinned at */
	struct kvmhv_gsb_vcpu state;
};

struct kvmhv_papr_l1 *kvmhv_papr_l1_ready(struct kvm *kvm);
struct kvmhv_papr_guest *kvmhv_papr_guest_get(struct kvmhv_papr_l1 *l1,
					      u64 id);
void kvmhv_papr_guest_put(struct kvmhv_papr_guest *guest);
long kvmhv_papr_call_guest(struct kvm_vcpu *vcpu, struct kvmhv_papr_l1 **l1,
			   struct kvmhv_papr_guest **guest);
bool kvmhv_papr_l1_mem_ok(const struct kvmhv_gsb_req *req, u64 addr,
			  u64 size);

/* The data plane: book3s_hv_papr_run.c */
long h_guest_run_vcpu(struct kvm_vcpu *vcpu, int *resume);
void kvmhv_papr_flush_shadow(struct kvm *kvm, u32 id);
void kvmhv_papr_stop_runners(struct kvmhv_papr_guest *guest);
void kvmhv_papr_free_l1_vcpus(struct kvmhv_papr_l1 *l1);
void kvmhv_papr_unpin_vpa(struct kvm *kvm, struct kvmhv_papr_vcpu *v);

#endif /* __BOOK3S_HV_PAPR_PRIV_H__ */
