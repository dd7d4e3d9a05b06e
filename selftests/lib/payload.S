/* SPDX-License-Identifier: GPL-2.0-only */
/* Embeds a guest payload image (PAYLOAD, set by the Makefile) in a host program. */
	.section .rodata
	.balign 4096
	.globl guest_payload_start, guest_payload_end
guest_payload_start:
	.incbin PAYLOAD
guest_payload_end:
