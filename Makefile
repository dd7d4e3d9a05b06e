# SPDX-License-Identifier: GPL-2.0
#
# papr-kvm: KVM-HV for POWER9/POWER10 hosts with the PAPR API v2 L0 for
# nested guests, the secure-VM init abort and ePAPR hypercalls to userspace.
#
# On an x86_64 Debian 12 machine the module is cross built against the
# Debian 6.12 powerpc64le kernel that scripts/setup.sh fetches. On a POWER
# host, name the kernel:  make KDIR=/lib/modules/$(uname -r)/build KSRC=...
#
#   make            build kvm-hv.ko
#   make install    install it to updates/ and run depmod (POWER host)
#   make run        boot the emulated POWER9 host with the module; a stock Linux
#                   L1 under QEMU -accel kvm runs a Linux L2 through it
#   make run-selftests  boot the emulated host and narrate the selftests
#   make check      every test tier; results in build/check.tap
#   make check-matrix  the other kernels of the matrix (64 KiB pages):
#                   each row's module and selftests; build/tap-matrix/
#   make fuzz-l1    the in-kernel hypercall fuzzer (papr_fuzz) alone on the
#                   emulated MACHINE (pseries), FUZZ_MINUTES long (10);
#                   FUZZ_SEED=N replays the run that printed seed N
#   make unit       userspace tests of the portable code and tools (ASan/UBSan)
#   make bench      GSB codec instruction counts; L2 round trips and a Linux
#                   L2's boot, disk, network and IPIs, v2 against v1
#   make abi-check  the module against the kernel's symbols, CRCs, vermagic
#   make style      checkpatch --strict on the project's C and the hook patch
#   make callgraph  the calls between the module's files, refused in a circle
#   make sparse     sparse (C=2) over the module

PWD := $(CURDIR)
BUILD := $(PWD)/build
UPSTREAM := $(BUILD)/upstream

# The Debian kernel set of scripts/setup.sh: for the emulated host, and for
# the module itself unless KDIR names a kernel. The userspace tier needs
# neither.
PORTABLE_GOALS := unit fuzz callgraph clean distclean
GOALS := $(or $(MAKECMDGOALS),module)
NEEDS_DEB := $(filter run run-selftests check fuzz-l1 setup,$(GOALS))
ifeq ($(origin KDIR),undefined)
NEEDS_DEB += $(filter-out $(PORTABLE_GOALS),$(GOALS))
endif

ifneq ($(strip $(NEEDS_DEB)),)
include $(BUILD)/env.mk
endif

ifeq ($(origin KDIR),undefined)
KDIR := $(DEB_KDIR)
KSRC ?= $(DEB_KSRC)
KBUILD = $(MAKE) -C $(KDIR) -f $(DEB_KCOMMON)/Makefile
else
KSRC ?= $(KDIR)
KBUILD = $(MAKE) -C $(KDIR)
endif
KMAKE = $(KBUILD) M=$(PWD)

