// SPDX-License-Identifier: GPL-2.0-only
/*
 * papr_fuzz: an L1 payload on two vCPUs makes random, stateful sequences
 * of H_GUEST_*, H_RPT_INVALIDATE, H_TLB_INVALIDATE and H_COPY_TOFROM_GUEST
 * for a bounded time, racing each other on the same L2s; every return
 * code must be documented. The VM is then destroyed and every L2 object
 * must be freed. A second L1 does the same through the nested API v1
 * (H_SET_PARTITION_TABLE, H_ENTER_NESTED and the invalidations), for half
 * the time: KVM-HV's own path, which papr-kvm ships. The emulated host
 * boots with panic_on_warn, slub_debug and KFENCE, so that a crash, a
 * warning or a corruption ends the run.
 *
 * The run is reproducible from its seed, printed at the start:
 * pkvm_fuzz_seed=N on the kernel command line replays it, and
 * pkvm_fuzz_seconds=N sets the v2 run's length (60 s by default).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "l1.h"
#include "papr.h"
#include "papr_fuzz.h"
#include "slab.h"
#include "tap.h"

#define TB_PER_SEC	512000000ULL

/* @key=N on the kernel command line, or @def */
static u64 cmdline_u64(const char *key, u64 def)
{
	char line[4096], *p;
	FILE *f = fopen("/proc/cmdline", "r");
	size_t n = strlen(key);

	if (!f)
		return def;
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	fclose(f);
	for (p = strtok(line, "\n "); p; p = strtok(NULL, "\n "))
		if (!strncmp(p, key, n) && p[n] == '=')
			return strtoull(p + n + 1, NULL, 0);
	return def;
}

struct fuzz_thread {
	pthread_t thread;
	struct vcpu *vcpu;
	struct guest_result res;
};

static void *fuzz_vcpu(void *arg)
{
	struct fuzz_thread *t = arg;

	vcpu_run_guest(t->vcpu, l1_serve_register_proc_tbl, NULL, &t->res);
	return NULL;
}

static bool fuzz_run(struct vm *vm, unsigned long test, u64 seed,
		     u64 seconds)
{
	struct fuzz_params *p = vm_gpa_to_hva(vm, FUZZ_PARAMS_GPA, sizeof(*p));
	struct fuzz_thread t[FUZZ_VCPUS] = { 0 };
	u64 calls = 0, runs = 0, codes = 0;
	struct timespec t0, t1;
	bool ok = p;
	char buf[160];
	double secs;
	int i;

	if (ok) {
		p->seed = seed;
		p->ticks = seconds * TB_PER_SEC;
	}
	for (i = 0; ok && i < FUZZ_VCPUS; i++) {
		t[i].vcpu = vcpu_create(vm, i, test);
		ok = t[i].vcpu;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; ok && i < FUZZ_VCPUS; i++)
		pthread_create(&t[i].thread, NULL, fuzz_vcpu, &t[i]);
	for (i = 0; ok && i < FUZZ_VCPUS; i++) {
		pthread_join(t[i].thread, NULL);
		if (t[i].res.outcome != GUEST_DONE) {
			guest_result_str(&t[i].res, buf, sizeof(buf));
			tap_diag("vCPU %d: %s", i, buf);
			ok = false;
		}
		calls += t[i].res.values[FUZZ_CALLS];
		runs += t[i].res.values[FUZZ_RUNS];
		codes |= t[i].res.values[FUZZ_CODES];
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	tap_diag("papr_fuzz %s: %llu hypercalls in %.1f s (%.0f/s), %llu L2 runs, %d %s",
		 test == FUZZ_RUN_V1 ? "v1" : "v2",
		 (unsigned long long)calls, secs, calls / secs,
		 (unsigned long long)runs, __builtin_popcountll(codes),
		 "distinct return codes");
	for (i = 0; i < FUZZ_VCPUS; i++)
		vcpu_destroy(t[i].vcpu);
	return ok;
}

int main(void)
{
	u64 seed = cmdline_u64("pkvm_fuzz_seed",
			       (u64)time(NULL) << 16 ^ getpid());
	u64 seconds = cmdline_u64("pkvm_fuzz_seconds", 60);
	struct vm *vm;
	bool ok;

	host_require_papr_kvm_nested();
	tap_plan(3);
	tap_diag("papr_fuzz: seed %llu (replay: pkvm_fuzz_seed=%llu), %llu s on %d vCPUs",
		 (unsigned long long)seed, (unsigned long long)seed,
		 (unsigned long long)seconds, FUZZ_VCPUS);
	vm = l1_create();
	ok = vm && fuzz_run(vm, FUZZ_RUN, seed, seconds);
	tap_result(ok, "random nested-API calls on 2 vCPUs: documented codes only");
	vm_destroy(vm);
	ok = slab_settles_at("kvmhv_papr_guest", 0) &&
	     slab_settles_at("kvmhv_papr_vcpu", 0);
	tap_result(ok, "every L2 the fuzzing L1 made is freed with its VM");
	vm = l1_create();
	ok = vm && fuzz_run(vm, FUZZ_RUN_V1, seed, seconds / 2);
	tap_result(ok, "random nested-v1 calls on 2 vCPUs: documented codes only");
	vm_destroy(vm);
	return tap_finish();
}
