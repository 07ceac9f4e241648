/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Entry and vectors of the Normal World test program (Non-secure SVC, as
 * the firmware enters Linux). A data abort is counted and skipped, so a
 * probe of a Secure-only address returns instead of hanging.
 */
	.syntax unified
	.arch armv7-a
	.arch_extension sec
	.arm

	.section .vectors, "ax"
	.global nw_start
nw_start:
	b	reset
	b	hang		/* undefined */
	b	hang		/* svc */
	b	hang		/* prefetch abort */
	b	data_abort
	b	hang
	b	hang		/* irq */
	b	hang		/* fiq */

	.text
reset:
	ldr	r4, =nw_start
	mcr	p15, 0, r4, c12, c0, 0	/* VBAR (Non-secure copy) */
	cps	#0x17
	ldr	sp, =__abt_stack_top
	cps	#0x13
	ldr	sp, =__svc_stack_top
	ldr	r4, =__bss_start
	ldr	r5, =__bss_end
	mov	r6, #0
1:	cmp	r4, r5
	strlo	r6, [r4], #4
	blo	1b
	bl	nw_main
hang:
	wfi
	b	hang

data_abort:
	push	{r0, r1}
	ldr	r0, =nw_aborts
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	pop	{r0, r1}
	subs	pc, lr, #4		/* past the faulting access */

/* u32 nw_smc(struct nw_smc *c): r0..r7 in, r0..r3 back into c. */
	.global nw_smc
nw_smc:
	push	{r4-r8, lr}
	mov	r8, r0
	ldm	r8, {r0-r7}
	smc	#0
	stm	r8, {r0-r3}
	pop	{r4-r8, pc}

/* u32 nw_peek(u32 addr), void nw_poke(u32 addr, u32 v): one access each. */
	.global nw_peek
nw_peek:
	mov	r1, r0
	mov	r0, #0
	ldr	r0, [r1]
	bx	lr
	.global nw_poke
nw_poke:
	str	r1, [r0]
	bx	lr

	.section .note.GNU-stack, "", %progbits
