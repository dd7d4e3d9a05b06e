// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest side of the svm suite. The payload plays both parts: the
 * Ultravisor's, whose calls carry R0 = PAPR_KVM_SOFT_UV_CONTEXT (the
 * software Ultravisor's stand-in for SRR1[S]), and the VM's.
 */
#include "guest.h"
#include "papr.h"
#include "svm.h"
#include "ppc_reg.h"

static long call(unsigned long nr, unsigned long r0, unsigned long a0,
		 unsigned long a1, unsigned long a2)
{
	struct svm_call_in in = { .nr = nr, .args = { a0, a1, a2 }, .r0 = r0 };
	struct svm_call_out out;

	svm_call(&in, &out);
	GUEST_ASSERT_EQ(out.nv_changed, 0);
	return out.r3;
}

/* A call from the Ultravisor's context */
static long uv_call(unsigned long nr, unsigned long a0, unsigned long a1,
		    unsigned long a2)
{
	return call(nr, PAPR_KVM_SOFT_UV_CONTEXT, a0, a1, a2);
}

static long vm_call(unsigned long nr)
{
	return call(nr, 0, 0, 0, 0);
}

static long page_in(unsigned long gpa, unsigned long flags)
{
	return uv_call(H_SVM_PAGE_IN, gpa, flags, SVM_PAGE_SHIFT);
}

static long page_out(unsigned long gpa)
{
	return uv_call(H_SVM_PAGE_OUT, gpa, 0, SVM_PAGE_SHIFT);
}

static unsigned long read_msr(void)
{
	unsigned long msr;

	asm volatile("mfmsr %0" : "=r"(msr));
	return msr;
}

/*
 * H_SVM_INIT_ABORT from the VM's context: H_PARAMETER, back at the
 * instruction after "sc 1" (SRR0) with the MSR of the call (SRR1) and
 * R14-R31 untouched.
 */
static void abort_init(void)
{
	struct svm_call_in in = { .nr = H_SVM_INIT_ABORT };
	struct svm_call_out out;
	unsigned long msr = read_msr();

	svm_call(&in, &out);
	GUEST_ASSERT_EQ(out.r3, H_PARAMETER);
	GUEST_ASSERT_EQ(out.msr, msr);
	GUEST_ASSERT_EQ(out.nv_changed, 0);
}

static long host_call(unsigned long op, unsigned long arg)
{
	return hcall3(SVM_HOST_HCALL, op, arg, 0);
}

#define HOST_ASSERT(op, arg)	GUEST_ASSERT_EQ(host_call(op, arg), 0)

static void fill(unsigned long gpa)
{
	unsigned char *p = (unsigned char *)gpa;
	unsigned long i;

	for (i = 0; i < SVM_PAGE_SIZE; i++)
		p[i] = SVM_FILL(gpa, i);
}

/* The first byte of page @gpa that is not its fill, or the page size */
static unsigned long filled_up_to(unsigned long gpa)
{
	const unsigned char *p = (const unsigned char *)gpa;
	unsigned long i;

	for (i = 0; i < SVM_PAGE_SIZE; i++)
		if (p[i] != SVM_FILL(gpa, i))
			break;
	return i;
}

static unsigned long zero_up_to(unsigned long gpa)
{
	const unsigned char *p = (const unsigned char *)gpa;
	unsigned long i;

	for (i = 0; i < SVM_PAGE_SIZE; i++)
		if (p[i])
			break;
	return i;
}

#define ASSERT_FILLED(gpa)	GUEST_ASSERT_EQ(filled_up_to(gpa), SVM_PAGE_SIZE)
/* What the hypervisor's page shows of a frame the Ultravisor holds */
#define ASSERT_HIDDEN(gpa)	GUEST_ASSERT_EQ(zero_up_to(gpa), SVM_PAGE_SIZE)

static void fill_all(void)
{
	int i;

	for (i = 0; i < SVM_NPAGES; i++)
		fill(SVM_PAGE_GPA(i));
}

