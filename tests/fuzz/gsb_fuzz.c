// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the GSB codec (book3s_hv_gsb.c).
 *
 * Input: one selector byte, then the GSB as an L1 would send it.
 *   bits 0-1  0 SET, 1 GET, 2 RUN_VCPU input, 3 write an exit output
 *   bits 2-3  H_GUEST_CAP_POWER9, H_GUEST_CAP_POWER10
 *   bits 4-5  scope: 0 thread, 1 guest-wide, 2 host-wide, 3 thread
 * The GSB is copied to a block of exactly its size, so ASan sees any read
 * or write past it. The stores live across inputs, and after each input
 * the invariants that the value policies promise are checked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <asm/hvcall.h>

#include "book3s_hv_gsb.h"

#define ASSERT(cond)							\
	do {								\
		if (!(cond))						\
			__builtin_trap();				\
	} while (0)

static struct kvmhv_gsb_vcpu vcpu;
static struct kvmhv_gsb_guest guest;
static struct kvmhv_gsb_host host;

static void check_stores(void)
{
	ASSERT(vcpu.r.msr & (1ULL << 12));
	ASSERT(!(vcpu.r.msr & ((1ULL << 60) | (1ULL << 22))));
	ASSERT(!(vcpu.r.lpcr & ~0x0070000003820c00ULL));
	ASSERT(!(vcpu.r.hfscr & ~0x25bfULL));
	ASSERT(!(vcpu.r.dawrx[0] & 4) && !(vcpu.r.dawrx[1] & 4));
	ASSERT((vcpu.r.ciabr & 3) != 3);
	ASSERT(vcpu.vpa == ~0ULL || (vcpu.vpa && !(vcpu.vpa & 127)));
	ASSERT(!(vcpu.r.cr >> 32) && !(vcpu.r.pmc[5] >> 32));
	ASSERT(!(guest.tb_offset & 0xffffff));
	ASSERT(vcpu.run_buf[1].addr == 0 || vcpu.run_buf[1].size >= 0x80);
}

static void fuzz_exit(const u8 *data, size_t size)
{
	u8 *out = malloc(size ? size : 1);
	unsigned int trap = size ? data[0] << 4 : 0;
	u16 hint = size > 1 ? KVMHV_GSID_GPR(0) + data[1] % 40 : 0;
	size_t used = 0;
	long rc;

	rc = kvmhv_gsb_write_exit(&vcpu, trap, hint, out, size, &used);
	ASSERT(rc == H_SUCCESS || rc == H_OUTPUT_BUFFER_TOO_SMALL);
	ASSERT(rc != H_SUCCESS || (used >= 4 && used <= size));
	free(out);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u8 scopes[] = {
		KVMHV_GSB_THREAD, KVMHV_GSB_GUEST, KVMHV_GSB_HOST,
		KVMHV_GSB_THREAD,
	};
	struct kvmhv_gsb_req req = {
		.vcpu = &vcpu, .guest = &guest, .host = &host,
	};
	struct kvmhv_gsb_err err;
	size_t len;
	u8 *buf;
	long rc;

	if (!size)
		return 0;
	if (!vcpu.r.msr) {
		kvmhv_gsb_vcpu_init(&vcpu);
		kvmhv_gsb_guest_init(&guest);
	}
	if ((data[0] & 3) == 3) {
		fuzz_exit(data + 1, size - 1);
		return 0;
	}
	req.op = data[0] & 3;
	req.caps = (data[0] & 4 ? H_GUEST_CAP_POWER9 : 0) |
		   (data[0] & 8 ? H_GUEST_CAP_POWER10 : 0);
	req.scope = req.op == KVMHV_GSB_RUN_INPUT ? KVMHV_GSB_THREAD :
		    scopes[(data[0] >> 4) & 3];
	len = size - 1;
	buf = malloc(len ? len : 1);
	memcpy(buf, data + 1, len);

	if (req.op == KVMHV_GSB_GET)
		rc = kvmhv_gsb_get(&req, buf, len, &err);
	else
		rc = kvmhv_gsb_set(&req, buf, len, &err);

	ASSERT(rc == err.rc);
	switch (rc) {
	case H_SUCCESS:
		ASSERT(!err.index && !err.offset);
		break;
	case H_INVALID_ELEMENT_ID:
	case H_INVALID_ELEMENT_SIZE:
	case H_INVALID_ELEMENT_VALUE:
		/* A whole element header lies at the reported offset */
		ASSERT(err.offset >= 4 && err.offset + 4 <= len);
		ASSERT(err.index < (uint32_t)(err.offset - 4) / 4 + 1);
		break;
	case H_P5:
	case H_INPUT_BUFFER_TOO_SMALL:
		ASSERT((rc == H_P5) == (req.op != KVMHV_GSB_RUN_INPUT));
		ASSERT(err.offset <= len);
		break;
	default:
		ASSERT(0);
	}
	/* A SET never writes into the L1's buffer */
	ASSERT(req.op == KVMHV_GSB_GET || !memcmp(buf, data + 1, len));
	check_stores();
	free(buf);
	return 0;
}
