// SPDX-License-Identifier: MIT
/* issue-device-certificate: the device's client certificate (device_cert.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "device_cert.h"
#include "file_io.h"
#include "key_store.h"
#include "log.h"

#define CA_KEY  "device-ca.key.pem"
#define CA_CERT "device-ca.cert.pem"
#define CA_NAME "azsphere-linux Security Service device CA"

static int add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *ext;
	int ok;

	X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	ok = ext && X509_add_ext(cert, ext, -1);
	X509_EXTENSION_free(ext);
	return ok ? 0 : -1;
}

/* A certificate for KEY named CN, signed by ISSUER_KEY (ISSUER NULL: self-signed CA). */
static X509 *make_cert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuer_key, long days)
{
	unsigned char serial[16];
	BIGNUM *bn = NULL;
	X509 *cert = X509_new();
	X509_NAME *name = X509_NAME_new();
	int ok = cert && name && RAND_bytes(serial, sizeof(serial)) == 1;

	serial[0] &= 0x7f; /* positive */
	ok = ok && (bn = BN_bin2bn(serial, sizeof(serial), NULL)) &&
	     BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) && X509_set_version(cert, 2) &&
	     /* UTF8String as given: a device ID (128 digits) is longer than
	      * the 64 characters OpenSSL's string table allows a CN, as the
	      * platform's own device certificates are. */
	     X509_NAME_add_entry_by_txt(name, "CN", V_ASN1_UTF8STRING, (const unsigned char *)cn,
					-1, -1, 0) &&
	     X509_set_subject_name(cert, name) &&
	     X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name) &&
	     X509_gmtime_adj(X509_getm_notBefore(cert), -3600) &&
	     X509_gmtime_adj(X509_getm_notAfter(cert), days * 24 * 3600) &&
	     X509_set_pubkey(cert, key);
	if (ok && issuer)
		ok = !add_ext(cert, issuer, NID_basic_constraints, "critical,CA:FALSE") &&
		     !add_ext(cert, issuer, NID_key_usage, "critical,digitalSignature") &&
		     !add_ext(cert, issuer, NID_ext_key_usage, "clientAuth");
	else if (ok)
		ok = !add_ext(cert, cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
		     !add_ext(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign") &&
		     !add_ext(cert, cert, NID_subject_key_identifier, "hash");
	ok = ok && X509_sign(cert, issuer_key, EVP_sha256()) > 0;
	BN_free(bn);
	X509_NAME_free(name);
	if (!ok) {
		X509_free(cert);
		return NULL;
	}
	return cert;
}

/* PEM of the objects given (cert, cert, key; NULL skipped) into a file of MODE. */
static int write_pem(const char *path, mode_t mode, X509 *c1, X509 *c2, EVP_PKEY *key)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data;
	long len;
	int ret;

	if (!b || (c1 && !PEM_write_bio_X509(b, c1)) || (c2 && !PEM_write_bio_X509(b, c2)) ||
	    (key && !PEM_write_bio_PrivateKey(b, key, NULL, NULL, 0, NULL, NULL))) {
		BIO_free(b);
		ss_ossl_error("%s: cannot encode", path);
		return -EINVAL;
	}
	len = BIO_get_mem_data(b, &data);
	ret = ss_write_file_atomic_mode(path, data, (size_t)len, mode);
	BIO_free(b);
	return ret;
}

/* The store's device CA, made on first use (its key 0600, never replaced). */
static int load_ca(const char *store, X509 **ca, EVP_PKEY **ca_key)
{
	char kpath[4096], cpath[4096];
	struct stat st;
	FILE *f;

	snprintf(kpath, sizeof(kpath), "%s/" CA_KEY, store);
	snprintf(cpath, sizeof(cpath), "%s/" CA_CERT, store);
	if (lstat(kpath, &st) && errno == ENOENT && lstat(cpath, &st) && errno == ENOENT) {
		EVP_PKEY *key = EVP_EC_gen("P-256");
		X509 *cert = key ? make_cert(key, CA_NAME, NULL, key, 3650) : NULL;
		int ret = cert ? write_pem(kpath, 0600, NULL, NULL, key) : -EINVAL;

		if (!ret)
			ret = write_pem(cpath, 0644, cert, NULL, NULL);
		X509_free(cert);
		EVP_PKEY_free(key);
		if (ret) {
			ss_error("key store %s: cannot create the device CA", store);
			return ret;
		}
	}
	if (lstat(kpath, &st) || !S_ISREG(st.st_mode) || (st.st_mode & 077)) {
		ss_error("key store %s: %s is missing, not a file or open to others (must be 0600)",
			 store, CA_KEY);
		return -EPERM;
	}
	f = fopen(kpath, "re");
	*ca_key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	f = fopen(cpath, "re");
	*ca = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	if (!*ca_key || !*ca || X509_check_private_key(*ca, *ca_key) != 1) {
		ss_ossl_error("key store %s: %s and %s are not a matching key and certificate",
			      store, CA_KEY, CA_CERT);
		return -EINVAL;
	}
	return 0;
}

