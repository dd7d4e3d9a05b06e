// SPDX-License-Identifier: GPL-2.0-only
/*
 * papr_run: H_GUEST_RUN_VCPU runs a real L2. A tiny L1 hypervisor payload
 * builds a radix partition-scoped table for a tiny L2 and runs it through
 * the L0, exit by exit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "host.h"
#include "l1.h"
#include "papr.h"
#include "papr_run.h"
#include "tap.h"
#include "tracefs.h"

/* Whether the kernel runs as a guest: "platform : pSeries" in cpuinfo */
static bool host_is_pseries(void)
{
	char line[128];
	bool found = false;
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && !found && fgets(line, sizeof(line), f))
		found = !strncmp(line, "platform", 8) && strstr(line, "pSeries");
	if (f)
		fclose(f);
	return found;
}

static struct l1_case cases[] = {
	{ "L2 hcall: exit 0xC00 with GPR3-GPR12, and again",
	  { RUN_HCALL } },
	{ "RUN_VCPU errors: flags, ids, buffers, tables, input elements",
	  { RUN_RUN_ERRORS } },
	{ "L2 touches an unmapped page: 0xE00, the L1 maps it, resumes",
	  { RUN_PAGE_FAULT } },
	{ "L2 runs past the time limit: 0x980", { RUN_HDEC } },
#define ILLEGAL_CASE 4
	{ "L2 illegal instruction: 0xE40 with an 8-byte HEIR",
	  { RUN_ILLEGAL } },
	{ "FP/VMX/VSX of L2 and L1 survive each other's use",
	  { RUN_FP_VMX_VSX } },
	{ "SET, run, GET gives back what the L2 left", { RUN_STATE_ROUNDTRIP } },
	{ "23 SPRs: what the L2 writes is GET, and SET into a new vCPU its L2 reads",
	  { RUN_SPR_ROUNDTRIP } },
	{ "guest-wide TB offset: the L2's timebase is the L1's plus it",
	  { RUN_TB_OFFSET } },
	{ "two L2s, two vCPUs each", { RUN_TWO_L2S } },
	{ "remap and H_TLB_INVALIDATE: the L2 sees the new page",
	  { RUN_REMAP } },
	{ "L2 stores to a page it read, its pte without C: HDSI with SET_RC",
	  { RUN_CHANGE_BIT } },
	{ "the same under nested v1 (H_ENTER_NESTED)", { RUN_CHANGE_BIT_V1 } },
	{ "H_RPT_INVALIDATE of the L1 and the L2: a range that wraps is H_PARAMETER",
	  { RUN_RPT_RANGE } },
	{ "H_COPY_TOFROM_GUEST: up to a page, H_PARAMETER beyond",
	  { RUN_COPY_SIZE } },
	{ "L2 VPA: dispatch counts, ~0 unregisters", { RUN_VPA } },
	{ "L2 VPA: even while the L2 runs, whether the L1 counts or not",
	  { RUN_VPA_RUNNING } },
	{ "L1's L2 switch and run time counters", { RUN_L2_COUNTERS } },
	{ "DELETE of an L2 another L1 vCPU is running",
	  { RUN_DELETE_RUNNER, RUN_DELETE_DELETER } },
	{ "GET, SET, RUN of an L2 vCPU another L1 vCPU runs: H_BUSY at once",
	  { RUN_BUSY_RUNNER, RUN_BUSY_OTHER } },
	{ "LPCR[MER], MSR[EE] set: 0x500 at once, SRR0/SRR1, EE cleared",
	  { RUN_INTR_EXTERNAL } },
	{ "LPCR[MER], MSR[EE] clear: taken only once the L2 sets EE",
	  { RUN_INTR_EE_OFF } },
	{ "LPCR[ILE] clear: the interrupt runs big-endian",
	  { RUN_INTR_BIG_ENDIAN } },
	{ "LPCR[AIL]=3, translated L2: vector at 0xc000000000004500",
	  { RUN_INTR_AIL } },
	{ "DPDES: doorbell at 0xA00, DPDES cleared", { RUN_INTR_DOORBELL } },
	{ "RUN_VCPU flags: external, doorbell, system reset; bad flags",
	  { RUN_INTR_FLAGS } },
	{ "MMIO store: the GPR the L1 read comes in the next HDSI's output",
	  { RUN_MMIO_STORE_HINT } },
};

/* The dirty log has a bit per host page: room for 4 KiB ones */
#define DIRTY_BITS		(GUEST_MEM_SIZE / 4096)

struct dirty_syncs {
	struct vm *vm;
	unsigned int n;
	u64 bitmap[2][DIRTY_BITS / 64];
};

