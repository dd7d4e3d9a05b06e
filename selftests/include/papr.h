/* SPDX-License-Identifier: GPL-2.0-only */
/* PAPR hypercall numbers and return codes that the selftests use. */
#ifndef SELFTESTS_PAPR_H
#define SELFTESTS_PAPR_H

#define H_SUCCESS			0
#define H_BUSY				1
#define H_NOT_AVAILABLE			3
#define H_TOO_HARD			9999
#define H_FUNCTION			(-2)
#define H_PARAMETER			(-4)
#define H_BAD_MODE			(-5)
#define H_NOT_FOUND			(-7)
#define H_NO_MEM			(-9)
#define H_AUTHORITY			(-10)
#define H_NOT_ENOUGH_RESOURCES		(-44)
#define H_P2				(-55)
#define H_P3				(-56)
#define H_P4				(-57)
#define H_P5				(-58)
#define H_UNSUPPORTED			(-67)
#define H_INTERRUPT			(-69)
#define H_STATE				(-75)
#define H_IN_USE			(-77)
#define H_INVALID_ELEMENT_ID		(-79)
#define H_INVALID_ELEMENT_SIZE		(-80)
#define H_INVALID_ELEMENT_VALUE		(-81)
#define H_INPUT_BUFFER_NOT_DEFINED	(-82)
#define H_INPUT_BUFFER_TOO_SMALL	(-83)
#define H_OUTPUT_BUFFER_NOT_DEFINED	(-84)
#define H_OUTPUT_BUFFER_TOO_SMALL	(-85)
#define H_PARTITION_PAGE_TABLE_NOT_DEFINED (-86)
#define H_UNSUPPORTED_FLAG_START	(-256)

#define H_PAGE_INIT			0x2c
#define H_PROD				0xe8
#define H_REGISTER_PROC_TBL		0x37c
#define H_RPT_INVALIDATE		0x448
#define H_GUEST_GET_CAPABILITIES	0x460
#define H_GUEST_SET_CAPABILITIES	0x464
#define H_GUEST_CREATE			0x470
#define H_GUEST_CREATE_VCPU		0x474
#define H_GUEST_GET_STATE		0x478
#define H_GUEST_SET_STATE		0x47c
#define H_GUEST_RUN_VCPU		0x480
#define H_GUEST_DELETE			0x488
#define H_SET_PARTITION_TABLE		0xf800
#define H_COPY_TOFROM_GUEST		0xf80c
#define H_SVM_PAGE_IN			0xef00
#define H_SVM_PAGE_OUT			0xef04
#define H_SVM_INIT_START		0xef08
#define H_SVM_INIT_DONE			0xef0c
#define H_SVM_INIT_ABORT		0xef14

/* H_SVM_PAGE_IN flags */
#define H_PAGE_IN_SHARED		0x1UL

/* H_PAGE_INIT flags */
#define H_ZERO_PAGE			(1UL << (63 - 48))
#define H_COPY_PAGE			(1UL << (63 - 49))

/* IBM bit numbering: bit 0 is the most significant */
#define PAPR_BIT(n)			(1UL << (63 - (n)))

/* H_GUEST_*_CAPABILITIES */
#define H_GUEST_CAP_COPY_MEM		PAPR_BIT(0)
#define H_GUEST_CAP_POWER9		PAPR_BIT(1)
#define H_GUEST_CAP_POWER10		PAPR_BIT(2)
#define H_GUEST_CAP_POWER11		PAPR_BIT(3)

/* H_GUEST_GET_STATE / SET_STATE, H_GUEST_DELETE flags */
#define H_GUEST_STATE_GUEST_WIDE	PAPR_BIT(0)
#define H_GUEST_STATE_HOST_WIDE		PAPR_BIT(1)
#define H_GUEST_DELETE_ALL		PAPR_BIT(0)

/* Guest State Buffer element ids */
#define GSID_RUN_OUTPUT_MIN_SIZE	0x0002
#define GSID_LOGICAL_PVR		0x0003
#define GSID_TB_OFFSET			0x0004
#define GSID_PARTITION_TABLE		0x0005
#define GSID_PROCESS_TABLE		0x0006
#define GSID_L0_GUEST_HEAP		0x0800
#define GSID_L0_GUEST_PGTABLE		0x0802
#define GSID_L0_GUEST_PGTABLE_MAX	0x0803
#define GSID_L0_GUEST_PGTABLE_RECLAIM	0x0804
#define GSID_RUN_INPUT			0x0c00
#define GSID_RUN_OUTPUT			0x0c01
#define GSID_VPA			0x0c02
#define GSID_GPR(n)			(0x1000 + (n))
#define GSID_HDEC_EXPIRY_TB		0x1020
#define GSID_NIA			0x1021
#define GSID_MSR			0x1022
#define GSID_LR				0x1023
#define GSID_XER			0x1024
#define GSID_CTR			0x1025
#define GSID_SRR0			0x1027
#define GSID_SRR1			0x1028
#define GSID_DAR			0x1029
#define GSID_DEC_EXPIRY_TB		0x102a
#define GSID_LPCR			0x102c
#define GSID_HFSCR			0x102d
#define GSID_FSCR			0x102e
#define GSID_SPRG(n)			(0x1036 + (n))
#define GSID_PPR			0x103a
#define GSID_BESCR			0x1043
#define GSID_EBBHR			0x1044
#define GSID_EBBRR			0x1045
#define GSID_AMR			0x1046
#define GSID_IAMR			0x1047
#define GSID_UAMOR			0x1049
#define GSID_DSCR			0x104c
#define GSID_TAR			0x104d
#define GSID_DPDES			0x1053
#define GSID_CR				0x2000
#define GSID_PIDR			0x2001
#define GSID_DSISR			0x2002
#define GSID_VRSAVE			0x2004
#define GSID_WORT			0x200d
#define GSID_PSPB			0x200e
#define GSID_VSR(n)			(0x3000 + (n))
#define GSID_HDAR			0xf000
#define GSID_HDSISR			0xf001
#define GSID_HEIR			0xf002
#define GSID_ASDR			0xf003

#define PVR_ARCH_300			0x0f000005
#define PVR_ARCH_31			0x0f000006

#endif
