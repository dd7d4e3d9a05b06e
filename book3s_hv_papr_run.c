// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data plane of the PAPR API v2 L0: H_GUEST_RUN_VCPU runs an L2 vCPU
 * on the L1 vCPU that asks for it, with KVM-HV's nested machinery.
 *
 * KVM-HV's v1 L0 (kvmhv_enter_nested_guest()) reads the L2's state from
 * L1 memory at each entry. Here the L2's state lives in the L0's store
 * (struct kvmhv_gsb_vcpu), kept across runs: a run applies the L1's input
 * buffer to it, swaps the whole register set into the vCPU in place of the
 * L1's, runs the L2 until an exit the L1 must see, swaps back and writes
 * the output buffer the exit calls for.
 *
 * The L2 is a KVM-HV nested guest (struct kvm_nested_guest) keyed by its
 * guest id: its shadow LPID and partition-scoped table, the nested page
 * fault path, the nest rmap and the L1's partition-scoped invalidations
 * all work as for v1. Only the partition-table entry differs: it comes
 * from the elements 0x0005 and 0x0006 (kvmhv_papr_read_pate()).
 */

#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <asm/hvcall.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>
#include <asm/reg.h>

#include "book3s_hv.h"
#include "book3s_hv_gsb.h"
#include "book3s_hv_hooks.h"
#include "book3s_hv_papr.h"
#include "book3s_hv_papr_priv.h"

#ifndef H_PARTITION_PAGE_TABLE_NOT_DEFINED
#define H_PARTITION_PAGE_TABLE_NOT_DEFINED	-86
#endif

/*
 * The registers that move between a store and vcpu->arch as they are, by
 * offset and size in each. The L2's MSR, LPCR, HFSCR, timebase values,
 * VTB, GPRs and VSRs need more than a copy and are moved by hand.
 */
struct kvmhv_papr_reg {
	u32 store;		/* offset of a u64 in struct kvmhv_gsb_vcpu */
	u32 vcpu;		/* offset in struct kvm_vcpu_arch */
	u8 size;		/* of the kvm_vcpu_arch field */
};

#define KVMHV_PAPR_REG(field, reg) {					\
	.store = offsetof(struct kvmhv_gsb_vcpu, field),		\
	.vcpu = offsetof(struct kvm_vcpu_arch, reg),			\
	.size = sizeof_field(struct kvm_vcpu_arch, reg),		\
}

