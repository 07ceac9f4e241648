/* SPDX-License-Identifier: MIT */
/*
 * azs-iocore's intercore mailbox (docs/iocore.md, "The mailbox"): the
 * core's mailbox registers and shared buffers as device models, and the
 * unix SOCK_SEQPACKET socket (--mailbox PATH) through which the application
 * manager hands it one connection per HL app (<azsphere/intercore.h>).
 * Messages from HL apps go into the inbound ring with the sender's component
 * ID; the RT app's outbound messages are routed by the component ID in their
 * header. A malformed ring faults the core (host->fault) and nothing outside
 * the shared buffers is read.
 */
#ifndef AZS_IOCORE_MAILBOX_H
#define AZS_IOCORE_MAILBOX_H

#include <stddef.h>

#include <unicorn/unicorn.h>

/* Mailbox registers (offsets in the mailbox page, AZS_IOC_MBOX_BASE). */
#define AZS_MBOX_INBOUND  0x00u /* RO: address of the inbound buffer (A7 -> M4) */
#define AZS_MBOX_OUTBOUND 0x04u /* RO: address of the outbound buffer (M4 -> A7) */
#define AZS_MBOX_SIZE     0x08u /* RO: bytes of each buffer's data area */
#define AZS_MBOX_DOORBELL 0x0Cu /* WO: bit 0 outbound written, bit 1 inbound read */
#define AZS_MBOX_STATUS   0x10u /* RO: bit 0 inbound not empty (a poll) */
#define AZS_MBOX_INT_EN   0x14u /* RW: bit 0 a message came in, bit 1 outbound space freed */
#define AZS_MBOX_INT_STS  0x18u /* RW1C: the events since cleared; STS & EN raise the IRQ */
#define AZS_MBOX_INT_IN   1u
#define AZS_MBOX_INT_OUT  2u

struct azs_mbox_host {
	void *ctx;
	const char *name; /* "IO0" */
	/* The RT side broke the rules: stop the core with WHY. */
	void (*fault)(void *ctx, const char *why);
	/* The app polled and nothing was there: give the host CPU a moment. */
	void (*idle)(void *ctx);
	/* An enabled mailbox event happened: raise the core's mailbox IRQ. */
	void (*irq)(void *ctx);
};

struct azs_mbox;

/* Listens at PATH. NULL with the reason in ERR on failure. */
struct azs_mbox *azs_mbox_open(const char *path, const struct azs_mbox_host *host, char *err,
			       size_t esize);

/* Maps the registers and the shared buffers into UC: 0 or -1. */
int azs_mbox_map(struct azs_mbox *m, uc_engine *uc);

/* Between slices: new connections, HL messages in, RT messages out. */
void azs_mbox_poll(struct azs_mbox *m);

/* The fds a sleeping core waits on (POLLIN): how many were put in FDS. */
struct pollfd;
int azs_mbox_pollfds(struct azs_mbox *m, struct pollfd *fds, int max);

/* Closes every connection and removes the socket. */
void azs_mbox_close(struct azs_mbox *m);

#endif
