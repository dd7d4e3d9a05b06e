/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __SHIM_LINUX_ARRAY_SIZE_H__
#define __SHIM_LINUX_ARRAY_SIZE_H__
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
