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

/* The app's main, called by the reset handler (never returns). */
_Noreturn void RTCoreMain(void);

#endif
