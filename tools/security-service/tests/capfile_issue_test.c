// SPDX-License-Identifier: MIT
/*
 * azs-security-service's capability files, checked the way the security
 * monitor checks them (security-monitor/secmon_caps.c): the structure with
 * the pure core's azs_capfile_parse(), the signer by key id, and the raw
 * r || s signature over bytes 0..191 with OpenSSL's own verifier (after
 * turning it back into DER). Each test gets a fresh key store (ss_store_init)
 * in a temporary directory.
 */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include <azs/bytes.h>
#include "cap_names.h"
#include "capfile.h"
#include "capfile_build.h"
#include <azs/cleanup_ossl.h>
#include "file_io.h"
#include "issue.h"
#include "key_store.h"
#include "sign.h"

#define SEQUENCE 42

/* The store's key of ROLE, loaded independently of key_store.c. */
static EVP_PKEY *store_key(const char *dir, const char *role)
{
	azs_cleanup(azs_freep) char *path = NULL;
	azs_cleanup(azs_fclosep) FILE *f = NULL;

	if (asprintf(&path, "%s/%s.key.pem", dir, role) < 0)
		return NULL;
	f = fopen(path, "re");
	return f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
}

/*
 * The key id computed independently of sign.c, the way scripts/gen-keys
 * does: the last 65 bytes of the DER SubjectPublicKeyInfo, SHA-256, first 8.
 */
static int expected_key_id(EVP_PKEY *key, u8 id[AZS_KEY_ID_SIZE])
{
	azs_cleanup(azs_ossl_freep) unsigned char *der = NULL;
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int dlen;
	int len = i2d_PUBKEY(key, &der);

	if (len < 65 || der[len - 65] != 0x04)
		return -1;
	if (!EVP_Digest(der + len - 65, 65, digest, &dlen, EVP_sha256(), NULL))
		return -1;
	memcpy(id, digest, AZS_KEY_ID_SIZE);
	return 0;
}

/* Verify FILE's raw r || s over bytes 0..191 with KEY: 1 good, 0 bad. */
static int verify(EVP_PKEY *key, const u8 *file)
{
	azs_cleanup(azs_ecdsa_sig_freep) ECDSA_SIG *sig = ECDSA_SIG_new();
	azs_cleanup(azs_md_ctx_freep) EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	azs_cleanup(azs_ossl_freep) unsigned char *der = NULL;
	const u8 *raw = file + AZS_CAPFILE_OFF_SIGNATURE;
	BIGNUM *r = BN_bin2bn(raw, 32, NULL), *s = BN_bin2bn(raw + 32, 32, NULL);
	int der_len;

	if (!sig || !ctx || !r || !s || !ECDSA_SIG_set0(sig, r, s)) {
		BN_free(r);
		BN_free(s);
		return -1;
	}
	der_len = i2d_ECDSA_SIG(sig, &der);
	if (der_len <= 0 || EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, key) != 1)
		return -1;
	return EVP_DigestVerify(ctx, der, (size_t)der_len, file, AZS_CAPFILE_SIGNED_LEN) == 1;
}

/* What the monitor would say about FILE when KEY (id KEY_ID) is the capability key. */
static u32 judge(EVP_PKEY *key, const u8 key_id[AZS_KEY_ID_SIZE], const u8 *file)
{
	struct azs_capfile cf;
	u32 reason;

	if (azs_capfile_parse(file, AZS_CAPFILE_SIZE, &cf, &reason))
		return reason;
	if (memcmp(cf.key_id, key_id, AZS_KEY_ID_SIZE))
		return AZS_CAPFILE_UNKNOWN_SIGNER;
	if (verify(key, file) != 1)
		return AZS_CAPFILE_BAD_SIGNATURE;
	return AZS_CAPFILE_OK;
}

FIXTURE(issuer)
{
	char dir[256];
	EVP_PKEY *key;
	u8 key_id[AZS_KEY_ID_SIZE];
	struct ss_capfile_spec spec;
	u8 file[AZS_CAPFILE_SIZE];
};

FIXTURE_SETUP(issuer)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(self->dir, sizeof(self->dir), "%s/azs-ss-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, ss_store_init(self->dir, false));
	self->key = store_key(self->dir, "capability");
	ASSERT_NE(NULL, self->key);
	ASSERT_EQ(0, expected_key_id(self->key, self->key_id));

	self->spec.sequence = SEQUENCE;
	for (int i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		self->spec.device_id[i] = (u8)(0xa0 + i);
	self->spec.caps[0] = AZS_CAP_APP_DEVELOPMENT;
	self->spec.caps[1] = AZS_CAP_FIELD_SERVICING;
	self->spec.num_caps = 2;
	ASSERT_EQ(0, ss_issue_capability(self->dir, "capability", &self->spec, self->file));
}

FIXTURE_TEARDOWN(issuer)
{
	const char *files[] = {"capability.key.pem", "capability.pub.pem", "production.key.pem",
			       "production.pub.pem"};
	char path[300];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", self->dir, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/out.cap", self->dir);
	unlink(path);
	rmdir(self->dir);
	EVP_PKEY_free(self->key);
}

