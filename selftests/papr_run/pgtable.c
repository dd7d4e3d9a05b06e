// SPDX-License-Identifier: GPL-2.0-only
/*
 * An L1's shadow page tables (RUN_PGTABLE_BOUND): counted in the
 * host-wide element 0x0802 as they grow, and held within the module's
 * max_l2_pgtable_kb by reclaim (0x0804), for an L1 that maps one 2 MiB of
 * its memory at every 2 MiB of its L2's first GiB.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host.h"
#include "l1.h"
#include "papr_run.h"
#include "tap.h"
#include "tracefs.h"

#define PARAMS		"/sys/module/kvm_hv/parameters"
#define PARAM		"max_l2_pgtable_kb"
/*
 * The L2's 512 loads make one shadow page table each: 512 entries of 4 KiB
 * pages (4 KiB) with the host's 4 KiB pages, 32 of 64 KiB pages (256
 * bytes) with 64 KiB pages. The bound is below what they make.
 */
#define TABLES		512
#define TABLE_BYTES	(getpagesize() == 4096 ? 4096 : 256)
#define BOUND_KB	(getpagesize() == 4096 ? 256 : 64)
/* Past the bound: the root (64 KiB on radix) and one fault's tables */
#define SLACK		(64 * 1024 + 3 * 4096)

/* One run of the L1: its figures before, after, reclaimed and bound */
static bool pgtable_run(u64 v[UCALL_MAX_VALUES])
{
	struct guest_result res = { .outcome = GUEST_HOST_ERROR };
	struct vm *vm = l1_create();
	struct vcpu *vcpu = NULL;
	char buf[160];

	/* 4 KiB shadow entries: the L1's memory is not in huge pages */
	if (vm && !madvise(vm->mem, vm->mem_size, MADV_NOHUGEPAGE))
		vcpu = vcpu_create(vm, 0, RUN_PGTABLE_BOUND);
	if (vcpu)
		vcpu_run_guest(vcpu, NULL, NULL, &res);
	vcpu_destroy(vcpu);
	vm_destroy(vm);
	memcpy(v, res.values, sizeof(res.values));
	if (res.outcome != GUEST_DONE)
		tap_diag("%s", guest_result_str(&res, buf, sizeof(buf)));
	return res.outcome == GUEST_DONE;
}

void pgtable_bound_case(void)
{
	u64 free[UCALL_MAX_VALUES], bound[UCALL_MAX_VALUES];
	char old[24], kb[24];
	bool ok;

	ok = TEST_EXPECT(host_kvm_hv_param_text(PARAM, old, sizeof(old)),
			 "cannot read %s/%s", PARAMS, PARAM) && pgtable_run(free);
	snprintf(kb, sizeof(kb), "%d", BOUND_KB);
	if (ok && write_text(PARAMS, PARAM, kb)) {
		ok = pgtable_run(bound);
		ok = write_text(PARAMS, PARAM, old) && ok;
	} else {
		ok = false;
	}
	if (ok) {
		tap_diag("shadow tables: %llu bytes (%llu reclaimed); at %d KiB: %llu (%llu)",
			 (unsigned long long)free[1], (unsigned long long)free[2],
			 BOUND_KB, (unsigned long long)bound[1],
			 (unsigned long long)bound[2]);
		ok = TEST_EXPECT(free[0] == 0 && free[1] >= TABLES * TABLE_BYTES &&
				 free[2] == 0,
				 "default bound: %llu bytes before, %llu after, %llu reclaimed",
				 (unsigned long long)free[0],
				 (unsigned long long)free[1],
				 (unsigned long long)free[2]) &
		     TEST_EXPECT(bound[1] <= BOUND_KB * 1024 + SLACK &&
				 bound[2] >= free[1] - bound[1] - SLACK,
				 "%d KiB bound: %llu bytes after, %llu reclaimed",
				 BOUND_KB, (unsigned long long)bound[1],
				 (unsigned long long)bound[2]) &
		     TEST_EXPECT(free[3] - bound[3] ==
				 (1024ULL * 1024 - BOUND_KB) * 1024,
				 "bounds reported: %llu, then %llu",
				 (unsigned long long)free[3],
				 (unsigned long long)bound[3]);
	}
	tap_result(ok, "an L1's shadow tables are counted, and reclaimed at max_l2_pgtable_kb");
}
