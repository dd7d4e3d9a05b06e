// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host LPIDs a nested-v1 L1 holds. Each nested guest that KVM-HV makes
 * for an L1's H_ENTER_NESTED takes a host LPID from the pool that every VM
 * of the host shares; max_l2_lpids bounds them per L1, as it bounds a v2
 * L1's shadows (kvmhv_papr_shadow_reserve()). A v1 nested guest is a cache
 * of what the L1 keeps in its own partition table, so at the bound one
 * that no vCPU runs is removed, and made again at its next entry.
 */

#include <linux/idr.h>
#include <linux/kvm_host.h>
#include <asm/kvm_book3s.h>

#include "book3s_hv_hooks.h"
#include "book3s_hv_nested_share.h"
#include "book3s_hv_papr_guest.h"
#include "trace_papr.h"

/*
 * Before KVM-HV makes a nested guest for LPID @l1_lpid of the v1 L1 @kvm:
 * false when the L1 holds its share and runs every nested guest it holds.
 * KVM-HV keeps no last-run time for them: the idle one of the lowest LPID
 * goes. Two vCPUs making nested guests at once may pass the bound by one
 * each, as KVM-HV makes them outside this lock.
 */
bool kvmhv_nested_share_reserve(struct kvm *kvm, int l1_lpid)
{
	struct kvm_nested_guest *gp, *idle = NULL;
	unsigned int held = 0;
	int lpid;

	spin_lock(&kvm->mmu_lock);
	idr_for_each_entry(&kvm->arch.kvm_nested_guest_idr, gp, lpid) {
		if (lpid == l1_lpid)
			break;
		held++;
		if (!idle && gp->refcnt == 1)
			idle = gp;
	}
	if (gp || held < kvmhv_papr_max_l2_lpids || !idle) {
		spin_unlock(&kvm->mmu_lock);
		return gp || held < kvmhv_papr_max_l2_lpids;
	}
	++idle->refcnt;
	spin_unlock(&kvm->mmu_lock);

	trace_papr_kvm_shadow(kvm, idle->l1_lpid, KVMHV_PAPR_SHADOW_RECYCLE);
	kvmhv_remove_nested(idle);
	kvmhv_put_nested(idle);
	return true;
}
