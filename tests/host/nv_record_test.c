// SPDX-License-Identifier: MIT
/*
 * The security monitor's flash record (security-monitor/core/nv_record.c)
 * and its CRC-32 (crc32.c): round trips, the on-flash layout, corruption,
 * and the choice between the two slots.
 */
#include "kselftest_harness.h"

#include "crc32.h"
#include "nv_record.h"

static u32 le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 le64(const u8 *p)
{
	return (u64)le32(p) | (u64)le32(p + 4) << 32;
}

static void put_le32(u8 *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)(v >> (8 * i));
}

static void sample_state(struct azs_nv_state *s, u32 mfg)
{
	memset(s, 0, sizeof(*s));
	s->mfg_state = mfg;
	for (int i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		s->device_id[i] = (u8)(0xa0 ^ (i * 7));
	s->caps_present = (1ull << AZS_CAP_APP_DEVELOPMENT) | (1ull << AZS_CAP_ENABLE_HLOS_DEBUG) |
			  (1ull << 63);
	s->caps_sequence = 0x0123456789abcdefull;
	s->update_counter = 0x0011223344556677ull;
}

/* Re-seal a slot after editing it, so that only the edit is wrong. */
static void reseal(u8 slot[AZS_NV_SLOT_SIZE])
{
	put_le32(slot + AZS_NV_SLOT_SIZE - 4, azs_crc32(slot, AZS_NV_SLOT_SIZE - 4));
}

/* ---- CRC-32 ------------------------------------------------------------- */

TEST(crc32_known_values)
{
	static const struct {
		const char *s;
		u32 crc;
	} cases[] = {
		{"123456789", 0xcbf43926u}, /* the standard check value */
		{"", 0x00000000u},
		{"a", 0xe8b7be43u},
		{"The quick brown fox jumps over the lazy dog", 0x414fa339u},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(cases[i].crc, azs_crc32((const u8 *)cases[i].s, strlen(cases[i].s)))
		TH_LOG("\"%s\"", cases[i].s);
	}
}

TEST(crc32_of_zero_and_ff_bytes)
{
	u8 buf[32];

	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(0x190a55adu, azs_crc32(buf, sizeof(buf)));
	memset(buf, 0xff, sizeof(buf));
	EXPECT_EQ(0xff6cab0bu, azs_crc32(buf, sizeof(buf)));
}

/* ---- Encode / decode ---------------------------------------------------- */

TEST(round_trip)
{
	static const u32 gens[] = {0, 1, 0x7fffffffu, 0x80000000u, 0xffffffffu};
	static const u32 mfgs[] = {AZS_MFG_BLANK, AZS_MFG_MODULE1_COMPLETE,
				   AZS_MFG_DEVICE_COMPLETE};

	for (size_t g = 0; g < ARRAY_SIZE(gens); g++) {
		for (size_t m = 0; m < ARRAY_SIZE(mfgs); m++) {
			struct azs_nv_state in, out;
			u8 slot[AZS_NV_SLOT_SIZE];
			u32 gen = 0x5a5a5a5a;

			sample_state(&in, mfgs[m]);
			in.caps_sequence += g;
			memset(slot, 0xcc, sizeof(slot));
			azs_nv_encode(&in, gens[g], slot);
			memset(&out, 0x77, sizeof(out));
			ASSERT_EQ(0, azs_nv_decode(slot, &out, &gen))
			TH_LOG("generation %u mfg %u", gens[g], mfgs[m]);
			EXPECT_EQ(gens[g], gen);
			EXPECT_EQ(in.mfg_state, out.mfg_state);
			EXPECT_EQ(0, memcmp(in.device_id, out.device_id, AZS_DEVICE_ID_SIZE));
			EXPECT_EQ(in.caps_present, out.caps_present);
			EXPECT_EQ(in.caps_sequence, out.caps_sequence);
			EXPECT_EQ(in.update_counter, out.update_counter);
		}
	}
}

TEST(round_trip_of_an_empty_state)
{
	struct azs_nv_state in, out;
	u8 slot[AZS_NV_SLOT_SIZE];
	u32 gen = 1;

	memset(&in, 0, sizeof(in));
	azs_nv_encode(&in, 0, slot);
	memset(&out, 0x77, sizeof(out));
	ASSERT_EQ(0, azs_nv_decode(slot, &out, &gen));
	EXPECT_EQ(0u, gen);
	EXPECT_EQ(0u, out.mfg_state);
	EXPECT_EQ(0u, out.caps_present);
	EXPECT_EQ(0u, out.caps_sequence);
	EXPECT_EQ(0u, out.update_counter);
	for (int i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		EXPECT_EQ(0, out.device_id[i]);
}

/* The layout documented in nv_record.h, byte for byte. */
TEST(encoded_layout)
{
	struct azs_nv_state in;
	u8 slot[AZS_NV_SLOT_SIZE];

	sample_state(&in, AZS_MFG_MODULE1_COMPLETE);
	memset(slot, 0xcc, sizeof(slot));
	azs_nv_encode(&in, 0x11223344u, slot);
	EXPECT_EQ(0, memcmp(slot, "AZSN", 4));
	EXPECT_EQ((u32)AZS_NV_MAGIC, le32(slot + 0));
	EXPECT_EQ((u32)AZS_NV_VERSION, le32(slot + 4));
	EXPECT_EQ(0x11223344u, le32(slot + 8));
	EXPECT_EQ((u32)AZS_MFG_MODULE1_COMPLETE, le32(slot + 12));
	EXPECT_EQ(0, memcmp(slot + 16, in.device_id, AZS_DEVICE_ID_SIZE));
	EXPECT_EQ(in.caps_present, le64(slot + 80));
	EXPECT_EQ(in.caps_sequence, le64(slot + 88));
	EXPECT_EQ(in.update_counter, le64(slot + 96));
	for (int i = 104; i < 508; i++) {
		EXPECT_EQ(0, slot[i]) TH_LOG("byte %d", i);
	}
	EXPECT_EQ(azs_crc32(slot, 508), le32(slot + 508));
}

TEST(every_flipped_bit_is_refused)
{
	struct azs_nv_state in, out;
	u8 good[AZS_NV_SLOT_SIZE], slot[AZS_NV_SLOT_SIZE];
	u32 gen;

	sample_state(&in, AZS_MFG_DEVICE_COMPLETE);
	azs_nv_encode(&in, 42, good);
	ASSERT_EQ(0, azs_nv_decode(good, &out, &gen));
	for (int byte = 0; byte < AZS_NV_SLOT_SIZE; byte++) {
		for (int bit = 0; bit < 8; bit++) {
			memcpy(slot, good, sizeof(slot));
			slot[byte] ^= (u8)(1u << bit);
			EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen))
			TH_LOG("byte %d bit %d", byte, bit);
		}
	}
}

