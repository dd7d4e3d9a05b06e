/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KTAP output of the selftests, as kselftest programs print it: a header
 * and a plan ("1..N"), then one "ok N name" or "not ok N name" line per
 * test, "# " diagnostics before it, "ok N name # SKIP reason" for a skip,
 * and a totals line. The program's exit status is its KSFT code.
 */
#ifndef SELFTESTS_TAP_H
#define SELFTESTS_TAP_H

#include <stdbool.h>

#include "compat.h"

/* Exit codes of a kselftest program (tools/testing/selftests/kselftest.h) */
#define KSFT_PASS	0
#define KSFT_FAIL	1
#define KSFT_SKIP	4

/* The header and the plan: @nr tests will follow. */
void tap_plan(unsigned int nr);
/* A plan of no test: the host lacks what the program needs. Exits. */
__printf(1, 2) __noreturn void tap_skip_all(const char *fmt, ...);
__printf(1, 2) void tap_diag(const char *fmt, ...);
void tap_result(bool ok, const char *test);
void tap_skip(const char *test, const char *why);
/*
 * The totals line; returns the KSFT code to exit with: KSFT_FAIL when a
 * test failed or the tests reported were not those planned, KSFT_SKIP when
 * every test was skipped, KSFT_PASS otherwise.
 */
int tap_finish(void);

/*
 * A host-side check, reported as KVM selftests' TEST_ASSERT() reports a
 * failure (the expression, file:line and the values of @fmt), without
 * ending the program: the other tests still run. Evaluates to @cond.
 */
#define TEST_EXPECT(cond, fmt, ...)					\
	tap_expect(!!(cond), #cond, __FILE__, __LINE__, fmt, ##__VA_ARGS__)
__printf(5, 6) bool tap_expect(bool ok, const char *expr, const char *file,
			       int line, const char *fmt, ...);

#endif
