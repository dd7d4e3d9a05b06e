/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TAP output of the selftests: one "ok - <suite>: <test>" or
 * "not ok - <suite>: <test>" line per test, with "# " diagnostics before
 * it. The harness numbers the lines when it collects every suite.
 */
#ifndef SELFTESTS_TAP_H
#define SELFTESTS_TAP_H

#include <stdbool.h>

#include "compat.h"

void tap_init(const char *suite);
__printf(1, 2) void tap_diag(const char *fmt, ...);
void tap_result(bool ok, const char *test);
void tap_skip(const char *test, const char *why);
/* Exit status of the program: 0 when every test passed or was skipped. */
int tap_exit_status(void);

#endif
