// SPDX-License-Identifier: GPL-2.0-only
/* The papr_kvm trace events through tracefs, and whole text files. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "tap.h"
#include "tracefs.h"

#define TEXT_MAX	BIT(20)

char *read_text(const char *path)
{
	char *buf = calloc(1, TEXT_MAX);
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	while (buf && fd >= 0 &&
	       (n = read(fd, buf + len, TEXT_MAX - 1 - len)) > 0)
		len += n;
	if (fd >= 0)
		close(fd);
	if (fd < 0 || !len) {
		free(buf);
		return NULL;
	}
	return buf;
}

long long text_figure(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == ' ')
			return atoll(p + n + 1);
	return -1;
}

int count_text(const char *text, const char *s)
{
	int n = 0;

	for (; text && (text = strstr(text, s)); text += strlen(s))
		n++;
	return n;
}

const char *tracefs_papr_kvm(void)
{
	static const char * const dirs[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	char path[96];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(path, sizeof(path), "%s/events/papr_kvm", dirs[i]);
		if (!access(path, F_OK))
			return dirs[i];
	}
	return NULL;
}

bool write_text(const char *dir, const char *file, const char *text)
{
	char path[128];
	int fd;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_TRUNC);
	ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	if (fd >= 0)
		close(fd);
	return TEST_EXPECT(ok, "cannot write \"%s\" to %s", text, path);
}

bool tracefs_papr_kvm_enable(const char *tracefs, bool on)
{
	return write_text(tracefs, "events/papr_kvm/enable", on ? "1" : "0") &&
	       write_text(tracefs, "trace", "");
}

char *tracefs_read(const char *tracefs)
{
	char path[96];

	snprintf(path, sizeof(path), "%s/trace", tracefs);
	return read_text(path);
}

char *tracefs_papr_kvm_stop(const char *tracefs)
{
	char *trace = tracefs_read(tracefs);

	write_text(tracefs, "events/papr_kvm/enable", "0");
	return trace;
}
