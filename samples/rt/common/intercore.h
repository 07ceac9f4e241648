/* SPDX-License-Identifier: MIT */
/*
 * The RT side of intercore messaging (docs/iocore.md, "The mailbox"), written
 * from the public layout: two shared buffers, each a 64-byte header (write
 * position, read position, reserved) and a data area of blocks (a u32 length,
 * that many bytes, padded to 8); a message is the peer's component ID (16
 * bytes, GUID byte order), a reserved word, then the payload. The addresses
 * and size of the buffers come from the core's mailbox registers.
 */
#ifndef AZS_SAMPLES_INTERCORE_H
#define AZS_SAMPLES_INTERCORE_H

#include <stdbool.h>
#include <stdint.h>

#define MT3620_MBOX_BASE     0x21050000u
#define MT3620_MBOX_INBOUND  0x00u
#define MT3620_MBOX_OUTBOUND 0x04u
#define MT3620_MBOX_SIZE     0x08u
#define MT3620_MBOX_DOORBELL 0x0Cu
#define MT3620_MBOX_STATUS   0x10u
#define MT3620_MBOX_INT_EN   0x14u /* bit 0 a message came in, bit 1 outbound space freed */
#define MT3620_MBOX_INT_STS  0x18u /* the events (write 1 to clear); raise IRQ 11 */

#define INTERCORE_MAX_PAYLOAD 1024u

/* A component ID in the GUID byte order of the messages. */
typedef struct {
	uint32_t data1;
	uint16_t data2, data3;
	uint8_t data4[8];
} ComponentId;

/* The shared buffers' header. */
typedef struct {
	volatile uint32_t write_position;
	volatile uint32_t read_position;
	uint32_t reserved[14];
} BufferHeader;

typedef struct {
	BufferHeader *inbound, *outbound; /* A7 -> M4, M4 -> A7 */
	uint32_t size;                    /* bytes of each data area */
} Intercore;

/* Finds the shared buffers and enables the mailbox interrupt (IRQ 11): 0,
 * or -1 if the core has no mailbox. */
int intercore_init(Intercore *ic);

/* The next message, if any: 1 with its sender and LEN payload bytes in
 * BUF (MAX bytes; a longer one is cut), 0 if none. Non-blocking. */
int intercore_recv(Intercore *ic, ComponentId *from, uint8_t *buf, uint32_t max, uint32_t *len);

/* Queues LEN payload bytes to TO: 0, or -1 if there is no room now. */
int intercore_send(Intercore *ic, const ComponentId *to, const uint8_t *buf, uint32_t len);

/* Sleeps (WFI) until a message is there, woken by the mailbox interrupt. */
void intercore_wait(Intercore *ic);
/* The same by polling the status register (for comparison). */
void intercore_wait_poll(Intercore *ic);
/* The mailbox interrupt's handler (IRQ 11 in the vector table). */
void Mailbox_IrqHandler(void);

#endif
