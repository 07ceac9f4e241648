// SPDX-License-Identifier: MIT
// The RT side of intercore messaging (see intercore.h).
#include <string.h>

#include "intercore.h"
#include "mt3620-m4.h"

#define HEADER 20u /* component ID + reserved word */

static uint8_t *area(BufferHeader *b)
{
	return (uint8_t *)(b + 1);
}

static uint32_t round8(uint32_t n)
{
	return (n + 7u) & ~7u;
}

static volatile uint32_t mbox_events;

/* IRQ 11: a message came in (or outbound space was freed). */
void Mailbox_IrqHandler(void)
{
	uint32_t sts = mt3620_read32(MT3620_MBOX_BASE, MT3620_MBOX_INT_STS);

	mt3620_write32(MT3620_MBOX_BASE, MT3620_MBOX_INT_STS, sts);
	mbox_events |= sts;
}

int intercore_init(Intercore *ic)
{
	ic->inbound = (BufferHeader *)(uintptr_t)mt3620_read32(MT3620_MBOX_BASE, MT3620_MBOX_INBOUND);
	ic->outbound =
		(BufferHeader *)(uintptr_t)mt3620_read32(MT3620_MBOX_BASE, MT3620_MBOX_OUTBOUND);
	ic->size = mt3620_read32(MT3620_MBOX_BASE, MT3620_MBOX_SIZE);
	if (!ic->inbound || !ic->outbound || !ic->size)
		return -1;
	mt3620_write32(MT3620_MBOX_BASE, MT3620_MBOX_INT_EN, 1u); /* a message came in */
	mt3620_nvic_enable(MT3620_IRQ_MAILBOX, 0x40);
	return 0;
}

/* Copies N bytes at POS of B's area, wrapping at its end. */
static void copy_from(Intercore *ic, BufferHeader *b, uint32_t pos, uint8_t *out, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		out[i] = area(b)[(pos + i) % ic->size];
}

static void copy_to(Intercore *ic, BufferHeader *b, uint32_t pos, const uint8_t *in, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		area(b)[(pos + i) % ic->size] = in[i];
}

int intercore_recv(Intercore *ic, ComponentId *from, uint8_t *buf, uint32_t max, uint32_t *len)
{
	BufferHeader *b = ic->inbound;
	uint32_t r = b->read_position, w = b->write_position, n;
	uint8_t word[4], hdr[HEADER];

	if (r == w)
		return 0;
	copy_from(ic, b, r, word, 4);
	n = (uint32_t)word[0] | (uint32_t)word[1] << 8 | (uint32_t)word[2] << 16 |
	    (uint32_t)word[3] << 24;
	if (n < HEADER || n > HEADER + INTERCORE_MAX_PAYLOAD) {
		b->read_position = w; /* not a message: drop what is there */
		return 0;
	}
	copy_from(ic, b, r + 4, hdr, HEADER);
	memcpy(from, hdr, sizeof(*from));
	*len = n - HEADER < max ? n - HEADER : max;
	copy_from(ic, b, r + 4 + HEADER, buf, *len);
	__asm__ volatile("dmb" ::: "memory"); /* the bytes are read before the space is given back */
	b->read_position = (r + round8(4 + n)) % ic->size;
	mt3620_write32(MT3620_MBOX_BASE, MT3620_MBOX_DOORBELL, 2u);
	return 1;
}

int intercore_send(Intercore *ic, const ComponentId *to, const uint8_t *buf, uint32_t len)
{
	BufferHeader *b = ic->outbound;
	uint32_t r = b->read_position, w = b->write_position;
	uint32_t used = w >= r ? w - r : ic->size - r + w;
	uint32_t n = HEADER + len, need = round8(4 + n);
	uint8_t word[4] = {(uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16), (uint8_t)(n >> 24)};
	uint8_t hdr[HEADER] = {0};

	if (len > INTERCORE_MAX_PAYLOAD || need + 8 > ic->size - used)
		return -1;
	memcpy(hdr, to, sizeof(*to));
	copy_to(ic, b, w, word, 4);
	copy_to(ic, b, w + 4, hdr, HEADER);
	copy_to(ic, b, w + 4 + HEADER, buf, len);
	__asm__ volatile("dmb" ::: "memory"); /* the block is written before it is published */
	b->write_position = (w + need) % ic->size;
	mt3620_write32(MT3620_MBOX_BASE, MT3620_MBOX_DOORBELL, 1u);
	return 0;
}

void intercore_wait(Intercore *ic)
{
	/* Sleep until the mailbox interrupt says a message came in; the ring
	 * is checked with interrupts masked, so none is missed. */
	__asm__ volatile("cpsid i" ::: "memory");
	while (ic->inbound->read_position == ic->inbound->write_position) {
		mbox_events = 0;
		__asm__ volatile("wfi");
		__asm__ volatile("cpsie i\n\tisb\n\tcpsid i" ::: "memory");
	}
	__asm__ volatile("cpsie i" ::: "memory");
}

void intercore_wait_poll(Intercore *ic)
{
	(void)ic;
	while (!(mt3620_read32(MT3620_MBOX_BASE, MT3620_MBOX_STATUS) & 1u))
		;
}