static const unsigned long svm_calls[] = {
	H_SVM_PAGE_IN, H_SVM_PAGE_OUT, H_SVM_INIT_START, H_SVM_INIT_DONE,
	H_SVM_INIT_ABORT,
};

/* From the Ultravisor's context, the VM's, and the VM's with SRR1[S] */
static void test_all_unsupported(void)
{
	struct svm_call_in in = { .srr1 = read_msr() | MSR_S };
	struct svm_call_out out;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(svm_calls); i++) {
		GUEST_ASSERT_EQ(uv_call(svm_calls[i], SVM_PAGES_GPA, 0,
					SVM_PAGE_SHIFT), H_UNSUPPORTED);
		GUEST_ASSERT_EQ(vm_call(svm_calls[i]), H_UNSUPPORTED);
		in.nr = svm_calls[i];
		svm_call(&in, &out);
		GUEST_ASSERT_EQ(out.r3, H_UNSUPPORTED);
	}
}

static void test_abort_normal_vm(void)
{
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_ABORT), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_ABORT, 0, 0, 0), H_UNSUPPORTED);
}

/*
 * A guest cannot pass for the Ultravisor by writing SRR1[S]: "sc 1" sets
 * SRR1 from its MSR, whose S bit only an Ultravisor sets.
 */
static void test_not_from_uv(void)
{
	struct svm_call_in in = { .nr = H_SVM_INIT_START,
				  .srr1 = read_msr() | MSR_S };
	struct svm_call_out out;

	svm_call(&in, &out);
	GUEST_ASSERT_EQ(out.r3, H_UNSUPPORTED);
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_START), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	GUEST_ASSERT_EQ(call(H_SVM_PAGE_IN, 0, SVM_PAGES_GPA, 0,
			     SVM_PAGE_SHIFT), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(call(H_SVM_PAGE_OUT, 0, SVM_PAGES_GPA, 0,
			     SVM_PAGE_SHIFT), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_DONE), H_UNSUPPORTED);
	abort_init();
}

static void test_no_cap(void)
{
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_AUTHORITY);
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_ABORT), H_UNSUPPORTED);
}

static void page_in_all(void)
{
	int i;

	for (i = 0; i < SVM_NPAGES; i++)
		GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(i), 0), H_SUCCESS);
}

/*
 * The pages keep their contents through the abort; the host checks them
 * through its own mapping once the guest is done.
 */
static void test_abort(void)
{
	int i;

	fill_all();
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	page_in_all();
	HOST_ASSERT(SVM_HOST_COPIES, SVM_NPAGES);
	for (i = 0; i < SVM_NPAGES; i++)
		ASSERT_HIDDEN(SVM_PAGE_GPA(i));
	abort_init();
	HOST_ASSERT(SVM_HOST_COPIES, 0);
	for (i = 0; i < SVM_NPAGES; i++)
		ASSERT_FILLED(SVM_PAGE_GPA(i));

	/* A normal VM again */
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(0), 0), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_ABORT), H_UNSUPPORTED);

	/* which may try again */
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	page_in_all();
	abort_init();
	for (i = 0; i < SVM_NPAGES; i++)
		ASSERT_FILLED(SVM_PAGE_GPA(i));
}

static void test_abort_after_done(void)
{
	fill_all();
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(0), 0), H_SUCCESS);
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(1), 0), H_SUCCESS);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_DONE, 0, 0, 0), H_SUCCESS);
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_ABORT), H_STATE);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_ABORT, 0, 0, 0), H_STATE);
	/* Nothing was undone */
	HOST_ASSERT(SVM_HOST_COPIES, 2);
	ASSERT_HIDDEN(SVM_PAGE_GPA(0));
	/* A secure VM may not start or finish its init again */
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_DONE, 0, 0, 0), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_STATE);
	/* The Ultravisor may still page out */
	GUEST_ASSERT_EQ(page_out(SVM_PAGE_GPA(0)), H_SUCCESS);
	ASSERT_FILLED(SVM_PAGE_GPA(0));
	ASSERT_HIDDEN(SVM_PAGE_GPA(1));
	HOST_ASSERT(SVM_HOST_COPIES, 1);
}

