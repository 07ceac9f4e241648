// SPDX-License-Identifier: MIT
/*
 * Device capability files (security-monitor/core/capfile.c): a valid file
 * built here from the layout in capfile.h, then one broken file per refusal
 * reason, each with its exact AZS_CAPFILE_* code; the binding rules; the
 * reason strings.
 */
#include "kselftest_harness.h"

#include "capfile.h"

#define SEQUENCE 0x0000000100000007ull

/* The capabilities of the valid file, in slots 0, 1, 5 and 63. */
static const struct {
	int slot;
	u8 value;
} caps[] = {
	{0, AZS_CAP_APP_DEVELOPMENT},
	{1, AZS_CAP_ENABLE_HLOS_DEBUG},
	{5, AZS_CAP_ALLOW_TEST_KEY},
	{63, AZS_CAP_FIELD_SERVICING},
};

static const u64 caps_present =
	(1ull << AZS_CAP_APP_DEVELOPMENT) | (1ull << AZS_CAP_ENABLE_HLOS_DEBUG) |
	(1ull << AZS_CAP_ALLOW_TEST_KEY) | (1ull << AZS_CAP_FIELD_SERVICING);

static void put_le32(u8 *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)(v >> (8 * i));
}

static void put_le64(u8 *p, u64 v)
{
	put_le32(p, (u32)v);
	put_le32(p + 4, (u32)(v >> 32));
}

static void device_id(u8 id[AZS_DEVICE_ID_SIZE], u8 seed)
{
	for (int i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		id[i] = (u8)(seed + 3 * i);
}

/* A valid capability file (unsigned: the signature bytes are a pattern). */
static void build(u8 buf[AZS_CAPFILE_SIZE])
{
	memset(buf, 0, AZS_CAPFILE_SIZE);
	put_le32(buf + 0, 0x5cfd5cfdu); /* magic */
	put_le32(buf + 4, 1);           /* version */
	put_le32(buf + 8, 256);         /* total length */
	put_le32(buf + 12, 0);          /* flags */
	put_le64(buf + 16, SEQUENCE);
	device_id(buf + 24, 0x40);
	for (size_t i = 0; i < ARRAY_SIZE(caps); i++)
		buf[88 + caps[i].slot] = caps[i].value;
	for (int i = 0; i < 8; i++)
		buf[152 + i] = (u8)(0xe0 + i); /* signer key id */
	/* 160..191 reserved, zero */
	for (int i = 0; i < 64; i++)
		buf[192 + i] = (u8)(0x80 ^ i); /* r || s */
}

TEST(layout_constants_match_the_documented_layout)
{
	EXPECT_EQ(256, AZS_CAPFILE_SIZE);
	EXPECT_EQ(0x5cfd5cfdu, AZS_CAPFILE_MAGIC);
	EXPECT_EQ(16, AZS_CAPFILE_OFF_SEQUENCE);
	EXPECT_EQ(24, AZS_CAPFILE_OFF_DEVICE_ID);
	EXPECT_EQ(88, AZS_CAPFILE_OFF_CAPS);
	EXPECT_EQ(152, AZS_CAPFILE_OFF_KEY_ID);
	EXPECT_EQ(160, AZS_CAPFILE_OFF_RESERVED);
	EXPECT_EQ(192, AZS_CAPFILE_OFF_SIGNATURE);
	EXPECT_EQ(192, AZS_CAPFILE_SIGNED_LEN);
}

TEST(valid_file_is_parsed)
{
	u8 buf[AZS_CAPFILE_SIZE], id[AZS_DEVICE_ID_SIZE];
	struct azs_capfile cf;
	u32 reason = 0xdead;

	build(buf);
	memset(&cf, 0x5a, sizeof(cf));
	ASSERT_EQ(0, azs_capfile_parse(buf, sizeof(buf), &cf, &reason));
	EXPECT_EQ((u32)AZS_CAPFILE_OK, reason);
	EXPECT_EQ(SEQUENCE, cf.sequence);
	device_id(id, 0x40);
	EXPECT_EQ(0, memcmp(id, cf.device_id, AZS_DEVICE_ID_SIZE));
	EXPECT_EQ(caps_present, cf.present);
	EXPECT_EQ(0, memcmp(buf + 152, cf.key_id, AZS_KEY_ID_SIZE));
	EXPECT_EQ(0, memcmp(buf + 192, cf.signature, 64));
}

TEST(file_without_capabilities_is_parsed)
{
	u8 buf[AZS_CAPFILE_SIZE];
	struct azs_capfile cf;
	u32 reason = 0xdead;

	build(buf);
	memset(buf + 88, 0, 64);
	ASSERT_EQ(0, azs_capfile_parse(buf, sizeof(buf), &cf, &reason));
	EXPECT_EQ((u32)AZS_CAPFILE_OK, reason);
	EXPECT_EQ(0u, cf.present);
}

TEST(every_known_capability_once_is_parsed)
{
	static const u8 known[] = {
		AZS_CAP_ALLOW_TEST_KEY,       AZS_CAP_ENABLE_PLUTON_DEBUG,
		AZS_CAP_ENABLE_HLOS_DEBUG,    AZS_CAP_ENABLE_N9_DEBUG,
		AZS_CAP_ENABLE_HLOS_CONSOLE,  AZS_CAP_ENABLE_SLT_LOADER,
		AZS_CAP_ENABLE_SYSTEM_SW_DEV, AZS_CAP_APP_DEVELOPMENT,
		AZS_CAP_ENABLE_RF_TEST_MODE,  AZS_CAP_FIELD_SERVICING,
	};
	u8 buf[AZS_CAPFILE_SIZE];
	struct azs_capfile cf;
	u64 want = 0;
	u32 reason;

	build(buf);
	memset(buf + 88, 0, 64);
	for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
		buf[88 + 63 - 2 * i] = known[i];
		want |= 1ull << known[i];
	}
	ASSERT_EQ(0, azs_capfile_parse(buf, sizeof(buf), &cf, &reason));
	EXPECT_EQ(want, cf.present);
	EXPECT_EQ(0x3f1eull, cf.present); /* values 1-4 and 8-13 */
}

