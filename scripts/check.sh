#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test tier, one after the other. Each stage prints TAP
# lines "ok - <suite>: <test>"; they are numbered into build/check.tap, and
# the run ends with the counts of summarize(), the last line
# "N passed, N failed, N skipped" for the tests of behaviour. With
# --summarize FILE, only those counts of FILE's lines.
#
# Needs from the Makefile: MAKE_FLAGS (KDIR/KSRC as given), CHECKPATCH,
# SYMVERS, DISTRO_KVM_HV, VMLINUX, MODDIR, BUSYBOX. FUZZ_SECONDS (default 60)
# bounds the fuzzing stage; QEMU_MACHINES (default "pseries powernv9")
# selects the emulated hosts; L1_MACHINES (default "powernv9 pseries
# qemu-l0") those of suite l1_linux, where qemu-l0 is the differential
# boot under QEMU's own v2 L0. Suite l1_linux also needs QEMU_PPC64EL.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/tap
raw=$out/all.tap

# Run one stage: its TAP lines go to the combined file, and the failures
# with their diagnostics to the terminal.
stage() {
	local name=$1 start=$SECONDS rc
	shift

	echo "== $name"
	"$@" > "$out/$name.log" 2>&1
	rc=$?
	# A stage that fails without saying which test failed, or says
	# nothing at all, fails as a whole.
	if ! grep -q '^not ok ' "$out/$name.log" &&
	   { [ "$rc" != 0 ] || ! grep -q '^ok ' "$out/$name.log"; }; then
		echo "not ok - stage: $name runs and reports results (rc $rc)" >> "$out/$name.log"
		tail -20 "$out/$name.log" | sed 's/^/# /' >> "$out/$name.log"
	fi
	grep -E '^(ok|not ok) |^# ' "$out/$name.log" >> "$raw"
	# The terminal shows what failed, with its diagnostics.
	if grep -q '^not ok ' "$out/$name.log"; then
		grep -E '^not ok |^# ' "$out/$name.log" |
			grep -v -E '^# (verdict|tainted)'
	fi
	echo "   $(grep -c '^ok ' "$out/$name.log") ok, $(grep -c '^not ok ' "$out/$name.log") not ok, $((SECONDS - start))s"
}

# A build step as one TAP line; its output is kept in build/tap/<name>.log.
build_step() {
	local name=$1
	shift

	if "$@" > "$out/build-$name.out" 2>&1; then
		echo "ok - build: $name"
	else
		echo "not ok - build: $name"
		tail -30 "$out/build-$name.out" | sed 's/^/# /'
	fi
}

builds() {
	build_step kvm-hv.ko make -s module $MAKE_FLAGS
	build_step selftests make -s -C selftests install
}

# sparse over the module; only reports about the project's own files count
# (the upstream KVM-HV sources carry warnings of their own).
sparse_check() {
	local log=$out/sparse.out bad

	make sparse $MAKE_FLAGS > "$log" 2>&1
	bad=$(grep -E "^$top/[^:]+:[0-9]+:[0-9]+: (warning|error):" "$log" |
		grep -v "^$top/build/")
	if [ -z "$bad" ] && grep -q 'CHECK.*book3s_hv_hooks.c' "$log"; then
		echo "ok - sparse: project sources"
	else
		echo "not ok - sparse: project sources"
		printf '%s\n' "${bad:-sparse did not run}" | head -30 | sed 's/^/# /'
	fi
}

# The module's files call each other downward only (Documentation/layout.rst).
layering_check() {
	local edges

	if edges=$(scripts/callgraph.sh 2>&1); then
		echo "ok - layering: no circle of calls among the module's files"
	else
		echo "not ok - layering: no circle of calls among the module's files"
	fi
	printf '%s\n' "$edges" | sed 's/^/# /'
}

qemu_tier() {
	local m

	for m in ${QEMU_MACHINES:-pseries powernv9}; do
		KVM_HV_KO=$top/kvm-hv.ko SELFTESTS=$top/build/selftests \
			tests/qemu/run.sh check "$m"
	done
}

# A stock Linux L1 runs its L2s through papr-kvm, and the same L1 through
# QEMU's emulated v2 L0 (tests/qemu/l1_linux).
l1_linux_tier() {
	local m

	for m in ${L1_MACHINES:-powernv9 pseries qemu-l0}; do
		KVM_HV_KO=$top/kvm-hv.ko SELFTESTS=$top/build/selftests \
			tests/qemu/run.sh l1_linux "$m"
	done
}

# The closing lines: the harness's own checks (the build, style, sparse,
# layering, ABI, module loads, boots, the programs' exit codes) counted
# apart; failures of another component that a test expects (# XFAIL)
# counted apart; then the tests of behaviour, skips apart.
summarize() {
	awk '
	/^(not )?ok - / {
		suite = $0
		sub(/^(not )?ok - /, "", suite)
		sub(/:.*/, "", suite)
		kind = suite ~ /^(build|stage|style|sparse|layering|abi|module|boot|program)$/ ? "harness" : "test"
		if (/^not ok /) fail[kind]++
		else if (/ # SKIP/) skip[kind]++
		else if (/ # XFAIL/) xfail++
		else pass[kind]++
	}
	END {
		printf "harness: %d passed, %d failed, %d skipped\n", pass["harness"], fail["harness"], skip["harness"]
		printf "expected failures of other components (XFAIL): %d\n", xfail
		printf "%d passed, %d failed, %d skipped\n", pass["test"], fail["test"], skip["test"]
	}' "$1"
}

# scripts/matrix.sh counts its rows' lines the same way.
if [ "${1:-}" = --summarize ]; then
	summarize "$2"
	exit
fi

mkdir -p "$out"
: > "$raw"
start=$SECONDS
stage build builds
stage unit make -s unit
stage fuzz make -s -C tests/unit fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
stage style scripts/style.sh "$CHECKPATCH"
stage sparse sparse_check
stage layering layering_check
stage abi scripts/abi-check.sh kvm-hv.ko "$DISTRO_KVM_HV" "$SYMVERS"
stage qemu qemu_tier
stage l1_linux l1_linux_tier

awk '/^ok / { sub(/^ok /, "ok " ++n " ") }
     /^not ok / { sub(/^not ok /, "not ok " ++n " ") }
     { print }
     END { print "1.." n }' "$raw" > "$top/build/check.tap"
echo "make check: $((SECONDS - start))s, TAP in build/check.tap"
summarize "$raw" | tee "$top/build/check.summary"
! grep -q '^not ok ' "$raw"
