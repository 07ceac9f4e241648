/* SPDX-License-Identifier: MIT */
/*
 * The MT3620 I/O core registers the RT samples use, as azs-iocore models them
 * (docs/iocore.md): each core's debug UART, its GPT3 microsecond counter, the
 * GPIO/PWM blocks, the ADC and the ISUs (the firewall assigns a block to one
 * core; a block that is not the core's is a bus fault). The ADC, PWM and ISU
 * layouts are this platform's (MT3620's M4-side registers are public only
 * through MediaTek's M4 drivers: the shape follows them, the offsets do not
 * claim to match the silicon).
 */
#ifndef AZS_SAMPLES_MT3620_M4_H
#define AZS_SAMPLES_MT3620_M4_H

#include <stdbool.h>
#include <stdint.h>

#define MT3620_DEBUG_UART_BASE 0x21040000u
#define MT3620_UART_THR        0x00u
#define MT3620_UART_LSR        0x14u
#define MT3620_UART_LSR_THRE   (1u << 5)

#define MT3620_GPT_BASE        0x21030000u
#define MT3620_GPT3_CTRL       0x50u
#define MT3620_GPT3_INIT       0x54u
#define MT3620_GPT3_CNT        0x58u

/* GPIO block N (GPIO 4N..4N+3) at 0x38010000 + N * 0x10000. */
#define MT3620_GPIO_BLOCK_BASE(n) (0x38010000u + (uint32_t)(n)*0x10000u)
#define MT3620_GPIO_DIN           0x04u
#define MT3620_GPIO_DOUT          0x10u
#define MT3620_GPIO_DOUT_SET      0x14u
#define MT3620_GPIO_DOUT_RESET    0x18u
#define MT3620_GPIO_OE            0x20u
#define MT3620_GPIO_OE_SET        0x24u
#define MT3620_GPIO_OE_RESET      0x28u

/* PWM controller K (0..2) is in GPIO/PWM block K; channel C (0..3) drives
 * GPIO 4K+C. CTRL applies the channel's PERIOD and DUTY (ns) at once. */
#define MT3620_PWM_CH(c)    (0x40u + 0x10u * (uint32_t)(c))
#define MT3620_PWM_CTRL     0x0u
#define MT3620_PWM_PERIOD   0x4u
#define MT3620_PWM_DUTY     0x8u
#define MT3620_PWM_CTRL_EN  (1u << 0)
#define MT3620_PWM_CTRL_INV (1u << 1)

/* ADC controller 0: reading CH_DATA(n) converts channel n (12 bits). */
#define MT3620_ADC_BASE       0x38000000u
#define MT3620_ADC_CH_DATA(n) (0x10u + 4u * (uint32_t)(n))

/* ISU N at 0x38070000 + N * 0x10000: I2C master and UART. */
#define MT3620_ISU_BASE(n)     (0x38070000u + (uint32_t)(n)*0x10000u)
#define MT3620_I2C_ADDR        0x00u
#define MT3620_I2C_WLEN        0x04u
#define MT3620_I2C_RLEN        0x08u
#define MT3620_I2C_START       0x0Cu
#define MT3620_I2C_STATUS      0x10u
#define MT3620_I2C_STATUS_DONE (1u << 0)
#define MT3620_I2C_STATUS_NACK (1u << 1)
#define MT3620_I2C_TXBUF       0x40u
#define MT3620_I2C_RXBUF       0x80u
#define MT3620_I2C_BUF         64u
#define MT3620_ISU_UART_THR    0xC0u
#define MT3620_ISU_UART_RBR    0xC4u
#define MT3620_ISU_UART_LSR    0xD4u
#define MT3620_UART_LSR_DR     (1u << 0)

static inline void mt3620_write32(uint32_t base, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(base + off) = v;
}

static inline uint32_t mt3620_read32(uint32_t base, uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(base + off);
}

/* The debug UART, polled. */
void mt3620_uart_puts(const char *s);
/* Busy-waits US microseconds on GPT3. */
void mt3620_gpt3_wait_us(uint32_t us);
/* GPIO PIN as an output at VALUE; mt3620_gpio_set drives it. */
void mt3620_gpio_output(unsigned int pin, bool value);
void mt3620_gpio_set(unsigned int pin, bool value);

/* The debug UART: a decimal number, a hex byte ("0x69"). */
void mt3620_uart_putu(uint32_t v);
void mt3620_uart_puthex8(uint8_t v);
/* ADC channel CH's 12-bit sample. */
uint32_t mt3620_adc_read(unsigned int ch);
/* PWM controller K channel C: PERIOD_NS, DUTY_NS, enabled, polarity normal. */
void mt3620_pwm_set(unsigned int k, unsigned int c, uint32_t period_ns, uint32_t duty_ns,
		    bool enabled);
/* ISU's I2C: WLEN bytes of W to ADDR, then RLEN bytes into R (each <= 64);
 * false when nobody acknowledged. */
bool mt3620_i2c_transfer(unsigned int isu, uint8_t addr, const uint8_t *w, uint32_t wlen,
			 uint8_t *r, uint32_t rlen);
/* ISU's UART: transmit S; take a received byte into *C (false: none). */
void mt3620_isu_uart_puts(unsigned int isu, const char *s);
bool mt3620_isu_uart_getc(unsigned int isu, uint8_t *c);

/* The app's main, called by the reset handler (never returns). */
_Noreturn void RTCoreMain(void);

#endif
