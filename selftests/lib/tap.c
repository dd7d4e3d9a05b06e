// SPDX-License-Identifier: GPL-2.0-only
/* KTAP output and KSFT exit codes of the selftests. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static unsigned int planned, reported, failed, skipped;

static void tap_header(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
}

void tap_plan(unsigned int nr)
{
	tap_header();
	printf("1..%u\n", nr);
	planned = nr;
}

void tap_skip_all(const char *fmt, ...)
{
	va_list ap;

	tap_header();
	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(KSFT_SKIP);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void tap_result(bool ok, const char *test)
{
	printf("%sok %u %s\n", ok ? "" : "not ", ++reported, test);
	if (!ok)
		failed++;
}

void tap_skip(const char *test, const char *why)
{
	printf("ok %u %s # SKIP %s\n", ++reported, test, why);
	skipped++;
}

int tap_finish(void)
{
	printf("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n",
	       reported - failed - skipped, failed, skipped);
	if (reported != planned) {
		tap_diag("planned %u tests, reported %u", planned, reported);
		return KSFT_FAIL;
	}
	if (failed)
		return KSFT_FAIL;
	return reported && skipped == reported ? KSFT_SKIP : KSFT_PASS;
}

bool tap_expect(bool ok, const char *expr, const char *file, int line,
		const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return true;
	tap_diag("==== Test Assertion Failure ====");
	tap_diag("  %s:%d: %s", file, line, expr);
	va_start(ap, fmt);
	fputs("#   ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	return false;
}
