/* SPDX-License-Identifier: GPL-2.0-only */
/* MSR, LPCR and DSISR bits of the hosts and payloads, as asm/reg.h names them. */
#ifndef SELFTESTS_PPC_REG_H
#define SELFTESTS_PPC_REG_H

#include "compat.h"

#define MSR_SF			BIT(63)
#define MSR_HV			BIT(60)
#define MSR_VEC			BIT(25)
#define MSR_VSX			BIT(23)
#define MSR_S			BIT(22)	/* set by an Ultravisor only */
#define MSR_EE			BIT(15)
#define MSR_FP			BIT(13)
#define MSR_ME			BIT(12)
#define MSR_IR			BIT(5)
#define MSR_DR			BIT(4)
#define MSR_RI			BIT(1)
#define MSR_LE			BIT(0)

#define LPCR_ILE		BIT(25)
#define LPCR_AIL_3		(3UL << 23)
#define LPCR_MER		BIT(11)

#define DSISR_ISSTORE		BIT(25)
#define DSISR_SET_RC		BIT(18)	/* R or C must be set in a pte */

#endif