static const struct kvmhv_papr_reg kvmhv_papr_regs[] = {
	KVMHV_PAPR_REG(r.nia, regs.nip),
	KVMHV_PAPR_REG(r.lr, regs.link),
	KVMHV_PAPR_REG(r.xer, regs.xer),
	KVMHV_PAPR_REG(r.ctr, regs.ctr),
	KVMHV_PAPR_REG(r.cr, regs.ccr),
	KVMHV_PAPR_REG(r.msr, shregs.msr),
	KVMHV_PAPR_REG(r.cfar, cfar),
	KVMHV_PAPR_REG(r.srr0, shregs.srr0),
	KVMHV_PAPR_REG(r.srr1, shregs.srr1),
	KVMHV_PAPR_REG(r.dar, shregs.dar),
	KVMHV_PAPR_REG(r.dsisr, shregs.dsisr),
	KVMHV_PAPR_REG(r.sprg[0], shregs.sprg0),
	KVMHV_PAPR_REG(r.sprg[1], shregs.sprg1),
	KVMHV_PAPR_REG(r.sprg[2], shregs.sprg2),
	KVMHV_PAPR_REG(r.sprg[3], shregs.sprg3),
	KVMHV_PAPR_REG(r.fscr, fscr),
	KVMHV_PAPR_REG(r.fpscr, fp.fpscr),
	KVMHV_PAPR_REG(r.vscr, vr.vscr.u[3]),
	KVMHV_PAPR_REG(r.vrsave, vrsave),
	KVMHV_PAPR_REG(r.dawr[0], dawr0),
	KVMHV_PAPR_REG(r.dawr[1], dawr1),
	KVMHV_PAPR_REG(r.dawrx[0], dawrx0),
	KVMHV_PAPR_REG(r.dawrx[1], dawrx1),
	KVMHV_PAPR_REG(r.ciabr, ciabr),
	KVMHV_PAPR_REG(r.purr, purr),
	KVMHV_PAPR_REG(r.spurr, spurr),
	KVMHV_PAPR_REG(r.ic, ic),
	KVMHV_PAPR_REG(r.ppr, ppr),
	KVMHV_PAPR_REG(r.mmcr[0], mmcr[0]),
	KVMHV_PAPR_REG(r.mmcr[1], mmcr[1]),
	KVMHV_PAPR_REG(r.mmcr[2], mmcr[2]),
	KVMHV_PAPR_REG(r.mmcr[3], mmcr[3]),
	KVMHV_PAPR_REG(r.mmcra, mmcra),
	KVMHV_PAPR_REG(r.sier[0], sier[0]),
	KVMHV_PAPR_REG(r.sier[1], sier[1]),
	KVMHV_PAPR_REG(r.sier[2], sier[2]),
	KVMHV_PAPR_REG(r.sdar, sdar),
	KVMHV_PAPR_REG(r.siar, siar),
	KVMHV_PAPR_REG(r.pmc[0], pmc[0]),
	KVMHV_PAPR_REG(r.pmc[1], pmc[1]),
	KVMHV_PAPR_REG(r.pmc[2], pmc[2]),
	KVMHV_PAPR_REG(r.pmc[3], pmc[3]),
	KVMHV_PAPR_REG(r.pmc[4], pmc[4]),
	KVMHV_PAPR_REG(r.pmc[5], pmc[5]),
	KVMHV_PAPR_REG(r.bescr, bescr),
	KVMHV_PAPR_REG(r.ebbhr, ebbhr),
	KVMHV_PAPR_REG(r.ebbrr, ebbrr),
	KVMHV_PAPR_REG(r.amr, amr),
	KVMHV_PAPR_REG(r.iamr, iamr),
	KVMHV_PAPR_REG(r.uamor, uamor),
	KVMHV_PAPR_REG(r.dscr, dscr),
	KVMHV_PAPR_REG(r.tar, tar),
	KVMHV_PAPR_REG(r.dexcr, dexcr),
	KVMHV_PAPR_REG(r.hashkeyr, hashkeyr),
	KVMHV_PAPR_REG(r.hashpkeyr, hashpkeyr),
	KVMHV_PAPR_REG(r.ctrl, ctrl),
	KVMHV_PAPR_REG(r.dpdes, doorbell_request),
	KVMHV_PAPR_REG(r.pidr, pid),
	KVMHV_PAPR_REG(r.wort, wort),
	KVMHV_PAPR_REG(r.pspb, pspb),
};

static u64 kvmhv_papr_get_field(const void *p, unsigned int size)
{
	switch (size) {
	case 1:
		return *(const u8 *)p;
	case 4:
		return *(const u32 *)p;
	default:
		return *(const u64 *)p;
	}
}

static void kvmhv_papr_set_field(void *p, unsigned int size, u64 v)
{
	switch (size) {
	case 1:
		*(u8 *)p = v;
		break;
	case 4:
		*(u32 *)p = v;
		break;
	default:
		*(u64 *)p = v;
	}
}

/* VSR0-31 are the FPRs' doublewords, VSR32-63 the VMX registers. */
static void *kvmhv_papr_vsr(struct kvm_vcpu *vcpu, int i)
{
	if (i < 32)
		return vcpu->arch.fp.fpr[i];
	return &vcpu->arch.vr.vr[i - 32];
}

static void kvmhv_papr_load_regs(struct kvm_vcpu *vcpu,
				 const struct kvmhv_gsb_vcpu *s)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kvmhv_papr_regs); i++) {
		const struct kvmhv_papr_reg *r = &kvmhv_papr_regs[i];

		kvmhv_papr_set_field((void *)&vcpu->arch + r->vcpu, r->size,
				     *(const u64 *)((const void *)s + r->store));
	}
	for (i = 0; i < 32; i++)
		vcpu->arch.regs.gpr[i] = s->r.gpr[i];
	for (i = 0; i < 64; i++)
		memcpy(kvmhv_papr_vsr(vcpu, i), s->vsr[i], sizeof(s->vsr[i]));
	vcpu->arch.vcore->vtb = s->r.vtb;
}

