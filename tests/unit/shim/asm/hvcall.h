/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PAPR hcall return codes and H_GUEST_* bits the portable code uses,
 * with the values of arch/powerpc/include/asm/hvcall.h.
 */
#ifndef __SHIM_ASM_HVCALL_H__
#define __SHIM_ASM_HVCALL_H__

#define H_SUCCESS			0
#define H_PARAMETER			-4
#define H_P2				-55
#define H_P3				-56
#define H_P4				-57
#define H_P5				-58
#define H_STATE				-75
#define H_INVALID_ELEMENT_ID		-79
#define H_INVALID_ELEMENT_SIZE		-80
#define H_INVALID_ELEMENT_VALUE		-81
#define H_INPUT_BUFFER_NOT_DEFINED	-82
#define H_INPUT_BUFFER_TOO_SMALL	-83
#define H_OUTPUT_BUFFER_NOT_DEFINED	-84
#define H_OUTPUT_BUFFER_TOO_SMALL	-85

#define H_GUEST_FLAGS_WIDE		(1UL << (63 - 0))
#define H_GUEST_CAP_COPY_MEM		(1UL << (63 - 0))
#define H_GUEST_CAP_POWER9		(1UL << (63 - 1))
#define H_GUEST_CAP_POWER10		(1UL << (63 - 2))

#endif
