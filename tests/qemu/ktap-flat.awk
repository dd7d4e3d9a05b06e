# SPDX-License-Identifier: GPL-2.0
#
# The emulated host's results, with the kselftest runner's nested KTAP in
# them, as the harness's flat lines:
#
#   ok - <program>: <test>[ # SKIP reason]    each test of each program
#   ok - program: <program> exits ...         each program's own result
#   # <program>: <diagnostic>
#
# A program run against another module than papr-kvm's (the "# run:" line
# before the runner's output) is named <program>-<module>. Tests a program
# planned and did not report (it died, or hung) are one failure of it;
# "1..0 # SKIP reason" is one skip. Every other line passes unchanged.

# A program's name in the harness's lines
function named(program) {
	return run == "papr-kvm" ? program : program "-" run
}

# The runner's line for a program: its missing tests, its own result.
function end_program(line, name, directive) {
	name = line
	sub(/^(not )?ok [0-9]+ selftests: [^:]+: /, "", name)
	sub(/ # .*$/, "", name)
	name = named(name)
	if (plan < 0)
		print "not ok - " name ": prints a plan"
	else if (seen != plan)
		print "not ok - " name ": reports its " plan " planned tests (" seen " reported)"
	directive = line ~ / # / ? line : ""
	sub(/^[^#]* # /, "", directive)
	if (line ~ /^ok /)
		print "ok - program: " name (directive ? " # " directive : " exits 0")
	else
		print "not ok - program: " name " (" directive ")"
	program = ""
}

BEGIN { run = "papr-kvm" }

/^# run: / { run = substr($0, 8); next }
/^TAP version / || /^1\.\.[0-9]+$/ || /^# timeout set to / { next }
/^# selftests: [^:]+: / {
	program = $0
	sub(/^# selftests: [^:]+: /, "", program)
	plan = -1
	seen = 0
	next
}
/^(not )?ok [0-9]+ selftests: / {
	if (program == "")
		plan = seen = 0
	end_program($0)
	next
}
program != "" && /^# TAP version / { next }
program != "" && /^# 1\.\.[0-9]+/ {
	plan = $2
	sub(/^1\.\./, "", plan)
	plan += 0
	if ($0 ~ / # SKIP/) {
		reason = $0
		sub(/^.* # SKIP ?/, "", reason)
		print "ok - " named(program) ": every test # SKIP " reason
	}
	next
}
program != "" && /^# (not )?ok [0-9]+ / {
	line = substr($0, 3)
	result = line ~ /^not / ? "not ok - " : "ok - "
	sub(/^(not )?ok [0-9]+ /, "", line)
	print result named(program) ": " line
	seen++
	next
}
program != "" && /^# # / { print "# " named(program) ": " substr($0, 5); next }
program != "" && /^# / { print "# " named(program) ": " substr($0, 3); next }
{ print }

