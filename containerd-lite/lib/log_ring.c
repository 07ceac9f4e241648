// SPDX-License-Identifier: MIT
/* Bounded per-app log ring (see log_ring.h). */
#include <string.h>

#include "log_ring.h"

void azs_log_ring_init(struct azs_log_ring *r)
{
	r->start = 0;
	r->len = 0;
	r->dropped = 0;
}

void azs_log_ring_append(struct azs_log_ring *r, const char *data, size_t n)
{
	if (n >= AZS_LOG_RING_SIZE) {
		/* Only the newest AZS_LOG_RING_SIZE bytes can be kept. */
		r->dropped += r->len + (n - AZS_LOG_RING_SIZE);
		data += n - AZS_LOG_RING_SIZE;
		n = AZS_LOG_RING_SIZE;
		r->start = 0;
		r->len = 0;
	}
	if (r->len + n > AZS_LOG_RING_SIZE) {
		size_t drop = r->len + n - AZS_LOG_RING_SIZE;

		r->start = (r->start + drop) % AZS_LOG_RING_SIZE;
		r->len -= drop;
		r->dropped += drop;
	}
	for (size_t done = 0; done < n;) {
		size_t end = (r->start + r->len) % AZS_LOG_RING_SIZE;
		size_t chunk = AZS_LOG_RING_SIZE - end;

		if (chunk > n - done)
			chunk = n - done;
		memcpy(r->buf + end, data + done, chunk);
		r->len += chunk;
		done += chunk;
	}
}

size_t azs_log_ring_read(const struct azs_log_ring *r, char *out, size_t size)
{
	size_t skip = 0, n = 0;

	if (size == 0)
		return 0;
	if (r->dropped) {
		/* Don't hand out a torn first line. */
		while (skip < r->len && r->buf[(r->start + skip) % AZS_LOG_RING_SIZE] != '\n')
			skip++;
		if (skip < r->len)
			skip++;
	}
	while (skip + n < r->len && n < size - 1) {
		out[n] = r->buf[(r->start + skip + n) % AZS_LOG_RING_SIZE];
		n++;
	}
	out[n] = '\0';
	return n;
}
