// SPDX-License-Identifier: GPL-2.0-only
/*
 * A software Ultravisor, for tests: it plays the Ultravisor's side of the
 * secure-VM state machine on hosts that have none, so that the whole flow
 * runs under QEMU. It protects nothing and is enabled only by the soft_uv
 * module parameter, which a host with a real Ultravisor refuses.
 *
 * "Secure memory" is a copy of each paged-in frame in kernel memory that
 * no guest mapping and no hypervisor path to guest memory reaches; the
 * normal page is cleared, as it would no longer hold the contents on real
 * hardware. UV_PAGE_OUT copies the contents back into the normal page
 * given. A shared frame stays in normal memory, mapped by both sides.
 *
 * What the Ultravisor holds is keyed by LPID, as the ultracalls are: the
 * secure copies by LPID and gfn, the registered memory slots by LPID and
 * slot id, each in one xarray. The state machine serialises the calls for
 * one LPID; the xarrays' own locks keep LPIDs apart.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <asm/ultravisor-api.h>

#include "book3s_hv_uv.h"

static bool soft_uv;
module_param(soft_uv, bool, 0444);
MODULE_PARM_DESC(soft_uv, "Software Ultravisor for tests, on hosts without one (protects nothing)");

/* An LPID has 12 bits on POWER9 and POWER10; a gfn takes the other 52. */
#define SOFT_UV_LPID_BITS	12
#define SOFT_UV_GFN_BITS	(BITS_PER_LONG - SOFT_UV_LPID_BITS)

struct kvmhv_soft_uv_slot {
	gfn_t base_gfn;
	unsigned long npages;
};

static struct kmem_cache *soft_uv_slot_cache;
/* Secure copies of frames, PAGE_SIZE each */
static struct kmem_cache *soft_uv_page_cache;
static DEFINE_XARRAY(soft_uv_slots);
static DEFINE_XARRAY(soft_uv_pages);

bool kvmhv_uv_soft_requested(void)
{
	return soft_uv;
}

static bool soft_uv_lpid_valid(u64 lpid)
{
	return lpid < BIT(SOFT_UV_LPID_BITS);
}

static unsigned long soft_uv_page_index(u64 lpid, gfn_t gfn)
{
	return (unsigned long)lpid << SOFT_UV_GFN_BITS | gfn;
}

static unsigned long soft_uv_slot_index(u64 lpid, u16 slot_id)
{
	return (unsigned long)lpid << 16 | slot_id;
}

static bool soft_uv_gfn_registered(u64 lpid, gfn_t gfn)
{
	struct kvmhv_soft_uv_slot *slot;
	unsigned long i;

	xa_for_each_range(&soft_uv_slots, i, slot, soft_uv_slot_index(lpid, 0),
			  soft_uv_slot_index(lpid, U16_MAX))
		if (gfn >= slot->base_gfn && gfn - slot->base_gfn < slot->npages)
			return true;
	return false;
}

/* Secure contents of frames [@first, @last] of @lpid are lost. */
static void soft_uv_drop_pages(u64 lpid, gfn_t first, gfn_t last)
{
	unsigned long i;
	void *copy;

	xa_for_each_range(&soft_uv_pages, i, copy,
			  soft_uv_page_index(lpid, first),
			  soft_uv_page_index(lpid, last)) {
		kmem_cache_free(soft_uv_page_cache, xa_erase(&soft_uv_pages, i));
		cond_resched();
	}
}

static long soft_uv_register_mem_slot(u64 lpid, gfn_t base_gfn,
				      unsigned long npages, u16 slot_id)
{
	struct kvmhv_soft_uv_slot *slot;

	if (!soft_uv_lpid_valid(lpid))
		return U_PARAMETER;
	if (!npages || base_gfn + npages - 1 >= BIT(SOFT_UV_GFN_BITS))
		return U_P3;
	slot = kmem_cache_alloc(soft_uv_slot_cache, GFP_KERNEL_ACCOUNT);
	if (!slot)
		return U_BUSY;
	slot->base_gfn = base_gfn;
	slot->npages = npages;
	if (!xa_insert(&soft_uv_slots, soft_uv_slot_index(lpid, slot_id), slot,
		       GFP_KERNEL_ACCOUNT))
		return U_SUCCESS;
	kmem_cache_free(soft_uv_slot_cache, slot);
	return U_P5;
}

