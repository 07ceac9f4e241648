/* SPDX-License-Identifier: MIT */
/*
 * The MT3620 I/O core registers the RT samples use, as azs-iocore models them
 * (docs/iocore.md): each core's debug UART, its GPT3 microsecond counter and
 * the GPIO blocks (the firewall assigns a block to one core).
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

/* The app's main, called by the reset handler (never returns). */
_Noreturn void RTCoreMain(void);

#endif
