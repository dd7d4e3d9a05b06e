#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The calls between the module's own files, from the code: one line
# "caller.c callee.c" per pair, found with ctags (where each function is
# defined) and cscope (what each function calls). Exits 1, naming the
# files, when the calls go round in a circle.
#
# usage: callgraph.sh
set -euo pipefail

cd "$(dirname "$0")/.."
# The module's own C files are the top-level ones.
srcs=$(ls -- *.c)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck disable=SC2086
ctags -x --c-kinds=f $srcs | awk '{ print $1, $4 }' | sort -u > "$tmp/defs"
# One cscope database per file: with several, cscope can mix up the
# bodies of functions of different files.
for f in $srcs; do
	cscope -b -k -f "$tmp/cscope.out" -I include "$f"
	awk -v f="$f" '$2 == f { print $1 }' "$tmp/defs" | while read -r fn; do
		cscope -d -L -2 "$fn" -f "$tmp/cscope.out" |
			awk -v f="$f" '{ print f, $2 }'
	done
done | sort -u > "$tmp/calls"
# callee name -> the file defining it; calls within one file are left out
awk 'NR == FNR { def[$1] = $2; next }
     ($2 in def) && def[$2] != $1 { print $1, def[$2] }' \
	"$tmp/defs" "$tmp/calls" | sort -u | tee "$tmp/edges"
if ! tsort "$tmp/edges" > /dev/null 2> "$tmp/loop"; then
	echo "callgraph: the files call each other in a circle:" >&2
	cat "$tmp/loop" >&2
	exit 1
fi
