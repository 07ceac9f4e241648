// SPDX-License-Identifier: MIT
// The RT samples' start-up code (vector table, reset handler) and their
// drivers for the I/O core's debug UART (polled), GPT0 (its interrupt),
// GPT3, GPIO, PWM, ADC and ISUs (I2C master, UART) (polled).
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

void mt3620_uart_putu(uint32_t v)
{
	char buf[11];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	mt3620_uart_puts(buf + i);
}

void mt3620_uart_puthex8(uint8_t v)
{
	static const char hex[] = "0123456789abcdef";
	char buf[5] = {'0', 'x', hex[v >> 4], hex[v & 0xf], '\0'};

	mt3620_uart_puts(buf);
}

uint32_t mt3620_adc_read(unsigned int ch)
{
	return mt3620_read32(MT3620_ADC_BASE, MT3620_ADC_CH_DATA(ch));
}

void mt3620_pwm_set(unsigned int k, unsigned int c, uint32_t period_ns, uint32_t duty_ns,
		    bool enabled)
{
	uint32_t base = MT3620_GPIO_BLOCK_BASE(k) + MT3620_PWM_CH(c);

	mt3620_write32(base, MT3620_PWM_PERIOD, period_ns);
	mt3620_write32(base, MT3620_PWM_DUTY, duty_ns);
	mt3620_write32(base, MT3620_PWM_CTRL, enabled ? MT3620_PWM_CTRL_EN : 0);
}

bool mt3620_i2c_transfer(unsigned int isu, uint8_t addr, const uint8_t *w, uint32_t wlen,
			 uint8_t *r, uint32_t rlen)
{
	uint32_t base = MT3620_ISU_BASE(isu), i;

	for (i = 0; i < wlen; i++)
		*(volatile uint8_t *)(uintptr_t)(base + MT3620_I2C_TXBUF + i) = w[i];
	mt3620_write32(base, MT3620_I2C_ADDR, addr);
	mt3620_write32(base, MT3620_I2C_WLEN, wlen);
	mt3620_write32(base, MT3620_I2C_RLEN, rlen);
	mt3620_write32(base, MT3620_I2C_START, 1);
	while (!(mt3620_read32(base, MT3620_I2C_STATUS) & MT3620_I2C_STATUS_DONE))
		;
	if (mt3620_read32(base, MT3620_I2C_STATUS) & MT3620_I2C_STATUS_NACK)
		return false;
	for (i = 0; i < rlen; i++)
		r[i] = *(volatile uint8_t *)(uintptr_t)(base + MT3620_I2C_RXBUF + i);
	return true;
}

void mt3620_isu_uart_puts(unsigned int isu, const char *s)
{
	uint32_t base = MT3620_ISU_BASE(isu);

	for (; *s; s++) {
		while (!(mt3620_read32(base, MT3620_ISU_UART_LSR) & MT3620_UART_LSR_THRE))
			;
		mt3620_write32(base, MT3620_ISU_UART_THR, (uint8_t)*s);
	}
}

bool mt3620_isu_uart_getc(unsigned int isu, uint8_t *c)
{
	uint32_t base = MT3620_ISU_BASE(isu);

	if (!(mt3620_read32(base, MT3620_ISU_UART_LSR) & MT3620_UART_LSR_DR))
		return false;
	*c = (uint8_t)mt3620_read32(base, MT3620_ISU_UART_RBR);
	return true;
}
