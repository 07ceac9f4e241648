// SPDX-License-Identifier: MIT
// The RT samples' start-up code (vector table, reset handler) and their
// drivers for the I/O core's debug UART (polled), GPT0 (its interrupt),
// GPT3 (polled) and GPIO.
#include "mt3620-m4.h"

extern uint32_t StackTop;
extern uint32_t __bss_start__, __bss_end__;

static _Noreturn void reset_handler(void);
static void gpt_irq(void);

/* The exception handlers an app may define; an undefined one is 0 in the
 * table (weak): the core then stops naming the exception, as a real core
 * would fault on a null vector. */
void NMI_Handler(void) __attribute__((weak));
void HardFault_Handler(void) __attribute__((weak));
void MemManage_Handler(void) __attribute__((weak));
void BusFault_Handler(void) __attribute__((weak));
void UsageFault_Handler(void) __attribute__((weak));
void SVC_Handler(void) __attribute__((weak));
void PendSV_Handler(void) __attribute__((weak));
void SysTick_Handler(void) __attribute__((weak));
void Mailbox_IrqHandler(void) __attribute__((weak)); /* intercore.c's */

#define VECTORS (16 + 32)

/* Word 0: the initial stack pointer; word 1: the reset handler; then the
 * Cortex-M exceptions (NMI .. SysTick) and IRQ 0..31 (IRQ 1 GPT, IRQ 11
 * mailbox). */
__attribute__((section(".vector_table"), used)) const uintptr_t ExceptionVectorTable[VECTORS] = {
	[0] = (uintptr_t)&StackTop,
	[1] = (uintptr_t)reset_handler,
	[2] = (uintptr_t)NMI_Handler,
	[3] = (uintptr_t)HardFault_Handler,
	[4] = (uintptr_t)MemManage_Handler,
	[5] = (uintptr_t)BusFault_Handler,
	[6] = (uintptr_t)UsageFault_Handler,
	[11] = (uintptr_t)SVC_Handler,
	[14] = (uintptr_t)PendSV_Handler,
	[15] = (uintptr_t)SysTick_Handler,
	[16 + MT3620_IRQ_GPT] = (uintptr_t)gpt_irq,
	[16 + MT3620_IRQ_MAILBOX] = (uintptr_t)Mailbox_IrqHandler,
};

static _Noreturn void reset_handler(void)
{
	/* The loader zeroes RAM; clear bss anyway, as on a warm restart. */
	for (uint32_t *p = &__bss_start__; p < &__bss_end__; p++)
		*p = 0;
	RTCoreMain();
}

static volatile uint32_t gpt0_expired;

static void gpt_irq(void)
{
	uint32_t isr = mt3620_read32(MT3620_GPT_BASE, MT3620_GPT_ISR);

	mt3620_write32(MT3620_GPT_BASE, MT3620_GPT_ISR, isr);
	if (isr & 1u)
		gpt0_expired = 1;
}

void mt3620_sleep_ms(uint32_t ms)
{
	gpt0_expired = 0;
	mt3620_nvic_enable(MT3620_IRQ_GPT, 0x80);
	mt3620_write32(MT3620_GPT_BASE, MT3620_GPT_IER,
		       mt3620_read32(MT3620_GPT_BASE, MT3620_GPT_IER) | 1u);
	mt3620_write32(MT3620_GPT_BASE, MT3620_GPT0_ICNT, ms);
	mt3620_write32(MT3620_GPT_BASE, MT3620_GPT0_CTRL, 1u); /* one-shot, 1 kHz */
	mt3620_wait_for(&gpt0_expired);
}

void mt3620_uart_puts(const char *s)
{
	for (; *s; s++) {
		while (!(mt3620_read32(MT3620_DEBUG_UART_BASE, MT3620_UART_LSR) &
			 MT3620_UART_LSR_THRE))
			;
		mt3620_write32(MT3620_DEBUG_UART_BASE, MT3620_UART_THR, (uint8_t)*s);
	}
}

void mt3620_gpt3_wait_us(uint32_t us)
{
	mt3620_write32(MT3620_GPT_BASE, MT3620_GPT3_INIT, 0);
	mt3620_write32(MT3620_GPT_BASE, MT3620_GPT3_CTRL, 1); /* GPT3_EN */
	while (mt3620_read32(MT3620_GPT_BASE, MT3620_GPT3_CNT) < us)
		;
	mt3620_write32(MT3620_GPT_BASE, MT3620_GPT3_CTRL, 0);
}

void mt3620_gpio_set(unsigned int pin, bool value)
{
	mt3620_write32(MT3620_GPIO_BLOCK_BASE(pin / 4),
		       value ? MT3620_GPIO_DOUT_SET : MT3620_GPIO_DOUT_RESET, 1u << (pin % 4));
}

void mt3620_gpio_output(unsigned int pin, bool value)
{
	mt3620_gpio_set(pin, value);
	mt3620_write32(MT3620_GPIO_BLOCK_BASE(pin / 4), MT3620_GPIO_OE_SET, 1u << (pin % 4));
}