static void kvmhv_papr_save_regs(struct kvm_vcpu *vcpu,
				 struct kvmhv_gsb_vcpu *s)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kvmhv_papr_regs); i++) {
		const struct kvmhv_papr_reg *r = &kvmhv_papr_regs[i];

		*(u64 *)((void *)s + r->store) =
			kvmhv_papr_get_field((void *)&vcpu->arch + r->vcpu,
					     r->size);
	}
	for (i = 0; i < 32; i++)
		s->r.gpr[i] = vcpu->arch.regs.gpr[i];
	for (i = 0; i < 64; i++)
		memcpy(s->vsr[i], kvmhv_papr_vsr(vcpu, i), sizeof(s->vsr[i]));
	s->r.vtb = vcpu->arch.vcore->vtb;
}

/* What the L1 sees of an exit: KVM v1's save_hv_return_state(). */
static void kvmhv_papr_save_exit(struct kvm_vcpu *vcpu,
				 struct kvmhv_gsb_vcpu *s)
{
	switch (vcpu->arch.trap) {
	case BOOK3S_INTERRUPT_H_DATA_STORAGE:
		s->r.hdar = vcpu->arch.fault_dar;
		s->r.hdsisr = vcpu->arch.fault_dsisr;
		s->r.asdr = vcpu->arch.fault_gpa;
		break;
	case BOOK3S_INTERRUPT_H_INST_STORAGE:
		s->r.asdr = vcpu->arch.fault_gpa;
		break;
	case BOOK3S_INTERRUPT_H_FAC_UNAVAIL:
		s->r.hfscr = (s->r.hfscr & ~HFSCR_INTR_CAUSE) |
			     (vcpu->arch.hfscr & HFSCR_INTR_CAUSE);
		break;
	case BOOK3S_INTERRUPT_H_EMUL_ASSIST:
		s->r.heir = vcpu->arch.emul_inst;
		break;
	}
}

/* An ISA 3.0 L2 on an ISA 3.1 host runs in POWER9 compatibility mode. */
static u64 kvmhv_papr_pcr(u64 logical_pvr)
{
	if (logical_pvr == PVR_ARCH_300 && cpu_has_feature(CPU_FTR_ARCH_31))
		return PCR_ARCH_300 | PCR_MASK;
	return PCR_MASK;
}

/* What an L2 run changes in the L1 vCPU besides the store's registers */
struct kvmhv_papr_l1_timing {
	u64 tb_offset;
	u64 dec_expires;
	u64 pcr;
};

/*
 * Make the vCPU the L2's: the L0 keeps the L1's bounds on MSR, LPCR and
 * HFSCR, as KVM v1 does in load_l2_hv_regs(). Returns the LPCR to run with.
 */
static u64 kvmhv_papr_load_l2(struct kvm_vcpu *vcpu,
			      const struct kvmhv_gsb_vcpu *s,
			      const struct kvmhv_gsb_guest *g)
{
	struct kvmppc_vcore *vc = vcpu->arch.vcore;
	u64 mask = LPCR_DPFD | LPCR_ILE | LPCR_TC | LPCR_AIL | LPCR_LD |
		   LPCR_MER;

	kvmhv_papr_load_regs(vcpu, s);
	vcpu->arch.shregs.msr = (s->r.msr | MSR_ME) & ~MSR_HV;
	vcpu->arch.hfscr = s->r.hfscr &
			   (HFSCR_INTR_CAUSE | vcpu->arch.hfscr_permitted);
	vcpu->arch.nested_hfscr = s->r.hfscr;
	vc->tb_offset += g->tb_offset;
	/* The L1 gives the L2's DEC expiry in its own timebase. */
	vcpu->arch.dec_expires = s->r.dec_expiry_tb + g->tb_offset;
	vc->pcr = kvmhv_papr_pcr(g->logical_pvr);
	return kvmppc_filter_lpcr_hv(vcpu->kvm,
				     (vc->lpcr & ~mask) | (s->r.lpcr & mask));
}

static void kvmhv_papr_save_l2(struct kvm_vcpu *vcpu, struct kvmhv_gsb_vcpu *s,
			       const struct kvmhv_gsb_guest *g)
{
	u64 hfscr = s->r.hfscr;

	kvmhv_papr_save_regs(vcpu, s);
	s->r.hfscr = hfscr;
	s->r.dec_expiry_tb = vcpu->arch.dec_expires - g->tb_offset;
	kvmhv_papr_save_exit(vcpu, s);
}

/*
 * Give the vCPU back to the L1. The L1 is charged the processor time its
 * L2 used, as in KVM v1.
 */
