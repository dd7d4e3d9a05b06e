#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare a Debian 12 x86_64 machine to build and test papr-kvm:
#  1. host tools from apt (cross compiler, pahole, QEMU 10 from backports, ...);
#  2. the Debian 6.12 powerpc64le kernel set (image, headers, kbuild, source)
#     at one identical Debian version, plus busybox-static:ppc64el, fetched
#     with a private apt configuration and unpacked with dpkg -x;
#  3. qemu-system-ppc64 for ppc64el with the shared libraries it needs and
#     its firmware, for the emulated host to run a Linux L1 (suite l1_linux).
#
# Idempotent: a second run only checks stamps. It writes build/env.mk, which
# the Makefile includes, describing where everything is. With --host-tools,
# only step 1. PAPR_KVM_FLAVOUR=64k takes the powerpc64le-64k image and
# headers of the same version instead, described in build/env-64k.mk.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${PAPR_KVM_CACHE:-/var/cache/papr-kvm}
flavour=${PAPR_KVM_FLAVOUR:-}
case $flavour in
'' | 64k) ;;
*) printf 'setup: error: unknown flavour %s (64k, or none)\n' "$flavour" >&2; exit 1 ;;
esac
# The flavour's suffix of the kernel release and of what is kept apart
fsuffix=${flavour:+-$flavour}
envmk=$top/build/env$fsuffix.mk
mirror=${DEBIAN_MIRROR:-http://deb.debian.org}

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

host_packages=(
	gcc-12-powerpc64le-linux-gnu binutils-powerpc64le-linux-gnu
	libc6-dev-ppc64el-cross pahole libfdt-dev device-tree-compiler
	sparse cpio xz-utils patch kmod file perl python3 ca-certificates
	clang llvm libclang-rt-14-dev valgrind squashfs-tools
	cscope universal-ctags e2fsprogs
)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

add_backports() {
	local list=/etc/apt/sources.list.d/papr-kvm-backports.sources

	grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d && return 0
	say "adding bookworm-backports to $list"
	as_root tee "$list" >/dev/null <<-EOS
	Types: deb
	URIs: $mirror/debian
	Suites: bookworm-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOS
}

qemu_is_new_enough() {
	command -v qemu-system-ppc64 >/dev/null || return 1
	qemu-system-ppc64 --version | head -1 |
		awk '{ split($4, v, "."); exit !(v[1] >= 10) }'
}

install_host_tools() {
	local missing=()
	local p

	for p in "${host_packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ] && qemu_is_new_enough; then
		return 0
	fi
	add_backports
	say "installing host tools: ${missing[*]} qemu-system-ppc"
	export DEBIAN_FRONTEND=noninteractive
	as_root apt-get update -qq || true
	as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	as_root apt-get install -y -qq --no-install-recommends \
		-t bookworm-backports qemu-system-ppc >/dev/null
	qemu_is_new_enough || die "qemu-system-ppc64 10 not installed"
}

# The private apt configuration: ppc64el and amd64 indices of bookworm,
# bookworm-updates, bookworm-security and bookworm-backports, with a state
# of its own so that nothing is ever installed into the host by it.
papt_setup() {
	local d=$cache/apt
	local suite

	mkdir -p "$d"/etc/{sources.list.d,preferences.d,apt.conf.d} \
		"$d"/state/lists/partial "$d"/cache/archives/partial
	touch "$d/state/status"
	: > "$d/etc/sources.list"
	for suite in bookworm bookworm-updates bookworm-backports; do
		echo "deb [arch=amd64,ppc64el signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror/debian $suite main" >> "$d/etc/sources.list"
	done
	echo "deb [arch=amd64,ppc64el signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror/debian-security bookworm-security main" >> "$d/etc/sources.list"
	cat > "$d/apt.conf" <<-EOC
	Dir::Etc "$d/etc";
	Dir::Etc::sourcelist "$d/etc/sources.list";
	Dir::Etc::sourceparts "$d/etc/sources.list.d";
	Dir::Etc::preferencesparts "$d/etc/preferences.d";
	Dir::Etc::parts "$d/etc/apt.conf.d";
	Dir::State "$d/state";
	Dir::State::status "$d/state/status";
	Dir::Cache "$d/cache";
	APT::Architecture "amd64";
	APT::Architectures { "amd64"; "ppc64el"; };
	Acquire::Languages "none";
	APT::Sandbox::User "root";
	EOC
	export APT_CONFIG=$d/apt.conf
}

# An index that fails to download (bookworm-security's ppc64el index has been
# seen with "unexpected size") is tolerated: apt keeps going with the others,
# and the resolver below only needs one suite to hold the whole set.
papt_update() {
	updated=1
	apt-get update -qq 2>"$cache/apt/update.log" ||
		say "some apt indices failed (see $cache/apt/update.log); continuing"
}

version_of() {
	apt-cache madison "$1" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }'
}

has_version() {
	version_of "$1" | grep -qxF "$2"
}

