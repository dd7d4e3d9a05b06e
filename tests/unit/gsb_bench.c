// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark cases of the GSB codec, for callgrind (run-bench.sh):
 * "gsb_bench CASE ITERS" runs one case ITERS times inside bench_run(),
 * the only function callgrind collects. Each codec case has a floor: the
 * same bytes moved with memcpy and byte-swapped a doubleword at a time,
 * which is the least work any decoder of those bytes does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/hvcall.h>
#include <linux/compiler.h>

#include "book3s_hv_gsb.h"
#include "gsb_fixtures.h"

static struct kvmhv_gsb_vcpu vcpu;
static struct kvmhv_gsb_guest guest;
static struct gsb_build in;
static u8 scratch[8192];

static noinline void floor_copy_swap(u8 *dst, const u8 *src, size_t len)
{
	size_t i;
	u64 w;

	memcpy(dst, src, len);
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, dst + i, 8);
		w = __builtin_bswap64(w);
		memcpy(dst + i, &w, 8);
	}
}

enum bench_case { PARSE, WRITE, FLOOR };

static noinline void bench_run(enum bench_case c, long iters)
{
	struct kvmhv_gsb_req req = {
		.vcpu = &vcpu, .guest = &guest,
		.caps = H_GUEST_CAP_POWER9 | H_GUEST_CAP_POWER10,
		.op = KVMHV_GSB_RUN_INPUT, .scope = KVMHV_GSB_THREAD,
	};
	struct kvmhv_gsb_err err;
	size_t used;
	long i;

	switch (c) {
	case PARSE:
		for (i = 0; i < iters; i++)
			kvmhv_gsb_set(&req, in.buf, in.len, &err);
		break;
	case WRITE:
		for (i = 0; i < iters; i++)
			kvmhv_gsb_write_exit(&vcpu, 0xc00, 0, scratch,
					     KVMHV_GSB_RUN_OUTPUT_MIN, &used);
		break;
	case FLOOR:
		for (i = 0; i < iters; i++)
			floor_copy_swap(scratch, in.buf, in.len);
		break;
	}
}

int main(int argc, char **argv)
{
	const char *c = argc == 3 ? argv[1] : "";
	long iters = argc == 3 ? atol(argv[2]) : 0;
	enum bench_case bc;
	struct kvmhv_gsb_writer w;
	struct kvmhv_gsb_req req = { .vcpu = &vcpu };
	unsigned int i;

	kvmhv_gsb_vcpu_init(&vcpu);
	kvmhv_gsb_guest_init(&guest);
	if (!strncmp(c, "first_run", 9)) {
		gb_first_run(&in);
	} else if (!strncmp(c, "steady_5", 8)) {
		gb_steady_run(&in);
	} else if (!strncmp(c, "hcall_exit", 10)) {
		/* The floor moves the bytes of the output the codec writes */
		kvmhv_gsb_writer_init(&w, in.buf, sizeof(in.buf));
		for (i = 3; i <= 12; i++)
			kvmhv_gsb_put(&w, &req, KVMHV_GSID_GPR(i));
		in.len = kvmhv_gsb_writer_finish(&w);
		in.n = w.nelems;
	} else {
		fprintf(stderr, "usage: %s {first_run,steady_5,hcall_exit}_{codec,floor} ITERS\n",
			argv[0]);
		return 2;
	}
	bc = strstr(c, "_floor") ? FLOOR :
	     !strncmp(c, "hcall_exit", 10) ? WRITE : PARSE;
	bench_run(bc, iters);
	/* For run-bench.sh: elements per iteration */
	printf("%u\n", in.n);
	return 0;
}