static void kvmhv_papr_restore_l1(struct kvm_vcpu *vcpu,
				  const struct kvmhv_gsb_vcpu *l1,
				  const struct kvmhv_papr_l1_timing *t,
				  const struct kvmhv_gsb_regs *before,
				  const struct kvmhv_gsb_regs *after)
{
	struct kvmppc_vcore *vc = vcpu->arch.vcore;

	kvmhv_papr_load_regs(vcpu, l1);
	vcpu->arch.hfscr = l1->r.hfscr;
	vc->tb_offset = t->tb_offset;
	vcpu->arch.dec_expires = t->dec_expires;
	vc->pcr = t->pcr;
	vcpu->arch.purr += after->purr - before->purr;
	vcpu->arch.spurr += after->spurr - before->spurr;
	vcpu->arch.ic += after->ic - before->ic;
	vc->vtb += after->vtb - before->vtb;
}

/* The L1 vCPU's save area, made on its first run of an L2. */
static struct kvmhv_gsb_vcpu *kvmhv_papr_l1_save(struct kvmhv_papr_l1 *l1,
						 struct kvm_vcpu *vcpu)
{
	struct kvmhv_gsb_vcpu *save = xa_load(&l1->l1_saves, vcpu->vcpu_idx);

	if (save)
		return save;
	save = kmalloc(sizeof(*save), GFP_KERNEL_ACCOUNT);
	if (!save)
		return NULL;
	if (xa_insert(&l1->l1_saves, vcpu->vcpu_idx, save, GFP_KERNEL_ACCOUNT)) {
		kfree(save);
		return NULL;
	}
	return save;
}

void kvmhv_papr_free_l1_saves(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_gsb_vcpu *save;
	unsigned long i;

	xa_for_each(&l1->l1_saves, i, save)
		kfree(save);
	xa_destroy(&l1->l1_saves);
}

/*
 * Everything a run needs, set up before the L1's state is touched: the
 * store's values before the run (for the time the L2 used) and the L1's
 * own registers.
 */
struct kvmhv_papr_run {
	struct kvmhv_papr_guest *guest;
	struct kvmhv_papr_vcpu *v;
	u32 vcpu_id;
	struct kvmhv_gsb_vcpu *l1_regs;
	struct kvmhv_gsb_guest g;
};

static int kvmhv_papr_run_l2(struct kvm_vcpu *vcpu, struct kvmhv_papr_run *run,
			     struct kvm_nested_guest *gp)
{
	struct kvmppc_vcore *vc = vcpu->arch.vcore;
	struct kvmhv_gsb_vcpu *s = &run->v->state;
	struct kvmhv_papr_l1_timing t = {
		.tb_offset = vc->tb_offset,
		.dec_expires = vcpu->arch.dec_expires,
		.pcr = vc->pcr,
	};
	struct kvmhv_gsb_regs before = s->r;
	struct kvmhv_gsb_vcpu *l1 = run->l1_regs;
	u64 hdec_exp, lpcr;
	int r;

	/* The L1's decrementer is the time limit of the run now. */
	if (kvmppc_core_pending_dec(vcpu))
		kvmppc_core_dequeue_dec(vcpu);

	kvmhv_papr_save_regs(vcpu, l1);
	l1->r.hfscr = vcpu->arch.hfscr;
	hdec_exp = s->r.hdec_expiry_tb - vc->tb_offset;
	lpcr = kvmhv_papr_load_l2(vcpu, s, &run->g);
	vcpu->arch.nested = gp;
	vcpu->arch.nested_vcpu_id = run->vcpu_id;
	vcpu->arch.ret = RESUME_GUEST;
	vcpu->arch.trap = 0;

	do {
		r = kvmhv_run_single_vcpu(vcpu, hdec_exp, lpcr);
	} while (is_kvmppc_resume_guest(r) && !READ_ONCE(run->guest->deleted));

	kvmhv_papr_save_l2(vcpu, s, &run->g);
	vcpu->arch.nested = NULL;
	kvmhv_papr_restore_l1(vcpu, l1, &t, &before, &s->r);
	return r;
}

/*
 * The partition-table entry of a v2 L1's L2, from its elements: the
 * partition-scoped root with the tree size the codec checked (52 bits)
 * and the process table, with the GR bit the L1 leaves out.
 */
static void kvmhv_papr_make_pate(const struct kvmhv_gsb_guest *g,
				 struct patb_entry *pate)
{
	u64 dw0 = PATB_HR | radix__get_tree_size() | g->part_table.base |
		  (ilog2(g->part_table.root_size) - 3);
	u64 dw1 = PATB_GR | g->proc_table.base |
		  (ilog2(g->proc_table.size) - 12);

