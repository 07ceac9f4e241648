// SPDX-License-Identifier: MIT
/*
 * The boot chain's signature checks (boot/): appended-signature parsing,
 * PKCS#7 verification with the platform key (signatures made here with
 * OpenSSL's CMS API the way sign-file makes them, and by Debian's sign-file
 * itself), and the signed digest list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "digest_list.h"
#include "kselftest_harness.h"
#include "modsig.h"
#include "sigcheck.h"

struct blob {
	uint8_t *p;
	size_t n;
};

static void blob_add(struct blob *b, const void *data, size_t n)
{
	b->p = realloc(b->p, b->n + n);
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static X509 *self_signed(EVP_PKEY *key)
{
	X509 *x = X509_new();
	X509_NAME *name;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, key);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"test", -1, -1,
				   0);
	X509_set_issuer_name(x, name);
	X509_sign(x, key, EVP_sha256());
	return x;
}

/* PAYLOAD + DER PKCS#7 (as sign-file makes it) + trailer + magic. */
static struct blob sign_blob(EVP_PKEY *key, const char *payload, unsigned int extra_flags)
{
	unsigned int flags = CMS_NOCERTS | CMS_PARTIAL | CMS_BINARY | CMS_DETACHED | CMS_STREAM |
			     CMS_NOSMIMECAP | extra_flags;
	uint8_t info[AZS_MODSIG_INFO_LEN] = {0, 0, AZS_MODSIG_ID_PKCS7};
	X509 *cert = self_signed(key);
	BIO *in = BIO_new_mem_buf(payload, (int)strlen(payload));
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	unsigned char *der = NULL;
	struct blob b = {0};
	int n;

	CMS_add1_signer(cms, cert, key, EVP_sha256(), flags);
	CMS_final(cms, in, NULL, flags);
	n = i2d_CMS_ContentInfo(cms, &der);
	blob_add(&b, payload, strlen(payload));
	blob_add(&b, der, (size_t)n);
	info[8] = (uint8_t)(n >> 24);
	info[9] = (uint8_t)(n >> 16);
	info[10] = (uint8_t)(n >> 8);
	info[11] = (uint8_t)n;
	blob_add(&b, info, sizeof(info));
	blob_add(&b, AZS_MODSIG_MAGIC, AZS_MODSIG_MAGIC_LEN);
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	X509_free(cert);
	return b;
}

static const char payload[] = "ELF-ish module image bytes\n";

FIXTURE(sig)
{
	EVP_PKEY *platform, *other;
	struct blob good;
	struct azs_error err;
};

FIXTURE_SETUP(sig)
{
	self->platform = EVP_EC_gen("P-256");
	self->other = EVP_EC_gen("P-256");
	ASSERT_NE(NULL, self->platform);
	ASSERT_NE(NULL, self->other);
	self->good = sign_blob(self->platform, payload, CMS_NOATTR);
	memset(&self->err, 0, sizeof(self->err));
}

FIXTURE_TEARDOWN(sig)
{
	EVP_PKEY_free(self->platform);
	EVP_PKEY_free(self->other);
	free(self->good.p);
}

TEST_F(sig, parse_finds_the_parts)
{
	struct azs_modsig m;

	ASSERT_EQ(0, azs_modsig_parse(self->good.p, self->good.n, &m, NULL));
	EXPECT_EQ(strlen(payload), m.signed_len);
	EXPECT_EQ(strlen(payload), m.sig_off);
	EXPECT_EQ(self->good.n - strlen(payload) - 40, m.sig_len);
}

TEST_F(sig, good_signature_verifies)
{
	size_t signed_len = 0;

	EXPECT_EQ(0, azs_sig_verify(self->good.p, self->good.n, self->platform, "m.ko", &signed_len,
				    &self->err));
	EXPECT_EQ(strlen(payload), signed_len);
}

TEST_F(sig, flipped_payload_byte_is_rejected)
{
	self->good.p[3] ^= 0x01;
	EXPECT_EQ(-EKEYREJECTED, azs_sig_verify(self->good.p, self->good.n, self->platform, "m.ko",
						NULL, &self->err));
	EXPECT_STREQ("m.ko", self->err.field);
	EXPECT_NE(NULL, strstr(self->err.reason, "does not verify"));
}

