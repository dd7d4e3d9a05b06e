#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-suites.sh SUITE...
#
# Run unit suites (each a program, or a command line with its arguments),
# pass their "ok"/"not ok" lines through, and end with "N passed,
# N failed". A suite that dies (e.g. an ASan report) counts as one more
# failure, named after the suite, and so does a suite that reported no
# check at all.

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for suite in "$@"; do
	# shellcheck disable=SC2086 # a command line with its arguments
	set -- $suite
	name=$(basename "$1" _test)
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok - ' "$log"; then
		echo "not ok - $name: suite exited with status $rc"
	elif ! grep -q '^\(not \)\?ok - ' "$log"; then
		echo "not ok - $name: suite reported no check"
	fi
done | awk '
	{ print }
	/^ok - / { pass++ }
	/^not ok - / { fail++ }
	END {
		printf "%d passed, %d failed\n", pass, fail
		exit fail ? 1 : 0
	}'