	pate->patb0 = cpu_to_be64(dw0);
	pate->patb1 = cpu_to_be64(dw1);
}

int kvmhv_papr_read_pate(struct kvm_nested_guest *gp, struct patb_entry *pate)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_ready(gp->l1_host);
	struct kvmhv_papr_guest *guest;
	int ret = -EFAULT;

	if (!l1)
		return -ENOENT;
	guest = kvmhv_papr_guest_get(l1, gp->l1_lpid);
	if (!guest)
		return ret;
	mutex_lock(&guest->lock);
	if (guest->state.part_table.root_size && guest->state.proc_table.size) {
		kvmhv_papr_make_pate(&guest->state, pate);
		ret = 0;
	}
	mutex_unlock(&guest->lock);
	kvmhv_papr_guest_put(guest);
	return ret;
}

unsigned long kvmhv_papr_nested_lpid_limit(struct kvm *kvm)
{
	return kvmhv_papr_l1_ready(kvm) ? KVMHV_PAPR_MAX_GUEST_ID + 1 : 0;
}

/*
 * What a v1 L1's partition-scoped invalidation of a whole LPID does: drop
 * the L2's shadow table, reload its entry, and remove the shadow once the
 * L2 is gone. A v2 L1 changes the entry in a SET, not followed by an
 * invalidation, and deletes an L2 with H_GUEST_DELETE.
 */
void kvmhv_papr_flush_shadow(struct kvm *kvm, u32 id)
{
	struct kvm_nested_guest *gp = kvmhv_get_nested(kvm, id, false);

	if (!gp)
		return;
	mutex_lock(&gp->tlb_lock);
	kvmhv_flush_nested(gp);
	mutex_unlock(&gp->tlb_lock);
	kvmhv_put_nested(gp);
}

/* Make the L1 vCPUs running the L2's vCPUs leave the L2 and see it gone. */
void kvmhv_papr_stop_runners(struct kvmhv_papr_guest *guest)
{
	struct kvmhv_papr_vcpu *v;
	struct kvm_vcpu *runner;
	unsigned long i;

	xa_for_each(&guest->vcpus, i, v) {
		runner = READ_ONCE(v->runner);
		if (runner)
			kvm_vcpu_kick(runner);
	}
}

/* The conditions the specification sets for a run, with its codes. */
static long kvmhv_papr_run_ready(const struct kvmhv_papr_run *run)
{
	const struct kvmhv_gsb_vcpu *s = &run->v->state;

	if (!s->run_buf[0].addr)
		return H_INPUT_BUFFER_NOT_DEFINED;
	if (!s->run_buf[1].addr)
		return H_OUTPUT_BUFFER_NOT_DEFINED;
	if (!run->g.part_table.root_size || !run->g.proc_table.size)
		return H_PARTITION_PAGE_TABLE_NOT_DEFINED;
	return H_SUCCESS;
}

/*
 * Apply the input buffer to the store. Its size is the one the L1
 * registered: the Linux L1 sends its buffer's capacity, not its use.
 * R4 of an element error is the element's byte offset.
 */
static long kvmhv_papr_run_input(struct kvm_vcpu *vcpu,
				 struct kvmhv_papr_l1 *l1,
				 struct kvmhv_papr_run *run)
{
	const struct kvmhv_gsb_buf *in = &run->v->state.run_buf[0];
	struct kvmhv_gsb_req req = {
		.vcpu = &run->v->state,
		.caps = l1->caps,
		.op = KVMHV_GSB_RUN_INPUT,
		.scope = KVMHV_GSB_THREAD,
	};
	struct kvmhv_gsb_err err;
	void *buf;
	long ret;