TEST_F(issuer, parses_with_the_fields_asked_for)
{
	struct azs_capfile cf;
	u32 reason = 99;

	ASSERT_EQ(0, azs_capfile_parse(self->file, AZS_CAPFILE_SIZE, &cf, &reason));
	EXPECT_EQ(AZS_CAPFILE_OK, reason);
	EXPECT_EQ(SEQUENCE, cf.sequence);
	EXPECT_EQ(0, memcmp(cf.device_id, self->spec.device_id, AZS_DEVICE_ID_SIZE));
	EXPECT_EQ((1ull << AZS_CAP_APP_DEVELOPMENT) | (1ull << AZS_CAP_FIELD_SERVICING),
		  cf.present);
	EXPECT_EQ(AZS_CAP_APP_DEVELOPMENT, self->file[AZS_CAPFILE_OFF_CAPS]);
	EXPECT_EQ(AZS_CAP_FIELD_SERVICING, self->file[AZS_CAPFILE_OFF_CAPS + 1]);
	EXPECT_TRUE(azs_all_zero(self->file + AZS_CAPFILE_OFF_CAPS + 2, AZS_CAPFILE_NUM_SLOTS - 2));
	EXPECT_EQ(AZS_CAPFILE_MAGIC, azs_get_le32(self->file));
	EXPECT_EQ(AZS_CAPFILE_VERSION, azs_get_le32(self->file + 4));
	EXPECT_EQ(AZS_CAPFILE_SIZE, azs_get_le32(self->file + 8));
	EXPECT_EQ(0, azs_get_le32(self->file + 12));
}

TEST_F(issuer, key_id_is_gen_keys_id_of_the_signer)
{
	u8 id[AZS_KEY_ID_SIZE];

	EXPECT_EQ(0, memcmp(self->file + AZS_CAPFILE_OFF_KEY_ID, self->key_id, AZS_KEY_ID_SIZE));
	EXPECT_EQ(0, memcmp(self->spec.key_id, self->key_id, AZS_KEY_ID_SIZE));
	ASSERT_EQ(0, ss_key_id(self->key, id));
	EXPECT_EQ(0, memcmp(id, self->key_id, AZS_KEY_ID_SIZE));
}

TEST_F(issuer, signature_verifies_with_openssl)
{
	EXPECT_EQ(1, verify(self->key, self->file));
	EXPECT_EQ(AZS_CAPFILE_OK, judge(self->key, self->key_id, self->file));
}

/* Flip bit BIT of byte OFF: the monitor must refuse the file, for reason WANT. */
static void expect_flip_refused(struct __test_metadata *_metadata, EVP_PKEY *key, const u8 *key_id,
				const u8 *file, int off, int bit, u32 want)
{
	u8 copy[AZS_CAPFILE_SIZE];
	u32 got;

	memcpy(copy, file, sizeof(copy));
	copy[off] ^= (u8)(1u << bit);
	got = judge(key, key_id, copy);
	EXPECT_EQ(want, got)
	{
		TH_LOG("byte %d bit %d: %s, want %s", off, bit, azs_capfile_reason_str(got),
		       azs_capfile_reason_str(want));
	}
}

#define FLIP(off, bit, want)                                                                       \
	expect_flip_refused(_metadata, self->key, self->key_id, self->file, off, bit, want)

TEST_F(issuer, flip_in_header_is_refused)
{
	FLIP(0, 0, AZS_CAPFILE_BAD_MAGIC);
	FLIP(4, 1, AZS_CAPFILE_BAD_VERSION);
	FLIP(9, 0, AZS_CAPFILE_BAD_HEADER);
	FLIP(15, 7, AZS_CAPFILE_BAD_HEADER);
}

TEST_F(issuer, flip_in_sequence_is_refused)
{
	FLIP(AZS_CAPFILE_OFF_SEQUENCE, 0, AZS_CAPFILE_BAD_SIGNATURE);
	FLIP(AZS_CAPFILE_OFF_SEQUENCE + 7, 7, AZS_CAPFILE_BAD_SIGNATURE);
}

TEST_F(issuer, flip_in_device_id_is_refused)
{
	FLIP(AZS_CAPFILE_OFF_DEVICE_ID, 0, AZS_CAPFILE_BAD_SIGNATURE);
	FLIP(AZS_CAPFILE_OFF_DEVICE_ID + 40, 3, AZS_CAPFILE_BAD_SIGNATURE);
}

