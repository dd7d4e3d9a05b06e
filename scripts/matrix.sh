#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-matrix: the rows of the kernel/CPU matrix beyond make check's
# own (Documentation/testing.rst). A row builds the module for its kernel,
# boots its emulated host with it and runs the installed selftests there.
# Every TAP line names the row and the machine; "# row <row> <machine>:
# <n>s" gives the row's wall time. The run ends with the counts of the
# rows' tests, as make check's last line gives them.
#
# Rows: 6.12-64k, Debian's powerpc64le-64k flavour of the default kernel
# (its image and headers at the same version), on powernv9; 6.12-p10, the
# default kernel on an emulated POWER10 host (powernv10), which offers its
# L1s the POWER10 mode.
#
# Needs make module and make selftests done (build/upstream/, the
# selftests' install tree); fetches the flavour's packages itself.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/tap-matrix
raw=$out/all.tap
mkdir -p "$out"
: > "$raw"

# The DEB_* variables of an env file that scripts/setup.sh wrote
env_of() {
	sed -n 's/^\(DEB_[A-Z_0-9]*\) := \(.*\)$/\1="\2"/p' "$1"
}

# The env file of flavour $1 (none: the default kernel)
env_file() {
	echo "build/env${1:+-$1}.mk"
}

# The module for flavour $1, built in build/$1/ from the patched sources;
# the default kernel's is make module's
build_flavour() {
	local flavour=$1 dir=$top/build/$1

	[ -n "$flavour" ] || return 0
	PAPR_KVM_FLAVOUR=$flavour scripts/setup.sh || return 1
	eval "$(env_of "build/env-$flavour.mk")"
	rm -rf "$dir" && mkdir -p "$dir/build/upstream"
	cp -r Kbuild dkms.conf include patches "$dir/" &&
	cp $(ls ./*.c | grep -v '\.mod\.c$') "$dir/" &&
	cp build/upstream/*.[chS] "$dir/build/upstream/" &&
	make -C "$DEB_KDIR" -f "$DEB_KCOMMON/Makefile" M="$dir" -j2 modules
}

# One row: flavour $2 of the kernel, on machine $3, named $1
row() {
	local name=$1 flavour=$2 machine=$3 start=$SECONDS ko

	echo "== row $name $machine"
	if build_flavour "$flavour" > "$out/build-$name.log" 2>&1; then
		echo "ok - build: [$name] kvm-hv.ko" >> "$raw"
		eval "$(env_of "$(env_file "$flavour")")"
		ko=$top/${flavour:+build/$flavour/}kvm-hv.ko
		scripts/abi-check.sh "$ko" \
			"$DEB_MODDIR/kernel/arch/powerpc/kvm/kvm-hv.ko.xz" \
			"$DEB_KDIR/Module.symvers" |
			sed -E "s/^((not )?ok - abi: )/\1[$name] /" >> "$raw"
		export VMLINUX=$DEB_VMLINUX MODDIR=$DEB_MODDIR \
			BUSYBOX=$DEB_BUSYBOX QEMU_PPC64EL=$DEB_QEMU_PPC64EL \
			KVM_HV_KO=$ko \
			SELFTESTS=$top/build/selftests PKVM_ROW=$name
		{
			tests/qemu/run.sh check "$machine"
			tests/qemu/run.sh l1_linux "$machine"
		} > "$out/$name-$machine.log" 2>&1
		grep -E '^(ok|not ok) |^# ' "$out/$name-$machine.log" >> "$raw"
	else
		{
			echo "not ok - build: [$name] kvm-hv.ko"
			tail -30 "$out/build-$name.log" | sed 's/^/# /'
		} >> "$raw"
	fi
	echo "# row $name $machine: $((SECONDS - start))s" | tee -a "$raw"
	grep -E '^not ok ' "$raw" | grep -F "[$name" || true
}

row 6.12-64k 64k powernv9
row 6.12-p10 "" powernv10

"$top/scripts/check.sh" --summarize "$raw" | tee "$top/build/matrix.summary"
! grep -q '^not ok ' "$raw"
