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
#include <asm/lppaca.h>
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

/* The L1 vCPU's own state, made on its first run of an L2. */
static struct kvmhv_papr_l1_vcpu *kvmhv_papr_l1_vcpu(struct kvmhv_papr_l1 *l1,
						     struct kvm_vcpu *vcpu)
{
	struct kvmhv_papr_l1_vcpu *lv = xa_load(&l1->l1_vcpus, vcpu->vcpu_idx);

	if (lv)
		return lv;
	lv = kzalloc(sizeof(*lv), GFP_KERNEL_ACCOUNT);
	if (!lv)
		return NULL;
	if (xa_insert(&l1->l1_vcpus, vcpu->vcpu_idx, lv, GFP_KERNEL_ACCOUNT)) {
		kfree(lv);
		return NULL;
	}
	return lv;
}

void kvmhv_papr_free_l1_vcpus(struct kvmhv_papr_l1 *l1)
{
	struct kvmhv_papr_l1_vcpu *lv;
	unsigned long i;

	xa_for_each(&l1->l1_vcpus, i, lv) {
		if (lv->mmio_guest)
			kvmhv_papr_guest_put(lv->mmio_guest);
		kfree(lv);
	}
	xa_destroy(&l1->l1_vcpus);
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
	struct kvmhv_papr_l1_vcpu *lv;
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
	struct kvmhv_gsb_vcpu *l1 = &run->lv->save;
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

void kvmhv_papr_unpin_vpa(struct kvm *kvm, struct kvmhv_papr_vcpu *v)
{
	if (!v->vpa)
		return;
	kvmppc_unpin_guest_page(kvm, v->vpa, v->vpa_gpa, true);
	v->vpa = NULL;
}

/*
 * Follow the L2's VPA (element 0x0C02, ~0 for none) to the page it is in:
 * the SET made sure that its first 640 bytes are in one 4 KiB page. One
 * whose memory has gone since is not used.
 */
static void kvmhv_papr_sync_vpa(struct kvm *kvm, struct kvmhv_papr_vcpu *v)
{
	u64 gpa = v->state.vpa;

	if (v->vpa && v->vpa_gpa == gpa)
		return;
	kvmhv_papr_unpin_vpa(kvm, v);
	if (gpa == ~0ULL)
		return;
	v->vpa = kvmppc_pin_guest_page(kvm, gpa, NULL);
	v->vpa_gpa = gpa;
}

/* A dispatch or a preemption of the L2 vCPU: its yield count moves on. */
static void kvmhv_papr_vpa_dispatch(struct kvmhv_papr_vcpu *v)
{
	if (v->vpa)
		v->vpa->yield_count =
			cpu_to_be32(be32_to_cpu(v->vpa->yield_count) + 1);
}

/*
 * The L1 may ask, in its own VPA, for the time its vCPU spends switching
 * to the L2, running it and switching back (the Linux L1 does when its
 * kvm_guest_state tracepoints are on).
 */
static void kvmhv_papr_l2_counters(struct kvm_vcpu *vcpu, const u64 tb[4])
{
	struct lppaca *lp = vcpu->arch.vpa.pinned_addr;

	if (!lp || !lp->l2_counters_enable)
		return;
	lp->l1_to_l2_cs_tb =
		cpu_to_be64(be64_to_cpu(lp->l1_to_l2_cs_tb) + tb[1] - tb[0]);
	lp->l2_runtime_tb =
		cpu_to_be64(be64_to_cpu(lp->l2_runtime_tb) + tb[2] - tb[1]);
	lp->l2_to_l1_cs_tb =
		cpu_to_be64(be64_to_cpu(lp->l2_to_l1_cs_tb) + tb[3] - tb[2]);
	vcpu->arch.vpa.dirty = true;
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

/* The whole input buffer, for inputs longer than its head. */
static long kvmhv_papr_run_input_all(struct kvm_vcpu *vcpu,
				     const struct kvmhv_gsb_req *req,
				     const struct kvmhv_gsb_buf *in,
				     struct kvmhv_gsb_err *err)
{
	long ret = H_INPUT_BUFFER_NOT_DEFINED;
	void *buf;

	buf = kvmalloc(in->size, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return H_NOT_ENOUGH_RESOURCES;
	if (!kvm_vcpu_read_guest(vcpu, in->addr, buf, in->size))
		ret = kvmhv_gsb_set(req, buf, in->size, err);
	kvfree(buf);
	return ret;
}

/*
 * Apply the input buffer to the store. Its size is the one the L1
 * registered, and the Linux L1 sends its buffer's capacity (4 KiB) where
 * a run in steady state uses a few elements: the head is read first, and
 * the rest only when the elements go on past it. The elements of the head
 * are then applied again, which leaves the same values. R4 of an element
 * error is the element's byte offset.
 */
static long kvmhv_papr_run_input(struct kvm_vcpu *vcpu,
				 struct kvmhv_papr_l1 *l1,
				 struct kvmhv_papr_run *run)
{
	const struct kvmhv_gsb_buf *in = &run->v->state.run_buf[0];
	u64 head = min_t(u64, in->size, KVMHV_PAPR_RUN_IN_HEAD);
	struct kvmhv_gsb_req req = {
		.vcpu = &run->v->state,
		.caps = l1->caps,
		.op = KVMHV_GSB_RUN_INPUT,
		.scope = KVMHV_GSB_THREAD,
	};
	struct kvmhv_gsb_err err;
	long ret;

	if (kvm_vcpu_read_guest(vcpu, in->addr, run->lv->run_in, head))
		return H_INPUT_BUFFER_NOT_DEFINED;
	ret = kvmhv_gsb_set(&req, run->lv->run_in, head, &err);
	if (ret == H_INPUT_BUFFER_TOO_SMALL && head < in->size)
		ret = kvmhv_papr_run_input_all(vcpu, &req, in, &err);
	if (ret != H_SUCCESS && ret != H_INPUT_BUFFER_NOT_DEFINED &&
	    ret != H_NOT_ENOUGH_RESOURCES)
		kvmppc_set_gpr(vcpu, 4, kvmhv_gsb_err_r4(&err, req.op));
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

/*
 * An L2's MMIO access went to the VMM (KVM_EXIT_MMIO). kvm.ko completes a
 * load into the L1's register at the next KVM_RUN; kvmhv_papr_vcpu_run()
 * moves it on into the L2's store. Loads into FP and vector registers
 * (rare for MMIO, and not handled by KVM's v1 L0 either) are dropped
 * rather than completed into the L1's own registers.
 */
static void kvmhv_papr_mmio_needed(struct kvm_vcpu *vcpu,
				   struct kvmhv_papr_run *run)
{
	struct kvmhv_papr_l1_vcpu *lv = run->lv;
	unsigned int reg = vcpu->arch.io_gpr;

	if (vcpu->mmio_is_write)
		return;
	if ((reg & KVM_MMIO_REG_EXT_MASK) != KVM_MMIO_REG_GPR) {
		vcpu->mmio_needed = 0;
		return;
	}
	kref_get(&run->guest->ref);
	lv->mmio_guest = run->guest;
	lv->mmio_v = run->v;
	lv->mmio_gpr = reg & KVM_MMIO_REG_MASK;
	lv->mmio_l1_gpr = vcpu->arch.regs.gpr[lv->mmio_gpr];
}

void kvmhv_papr_vcpu_run(struct kvm_vcpu *vcpu)
{
	struct kvmhv_papr_l1 *l1 = kvmhv_papr_l1_ready(vcpu->kvm);
	struct kvmhv_papr_l1_vcpu *lv;
	struct kvmhv_papr_vcpu *v;

	lv = l1 ? xa_load(&l1->l1_vcpus, vcpu->vcpu_idx) : NULL;
	if (!lv || !lv->mmio_guest)
		return;
	v = lv->mmio_v;
	mutex_lock(&v->lock);
	v->state.r.gpr[lv->mmio_gpr] = vcpu->arch.regs.gpr[lv->mmio_gpr];
	mutex_unlock(&v->lock);
	vcpu->arch.regs.gpr[lv->mmio_gpr] = lv->mmio_l1_gpr;
	kvmhv_papr_guest_put(lv->mmio_guest);
	lv->mmio_guest = NULL;
}

static long kvmhv_papr_run_locked(struct kvm_vcpu *vcpu,
				  struct kvmhv_papr_l1 *l1,
				  struct kvmhv_papr_run *run, int *resume)
{
	struct kvm_nested_guest *gp;
	int r, idx, trap;
	u64 tb[4];
	long ret;

	tb[0] = mftb();
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
	kvmhv_papr_sync_vpa(vcpu->kvm, run->v);
	WRITE_ONCE(run->v->runner, vcpu);
	kvmhv_papr_vpa_dispatch(run->v);
	tb[1] = mftb();
	r = kvmhv_papr_run_l2(vcpu, run, gp);
	tb[2] = mftb();
	kvmhv_papr_vpa_dispatch(run->v);
	WRITE_ONCE(run->v->runner, NULL);
	kvmhv_put_nested(gp);

	/*
	 * The L0 stops a run for its own reasons too (a signal, an interrupt
	 * for the L1, a deleted L2, an MMIO access for the VMM): the L1 then
	 * finds exit 0 and resumes. A signal or an MMIO access also ends
	 * KVM_RUN; the L1 resumes at the next one.
	 */
	trap = is_kvmppc_resume_guest(r) || r == -EINTR ? 0 : vcpu->arch.trap;
	if (r == -EINTR)
		*resume = -EINTR;
	if (vcpu->mmio_needed) {
		kvmhv_papr_mmio_needed(vcpu, run);
		*resume = RESUME_HOST;
		trap = 0;
	}
	kvmppc_set_gpr(vcpu, 4, trap);

	idx = srcu_read_lock(&vcpu->kvm->srcu);
	ret = kvmhv_papr_run_output(vcpu, &run->v->state, trap);
	srcu_read_unlock(&vcpu->kvm->srcu, idx);
	tb[3] = mftb();
	kvmhv_papr_l2_counters(vcpu, tb);
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

	ret = kvmhv_papr_call_guest(vcpu, &l1, &run.guest);
	if (ret)
		return ret;
	run.v = xa_load(&run.guest->vcpus, run.vcpu_id);
	run.lv = kvmhv_papr_l1_vcpu(l1, vcpu);
	if (!run.v) {
		ret = H_P3;
	} else if (!run.lv) {
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
