// SPDX-License-Identifier: GPL-2.0-only
/*
 * Save and restore of an L1 with live L2s, this program acting as its
 * VMM: the L1's memory and registers, and the nested state the L0 holds
 * for it (PAPR_KVM_GET_NESTED_STATE and PAPR_KVM_SET_NESTED_STATE).
 */
#include <endian.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/papr_kvm.h>

#include "l1.h"
#include "papr.h"
#include "papr_run.h"
#include "slab.h"
#include "tap.h"

/*
 * Two L1 vCPUs, each starting an L2 of its own in every restored VM: what
 * showed KVM-HV's unserialised nested-guest IDR allocation (patch 0011).
 */
#define STATE_VCPUS		2
#define STATE_CYCLES		20
#define STATE_SLOTS		4
#define PROGRESS_TIMEOUT_MS	60000

struct l1_vm {
	struct vm *vm;
	struct vcpu *vcpu[STATE_VCPUS];
};

struct runner {
	pthread_t thread;
	struct vcpu *vcpu;
	struct guest_result res;
	bool ended;
	bool live;		/* the thread runs */
};

struct snapshot {
	void *mem;
	struct kvm_regs regs[STATE_VCPUS];
	struct papr_kvm_nested_state *nested;
};

/* The last blob of the running L2s, for the error cases */
static struct papr_kvm_nested_state *saved_blob;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The nested state of @vm_fd, sized by a first call as KVM's users do */
static struct papr_kvm_nested_state *nested_get(int vm_fd)
{
	struct papr_kvm_nested_state hdr = { .size = sizeof(hdr) };
	struct papr_kvm_nested_state *s;

	if (!ioctl(vm_fd, PAPR_KVM_GET_NESTED_STATE, &hdr))
		return memcpy(malloc(sizeof(hdr)), &hdr, sizeof(hdr));
	if (errno != E2BIG) {
		tap_diag("PAPR_KVM_GET_NESTED_STATE: %s", strerror(errno));
		return NULL;
	}
	s = calloc(1, hdr.size);
	s->size = hdr.size;
	if (ioctl(vm_fd, PAPR_KVM_GET_NESTED_STATE, s)) {
		tap_diag("PAPR_KVM_GET_NESTED_STATE of %llu bytes: %s",
			 (unsigned long long)hdr.size, strerror(errno));
		free(s);
		return NULL;
	}
	return s;
}

/* 0, or the errno of PAPR_KVM_SET_NESTED_STATE */
static int nested_set(int vm_fd, const struct papr_kvm_nested_state *s)
{
	return ioctl(vm_fd, PAPR_KVM_SET_NESTED_STATE, s) ? errno : 0;
}

static void l1_vm_destroy(struct l1_vm *l)
{
	int i;

	for (i = 0; i < STATE_VCPUS; i++)
		vcpu_destroy(l->vcpu[i]);
	vm_destroy(l->vm);
	memset(l, 0, sizeof(*l));
}

static bool l1_vm_create(struct l1_vm *l, unsigned long test)
{
	int i;

	memset(l, 0, sizeof(*l));
	l->vm = l1_create();
	for (i = 0; l->vm && i < STATE_VCPUS; i++) {
		l->vcpu[i] = vcpu_create(l->vm, i, test);
		if (!l->vcpu[i])
			break;
	}
	if (l->vm && i == STATE_VCPUS)
		return true;
	l1_vm_destroy(l);
	return false;
}

static void on_stop_signal(int sig)
{
}

static void *runner_main(void *arg)
{
	struct runner *r = arg;

	r->ended = vcpu_run_guest_until_stop(r->vcpu, &r->res);
	return NULL;
}

static void runners_start(struct runner *r, struct l1_vm *l)
{
	int i;

	for (i = 0; i < STATE_VCPUS; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].vcpu = l->vcpu[i];
		r[i].live = !pthread_create(&r[i].thread, NULL, runner_main,
					    &r[i]);
	}
}

static void runners_join(struct runner *r)
{
	int i;

	for (i = 0; i < STATE_VCPUS; i++) {
		if (r[i].live)
			pthread_join(r[i].thread, NULL);
		r[i].live = false;
	}
}

/* KVM's way to stop a vCPU thread: immediate_exit, then a signal */
static void runners_stop(struct runner *r)
{
	int i;

	for (i = 0; i < STATE_VCPUS; i++) {
		if (!r[i].live)
			continue;
		r[i].vcpu->run->immediate_exit = 1;
		pthread_kill(r[i].thread, SIGUSR1);
	}
	runners_join(r);
	for (i = 0; i < STATE_VCPUS; i++)
		if (r[i].vcpu)
			r[i].vcpu->run->immediate_exit = 0;
}