static void write_shared(unsigned long gpa)
{
	unsigned char *p = (unsigned char *)gpa;
	unsigned long i;

	for (i = 0; i < SVM_PAGE_SIZE; i++)
		p[i] = SVM_SHARED_FILL(i);
}

static unsigned long shared_up_to(unsigned long gpa)
{
	const unsigned char *p = (const unsigned char *)gpa;
	unsigned long i;

	for (i = 0; i < SVM_PAGE_SIZE; i++)
		if (p[i] != SVM_SHARED_FILL(i))
			break;
	return i;
}

/*
 * Pages 0-3 secure, 4-7 shared; then 2 shared (its secure contents are
 * discarded) and 5 secure; 6 written while shared.
 */
static void test_abort_mixed(void)
{
	int i;

	fill_all();
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	for (i = 0; i < 4; i++)
		GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(i), 0), H_SUCCESS);
	for (i = 4; i < 8; i++)
		GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(i), H_PAGE_IN_SHARED),
				H_SUCCESS);
	/* Shared pages stay in normal memory */
	ASSERT_FILLED(SVM_PAGE_GPA(4));
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(2), H_PAGE_IN_SHARED), H_SUCCESS);
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(5), 0), H_SUCCESS);
	ASSERT_HIDDEN(SVM_PAGE_GPA(5));
	write_shared(SVM_PAGE_GPA(6));
	HOST_ASSERT(SVM_HOST_COPIES, 4);

	abort_init();
	HOST_ASSERT(SVM_HOST_COPIES, 0);
	ASSERT_FILLED(SVM_PAGE_GPA(0));
	ASSERT_FILLED(SVM_PAGE_GPA(1));
	ASSERT_HIDDEN(SVM_PAGE_GPA(2));
	ASSERT_FILLED(SVM_PAGE_GPA(3));
	ASSERT_FILLED(SVM_PAGE_GPA(4));
	ASSERT_FILLED(SVM_PAGE_GPA(5));
	GUEST_ASSERT_EQ(shared_up_to(SVM_PAGE_GPA(6)), SVM_PAGE_SIZE);
	ASSERT_FILLED(SVM_PAGE_GPA(7));
	/* Sharing is forgotten: the VM is normal */
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(4), H_PAGE_IN_SHARED),
			H_UNSUPPORTED);
}

static void test_out_of_order(void)
{
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(0), 0), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(page_out(SVM_PAGE_GPA(0)), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_DONE, 0, 0, 0), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_ABORT), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_STATE);
	abort_init();
	GUEST_ASSERT_EQ(vm_call(H_SVM_INIT_ABORT), H_UNSUPPORTED);
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_DONE, 0, 0, 0), H_UNSUPPORTED);
}

static void test_bad_args(void)
{
	unsigned long gpa = SVM_PAGE_GPA(0);

	fill_all();
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	/* Orders: the other flavour's page, none, one twice the host's */
	GUEST_ASSERT_EQ(uv_call(H_SVM_PAGE_IN, gpa, 0,
				SVM_PAGE_SHIFT == 12 ? 16 : 12), H_P3);
	GUEST_ASSERT_EQ(uv_call(H_SVM_PAGE_IN, gpa, 0, 0), H_P3);
	GUEST_ASSERT_EQ(uv_call(H_SVM_PAGE_OUT, gpa, 0, SVM_PAGE_SHIFT + 1),
			H_P3);
	/* Flags */
	GUEST_ASSERT_EQ(page_in(gpa, 2), H_P2);
	GUEST_ASSERT_EQ(page_in(gpa, 1UL << 63), H_P2);
	GUEST_ASSERT_EQ(uv_call(H_SVM_PAGE_OUT, gpa, H_PAGE_IN_SHARED,
				SVM_PAGE_SHIFT), H_P2);
	/* Guest addresses: unaligned, outside every slot */
	GUEST_ASSERT_EQ(page_in(gpa + 8, 0), H_PARAMETER);
	GUEST_ASSERT_EQ(page_in(GUEST_MEM_SIZE, 0), H_PARAMETER);
	GUEST_ASSERT_EQ(page_in(~0UL << SVM_PAGE_SHIFT, 0), H_PARAMETER);
	GUEST_ASSERT_EQ(page_in(SVM_SLOT1_GPA, H_PAGE_IN_SHARED), H_PARAMETER);
	GUEST_ASSERT_EQ(page_out(GUEST_MEM_SIZE), H_PARAMETER);
	/* Twice in; out of a page not in, twice out */
	GUEST_ASSERT_EQ(page_in(gpa, 0), H_SUCCESS);
	GUEST_ASSERT_EQ(page_in(gpa, 0), H_PARAMETER);
	GUEST_ASSERT_EQ(page_out(SVM_PAGE_GPA(1)), H_SUCCESS);
	ASSERT_FILLED(SVM_PAGE_GPA(1));
	GUEST_ASSERT_EQ(page_out(gpa), H_SUCCESS);
	GUEST_ASSERT_EQ(page_out(gpa), H_SUCCESS);
	ASSERT_FILLED(gpa);
	HOST_ASSERT(SVM_HOST_COPIES, 0);
	abort_init();
	ASSERT_FILLED(gpa);
}

