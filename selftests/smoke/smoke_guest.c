// SPDX-License-Identifier: GPL-2.0-only
/* Guest side of the smoke suite. */
#include "guest.h"
#include "papr.h"
#include "smoke.h"

static void test_echo(void)
{
	unsigned long args[9];
	struct hcall_ret ret;
	int i;

	for (i = 0; i < 9; i++)
		args[i] = ECHO_ARG(i);
	hcall(ECHO_HCALL, args, &ret);
	GUEST_ASSERT_EQ(ret.r3, ECHO_RET);
	for (i = 0; i < 9; i++)
		GUEST_ASSERT_EQ(ret.r[i], ~ECHO_ARG(i));
}

static void test_echo_loop(void)
{
	int i;

	for (i = 0; i < ECHO_LOOPS; i++)
		test_echo();
}

static void test_h_prod(void)
{
	GUEST_ASSERT_EQ(hcall1(H_PROD, 0), H_SUCCESS);
	GUEST_ASSERT_EQ(hcall1(H_PROD, 12345), H_PARAMETER);
}

static void fill(unsigned long addr, unsigned char v)
{
	unsigned char *p = (void *)addr;
	unsigned long i;

	for (i = 0; i < PAGE_SIZE_4K; i++)
		p[i] = v + i;
}

/* Returns the first offset that does not hold @v + offset, or the size. */
static unsigned long first_mismatch(unsigned long addr, unsigned char v)
{
	unsigned char *p = (void *)addr;
	unsigned long i;

	for (i = 0; i < PAGE_SIZE_4K; i++)
		if (p[i] != (unsigned char)(v + i))
			break;
	return i;
}

static unsigned long first_nonzero(unsigned long addr)
{
	unsigned char *p = (void *)addr;
	unsigned long i;

	for (i = 0; i < PAGE_SIZE_4K; i++)
		if (p[i])
			break;
	return i;
}

static void test_h_page_init(void)
{
	fill(PAGE_A, 0xa5);
	GUEST_ASSERT_EQ(hcall3(H_PAGE_INIT, H_ZERO_PAGE, PAGE_A, 0), H_SUCCESS);
	GUEST_ASSERT_EQ(first_nonzero(PAGE_A), PAGE_SIZE_4K);

	fill(PAGE_B, 0x3c);
	GUEST_ASSERT_EQ(hcall3(H_PAGE_INIT, H_COPY_PAGE, PAGE_A, PAGE_B),
			H_SUCCESS);
	GUEST_ASSERT_EQ(first_mismatch(PAGE_A, 0x3c), PAGE_SIZE_4K);

	GUEST_ASSERT_EQ(hcall3(H_PAGE_INIT, H_ZERO_PAGE, PAGE_A + 8, 0),
			H_PARAMETER);
}

/* Not enabled by the host: KVM-HV leaves it to userspace. */
static void test_h_page_init_disabled(void)
{
	GUEST_ASSERT_EQ(hcall3(H_PAGE_INIT, H_ZERO_PAGE, PAGE_A, 0),
			H_FUNCTION);
}

/* The host answers both with H_FUNCTION, as a VMM that knows neither. */
static void test_unhandled_hcalls(void)
{
	GUEST_ASSERT_EQ(hcall1(H_GUEST_GET_CAPABILITIES, 0), H_FUNCTION);
	GUEST_ASSERT_EQ(hcall0(UNKNOWN_HCALL), H_FUNCTION);
}

static void test_svm_abort_normal_vm(void)
{
	GUEST_ASSERT_EQ(hcall0(H_SVM_INIT_ABORT), H_UNSUPPORTED);
}

static void test_illegal_instruction(void)
{
	asm volatile(".long 0");
	GUEST_FAIL();
}

void guest_main(unsigned long test, unsigned long cpu)
{
	switch (test) {
	case SMOKE_ECHO:
		test_echo();
		break;
	case SMOKE_H_PROD:
		test_h_prod();
		break;
	case SMOKE_H_PAGE_INIT:
		test_h_page_init();
		break;
	case SMOKE_H_PAGE_INIT_DISABLED:
		test_h_page_init_disabled();
		break;
	case SMOKE_UNHANDLED_HCALLS:
		test_unhandled_hcalls();
		break;
	case SMOKE_SVM_ABORT_NORMAL_VM:
		test_svm_abort_normal_vm();
		break;
	case SMOKE_ILLEGAL_INSTRUCTION:
		test_illegal_instruction();
		break;
	case SMOKE_ECHO_LOOP:
		test_echo_loop();
		break;
	default:
		GUEST_FAIL();
	}
}
