/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Ultravisor as the secure-VM state machine (book3s_hv_svm.c) uses
 * it: the ultracalls a hypervisor makes (Linux's
 * Documentation/arch/powerpc/ultravisor.rst), each returning a U_* code.
 *
 * Two implementations: the host firmware's Ultravisor, reached through
 * ultracalls (book3s_hv_uv_real.c), and a software Ultravisor for tests
 * (book3s_hv_uv_soft.c), which a module parameter enables on hosts that
 * have no Ultravisor.
 *
 * Pages are passed pinned by the caller; gfns are guest frame numbers of
 * PAGE_SIZE frames, the only page size the state machine accepts.
 */
#ifndef __BOOK3S_HV_UV_H__
#define __BOOK3S_HV_UV_H__

#include <linux/kvm_host.h>

struct kvmhv_uv_ops {
	const char *name;
	/*
	 * Whether a VM may run on as secure after H_SVM_INIT_DONE. KVM-HV's
	 * paths for a running secure VM (its faults sent to the Ultravisor)
	 * are stubs on a kernel without CONFIG_PPC_UV, so only the software
	 * Ultravisor, whose secure VMs KVM-HV runs as normal ones, can.
	 */
	bool runs_svms;
	/*
	 * Whether a hypercall made with R0 = PAPR_KVM_SOFT_UV_CONTEXT comes
	 * from the Ultravisor's context. Under emulation no guest can show
	 * SRR1[S], which only an Ultravisor sets.
	 */
	bool r0_context;

	/* UV_REGISTER_MEM_SLOT / UV_UNREGISTER_MEM_SLOT */
	long (*register_mem_slot)(u64 lpid, gfn_t base_gfn,
				  unsigned long npages, u16 slot_id);
	long (*unregister_mem_slot)(u64 lpid, u16 slot_id);
	/*
	 * UV_PAGE_IN: the contents of @page move to secure memory as frame
	 * @gfn, or, @shared, @page becomes the frame both sides map.
	 */
	long (*page_in)(u64 lpid, gfn_t gfn, struct page *page, bool shared);
	/* UV_PAGE_OUT: the secure contents of frame @gfn move into @page. */
	long (*page_out)(u64 lpid, gfn_t gfn, struct page *page);
	/* UV_SVM_TERMINATE: everything the Ultravisor holds for @lpid goes. */
	long (*svm_terminate)(u64 lpid);
};

extern const struct kvmhv_uv_ops kvmhv_uv_real_ops;
extern const struct kvmhv_uv_ops kvmhv_uv_soft_ops;

/* The host firmware has an Ultravisor (an "ibm,uv-firmware" node). */
bool kvmhv_uv_real_present(void);

/* The soft_uv module parameter asks for the software Ultravisor. */
bool kvmhv_uv_soft_requested(void);
int kvmhv_uv_soft_init(void);
void kvmhv_uv_soft_exit(void);

#endif /* __BOOK3S_HV_UV_H__ */