# Print "abi version" of the newest Debian 6.12 powerpc64le kernel for which
# image, headers, headers-common, kbuild and linux-source-6.12 all exist at
# one identical Debian version.
resolve_kernel() {
	local abi ver

	apt-cache pkgnames linux-image-6.12. |
		sed -n 's/^linux-image-\(6\.12\.[0-9]*+deb12\)-powerpc64le$/\1/p' |
	while read -r abi; do
		for ver in $(version_of "linux-image-$abi-powerpc64le:ppc64el"); do
			echo "$abi $ver"
		done
	done | sort -k2,2Vr | while read -r abi ver; do
		has_version "linux-headers-$abi-powerpc64le:ppc64el" "$ver" &&
		has_version "linux-headers-$abi-common" "$ver" &&
		has_version "linux-kbuild-$abi:amd64" "$ver" &&
		has_version "linux-source-6.12" "$ver" &&
		{ echo "$abi $ver"; break; }
	done
}

fetch_unpack() {
	local dest=$1 pkg=$2
	local stamp=$dest/.unpacked-${pkg%%[:=]*}
	local dl=$cache/debs/${pkg%%[:=]*}
	local deb

	[ -e "$stamp" ] && return 0
	rm -rf "$dl" && mkdir -p "$dl" "$dest"
	(cd "$dl" && apt-get download -qq "$pkg") ||
		die "could not download $pkg"
	deb=$(echo "$dl"/*.deb)
	say "unpacking $(basename "$deb")"
	dpkg -x "$deb" "$dest"
	touch "$stamp"
}

# Only the parts of the source tree the build and the checks read.
extract_source() {
	local root=$1 tarball

	[ -e "$root/src/.unpacked" ] && return 0
	tarball=$(ls "$root"/source/usr/src/linux-source-6.12.tar.* | head -1)
	say "extracting KVM sources and checkpatch from $(basename "$tarball")"
	rm -rf "$root/src.tmp" && mkdir -p "$root/src.tmp"
	tar -xf "$tarball" -C "$root/src.tmp" --strip-components=1 \
		--wildcards 'linux-source-6.12/arch/powerpc/kvm' \
		'linux-source-6.12/scripts/checkpatch.pl' \
		'linux-source-6.12/scripts/spelling.txt' \
		'linux-source-6.12/scripts/const_structs.checkpatch' \
		'linux-source-6.12/Documentation/arch/powerpc'
	rm -rf "$root/src" && mv "$root/src.tmp" "$root/src"
	touch "$root/src/.unpacked"
}

# The Debian package that holds the ppc64el qemu-system-ppc64: the host's own
# QEMU version when the archive has it for ppc64el (the emulated host's VMM
# then behaves like the host's), else the newest one there is.
qemu_version() {
	local v

	v=$(dpkg-query -W -f='${Version}' qemu-system-ppc 2>/dev/null)
	if [ -n "$v" ] && has_version qemu-system-ppc:ppc64el "$v"; then
		echo "$v"
		return
	fi
	version_of qemu-system-ppc:ppc64el | sort -Vr | head -1
}

# ELF files under a tree, and the sonames they need that the tree lacks.
missing_sonames() {
	local tree=$1 f so

	find "$tree" -type f | while read -r f; do
		file -b "$f" | grep -q '^ELF' || continue
		powerpc64le-linux-gnu-readelf -d "$f" 2>/dev/null |
			sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
	done | sort -u | while read -r so; do
		[ -e "$tree/lib/powerpc64le-linux-gnu/$so" ] || echo "$so"
	done
}

# The ppc64el packages a package depends on directly, as apt resolves them.
ppc64el_depends() {
	apt-cache depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$1" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}\(Pre-\)\{0,1\}Depends: \([^<>]*:ppc64el\)$/\2/p'
}

# Copy one soname, from whichever unpacked package holds it, into the tree,
# and note that package as one whose dependencies count.
take_soname() {
	local pkgs=$1 tree=$2 so=$3 f pkg

	f=$(find "$pkgs" -path '*/lib/powerpc64le-linux-gnu/*' -name "$so" | head -1)
	[ -n "$f" ] || return 1
	cp -L "$f" "$tree/lib/powerpc64le-linux-gnu/$so"
	pkg=${f#"$pkgs"/}
	used[${pkg%%/*}:ppc64el]=1
}

# qemu-system-ppc64 for ppc64el, its firmware, and exactly the shared
# libraries its NEEDED entries reach, gathered into one tree. Libraries are
# looked for in the direct dependencies of the packages that gave a file to
# the tree, one layer at a time, until every NEEDED soname is found: the set
# follows the archive without a list of names or versions kept here. Each
# package is unpacked apart (never installed); only the files used are kept.
fetch_qemu_ppc64el() {
	local root=$1 qver dir pkgs tree dep p so left grew
	local -A used=() expanded=() fetched=()

	qver=$(qemu_version)
	[ -n "$qver" ] || die "no qemu-system-ppc for ppc64el in the archive"
	dir=$root/qemu-ppc64el-${qver#*:}
	echo "$dir" > "$root/qemu-ppc64el.dir"
	[ -e "$dir/.complete" ] && return 0
	say "qemu-system-ppc64 $qver for ppc64el and its libraries"
	pkgs=$dir/pkgs tree=$dir/tree
	rm -rf "$tree" && mkdir -p "$pkgs" "$tree"/{usr/bin,lib64,lib/powerpc64le-linux-gnu,usr/share/qemu}
	fetch_unpack "$pkgs/qemu-system-ppc" "qemu-system-ppc:ppc64el=$qver"
	fetch_unpack "$pkgs/qemu-system-data" "qemu-system-data=$qver"
	cp "$pkgs/qemu-system-ppc/usr/bin/qemu-system-ppc64" "$tree/usr/bin/"
	# VOF is the firmware of pseries with x-vof=on; SLOF its default.
	cp "$pkgs/qemu-system-data/usr/share/qemu/"{vof.bin,slof.bin} "$tree/usr/share/qemu/"
	used[qemu-system-ppc:ppc64el]=1
	fetched[qemu-system-ppc:ppc64el]=1
	while :; do
		left=
		for so in $(missing_sonames "$tree"); do
			take_soname "$pkgs" "$tree" "$so" || left+=" $so"
		done
		if [ -z "$left" ]; then
			[ -z "$(missing_sonames "$tree")" ] && break
			continue
		fi
		grew=
		for p in "${!used[@]}"; do
			[ -n "${expanded[$p]:-}" ] && continue
			expanded[$p]=1
			for dep in $(ppc64el_depends "$p"); do
				[ -n "${fetched[$dep]:-}" ] && continue
				fetched[$dep]=1 grew=1
				fetch_unpack "$pkgs/${dep%:*}" "$dep"
			done
		done
		[ -n "$grew" ] || die "no package holds:$left"
	done
	# The dynamic loader, where PT_INTERP names it.
	cp -L "$(find "$pkgs" -path '*/lib/powerpc64le-linux-gnu/ld64.so.2' | head -1)" \
		"$tree/lib64/ld64.so.2"
	say "qemu-system-ppc64 for ppc64el: $(find "$tree/lib" -type f | wc -l) libraries from ${#used[@]} of ${#fetched[@]} packages fetched"
	touch "$dir/.complete"
}

fetch_kernel_set() {
	local abi ver root updated=

	papt_setup
	if [ -n "${PAPR_KVM_KVER:-}" ]; then
		read -r abi ver <<< "$PAPR_KVM_KVER"
	elif [ -e "$cache/resolved" ] && [ "${PAPR_KVM_REFRESH:-0}" != 1 ]; then
		read -r abi ver < "$cache/resolved"
	else
		papt_update
		read -r abi ver < <(resolve_kernel) ||
			die "no Debian 6.12 powerpc64le kernel with image, headers, kbuild and source at one version"
		echo "$abi $ver" > "$cache/resolved"
	fi
	say "kernel $abi-powerpc64le, Debian version $ver"
	root=$cache/$ver
	[ -e "$root/.complete" ] || [ -n "$updated" ] || papt_update
	fetch_unpack "$root/image$fsuffix" "linux-image-$abi-powerpc64le$fsuffix:ppc64el=$ver"
	fetch_unpack "$root/headers" "linux-headers-$abi-powerpc64le$fsuffix:ppc64el=$ver"
	fetch_unpack "$root/headers" "linux-headers-$abi-common=$ver"
	# kbuild shares the root of the headers: their scripts/ are relative links.
	fetch_unpack "$root/headers" "linux-kbuild-$abi:amd64=$ver"
	fetch_unpack "$root/source" "linux-source-6.12=$ver"
	fetch_unpack "$root/busybox" "busybox-static:ppc64el"
	extract_source "$root"
	touch "$root/.complete"
	if [ ! -e "$(cat "$root/qemu-ppc64el.dir" 2>/dev/null)/.complete" ] &&
	   [ -z "$updated" ]; then
		papt_update
	fi
	fetch_qemu_ppc64el "$root"
	write_env "$abi" "$ver" "$root"
}

write_env() {
	local abi=$1 ver=$2 root=$3
	local krel=$abi-powerpc64le$fsuffix

	mkdir -p "$(dirname "$envmk")"
	cat > "$envmk.tmp" <<-EOM
	# Written by scripts/setup.sh; describes the resolved Debian kernel set.
	DEB_VERSION := $ver
	KERNELRELEASE_DEB := $krel
	DEB_ROOT := $root
	DEB_KDIR := $root/headers/usr/src/linux-headers-$krel
	DEB_KCOMMON := $root/headers/usr/src/linux-headers-$abi-common
	DEB_KSRC := $root/src
	DEB_VMLINUX := $root/image$fsuffix/boot/vmlinux-$krel
	DEB_MODDIR := $root/image$fsuffix/lib/modules/$krel
	DEB_BUSYBOX := $root/busybox/bin/busybox
	DEB_QEMU_PPC64EL := $(cat "$root/qemu-ppc64el.dir")/tree
	EOM
	mv "$envmk.tmp" "$envmk"
}

install_host_tools
# The userspace tier needs the host tools only.
[ "${1:-}" = --host-tools ] && exit 0
fetch_kernel_set
say "ready"