/* The slot's frames leave secure memory without their contents. */
static long soft_uv_unregister_mem_slot(u64 lpid, u16 slot_id)
{
	struct kvmhv_soft_uv_slot *slot;

	if (!soft_uv_lpid_valid(lpid))
		return U_PARAMETER;
	slot = xa_erase(&soft_uv_slots, soft_uv_slot_index(lpid, slot_id));
	if (!slot)
		return U_P2;
	soft_uv_drop_pages(lpid, slot->base_gfn,
			   slot->base_gfn + slot->npages - 1);
	kmem_cache_free(soft_uv_slot_cache, slot);
	return U_SUCCESS;
}

static long soft_uv_page_in(u64 lpid, gfn_t gfn, struct page *page,
			    bool shared)
{
	void *copy;
	int r;

	if (!soft_uv_lpid_valid(lpid))
		return U_PARAMETER;
	if (!soft_uv_gfn_registered(lpid, gfn))
		return U_P3;
	/* A shared frame lives in normal memory: a secure copy is stale. */
	if (shared) {
		soft_uv_drop_pages(lpid, gfn, gfn);
		return U_SUCCESS;
	}
	copy = kmem_cache_alloc(soft_uv_page_cache, GFP_KERNEL_ACCOUNT);
	if (!copy)
		return U_BUSY;
	r = xa_insert(&soft_uv_pages, soft_uv_page_index(lpid, gfn), copy,
		      GFP_KERNEL_ACCOUNT);
	if (r) {
		kmem_cache_free(soft_uv_page_cache, copy);
		return r == -EBUSY ? U_P3 : U_BUSY;
	}
	memcpy(copy, page_address(page), PAGE_SIZE);
	clear_page(page_address(page));
	return U_SUCCESS;
}

static long soft_uv_page_out(u64 lpid, gfn_t gfn, struct page *page)
{
	void *copy;

	if (!soft_uv_lpid_valid(lpid))
		return U_PARAMETER;
	copy = xa_erase(&soft_uv_pages, soft_uv_page_index(lpid, gfn));
	if (!copy)
		return U_P3;
	memcpy(page_address(page), copy, PAGE_SIZE);
	kmem_cache_free(soft_uv_page_cache, copy);
	return U_SUCCESS;
}

static long soft_uv_svm_terminate(u64 lpid)
{
	struct kvmhv_soft_uv_slot *slot;
	unsigned long i;

	if (!soft_uv_lpid_valid(lpid))
		return U_PARAMETER;
	xa_for_each_range(&soft_uv_slots, i, slot, soft_uv_slot_index(lpid, 0),
			  soft_uv_slot_index(lpid, U16_MAX))
		kmem_cache_free(soft_uv_slot_cache, xa_erase(&soft_uv_slots, i));
	soft_uv_drop_pages(lpid, 0, BIT(SOFT_UV_GFN_BITS) - 1);
	return U_SUCCESS;
}

const struct kvmhv_uv_ops kvmhv_uv_soft_ops = {
	.name = "software Ultravisor",
	.runs_svms = true,
	.r0_context = true,
	.register_mem_slot = soft_uv_register_mem_slot,
	.unregister_mem_slot = soft_uv_unregister_mem_slot,
	.page_in = soft_uv_page_in,
	.page_out = soft_uv_page_out,
	.svm_terminate = soft_uv_svm_terminate,
};

int kvmhv_uv_soft_init(void)
{
	soft_uv_slot_cache = KMEM_CACHE(kvmhv_soft_uv_slot, SLAB_ACCOUNT);
	soft_uv_page_cache = kmem_cache_create("kvmhv_soft_uv_page", PAGE_SIZE,
					       PAGE_SIZE, SLAB_ACCOUNT, NULL);
	if (!soft_uv_slot_cache || !soft_uv_page_cache) {
		kvmhv_uv_soft_exit();
		return -ENOMEM;
	}
	return 0;
}

void kvmhv_uv_soft_exit(void)
{
	kmem_cache_destroy(soft_uv_page_cache);
	kmem_cache_destroy(soft_uv_slot_cache);
}
