// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host firmware's Ultravisor as a backend of the secure-VM state
 * machine: each operation is the ultracall of the same name, made with
 * the kernel's own helpers (asm/ultravisor.h), which Debian's kernel has
 * even without CONFIG_PPC_UV (ucall_norets comes with CONFIG_PPC_POWERNV).
 *
 * It is chosen only on a host whose device tree has an "ibm,uv-firmware"
 * node, and has not been run on one: see Documentation/svm.rst.
 */
#include <linux/of.h>
#include <asm/ultravisor.h>

#include "book3s_hv_uv.h"

bool kvmhv_uv_real_present(void)
{
	struct device_node *np;

	np = of_find_compatible_node(NULL, NULL, "ibm,uv-firmware");
	of_node_put(np);
	return np;
}

static long real_register_mem_slot(u64 lpid, gfn_t base_gfn,
				   unsigned long npages, u16 slot_id)
{
	return uv_register_mem_slot(lpid, gfn_to_gpa(base_gfn),
				    npages << PAGE_SHIFT, 0, slot_id);
}

static long real_unregister_mem_slot(u64 lpid, u16 slot_id)
{
	return uv_unregister_mem_slot(lpid, slot_id);
}

/* The Ultravisor knows from the SVM's own UV_SHARE_PAGE what is shared. */
static long real_page_in(u64 lpid, gfn_t gfn, struct page *page, bool shared)
{
	return uv_page_in(lpid, page_to_phys(page), gfn_to_gpa(gfn), 0,
			  PAGE_SHIFT);
}

static long real_page_out(u64 lpid, gfn_t gfn, struct page *page)
{
	return uv_page_out(lpid, page_to_phys(page), gfn_to_gpa(gfn), 0,
			   PAGE_SHIFT);
}

static long real_svm_terminate(u64 lpid)
{
	return uv_svm_terminate(lpid);
}

const struct kvmhv_uv_ops kvmhv_uv_real_ops = {
	.name = "Ultravisor",
	.register_mem_slot = real_register_mem_slot,
	.unregister_mem_slot = real_unregister_mem_slot,
	.page_in = real_page_in,
	.page_out = real_page_out,
	.svm_terminate = real_svm_terminate,
};