int ss_issue_device_certificate(const char *store, const u8 id[AZS_DEVICE_ID_SIZE],
				unsigned int days, const char *out)
{
	char cn[2 * AZS_DEVICE_ID_SIZE + 1];
	X509 *ca = NULL, *cert = NULL;
	EVP_PKEY *ca_key = NULL, *key = NULL;
	int ret;

	for (size_t i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		snprintf(cn + 2 * i, 3, "%02x", id[i]);
	ret = ss_store_open(store);
	if (!ret)
		ret = load_ca(store, &ca, &ca_key);
	if (!ret) {
		key = EVP_EC_gen("P-256");
		cert = key ? make_cert(key, cn, ca, ca_key, days) : NULL;
		if (!cert) {
			ss_ossl_error("cannot make the certificate of device %s", cn);
			ret = -EINVAL;
		}
	}
	/* The device's file: its certificate, the CA's, its key. */
	if (!ret)
		ret = write_pem(out, 0600, cert, ca, key);
	X509_free(cert);
	X509_free(ca);
	EVP_PKEY_free(key);
	EVP_PKEY_free(ca_key);
	return ret;
}

int ss_device_ca_export(const char *store, const char *out)
{
	X509 *ca = NULL;
	EVP_PKEY *ca_key = NULL;
	int ret = ss_store_open(store);

	if (!ret)
		ret = load_ca(store, &ca, &ca_key);
	if (!ret)
		ret = write_pem(out, 0644, ca, NULL, NULL);
	X509_free(ca);
	EVP_PKEY_free(ca_key);
	return ret;
}

/* The CSR's subject CN as a device ID (128 hex digits, lower case) into CN, or -EINVAL. */
static int csr_device_id(X509_REQ *req, char cn[2 * AZS_DEVICE_ID_SIZE + 1])
{
	X509_NAME *name = X509_REQ_get_subject_name(req);
	int i = name ? X509_NAME_get_index_by_NID(name, NID_commonName, -1) : -1;
	const ASN1_STRING *s;
	const unsigned char *p;

	if (i < 0 || X509_NAME_entry_count(name) != 1)
		return -EINVAL;
	s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
	if (!s || ASN1_STRING_length(s) != 2 * AZS_DEVICE_ID_SIZE)
		return -EINVAL;
	p = ASN1_STRING_get0_data(s);
	for (int k = 0; k < 2 * AZS_DEVICE_ID_SIZE; k++) {
		if (!strchr("0123456789abcdef", p[k]) || !p[k])
			return -EINVAL;
		cn[k] = (char)p[k];
	}
	cn[2 * AZS_DEVICE_ID_SIZE] = '\0';
	return 0;
}

int ss_sign_device_csr(const char *store, const char *csr, size_t csr_len, const u8 *id,
		       unsigned int days, char **out, size_t *out_len)
{
	char cn[2 * AZS_DEVICE_ID_SIZE + 1], want[2 * AZS_DEVICE_ID_SIZE + 1], group[32];
	X509 *ca = NULL, *cert = NULL;
	EVP_PKEY *ca_key = NULL, *pub = NULL;
	X509_REQ *req = NULL;
	BIO *in = NULL, *b = NULL;
	char *copy = NULL, *data;
	long len;
	int ret;

	*out = NULL;
	*out_len = 0;
	/* The CSR came from the device: our own copy, then parse and verify. */
	if (csr_len > 16384 || !(copy = malloc(csr_len + 1))) {
		ss_error("the device's certificate request is too large (%zu bytes)", csr_len);
		return -EINVAL;
	}
	memcpy(copy, csr, csr_len);
	copy[csr_len] = '\0';
	in = BIO_new_mem_buf(copy, (int)csr_len);
	req = in ? PEM_read_bio_X509_REQ(in, NULL, NULL, NULL) : NULL;
	pub = req ? X509_REQ_get_pubkey(req) : NULL;
	ret = -EINVAL;
	if (!req)
		ss_ossl_error("the device's certificate request is not a PEM certificate request");
	else if (!pub || !EVP_PKEY_is_a(pub, "EC") ||
		 !EVP_PKEY_get_utf8_string_param(pub, "group", group, sizeof(group), NULL) ||
		 strcmp(group, "prime256v1"))
		ss_error("the device's certificate request: its key is not a P-256 key");
	else if (X509_REQ_verify(req, pub) != 1)
		ss_ossl_error("the device's certificate request: its signature does not verify "
			      "(not signed by its own key)");
	else if (csr_device_id(req, cn))
		ss_error("the device's certificate request: its subject must be CN=<device ID> "
			 "(128 lower-case hex digits) and nothing else");
	else
		ret = 0;
	if (!ret && id) {
		for (size_t i = 0; i < AZS_DEVICE_ID_SIZE; i++)
			snprintf(want + 2 * i, 3, "%02x", id[i]);
		if (strcmp(cn, want)) {
			ss_error("the certificate request is for device %.16s..., not device %.16s... "
				 "(--device-id)",
				 cn, want);
			ret = -EPERM;
		}
	}
	if (!ret)
		ret = ss_store_open(store);
	if (!ret)
		ret = load_ca(store, &ca, &ca_key);
	if (!ret) {
		cert = make_cert(pub, cn, ca, ca_key, days);
		b = BIO_new(BIO_s_mem());
		if (!cert || !b || !PEM_write_bio_X509(b, cert) || !PEM_write_bio_X509(b, ca)) {
			ss_ossl_error("cannot make the certificate of device %s", cn);
			ret = -EINVAL;
		}
	}
	if (!ret) {
		len = BIO_get_mem_data(b, &data);
		*out = malloc((size_t)len + 1);
		if (!*out) {
			ret = -ENOMEM;
		} else {
			memcpy(*out, data, (size_t)len);
			(*out)[len] = '\0';
			*out_len = (size_t)len;
		}
	}
	BIO_free(b);
	BIO_free(in);
	free(copy);
	X509_REQ_free(req);
	EVP_PKEY_free(pub);
	X509_free(cert);
	X509_free(ca);
	EVP_PKEY_free(ca_key);
	return ret;
}