	buf = kvmalloc(in->size, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return H_NOT_ENOUGH_RESOURCES;
	ret = H_INPUT_BUFFER_NOT_DEFINED;
	if (!kvm_vcpu_read_guest(vcpu, in->addr, buf, in->size))
		ret = kvmhv_gsb_set(&req, buf, in->size, &err);
	if (ret != H_SUCCESS && ret != H_INPUT_BUFFER_NOT_DEFINED)
		kvmppc_set_gpr(vcpu, 4, kvmhv_gsb_err_r4(&err, req.op));
	kvfree(buf);
	return ret;
}

/* The elements the exit calls for, in the L1's output buffer. */
static long kvmhv_papr_run_output(struct kvm_vcpu *vcpu,
				  const struct kvmhv_gsb_vcpu *s, int trap)
{
	const struct kvmhv_gsb_buf *out = &s->run_buf[1];
	u8 buf[KVMHV_GSB_RUN_OUTPUT_MIN];
	size_t used;
	long ret;

	ret = kvmhv_gsb_write_exit(s, trap, buf, min_t(u64, out->size,
						       sizeof(buf)), &used);
	if (ret != H_SUCCESS)
		return ret;
	if (kvm_vcpu_write_guest(vcpu, out->addr, buf, used))
		return H_OUTPUT_BUFFER_NOT_DEFINED;
	return H_SUCCESS;
}

static long kvmhv_papr_run_locked(struct kvm_vcpu *vcpu,
				  struct kvmhv_papr_l1 *l1,
				  struct kvmhv_papr_run *run, int *resume)
{
	struct kvm_nested_guest *gp;
	int r, idx, trap;
	long ret;

	ret = kvmhv_papr_run_ready(run);
	if (ret != H_SUCCESS)
		return ret;
	idx = srcu_read_lock(&vcpu->kvm->srcu);
	ret = kvmhv_papr_run_input(vcpu, l1, run);
	srcu_read_unlock(&vcpu->kvm->srcu, idx);
	if (ret != H_SUCCESS)
		return ret;

	gp = kvmhv_get_nested(vcpu->kvm, run->guest->id, true);
	if (!gp)
		return H_NOT_ENOUGH_RESOURCES;
	if (!gp->l1_gr_to_hr) {
		mutex_lock(&gp->tlb_lock);
		kvmhv_flush_nested(gp);
		mutex_unlock(&gp->tlb_lock);
	}
	WRITE_ONCE(run->v->runner, vcpu);
	r = kvmhv_papr_run_l2(vcpu, run, gp);
	WRITE_ONCE(run->v->runner, NULL);
	kvmhv_put_nested(gp);

	/*
	 * The L0 stops a run for its own reasons too (a signal, an interrupt
	 * for the L1, a deleted L2): the L1 then finds exit 0 and resumes.
	 * A signal also ends KVM_RUN; the L1 resumes at the next one.
	 */
	trap = is_kvmppc_resume_guest(r) || r == -EINTR ? 0 : vcpu->arch.trap;
	if (r == -EINTR)
		*resume = -EINTR;
	kvmppc_set_gpr(vcpu, 4, trap);

	idx = srcu_read_lock(&vcpu->kvm->srcu);
	ret = kvmhv_papr_run_output(vcpu, &run->v->state, trap);
	srcu_read_unlock(&vcpu->kvm->srcu, idx);
	return ret;
}

/* Snapshot of the guest-wide state the run uses, under its lock. */
static void kvmhv_papr_guest_snapshot(struct kvmhv_papr_guest *guest,
				      struct kvmhv_gsb_guest *g)
{
	mutex_lock(&guest->lock);
	*g = guest->state;
	mutex_unlock(&guest->lock);
}

long h_guest_run_vcpu(struct kvm_vcpu *vcpu, int *resume)
{
	struct kvmhv_papr_run run = { .vcpu_id = kvmppc_get_gpr(vcpu, 6) };
	struct kvmhv_papr_l1 *l1;
	long ret;

	ret = kvmhv_papr_check_flags(kvmppc_get_gpr(vcpu, 4), 0);
	if (ret)
		return ret;
	l1 = kvmhv_papr_l1_ready(vcpu->kvm);
	if (!l1)
		return H_STATE;
	run.guest = kvmhv_papr_guest_get(l1, kvmppc_get_gpr(vcpu, 5));
	if (!run.guest)
		return H_P2;
	run.v = xa_load(&run.guest->vcpus, run.vcpu_id);
	run.l1_regs = kvmhv_papr_l1_save(l1, vcpu);
	if (!run.v) {
		ret = H_P3;
	} else if (!run.l1_regs) {
		ret = H_NOT_ENOUGH_RESOURCES;
	} else {
		kvmhv_papr_guest_snapshot(run.guest, &run.g);
		mutex_lock(&run.v->lock);
		ret = kvmhv_papr_run_locked(vcpu, l1, &run, resume);
		mutex_unlock(&run.v->lock);
	}
	kvmhv_papr_guest_put(run.guest);
	return ret;
}
