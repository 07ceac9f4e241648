// SPDX-License-Identifier: MIT
/*
 * The security monitor's flash record (security-monitor/core/nv_record.c)
 * and its CRC-32 (crc32.c): round trips, the on-flash layout, corruption,
 * the choice between the two slots, blank versus corrupt flash (a corrupt
 * record is refused, never taken for a new device) and the signed recovery
 * record.
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

/* ---- Blank versus corrupt ---------------------------------------------- */

static u8 stride_a[AZS_NV_SLOT_STRIDE], stride_b[AZS_NV_SLOT_STRIDE];

static int classify(const u8 *stride, u32 *gen)
{
	struct azs_nv_state s;

	return azs_nv_classify(stride, &s, gen);
}

TEST(erased_means_all_zero_or_all_ff)
{
	u8 buf[64];

	memset(buf, 0, sizeof(buf));
	EXPECT_TRUE(azs_nv_erased(buf, sizeof(buf)));
	memset(buf, 0xff, sizeof(buf));
	EXPECT_TRUE(azs_nv_erased(buf, sizeof(buf)));
	buf[63] = 0xfe;
	EXPECT_FALSE(azs_nv_erased(buf, sizeof(buf)));
	memset(buf, 0, sizeof(buf));
	buf[0] = 0xff; /* mixed erased values: not erased */
	EXPECT_FALSE(azs_nv_erased(buf, sizeof(buf)));
}

TEST(a_slot_is_erased_valid_or_corrupt)
{
	struct azs_nv_state st, out;
	u32 gen = 0;

	memset(stride_a, 0, sizeof(stride_a));
	EXPECT_EQ(AZS_NV_SLOT_ERASED, classify(stride_a, &gen));
	memset(stride_a, 0xff, sizeof(stride_a));
	EXPECT_EQ(AZS_NV_SLOT_ERASED, classify(stride_a, &gen));

	memset(stride_a, 0, sizeof(stride_a));
	sample_state(&st, AZS_MFG_MODULE1_COMPLETE);
	azs_nv_encode(&st, 41, stride_a);
	ASSERT_EQ(AZS_NV_SLOT_VALID, azs_nv_classify(stride_a, &out, &gen));
	EXPECT_EQ(41u, gen);
	EXPECT_EQ(0, memcmp(&st.device_id, &out.device_id, AZS_DEVICE_ID_SIZE));

	/* One flipped bit anywhere in the record: corrupt, not erased. */
	for (int byte = 0; byte < AZS_NV_SLOT_SIZE; byte += 37) {
		stride_a[byte] ^= 0x10;
		EXPECT_EQ(AZS_NV_SLOT_CORRUPT, classify(stride_a, &gen)) TH_LOG("byte %d", byte);
		stride_a[byte] ^= 0x10;
	}
	/* A stray byte after the record, in the slot's stride: corrupt. */
	stride_a[AZS_NV_SLOT_STRIDE - 1] = 1;
	EXPECT_EQ(AZS_NV_SLOT_CORRUPT, classify(stride_a, &gen));
	/* A single non-erased byte in an otherwise erased slot: corrupt. */
	memset(stride_a, 0, sizeof(stride_a));
	stride_a[1000] = 0x42;
	EXPECT_EQ(AZS_NV_SLOT_CORRUPT, classify(stride_a, &gen));
}

TEST(verdict)
{
	static const struct {
		int a, gen_a, b, gen_b, want;
	} cases[] = {
		{AZS_NV_SLOT_ERASED, 0, AZS_NV_SLOT_ERASED, 0, AZS_NV_BLANK},
		{AZS_NV_SLOT_VALID, 3, AZS_NV_SLOT_ERASED, 0, 0},
		{AZS_NV_SLOT_ERASED, 0, AZS_NV_SLOT_VALID, 3, 1},
		{AZS_NV_SLOT_VALID, 3, AZS_NV_SLOT_VALID, 4, 1},
		/* A torn write of one slot leaves the other in force. */
		{AZS_NV_SLOT_VALID, 3, AZS_NV_SLOT_CORRUPT, 0, 0},
		{AZS_NV_SLOT_CORRUPT, 0, AZS_NV_SLOT_VALID, 7, 1},
		/* Nothing valid and not blank: corrupt, never a new device. */
		{AZS_NV_SLOT_CORRUPT, 0, AZS_NV_SLOT_CORRUPT, 0, AZS_NV_CORRUPT},
		{AZS_NV_SLOT_CORRUPT, 0, AZS_NV_SLOT_ERASED, 0, AZS_NV_CORRUPT},
		{AZS_NV_SLOT_ERASED, 0, AZS_NV_SLOT_CORRUPT, 0, AZS_NV_CORRUPT},
	};

	EXPECT_NE(AZS_NV_BLANK, AZS_NV_CORRUPT);
	EXPECT_GT(0, AZS_NV_BLANK);
	EXPECT_GT(0, AZS_NV_CORRUPT);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(cases[i].want, azs_nv_verdict(cases[i].a, (u32)cases[i].gen_a, cases[i].b,
							(u32)cases[i].gen_b))
		TH_LOG("case %zu", i);
	}
}

