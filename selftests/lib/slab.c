// SPDX-License-Identifier: GPL-2.0-only
/* Live objects of the module's slab caches, for the selftests' leak checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "slab.h"
#include "tap.h"

/*
 * Objects in use in the slabs of a cache: with slub_debug=U, alloc_traces
 * lists every live object by its allocation site, in "<count> <site> ..."
 * lines.
 */
static long slab_traced_objects(const char *cache)
{
	char path[128], line[512];
	long n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/slab/%s/alloc_traces",
		 cache);
	f = fopen(path, "r");
	if (!f)
		return -1;
	/* strtol() gives 0 for the lines of call stacks between records */
	while (fgets(line, sizeof(line), f))
		n += strtol(line, NULL, 10);
	fclose(f);
	return n;
}

/*
 * KFENCE (kfence.sample_interval=1) serves some allocations from its own
 * pool, outside the slabs: its objects file describes each slot as
 * "kfence-#N: ... cache=<name>", then "allocated by", then "freed by"
 * once the object is gone.
 */
static long kfence_objects(const char *cache)
{
	char line[512], want[80];
	bool mine = false;
	long n = 0;
	FILE *f;

	f = fopen("/sys/kernel/debug/kfence/objects", "r");
	if (!f)
		return 0;
	snprintf(want, sizeof(want), "cache=%s\n", cache);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "kfence-#", 8)) {
			mine = strstr(line, want);
			n += mine;
		} else if (mine && !strncmp(line, "freed by", 8)) {
			n--;
			mine = false;
		}
	}
	fclose(f);
	return n;
}

long slab_objects(const char *cache)
{
	long n = slab_traced_objects(cache);

	return n < 0 ? n : n + kfence_objects(cache);
}

long slab_object_size(const char *cache)
{
	char path[128];
	long n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/object_size", cache);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

bool slab_settles_at(const char *cache, long want)
{
	long now = -1;
	int i;

	for (i = 0; i < 500; i++) {
		now = slab_objects(cache);
		if (now == want)
			return true;
		usleep(10000);
	}
	tap_diag("%s: %ld objects in use after 5 s, expected %ld", cache, now,
		 want);
	return false;
}

bool slab_holds(const char *cache, long want)
{
	long now = slab_objects(cache);

	if (now != want)
		tap_diag("%s: %ld objects in use, expected %ld", cache, now,
			 want);
	return now == want;
}

