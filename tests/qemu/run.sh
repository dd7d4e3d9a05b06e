#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the Debian ppc64el kernel under QEMU TCG as an emulated POWER host
# with papr-kvm's kvm-hv.ko and the selftests in an initramfs.
#
#   run.sh check MACHINE   run every selftest; print TAP lines tagged with
#                          MACHINE (pseries or powernv9) on stdout
#   run.sh demo            narrated run on pseries for `make run`
#   run.sh bench MACHINE   the benchmarks: "<machine>: <name>: <value> <unit>"
#
# The selftests' TAP arrives on a virtio port of its own ("results"); the
# console is the kernel log, scanned for Oops, BUG and WARNING and printed
# whole when the boot fails. Needs VMLINUX, MODDIR, BUSYBOX, KVM_HV_KO and
# SELFTESTS in the environment (the Makefile passes them).
set -uo pipefail

mode=$1
machine=${2:-pseries}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/qemu/$machine
timeout=${QEMU_TIMEOUT:-600}
cmdline="console=hvc0 panic=-1 oops=panic panic_on_warn=1 slub_debug=FZPU slab_nomerge kfence.sample_interval=1 pkvm_mode=$mode"

# Taint bits allowed: O (out-of-tree module, 4096) and E (unsigned, 8192).
allowed_taint=$((4096 | 8192))

die() { echo "qemu: $*" >&2; exit 1; }

for v in VMLINUX MODDIR BUSYBOX KVM_HV_KO SELFTESTS; do
	[ -n "${!v:-}" ] || die "$v is not set"
done

build_initramfs() {
	local root=$out/initramfs

	rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,selftests,lib/modules/distro}
	cp "$BUSYBOX" "$root/bin/busybox"
	cp "$top/tests/qemu/init" "$root/init"
	xz -dc "$MODDIR/kernel/arch/powerpc/kvm/kvm.ko.xz" > "$root/lib/modules/kvm.ko"
	xz -dc "$MODDIR/kernel/arch/powerpc/kvm/kvm-hv.ko.xz" > "$root/lib/modules/distro/kvm-hv.ko"
	cp "$KVM_HV_KO" "$root/lib/modules/kvm-hv.ko"
	find "$SELFTESTS" -maxdepth 1 -type f -perm -u+x ! -name '*.guest.*' \
		-exec cp {} "$root/selftests/" \;
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out/initramfs.cpio.gz"
}

machine_args() {
	case $1 in
	pseries) echo "-M pseries,cap-nested-hv=on,x-vof=on -cpu POWER9" ;;
	powernv9) echo "-M powernv9" ;;
	*) die "unknown machine $1" ;;
	esac
}

# Boot once; the console goes to $out/console.log, TAP to $out/results.tap.
boot() {
	rm -f "$out/console.log" "$out/results.tap"
	# One emulated host at a time on the machine: a second would only
	# slow both down and make their timeouts meaningless.
	# shellcheck disable=SC2046
	flock "${QEMU_LOCK:-/tmp/papr-kvm-qemu.lock}" \
	timeout --foreground -k 5 "$timeout" qemu-system-ppc64 \
		$(machine_args "$machine") -m 2G -smp 1 \
		-nographic -vga none -nic none -no-reboot \
		-kernel "$VMLINUX" -initrd "$out/initramfs.cpio.gz" \
		-append "$cmdline" \
		-device virtio-serial-pci \
		-chardev file,id=results,path="$out/results.tap" \
		-device virtserialport,chardev=results,name=results \
		< /dev/null > "$out/console.log" 2>&1
}

# TAP line of the harness itself, tagged like the selftests' lines.
verdict() {
	if [ "$1" = 0 ]; then
		echo "ok - qemu: [$machine] $2"
	else
		echo "not ok - qemu: [$machine] $2"
		return 1
	fi
}

tag_results() {
	sed -E "s/^((not )?ok - [^:]+: )/\\1[$machine] /" "$out/results.tap"
}

check() {
	local rc taint failed=0 bad

	mkdir -p "$out"
	build_initramfs
	SECONDS=0
	boot
	rc=$?
	[ -e "$out/results.tap" ] && tag_results

	echo "# $machine: QEMU ran ${SECONDS}s, rc $rc"
	verdict $((rc != 0)) "QEMU exits by itself within the time limit"
	[ "$rc" = 0 ] || failed=1

	grep -q '^# verdict: complete$' "$out/results.tap" 2>/dev/null
	verdict $? "init runs every selftest to the end"
	grep -q '^# verdict: complete$' "$out/results.tap" 2>/dev/null || failed=1

	# WARN() prints "WARNING: CPU: n PID: n at ..."; plain "WARNING:" text
	# also comes from harmless messages (pseries nvram).
	bad=$(grep -E 'Oops|BUG[: ]|WARNING: (CPU:|at )|cut here|Kernel panic|Call Trace|KFENCE' "$out/console.log")
	verdict $([ -z "$bad" ]; echo $?) "kernel log free of Oops, BUG, WARNING and panics"
	[ -z "$bad" ] || failed=1

	taint=$(sed -n 's/^# tainted \([0-9]*\)$/\1/p' "$out/results.tap" 2>/dev/null)
	[ -n "$taint" ] && [ $((taint & ~allowed_taint)) = 0 ]
	verdict $? "taint only out-of-tree and unsigned module" || failed=1
	echo "# $machine: taint ${taint:-unknown}"

	grep -q '^not ok' "$out/results.tap" 2>/dev/null && failed=1
	if [ "$failed" != 0 ]; then
		echo "# ---- kernel log of the failed $machine boot ----"
		sed 's/^/# /' "$out/console.log"
	fi
	return 0
}

demo() {
	mkdir -p "$out"
	echo "[make run] building the emulated host's initramfs"
	build_initramfs
	echo "[make run] booting Debian $(basename "$VMLINUX" | sed 's/^vmlinux-//') on QEMU TCG, $machine POWER9"
	cmdline="$cmdline quiet"
	boot
	local rc=$?

	grep -E '^\[(emulated host|selftest)\]' "$out/console.log" | tr -d '\r'
	if [ "$rc" != 0 ] || ! grep -q '^# verdict: complete$' "$out/results.tap"; then
		echo "[make run] the emulated host failed (rc $rc); its console:"
		cat "$out/console.log"
		return 1
	fi
	if grep -q '^not ok' "$out/results.tap"; then
		echo "[make run] some guest checks failed"
		return 1
	fi
	echo "[make run] guests ran through papr-kvm's kvm-hv inside the emulated POWER9 host"
}

# The benchmarks of one boot, as "<machine>: <name>: <value> <unit>" lines.
bench() {
	mkdir -p "$out"
	build_initramfs
	boot
	if ! grep -q '^ok - bench' "$out/results.tap"; then
		echo "bench: the $machine boot failed; its console:" >&2
		cat "$out/console.log" >&2
		return 1
	fi
	grep -E '^[a-z0-9_]+: [0-9.]+ ' "$out/results.tap" | sed "s/^/$machine: /"
}

case $mode in
check) check ;;
demo) demo ;;
bench) bench ;;
*) die "usage: $0 check MACHINE | demo | bench MACHINE" ;;
esac
