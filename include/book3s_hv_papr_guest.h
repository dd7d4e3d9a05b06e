/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The L0's objects for the PAPR API v2 and their lifetime: an L1's v2
 * state, its L2 guests, their vCPUs, and what an L1 vCPU keeps while it
 * runs an L2 (book3s_hv_papr_guest.c). The hcall front and the run path
 * use them; the locking rule of each field is next to it.
 */
#ifndef __BOOK3S_HV_PAPR_GUEST_H__
#define __BOOK3S_HV_PAPR_GUEST_H__

#include <linux/kref.h>
#include <linux/kvm_host.h>
#include <linux/mutex.h>
#include <linux/xarray.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>
#include <asm/lppaca.h>

#include "book3s_hv_gsb.h"
#include "book3s_hv_papr_stats.h"

#ifndef PVR_ARCH_31_P11
#define PVR_ARCH_31_P11		0x0f000007
#endif

/* The nest rmap keeps a 12-bit LPID: guest ids are 1-4095. */
#define KVMHV_PAPR_MAX_GUEST_ID	4095
/*
 * vCPU ids are 0-2047, and below NR_CPUS: KVM-HV keys the last host CPU
 * of a nested vCPU in an array of NR_CPUS (kvm_nested_guest.prev_cpu), as
 * v1's H_ENTER_NESTED checks too.
 */
#define KVMHV_PAPR_MAX_VCPUS	min(2048, NR_CPUS)

/* Shadows (host LPIDs) one L1 may hold: the max_l2_lpids parameter */
extern unsigned int kvmhv_papr_max_l2_lpids;
/* Their tables below the roots, in KiB: the max_l2_pgtable_kb parameter */
extern unsigned int kvmhv_papr_max_l2_pgtable_kb;

/* Why an L2's shadow table is flushed (the papr_kvm_shadow event) */
enum kvmhv_papr_shadow_why {
	KVMHV_PAPR_SHADOW_FLUSH,	/* its tables changed, or it is gone */
	KVMHV_PAPR_SHADOW_RECYCLE,	/* its LPID, at max_l2_lpids */
	KVMHV_PAPR_SHADOW_RECLAIM,	/* its tables, at max_l2_pgtable_kb */
};

/*
 * An L1 that has made an H_GUEST_* call. Only the VM's own vCPUs look it
 * up, and none of them runs while the VM is destroyed.
 */
struct kvmhv_papr_l1 {
	struct kvm *kvm;
	struct mutex lock;		/* caps, L2 creation and deletion */
	u64 caps;			/* 0 until H_GUEST_SET_CAPABILITIES */
	/* guest id -> struct kvmhv_papr_guest; readers take a ref under RCU */
	struct xarray guests;
	unsigned int nr_guests;		/* under lock */
	atomic_long_t heap_bytes;	/* L0 memory holding the L1's L2s */
	/* the shadow tables of its L2s below their roots, and reclaimed */
	atomic_long_t pgtable_bytes;
	atomic_long_t pgtable_reclaimed;
	/* vcpu_idx -> struct kvmhv_papr_l1_vcpu, made by its first run */
	struct xarray l1_vcpus;
	struct kvmhv_papr_stats stats;
};

/*
 * What an L1 vCPU keeps while it runs an L2: its own registers, and an
 * L2's MMIO load that its VMM completes at the next KVM_RUN, into the L1's
 * register of the same number; papr-kvm moves the value on into the L2's
 * store then and puts the L1's back (mmio_guest holds a reference). Only
 * that L1 vCPU touches it.
 */
#define KVMHV_PAPR_RUN_IN_HEAD	512

struct kvmhv_papr_l1_vcpu {
	struct kvmhv_gsb_vcpu save;
	u8 run_in[KVMHV_PAPR_RUN_IN_HEAD];	/* the input buffer's head */
	struct kvmhv_papr_guest *mmio_guest;
	struct kvmhv_papr_vcpu *mmio_v;
	unsigned int mmio_gpr;
	u64 mmio_l1_gpr;
	unsigned int last_exit;		/* kvmhv_papr_stat_exit_index() */
};

/*
 * An L2. A DELETE unlinks it; the references of calls still using it keep
 * it, and its vCPUs, until the last one is put.
 */
