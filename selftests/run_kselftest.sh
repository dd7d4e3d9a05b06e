#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run an installed kselftest tree the way the kernel's run_kselftest.sh
# does, with its options and output: KTAP with one line per program,
# each program's own KTAP indented by "# " above it; exit code 4 (KSFT_SKIP)
# is a skip, 124 a timeout, anything but 0 a failure. Each program runs in
# its collection's directory, limited by the "timeout=" of its settings
# file. Needs only a POSIX shell, date(1) and timeout(1) (coreutils or
# busybox).
#
#   run_kselftest.sh [-t collection:program]... [-c collection]...
#                    [-o seconds] [-l] [-h]
#
# Exits 1 when a program failed, 0 otherwise.

usage() {
	cat <<-EOS
	usage: $0 [-t collection:program]... [-c collection]... [-o seconds] [-l] [-h]
	  -t  run this program only (repeatable)
	  -c  run this collection only (repeatable)
	  -o  override every program's timeout, in seconds
	  -l  list the programs, one "collection:program" per line
	EOS
}

base=$(cd "$(dirname "$0")" && pwd)
list=$base/kselftest-list.txt
tests=
override=

while getopts "t:c:o:lh" opt; do
	case $opt in
	t) tests="$tests $OPTARG" ;;
	c) tests="$tests $(grep "^$OPTARG:" "$list" | tr '\n' ' ')" ;;
	o) override=$OPTARG ;;
	l) cat "$list"; exit 0 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
[ -n "$tests" ] || tests=$(cat "$list")

# The timeout of a collection: its settings file's, or kselftest's 45 s.
program_timeout() {
	[ -n "$override" ] && echo "$override" && return
	seconds=$(sed -n 's/^timeout=//p' "$base/$1/settings" 2>/dev/null)
	echo "${seconds:-45}"
}

# Program $2 of collection $1, its output indented; its exit code in $rcfile.
run_indented() {
	{ (cd "$base/$1" && timeout "$(program_timeout "$1")" "./$2" 2>&1)
	  echo $? > "$rcfile"; } |
	while IFS= read -r line; do
		echo "# $line"
	done
}

rcfile=$(mktemp) || exit 1
trap 'rm -f "$rcfile"' EXIT
n=0
failed=0
echo "TAP version 13"
# shellcheck disable=SC2086 # one word per program
set -- $tests
echo "1..$#"
for t in "$@"; do
	collection=${t%%:*}
	program=${t#*:}
	n=$((n + 1))
	header="selftests: $collection: $program"
	if ! grep -qx "$t" "$list" || [ ! -x "$base/$collection/$program" ]; then
		echo "not ok $n $header # not installed"
		failed=1
		continue
	fi
	echo "# timeout set to $(program_timeout "$collection")"
	echo "# $header"
	start=$(date +%s)
	run_indented "$collection" "$program"
	rc=$(cat "$rcfile")
	# busybox's timeout(1) leaves the killed program's status, not 124.
	[ "$rc" != 0 ] && [ $(($(date +%s) - start)) -ge "$(program_timeout "$collection")" ] &&
		rc=124
	case $rc in
	0) echo "ok $n $header" ;;
	4) echo "ok $n $header # SKIP" ;;
	124) echo "not ok $n $header # TIMEOUT $(program_timeout "$collection") seconds"
	     failed=1 ;;
	*) echo "not ok $n $header # exit=$rc"
	   failed=1 ;;
	esac
done
exit "$failed"