/* Both records of a used device damaged: the region is corrupt, not blank. */
static int region_verdict(void)
{
	u32 ga = 0, gb = 0;
	int ka = classify(stride_a, &ga), kb = classify(stride_b, &gb);

	return azs_nv_verdict(ka, ga, kb, gb);
}

TEST(a_used_device_with_both_records_damaged_is_corrupt)
{
	struct azs_nv_state st;

	memset(stride_a, 0, sizeof(stride_a));
	memset(stride_b, 0, sizeof(stride_b));
	sample_state(&st, AZS_MFG_DEVICE_COMPLETE);
	azs_nv_encode(&st, 5, stride_a);
	azs_nv_encode(&st, 6, stride_b);
	EXPECT_EQ(1, region_verdict());
	stride_a[20] ^= 1;
	stride_b[20] ^= 1;
	EXPECT_EQ(AZS_NV_CORRUPT, region_verdict());
	/* Wiping one record completely does not make the region blank. */
	memset(stride_a, 0, sizeof(stride_a));
	EXPECT_EQ(AZS_NV_CORRUPT, region_verdict());
	/* Only both slots erased is a new device. */
	memset(stride_b, 0xff, sizeof(stride_b));
	EXPECT_EQ(AZS_NV_BLANK, region_verdict());
}

/* ---- Recovery record ---------------------------------------------------- */

struct verify_log {
	int calls;
	const u8 *msg;
	u32 len;
};

/* The platform key's stand-in: key id 0xd4..., signature = CRC-32 pattern. */
static void toy_sign(const u8 *msg, u32 len, u8 sig[64])
{
	memset(sig, 0, 64);
	put_le32(sig, azs_crc32(msg, len));
	put_le32(sig + 60, ~azs_crc32(msg, len));
}

static int toy_verify(void *ctx, const u8 key_id[AZS_KEY_ID_SIZE], const u8 *msg, u32 len,
		      const u8 sig[64])
{
	struct verify_log *log = ctx;
	u8 want[64];

	log->calls++;
	log->msg = msg;
	log->len = len;
	for (int i = 0; i < AZS_KEY_ID_SIZE; i++)
		if (key_id[i] != 0xd4)
			return -ENOKEY;
	toy_sign(msg, len, want);
	return memcmp(want, sig, 64) ? -EKEYREJECTED : 0;
}

static u8 region_digest[AZS_NV_DIGEST_SIZE];

static void put_le64(u8 *p, u64 v)
{
	put_le32(p, (u32)v);
	put_le32(p + 4, (u32)(v >> 32));
}

static void build_recovery(u8 r[AZS_NV_RECOVERY_SIZE], const struct azs_nv_state *st)
{
	for (int i = 0; i < AZS_NV_DIGEST_SIZE; i++)
		region_digest[i] = (u8)(0x90 + i);
	memset(r, 0, AZS_NV_RECOVERY_SIZE);
	put_le32(r, 0x52535a41u);
	put_le32(r + 4, 1);
	put_le32(r + 8, 256);
	memcpy(r + 16, region_digest, AZS_NV_DIGEST_SIZE);
	memcpy(r + 48, st->device_id, AZS_DEVICE_ID_SIZE);
	put_le32(r + 112, st->mfg_state);
	put_le64(r + 120, st->caps_present);
	put_le64(r + 128, st->caps_sequence);
	put_le64(r + 136, st->update_counter);
	memset(r + 144, 0xd4, 8);
	toy_sign(r, 192, r + 192);
}

TEST(recovery_layout_constants)
{
	EXPECT_EQ(256, AZS_NV_RECOVERY_SIZE);
	EXPECT_EQ(192, AZS_NV_RECOVERY_SIGNED_LEN);
	EXPECT_EQ(8192, AZS_NV_REGION_SIZE);
	EXPECT_EQ(8192, AZS_NV_RECOVERY_OFFSET);
}

