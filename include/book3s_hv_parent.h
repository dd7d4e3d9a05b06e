/* SPDX-License-Identifier: GPL-2.0-only */
/* kvm-hv as a nested hypervisor itself (book3s_hv_parent.c). */
#ifndef __BOOK3S_HV_PARENT_H__
#define __BOOK3S_HV_PARENT_H__

#include <linux/types.h>

u64 kvmhv_parent_hdec_expiry(u64 time_limit);

#endif /* __BOOK3S_HV_PARENT_H__ */
