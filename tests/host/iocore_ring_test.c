// SPDX-License-Identifier: MIT
/*
 * The intercore ring codec (containerd-lite/iocore/iocore_ring.c): messages
 * pushed come back out whole, in order, across the wrap of the data area;
 * a full ring refuses with EAGAIN; every bad position or block the RT side
 * could write (positions past the area or unaligned, a length past the write
 * position, over the maximum or under the header, a read position moved
 * backwards or past the writer) is refused naming the problem; and a fuzz
 * loop over random rings never reads outside the data area (AddressSanitizer,
 * UBSan: the area is its own heap block) and never accepts a message that
 * breaks the rules.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iocore_ring.h"
#include "kselftest_harness.h"

#define SIZE 256u
#define MAXM 100u

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

TEST(push_pop_round_trip_and_wrap)
{
	uint8_t *data = calloc(1, SIZE), msg[MAXM], out[MAXM];
	uint32_t r = 0, w = 0, len, total = 0;
	char why[160];

	for (unsigned int i = 0; i < 200; i++) {
		uint32_t n = 20 + (i * 7) % (MAXM - 20);

		memset(msg, (int)i, n);
		msg[0] = (uint8_t)n;
		ASSERT_EQ(0, azs_ic_ring_push(data, SIZE, r, &w, msg, n, why, sizeof(why)));
		ASSERT_EQ(0u, w % 8);
		ASSERT_EQ(1, azs_ic_ring_pop(data, SIZE, &r, w, 20, MAXM, out, &len, why,
					     sizeof(why)));
		ASSERT_EQ(n, len);
		ASSERT_EQ(0, memcmp(msg, out, n));
		ASSERT_EQ(w, r);
		total += azs_ic_block_size(n);
	}
	ASSERT_GT(total, 4 * SIZE); /* wrapped several times */
	ASSERT_EQ(0, azs_ic_ring_pop(data, SIZE, &r, w, 20, MAXM, out, &len, why, sizeof(why)));
	free(data);
}

TEST(full_ring_refuses_then_drains_in_order)
{
	uint8_t *data = calloc(1, SIZE), msg[40], out[MAXM];
	uint32_t r = 0, w = 0, len;
	unsigned int pushed = 0;
	char why[160];

	for (;;) {
		memset(msg, (int)pushed, sizeof(msg));
		int ret = azs_ic_ring_push(data, SIZE, r, &w, msg, sizeof(msg), why, sizeof(why));

		if (ret == -EAGAIN)
			break;
		ASSERT_EQ(0, ret);
		pushed++;
	}
	ASSERT_EQ(5u, pushed); /* 48-byte blocks in 256 bytes, 8 kept free */
	for (unsigned int i = 0; i < pushed; i++) {
		ASSERT_EQ(1, azs_ic_ring_pop(data, SIZE, &r, w, 20, MAXM, out, &len, why,
					     sizeof(why)));
		ASSERT_EQ(i, out[0]);
	}
	ASSERT_EQ(0, azs_ic_ring_pop(data, SIZE, &r, w, 20, MAXM, out, &len, why, sizeof(why)));
	/* Longer than the area: never fits. */
	ASSERT_EQ(-EAGAIN, azs_ic_ring_push(data, SIZE, r, &w, data, SIZE + 1, why, sizeof(why)));
	free(data);
}

TEST(bad_rings_are_refused_naming_why)
{
	static const struct {
		uint32_t read, write, len_word, at;
		const char *why;
	} bad[] = {
		{0, SIZE, 20, 0, "write position 0x100 is past"},
		{0, 0xfffffff8u, 20, 0, "write position 0xfffffff8 is past"},
		{0, 12, 20, 0, "write position 0xc is not a multiple of 8"},
		{SIZE + 8, 0, 20, 0, "read position 0x108 is past"},
		{4, 64, 20, 4, "read position 0x4 is not a multiple of 8"},
		{0, 16, 20, 0, "message of 20 bytes at 0x0 runs past the write position 0x10"},
		{0, 64, 19, 0, "message of 19 bytes at 0x0: shorter than its 20-byte header"},
		{0, 64, 0, 0, "message of 0 bytes"},
		{0, 64, MAXM + 1, 0, "message of 101 bytes at 0x0: over the 100-byte maximum"},
		{0, 64, 0xffffffffu, 0, "message of 4294967295 bytes at 0x0: over"},
		{240, 16, 40, 240, "message of 40 bytes at 0xf0 runs past the write position 0x10"},
		{248, 8, 20, 248, "message of 20 bytes at 0xf8 runs past"},
	};
	uint8_t *data = malloc(SIZE), out[MAXM];
	char why[160];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t r = bad[i].read, len = 7;

		memset(data, 0xa5, SIZE);
		if (bad[i].at + 4 <= SIZE)
			put32(data + bad[i].at, bad[i].len_word);
		why[0] = 0;
		ASSERT_EQ(-EBADMSG, azs_ic_ring_pop(data, SIZE, &r, bad[i].write, 20, MAXM, out,
						    &len, why, sizeof(why)))
		TH_LOG("case %zu", i);
		ASSERT_NE(NULL, strstr(why, bad[i].why)) TH_LOG("case %zu: '%s'", i, why);
		ASSERT_EQ(bad[i].read, r); /* nothing consumed */
		ASSERT_EQ(0u, len);
	}
	/* Pushing against a bad reader position. */
	{
		uint32_t w = 0;

		ASSERT_EQ(-EBADMSG, azs_ic_ring_push(data, SIZE, 3, &w, out, 20, why, sizeof(why)));
		ASSERT_NE(NULL, strstr(why, "read position 0x3 is not a multiple of 8"));
		ASSERT_EQ(-EBADMSG, azs_ic_ring_push(data, SIZE, 4096, &w, out, 20, why, sizeof(why)));
		ASSERT_NE(NULL, strstr(why, "read position 0x1000 is past"));
		ASSERT_EQ(0u, w);
	}
	/* An area size the codec can't use. */
	{
		uint32_t r = 0, len;

		ASSERT_EQ(-EBADMSG, azs_ic_ring_pop(data, 12, &r, 0, 20, MAXM, out, &len, why,
						    sizeof(why)));
		ASSERT_NE(NULL, strstr(why, "not a multiple of 8 of at least 16"));
	}
	free(data);
}

