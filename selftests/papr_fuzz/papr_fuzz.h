/* SPDX-License-Identifier: GPL-2.0-only */
/* papr_fuzz: what the host and the fuzzing L1 payload share. */
#ifndef SELFTESTS_PAPR_FUZZ_H
#define SELFTESTS_PAPR_FUZZ_H

#define FUZZ_VCPUS		2

/* Written by the host before the run: where the payload reads it */
#define FUZZ_PARAMS_GPA		0x7f0000UL

struct fuzz_params {
	u64 seed;		/* each vCPU's stream is seed ^ (vCPU + 1) */
	u64 ticks;		/* timebase ticks each vCPU fuzzes for */
};

/* Test numbers of the payload: an L1 of the nested API v2, of v1 */
#define FUZZ_RUN		1
#define FUZZ_RUN_V1		2

/* The figures each vCPU reports (ucall values) */
enum fuzz_value {
	FUZZ_CALLS,		/* hypercalls made */
	FUZZ_RUNS,		/* of which H_GUEST_RUN_VCPU that ran the L2 */
	FUZZ_CODES,		/* bitmap: return codes seen (fuzz_codes[]) */
};

#endif
