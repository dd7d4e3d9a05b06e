#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-fuzz.sh FUZZER SEED_CORPUS SECONDS WORKDIR
#
# Fuzz for a bounded time on a copy of the seed corpus (the repository's
# seeds are never modified), then print one verdict line with the number
# of executions and of crashes (any artifact libFuzzer left, or a non-zero
# exit).

fuzzer=$1 seeds=$2 seconds=$3 work=$4

rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/"

"$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
	-rss_limit_mb=2048 -max_len=8192 \
	-artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1
rc=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
crashes=$(find "$work/artifacts" -type f | wc -l)
if [ $rc -ne 0 ] && [ "$crashes" -eq 0 ]; then
	crashes=1
fi
# A run that executed nothing tested nothing.
if [ "${execs:-0}" -eq 0 ]; then
	echo "not ok - gsb: fuzz parser $seconds s: no execution"
	tail -20 "$work/log" | sed 's/^/# /'
	exit 1
fi
if [ "$crashes" -eq 0 ]; then
	echo "ok - gsb: fuzz parser $seconds s, ${execs:-0} executions, 0 crashes"
	exit 0
fi
echo "not ok - gsb: fuzz parser $seconds s, ${execs:-0} executions, $crashes crashes"
grep -m1 -A20 'ERROR\|SUMMARY\|deadly' "$work/log" | sed 's/^/# /'
for a in "$work"/artifacts/*; do
	[ -f "$a" ] && echo "# artifact: $a"
done
exit 1