TEST_F(issuer, flip_in_capabilities_is_refused)
{
	/* 11 -> 10 (known), an empty slot -> 1 (known), 11 -> 15 (unknown). */
	FLIP(AZS_CAPFILE_OFF_CAPS, 0, AZS_CAPFILE_BAD_SIGNATURE);
	FLIP(AZS_CAPFILE_OFF_CAPS + 5, 0, AZS_CAPFILE_BAD_SIGNATURE);
	FLIP(AZS_CAPFILE_OFF_CAPS, 2, AZS_CAPFILE_BAD_CAPABILITY);
}

TEST_F(issuer, flip_in_key_id_is_refused)
{
	FLIP(AZS_CAPFILE_OFF_KEY_ID, 0, AZS_CAPFILE_UNKNOWN_SIGNER);
	FLIP(AZS_CAPFILE_OFF_KEY_ID + 7, 7, AZS_CAPFILE_UNKNOWN_SIGNER);
}

TEST_F(issuer, flip_in_reserved_is_refused)
{
	FLIP(AZS_CAPFILE_OFF_RESERVED, 0, AZS_CAPFILE_BAD_RESERVED);
	FLIP(AZS_CAPFILE_OFF_SIGNATURE - 1, 7, AZS_CAPFILE_BAD_RESERVED);
}

TEST_F(issuer, flip_in_signature_is_refused)
{
	FLIP(AZS_CAPFILE_OFF_SIGNATURE, 7, AZS_CAPFILE_BAD_SIGNATURE); /* r */
	FLIP(AZS_CAPFILE_OFF_SIGNATURE + 31, 0, AZS_CAPFILE_BAD_SIGNATURE);
	FLIP(AZS_CAPFILE_OFF_SIGNATURE + 32, 7, AZS_CAPFILE_BAD_SIGNATURE); /* s */
	FLIP(AZS_CAPFILE_SIZE - 1, 0, AZS_CAPFILE_BAD_SIGNATURE);
}

TEST_F(issuer, every_single_bit_flip_is_refused)
{
	u8 copy[AZS_CAPFILE_SIZE];
	int accepted = 0;

	for (int off = 0; off < AZS_CAPFILE_SIZE; off++) {
		for (int bit = 0; bit < 8; bit++) {
			memcpy(copy, self->file, sizeof(copy));
			copy[off] ^= (u8)(1u << bit);
			if (judge(self->key, self->key_id, copy) == AZS_CAPFILE_OK) {
				TH_LOG("byte %d bit %d flipped: still accepted", off, bit);
				accepted++;
			}
		}
	}
	EXPECT_EQ(0, accepted);
}

/* r and s are left-padded: sign until each has had a leading zero byte. */
TEST_F(issuer, short_r_and_s_are_left_padded)
{
	int r_short = 0, s_short = 0, n;

	for (n = 0; n < 6000 && (r_short < 2 || s_short < 2); n++) {
		self->spec.sequence = SEQUENCE + 1 + (u64)n;
		ASSERT_EQ(0, ss_issue_capability(self->dir, "capability", &self->spec, self->file));
		ASSERT_EQ(1, verify(self->key, self->file))
		{
			TH_LOG("signature %d does not verify", n);
		}
		r_short += self->file[AZS_CAPFILE_OFF_SIGNATURE] == 0;
		s_short += self->file[AZS_CAPFILE_OFF_SIGNATURE + 32] == 0;
	}
	EXPECT_LE(2, r_short);
	EXPECT_LE(2, s_short);
}

TEST_F(issuer, another_role_key_is_an_unknown_signer)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *sdk = store_key(self->dir, "production");
	u8 sdk_id[AZS_KEY_ID_SIZE];

	ASSERT_NE(NULL, sdk);
	ASSERT_EQ(0, expected_key_id(sdk, sdk_id));
	ASSERT_EQ(0, ss_issue_capability(self->dir, "production", &self->spec, self->file));
	EXPECT_EQ(0, memcmp(self->file + AZS_CAPFILE_OFF_KEY_ID, sdk_id, AZS_KEY_ID_SIZE));
	EXPECT_EQ(AZS_CAPFILE_UNKNOWN_SIGNER, judge(self->key, self->key_id, self->file));
	/* ... though it is a good signature by the production key. */
	EXPECT_EQ(AZS_CAPFILE_OK, judge(sdk, sdk_id, self->file));
}

TEST_F(issuer, missing_key_is_an_error)
{
	u8 file[AZS_CAPFILE_SIZE];
	char path[300];

	snprintf(path, sizeof(path), "%s/production.key.pem", self->dir);
	ASSERT_EQ(0, unlink(path));
	/* The store is incomplete: every key is refused, not just the missing one. */
	EXPECT_EQ(-ENOENT, ss_issue_capability(self->dir, "production", &self->spec, file));
	EXPECT_EQ(-ENOENT, ss_issue_capability(self->dir, "capability", &self->spec, file));
}