/* Whether a runner ended, with a diagnostic of how */
static bool runners_ended(const struct runner *r)
{
	bool ended = false;
	char buf[160];
	int i;

	for (i = 0; i < STATE_VCPUS; i++) {
		if (!r[i].ended)
			continue;
		tap_diag("L1 vCPU %d: %s", i,
			 guest_result_str(&r[i].res, buf, sizeof(buf)));
		ended = true;
	}
	return ended;
}

static u64 *counters(struct vm *vm)
{
	return vm_gpa_to_hva(vm, STATE_COUNTERS_L1, STATE_SLOTS * 8);
}

/* Slot @i, which the running L2 vCPU writes */
static u64 counter(struct vm *vm, int i)
{
	return __atomic_load_n(&counters(vm)[i], __ATOMIC_RELAXED);
}

static u64 counters_sum(struct vm *vm)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < STATE_SLOTS; i++)
		sum += counter(vm, i);
	return sum;
}

/* Each of the L2 vCPUs has counted past @since's count of it */
static bool counters_past(struct vm *vm, const u64 *since)
{
	int i;

	for (i = 0; i < STATE_SLOTS; i++)
		if (counter(vm, i) <= since[i])
			return false;
	return true;
}

/* Each L2 vCPU's progress, while no L1 vCPU of @r has ended */
static bool wait_progress(struct vm *vm, const u64 *since,
			  const struct runner *r)
{
	double end = now_ms() + PROGRESS_TIMEOUT_MS;

	while (!counters_past(vm, since)) {
		if (runners_ended(r))
			return false;
		if (now_ms() > end) {
			tap_diag("the L2s made no progress in %d ms",
				 PROGRESS_TIMEOUT_MS);
			return false;
		}
		usleep(2000);
	}
	return true;
}

static bool save(struct l1_vm *l, struct snapshot *s)
{
	int i;

	memcpy(s->mem, l->vm->mem, GUEST_MEM_SIZE);
	for (i = 0; i < STATE_VCPUS; i++)
		if (vcpu_get_regs(l->vcpu[i], &s->regs[i]))
			return false;
	free(s->nested);
	s->nested = nested_get(l->vm->fd);
	return s->nested;
}

/* A new VM from @s, without the nested state when @nested is false */
static bool restore(struct l1_vm *l, const struct snapshot *s, bool nested)
{
	struct papr_kvm_nested_state *again;
	bool same;
	int i, err;

	if (!l1_vm_create(l, RUN_STATE_LOOP))
		return false;
	memcpy(l->vm->mem, s->mem, GUEST_MEM_SIZE);
	for (i = 0; i < STATE_VCPUS; i++)
		if (ioctl(l->vcpu[i]->fd, KVM_SET_REGS, &s->regs[i]))
			return false;
	if (!nested)
		return true;
	err = nested_set(l->vm->fd, s->nested);
	if (err) {
		tap_diag("PAPR_KVM_SET_NESTED_STATE: %s", strerror(err));
		return false;
	}
	/* The L0 holds again exactly what it gave */
	again = nested_get(l->vm->fd);
	same = again && again->size == s->nested->size &&
	       !memcmp(again, s->nested, s->nested->size);
	if (!same)
		tap_diag("the restored nested state differs from the saved");
	free(again);
	return same;
}

/*
 * GET's size query as KVM_GET_NESTED_STATE has it: E2BIG and the size
 * for a header alone and for one byte short, then the state at that size.
 */
static bool size_query_ok(int vm_fd)
{
	struct papr_kvm_nested_state hdr = { .size = sizeof(hdr) }, *s;
	u64 need;
	bool ok;

	ok = ioctl(vm_fd, PAPR_KVM_GET_NESTED_STATE, &hdr) && errno == E2BIG &&
	     hdr.size > sizeof(hdr);
	need = hdr.size;
	s = calloc(1, need);
	s->size = need - 1;
	ok = ok && ioctl(vm_fd, PAPR_KVM_GET_NESTED_STATE, s) &&
	     errno == E2BIG && s->size == need;
	s->size = need;
	ok = ok && !ioctl(vm_fd, PAPR_KVM_GET_NESTED_STATE, s) &&
	     s->size == need && s->format == PAPR_KVM_NESTED_STATE_V1;
	free(s);
	return ok;
}