/* PAPR_RUN_DIRTY_SYNC: collect (and clear) the L1's dirty log. */
static bool dirty_sync(struct vcpu *vcpu, void *opaque)
{
	struct dirty_syncs *d = opaque;
	struct kvm_dirty_log log = { .slot = 0 };
	struct kvm_run *run = vcpu->run;

	if (!vcpu_exit_is_hcall(vcpu, PAPR_RUN_DIRTY_SYNC) || d->n == 2)
		return false;
	log.dirty_bitmap = d->bitmap[d->n++];
	run->papr_hcall.ret = ioctl(d->vm->fd, KVM_GET_DIRTY_LOG, &log) ?
			      H_PARAMETER : H_SUCCESS;
	return true;
}

/*
 * Runs @test, in which the L1 collects its dirty log twice: whether the
 * page at L1 real @addr is in the second collection.
 */
static void dirty_case(const char *name, unsigned long test, u64 addr)
{
	struct dirty_syncs d = { .vm = l1_create() };
	struct kvm_userspace_memory_region region = {
		.slot = 0,
		.flags = KVM_MEM_LOG_DIRTY_PAGES,
		.memory_size = GUEST_MEM_SIZE,
	};
	u64 page = addr / getpagesize();
	struct guest_result res = { .outcome = GUEST_HOST_ERROR };
	struct vcpu *vcpu = NULL;
	char buf[160];
	bool ok;

	if (d.vm) {
		region.userspace_addr = (uintptr_t)d.vm->mem;
		if (!ioctl(d.vm->fd, KVM_SET_USER_MEMORY_REGION, &region))
			vcpu = vcpu_create(d.vm, 0, test);
	}
	if (vcpu)
		vcpu_run_guest(vcpu, dirty_sync, &d, &res);
	ok = res.outcome == GUEST_DONE && d.n == 2;
	if (!ok) {
		tap_diag("%s", guest_result_str(&res, buf, sizeof(buf)));
	} else if (!(d.bitmap[1][page / 64] & (1ULL << (page % 64)))) {
		tap_diag("page 0x%llx is not in the second dirty log",
			 (unsigned long long)addr);
		ok = false;
	}
	vcpu_destroy(vcpu);
	vm_destroy(d.vm);
	tap_result(ok, name);
}

/*
 * The L1's dirty log: the L2 VPA page that only the L0 wrote, and a page
 * written just after a read in the same run, by the L1 or by its L2 (the
 * host cleared the page's C at the first collection).
 */
static void dirty_cases(void)
{
	dirty_case("L2 VPA written by the L0: dirty in the L1's log",
		   RUN_VPA_DIRTY, PAPR_RUN_DIRTY_VPA);
	dirty_case("L1 reads a logged page, then writes it: dirty in its log",
		   RUN_L1_DIRTY, PAPR_RUN_DIRTY_PAGE);
	dirty_case("L2 reads an L1 page, then writes it: dirty in the L1's log",
		   RUN_L2_DIRTY, PAPR_RUN_DIRTY_PAGE);
}

/* Beyond POWER9 KVM-HV keeps no guest's TIDR its own: a skip there */
static void tidr_case(void)
{
	static const char name[] =
		"TIDR: each L2 vCPU's apart from the L1's and the other L2's";
	u64 v[UCALL_MAX_VALUES];
	bool ok = l1_run_for_values(RUN_TIDR_APART, v);

	if (ok && v[0])
		tap_skip(name, "KVM-HV switches TIDR on POWER9 only");
	else
		tap_result(ok, name);
}

/* PAPR_RUN_CREATE_VM: can another VM be created on the host now? */
static bool create_other_vm(struct vcpu *vcpu, void *opaque)
{
	struct vm *other;

	if (!vcpu_exit_is_hcall(vcpu, PAPR_RUN_CREATE_VM))
		return false;
	other = vm_create(1 << 20);
	vcpu->run->papr_hcall.ret = other ? H_SUCCESS : H_NOT_ENOUGH_RESOURCES;
	vm_destroy(other);
	return true;
}

/* The shadows given back, from the L1 VM's papr_v2 debugfs file */
static long shadows_given_back(int vm_fd)
{
	char path[96], *text;
	long n;

	snprintf(path, sizeof(path), "/sys/kernel/debug/kvm/%d-%d/papr_v2",
		 getpid(), vm_fd);
	text = read_text(path);
	n = text_figure(text, "shadow_recycles");
	free(text);
	return n;
}

/*
 * An L1 runs 4095 L2s: it keeps to its share of the host's LPIDs, giving
 * shadows back, and another VM can still be created meanwhile.
 */
static void lpid_share_case(void)
{
	static const char name[] =
		"4095 L2s run: the L1 keeps to its LPIDs, another VM is created";
	struct guest_result res = { .outcome = GUEST_HOST_ERROR };
	struct vm *vm = l1_create();
	struct vcpu *vcpu = vm ? vcpu_create(vm, 0, RUN_LPID_SHARE) : NULL;
	long recycled = -1;
	char buf[160];
	bool ok;

	if (vcpu)
		vcpu_run_guest(vcpu, create_other_vm, NULL, &res);
	ok = res.outcome == GUEST_DONE;
	if (!ok)
		tap_diag("%s", guest_result_str(&res, buf, sizeof(buf)));
	if (vm)
		recycled = shadows_given_back(vm->fd);
	tap_diag("shadows given back: %ld", recycled);
	vcpu_destroy(vcpu);
	vm_destroy(vm);
	tap_result(ok && recycled > 0, name);
}

