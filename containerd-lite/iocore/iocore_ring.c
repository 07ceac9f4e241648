// SPDX-License-Identifier: MIT
/* The intercore ring codec (see iocore_ring.h). */
#include <errno.h>
#include <string.h>

#include "iocore_ring.h"
#include "refuse.h"

uint32_t azs_ic_block_size(uint32_t len)
{
	return (uint32_t)(((uint64_t)len + 4u + 7u) & ~(uint64_t)7u);
}

static int check_pos(uint32_t size, uint32_t pos, const char *what, char *why, size_t wsize)
{
	if (size < 16 || size % 8)
		return azs_refuse(-EBADMSG, why, wsize,
				  "data area of %u bytes: not a multiple of 8 of at least 16", size);
	if (pos >= size)
		return azs_refuse(-EBADMSG, why, wsize,
				  "%s position 0x%x is past the %u-byte data area", what, pos, size);
	if (pos % 8)
		return azs_refuse(-EBADMSG, why, wsize,
				  "%s position 0x%x is not a multiple of 8", what, pos);
	return 0;
}

/* Bytes from FROM up to TO, going forward around the area. */
static uint32_t ahead(uint32_t size, uint32_t from, uint32_t to)
{
	return to >= from ? to - from : size - from + to;
}

static void copy_out(const uint8_t *data, uint32_t size, uint32_t pos, uint8_t *out, uint32_t n)
{
	uint32_t first = size - pos < n ? size - pos : n;

	memcpy(out, data + pos, first);
	memcpy(out + first, data, n - first);
}

static void copy_in(uint8_t *data, uint32_t size, uint32_t pos, const uint8_t *in, uint32_t n)
{
	uint32_t first = size - pos < n ? size - pos : n;

	memcpy(data + pos, in, first);
	memcpy(data, in + first, n - first);
}

int azs_ic_ring_pop(const uint8_t *data, uint32_t size, uint32_t *read, uint32_t write,
		    uint32_t min, uint32_t max, uint8_t *out, uint32_t *len, char *why,
		    size_t wsize)
{
	uint8_t word[4];
	uint32_t used, n, need;
	int ret;

	*len = 0;
	ret = check_pos(size, write, "write", why, wsize);
	if (!ret)
		ret = check_pos(size, *read, "read", why, wsize);
	if (ret)
		return ret;
	used = ahead(size, *read, write);
	if (!used)
		return 0;
	/* Positions are multiples of 8: the length word never wraps. */
	memcpy(word, data + *read, 4);
	n = (uint32_t)word[0] | (uint32_t)word[1] << 8 | (uint32_t)word[2] << 16 |
	    (uint32_t)word[3] << 24;
	if (n < min)
		return azs_refuse(-EBADMSG, why, wsize,
				  "message of %u bytes at 0x%x: shorter than its %u-byte header", n,
				  *read, min);
	if (n > max)
		return azs_refuse(-EBADMSG, why, wsize,
				  "message of %u bytes at 0x%x: over the %u-byte maximum", n, *read,
				  max);
	need = azs_ic_block_size(n);
	if (need > used)
		return azs_refuse(-EBADMSG, why, wsize,
				  "message of %u bytes at 0x%x runs past the write position 0x%x", n,
				  *read, write);
	copy_out(data, size, (*read + 4) % size, out, n);
	*read = (*read + need) % size;
	*len = n;
	return 1;
}

int azs_ic_ring_push(uint8_t *data, uint32_t size, uint32_t read, uint32_t *write,
		     const void *msg, uint32_t len, char *why, size_t wsize)
{
	uint32_t need = azs_ic_block_size(len), used;
	uint8_t word[4] = {(uint8_t)len, (uint8_t)(len >> 8), (uint8_t)(len >> 16),
			   (uint8_t)(len >> 24)};
	int ret;

	ret = check_pos(size, *write, "write", why, wsize);
	if (!ret)
		ret = check_pos(size, read, "read", why, wsize);
	if (ret)
		return ret;
	used = ahead(size, read, *write);
	/* Keep 8 bytes free: a full area would look empty. */
	if (len > size || need > size - used - 8)
		return -EAGAIN;
	memcpy(data + *write, word, 4);
	copy_in(data, size, (*write + 4) % size, msg, len);
	*write = (*write + need) % size;
	return 0;
}

int azs_ic_ring_check_read(uint32_t size, uint32_t prev, uint32_t read, uint32_t write,
			   char *why, size_t wsize)
{
	int ret = check_pos(size, read, "read", why, wsize);

	if (ret)
		return ret;
	if (ahead(size, prev, read) > ahead(size, prev, write))
		return azs_refuse(-EBADMSG, why, wsize,
				  "read position 0x%x is past the write position 0x%x (was 0x%x)",
				  read, write, prev);
	return 0;
}

void azs_ic_guid_swap(const uint8_t in[16], uint8_t out[16])
{
	static const uint8_t order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

	for (int i = 0; i < 16; i++)
		out[i] = in[order[i]];
}