/* The record sizes, from the blob of the running L2s */
static void report_sizes(const struct papr_kvm_nested_state *s)
{
	const u8 *p = s->records;
	u32 i, guest = 0, vcpu = 0;

	for (i = 0; i < s->nr_records; i++) {
		const struct papr_kvm_nested_record *rec = (const void *)p;
		u32 stride = sizeof(*rec) + ((rec->len + 7) & ~7u);

		if (rec->type == PAPR_KVM_NESTED_REC_GUEST)
			guest = stride;
		else if (rec->type == PAPR_KVM_NESTED_REC_VCPU)
			vcpu = stride;
		p += stride;
	}
	tap_diag("2 L2s of 2 vCPUs: %llu bytes, %u records",
		 (unsigned long long)s->size, s->nr_records);
	tap_diag("per L2: %u bytes; per L2 vCPU: %u bytes", guest, vcpu);
}

struct loop {
	struct l1_vm l1;
	struct runner r[STATE_VCPUS];
	struct snapshot snap;
	bool get_busy;		/* a GET while the L2s run was EBUSY */
	bool set_busy;		/* a SET on a VM with L2s was EBUSY */
	double save_ms, restore_ms;
};

/* Stop at a random point, save, destroy, restore into a new VM, resume */
static bool cycle(struct loop *t, int n)
{
	u64 since[STATE_SLOTS];
	double t0, t1, t2;

	memcpy(since, counters(t->l1.vm), sizeof(since));
	if (!wait_progress(t->l1.vm, since, t->r))
		return false;
	usleep(rand() % 20000);
	if (n == 0) {
		struct papr_kvm_nested_state hdr = { .size = sizeof(hdr) };

		t->get_busy = ioctl(t->l1.vm->fd, PAPR_KVM_GET_NESTED_STATE,
				    &hdr) && errno == EBUSY;
	}
	runners_stop(t->r);
	if (runners_ended(t->r))
		return false;
	t0 = now_ms();
	if (!save(&t->l1, &t->snap))
		return false;
	t1 = now_ms();
	l1_vm_destroy(&t->l1);
	if (!restore(&t->l1, &t->snap, true))
		return false;
	t2 = now_ms();
	t->save_ms += t1 - t0;
	t->restore_ms += t2 - t1;
	if (n == 0)
		t->set_busy = nested_set(t->l1.vm->fd, t->snap.nested) == EBUSY;
	runners_start(t->r, &t->l1);
	return true;
}

/* The loop's end: each L1 vCPU reports the counts the L2 memory holds */
static bool loop_end(struct loop *t)
{
	u64 *stop = vm_gpa_to_hva(t->l1.vm, STATE_STOP, 8);
	bool ok = true;
	char buf[160];
	int i, v;

	__atomic_store_n(stop, 1, __ATOMIC_RELEASE);
	runners_join(t->r);
	for (i = 0; i < STATE_VCPUS; i++) {
		if (t->r[i].res.outcome != GUEST_DONE) {
			tap_diag("L1 vCPU %d: %s", i,
				 guest_result_str(&t->r[i].res, buf,
						  sizeof(buf)));
			ok = false;
			continue;
		}
		for (v = 0; v < 2; v++) {
			u64 count = t->r[i].res.values[v];
			u64 held = counter(t->l1.vm, i * 2 + v);

			if (count != held) {
				tap_diag("L2 vCPU %d: counted %llu, memory holds %llu",
					 i * 2 + v, (unsigned long long)count,
					 (unsigned long long)held);
				ok = false;
			}
		}
	}
	tap_diag("the L2 vCPUs counted %llu steps in all",
		 (unsigned long long)counters_sum(t->l1.vm));
	return ok;
}

static void loop_case(void)
{
	static struct loop t;
	struct sigaction sa = { .sa_handler = on_stop_signal };
	unsigned int seed = time(NULL);
	const char *env = getenv("PAPR_STATE_SEED");
	bool ok, sized;
	int n;

	if (env)
		seed = strtoul(env, NULL, 0);
	tap_diag("seed %u (PAPR_STATE_SEED replays it)", seed);
	srand(seed);
	sigaction(SIGUSR1, &sa, NULL);
	t.snap.mem = malloc(GUEST_MEM_SIZE);
	ok = l1_vm_create(&t.l1, RUN_STATE_LOOP);
	if (ok)
		runners_start(t.r, &t.l1);
	for (n = 0; ok && n < STATE_CYCLES; n++)
		ok = cycle(&t, n);
	if (!ok)
		tap_diag("cycle %d failed", n);
	else
		ok = loop_end(&t);
	sized = t.l1.vm && size_query_ok(t.l1.vm->fd);
	if (!ok)
		runners_stop(t.r);
	if (t.snap.nested) {
		report_sizes(t.snap.nested);
		tap_diag("save %.1f ms, restore %.1f ms, on average",
			 t.save_ms / STATE_CYCLES, t.restore_ms / STATE_CYCLES);
	}
	l1_vm_destroy(&t.l1);
	free(t.snap.mem);
	saved_blob = t.snap.nested;
	tap_result(ok, "2 L2s of 2 vCPUs saved, restored 20 times at random points: exact");
	tap_result(t.get_busy, "GET of the nested state while the L2s run: EBUSY");
	tap_result(t.set_busy, "SET of the nested state on a VM that has L2s: EBUSY");
	tap_result(sized, "GET's size query: E2BIG with the size, then the state");
}

