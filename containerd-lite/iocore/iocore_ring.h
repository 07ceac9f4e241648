/* SPDX-License-Identifier: MIT */
/*
 * The intercore shared buffers' ring codec (docs/iocore.md, "The mailbox"):
 * pure, no emulator and no I/O, so host tests fuzz it.
 *
 * A shared buffer is a 64-byte header (u32 write position, u32 read position,
 * 14 reserved words) followed by a data area of SIZE bytes (a multiple of 8).
 * Positions are byte offsets into the data area, multiples of 8. A block is a
 * little-endian u32 length L followed by L bytes of message (wrapping at the
 * end of the data area); the next block starts at the next multiple of 8.
 * The writer never fills the area completely (write == read means empty).
 * The RT app writes the outbound buffer's blocks and write position and the
 * inbound buffer's read position: every value it controls is checked here
 * before use, and a bad one is refused with the reason.
 */
#ifndef AZS_IOCORE_RING_H
#define AZS_IOCORE_RING_H

#include <stddef.h>
#include <stdint.h>

#define AZS_IC_RING_HDR     64u
#define AZS_IC_RING_WRITE   0u /* offsets in the header */
#define AZS_IC_RING_READ    4u

/* Bytes a block of a LEN-byte message takes (length word, message, padding). */
uint32_t azs_ic_block_size(uint32_t len);

/*
 * Pops the block at *READ (the reader's position) of DATA (SIZE bytes), whose
 * writer has written up to WRITE, into OUT (at most MAX bytes: a longer
 * message is refused). 1 and *LEN, *READ advanced; 0 when empty; -EBADMSG
 * with the reason in WHY for a bad position or block (nothing is read
 * outside DATA). The message must be at least MIN bytes.
 */
int azs_ic_ring_pop(const uint8_t *data, uint32_t size, uint32_t *read, uint32_t write,
		    uint32_t min, uint32_t max, uint8_t *out, uint32_t *len, char *why,
		    size_t wsize);

/*
 * Pushes MSG (LEN bytes) at *WRITE of DATA (SIZE bytes), whose reader has read
 * up to READ: 0 and *WRITE advanced; -EAGAIN if it does not fit now;
 * -EBADMSG with the reason for a bad position.
 */
int azs_ic_ring_push(uint8_t *data, uint32_t size, uint32_t read, uint32_t *write,
		     const void *msg, uint32_t len, char *why, size_t wsize);

/*
 * The reader (the RT app) moved its position from PREV to READ: valid only
 * forward, up to the writer's WRITE. 0 or -EBADMSG with the reason.
 */
int azs_ic_ring_check_read(uint32_t size, uint32_t prev, uint32_t read, uint32_t write,
			   char *why, size_t wsize);

/* Component IDs: RFC 4122 byte order (as manifests write them) <-> the
 * GUID byte order of the messages (data1, data2, data3 little-endian). */
void azs_ic_guid_swap(const uint8_t in[16], uint8_t out[16]);

#endif
