#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-bench.sh BENCH ITERS
#
# Instructions per element, counted by callgrind inside bench_run() only,
# for each codec case and its memcpy + byte-swap floor, printed as
# "<name>: <value> <unit>" lines. Not a test: nothing here can fail.

bench=$1 iters=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Ir of one case per element, over ITERS runs minus one run (the cost of
# the loop and the dispatch around the case)
per_element() {
	n=$(valgrind --tool=callgrind --callgrind-out-file="$out" \
		--toggle-collect=bench_run "$bench" "$1" "$iters" 2>/dev/null)
	big=$(sed -n 's/^summary: *//p; s/^totals: *//p' "$out" | head -1)
	valgrind --tool=callgrind --callgrind-out-file="$out" \
		--toggle-collect=bench_run "$bench" "$1" 1 >/dev/null 2>&1
	one=$(sed -n 's/^summary: *//p; s/^totals: *//p' "$out" | head -1)
	echo "$big $one $iters $n" |
		awk '{ printf "%.1f", ($1 - $2) / (($3 - 1) * $4) }'
}

for c in first_run steady_5 hcall_exit; do
	codec=$(per_element ${c}_codec)
	floor=$(per_element ${c}_floor)
	case $c in
	hcall_exit) what=write ;;
	*) what=parse ;;
	esac
	echo "gsb_${what}_${c}: $codec instructions/element"
	echo "gsb_floor_${c}: $floor instructions/element"
	echo "$codec $floor" |
		awk -v n="gsb_${what}_${c}_vs_floor" '{ printf "%s: %.2f x\n", n, $1 / $2 }'
done
