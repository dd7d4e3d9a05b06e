/* SPDX-License-Identifier: GPL-2.0-only */
/* The host LPIDs a nested-v1 L1 holds (book3s_hv_nested_share.c). */
#ifndef __BOOK3S_HV_NESTED_SHARE_H__
#define __BOOK3S_HV_NESTED_SHARE_H__

#include <linux/kvm_host.h>

bool kvmhv_nested_share_reserve(struct kvm *kvm, int l1_lpid);

#endif /* __BOOK3S_HV_NESTED_SHARE_H__ */
