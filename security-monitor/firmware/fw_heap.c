// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * A small first-fit heap in Secure RAM for Mbed TLS's big numbers (the only
 * user): blocks carry their size and a free flag, free() merges a block
 * with the free blocks after it, calloc() zeroes. Used at boot only, by one
 * CPU, so no lock.
 */
#include <stdlib.h>

#include "fw.h"

#define HEAP_SIZE (256u * 1024u)
#define ALIGN 8u

struct blk {
	u32 size; /* bytes after the header */
	u32 free;
};

static u8 heap[HEAP_SIZE] __attribute__((aligned(ALIGN)));
static int heap_ready;

static struct blk *next_blk(struct blk *b)
{
	return (struct blk *)((u8 *)(b + 1) + b->size);
}

static int in_heap(const struct blk *b)
{
	return (const u8 *)b < heap + HEAP_SIZE;
}

void *calloc(size_t n, size_t size)
{
	struct blk *b, *rest;
	u32 want;

	if (!heap_ready) {
		b = (struct blk *)heap;
		b->size = HEAP_SIZE - sizeof(*b);
		b->free = 1;
		heap_ready = 1;
	}
	if (size && n > (HEAP_SIZE / size))
		return NULL;
	want = ((u32)(n * size) + ALIGN - 1) & ~(ALIGN - 1);
	if (!want)
		want = ALIGN;
	for (b = (struct blk *)heap; in_heap(b); b = next_blk(b)) {
		if (!b->free || b->size < want)
			continue;
		if (b->size >= want + sizeof(*b) + ALIGN) {
			rest = (struct blk *)((u8 *)(b + 1) + want);
			rest->size = b->size - want - sizeof(*b);
			rest->free = 1;
			b->size = want;
		}
		b->free = 0;
		memset(b + 1, 0, b->size);
		return b + 1;
	}
	return NULL;
}

void free(void *p)
{
	struct blk *b, *n;

	if (!p)
		return;
	b = (struct blk *)p - 1;
	b->free = 1;
	for (n = next_blk(b); in_heap(n) && n->free; n = next_blk(b))
		b->size += sizeof(*n) + n->size;
}
