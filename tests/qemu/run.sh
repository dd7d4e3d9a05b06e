#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the Debian ppc64el kernel under QEMU TCG as an emulated POWER host
# with papr-kvm's kvm-hv.ko and the selftests in an initramfs.
#
#   run.sh check MACHINE   run every selftest; print TAP lines tagged with
#                          MACHINE (pseries, powernv9 or powernv10) on stdout
#   run.sh demo            narrated run of the selftests on pseries
#   run.sh l1_linux MACHINE suite l1_linux: a stock Linux L1 under stock
#                          QEMU -accel kvm inside the emulated host (MACHINE
#                          powernv9 or pseries) runs its L2s through papr-kvm;
#                          MACHINE qemu-l0 boots the same L1 directly under
#                          QEMU's emulated v2 L0 instead (the differential)
#   run.sh nested-demo     narrated l1_linux run on powernv9, for `make run`
#   run.sh bench MACHINE   the benchmarks: "<machine>: <name>: <value> <unit>"
#   run.sh l1_bench MACHINE the Linux L2 through the stock L1, v2 against v1
#                          in one boot: each figure with its v2/v1 ratio
#
# The selftests' TAP arrives on a virtio port of its own ("results"); the
# console is the kernel log, scanned for Oops, BUG and WARNING and printed
# whole when the boot fails. Needs VMLINUX, MODDIR, BUSYBOX, KVM_HV_KO and
# SELFTESTS in the environment (the Makefile passes them), and for l1_linux
# QEMU_PPC64EL, the ppc64el QEMU tree of scripts/setup.sh.
set -uo pipefail

mode=$1
machine=${2:-pseries}
[ "$mode" = nested-demo ] && machine=powernv9
# A row of make check-matrix (PKVM_ROW, e.g. 6.12-64k) is named in every
# line with the machine, and boots in a directory of its own.
row=${PKVM_ROW:-}
tag=${row:+$row }$machine
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/qemu/${row:+$row-}$machine
case $mode in
l1_linux|nested-demo) out=$top/build/qemu/l1_linux/${row:+$row-}$machine ;;
l1_bench) out=$top/build/qemu/l1_linux/bench-$machine ;;
esac
timeout=${QEMU_TIMEOUT:-600}
cmdline="console=hvc0 panic=-1 oops=panic panic_on_warn=1 slub_debug=FZPU slab_nomerge kfence.sample_interval=1 pkvm_mode=$mode"
# The selftests' host panics at a soft lockup or a task hung for 20 s
# (init sets the time): a hostile L1 must cause neither.
[ "$mode" = check ] && cmdline="$cmdline softlockup_panic=1 hung_task_panic=1"
# make fuzz-l1: one selftest (SELFTEST_ONLY), papr_fuzz's length and seed.
if [ -n "${FUZZ_SECONDS:-}" ]; then
	cmdline="$cmdline pkvm_fuzz_seconds=$FUZZ_SECONDS"
	timeout=$((timeout + FUZZ_SECONDS))
fi
[ -n "${FUZZ_SEED:-}" ] && cmdline="$cmdline pkvm_fuzz_seed=$FUZZ_SEED"
[ -n "${SELFTEST_ONLY:-}" ] && cmdline="$cmdline pkvm_only=$SELFTEST_ONLY"

# Taint bits allowed: O (out-of-tree module, 4096) and E (unsigned, 8192).
allowed_taint=$((4096 | 8192))

die() { echo "qemu: $*" >&2; exit 1; }

for v in VMLINUX MODDIR BUSYBOX KVM_HV_KO SELFTESTS; do
	[ -n "${!v:-}" ] || die "$v is not set"
done

