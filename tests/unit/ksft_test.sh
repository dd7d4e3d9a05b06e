#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ksft_test.sh KSFT_PROG RUNNER FLATTENER
#
# The selftests' own harness: the TAP library's plans, lines and KSFT exit
# codes (through ksft_prog, built on it), the runner
# (selftests/run_kselftest.sh) on an installed tree of such programs: a
# pass, a failure, a skip and a timeout, each reported as kselftest's
# runner reports it; and make check's reading of the runner's output
# (tests/qemu/ktap-flat.awk).

prog=$(cd "$(dirname "$1")" && pwd)/${1##*/} runner=$2 flattener=$3
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT

check() {
	if [ "$1" = 0 ]; then echo "ok - ksft: $2"; else echo "not ok - ksft: $2"; fi
}

# "ksft_prog MODE": exit code $2, and output holding each line of $3...
check_prog() {
	mode=$1 want=$2
	shift 2
	out=$("$prog" "$mode")
	rc=$?
	bad=
	for line; do
		printf '%s\n' "$out" | grep -qxF "$line" || bad="$bad [$line]"
	done
	[ "$rc" = "$want" ] && [ -z "$bad" ]
	check $? "library, $mode: exit $want and the expected lines"
	[ "$rc" = "$want" ] || echo "# exit $rc"
	[ -z "$bad" ] || { echo "# missing:$bad"; printf '%s\n' "$out" | sed 's/^/#   /'; }
}

check_prog pass 0 "TAP version 13" "1..2" "ok 1 first" "ok 2 second" \
	"# Totals: pass:2 fail:0 xfail:0 xpass:0 skip:0 error:0"
check_prog fail 1 "1..2" "ok 1 first" "not ok 2 second" \
	"# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:0 error:0"
check_prog skip 4 "ok 1 first # SKIP not here" "ok 2 second # SKIP not here"
check_prog short 1 "ok 1 first" "# planned 2 tests, reported 1"
check_prog skip-all 4 "TAP version 13" "1..0 # SKIP no /dev/kvm"
check_prog expect 1 "# ==== Test Assertion Failure ====" \
	"#   ksft_prog.c:38: answer == 41" "#   answer = 42" "not ok 2 second"

# An installed tree: one collection, a program per outcome.
mkdir -p "$tree/demo"
cp "$runner" "$tree/run_kselftest.sh"
echo "timeout=2" > "$tree/demo/settings"
for mode in pass fail skip hang; do
	printf '#!/bin/sh\nexec %s %s\n' "$prog" "$mode" > "$tree/demo/$mode"
	chmod +x "$tree/demo/$mode"
	echo "demo:$mode" >> "$tree/kselftest-list.txt"
done
echo "demo:missing" >> "$tree/kselftest-list.txt"

out=$("$tree/run_kselftest.sh")
rc=$?
expect_line() {
	printf '%s\n' "$out" | grep -qxF "$1"
	check $? "runner: $2"
	printf '%s\n' "$out" | grep -qxF "$1" || echo "# no line: $1"
}
expect_line "1..5" "plans one test per listed program"
expect_line "ok 1 selftests: demo: pass" "a program that exits 0 passes"
expect_line "not ok 2 selftests: demo: fail # exit=1" "exit 1 is a failure"
expect_line "ok 3 selftests: demo: skip # SKIP" "exit 4 (KSFT_SKIP) is a skip"
expect_line "not ok 4 selftests: demo: hang # TIMEOUT 2 seconds" "the settings file's timeout ends a hung program"
expect_line "not ok 5 selftests: demo: missing # not installed" "a listed program that is missing fails"
expect_line "# not ok 2 second" "a program's own lines are indented under it"
expect_line "# timeout set to 2" "the timeout is announced"
[ "$rc" = 1 ]
check $? "runner: exits 1 when a program failed"

out=$("$tree/run_kselftest.sh" -t demo:pass -t demo:skip)
rc=$?
expect_line "1..2" "-t selects programs"
expect_line "ok 2 selftests: demo: skip # SKIP" "-t keeps their order"
[ "$rc" = 0 ]
check $? "runner: exits 0 when passes and skips only"

[ "$("$tree/run_kselftest.sh" -l | wc -l)" = 5 ]
check $? "runner: -l lists every program"

# What make check counts from the runner's output.
out=$("$tree/run_kselftest.sh" | awk -f "$flattener")
expect_line "ok - pass: second" "flattened: a program's test is a line of its own"
expect_line "ok - skip: first # SKIP not here" "flattened: a skip stays a skip"
expect_line "not ok - program: fail (exit=1)" "flattened: the program's exit code is a line apart"
expect_line "not ok - hang: reports its 2 planned tests (0 reported)" \
	"flattened: tests planned and not reported fail"