KERNELRELEASE_KDIR = $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
SERIES = $(shell echo $(KERNELRELEASE_KDIR) | cut -d. -f1,2)
PATCHES = $(sort $(wildcard patches/$(SERIES)/*.patch))

# The upstream KVM-HV files the module is made of, listed once per series.
SERIES_MK = patches/$(SERIES)/series.mk
-include $(wildcard $(SERIES_MK))
UPSTREAM_FILES = $(kvmhv-srcs) $(kvmhv-srcs-tm) $(kvmhv-srcs-uv) $(kvmhv-hdrs)

module: $(UPSTREAM)/.patched
	$(KMAKE) modules

# The module again with papr-kvm's trace events compiled out, for make
# bench: a copy of the sources, built with PAPR_KVM_NOTRACE=1.
NOTRACE := $(BUILD)/notrace
PREFIX ?= /usr/local
module-notrace: $(UPSTREAM)/.patched
	rm -rf $(NOTRACE) && mkdir -p $(NOTRACE)/build/upstream
	cp -r Kbuild dkms.conf $(filter-out %.mod.c,$(wildcard *.c)) include patches \
		$(NOTRACE)/
	cp $(UPSTREAM)/*.[chS] $(NOTRACE)/build/upstream/
	$(KBUILD) M=$(NOTRACE) PAPR_KVM_NOTRACE=1 modules

$(BUILD)/env.mk: scripts/setup.sh
	scripts/setup.sh

setup:
	scripts/setup.sh

# The build copy is made again when the source tree named by KSRC changes.
$(BUILD)/ksrc: FORCE
	@mkdir -p $(BUILD)
	@echo "$(KSRC)" | cmp -s - $@ || echo "$(KSRC)" > $@

$(UPSTREAM)/.patched: $(PATCHES) $(wildcard $(SERIES_MK)) $(BUILD)/ksrc Makefile
	@test -n "$(PATCHES)" -a -f "$(SERIES_MK)" || { echo "no hook patch and series.mk for kernel series '$(SERIES)' in patches/" >&2; exit 1; }
	@rm -rf $(UPSTREAM) && mkdir -p $(UPSTREAM)
	cp $(addprefix $(KSRC)/arch/powerpc/kvm/,$(UPSTREAM_FILES)) $(UPSTREAM)/
	@for p in $(PATCHES); do \
		echo "  PATCH   $$p"; \
		patch -d $(UPSTREAM) -p4 -s --no-backup-if-mismatch < $$p || exit 1; \
	done
	@touch $@

install: module
	$(KMAKE) INSTALL_MOD_DIR=updates modules_install
	depmod -a $(KERNELRELEASE_KDIR)
	install -D -m 0755 tools/papr-kvm-top $(DESTDIR)$(PREFIX)/sbin/papr-kvm-top

sparse: $(UPSTREAM)/.patched
	$(KMAKE) C=2 CF=-D__CHECK_ENDIAN__ modules

style:
	scripts/style.sh $(KSRC)/scripts/checkpatch.pl

# The calls between the module's files; fails on a circle.
callgraph:
	scripts/setup.sh --host-tools
	scripts/callgraph.sh

abi-check: module
	scripts/abi-check.sh kvm-hv.ko $(DEB_MODDIR)/kernel/arch/powerpc/kvm/kvm-hv.ko.xz $(KDIR)/Module.symvers

unit:
	scripts/setup.sh --host-tools
	$(MAKE) -C tests/unit
	$(MAKE) -C tools test

fuzz:
	scripts/setup.sh --host-tools
	$(MAKE) -C tests/unit fuzz

# Instruction counts of the GSB codec; the tiny L2's round trips side by
# side in one boot of each emulated host; then the Linux L2 through the
# stock L1, v2 against v1, in one boot of each (about 15 minutes each).
bench: module module-notrace selftests
	$(MAKE) -C tests/unit bench
	$(QEMU_ENV) tests/qemu/run.sh bench pseries
	$(QEMU_ENV) tests/qemu/run.sh bench powernv9
	$(QEMU_ENV) tests/qemu/run.sh l1_bench powernv9
	$(QEMU_ENV) tests/qemu/run.sh l1_bench pseries

selftests:
	$(MAKE) -C selftests install

FUZZ_MINUTES ?= 10
MACHINE ?= pseries
fuzz-l1: module selftests
	$(QEMU_ENV) SELFTEST_ONLY=papr_fuzz FUZZ_SECONDS=$$(($(FUZZ_MINUTES) * 60)) \
		$(if $(FUZZ_SEED),FUZZ_SEED=$(FUZZ_SEED)) \
		tests/qemu/run.sh check $(MACHINE)

# What the QEMU tier and the checks need to know of the kernel set.
QEMU_ENV = VMLINUX=$(DEB_VMLINUX) MODDIR=$(DEB_MODDIR) BUSYBOX=$(DEB_BUSYBOX) \
	KVM_HV_KO=$(PWD)/kvm-hv.ko KVM_HV_NOTRACE_KO=$(NOTRACE)/kvm-hv.ko \
	SELFTESTS=$(BUILD)/selftests \
	QEMU_PPC64EL=$(DEB_QEMU_PPC64EL)
CHECK_ENV = $(QEMU_ENV) CHECKPATCH=$(KSRC)/scripts/checkpatch.pl \
	SYMVERS=$(KDIR)/Module.symvers \
	DISTRO_KVM_HV=$(DEB_MODDIR)/kernel/arch/powerpc/kvm/kvm-hv.ko.xz \
	MAKE_FLAGS="$(foreach v,KDIR KSRC,$(if $(filter command line,$(origin $(v))),$(v)=$($(v))))"

run: module selftests
	$(QEMU_ENV) tests/qemu/run.sh nested-demo

run-selftests: module selftests
	$(QEMU_ENV) tests/qemu/run.sh demo

check: $(BUILD)/env.mk
	$(CHECK_ENV) scripts/check.sh

check-matrix: module selftests
	scripts/matrix.sh

clean:
	$(MAKE) -C tests/unit clean
	$(MAKE) -C selftests clean
	$(MAKE) -C tools clean
	find . -path ./build -prune -o \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' \) -type f -print | xargs rm -f
	rm -f Module.symvers modules.order
	rm -rf $(UPSTREAM) $(BUILD)/tap $(BUILD)/qemu $(BUILD)/check.tap

distclean: clean
	rm -rf $(BUILD)

.PHONY: FORCE module module-notrace setup install sparse style callgraph abi-check unit fuzz fuzz-l1 bench selftests run run-selftests \
	check check-matrix clean distclean