TEST(blank_and_erased_slots_are_refused)
{
	struct azs_nv_state out;
	u8 slot[AZS_NV_SLOT_SIZE];
	u32 gen;

	memset(slot, 0, sizeof(slot));
	EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen));
	memset(slot, 0xff, sizeof(slot));
	EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen));
}

/* A write cut short: the first part of a new record over an old one. */
TEST(torn_write_is_refused)
{
	struct azs_nv_state a, b, out;
	u8 old[AZS_NV_SLOT_SIZE], new[AZS_NV_SLOT_SIZE], slot[AZS_NV_SLOT_SIZE];
	u32 gen;

	sample_state(&a, AZS_MFG_MODULE1_COMPLETE);
	sample_state(&b, AZS_MFG_DEVICE_COMPLETE);
	b.caps_present = 0;
	azs_nv_encode(&a, 7, old);
	azs_nv_encode(&b, 9, new);
	for (int cut = 1; cut < AZS_NV_SLOT_SIZE; cut++) {
		memcpy(slot, old, sizeof(slot));
		memcpy(slot, new, (size_t)cut);
		if (memcmp(slot, old, sizeof(slot)) == 0 || memcmp(slot, new, sizeof(slot)) == 0)
			continue;
		EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen)) TH_LOG("cut at %d", cut);
	}
}

TEST(mfg_state_beyond_device_complete_is_refused)
{
	static const u32 bad[] = {3, 4, 0x100, 0xffffffffu};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct azs_nv_state in, out;
		u8 slot[AZS_NV_SLOT_SIZE];
		u32 gen;

		sample_state(&in, bad[i]);
		azs_nv_encode(&in, 1, slot);
		/* The CRC is right: the state alone is refused. */
		ASSERT_EQ(azs_crc32(slot, AZS_NV_SLOT_SIZE - 4), le32(slot + AZS_NV_SLOT_SIZE - 4));
		EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen)) TH_LOG("mfg %u", bad[i]);
	}
}