/* The first record of @type in @s, or NULL */
static struct papr_kvm_nested_record *
find_record(struct papr_kvm_nested_state *s, u16 type)
{
	u8 *p = s->records;
	u32 i;

	for (i = 0; i < s->nr_records; i++) {
		struct papr_kvm_nested_record *rec = (void *)p;

		if (rec->type == type)
			return rec;
		p += sizeof(*rec) + ((rec->len + 7) & ~7u);
	}
	return NULL;
}

/* The value of element @id in the GSB after @rec */
static u8 *find_element(struct papr_kvm_nested_record *rec, u16 id)
{
	u8 *gsb = (u8 *)(rec + 1), *p = gsb + 4;
	u32 n = be32toh(*(u32 *)gsb), i;

	for (i = 0; i < n; i++) {
		u16 size = be16toh(*(u16 *)(p + 2));

		if (be16toh(*(u16 *)p) == id)
			return p + 4;
		p += 4 + size;
	}
	return NULL;
}

enum corruption {
	BAD_TRUNCATED,
	BAD_OVERSIZED,
	BAD_FORMAT,
	BAD_CAPS,
	BAD_ELEMENT_ID,
	BAD_MSR,
	BAD_RECORD_LEN,
	BAD_VCPU_ID,
	BAD_GUEST_ORDER,
	BAD_L1_VCPU,
	NR_CORRUPTIONS,
};

static const char *const corruption_names[] = {
	"truncated", "oversized", "format 2", "a mode the host lacks",
	"an unknown element", "MSR[TS] set", "a record of 64 KiB",
	"L2 vCPU id 2048", "a vCPU before its L2",
	"a load for an L1 vCPU the VM does not have",
};

/* A copy of the saved blob with @c in it, 64 bytes to spare */
static struct papr_kvm_nested_state *corrupt(enum corruption c)
{
	struct papr_kvm_nested_state *s = calloc(1, saved_blob->size + 64);
	struct papr_kvm_nested_record *vcpu, *load;

	memcpy(s, saved_blob, saved_blob->size);
	vcpu = find_record(s, PAPR_KVM_NESTED_REC_VCPU);
	switch (c) {
	case BAD_TRUNCATED:
		s->size -= 8;
		break;
	case BAD_OVERSIZED:
		s->size += 64;
		break;
	case BAD_FORMAT:
		s->format = 2;
		break;
	case BAD_CAPS:
		s->caps |= 1ULL << 50;
		break;
	case BAD_ELEMENT_ID:
		*(u16 *)((u8 *)(vcpu + 1) + 4) = htobe16(0xdead);
		break;
	case BAD_MSR:
		*(u64 *)find_element(vcpu, GSID_MSR) |= htobe64(3ULL << 33);
		break;
	case BAD_RECORD_LEN:
		vcpu->len = 0x10000;
		break;
	case BAD_VCPU_ID:
		vcpu->vcpu_id = 2048;
		break;
	case BAD_GUEST_ORDER:
		vcpu->guest_id = 99;
		break;
	case BAD_L1_VCPU:
		load = (void *)((u8 *)s + s->size);
		load->type = PAPR_KVM_NESTED_REC_LOAD;
		load->guest_id = vcpu->guest_id;
		load->vcpu_id = vcpu->vcpu_id;
		load->load.l1_vcpu = STATE_VCPUS;
		s->size += sizeof(*load);
		s->nr_records++;
		break;
	case NR_CORRUPTIONS:
		break;
	}
	return s;
}

