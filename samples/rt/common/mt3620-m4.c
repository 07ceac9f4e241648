// SPDX-License-Identifier: MIT
// The RT samples' start-up code (vector table, reset handler) and their
// polled drivers for the I/O core's debug UART, GPT3, GPIO, PWM, ADC and
// ISUs (I2C master, UART).
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
