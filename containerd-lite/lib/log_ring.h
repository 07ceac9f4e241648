/* SPDX-License-Identifier: MIT */
/*
 * A bounded per-app log: the newest bytes an app wrote to stdout/stderr
 * (and the supervisor's notes about it). Older bytes are dropped and
 * counted; a reader gets the whole retained text starting at a line
 * boundary when the ring has wrapped.
 */
#ifndef AZS_LOG_RING_H
#define AZS_LOG_RING_H

#include <stddef.h>
#include <stdint.h>

#define AZS_LOG_RING_SIZE (16 * 1024)

struct azs_log_ring {
	char buf[AZS_LOG_RING_SIZE];
	size_t start;     /* index of the oldest retained byte */
	size_t len;       /* retained bytes */
	uint64_t dropped; /* bytes lost to wrapping */
};

void azs_log_ring_init(struct azs_log_ring *r);
void azs_log_ring_append(struct azs_log_ring *r, const char *data, size_t n);

/*
 * Copy the retained text into out (at most size - 1 bytes, NUL-terminated),
 * starting after the first newline if bytes were dropped. Returns its length.
 */
size_t azs_log_ring_read(const struct azs_log_ring *r, char *out, size_t size);

#endif /* AZS_LOG_RING_H */
