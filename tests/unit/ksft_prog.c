// SPDX-License-Identifier: GPL-2.0-only
/*
 * A selftest program in miniature, built natively on the selftests' TAP
 * library, for ksft_test.sh: "ksft_prog MODE" plans two tests and
 * reports them as MODE says.
 *
 *   pass      both pass              fail     the second fails
 *   skip      both skip              short    only one is reported
 *   skip-all  the host lacks what it needs
 *   expect    a failed TEST_EXPECT() and its report
 *   hang      sleeps past any timeout
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int answer = 42;

	if (!strcmp(mode, "skip-all"))
		tap_skip_all("no /dev/kvm");
	tap_plan(2);
	if (!strcmp(mode, "hang"))
		sleep(60);
	if (!strcmp(mode, "skip")) {
		tap_skip("first", "not here");
		tap_skip("second", "not here");
		return tap_finish();
	}
	tap_result(true, "first");
	if (!strcmp(mode, "short"))
		return tap_finish();
	if (!strcmp(mode, "expect"))
		tap_result(TEST_EXPECT(answer == 41, "answer = %d", answer),
			   "second");
	else
		tap_result(strcmp(mode, "fail"), "second");
	return tap_finish();
}