TEST_F(issuer, store_with_loose_permissions_is_refused)
{
	u8 file[AZS_CAPFILE_SIZE];
	char path[300];

	ASSERT_EQ(0, chmod(self->dir, 0750));
	EXPECT_EQ(-EPERM, ss_issue_capability(self->dir, "capability", &self->spec, file));
	ASSERT_EQ(0, chmod(self->dir, 0700));
	snprintf(path, sizeof(path), "%s/capability.key.pem", self->dir);
	ASSERT_EQ(0, chmod(path, 0640));
	EXPECT_EQ(-EPERM, ss_issue_capability(self->dir, "capability", &self->spec, file));
	ASSERT_EQ(0, chmod(path, 0600));
	EXPECT_EQ(0, ss_issue_capability(self->dir, "capability", &self->spec, file));
}

TEST_F(issuer, written_file_reads_back)
{
	u8 back[AZS_CAPFILE_SIZE + 16];
	char path[300];
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/out.cap", self->dir);
	ASSERT_EQ(0, ss_write_file_atomic(path, self->file, sizeof(self->file)));
	ASSERT_EQ(0, ss_read_file(path, back, sizeof(back), &len));
	EXPECT_EQ(AZS_CAPFILE_SIZE, len);
	EXPECT_EQ(0, memcmp(back, self->file, AZS_CAPFILE_SIZE));
	EXPECT_EQ(-EFBIG, ss_read_file(path, back, AZS_CAPFILE_SIZE - 1, &len));
}

TEST(build_refuses_what_the_platform_would_refuse)
{
	struct ss_capfile_spec spec = {
		.sequence = 1, .caps = {AZS_CAP_APP_DEVELOPMENT}, .num_caps = 1};
	u8 file[AZS_CAPFILE_SIZE];

	ASSERT_EQ(0, ss_capfile_build(&spec, file));
	spec.sequence = 0;
	EXPECT_EQ(-EINVAL, ss_capfile_build(&spec, file));
	spec.sequence = 1;
	spec.caps[0] = 5; /* not a capability */
	EXPECT_EQ(-EINVAL, ss_capfile_build(&spec, file));
	spec.caps[0] = AZS_CAP_NONE;
	EXPECT_EQ(-EINVAL, ss_capfile_build(&spec, file));
	spec.caps[0] = AZS_CAP_FIELD_SERVICING;
	spec.caps[1] = AZS_CAP_FIELD_SERVICING;
	spec.num_caps = 2;
	EXPECT_EQ(-EINVAL, ss_capfile_build(&spec, file));
	spec.num_caps = AZS_CAPFILE_NUM_SLOTS + 1;
	EXPECT_EQ(-EINVAL, ss_capfile_build(&spec, file));
}

TEST(capability_names_and_numbers)
{
	static const struct {
		const char *arg;
		int ret;
		u8 value;
	} cases[] = {
		{"appDevelopment", 0, AZS_CAP_APP_DEVELOPMENT},
		{"fieldServicing", 0, AZS_CAP_FIELD_SERVICING},
		{"enableRfTestMode", 0, AZS_CAP_ENABLE_RF_TEST_MODE},
		{"1", 0, AZS_CAP_ALLOW_TEST_KEY},
		{"11", 0, AZS_CAP_APP_DEVELOPMENT},
		{"13", 0, AZS_CAP_FIELD_SERVICING},
		{"0", -EINVAL, 0},
		{"5", -EINVAL, 0},
		{"14", -EINVAL, 0},
		{"11x", -EINVAL, 0},
		{"-1", -EINVAL, 0},
		{"AppDevelopment", -EINVAL, 0},
		{"", -EINVAL, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		u8 v = 0;

		EXPECT_EQ(cases[i].ret, ss_capability_parse(cases[i].arg, &v))
		{
			TH_LOG("'%s'", cases[i].arg);
		}
		if (!cases[i].ret)
			EXPECT_EQ(cases[i].value, v);
	}
	/* Every number the platform knows is accepted, and only those. */
	for (u32 n = 0; n <= 64; n++) {
		char arg[8];
		u8 v;

		snprintf(arg, sizeof(arg), "%u", n);
		EXPECT_EQ(azs_capability_known(n) ? 0 : -EINVAL, ss_capability_parse(arg, &v));
	}
	EXPECT_STREQ("appDevelopment", ss_capability_name(AZS_CAP_APP_DEVELOPMENT));
	EXPECT_EQ(NULL, ss_capability_name(AZS_CAP_ALLOW_TEST_KEY));
}

TEST_HARNESS_MAIN
