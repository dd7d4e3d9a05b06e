// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm-hv running as a nested hypervisor itself (a pseries host), where
 * its parent runs the guests' code through H_ENTER_NESTED.
 *
 * QEMU's nested HV (TCG) takes the hypervisor decrementer of an entry as
 * an edge: an expiry already past when the parent reads its timebase, on
 * a vCPU whose previous expiry is past too, raises no interrupt, and the
 * guest then runs until something else stops it: on a host of one CPU,
 * for good. KVM-HV checks the expiry against a timebase read
 * before the entry's other work; the parent reads its own later. The
 * expiry passed on is kept hdec_margin_us ahead of the timebase here, so
 * that the guest's time limit or this host's next timer comes that much
 * late at worst, rather than never. A parent that stalls longer than the
 * margin before it reads its timebase still loses the expiry; then only
 * an interrupt, such as another CPU's IPI, ends the run.
 */

#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <asm/time.h>

#include "book3s_hv_parent.h"

static unsigned int kvmhv_parent_hdec_margin_us = 500;
module_param_named(hdec_margin_us, kvmhv_parent_hdec_margin_us, uint, 0644);
MODULE_PARM_DESC(hdec_margin_us,
		 "pseries host: least time to the HDEC expiry passed to the parent (default 500)");

u64 kvmhv_parent_hdec_expiry(u64 time_limit)
{
	u64 margin = (u64)READ_ONCE(kvmhv_parent_hdec_margin_us) *
		     tb_ticks_per_usec;

	return max(time_limit, mftb() + margin);
}
