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
#define MT3620_GPT_ISR         0x00u /* bit N: GPTN expired (write 1 to clear) */
#define MT3620_GPT_IER         0x04u /* bit N: GPTN raises IRQ 1 */
#define MT3620_GPT0_CTRL       0x10u /* bit 0 enable, bit 1 auto-repeat, bit 2 32 kHz */
#define MT3620_GPT0_ICNT       0x14u /* ticks (1 kHz: milliseconds) to expiry */
#define MT3620_GPT1_CTRL       0x20u
#define MT3620_GPT1_ICNT       0x24u
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

/* The NVIC and the interrupt lines (docs/iocore.md, Exceptions and interrupts). */
#define MT3620_IRQ_GPT     1u
#define MT3620_IRQ_MAILBOX 11u
#define NVIC_ISER(n)       (0xE000E100u + 4u * (n))
#define NVIC_ICER(n)       (0xE000E180u + 4u * (n))
#define NVIC_ISPR(n)       (0xE000E200u + 4u * (n))
#define NVIC_IPR(irq)      (0xE000E400u + (irq))
#define NVIC_STIR          0xE000EF00u
#define SCB_VTOR           0xE000ED08u
#define SCB_SHPR(exc)      (0xE000ED18u + (exc)-4u) /* exceptions 4..15 */
#define SCB_CFSR           0xE000ED28u
#define SYST_CSR           0xE000E010u
#define SYST_RVR           0xE000E014u
#define SYST_CVR           0xE000E018u
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

/* IRQ on at PRIORITY (0 highest; the top 3 bits count). */
static inline void mt3620_nvic_enable(unsigned int irq, uint8_t priority)
{
	*(volatile uint8_t *)(uintptr_t)NVIC_IPR(irq) = priority;
	mt3620_write32(NVIC_ISER(irq / 32u), 0, 1u << (irq % 32u));
}

/* Sleeps (WFI) until FLAG is nonzero, with the race closed: the check and
 * the WFI run with interrupts masked; a pending one still ends the WFI and
 * is taken once they are unmasked. */
static inline void mt3620_wait_for(volatile uint32_t *flag)
{
	__asm__ volatile("cpsid i" ::: "memory");
	while (!*flag) {
		__asm__ volatile("wfi");
		__asm__ volatile("cpsie i\n\tisb\n\tcpsid i" ::: "memory");
	}
	__asm__ volatile("cpsie i" ::: "memory");
}

/* The debug UART, polled. */
void mt3620_uart_puts(const char *s);
/* Busy-waits US microseconds on GPT3 (a poll). */
void mt3620_gpt3_wait_us(uint32_t us);
/* Sleeps MS milliseconds: GPT0 one-shot, its interrupt (IRQ 1), WFI. */
void mt3620_sleep_ms(uint32_t ms);
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
