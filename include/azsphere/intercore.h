/* SPDX-License-Identifier: MIT */
/*
 * Intercore messaging between high-level apps and real-time apps
 * (docs/iocore.md, "The mailbox"). Shared by azs-iocore (the RT core's side),
 * the application manager (which connects HL apps) and tests.
 *
 * Each RT core with a mailbox listens on a unix SOCK_SEQPACKET socket at
 * AZS_IC_SOCKET_DIR/<rt component id>.mbox. Only the application manager
 * reaches it (the directory is root's, 0700, and not in any app's sandbox).
 * The first packet of a connection is struct azs_ic_hello, naming the HL app;
 * then every packet, either way, is one message payload of
 * 1..AZS_IC_MAX_PAYLOAD bytes (an empty packet ends the connection).
 *
 * In the core's shared memory, a message is the public intercore layout:
 * the peer's component ID (16 bytes, GUID byte order: data1 as a
 * little-endian u32, data2 and data3 little-endian u16, then 8 bytes as
 * written), a reserved u32 (zero), then the payload.
 */
#ifndef AZS_INTERCORE_H
#define AZS_INTERCORE_H

#include <stdint.h>

#define AZS_IC_SOCKET_DIR   "/run/azs/iocore"
#define AZS_IC_MAGIC        0x43495a41u /* "AZIC" */
#define AZS_IC_VERSION      1u
#define AZS_IC_MAX_PAYLOAD  1024u
#define AZS_IC_MSG_HDR      20u /* component ID + reserved word */
#define AZS_IC_MAX_MESSAGE  (AZS_IC_MSG_HDR + AZS_IC_MAX_PAYLOAD)

/* The first packet on a connection, from the application manager. */
struct azs_ic_hello {
	uint32_t magic;   /* AZS_IC_MAGIC */
	uint32_t version; /* AZS_IC_VERSION */
	uint8_t cid[16];  /* the HL app's component ID, GUID byte order (above) */
};

_Static_assert(sizeof(struct azs_ic_hello) == 24, "azs_ic_hello layout");

#endif /* AZS_INTERCORE_H */
