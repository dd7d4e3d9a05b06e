// SPDX-License-Identifier: GPL-2.0-only
/*
 * What an administrator sees of an L1 (Documentation/observability.rst),
 * checked against known work, the two halves of RUN_OBSERVE_*: the
 * papr_kvm trace events with their fields, and none while disabled; the
 * "papr_v2" and "papr_v2_l2" figures of the VM's debugfs directory, and
 * their exact deltas across the second half; papr-kvm-top's listing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "l1.h"
#include "papr_run.h"
#include "slab.h"
#include "tap.h"
#include "tracefs.h"

struct observe {
	struct vm *vm;
	const char *tracefs;
	char dir[96];		/* the VM's debugfs directory */
	char *v2[2], *l2[2];	/* papr_v2, papr_v2_l2 after each half */
	char *trace;
	char *tool;
};

/* Runs @test on the VM's vCPU 0, made at the first half. */
static bool run_half(struct observe *o, struct vcpu **vcpu, unsigned long test)
{
	struct guest_result res = { .outcome = GUEST_HOST_ERROR };
	char buf[160];

	if (!*vcpu)
		*vcpu = vcpu_create(o->vm, 0, test);
	else if (vcpu_reset(*vcpu, test))
		return false;
	if (*vcpu)
		vcpu_run_guest(*vcpu, NULL, NULL, &res);
	if (res.outcome != GUEST_DONE)
		tap_diag("%s", guest_result_str(&res, buf, sizeof(buf)));
	return res.outcome == GUEST_DONE;
}

static void read_figures(struct observe *o, int half)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/papr_v2", o->dir);
	o->v2[half] = read_text(path);
	snprintf(path, sizeof(path), "%s/papr_v2_l2", o->dir);
	o->l2[half] = read_text(path);
}

#define TOOL_TEXT_MAX	BIT(16)

/* papr-kvm-top once over one second, from the collection or the PATH */
static char *run_tool(void)
{
	const char *tool = access("./papr-kvm-top", X_OK) ? "papr-kvm-top" :
							     "./papr-kvm-top";
	char cmd[96], *out = calloc(1, TOOL_TEXT_MAX);
	FILE *f;
	size_t n;

	snprintf(cmd, sizeof(cmd), "%s -b -n 1 -d 1 2>&1", tool);
	f = popen(cmd, "r");
	if (!f || !out) {
		free(out);
		return NULL;
	}
	n = fread(out, 1, TOOL_TEXT_MAX - 1, f);
	out[n] = '\0';
	pclose(f);
	return out;
}

/* The known work, its figures, the tool's listing and the events. */
static bool observe_work(struct observe *o)
{
	struct vcpu *vcpu = NULL;
	bool ok;

	o->vm = l1_create();
	if (!o->vm)
		return false;
	snprintf(o->dir, sizeof(o->dir), "/sys/kernel/debug/kvm/%d-%d",
		 getpid(), o->vm->fd);
	ok = run_half(o, &vcpu, RUN_OBSERVE_FIRST);
	read_figures(o, 0);
	o->tool = run_tool();
	ok = ok && run_half(o, &vcpu, RUN_OBSERVE_SECOND);
	read_figures(o, 1);
	if (o->tracefs)
		o->trace = tracefs_papr_kvm_stop(o->tracefs);
	vcpu_destroy(vcpu);
	vm_destroy(o->vm);
	return ok;
}

static bool expect_figure(const char *text, const char *name, long long want)
{
	long long got = text_figure(text, name);

	return TEST_EXPECT(got == want, "%s is %lld, want %lld", name, got, want);
}

static bool check_papr_v2(struct observe *o)
{
	const char *a = o->v2[0], *b = o->v2[1];
	long guest = slab_object_size("kvmhv_papr_guest");
	long vcpu = slab_object_size("kvmhv_papr_vcpu");
	bool ok;

	if (!TEST_EXPECT(a && b, "no %s/papr_v2", o->dir))
		return false;
	/* After the first half: 2 L2s, 3 vCPUs, 3 x OBSERVE_RUNS hcalls */
	ok = expect_figure(a, "l2_guests", 2) &
	     expect_figure(a, "l2_vcpus", 3) &
	     expect_figure(a, "shadow_lpids", 2) &
	     expect_figure(a, "l2_guests_created", 2) &
	     expect_figure(a, "l2_vcpus_created", 3) &
	     expect_figure(a, "exits_0xc00", 3 * OBSERVE_RUNS) &
	     expect_figure(a, "l0_heap_bytes", 2 * guest + 3 * vcpu) &
	     expect_figure(a, "limit_l2_guests", 4095) &
	     TEST_EXPECT(text_figure(a, "runs") >= 3 * OBSERVE_RUNS &&
			 text_figure(a, "in_l2_ns") > 0 &&
			 text_figure(a, "gsb_in_bytes") > 0 &&
			 text_figure(a, "gsb_out_bytes") > 0,
			 "runs %lld, in_l2_ns %lld, gsb bytes %lld in %lld out",
			 text_figure(a, "runs"), text_figure(a, "in_l2_ns"),
			 text_figure(a, "gsb_in_bytes"), text_figure(a, "gsb_out_bytes"));
	/* The second half: as many hcalls again, L2 2 and its vCPU gone */
	ok &= expect_figure(b, "exits_0xc00", 6 * OBSERVE_RUNS) &
	      expect_figure(b, "l2_guests", 1) &
	      expect_figure(b, "l2_vcpus", 2) &
	      expect_figure(b, "shadow_lpids", 1) &
	      expect_figure(b, "l2_guests_created", 2) &
	      expect_figure(b, "l2_vcpus_created", 3) &
	      expect_figure(b, "l0_heap_bytes",
			    text_figure(a, "l0_heap_bytes") - guest - vcpu);
	return ok;
}