build_initramfs() {
	local root=$out/initramfs

	rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/modules/distro,l1_linux}
	cp "$BUSYBOX" "$root/bin/busybox"
	cp "$top/tests/qemu/init" "$root/init"
	cp "$top/tests/qemu/l1_linux/host" "$root/l1_linux/host"
	xz -dc "$MODDIR/kernel/arch/powerpc/kvm/kvm.ko.xz" > "$root/lib/modules/kvm.ko"
	xz -dc "$MODDIR/kernel/arch/powerpc/kvm/kvm-hv.ko.xz" > "$root/lib/modules/distro/kvm-hv.ko"
	copy_image_modules "$root/lib/modules"
	cp "$KVM_HV_KO" "$root/lib/modules/kvm-hv.ko"
	if [ "$mode" = bench ] && [ -n "${KVM_HV_NOTRACE_KO:-}" ]; then
		mkdir -p "$root/lib/modules/notrace"
		cp "$KVM_HV_NOTRACE_KO" "$root/lib/modules/notrace/kvm-hv.ko"
	fi
	cp -a "$SELFTESTS/install" "$root/kselftest"
	pack "$root" "$out/initramfs.cpio.gz"
}

machine_args() {
	case $1 in
	pseries) echo "-M pseries,cap-nested-hv=on,x-vof=on -cpu POWER9" ;;
	powernv9) echo "-M powernv9" ;;
	powernv10) echo "-M powernv10" ;;
	*) die "unknown machine $1" ;;
	esac
}

# Set by the l1_linux modes: the emulated host's memory, CPUs and extra
# devices.
mem=2G
smp=${QEMU_SMP:-1}
extra_args=()

# The modules the image of suite l1_linux needs at each level: the Debian
# kernel has virtio-blk and squashfs as modules.
copy_image_modules() {
	local m

	for m in drivers/block/virtio_blk fs/squashfs/squashfs; do
		xz -dc "$MODDIR/kernel/$m.ko.xz" > "$1/${m##*/}.ko"
	done
}

# Modules $2... of the Debian kernel and what they depend on, into $1, with
# $1/load.list naming them in an order insmod can take (no modules.dep:
# the image is unpacked, not installed).
copy_modules_with_deps() {
	local dest=$1 m path dep
	shift

	for m in "$@"; do
		grep -qx "$m" "$dest/load.list" 2>/dev/null && continue
		path=$(find "$MODDIR/kernel" -name "$m.ko.xz" -o -name "${m//_/-}.ko.xz" | head -1)
		[ -n "$path" ] || die "module $m is not in $MODDIR"
		for dep in $(modinfo -F depends "$path" | tr ',' ' '); do
			copy_modules_with_deps "$dest" "$dep"
		done
		xz -dc "$path" > "$dest/$m.ko"
		echo "$m" >> "$dest/load.list"
	done
}

# The Linux L2's disks, in $1: an ext2 filesystem whose files (a 16 MiB
# one among them) are listed with their SHA-256 in its SHA256SUMS, for
# virtio-blk, and a raw 4 MiB disk for spapr-vscsi with its SHA-256
# beside it. Two of the files are also in www/, which the L1 serves to
# the L2 over the network, with a 3-byte one for request round trips.
build_l2_disks() {
	local tree=$out/../l2-disk

	rm -rf "$tree" && mkdir -p "$tree/dir"
	head -c 16M /dev/urandom > "$tree/blob16m"
	head -c 300K /dev/urandom > "$tree/dir/small"
	uname -a > "$tree/dir/text"
	(cd "$tree" && sha256sum blob16m dir/small dir/text > SHA256SUMS)
	mkdir -p "$1/www/dir"
	cp "$tree/blob16m" "$1/www/"
	cp "$tree/dir/small" "$1/www/dir/"
	echo ok > "$1/www/rtt"
	mke2fs -q -t ext2 -b 4096 -L papr-kvm-l2 -d "$tree" "$1/disk.img" 24M ||
		die "mke2fs failed"
	head -c 4M /dev/urandom > "$1/vscsi.img"
	sha256sum < "$1/vscsi.img" | cut -d' ' -f1 > "$1/vscsi.sha256"
}

# One initramfs: the tree at $1, written to $2.
pack() {
	(cd "$1" && find . | cpio -o -H newc --quiet | gzip -1) > "$2"
}

