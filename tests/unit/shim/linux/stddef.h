/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __SHIM_LINUX_STDDEF_H__
#define __SHIM_LINUX_STDDEF_H__
#include <stddef.h>
#endif