static bool check_papr_v2_l2(struct observe *o)
{
	const char *a = o->l2[0], *b = o->l2[1];

	if (!TEST_EXPECT(a && b, "no %s/papr_v2_l2", o->dir))
		return false;
	return expect_figure(a, "l2.1.vcpus", 2) &
	       expect_figure(a, "l2.2.vcpus", 1) &
	       expect_figure(a, "l2.1.exits_0xc00", 2 * OBSERVE_RUNS) &
	       expect_figure(a, "l2.2.exits_0xc00", OBSERVE_RUNS) &
	       expect_figure(a, "l2.2.shadow_lpid", 1) &
	       expect_figure(b, "l2.1.exits_0xc00", 4 * OBSERVE_RUNS) &
	       TEST_EXPECT(text_figure(b, "l2.2.vcpus") == -1,
			   "L2 2 is still listed after its deletion");
}

/* The VM's line and its L2s' in papr-kvm-top's table */
static bool check_tool(struct observe *o)
{
	char line[3][64];
	const char *p, *end;

	if (!TEST_EXPECT(o->tool, "papr-kvm-top did not run"))
		return false;
	tap_diag("papr-kvm-top -b -n 1 -d 1, after the first half:");
	for (p = o->tool; *p; p = end + !!*end) {
		end = p + strcspn(p, "\n");
		tap_diag("  %.*s", (int)(end - p), p);
	}
	snprintf(line[0], sizeof(line[0]), "\n%-14s %4d %5d %5d ",
		 strrchr(o->dir, '/') + 1, 2, 3, 2);
	snprintf(line[1], sizeof(line[1]), "\n%-14s %4s %5d %5d ", "  L2 1", "",
		 2, 1);
	snprintf(line[2], sizeof(line[2]), "\n%-14s %4s %5d %5d ", "  L2 2", "",
		 1, 1);
	return strstr(o->tool, line[0]) && strstr(o->tool, line[1]) &&
	       strstr(o->tool, line[2]);
}

static bool check_trace(struct observe *o)
{
	static const char * const want[] = {
		"papr_kvm_hcall_enter: vm %d vcpu 0 H_GUEST_CREATE flags 0x0 guest 18446744073709551615",
		"papr_kvm_hcall_exit: vm %d vcpu 0 H_GUEST_CREATE ret H_SUCCESS r4 0x2",
		"papr_kvm_l2_create: vm %d guest 2 l2_vcpu 0",
		"papr_kvm_l2_vcpu_create: vm %d guest 1 l2_vcpu 1",
		"papr_kvm_run_exit: vm %d vcpu 0 guest 1 l2_vcpu 1 exit SYSCALL nia 0x",
		"papr_kvm_gsb_error: vm %d vcpu 0 SET H_INVALID_ELEMENT_ID element 0xdead index 1 offset 16",
		"papr_kvm_hcall_exit: vm %d vcpu 0 H_GUEST_SET_STATE ret H_INVALID_ELEMENT_ID r4 0x1",
		"papr_kvm_l2_delete: vm %d guest 2 l2_vcpu 0",
		"papr_kvm_shadow: vm %d guest 2 flush",
		"papr_kvm_hcall_args: vm %d vcpu 0 H_RPT_INVALIDATE 0x1 ",
	};
	char line[160];
	bool ok = true;
	size_t i;
	int n;

	if (!TEST_EXPECT(o->trace, "no trace from %s", o->tracefs))
		return false;
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		snprintf(line, sizeof(line), want[i], getpid());
		ok &= TEST_EXPECT(strstr(o->trace, line), "no event \"%s\"", line);
	}
	n = count_text(o->trace, "exit SYSCALL");
	ok &= TEST_EXPECT(n == 6 * OBSERVE_RUNS, "%d hcall exits traced, want %d",
			  n, 6 * OBSERVE_RUNS);
	return ok;
}

/* An L2 run with the events disabled leaves none in the trace. */
static bool check_disabled(const char *tracefs)
{
	u64 values[UCALL_MAX_VALUES];
	char *trace;
	bool ok;

	ok = tracefs_papr_kvm_enable(tracefs, false) &&
	     l1_run_for_values(RUN_HCALL, values);
	trace = tracefs_read(tracefs);
	ok = ok && TEST_EXPECT(!trace || !strstr(trace, "papr_kvm_"),
			       "papr_kvm events traced while disabled");
	free(trace);
	return ok;
}

void observe_cases(void)
{
	struct observe o = { .tracefs = tracefs_papr_kvm() };
	bool ran, disabled = false;
	int i;

	if (o.tracefs)
		disabled = check_disabled(o.tracefs) &&
			   tracefs_papr_kvm_enable(o.tracefs, true);
	ran = observe_work(&o);
	if (o.tracefs) {
		tap_result(disabled, "trace: no papr_kvm event while disabled");
		tap_result(ran && check_trace(&o),
			   "trace: each papr_kvm event of known work, with its fields");
	} else {
		tap_skip("trace: no papr_kvm event while disabled", "no tracefs");
		tap_skip("trace: each papr_kvm event of known work, with its fields",
			 "no tracefs");
	}
	tap_result(ran && check_papr_v2(&o),
		   "papr_v2: the figures of known work, and their exact deltas");
	tap_result(ran && check_papr_v2_l2(&o),
		   "papr_v2_l2: each live L2's vCPUs, shadow and exits");
	tap_result(ran && check_tool(&o),
		   "papr-kvm-top lists the VM and its L2s with their vCPUs");
	for (i = 0; i < 2; i++) {
		free(o.v2[i]);
		free(o.l2[i]);
	}
	free(o.trace);
	free(o.tool);
}