struct kvmhv_papr_guest {
	struct kref ref;
	struct rcu_head rcu;
	struct kvmhv_papr_l1 *l1;
	u32 id;
	bool deleted;			/* unlinked: runs stop, none starts */
	atomic_t running;		/* its vCPUs in a run */
	unsigned long last_run;		/* jiffies at its last run's start */
	struct mutex lock;		/* state, insertion into vcpus */
	struct kvmhv_gsb_guest state;
	struct xarray vcpus;		/* vCPU id -> struct kvmhv_papr_vcpu */
	struct kvmhv_papr_l2_stats stats;
};

/* An L2 instruction at which the L1 emulated MMIO reading one GPR */
struct kvmhv_papr_mmio_site {
	u64 nia;
	u16 gpr_id;			/* its element id, 0 for none */
};

#define KVMHV_PAPR_MMIO_SITES	8

/* An L2 vCPU; it lives as long as its L2. */
struct kvmhv_papr_vcpu {
	struct mutex lock;		/* all but runner */
	struct kvm_vcpu *runner;	/* the L1 vCPU running it, or NULL */
	struct lppaca *vpa;		/* state.vpa, pinned while it runs */
	u64 vpa_gpa;			/* the L1 address vpa is pinned at */
	unsigned int last_trap;		/* the exit of its last run */
	struct kvmhv_papr_mmio_site mmio_sites[KVMHV_PAPR_MMIO_SITES];
	struct kvmhv_gsb_vcpu state;
};

int kvmhv_papr_guest_init(void);
void kvmhv_papr_guest_exit(void);

struct kvmhv_papr_l1 *kvmhv_papr_l1_find(struct kvm *kvm);
struct kvmhv_papr_l1 *kvmhv_papr_l1_get(struct kvm *kvm);
struct kvmhv_papr_l1 *kvmhv_papr_l1_ready(struct kvm *kvm);
int kvmhv_papr_l1_agree_caps(struct kvmhv_papr_l1 *l1, u64 caps);

int kvmhv_papr_guest_create(struct kvmhv_papr_l1 *l1, u32 *id);
int kvmhv_papr_guest_create_at(struct kvmhv_papr_l1 *l1, u32 id);
int kvmhv_papr_vcpu_create(struct kvmhv_papr_guest *guest, u64 vcpu_id);
struct kvmhv_papr_guest *kvmhv_papr_guest_get(struct kvmhv_papr_l1 *l1,
					      u64 id);
void kvmhv_papr_guest_put(struct kvmhv_papr_guest *guest);
struct kvmhv_papr_vcpu *kvmhv_papr_vcpu_find(struct kvmhv_papr_guest *guest,
					     u64 vcpu_id);
int kvmhv_papr_guest_delete(struct kvmhv_papr_guest *guest);
void kvmhv_papr_delete_all(struct kvmhv_papr_l1 *l1);
void kvmhv_papr_l1_restart(struct kvm *kvm);
void kvmhv_papr_flush_shadow(struct kvm *kvm, u32 id,
			     enum kvmhv_papr_shadow_why why);
void kvmhv_papr_pgtable_reclaim(struct kvmhv_papr_guest *running);
bool kvmhv_papr_shadow_reserve(struct kvmhv_papr_guest *guest);
bool kvmhv_papr_l1_mem_ok(void *l1, u64 gpa, u64 size);

struct kvmhv_papr_l1_vcpu *kvmhv_papr_l1_vcpu_get(struct kvmhv_papr_l1 *l1,
						  struct kvm_vcpu *vcpu);
struct kvmhv_papr_l1_vcpu *kvmhv_papr_l1_vcpu_find(struct kvm_vcpu *vcpu);

static inline void kvmhv_papr_guest_hold(struct kvmhv_papr_guest *guest)
{
	kref_get(&guest->ref);
}

/* Whether L2 @id of the L1 @kvm holds a shadow, and a host LPID, now */
static inline bool kvmhv_papr_has_shadow(struct kvm *kvm, u32 id)
{
	struct kvm_nested_guest *gp = kvmhv_get_nested(kvm, id, false);

	if (gp)
		kvmhv_put_nested(gp);
	return gp;
}

#endif /* __BOOK3S_HV_PAPR_GUEST_H__ */
