// SPDX-License-Identifier: MIT
// mbox-garble-rt: a test image. It writes one block into its outbound shared
// buffer whose length word (0x0000ffff) is past the 1044-byte maximum
// message, publishes it and rings the mailbox: the core must stop with a
// mailbox fault instead of reading past the buffer. Then it tries a write
// position past the buffer (never reached if the first fault stops it).
#include "intercore.h"
#include "mt3620-m4.h"

_Noreturn void RTCoreMain(void)
{
	Intercore ic;
	uint8_t *data;

	if (intercore_init(&ic)) {
		mt3620_uart_puts("mbox-garble-rt: no mailbox\r\n");
		for (;;)
			mt3620_gpt3_wait_us(1000000);
	}
	mt3620_uart_puts("mbox-garble-rt: writing a bad block\r\n");
	data = (uint8_t *)(ic.outbound + 1);
	data[0] = 0xff;
	data[1] = 0xff;
	data[2] = 0;
	data[3] = 0;
	ic.outbound->write_position = 8;
	mt3620_write32(MT3620_MBOX_BASE, MT3620_MBOX_DOORBELL, 1u);
	mt3620_uart_puts("mbox-garble-rt: still running (the core did not fault)\r\n");
	ic.outbound->write_position = 0x10000;
	mt3620_write32(MT3620_MBOX_BASE, MT3620_MBOX_DOORBELL, 1u);
	for (;;)
		mt3620_gpt3_wait_us(1000000);
}
