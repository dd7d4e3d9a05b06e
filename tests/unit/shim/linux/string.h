/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __SHIM_LINUX_STRING_H__
#define __SHIM_LINUX_STRING_H__
#include <string.h>
#endif