TEST_F(sig, wrong_key_is_rejected)
{
	EXPECT_EQ(-EKEYREJECTED, azs_sig_verify(self->good.p, self->good.n, self->other, "m.ko",
						NULL, &self->err));
}

/*
 * The signature value ends the DER (no unsigned attributes): flipping any of
 * its last 64 bytes (ECDSA r and s) must be refused. Bytes such as the
 * signer's issuer and serial number are not authenticated by PKCS#7 without
 * signed attributes; the verifier never uses them (the platform key decides).
 */
TEST_F(sig, every_flipped_signature_value_byte_is_refused)
{
	struct azs_modsig m;

	ASSERT_EQ(0, azs_modsig_parse(self->good.p, self->good.n, &m, NULL));
	for (size_t i = m.sig_len - 64; i < m.sig_len; i++) {
		self->good.p[m.sig_off + i] ^= 0x80;
		EXPECT_NE(0, azs_sig_verify(self->good.p, self->good.n, self->platform, "m.ko",
					    NULL, &self->err))
		TH_LOG("byte %zu of the signature flipped and still accepted", i);
		self->good.p[m.sig_off + i] ^= 0x80;
	}
}

TEST_F(sig, missing_signature_is_nodata)
{
	EXPECT_EQ(-ENODATA, azs_sig_verify((const uint8_t *)payload, strlen(payload),
					   self->platform, "m.ko", NULL, &self->err));
	EXPECT_NE(NULL, strstr(self->err.reason, "no signature"));
}

TEST_F(sig, malformed_trailers_are_refused)
{
	struct azs_modsig m;
	size_t info = self->good.n - AZS_MODSIG_MAGIC_LEN - AZS_MODSIG_INFO_LEN;
	uint8_t *p = self->good.p;

	/* Only the magic. */
	EXPECT_EQ(-EBADMSG, azs_modsig_parse(p + self->good.n - AZS_MODSIG_MAGIC_LEN,
					     AZS_MODSIG_MAGIC_LEN, &m, NULL));
	p[info + 2] = 1; /* id_type: not PKCS#7 */
	EXPECT_EQ(-EBADMSG, azs_modsig_parse(p, self->good.n, &m, NULL));
	p[info + 2] = AZS_MODSIG_ID_PKCS7;
	p[info + 0] = 1; /* algo must be 0 */
	EXPECT_EQ(-EBADMSG, azs_modsig_parse(p, self->good.n, &m, NULL));
	p[info + 0] = 0;
	p[info + 8] = 0x7f; /* sig_len past the start */
	EXPECT_EQ(-EBADMSG, azs_modsig_parse(p, self->good.n, &m, NULL));
	p[info + 8] = 0;
	memset(p + info + 8, 0, 4); /* sig_len 0 */
	EXPECT_EQ(-EBADMSG, azs_modsig_parse(p, self->good.n, &m, NULL));
}

TEST_F(sig, signed_attributes_are_refused)
{
	struct blob b = sign_blob(self->platform, payload, 0);

	EXPECT_EQ(-EBADMSG, azs_sig_verify(b.p, b.n, self->platform, "m.ko", NULL, &self->err));
	EXPECT_NE(NULL, strstr(self->err.reason, "signed attributes"));
	free(b.p);
}

TEST_F(sig, key_from_hex_point)
{
	uint8_t point[AZS_P256_POINT_LEN];
	char hex[2 * AZS_P256_POINT_LEN + 2];
	EVP_PKEY *k = NULL;
	size_t n = 0;

	ASSERT_EQ(1, EVP_PKEY_get_octet_string_param(self->platform, OSSL_PKEY_PARAM_PUB_KEY, point,
						     sizeof(point), &n));
	ASSERT_EQ(sizeof(point), n);
	for (size_t i = 0; i < n; i++)
		sprintf(hex + 2 * i, "%02x", point[i]);
	strcat(hex, "\n");
	ASSERT_EQ(0, azs_key_from_hex(hex, &k, &self->err));
	EXPECT_EQ(0, azs_sig_verify(self->good.p, self->good.n, k, "m.ko", NULL, &self->err));
	EVP_PKEY_free(k);
	k = NULL;
	hex[10] = 'x';
	EXPECT_EQ(-EINVAL, azs_key_from_hex(hex, &k, &self->err));
	EXPECT_EQ(-EINVAL, azs_key_from_hex("04abcd", &k, &self->err));
	memset(point + 1, 0x11, 64); /* not on the curve */
	EXPECT_EQ(-EINVAL, azs_key_from_point(point, &k, &self->err));
}

