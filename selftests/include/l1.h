/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host side of suites whose payload is a tiny L1 hypervisor: a VM with
 * nesting enabled, as QEMU's -M pseries,cap-nested-hv=on makes it, whose
 * vCPUs each run one guest test, in threads of their own.
 */
#ifndef SELFTESTS_L1_H
#define SELFTESTS_L1_H

#include <stdbool.h>

#include "ppc_kvm.h"

#define L1_MAX_VCPUS	2

/* One guest test per vCPU: tests[i] runs on vCPU i, up to the first 0. */
struct l1_case {
	const char *name;
	unsigned long tests[L1_MAX_VCPUS];
};

struct vm *l1_create(void);
/*
 * Runs every vCPU of @c to its end; false, with diagnostics, otherwise.
 * @handler, if not NULL, serves the exits that are not ucalls, as a VMM.
 */
bool l1_run_vcpus(struct vm *vm, const struct l1_case *c,
		  exit_handler_t handler);
/* A VMM's H_REGISTER_PROC_TBL, as QEMU serves it: accepted. */
bool l1_serve_register_proc_tbl(struct vcpu *vcpu, void *opaque);
/* l1_create(), l1_run_vcpus() and a TAP line named after @c. */
void l1_run_case(const struct l1_case *c, exit_handler_t handler);
/* Runs one-vCPU @test in a VM of its own; the figures it reported. */
bool l1_run_for_values(unsigned long test, u64 values[UCALL_MAX_VALUES]);

#endif