TEST(reader_moves_only_forward_up_to_the_writer)
{
	char why[160];

	ASSERT_EQ(0, azs_ic_ring_check_read(SIZE, 16, 16, 64, why, sizeof(why)));
	ASSERT_EQ(0, azs_ic_ring_check_read(SIZE, 16, 64, 64, why, sizeof(why)));
	ASSERT_EQ(0, azs_ic_ring_check_read(SIZE, 240, 8, 16, why, sizeof(why))); /* wraps */
	ASSERT_EQ(-EBADMSG, azs_ic_ring_check_read(SIZE, 16, 72, 64, why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "read position 0x48 is past the write position 0x40"));
	ASSERT_EQ(-EBADMSG, azs_ic_ring_check_read(SIZE, 16, 8, 64, why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "is past the write position")); /* backwards */
	ASSERT_EQ(-EBADMSG, azs_ic_ring_check_read(SIZE, 16, 20, 64, why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "not a multiple of 8"));
	ASSERT_EQ(-EBADMSG, azs_ic_ring_check_read(SIZE, 16, SIZE, 64, why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "is past the 256-byte data area"));
}

TEST(guid_byte_order)
{
	/* 25025d2c-66da-4448-bae1-ac26fcdd3627 as the public samples write it. */
	const uint8_t rfc[16] = {0x25, 0x02, 0x5d, 0x2c, 0x66, 0xda, 0x44, 0x48,
				 0xba, 0xe1, 0xac, 0x26, 0xfc, 0xdd, 0x36, 0x27};
	const uint8_t wire[16] = {0x2c, 0x5d, 0x02, 0x25, 0xda, 0x66, 0x48, 0x44,
				  0xba, 0xe1, 0xac, 0x26, 0xfc, 0xdd, 0x36, 0x27};
	uint8_t out[16], back[16];

	azs_ic_guid_swap(rfc, out);
	ASSERT_EQ(0, memcmp(out, wire, 16));
	azs_ic_guid_swap(out, back);
	ASSERT_EQ(0, memcmp(back, rfc, 16));
}

TEST(fuzz)
{
	uint8_t out[MAXM];
	char why[160];
	unsigned int accepted = 0, refused = 0;

	srand(18);
	for (unsigned int i = 0; i < 50000; i++) {
		/* Random areas (some tiny), positions and contents. */
		uint32_t size = (i % 7 == 0) ? 8u * (1 + (uint32_t)rand() % 4) : SIZE;
		uint8_t *data = malloc(size);
		uint32_t r, w, len = 0, r0;
		int ret;

		for (uint32_t k = 0; k < size; k++)
			data[k] = (uint8_t)rand();
		if (rand() % 4 == 0 && size >= 8) {
			/* A plausible length word at the read position. */
			r = 8u * ((uint32_t)rand() % (size / 8));
			put32(data + r, (uint32_t)rand() % (2 * MAXM));
		} else {
			r = (uint32_t)rand() % (size + 16);
		}
		w = rand() % 2 ? 8u * ((uint32_t)rand() % (size / 8 + 2)) : (uint32_t)rand();
		r0 = r;
		ret = azs_ic_ring_pop(data, size, &r, w, 20, MAXM, out, &len, why, sizeof(why));
		if (ret == 1) {
			uint32_t used = w >= r0 ? w - r0 : size - r0 + w;

			accepted++;
			ASSERT_TRUE(size >= 16 && size % 8 == 0);
			ASSERT_TRUE(r0 < size && r0 % 8 == 0 && w < size && w % 8 == 0);
			ASSERT_TRUE(len >= 20 && len <= MAXM);
			ASSERT_LE(azs_ic_block_size(len), used);
			ASSERT_EQ((r0 + azs_ic_block_size(len)) % size, r);
		} else if (ret < 0) {
			refused++;
			ASSERT_EQ(-EBADMSG, ret);
			ASSERT_NE(0, why[0]);
			ASSERT_EQ(r0, r);
		} else {
			ASSERT_EQ(r0, w);
		}
		/* Pushes against random reader positions stay inside too. */
		w = 8u * ((uint32_t)rand() % (size / 8 + 1));
		ret = azs_ic_ring_push(data, size, (uint32_t)rand() % (size + 8), &w, out,
				       (uint32_t)rand() % MAXM, why, sizeof(why));
		ASSERT_TRUE(ret == 0 || ret == -EAGAIN || ret == -EBADMSG);
		free(data);
	}
	ASSERT_GT(accepted, 100u);
	ASSERT_GT(refused, 1000u);
}

TEST_HARNESS_MAIN
