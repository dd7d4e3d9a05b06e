#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run unit suite programs, pass their "ok"/"not ok" lines through, and
# end with "N passed, N failed". A suite that dies (e.g. an ASan report)
# counts as one more failure, named after the suite.

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for suite in "$@"; do
	name=$(basename "$suite" _test)
	"$suite" >"$log" 2>&1
	rc=$?
	cat "$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok - ' "$log"; then
		echo "not ok - $name: suite exited with status $rc"
	fi
done | awk '
	{ print }
	/^ok - / { pass++ }
	/^not ok - / { fail++ }
	END {
		printf "%d passed, %d failed\n", pass, fail
		exit fail ? 1 : 0
	}'
