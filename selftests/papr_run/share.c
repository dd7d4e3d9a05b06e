// SPDX-License-Identifier: GPL-2.0-only
/*
 * A nested-v1 L1's share of the host's LPIDs (RUN_V1_SHARE): with
 * max_l2_lpids at V1_SHARE_HELD, an L1 that enters V1_SHARE_LPIDS nested
 * guests in turn, then the first again, has a nested guest it does not
 * run given back at each entry past the bound (trace event papr_kvm_shadow,
 * "recycle"), and every entry runs its L2.
 */
#include <stdio.h>
#include <stdlib.h>

#include "host.h"
#include "l1.h"
#include "papr_run.h"
#include "tap.h"
#include "tracefs.h"

#define PARAMS		"/sys/module/kvm_hv/parameters"
#define PARAM		"max_l2_lpids"
#define V1_SHARE_HELD	4
/* Each entry past the first V1_SHARE_HELD, and the first LPID's again */
#define V1_SHARE_RECYCLES	(V1_SHARE_LPIDS - V1_SHARE_HELD + 1)

/* The L1's run with tracing on: whether it ended well, and the recycles */
static bool v1_share_run(const char *tracefs, int *recycles)
{
	u64 v[UCALL_MAX_VALUES];
	char *trace;
	bool ok;

	if (!tracefs_papr_kvm_enable(tracefs, true))
		return false;
	ok = l1_run_for_values(RUN_V1_SHARE, v);
	trace = tracefs_papr_kvm_stop(tracefs);
	*recycles = count_text(trace, " recycle");
	free(trace);
	return ok;
}

void v1_share_case(void)
{
	static const char name[] =
		"v1 L1 at max_l2_lpids: a nested guest it does not run gives its LPID back";
	const char *tracefs = tracefs_papr_kvm();
	char old[24], held[24];
	int recycles = -1;
	bool ok;

	if (!tracefs) {
		tap_skip(name, "no tracefs with papr_kvm events");
		return;
	}
	ok = TEST_EXPECT(host_kvm_hv_param_text(PARAM, old, sizeof(old)),
			 "cannot read %s/%s", PARAMS, PARAM);
	snprintf(held, sizeof(held), "%d", V1_SHARE_HELD);
	if (ok && write_text(PARAMS, PARAM, held)) {
		ok = v1_share_run(tracefs, &recycles);
		ok = write_text(PARAMS, PARAM, old) && ok;
	} else {
		ok = false;
	}
	tap_diag("%d nested guests entered in turn, then the first again, at %d: %d given back",
		 V1_SHARE_LPIDS, V1_SHARE_HELD, recycles);
	ok = ok && TEST_EXPECT(recycles == V1_SHARE_RECYCLES,
			       "%d nested guests given back, %d expected",
			       recycles, V1_SHARE_RECYCLES);
	tap_result(ok, name);
}
