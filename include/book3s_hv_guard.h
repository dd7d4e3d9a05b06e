/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks of guest-chosen arguments of KVM-HV's own hypercalls
 * (book3s_hv_guard.c), which the hook patch calls before KVM-HV acts;
 * H_PARAMETER where a check fails.
 */
#ifndef __BOOK3S_HV_GUARD_H__
#define __BOOK3S_HV_GUARD_H__

#include <linux/types.h>

/*
 * Whether KVM-HV may invalidate [@start, @end) for H_RPT_INVALIDATE, from
 * an L1 or from an L2 it runs; H_PARAMETER otherwise.
 */
bool kvmhv_guard_rpt_range(unsigned long start, unsigned long end);

/* Whether KVM-HV may copy @n bytes for H_COPY_TOFROM_GUEST. */
bool kvmhv_guard_copy_size(unsigned long n);

#endif /* __BOOK3S_HV_GUARD_H__ */
