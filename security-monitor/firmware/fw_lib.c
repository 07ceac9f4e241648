// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * What the freestanding firmware needs of a C library, the Secure UART and
 * the power controls. The MMU is off: memory is Strongly-ordered, so every
 * access here is naturally aligned (built with -mno-unaligned-access).
 */
#include "fw.h"
#include "platform.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(u32 *)d = *(const u32 *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;

	while (n--)
		*d++ = (u8)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x < *y ? -1 : 1;
	}
	return 0;
}

/* PL011: data register at 0, flag register at 0x18 (bit 5: TX FIFO full). */
#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1u << 5)

static void fw_putc(char c)
{
	while (mmio_read32(PLAT_SECURE_UART_BASE + UART_FR) & UART_FR_TXFF)
		;
	mmio_write32(PLAT_SECURE_UART_BASE + UART_DR, (u8)c);
}

void fw_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fw_putc('\r');
		fw_putc(*s);
	}
}

void fw_puthex(u32 v)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	fw_puts("0x");
	for (i = 28; i >= 0; i -= 4)
		fw_putc(digits[(v >> i) & 0xf]);
}

void fw_putdec(u32 v)
{
	char buf[11];
	int i = sizeof(buf) - 1;

	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	fw_puts(buf + i);
}

/* PL061: direction at 0x400; data at 4 * mask (address bits 9:2 mask). */
#define GPIO_DIR 0x400

static void __attribute__((noreturn)) gpio_pulse(unsigned int pin)
{
	u32 bit = 1u << pin;

	mmio_write32(PLAT_SECURE_GPIO_BASE + (bit << 2), 0);
	mmio_write32(PLAT_SECURE_GPIO_BASE + GPIO_DIR,
		     mmio_read32(PLAT_SECURE_GPIO_BASE + GPIO_DIR) | bit);
	mmio_write32(PLAT_SECURE_GPIO_BASE + (bit << 2), bit);
	for (;;)
		__asm__ volatile("wfi");
}

void fw_system_off(void)
{
	fw_puts("azs-secmon: system off\n");
	gpio_pulse(PLAT_GPIO_PIN_POWEROFF);
}

void fw_system_reset(void)
{
	fw_puts("azs-secmon: system reset\n");
	gpio_pulse(PLAT_GPIO_PIN_RESET);
}

void fw_fatal(u32 from_monitor)
{
	fw_puts(from_monitor ? "azs-secmon: unexpected monitor exception; stopped\n"
			     : "azs-secmon: unexpected Secure exception; stopped\n");
	fw_system_off();
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return (int)(u8)*a - (int)(u8)*b;
}
