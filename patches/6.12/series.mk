# SPDX-License-Identifier: GPL-2.0
#
# The upstream KVM-HV files kvm-hv.ko is made of in the 6.12 series, read
# by both the Makefile (which copies them from the kernel source into
# build/upstream/ and applies this folder's patches) and Kbuild (which
# links them). A new series is a copy of this folder, checked against the
# kvm-hv-y lines of that kernel's arch/powerpc/kvm/Makefile.

# Always linked
kvmhv-srcs := book3s_hv.c book3s_hv_interrupts.S book3s_64_mmu_hv.c \
	book3s_64_mmu_radix.c book3s_hv_nested.c
# Linked with CONFIG_PPC_TRANSACTIONAL_MEM
kvmhv-srcs-tm := book3s_hv_tm.c
# Linked with CONFIG_PPC_UV, in place of papr-kvm's secure-VM state machine
kvmhv-srcs-uv := book3s_hv_uvmem.c
# Included by the sources above from their own directory
kvmhv-hdrs := book3s.h book3s_hv.h trace_hv.h trace_book3s.h