/* Each corruption is EINVAL and leaves no L2 behind; the blob then works */
static void errors_case(void)
{
	static const char name[] =
		"SET of bad states (cut, long, corrupt, bigger VM): EINVAL, nothing left";
	struct papr_kvm_nested_state *s, *left;
	struct l1_vm l;
	bool ok = saved_blob && l1_vm_create(&l, RUN_STATE_LOOP);
	int c, err;

	for (c = 0; ok && c < NR_CORRUPTIONS; c++) {
		s = corrupt(c);
		err = nested_set(l.vm->fd, s);
		free(s);
		left = nested_get(l.vm->fd);
		if (err != EINVAL || !left || left->nr_records || left->caps) {
			tap_diag("%s: %s, %u records left",
				 corruption_names[c], strerror(err),
				 left ? left->nr_records : 0);
			ok = false;
		}
		free(left);
	}
	if (ok && nested_set(l.vm->fd, saved_blob)) {
		tap_diag("the blob itself is refused after the corrupt ones");
		ok = false;
	}
	if (saved_blob)
		l1_vm_destroy(&l);
	ok = ok && slab_settles_at("kvmhv_papr_guest", 0) &&
	     slab_settles_at("kvmhv_papr_vcpu", 0);
	tap_result(ok, name);
}

/*
 * A VMM without the nested state: the restored L1's next H_GUEST_* call
 * is H_STATE (it agreed no modes with this L0), which the payload reports
 * as a failed assertion. The host is unharmed.
 */
static void no_nested_state_case(void)
{
	static const char name[] =
		"restore without the nested state: the L1's next H_GUEST_* call is H_STATE";
	struct runner r[STATE_VCPUS] = { 0 };
	struct snapshot snap = { .mem = malloc(GUEST_MEM_SIZE) };
	static const u64 none[STATE_SLOTS];
	struct l1_vm l;
	bool ok = l1_vm_create(&l, RUN_STATE_LOOP);
	int i;

	if (ok) {
		runners_start(r, &l);
		ok = wait_progress(l.vm, none, r);
		runners_stop(r);
		ok = ok && !runners_ended(r) && save(&l, &snap);
		l1_vm_destroy(&l);
	}
	ok = ok && restore(&l, &snap, false);
	if (ok) {
		runners_start(r, &l);
		runners_join(r);
		for (i = 0; i < STATE_VCPUS; i++) {
			if (r[i].res.outcome != GUEST_FAILED ||
			    (long)r[i].res.v0 != H_STATE) {
				runners_ended(r);
				ok = false;
			}
		}
		l1_vm_destroy(&l);
	}
	free(snap.mem);
	free(snap.nested);
	tap_result(ok, name);
}

/* PAPR_RUN_STATE_SAVE: save the L1's 4095 L2s, restore them elsewhere */
static bool save_many(struct vcpu *vcpu, void *opaque)
{
	struct papr_kvm_nested_state *s, *again = NULL;
	struct vm *other;
	double t0, t1, t2 = 0;
	bool ok = false;

	if (!vcpu_exit_is_hcall(vcpu, PAPR_RUN_STATE_SAVE))
		return false;
	t0 = now_ms();
	s = nested_get(vcpu->vm->fd);
	t1 = now_ms();
	other = l1_create();
	if (s && other) {
		memcpy(other->mem, vcpu->vm->mem, GUEST_MEM_SIZE);
		t1 = now_ms();
		ok = !nested_set(other->fd, s);
		t2 = now_ms();
		again = nested_get(other->fd);
		ok = ok && again && !memcmp(again, s, s->size);
		tap_diag("%u L2s: %llu bytes of nested state",
			 STATE_MANY_L2S, (unsigned long long)s->size);
		tap_diag("saved in %.1f ms, restored in %.1f ms",
			 t1 - t0, t2 - t1);
	}
	vm_destroy(other);
	free(again);
	free(s);
	vcpu->run->papr_hcall.ret = ok ? H_SUCCESS : H_PARAMETER;
	return true;
}

static void many_case(void)
{
	static const char name[] =
		"4095 L2s: their nested state is saved and restored whole";
	struct guest_result res = { .outcome = GUEST_HOST_ERROR };
	struct vm *vm = l1_create();
	struct vcpu *vcpu = vm ? vcpu_create(vm, 0, RUN_STATE_MANY) : NULL;
	char buf[160];

	if (vcpu)
		vcpu_run_guest(vcpu, save_many, NULL, &res);
	if (res.outcome != GUEST_DONE)
		tap_diag("%s", guest_result_str(&res, buf, sizeof(buf)));
	vcpu_destroy(vcpu);
	vm_destroy(vm);
	tap_result(res.outcome == GUEST_DONE, name);
}

void state_cases(void)
{
	loop_case();
	errors_case();
	no_nested_state_case();
	many_case();
	free(saved_blob);
}