# The image of suite l1_linux, one squashfs for every level: the emulated
# host and the L1 both mount it from their first virtio disk. It holds the
# ppc64el QEMU tree of scripts/setup.sh with a wrapper that names its
# loader and libraries, the kernel, and the L1's and the Linux L2's
# initramfs. Uncompressed: under TCG, reading blocks is cheaper than
# decompressing them, and only the pages QEMU and the kernel touch are read
# (an initramfs of the same content is unpacked whole at every boot).
build_l1_image() {
	local stage=$out/../image l1=$out/../l1-root l2=$out/../l2-root

	[ -n "${QEMU_PPC64EL:-}" ] && [ -x "$QEMU_PPC64EL/usr/bin/qemu-system-ppc64" ] ||
		die "QEMU_PPC64EL does not name the ppc64el QEMU tree (scripts/setup.sh)"
	rm -rf "$stage" "$l1" "$l2"
	mkdir -p "$stage/qemu/bin" "$l1"/{bin,dev,proc,sys,tmp,selftests,lib/modules} \
		"$l2"/{bin,dev,proc,sys}
	cp -a "$QEMU_PPC64EL/." "$stage/qemu/"
	cat > "$stage/qemu/bin/qemu-system-ppc64" <<-'EOS'
	#!/bin/sh
	# qemu-system-ppc64 run from this tree: its loader, libraries, firmware.
	d=${0%/bin/*}
	exec "$d/lib64/ld64.so.2" --library-path "$d/lib/powerpc64le-linux-gnu" \
		"$d/usr/bin/qemu-system-ppc64" -L "$d/usr/share/qemu" "$@"
	EOS
	chmod +x "$stage/qemu/bin/qemu-system-ppc64"
	cp "$VMLINUX" "$stage/vmlinux"

	# The L1: the stock kvm.ko and kvm-hv.ko, and the tiny L2 (smoke).
	cp "$BUSYBOX" "$l1/bin/busybox"
	cp "$top/tests/qemu/l1_linux/l1-init" "$l1/init"
	xz -dc "$MODDIR/kernel/arch/powerpc/kvm/kvm.ko.xz" > "$l1/lib/modules/kvm.ko"
	xz -dc "$MODDIR/kernel/arch/powerpc/kvm/kvm-hv.ko.xz" > "$l1/lib/modules/kvm-hv.ko"
	copy_image_modules "$l1/lib/modules"
	copy_modules_with_deps "$l1/lib/modules" tun
	cp "$SELFTESTS/smoke" "$l1/selftests/"
	pack "$l1" "$stage/l1.cpio.gz"

	# The Linux L2: busybox, its drivers, and the init that checks its
	# devices, prints the marker and powers off.
	mkdir -p "$l2/lib/modules"
	cp "$BUSYBOX" "$l2/bin/busybox"
	cp "$top/tests/qemu/l1_linux/l2-init" "$l2/init"
	copy_modules_with_deps "$l2/lib/modules" virtio_blk crc32c_generic ext4 \
		virtio_net ibmveth ibmvscsi sd_mod
	pack "$l2" "$stage/l2.cpio.gz"
	build_l2_disks "$stage"

	mksquashfs "$stage" "$out/../image.squashfs" -noappend -quiet -all-root \
		-no-xattrs -noI -noD -noF -noX > /dev/null || die "mksquashfs failed"
}

# The kernel symbol at or below each address of $@ (16 hex digits), from
# the symbol table of the unstripped vmlinux (Debian's System.map is a
# placeholder).
symbolize() {
	nm -n "$VMLINUX" 2>/dev/null | awk -v list="$*" '
		BEGIN { n = split(list, a, " ") }
		length($1) == 16 { for (i = 1; i <= n; i++) if ($1 <= a[i]) s[i] = $3 }
		END { for (i = 1; i <= n; i++) print a[i], s[i] }'
}

# Just before the time limit, the emulated host's registers, from QEMU's
# monitor: where a hung host spins, its NIP and LR as kernel symbols
# (addresses in modules stay unnamed). On pseries, while QEMU runs one of
# the host's guests, they are that guest's; the L1 and L2 run the same
# kernel, so they are named as if they were the host's.
hang_watch() {
	local regs t=0

	while [ "$t" -lt $((timeout - 20)) ]; do
		sleep 5
		t=$((t + 5))
		[ -p "$out/hmp.in" ] || return 0
	done
	timeout 5 sh -c "echo 'info registers' > '$out/hmp.in'" || return 0
	sleep 2
	# Without the monitor's banner and the echo of the command typed.
	regs=$(tr -d '\r' < "$out/hmp.log" | grep -v -e '^QEMU ' -e '^(qemu)')
	echo "# emulated host still running after $((timeout - 20))s; its registers:" > "$out/hang.txt"
	echo "$regs" | head -12 | sed 's/^/# /' >> "$out/hang.txt"
	symbolize $(echo "$regs" | grep -o -E '(NIP|LR) +[0-9a-f]{16}' | awk '{ print $2 }') |
		sed 's/^/# at /' >> "$out/hang.txt"
}

# Boot once; the console goes to $out/console.log, TAP to $out/results.tap.
boot() {
	local watch rc

	rm -f "$out/console.log" "$out/results.tap" "$out/hang.txt" "$out/hmp."*
	mkfifo "$out/hmp.in" "$out/hmp.out"
	cat "$out/hmp.out" > "$out/hmp.log" 2>/dev/null &
	hang_watch < /dev/null > /dev/null 2>&1 &
	watch=$!
	# One emulated host at a time on the machine: a second would only
	# slow both down and make their timeouts meaningless.
	# shellcheck disable=SC2046
	flock "${QEMU_LOCK:-/tmp/papr-kvm-qemu.lock}" \
	timeout --foreground -k 5 "$timeout" qemu-system-ppc64 \
		$(machine_args "$machine") -m "$mem" -smp "$smp" \
		-nographic -vga none -nic none -no-reboot \
		-kernel "$VMLINUX" -initrd "$out/initramfs.cpio.gz" \
		-append "$cmdline" "${extra_args[@]}" \
		-device virtio-serial-pci \
		-chardev file,id=results,path="$out/results.tap" \
		-device virtserialport,chardev=results,name=results \
		-chardev pipe,id=hmp,path="$out/hmp" -mon chardev=hmp,mode=readline \
		< /dev/null > "$out/console.log" 2>&1
	rc=$?
	# The watcher sees the FIFO gone; a QEMU that never started leaves
	# the reader of its output waiting for a writer: be it.
	timeout 2 sh -c ": > '$out/hmp.out'" 2>/dev/null
	rm -f "$out/hmp.in" "$out/hmp.out"
	wait "$watch"
	[ -s "$out/hang.txt" ] && cat "$out/hang.txt" >> "$out/console.log"
	return $rc
}

# The suite of this boot's lines: qemu, or l1_linux, under which that
# mode also files every line of the boot.
suite=qemu

# A line of the harness about the boot: $1 its suite (boot: QEMU and init
# ran as they should; host: the emulated host's kernel stayed clean), $2 0
# for ok, $3 what it says.
verdict() {
	local what=$3

	[ "$suite" = l1_linux ] && what="l1_linux: $what"
	if [ "$2" = 0 ]; then
		echo "ok - $1: [$tag] $what"
	else
		echo "not ok - $1: [$tag] $what"
		return 1
	fi
}

# The boot's results, the kselftest runner's KTAP flattened, each line
# tagged with the machine.
tag_results() {
	awk -f "$top/tests/qemu/ktap-flat.awk" "$out/results.tap" |
	if [ "$suite" = l1_linux ]; then
		sed -E -e "s/^((not )?ok - )(module|program|boot): /\1\3: [$tag] /" -e "t" \
			-e "s/^((not )?ok - |# )l1_linux: /\1l1_linux: [$tag] /" \
			-e "t" -e "s/^((not )?ok - )/\1l1_linux: [$tag] /"
	else
		sed -E "s/^((not )?ok - [^:]+: )/\1[$tag] /"
	fi
}

check() {
	local rc taint failed=0 bad

	mkdir -p "$out"
	build_initramfs
	SECONDS=0
	boot
	rc=$?
	[ -e "$out/results.tap" ] && tag_results

	echo "# $tag: QEMU ran ${SECONDS}s, rc $rc"
	verdict boot $((rc != 0)) "QEMU exits by itself within the time limit"
	[ "$rc" = 0 ] || failed=1

	grep -q '^# verdict: complete$' "$out/results.tap" 2>/dev/null
	verdict boot $? "init runs every selftest to the end"
	grep -q '^# verdict: complete$' "$out/results.tap" 2>/dev/null || failed=1

	# WARN() prints "WARNING: CPU: n PID: n at ..."; plain "WARNING:" text
	# also comes from harmless messages (pseries nvram).
	bad=$(grep -E 'Oops|BUG[: ]|WARNING: (CPU:|at )|cut here|Kernel panic|Call Trace|KFENCE' "$out/console.log")
	verdict host $([ -z "$bad" ]; echo $?) "kernel log free of Oops, BUG, WARNING and panics"
	[ -z "$bad" ] || failed=1

	taint=$(sed -n 's/^# tainted \([0-9]*\)$/\1/p' "$out/results.tap" 2>/dev/null)
	[ -n "$taint" ] && [ $((taint & ~allowed_taint)) = 0 ]
	verdict host $? "taint only out-of-tree and unsigned module" || failed=1
	echo "# $tag: taint ${taint:-unknown}"

	grep -q '^not ok' "$out/results.tap" 2>/dev/null && failed=1
	if [ "$failed" != 0 ]; then
		echo "# ---- kernel log of the failed $tag boot ----"
		sed 's/^/# /' "$out/console.log"
		failure_digest "$bad"
	fi
	return 0
}

# After a failed boot's long kernel log, what to read first, where a
# summary that keeps only the log's head and tail still shows it: the
# lines that failed the kernel-log check and the hang report.
failure_digest() {
	echo "# ---- digest of the failed $tag boot ----"
	[ -n "$1" ] && echo "$1" | head -n 20 | sed 's/^/# bad: /'
	[ -s "$out/hang.txt" ] && cat "$out/hang.txt"
	grep -h '^not ok' "$out/results.tap" 2>/dev/null | head -n 20 | sed 's/^/# /'
	echo "# ---- end of the digest ----"
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

# Seconds the L1 may run in all, and each L2 inside it, in suite l1_linux.
l1_timeout=${L1_TIMEOUT:-1140}
l2_timeout=${L2_TIMEOUT:-720}

# The emulated host of suite l1_linux: more memory (the L1 has 1G, its L2
# 512M), the image on a virtio disk, and the mode and timeouts for init.
l1_host_setup() {
	local image blk_bus=

	image=$(cd "$out/.." && pwd)/image.squashfs
	# A powernv9 PHB's root port has one slot: the disk gets a PHB of its
	# own, the results port keeps the first.
	case $machine in powernv*) blk_bus=,bus=pcie.1 ;; esac
	mem=3G
	# QEMU's nested HV loses an HDEC that falls due before it reads its
	# timebase, and the CPU then stays in the guest until an interrupt
	# stops it; kvm_hv.hdec_margin_us covers the usual delay, not a vCPU
	# thread that waits long for QEMU's lock. A second CPU turns such a
	# loss into a pause: its next IPI stops the guest. With the margin at
	# 0 the v1 fuzzer hangs a one-CPU host and runs through on two
	# (Documentation/testing.rst, hooks.rst's qemu-hdec-report).
	[ "$machine" = pseries ] && smp=${QEMU_SMP:-2}
	# Two L1 boots: v2, then v1 (nested_v2=0) for the side-by-side figures.
	timeout=$((2 * l1_timeout + 300))
	cmdline="${cmdline/pkvm_mode=$mode/pkvm_mode=$1} pkvm_l1_timeout=$l1_timeout pkvm_l2_timeout=$l2_timeout"
	[ -n "${L1_SAVE:-}" ] && cmdline="$cmdline pkvm_l1_save=$L1_SAVE"
	extra_args=(-drive "file=$image,if=none,id=img,format=raw,readonly=on"
		    -device "virtio-blk-pci,drive=img$blk_bus")
}

l1_linux() {
	suite=l1_linux
	mkdir -p "$out"
	build_l1_image
	if [ "$machine" = qemu-l0 ]; then
		l1_under_qemu_l0
		return 0
	fi
	l1_host_setup l1_linux
	check
}

# Seconds since $1 (date +%s.%N), to a tenth.
since() {
	awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

# The differential: the same L1, image and checks, booted directly on this
# machine under QEMU's own emulated v2 L0 (cap-nested-papr, TCG only). The
# L1's TAP is this boot's TAP; its boot is timed here to its init's first
# line.
l1_under_qemu_l0() {
	local dir rc pid t0 booted='' lock=${QEMU_LOCK:-/tmp/papr-kvm-qemu.lock}

	dir=$(cd "$out/.." && pwd)
	rm -f "$out/console.log"
	: > "$out/results.tap"
	exec 9> "$lock"
	flock 9
	t0=$(date +%s.%N)
	timeout --foreground -k 5 "$l1_timeout" qemu-system-ppc64 \
		-M pseries,cap-nested-papr=on,x-vof=on -cpu POWER9 -m 1G -smp 1 \
		-nographic -vga none -nic none -no-reboot \
		-kernel "$VMLINUX" -initrd "$dir/image/l1.cpio.gz" \
		-append "console=hvc0 quiet panic=-1 oops=panic panic_on_warn=1 pkvm_l0=qemu pkvm_l2_timeout=$l2_timeout" \
		-drive "file=$dir/image.squashfs,if=none,id=img,format=raw,readonly=on" \
		-device virtio-blk-pci,drive=img \
		-device virtio-serial-pci \
		-chardev file,id=results,path="$out/results.tap" \
		-device virtserialport,chardev=results,name=results \
		< /dev/null > "$out/console.log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if [ -z "$booted" ] && grep -q '^# l1: init started' "$out/results.tap"; then
			booted=$(since "$t0")
		fi
		sleep 0.2
	done
	wait "$pid"
	rc=$?
	exec 9>&-
	tag_results | grep -v '^# l1: '
	echo "# l1_linux: [$tag] L1 boot ${booted:-?}s (QEMU start to the L1's init)"
	echo "# l1_linux: [$tag] the L1 ran $(since "$t0")s, QEMU rc $rc"
	verdict boot "$([ -n "$booted" ]; echo $?)" "the L1 boots to its init under QEMU's v2 L0"
	verdict boot $((rc != 0)) "the L1 powers off by itself within ${l1_timeout}s"
	grep -q '^# l1: verdict complete' "$out/results.tap"
	verdict boot $? "the L1's init runs to the end"
	grep '^# l1: tainted' "$out/results.tap" | sed "s/^# l1: /# $tag: L1 /"
	if [ "$rc" != 0 ] || grep -q '^not ok' "$out/results.tap" ||
	   ! grep -q '^# l1: verdict complete' "$out/results.tap"; then
		echo "# ---- console of the failed L1 boot ----"
		tr -d '\r' < "$out/console.log" | sed 's/^/# /'
	fi
}

# make run: the l1_linux boot on powernv9, narrated.
nested_demo() {
	local rc pid

	suite=l1_linux
	mkdir -p "$out"
	echo "[make run] building the emulated host's initramfs and the image with QEMU and the L1"
	build_initramfs
	build_l1_image
	l1_host_setup nested_demo
	cmdline="$cmdline quiet"
	echo "[make run] booting Debian $(basename "$VMLINUX" | sed 's/^vmlinux-//') on QEMU TCG as an emulated POWER9 host (powernv9)"
	# The progress lines as the emulated host prints them.
	rm -f "$out/console.log"
	boot &
	pid=$!
	tail -n +1 -F --pid="$pid" "$out/console.log" 2>/dev/null |
		grep --line-buffered -E '^\[(emulated host|L1|L2)\]' | sed -u 's/\r$//'
	wait "$pid"
	rc=$?
	grep -E '^# l1_linux: .*[0-9]s\b|^# l1_linux: .*round trip' "$out/results.tap" |
		sed 's/^# l1_linux: /[timing] /'
	if grep -q '^\[L2\] PAPR-KVM-L2-MARKER' "$out/console.log"; then
		echo "[make run] a Linux L2 ran through a stock Linux L1 in nestedv2 mode on papr-kvm"
		return 0
	fi
	echo "[make run] the Linux L2 did not run (emulated host QEMU rc $rc); what failed:"
	grep -E '^not ok|^# (Linux L2:|l1_linux: the L0 )' "$out/results.tap" | awk '!seen[$0]++' | head -30
	echo "[make run] whole TAP in $out/results.tap, consoles in $out/console.log"
	return 1
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
	# The best of each variant: the noise of TCG only ever adds time.
	awk -v m="$machine" '
		/^(traced|notrace): papr_v2_hcall_round_trip: / {
			v = $3 + 0
			if (!($1 in best) || v < best[$1]) best[$1] = v
		}
		END {
			if (!("traced:" in best) || !("notrace:" in best)) exit
			printf "%s: papr_v2_hcall_round_trip_events_compiled_in: %.2f us\n", m, best["traced:"]
			printf "%s: papr_v2_hcall_round_trip_events_compiled_out: %.2f us\n", m, best["notrace:"]
			printf "%s: trace_events_disabled_vs_compiled_out: %.3f x\n", m, best["traced:"] / best["notrace:"]
		}' "$out/results.tap"
}

# The figures of suite l1_linux, run with pkvm_bench=1 (an extra L2 of one
# vCPU), as a table: each with its v2 and v1 values and their ratio, which
# is better below 1 for times and above 1 for rates.
l1_bench() {
	suite=l1_linux
	mkdir -p "$out"
	build_l1_image
	l1_host_setup l1_linux
	cmdline="$cmdline pkvm_bench=1"
	build_initramfs
	boot
	if ! grep -q '^# l1_linux: bench: ' "$out/results.tap"; then
		echo "l1_bench: the $machine boot gave no figures; its console:" >&2
		tail -n 80 "$out/console.log" >&2
		return 1
	fi
	awk -v m="$machine" '
		/^# l1_linux: v1: bench: / { v1[$5] = $6; unit[$5] = $7; next }
		/^# l1_linux: bench: / { v2[$4] = $5; unit[$4] = $6; if (!($4 in seen)) { seen[$4] = 1; order[n++] = $4 } }
		END {
			printf "%s: %-26s %10s %10s %7s  %s\n", m, "figure", "v2", "v1", "v2/v1", "better"
			for (i = 0; i < n; i++) {
				f = order[i]
				better = unit[f] ~ /\/s$/ ? "above 1" : "below 1"
				ratio = (f in v1) && v1[f] > 0 ? sprintf("%.2f", v2[f] / v1[f]) : "-"
				printf "%s: %-26s %10s %10s %7s  %s (%s)\n", m, f, v2[f], (f in v1) ? v1[f] : "-", ratio, better, unit[f]
			}
		}' "$out/results.tap"
}

case $mode in
check) check ;;
l1_bench) l1_bench ;;
demo) demo ;;
bench) bench ;;
l1_linux) l1_linux ;;
nested-demo) nested_demo ;;
*) die "usage: $0 check MACHINE | demo | bench MACHINE | l1_bench MACHINE | l1_linux MACHINE | nested-demo" ;;
esac
