// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of guest-chosen arguments that KVM-HV's own hypercall handlers
 * do not make, called from those handlers through the hook patch. Each
 * check keeps a value that a guest may pass from hanging or exhausting
 * the host; it says only yes or no and touches no state.
 */

#include <linux/align.h>
#include <linux/sizes.h>

#include "book3s_hv_guard.h"

/* The largest page H_RPT_INVALIDATE names (H_RPTI_PAGE_1G) */
#define KVMHV_GUARD_RPT_MAX_PAGE	SZ_1G

/*
 * The most an L1 copies to or from an L2 in one H_COPY_TOFROM_GUEST: the
 * Linux L1 copies the operand of one instruction it emulates.
 */
#define KVMHV_GUARD_COPY_MAX		SZ_4K

/*
 * An H_RPT_INVALIDATE range KVM-HV can walk. It invalidates a range page
 * by page, adding the page size to an address until the address reaches
 * @end: an @end in the last page of the address space wraps the address
 * to 0, and the host CPU never leaves the loop. [0, ~0) is the whole
 * space, which KVM-HV flushes at once. Effective addresses do not reach
 * the top gigabyte of the 64-bit space, so refusing it costs no guest
 * anything.
 */
bool kvmhv_guard_rpt_range(unsigned long start, unsigned long end)
{
	if (!start && end == ~0UL)
		return true;
	return start <= end && IS_ALIGNED(start, SZ_4K) &&
	       IS_ALIGNED(end, SZ_4K) && end <= -KVMHV_GUARD_RPT_MAX_PAGE;
}

/*
 * An H_COPY_TOFROM_GUEST size KVM-HV may serve: it allocates the bytes
 * and copies them with preemption off, so the size is the L1's to choose
 * only up to a page.
 */
bool kvmhv_guard_copy_size(unsigned long n)
{
	return n <= KVMHV_GUARD_COPY_MAX;
}
