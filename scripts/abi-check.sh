#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check that kvm-hv.ko fits the kernel it was built for, as the distro's
# kvm-hv.ko does: no symbol that the kernel does not export, the same
# vermagic, and every __versions CRC equal to the kernel's Module.symvers.
#
# usage: abi-check.sh OUR.ko DISTRO.ko[.xz] Module.symvers
# Prints one TAP-style line per check ("ok - abi: ..." / "not ok - ...").
set -uo pipefail

ko=$1 distro=$2 symvers=$3
cross=${CROSS_COMPILE:-powerpc64le-linux-gnu-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

result() {
	local ok=$1 name=$2 why=${3:-}

	if [ "$ok" = 0 ]; then
		echo "ok - abi: $name"
	else
		echo "not ok - abi: $name"
		[ -n "$why" ] && printf '%s\n' "$why" | sed 's/^/# /'
	fi
}

# The module's undefined symbols, less the linker's own (.TOC.), must all
# be exported by the kernel or its in-tree modules: modpost's check, made
# again on the final .ko.
check_undefined() {
	"${cross}nm" -u "$ko" | awk '$2 != ".TOC." { print $2 }' | sort -u > "$tmp/undef"
	awk '{ print $2 }' "$symvers" | sort -u > "$tmp/exported"
	comm -23 "$tmp/undef" "$tmp/exported" > "$tmp/missing"
	result "$([ -s "$tmp/missing" ]; echo $((!$?)))" \
		"no undefined symbols ($(wc -l < "$tmp/undef") imports)" \
		"$(head -20 "$tmp/missing")"
}

check_vermagic() {
	local ours theirs

	ours=$(modinfo -F vermagic "$ko")
	theirs=$(modinfo -F vermagic "$distro")
	[ -n "$ours" ] && [ "$ours" = "$theirs" ]
	result $? "vermagic equals the distro kvm-hv.ko's" \
		"ours: '$ours'"$'\n'"distro: '$theirs'"
}

# __versions is an array of { u64 crc; char name[56]; } in the target's
# byte order (little-endian for ppc64le).
check_crcs() {
	local bad n

	"${cross}objcopy" -O binary --only-section=__versions "$ko" "$tmp/versions"
	od -An -v -tx1 -w64 "$tmp/versions" | awk '
		BEGIN {
			for (c = 32; c < 127; c++)
				chr[sprintf("%02x", c)] = sprintf("%c", c)
		}
		{
			crc = ""
			for (i = 8; i >= 1; i--)
				crc = crc $i
			name = ""
			for (i = 9; i <= 64 && $i != "00"; i++)
				name = name chr[$i]
			printf "%s 0x%s\n", name, substr(crc, 9)
		}' > "$tmp/crcs"
	n=$(wc -l < "$tmp/crcs")
	bad=$(awk 'NR == FNR { want[$2] = $1; next }
		   !($1 in want) || want[$1] != $2 {
			print $1 ": module " $2 ", kernel " (($1 in want) ? want[$1] : "none")
		   }' "$symvers" "$tmp/crcs")
	[ "$n" -gt 0 ] && [ -z "$bad" ]
	result $? "every __versions CRC matches Module.symvers ($n symbols)" \
		"$(printf '%s\n' "$bad" | head -20)"
}

check_undefined
check_vermagic
check_crcs
