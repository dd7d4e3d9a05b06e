/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Live objects of a slab cache of the module, for leak checks. The kernel
 * is booted with slab_nomerge (each cache has a debugfs directory of its
 * own), slub_debug=U (alloc_traces lists every live object) and KFENCE.
 */
#ifndef SELFTESTS_SLAB_H
#define SELFTESTS_SLAB_H

#include <stdbool.h>

/* Objects in use, in the slabs and in KFENCE's pool; -1 without the cache */
long slab_objects(const char *cache);
long slab_object_size(const char *cache);
/* Objects may be freed after an RCU grace period: waits up to 5 s. */
bool slab_settles_at(const char *cache, long want);
/* The count now, with a TAP diagnostic when it is not @want. */
bool slab_holds(const char *cache, long want);

#endif
