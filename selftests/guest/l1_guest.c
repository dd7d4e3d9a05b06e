// SPDX-License-Identifier: GPL-2.0-only
/* Hypercalls of an L1 payload that drives the L0's H_GUEST_* API. */
#include "l1_guest.h"
#include "papr.h"

struct hcall_ret hc(unsigned long nr, unsigned long a0, unsigned long a1,
		    unsigned long a2, unsigned long a3, unsigned long a4)
{
	unsigned long args[9] = { a0, a1, a2, a3, a4 };
	struct hcall_ret ret;

	hcall(nr, args, &ret);
	return ret;
}

u64 get_caps(void)
{
	struct hcall_ret r = hc(H_GUEST_GET_CAPABILITIES, 0, 0, 0, 0, 0);

	GUEST_ASSERT_EQ(r.r3, H_SUCCESS);
	return r.r[0];
}

void agree_power9(void)
{
	GUEST_ASSERT_EQ(get_caps() & H_GUEST_CAP_POWER9, H_GUEST_CAP_POWER9);
	GUEST_ASSERT_EQ(hc(H_GUEST_SET_CAPABILITIES, 0, H_GUEST_CAP_POWER9,
			   0, 0, 0).r3, H_SUCCESS);
}

struct hcall_ret set_state(u64 flags, u64 gid, u64 vid, const struct gsb *b)
{
	return hc(H_GUEST_SET_STATE, flags, gid, vid, (unsigned long)b->buf,
		  b->len);
}

struct hcall_ret get_state(u64 flags, u64 gid, u64 vid, const struct gsb *b)
{
	return hc(H_GUEST_GET_STATE, flags, gid, vid, (unsigned long)b->buf,
		  b->len);
}

u64 get_host_wide(unsigned long area, u16 id)
{
	struct gsb b;

	gsb_init(&b, area);
	gsb_add(&b, id, 8, NULL);
	GUEST_ASSERT_EQ(get_state(H_GUEST_STATE_HOST_WIDE, 0, 0, &b).r3,
			H_SUCCESS);
	return gsb_value_u64(&b, 0);
}

void add_pair(struct gsb *b, u16 id, u64 a, u64 c)
{
	u64 v[2] = { cpu_to_be64(a), cpu_to_be64(c) };

	gsb_add(b, id, sizeof(v), v);
}