TEST(capability_known_matches_the_uapi_list)
{
	for (u32 v = 0; v < 300; v++) {
		bool want = (v >= 1 && v <= 4) || (v >= 8 && v <= 13);

		EXPECT_EQ(want, azs_capability_known(v)) TH_LOG("value %u", v);
	}
	EXPECT_FALSE(azs_capability_known(0xffffffffu));
}

TEST(sequence_is_64_bit)
{
	static const u64 seqs[] = {1, 0xffffffffull, 1ull << 32, 1ull << 56, ~0ull};

	for (size_t i = 0; i < ARRAY_SIZE(seqs); i++) {
		u8 buf[AZS_CAPFILE_SIZE];
		struct azs_capfile cf;
		u32 reason;

		build(buf);
		put_le64(buf + 16, seqs[i]);
		ASSERT_EQ(0, azs_capfile_parse(buf, sizeof(buf), &cf, &reason))
		TH_LOG("sequence %llx", (unsigned long long)seqs[i]);
		EXPECT_EQ(seqs[i], cf.sequence);
	}
}

/* ---- One refusal per reason --------------------------------------------- */

FIXTURE(refused)
{
	u8 buf[2 * AZS_CAPFILE_SIZE];
};

FIXTURE_VARIANT(refused)
{
	u32 len;   /* bytes passed to the parser */
	int off;   /* byte to change, -1: none */
	int width; /* 1, 4 or 8 bytes, little-endian */
	u64 value;
	u32 reason;
};

