// SPDX-License-Identifier: MIT
/*
 * device-certificate sign (ss_sign_device_csr): a device's certificate
 * request, made here with OpenSSL as the device makes it (its own P-256 key,
 * CN = its ID in hex), gets a certificate for that key that OpenSSL verifies
 * against the store's device CA (ss_device_ca_export) as a TLS client; each
 * request the service must refuse is refused with no output. Each test gets a
 * fresh key store in a temporary directory.
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "device_cert.h"
#include "key_store.h"

/* A PEM certificate request for KEY naming CN (signed with SIGNER, KEY if NULL). */
static char *make_csr(EVP_PKEY *key, const char *cn, EVP_PKEY *signer, size_t *len)
{
	X509_REQ *req = X509_REQ_new();
	X509_NAME *name = X509_NAME_new();
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *out = NULL;
	long n;

	if (req && name && b &&
	    X509_NAME_add_entry_by_txt(name, "CN", V_ASN1_UTF8STRING, (const unsigned char *)cn, -1,
				       -1, 0) &&
	    X509_REQ_set_subject_name(req, name) && X509_REQ_set_pubkey(req, key) &&
	    X509_REQ_sign(req, signer ? signer : key, EVP_sha256()) > 0 &&
	    PEM_write_bio_X509_REQ(b, req)) {
		n = BIO_get_mem_data(b, &data);
		out = strndup(data, (size_t)n);
		*len = (size_t)n;
	}
	BIO_free(b);
	X509_NAME_free(name);
	X509_REQ_free(req);
	return out;
}

FIXTURE(csr)
{
	char dir[256], id[2 * AZS_DEVICE_ID_SIZE + 1];
	u8 raw_id[AZS_DEVICE_ID_SIZE];
	EVP_PKEY *key;
};

FIXTURE_SETUP(csr)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(self->dir, sizeof(self->dir), "%s/azs-csr-test.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, ss_store_init(self->dir, false));
	for (int i = 0; i < AZS_DEVICE_ID_SIZE; i++) {
		self->raw_id[i] = (u8)(0xa0 + i);
		snprintf(self->id + 2 * i, 3, "%02x", self->raw_id[i]);
	}
	self->key = EVP_EC_gen("P-256");
	ASSERT_NE(NULL, self->key);
}

FIXTURE_TEARDOWN(csr)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->dir);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->dir);
	EVP_PKEY_free(self->key);
}

TEST_F(csr, signed_for_the_devices_key_and_id_by_the_device_ca)
{
	size_t len, out_len;
	char *req = make_csr(self->key, self->id, NULL, &len), *out = NULL, ca_path[300];
	X509 *cert, *ca;
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	BIO *b;
	char cn[200];

	ASSERT_NE(NULL, req);
	ASSERT_EQ(0, ss_sign_device_csr(self->dir, req, len, self->raw_id, 30, &out, &out_len));
	ASSERT_EQ(strlen(out), out_len);
	EXPECT_EQ(NULL, strstr(out, "PRIVATE KEY")); /* the key never leaves the device */
	b = BIO_new_mem_buf(out, (int)out_len);
	cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	ca = PEM_read_bio_X509(b, NULL, NULL, NULL);
	ASSERT_NE(NULL, cert);
	ASSERT_NE(NULL, ca);
	EXPECT_EQ(1, X509_check_private_key(cert, self->key));
	X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof(cn));
	EXPECT_STREQ(self->id, cn);
	/* The CA in the answer is the one device-certificate ca exports. */
	snprintf(ca_path, sizeof(ca_path), "%s/ca.pem", self->dir);
	ASSERT_EQ(0, ss_device_ca_export(self->dir, ca_path));
	ASSERT_EQ(1, X509_STORE_load_file(store, ca_path));
	ASSERT_EQ(1, X509_STORE_CTX_init(ctx, store, cert, NULL));
	X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT);
	EXPECT_EQ(1, X509_verify_cert(ctx));
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	X509_free(cert);
	X509_free(ca);
	BIO_free(b);
	free(out);
	free(req);
}

static void expect_refused(struct __test_metadata *_metadata, const char *dir, const char *req,
			   size_t len, const u8 *id, int err)
{
	char *out = (char *)1;
	size_t out_len = 1;

	EXPECT_EQ(err, ss_sign_device_csr(dir, req, len, id, 30, &out, &out_len));
	EXPECT_EQ(NULL, out);
	EXPECT_EQ(0, out_len);
}

TEST_F(csr, another_devices_id_is_refused)
{
	size_t len;
	char *req = make_csr(self->key, self->id, NULL, &len);
	u8 other[AZS_DEVICE_ID_SIZE];

	memcpy(other, self->raw_id, sizeof(other));
	other[63] ^= 1;
	expect_refused(_metadata, self->dir, req, len, other, -EPERM);
	free(req);
}

TEST_F(csr, a_subject_that_is_not_a_device_id_is_refused)
{
	char upper[sizeof(self->id)];
	const char *cns[] = {"abc", self->id + 2, upper};
	size_t len;

	for (size_t i = 0; i < sizeof(upper) - 1; i++)
		upper[i] = (char)(self->id[i] >= 'a' ? self->id[i] - 32 : self->id[i]);
	upper[sizeof(upper) - 1] = '\0';
	for (size_t i = 0; i < 3; i++) {
		char *req = make_csr(self->key, cns[i], NULL, &len);

		ASSERT_NE(NULL, req);
		expect_refused(_metadata, self->dir, req, len, NULL, -EINVAL);
		free(req);
	}
}

TEST_F(csr, a_request_not_signed_by_its_key_is_refused)
{
	EVP_PKEY *other = EVP_EC_gen("P-256");
	size_t len;
	char *req = make_csr(self->key, self->id, other, &len);

	ASSERT_NE(NULL, req);
	expect_refused(_metadata, self->dir, req, len, NULL, -EINVAL);
	free(req);
	EVP_PKEY_free(other);
}

TEST_F(csr, a_key_that_is_not_p256_is_refused)
{
	EVP_PKEY *p384 = EVP_EC_gen("P-384");
	size_t len;
	char *req = make_csr(p384, self->id, NULL, &len);

	ASSERT_NE(NULL, req);
	expect_refused(_metadata, self->dir, req, len, NULL, -EINVAL);
	free(req);
	EVP_PKEY_free(p384);
}

TEST_F(csr, text_that_is_not_a_request_is_refused)
{
	expect_refused(_metadata, self->dir, "hello", 5, NULL, -EINVAL);
}

TEST_HARNESS_MAIN
