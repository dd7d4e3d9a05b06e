/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __SHIM_LINUX_BITS_H__
#define __SHIM_LINUX_BITS_H__
#define BIT_ULL(nr)	(1ULL << (nr))
#endif