/* The harness defines these without prototypes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
FIXTURE_SETUP(refused)
{
	memset(self->buf, 0, sizeof(self->buf));
	build(self->buf);
	if (variant->off < 0)
		return;
	switch (variant->width) {
	case 1:
		self->buf[variant->off] = (u8)variant->value;
		break;
	case 4:
		put_le32(self->buf + variant->off, (u32)variant->value);
		break;
	default:
		put_le64(self->buf + variant->off, variant->value);
		break;
	}
}

FIXTURE_TEARDOWN(refused)
{
}
#pragma GCC diagnostic pop

#define REFUSED(name, l, o, w, v, r)                                                               \
	FIXTURE_VARIANT_ADD(refused, name)                                                         \
	{                                                                                          \
		.len = (l), .off = (o), .width = (w), .value = (v), .reason = (r),                 \
	}

REFUSED(length_255, 255, -1, 0, 0, AZS_CAPFILE_BAD_LENGTH);
REFUSED(length_257, 257, -1, 0, 0, AZS_CAPFILE_BAD_LENGTH);
REFUSED(length_0, 0, -1, 0, 0, AZS_CAPFILE_BAD_LENGTH);
REFUSED(length_512, 512, -1, 0, 0, AZS_CAPFILE_BAD_LENGTH);
REFUSED(bad_magic, 256, 0, 4, 0x5cfd5cfcu, AZS_CAPFILE_BAD_MAGIC);
REFUSED(byte_swapped_magic, 256, 0, 4, 0xfd5cfd5cu, AZS_CAPFILE_BAD_MAGIC);
REFUSED(version_0, 256, 4, 4, 0, AZS_CAPFILE_BAD_VERSION);
REFUSED(version_2, 256, 4, 4, 2, AZS_CAPFILE_BAD_VERSION);
REFUSED(length_field_255, 256, 8, 4, 255, AZS_CAPFILE_BAD_HEADER);
REFUSED(length_field_257, 256, 8, 4, 257, AZS_CAPFILE_BAD_HEADER);
REFUSED(length_field_0, 256, 8, 4, 0, AZS_CAPFILE_BAD_HEADER);
REFUSED(flags_1, 256, 12, 4, 1, AZS_CAPFILE_BAD_HEADER);
REFUSED(flags_top_bit, 256, 12, 4, 0x80000000u, AZS_CAPFILE_BAD_HEADER);
REFUSED(sequence_0, 256, 16, 8, 0, AZS_CAPFILE_BAD_SEQUENCE);
REFUSED(capability_5, 256, 88 + 2, 1, 5, AZS_CAPFILE_BAD_CAPABILITY);
REFUSED(capability_6, 256, 88 + 2, 1, 6, AZS_CAPFILE_BAD_CAPABILITY);
REFUSED(capability_7, 256, 88 + 2, 1, 7, AZS_CAPFILE_BAD_CAPABILITY);
REFUSED(capability_14, 256, 88 + 62, 1, 14, AZS_CAPFILE_BAD_CAPABILITY);
REFUSED(capability_255, 256, 88 + 10, 1, 255, AZS_CAPFILE_BAD_CAPABILITY);
/* Slot 0 holds APP_DEVELOPMENT already. */
REFUSED(duplicate_capability, 256, 88 + 40, 1, AZS_CAP_APP_DEVELOPMENT,
	AZS_CAPFILE_DUPLICATE_CAPABILITY);
REFUSED(duplicate_in_adjacent_slot, 256, 88 + 62, 1, AZS_CAP_FIELD_SERVICING,
	AZS_CAPFILE_DUPLICATE_CAPABILITY);
REFUSED(reserved_first_byte, 256, 160, 1, 1, AZS_CAPFILE_BAD_RESERVED);
REFUSED(reserved_last_byte, 256, 191, 1, 0x80, AZS_CAPFILE_BAD_RESERVED);

TEST_F(refused, with_the_exact_reason)
{
	u8 orig[AZS_CAPFILE_SIZE];
	struct azs_capfile cf;
	u32 reason = 0xdead;

	/* The variant really changes the file (or only its length). */
	build(orig);
	if (variant->off >= 0) {
		ASSERT_NE(0, memcmp(orig, self->buf, sizeof(orig)));
	} else {
		ASSERT_NE((u32)AZS_CAPFILE_SIZE, variant->len);
	}
	EXPECT_EQ(-EINVAL, azs_capfile_parse(self->buf, variant->len, &cf, &reason));
	EXPECT_EQ(variant->reason, reason)
	TH_LOG("reason %u (%s), want %u (%s)", reason, azs_capfile_reason_str(reason),
	       variant->reason, azs_capfile_reason_str(variant->reason));
}

TEST(each_reserved_byte_nonzero_is_bad_reserved)
{
	for (int off = 160; off < 192; off++) {
		for (int v = 0x01; v <= 0x80; v <<= 1) {
			u8 buf[AZS_CAPFILE_SIZE];
			struct azs_capfile cf;
			u32 reason = 0xdead;

			build(buf);
			buf[off] = (u8)v;
			EXPECT_EQ(-EINVAL, azs_capfile_parse(buf, sizeof(buf), &cf, &reason))
			TH_LOG("byte %d = %#x", off, v);
			EXPECT_EQ((u32)AZS_CAPFILE_BAD_RESERVED, reason)
			TH_LOG("byte %d = %#x", off, v);
		}
	}
}

TEST(unknown_capability_in_every_slot)
{
	for (int slot = 0; slot < AZS_CAPFILE_NUM_SLOTS; slot++) {
		u8 buf[AZS_CAPFILE_SIZE];
		struct azs_capfile cf;
		u32 reason = 0xdead;

		build(buf);
		buf[88 + slot] = 14;
		EXPECT_EQ(-EINVAL, azs_capfile_parse(buf, sizeof(buf), &cf, &reason))
		TH_LOG("slot %d", slot);
		EXPECT_EQ((u32)AZS_CAPFILE_BAD_CAPABILITY, reason) TH_LOG("slot %d", slot);
	}
}