/* Fields wrong under a correct CRC are refused too. */
TEST(resealed_bad_fields_are_refused)
{
	struct azs_nv_state in, out;
	u8 good[AZS_NV_SLOT_SIZE], slot[AZS_NV_SLOT_SIZE];
	u32 gen;

	sample_state(&in, AZS_MFG_BLANK);
	azs_nv_encode(&in, 3, good);

	memcpy(slot, good, sizeof(slot));
	put_le32(slot + 0, AZS_NV_MAGIC ^ 1);
	reseal(slot);
	EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen)) TH_LOG("magic");

	memcpy(slot, good, sizeof(slot));
	put_le32(slot + 4, AZS_NV_VERSION + 1);
	reseal(slot);
	EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen)) TH_LOG("version");

	for (int i = 104; i < 508; i++) {
		memcpy(slot, good, sizeof(slot));
		slot[i] = 0x01;
		reseal(slot);
		EXPECT_EQ(-EINVAL, azs_nv_decode(slot, &out, &gen)) TH_LOG("reserved byte %d", i);
	}

	/* The control: resealing the untouched record keeps it valid. */
	memcpy(slot, good, sizeof(slot));
	reseal(slot);
	EXPECT_EQ(0, azs_nv_decode(slot, &out, &gen));
}

/* ---- Choosing a slot ---------------------------------------------------- */

TEST(choose)
{
	static const struct {
		bool a_valid;
		u32 gen_a;
		bool b_valid;
		u32 gen_b;
		int want;
	} cases[] = {
		{true, 1, true, 2, 1},
		{true, 2, true, 1, 0},
		{true, 100, true, 7, 0},
		{true, 0x7ffffffeu, true, 0x7fffffffu, 1},
		{true, 0x7fffffffu, true, 0x80000000u, 1},
		/* Wrap-around: 0 comes after 0xffffffff. */
		{true, 0xffffffffu, true, 0, 1},
		{true, 0, true, 0xffffffffu, 0},
		{true, 0xfffffffeu, true, 1, 1},
		{true, 1, true, 0xfffffffeu, 0},
		/* Only one valid: its generation does not matter. */
		{true, 5, false, 6, 0},
		{true, 0, false, 0xffffffffu, 0},
		{false, 6, true, 5, 1},
		{false, 0xffffffffu, true, 0, 1},
		{false, 1, false, 2, -ENOENT},
		{false, 0, false, 0, -ENOENT},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(cases[i].want, azs_nv_choose(cases[i].a_valid, cases[i].gen_a,
						       cases[i].b_valid, cases[i].gen_b))
		TH_LOG("A %d/%u B %d/%u", cases[i].a_valid, cases[i].gen_a, cases[i].b_valid,
		       cases[i].gen_b);
	}
}

TEST(choose_equal_generations_picks_a_valid_slot)
{
	int r = azs_nv_choose(true, 9, true, 9);

	EXPECT_TRUE(r == 0 || r == 1) TH_LOG("got %d", r);
}

/* Alternating writes: the slot written last is always the one chosen. */
TEST(alternating_writes_across_the_wrap)
{
	u8 slots[AZS_NV_NUM_SLOTS][AZS_NV_SLOT_SIZE];
	bool valid[AZS_NV_NUM_SLOTS] = {false, false};
	u32 gens[AZS_NV_NUM_SLOTS] = {0, 0};
	struct azs_nv_state s, out;
	u32 gen = 0xfffffff0u;
	int cur = -ENOENT;

	memset(slots, 0xff, sizeof(slots));
	sample_state(&s, AZS_MFG_BLANK);
	for (int i = 0; i < 40; i++, gen++) {
		int next = cur < 0 ? 0 : 1 - cur;

		s.caps_sequence = (u64)i;
		azs_nv_encode(&s, gen, slots[next]);
		for (int k = 0; k < AZS_NV_NUM_SLOTS; k++)
			valid[k] = azs_nv_decode(slots[k], &out, &gens[k]) == 0;
		cur = azs_nv_choose(valid[0], gens[0], valid[1], gens[1]);
		ASSERT_EQ(next, cur) TH_LOG("write %d, generation %u", i, gen);
		ASSERT_EQ(0, azs_nv_decode(slots[cur], &out, &gens[cur]));
		EXPECT_EQ((u64)i, out.caps_sequence);
	}
}

TEST_HARNESS_MAIN
