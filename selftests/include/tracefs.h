/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * papr-kvm's trace events (the papr_kvm system) through tracefs, for the
 * suites that check what an administrator sees; and whole text files.
 */
#ifndef SELFTESTS_TRACEFS_H
#define SELFTESTS_TRACEFS_H

#include <stdbool.h>

/* The tracefs mount that has the papr_kvm events, or NULL */
const char *tracefs_papr_kvm(void);
/* Every papr_kvm event on or off, and the trace emptied */
bool tracefs_papr_kvm_enable(const char *tracefs, bool on);
/* The trace so far, to free(); NULL if it cannot be read */
char *tracefs_read(const char *tracefs);
/* The trace so far, to free(), the papr_kvm events turned off */
char *tracefs_papr_kvm_stop(const char *tracefs);
/* The whole file at @path, to free(), or NULL when missing or empty */
char *read_text(const char *path);
/* @text written to the file @file of directory @dir, or a diagnostic */
bool write_text(const char *dir, const char *file, const char *text);
/* Figure @name of a "name value" text (debugfs figures), or -1 */
long long text_figure(const char *text, const char *name);
/* How many times @s occurs in @text */
int count_text(const char *text, const char *s);

#endif
