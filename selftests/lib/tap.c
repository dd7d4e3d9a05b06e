// SPDX-License-Identifier: GPL-2.0-only
/* TAP output for the selftests. */
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"

static const char *tap_suite = "?";
static int tap_failed;

void tap_init(const char *suite)
{
	tap_suite = suite;
	setvbuf(stdout, NULL, _IOLBF, 0);
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
	printf("%sok - %s: %s\n", ok ? "" : "not ", tap_suite, test);
	if (!ok)
		tap_failed++;
}

void tap_skip(const char *test, const char *why)
{
	printf("ok - %s: %s # SKIP %s\n", tap_suite, test, why);
}

int tap_exit_status(void)
{
	return tap_failed ? 1 : 0;
}
