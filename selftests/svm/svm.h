/* SPDX-License-Identifier: GPL-2.0-only */
/* The svm suite's guest tests, selected by the host through R3. */
#ifndef SELFTESTS_SVM_H
#define SELFTESTS_SVM_H

#include <linux/papr_kvm.h>

#ifndef __ASSEMBLER__
enum svm_test {
	/* Without an Ultravisor, as on the distribution's module */
	SVM_ALL_UNSUPPORTED = 1,
	/* With the software Ultravisor */
	SVM_ABORT_NORMAL_VM,
	SVM_NOT_FROM_UV,
	SVM_NO_CAP,
	SVM_ABORT,
	SVM_ABORT_AFTER_DONE,
	SVM_ABORT_MIXED,
	SVM_OUT_OF_ORDER,
	SVM_BAD_ARGS,
	SVM_MEMSLOTS,
	/* Leave the VM in a state for the host to destroy it in */
	SVM_LEAVE_STARTED,
	SVM_LEAVE_SECURE,
	SVM_LEAVE_ABORTED,
};
#endif

/*
 * The Ultravisor's page is the host kernel's, the only order accepted:
 * 4 KiB on Debian's default flavour, 64 KiB on its 64k one. The host
 * program sets svm_page_shift from its page size and writes it at
 * SVM_PARAMS_GPA, where the guest reads it.
 */
#ifndef __ASSEMBLER__
extern unsigned int svm_page_shift;
#endif
#define SVM_PAGE_SHIFT		svm_page_shift
#define SVM_PAGE_SIZE		BIT(SVM_PAGE_SHIFT)
#define SVM_PARAMS_GPA		0x8ff000UL

/* The pages the tests move, above the stacks, 64 KiB aligned */
#define SVM_PAGES_GPA		0x900000UL
#define SVM_NPAGES		16
#define SVM_PAGE_GPA(i)		(SVM_PAGES_GPA + (i) * SVM_PAGE_SIZE)

/* A second memory slot the host adds and removes at the guest's request */
#define SVM_SLOT1_GPA		0x2000000UL
#define SVM_SLOT1_SIZE		0x100000UL

/* What page @gpa holds at byte @i before anything moves it */
#define SVM_FILL(gpa, i)	((unsigned char)(((gpa) >> SVM_PAGE_SHIFT) * 7 + (i)))
/* What the guest writes into a shared page while it is shared */
#define SVM_SHARED_FILL(i)	((unsigned char)(0xa5 ^ (i)))

/*
 * A private hypercall the host serves: R4 = SVM_HOST_*, R5 = argument;
 * R3 = 0 when it did or found what was asked, else what it found.
 */
#define SVM_HOST_HCALL		0x7c08
#define SVM_HOST_COPIES		1	/* R5 = secure copies the UV holds */
#define SVM_HOST_ADD_SLOT1	2
#define SVM_HOST_DEL_SLOT1	3

/* The value the non-volatile GPR Rn holds across svm_call() */
#define SVM_NV(n)		(0x5300 + (n))

#ifndef __ASSEMBLER__
struct svm_call_in {
	unsigned long nr;
	unsigned long args[3];	/* R4-R6 */
	unsigned long r0;
	unsigned long srr1;	/* written to SRR1 before "sc 1" when not 0 */
};

struct svm_call_out {
	long r3;
	unsigned long msr;	/* MSR after the call */
	unsigned long nv_changed; /* bit n set: Rn (14-31) changed */
};

/* The hypercall @in with R14-R31 = SVM_NV(n), checked afterwards. */
void svm_call(const struct svm_call_in *in, struct svm_call_out *out);

#endif /* __ASSEMBLER__ */

#endif