/* Interoperability with Debian's sign-file, the tool the build signs with. */
TEST_F(sig, sign_file_output_verifies)
{
	char dir[] = "/tmp/bootsig-XXXXXX", cmd[1024], path[256];
	FILE *f;
	X509 *cert;
	struct stat st;
	uint8_t *buf;

	if (access(AZS_SIGN_FILE, X_OK))
		SKIP(return, "%s not installed", AZS_SIGN_FILE);
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/key.pem", dir);
	f = fopen(path, "w");
	PEM_write_PrivateKey(f, self->platform, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	snprintf(path, sizeof(path), "%s/cert.pem", dir);
	cert = self_signed(self->platform);
	f = fopen(path, "w");
	PEM_write_X509(f, cert);
	fclose(f);
	X509_free(cert);
	snprintf(path, sizeof(path), "%s/m.ko", dir);
	f = fopen(path, "w");
	fputs(payload, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s sha256 %s/key.pem %s/cert.pem %s", AZS_SIGN_FILE, dir, dir,
		 path);
	ASSERT_EQ(0, system(cmd));
	ASSERT_EQ(0, stat(path, &st));
	buf = malloc((size_t)st.st_size);
	f = fopen(path, "r");
	ASSERT_EQ(1, fread(buf, (size_t)st.st_size, 1, f));
	fclose(f);
	EXPECT_EQ(0,
		  azs_sig_verify(buf, (size_t)st.st_size, self->platform, "m.ko", NULL, &self->err))
	TH_LOG("%s: %s", self->err.field, self->err.reason);
	EXPECT_EQ(-EKEYREJECTED,
		  azs_sig_verify(buf, (size_t)st.st_size, self->other, "m.ko", NULL, &self->err));
	free(buf);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ASSERT_EQ(0, system(cmd));
}

static int count_entry(const struct azs_digest_entry *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

#define D64 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

TEST(digest_list_parses_and_finds)
{
	const char list[] = D64 "  /usr/sbin/azs-appmand\n" D64 "  /etc/azs/policy/x.json\n";
	struct azs_digest_entry e;
	struct azs_error err;
	int n = 0;

	ASSERT_EQ(0, azs_digest_list_each(list, strlen(list), count_entry, &n, &err));
	EXPECT_EQ(2, n);
	ASSERT_EQ(0, azs_digest_list_find(list, strlen(list), "/etc/azs/policy/x.json", &e, &err));
	EXPECT_EQ(0x00, e.digest[0]);
	EXPECT_EQ(0xff, e.digest[31]);
	EXPECT_EQ(-ENOENT, azs_digest_list_find(list, strlen(list), "/bin/sh", &e, &err));
	EXPECT_NE(NULL, strstr(err.reason, "not in the signed platform list"));
}

TEST(digest_list_refuses_malformed)
{
	static const char *const bad[] = {
		"",                        /* empty */
		D64 "  /a",                /* no final newline */
		D64 " /a\n",               /* one space */
		D64 "  a\n",               /* relative */
		D64 "  /a\n" D64 "  /a\n", /* twice */
		"0011  /a\n",              /* short digest */
		"00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff  /a\n",
		D64 "  /a\n\n", /* empty line */
	};
	struct azs_digest_entry e;
	struct azs_error err;
	int n = 0;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EBADMSG,
			  azs_digest_list_each(bad[i], strlen(bad[i]), count_entry, &n, &err))
		TH_LOG("case %zu accepted", i);
		EXPECT_NE(0, azs_digest_list_find(bad[i], strlen(bad[i]), "/a", &e, &err));
	}
	EXPECT_EQ(0, n);
}

TEST_HARNESS_MAIN
