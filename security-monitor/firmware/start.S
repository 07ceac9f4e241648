/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Reset entry and monitor vectors of the Secure World firmware (ARMv7-A with
 * the Security Extensions). The CPU resets in Secure SVC mode with the MMU
 * and caches off; the firmware keeps them off (it runs briefly at boot and
 * then only for SMCs).
 */
	.syntax unified
	.arch armv7-a
	.arch_extension sec
	.arm

#define MODE_SVC	0x13
#define MODE_MON	0x16
#define PSR_A		(1 << 8)
#define PSR_I		(1 << 7)
#define PSR_F		(1 << 6)
#define SCR_NS		(1 << 0)
#define SCR_FW		(1 << 4)
#define SCR_AW		(1 << 5)

	.section .vectors, "ax"
	.global fw_reset
/* Secure vectors at 0 (SCTLR.V = 0, VBAR = 0): only reset is expected. */
fw_reset:
	b	reset
	b	secure_trap	/* undefined */
	b	secure_trap	/* svc */
	b	secure_trap	/* prefetch abort */
	b	secure_trap	/* data abort */
	b	secure_trap
	b	secure_trap	/* irq */
	b	secure_trap	/* fiq */

/* Monitor vectors (MVBAR): SMC is the only way in; IRQ, FIQ and external
 * aborts stay with their world (SCR.IRQ/FIQ/EA = 0). */
	.balign 32
mon_vectors:
	b	mon_trap
	b	mon_trap
	b	smc_entry
	b	mon_trap
	b	mon_trap
	b	mon_trap
	b	mon_trap
	b	mon_trap

	.text
reset:
	cpsid	aif
	/* .data from flash to Secure RAM, .bss zeroed. */
	ldr	r0, =__data_load
	ldr	r1, =__data_start
	ldr	r2, =__data_end
1:	cmp	r1, r2
	ldrlo	r3, [r0], #4
	strlo	r3, [r1], #4
	blo	1b
	ldr	r1, =__bss_start
	ldr	r2, =__bss_end
	mov	r3, #0
2:	cmp	r1, r2
	strlo	r3, [r1], #4
	blo	2b
	/* Monitor vectors and stacks, all in Secure memory. */
	ldr	r0, =mon_vectors
	mcr	p15, 0, r0, c12, c0, 1	/* MVBAR */
	cps	#MODE_MON
	ldr	sp, =__mon_stack_top
	cps	#MODE_SVC
	ldr	sp, =__svc_stack_top
	bl	fw_main
	b	secure_halt

/*
 * void fw_enter_normal_world(u32 entry, u32 dtb): leave Secure World for
 * good, into Non-secure SVC with IRQ/FIQ/aborts masked, r0 = 0,
 * r1 = ~0 (no machine type: a device tree), r2 = dtb (Linux's ARM boot
 * protocol).
 */
	.global fw_enter_normal_world
fw_enter_normal_world:
	cps	#MODE_MON
	mov	lr, r0
	mov	r2, r1
	mov	r3, #(MODE_SVC | PSR_A | PSR_I | PSR_F)
	msr	spsr_cxsf, r3
	mrc	p15, 0, r3, c1, c1, 0	/* SCR */
	orr	r3, r3, #(SCR_NS | SCR_FW | SCR_AW)
	mcr	p15, 0, r3, c1, c1, 0
	isb
	mov	r0, #0
	mvn	r1, #0
	mov	r3, #0
	movs	pc, lr

/*
 * SMC from Normal World (SMCCC 1.1, SMC32): function id in r0, arguments
 * in r1..r7, results in r0..r3; r4..r7 and everything else preserved.
 * Monitor mode always accesses memory as Secure, whatever SCR.NS says.
 */
smc_entry:
	push	{r4-r12, lr}
	push	{r0-r7}
	mov	r0, sp
	bl	fw_smc_handle
	pop	{r0-r7}
	pop	{r4-r12, lr}
	movs	pc, lr

mon_trap:
	mov	r0, #1
	b	1f
secure_trap:
	mov	r0, #0
1:	ldr	sp, =__svc_stack_top
	bl	fw_fatal
secure_halt:
	wfi
	b	secure_halt

	.section .note.GNU-stack, "", %progbits
