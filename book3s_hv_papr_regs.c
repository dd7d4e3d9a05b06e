// SPDX-License-Identifier: GPL-2.0-only
/*
 * The register swap of an L2 run under the PAPR API v2: the L1 vCPU's
 * registers leave vcpu->arch for the L1 vCPU's save area, the L2's come in
 * from its store (struct kvmhv_gsb_vcpu), and after the run the reverse.
 * The L0 keeps the L1's bounds on the L2's MSR, LPCR and HFSCR, and
 * charges the L1 the processor time its L2 used, as KVM v1 does.
 *
 * Registers only: this file knows nothing of the L2's objects, locks or
 * buffers. Its caller, the run path, holds the L2 vCPU's lock and runs on
 * the L1 vCPU whose vcpu->arch it changes.
 */

#include <linux/kvm_host.h>
#include <linux/string.h>
#include <asm/kvm_book3s.h>
#include <asm/kvm_ppc.h>
#include <asm/reg.h>

#include "book3s_hv.h"
#include "book3s_hv_papr_regs.h"

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
	KVMHV_PAPR_REG(tidr, tid),
	KVMHV_PAPR_REG(psscr, psscr),
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

/* Keep the L1 vCPU's registers and timing while the L2 has the vCPU. */
void kvmhv_papr_save_l1(struct kvm_vcpu *vcpu, struct kvmhv_gsb_vcpu *l1,
			struct kvmhv_papr_l1_timing *t)
{
	struct kvmppc_vcore *vc = vcpu->arch.vcore;

	t->tb_offset = vc->tb_offset;
	t->dec_expires = vcpu->arch.dec_expires;
	t->pcr = vc->pcr;
	kvmhv_papr_save_regs(vcpu, l1);
	l1->r.hfscr = vcpu->arch.hfscr;
}

/*
 * Make the vCPU the L2's: the L0 keeps the L1's bounds on MSR, LPCR and
 * HFSCR, as KVM v1 does in load_l2_hv_regs(). Returns the LPCR to run with.
 */
u64 kvmhv_papr_load_l2(struct kvm_vcpu *vcpu, const struct kvmhv_gsb_vcpu *s,
		       const struct kvmhv_gsb_guest *g)
{
	struct kvmppc_vcore *vc = vcpu->arch.vcore;
	u64 mask = LPCR_DPFD | LPCR_ILE | LPCR_TC | LPCR_AIL | LPCR_LD |
		   LPCR_MER;

	kvmhv_papr_load_regs(vcpu, s);
	vcpu->arch.shregs.msr = (s->r.msr | MSR_ME) & ~MSR_HV;
	/* No TM: the L0 keeps no checkpoint for an L2 (gsb.rst, MSR) */
	vcpu->arch.hfscr = s->r.hfscr & ~HFSCR_TM &
			   (HFSCR_INTR_CAUSE | vcpu->arch.hfscr_permitted);
	vcpu->arch.nested_hfscr = s->r.hfscr;
	vc->tb_offset += g->tb_offset;
	/* The L1 gives the L2's DEC expiry in its own timebase. */
	vcpu->arch.dec_expires = s->r.dec_expiry_tb + g->tb_offset;
	vc->pcr = kvmhv_papr_pcr(g->logical_pvr);
	return kvmppc_filter_lpcr_hv(vcpu->kvm,
				     (vc->lpcr & ~mask) | (s->r.lpcr & mask));
}

void kvmhv_papr_save_l2(struct kvm_vcpu *vcpu, struct kvmhv_gsb_vcpu *s,
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
void kvmhv_papr_restore_l1(struct kvm_vcpu *vcpu,
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
