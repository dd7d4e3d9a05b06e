#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch --strict over the project's C and the hook patches, one TAP
# line per file.
#
# usage: style.sh CHECKPATCH
set -uo pipefail

checkpatch=$1
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

# What checkpatch cannot know of some files: the userspace shims define the
# kernel's own types and attribute macros (in terms of C's), which it would
# have them use instead; libFuzzer names its entry point in CamelCase; the
# register table's macro uses its argument in offsetof() and sizeof_field(),
# which have no side effects; a trace header's symbol tables for
# __print_symbolic() are brace lists, as in every trace header of the
# kernel, and its TP_* macros are not function calls.
ignore_for() {
	case $1 in
	book3s_hv_papr_regs.c)
		echo --ignore MACRO_ARG_REUSE ;;
	include/trace_papr.h)
		echo --ignore COMPLEX_MACRO,PARENTHESIS_ALIGNMENT,OPEN_ENDED_LINE ;;
	selftests/include/compat.h)
		echo --ignore PREFER_DEFINED_ATTRIBUTE_MACRO ;;
	tests/unit/shim/*)
		echo --ignore PREFER_KERNEL_TYPES,PREFER_DEFINED_ATTRIBUTE_MACRO,COMPLEX_MACRO,CAMELCASE ;;
	tests/fuzz/*)
		echo --ignore CAMELCASE ;;
	esac
}

check_file() {
	local out

	# shellcheck disable=SC2046
	out=$(perl "$checkpatch" --strict --no-tree --quiet $(ignore_for "$1") -f "$1" 2>&1)
	report "$1" "$out"
}

# A patch is read from standard input: given a path inside a git tree,
# checkpatch checks the file as a whole instead of the diff it holds.
check_patch() {
	local out

	out=$(perl "$checkpatch" --strict --no-tree --quiet - < "$1" 2>&1)
	report "$1" "$out"
}

report() {
	if [ -z "$2" ]; then
		echo "ok - style: $1"
	else
		echo "not ok - style: $1"
		printf '%s\n' "$2" | sed 's/^/# /'
	fi
}

[ -r "$checkpatch" ] || { echo "not ok - style: checkpatch.pl at $checkpatch"; exit 0; }
for f in $(git ls-files -co --exclude-standard '*.c' '*.h' | grep -v '^build/'); do
	check_file "$f"
done
for p in $(git ls-files -co --exclude-standard 'patches/*.patch'); do
	check_patch "$p"
done