/* The host fills slot 1 as fill() would. */
static void test_memslots(void)
{
	unsigned long gpa = SVM_SLOT1_GPA;

	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	HOST_ASSERT(SVM_HOST_ADD_SLOT1, 0);
	GUEST_ASSERT_EQ(page_in(gpa, 0), H_SUCCESS);
	HOST_ASSERT(SVM_HOST_COPIES, 1);
	ASSERT_HIDDEN(gpa);
	/* A removed slot takes its secure contents with it */
	HOST_ASSERT(SVM_HOST_DEL_SLOT1, 0);
	HOST_ASSERT(SVM_HOST_COPIES, 0);
	GUEST_ASSERT_EQ(page_in(gpa, 0), H_PARAMETER);
	/* A slot added while init started is registered */
	HOST_ASSERT(SVM_HOST_ADD_SLOT1, 0);
	GUEST_ASSERT_EQ(page_in(gpa + SVM_PAGE_SIZE, 0), H_SUCCESS);
	HOST_ASSERT(SVM_HOST_COPIES, 1);
	abort_init();
	HOST_ASSERT(SVM_HOST_COPIES, 0);
	ASSERT_FILLED(gpa + SVM_PAGE_SIZE);
}

static void leave_started(void)
{
	fill_all();
	GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_START, 0, 0, 0), H_SUCCESS);
	page_in_all();
	GUEST_ASSERT_EQ(page_in(SVM_PAGE_GPA(0), H_PAGE_IN_SHARED), H_SUCCESS);
}

unsigned int svm_page_shift;

void guest_main(unsigned long test, unsigned long cpu)
{
	svm_page_shift = *(const u64 *)SVM_PARAMS_GPA;
	switch (test) {
	case SVM_ALL_UNSUPPORTED:
		test_all_unsupported();
		break;
	case SVM_ABORT_NORMAL_VM:
		test_abort_normal_vm();
		break;
	case SVM_NOT_FROM_UV:
		test_not_from_uv();
		break;
	case SVM_NO_CAP:
		test_no_cap();
		break;
	case SVM_ABORT:
		test_abort();
		break;
	case SVM_ABORT_AFTER_DONE:
		test_abort_after_done();
		break;
	case SVM_ABORT_MIXED:
		test_abort_mixed();
		break;
	case SVM_OUT_OF_ORDER:
		test_out_of_order();
		break;
	case SVM_BAD_ARGS:
		test_bad_args();
		break;
	case SVM_MEMSLOTS:
		test_memslots();
		break;
	case SVM_LEAVE_STARTED:
		leave_started();
		break;
	case SVM_LEAVE_SECURE:
		leave_started();
		GUEST_ASSERT_EQ(uv_call(H_SVM_INIT_DONE, 0, 0, 0), H_SUCCESS);
		break;
	case SVM_LEAVE_ABORTED:
		leave_started();
		abort_init();
		break;
	default:
		GUEST_FAIL();
	}
}
