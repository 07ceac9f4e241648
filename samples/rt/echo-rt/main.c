// SPDX-License-Identifier: MIT
// echo-rt: an RTApp that answers each message from a high-level app with the
// same bytes upper-cased, to the sender named in the message's header. The
// debug UART says what it did. Its manifest allows intercore-hl
// (4f8d2c6a-...) and 9d1c7e35-..., a partner the tests use that does not
// list echo-rt back.
#include "intercore.h"
#include "mt3620-m4.h"

static void put_hex32(uint32_t v)
{
	char s[9];

	for (int i = 7; i >= 0; i--, v >>= 4)
		s[i] = "0123456789abcdef"[v & 0xfu];
	s[8] = 0;
	mt3620_uart_puts(s);
}

static void put_dec(uint32_t v)
{
	char s[11];
	int i = 10;

	s[i] = 0;
	do
		s[--i] = (char)('0' + v % 10);
	while (v /= 10);
	mt3620_uart_puts(s + i);
}

_Noreturn void RTCoreMain(void)
{
	static uint8_t buf[INTERCORE_MAX_PAYLOAD];
	Intercore ic;

	if (intercore_init(&ic)) {
		mt3620_uart_puts("echo-rt: no mailbox\r\n");
		for (;;)
			mt3620_gpt3_wait_us(1000000);
	}
	mt3620_uart_puts("echo-rt: ready\r\n");
	for (;;) {
		ComponentId from;
		uint32_t len;

		intercore_wait(&ic);
		while (intercore_recv(&ic, &from, buf, sizeof(buf), &len) == 1) {
			for (uint32_t i = 0; i < len; i++)
				if (buf[i] >= 'a' && buf[i] <= 'z')
					buf[i] = (uint8_t)(buf[i] - 'a' + 'A');
			while (intercore_send(&ic, &from, buf, len))
				mt3620_gpt3_wait_us(1000); /* full: the A7 side drains it */
			mt3620_uart_puts("echo-rt: echoed ");
			put_dec(len);
			mt3620_uart_puts(" bytes to ");
			put_hex32(from.data1);
			mt3620_uart_puts("\r\n");
		}
	}
}