TEST(a_signed_recovery_record_for_this_region_restores_the_state)
{
	struct azs_nv_state st, out;
	struct verify_log log = {0};
	u8 r[AZS_NV_RECOVERY_SIZE];
	u32 reason = 0xdead;

	sample_state(&st, AZS_MFG_DEVICE_COMPLETE);
	build_recovery(r, &st);
	memset(&out, 0x5a, sizeof(out));
	ASSERT_EQ(0, azs_nv_recovery_check(r, region_digest, &out, &reason, toy_verify, &log));
	EXPECT_EQ((u32)AZS_NV_RECOVERY_OK, reason);
	EXPECT_EQ(0, memcmp(st.device_id, out.device_id, AZS_DEVICE_ID_SIZE));
	EXPECT_EQ(st.mfg_state, out.mfg_state);
	EXPECT_EQ(st.caps_present, out.caps_present);
	EXPECT_EQ(st.caps_sequence, out.caps_sequence);
	EXPECT_EQ(st.update_counter, out.update_counter);
	/* The signature covered the very bytes that were parsed. */
	EXPECT_EQ(1, log.calls);
	EXPECT_TRUE(log.msg == r);
	EXPECT_EQ(192u, log.len);
}

TEST(recovery_records_are_refused_with_the_field_named)
{
	static const struct {
		int off;
		u8 x;
		bool resign;
		u32 reason;
		int err;
	} cases[] = {
		{0, 1, true, AZS_NV_RECOVERY_BAD_MAGIC, -EINVAL},
		{4, 1, true, AZS_NV_RECOVERY_BAD_VERSION, -EINVAL},
		{8, 1, true, AZS_NV_RECOVERY_BAD_HEADER, -EINVAL},
		{12, 1, true, AZS_NV_RECOVERY_BAD_HEADER, -EINVAL},
		{112, 0, true, AZS_NV_RECOVERY_BAD_STATE, -EINVAL}, /* state 3, below */
		{116, 1, true, AZS_NV_RECOVERY_BAD_STATE, -EINVAL},
		{160, 1, true, AZS_NV_RECOVERY_BAD_RESERVED, -EINVAL},
		{191, 1, true, AZS_NV_RECOVERY_BAD_RESERVED, -EINVAL},
		{144, 1, true, AZS_NV_RECOVERY_UNKNOWN_SIGNER, -EKEYREJECTED},
		/* Signed bytes changed after signing: wider caps, lower counter. */
		{120, 0x40, false, AZS_NV_RECOVERY_BAD_SIGNATURE, -EKEYREJECTED},
		{136, 1, false, AZS_NV_RECOVERY_BAD_SIGNATURE, -EKEYREJECTED},
		{200, 1, false, AZS_NV_RECOVERY_BAD_SIGNATURE, -EKEYREJECTED},
		/* Validly signed, but for another corrupt region. */
		{16, 1, true, AZS_NV_RECOVERY_WRONG_REGION, -ESTALE},
		{47, 0x80, true, AZS_NV_RECOVERY_WRONG_REGION, -ESTALE},
	};
	struct azs_nv_state st, out;
	u8 r[AZS_NV_RECOVERY_SIZE];

	sample_state(&st, AZS_MFG_MODULE1_COMPLETE);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct verify_log log = {0};
		u32 reason = 0xdead;

		build_recovery(r, &st);
		if (cases[i].off == 112)
			put_le32(r + 112, 3); /* beyond DeviceComplete */
		else
			r[cases[i].off] ^= cases[i].x;
		if (cases[i].resign)
			toy_sign(r, 192, r + 192);
		EXPECT_EQ(cases[i].err,
			  azs_nv_recovery_check(r, region_digest, &out, &reason, toy_verify, &log))
		TH_LOG("case %zu (byte %d)", i, cases[i].off);
		EXPECT_EQ(cases[i].reason, reason)
		TH_LOG("case %zu: %s", i, azs_nv_recovery_reason_str(reason));
	}
}

TEST(recovery_reason_strings_name_the_bytes)
{
	EXPECT_STREQ("accepted", azs_nv_recovery_reason_str(AZS_NV_RECOVERY_OK));
	EXPECT_STREQ("issued for another corrupt region (bytes 16-47)",
		     azs_nv_recovery_reason_str(AZS_NV_RECOVERY_WRONG_REGION));
	EXPECT_STREQ("not signed by the platform key (bytes 144-151)",
		     azs_nv_recovery_reason_str(AZS_NV_RECOVERY_UNKNOWN_SIGNER));
	EXPECT_STREQ("unknown reason", azs_nv_recovery_reason_str(99));
	EXPECT_STREQ("corrupt", azs_nv_kind_name(AZS_NV_SLOT_CORRUPT));
	EXPECT_STREQ("erased", azs_nv_kind_name(AZS_NV_SLOT_ERASED));
}

TEST_HARNESS_MAIN