/* Bytes outside the checked fields (device ID, key id, signature) are data. */
TEST(device_id_key_id_and_signature_bytes_are_free)
{
	static const int offs[] = {24, 87, 152, 159, 192, 255};

	for (size_t i = 0; i < ARRAY_SIZE(offs); i++) {
		u8 buf[AZS_CAPFILE_SIZE];
		struct azs_capfile cf;
		u32 reason = 0xdead;

		build(buf);
		buf[offs[i]] ^= 0xff;
		EXPECT_EQ(0, azs_capfile_parse(buf, sizeof(buf), &cf, &reason))
		TH_LOG("byte %d", offs[i]);
	}
}

/* ---- Binding ------------------------------------------------------------ */

static void parsed(struct __test_metadata *_metadata, struct azs_capfile *cf)
{
	u8 buf[AZS_CAPFILE_SIZE];
	u32 reason;

	build(buf);
	ASSERT_EQ(0, azs_capfile_parse(buf, sizeof(buf), cf, &reason));
}

TEST(binding_wrong_device_is_enodev)
{
	static const int flips[] = {0, 31, 63};
	u8 id[AZS_DEVICE_ID_SIZE];
	struct azs_capfile cf;
	u32 reason;

	parsed(_metadata, &cf);
	for (size_t i = 0; i < ARRAY_SIZE(flips); i++) {
		device_id(id, 0x40);
		id[flips[i]] ^= 0x01;
		reason = 0xdead;
		EXPECT_EQ(-ENODEV, azs_capfile_check_binding(&cf, id, 0, &reason))
		TH_LOG("byte %d", flips[i]);
		EXPECT_EQ((u32)AZS_CAPFILE_WRONG_DEVICE, reason);
	}
	memset(id, 0, sizeof(id));
	reason = 0xdead;
	EXPECT_EQ(-ENODEV, azs_capfile_check_binding(&cf, id, 0, &reason));
	EXPECT_EQ((u32)AZS_CAPFILE_WRONG_DEVICE, reason);
}

TEST(binding_not_newer_is_estale)
{
	static const u64 lasts[] = {SEQUENCE, SEQUENCE + 1, 1ull << 33, ~0ull};
	u8 id[AZS_DEVICE_ID_SIZE];
	struct azs_capfile cf;

	parsed(_metadata, &cf);
	device_id(id, 0x40);
	for (size_t i = 0; i < ARRAY_SIZE(lasts); i++) {
		u32 reason = 0xdead;

		EXPECT_EQ(-ESTALE, azs_capfile_check_binding(&cf, id, lasts[i], &reason))
		TH_LOG("last %llx", (unsigned long long)lasts[i]);
		EXPECT_EQ((u32)AZS_CAPFILE_REPLAYED, reason);
	}
}

TEST(binding_newer_for_this_device_is_accepted)
{
	static const u64 lasts[] = {0, 1, SEQUENCE - 1, 0xffffffffull};
	u8 id[AZS_DEVICE_ID_SIZE];
	struct azs_capfile cf;

	parsed(_metadata, &cf);
	device_id(id, 0x40);
	for (size_t i = 0; i < ARRAY_SIZE(lasts); i++) {
		u32 reason = 0xdead;

		EXPECT_EQ(0, azs_capfile_check_binding(&cf, id, lasts[i], &reason))
		TH_LOG("last %llx", (unsigned long long)lasts[i]);
		EXPECT_EQ((u32)AZS_CAPFILE_OK, reason);
	}
}

/* ---- Reason strings ----------------------------------------------------- */

TEST(reason_strings_are_distinct)
{
	for (u32 i = 0; i <= AZS_CAPFILE_REPLAYED; i++) {
		const char *s = azs_capfile_reason_str(i);

		ASSERT_NE(NULL, s) TH_LOG("reason %u", i);
		EXPECT_NE(0u, strlen(s)) TH_LOG("reason %u", i);
		EXPECT_STRNE("unknown reason", s) TH_LOG("reason %u", i);
		for (u32 j = 0; j < i; j++) {
			EXPECT_STRNE(azs_capfile_reason_str(j), s)
			TH_LOG("reasons %u and %u", j, i);
		}
	}
	EXPECT_EQ(12, AZS_CAPFILE_REPLAYED);
}

TEST(unknown_reasons)
{
	static const u32 unknown[] = {13, 14, 0x100, 0xffffffffu};

	for (size_t i = 0; i < ARRAY_SIZE(unknown); i++) {
		ASSERT_NE(NULL, azs_capfile_reason_str(unknown[i]));
		EXPECT_STREQ("unknown reason", azs_capfile_reason_str(unknown[i]))
		TH_LOG("reason %u", unknown[i]);
	}
}

TEST_HARNESS_MAIN
