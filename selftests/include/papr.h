/* SPDX-License-Identifier: GPL-2.0-only */
/* PAPR hypercall numbers and return codes that the selftests use. */
#ifndef SELFTESTS_PAPR_H
#define SELFTESTS_PAPR_H

#define H_SUCCESS			0
#define H_FUNCTION			(-2)
#define H_PARAMETER			(-4)
#define H_UNSUPPORTED			(-67)

#define H_PAGE_INIT			0x2c
#define H_PROD				0xe8
#define H_GUEST_GET_CAPABILITIES	0x460
#define H_SVM_INIT_ABORT		0xef14

/* H_PAGE_INIT flags */
#define H_ZERO_PAGE			(1UL << (63 - 48))
#define H_COPY_PAGE			(1UL << (63 - 49))

#endif
