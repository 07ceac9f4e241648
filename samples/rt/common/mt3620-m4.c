// SPDX-License-Identifier: MIT
// The RT samples' start-up code (vector table, reset handler) and their
// polled drivers for the I/O core's debug UART, GPT3 and GPIO.
#include "mt3620-m4.h"

extern uint32_t StackTop;
extern uint32_t __bss_start__, __bss_end__;

static _Noreturn void reset_handler(void);
static _Noreturn void default_handler(void);

/* Word 0: the initial stack pointer; word 1: the reset handler; then the
 * Cortex-M exceptions (NMI .. SysTick), all parked in default_handler. */
__attribute__((section(".vector_table"), used)) const uintptr_t ExceptionVectorTable[16] = {
	(uintptr_t)&StackTop,
	(uintptr_t)reset_handler,
	(uintptr_t)default_handler,
	(uintptr_t)default_handler,
	(uintptr_t)default_handler,
	(uintptr_t)default_handler,
	(uintptr_t)default_handler,
	0,
	0,
	0,
	0,
	(uintptr_t)default_handler,
	(uintptr_t)default_handler,
	0,
	(uintptr_t)default_handler,
	(uintptr_t)default_handler,
};

static _Noreturn void reset_handler(void)
{
	/* The loader zeroes RAM; clear bss anyway, as on a warm restart. */
	for (uint32_t *p = &__bss_start__; p < &__bss_end__; p++)
		*p = 0;
	RTCoreMain();
}

static _Noreturn void default_handler(void)
{
	for (;;)
		__asm__ volatile("wfi");
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