/* The timebase of POWER9 and POWER10, in ticks per microsecond */
#define TB_PER_US	512.0

static bool bench_us(unsigned long test, double *us)
{
	u64 v[UCALL_MAX_VALUES];

	if (!l1_run_for_values(test, v))
		return false;
	*us = v[0] / TB_PER_US / BENCH_ROUNDS;
	return true;
}

/*
 * A compute-bound L2 under @api: the exits per second its L1 saw, in all
 * and by reason, as "<name>: <value> <unit>" lines; false if it failed.
 */
static bool bench_spin(const char *api, unsigned long test, double *per_s)
{
	u64 v[UCALL_MAX_VALUES];
	double secs;

	if (!l1_run_for_values(test, v) || !v[3])
		return false;
	secs = v[3] / (TB_PER_US * 1e6);
	*per_s = v[0] / secs;
	printf("papr_%s_spin_exits: %.1f /s\n", api, *per_s);
	printf("papr_%s_spin_l0_stops: %.1f /s\n", api, v[1] / secs);
	printf("papr_%s_spin_externals: %.1f /s\n", api, v[2] / secs);
	return true;
}

/*
 * The L1's decrementer expiry across its exits: how far each exit moves it
 * (ns), and the same time without an exit, in ticks (the control).
 */
static bool bench_dec_drift(void)
{
	u64 v[UCALL_MAX_VALUES];

	if (!l1_run_for_values(BENCH_DEC_DRIFT, v))
		return false;
	printf("papr_l1_dec_drift_per_exit: %.1f ns\n",
	       (double)(int64_t)v[0] * 1000 / TB_PER_US / DRIFT_EXITS);
	printf("papr_l1_dec_drift_without_exit: %lld ticks\n", (long long)(int64_t)v[1]);
	printf("papr_l1_dec_drift_exit_cost: %.1f us\n",
	       v[2] / TB_PER_US / DRIFT_EXITS);
	return true;
}

/*
 * make bench: "<name>: <value> <unit>" lines, measured side by side in
 * this boot. v1 runs in a VM of its own, as an L1 uses one API or the
 * other.
 */
static int bench(void)
{
	double v2, v2_full, v1, spin_v2, spin_v1;

	if (!bench_us(BENCH_V2_STEADY, &v2) ||
	    !bench_us(BENCH_V2_FULL_INPUT, &v2_full) ||
	    !bench_us(BENCH_V1, &v1))
		return 1;
	printf("papr_v2_hcall_round_trip: %.2f us\n", v2);
	printf("papr_v1_hcall_round_trip: %.2f us\n", v1);
	printf("papr_v2_vs_v1: %.3f x\n", v2 / v1);
	printf("papr_v2_hcall_round_trip_full_input: %.2f us\n", v2_full);
	printf("papr_v2_full_input_vs_steady: %.3f x\n", v2_full / v2);
	if (!bench_spin("v2", BENCH_SPIN_V2, &spin_v2) ||
	    !bench_spin("v1", BENCH_SPIN_V1, &spin_v1))
		return 1;
	printf("papr_spin_exits_v2_vs_v1: %.3f x\n", spin_v2 / spin_v1);
	return !bench_dec_drift();
}

int main(int argc, char **argv)
{
	double rtt;
	size_t i;

	if (argc > 1 && !strcmp(argv[1], "--bench"))
		return bench();
	/* The v2 round trip alone, for make bench's trace events' cost */
	if (argc > 1 && !strcmp(argv[1], "--bench-drift"))
		return !bench_dec_drift();
	if (argc > 1 && !strcmp(argv[1], "--bench-rtt"))
		return !bench_us(BENCH_V2_STEADY, &rtt) ||
		       printf("papr_v2_hcall_round_trip: %.2f us\n", rtt) < 0;
	host_require_papr_kvm_nested();
	tap_plan(ARRAY_SIZE(cases) + 7 + 5 + 7);
	/*
	 * Where this host is itself a guest (pseries), the L2 runs through
	 * its parent's nested API v1, and QEMU's does not report HEIR
	 * (spapr_exit_nested_hv()): the L0 cannot know the instruction.
	 */
	if (host_is_pseries()) {
		tap_diag("pseries host: the parent hypervisor reports no HEIR");
		cases[ILLEGAL_CASE].tests[0] = RUN_ILLEGAL_HEIR_UNKNOWN;
	}
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		l1_run_case(&cases[i], NULL);
	tidr_case();
	dirty_cases();
	lpid_share_case();
	v1_share_case();
	pgtable_bound_case();
	observe_cases();
	state_cases();
	return tap_finish();
}
