// SPDX-License-Identifier: MIT
/*
 * The device's client certificate (tlsutils/deviceauth.h in apps,
 * docs/security-service.md "The device's certificate"). The device's key is
 * made here, on first use, and never leaves the device: STATE/deviceauth/
 * key.pem (0600, the directory 0700). The Security Service asks for a
 * certificate request (deviceauth_csr: CN = the Secure World's device ID,
 * signed by the key) and sends back the certificate it issued
 * (deviceauth_install), which is stored only if all of this holds:
 *
 *  - it chains to the device CA the image trusts (DEVICEAUTH_CA), is valid
 *    now, and is a TLS client certificate;
 *  - it is for this device's key (X509_check_private_key) and this device's
 *    ID (its subject CN, 128 hex digits);
 *
 * else it is refused with the rule it broke, and nothing changes. Stored:
 * STATE/deviceauth/client.pem (the certificate, the CA's, the key: what
 * DeviceAuthentication apps see at /etc/deviceauth.pem), one atomic write
 * (appmand_write_file). Apps started afterwards get the new file; a running
 * app keeps the one it started with. Renewal: deviceauth_csr says "renew"
 * when there is no usable certificate, less than a third of its lifetime is
 * left, or less than RENEW_DAYS; the service delivers then.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <azsphere/security.h>

#include "deviceauth.h"
#include "package.h"
#include "util.h"

#define DEVICEAUTH_DIR "deviceauth"
#define KEY_FILE       "key.pem"
#define CERT_FILE      "client.pem"
#define MAX_CERT_PEM   16384
#define MAX_CHAIN      4
#define RENEW_DAYS     2 /* due when less is left, whatever the lifetime */

_Static_assert(DEVICEAUTH_ID_LEN == 2 * AZS_DEVICE_ID_SIZE + 1, "the device ID in hex");

/* The device ID from the security monitor, in hex: 0, or -errno with WHY. */
static int device_id(char hex[DEVICEAUTH_ID_LEN], char *why, size_t size)
{
	struct azs_sec_device_id id = {.size = sizeof(id)};
	int ret = appmand_dev_ioctl(AZS_SEC_DEVICE, O_RDONLY, AZS_SEC_IOC_GET_DEVICE_ID, &id);

	if (ret) {
		snprintf(why, size, "cannot read the device ID from the security monitor: %s",
			 strerror(-ret));
		return ret;
	}
	for (size_t i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", id.id[i]);
	return 0;
}

static int dir_path(struct appmand *d, char *path, size_t size)
{
	if (snprintf(path, size, "%s/" DEVICEAUTH_DIR, d->state_dir) >= (int)size)
		return -ENAMETOOLONG;
	if (mkdir(path, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

/* The device's key: read, or made and stored on first use. */
static int load_key(const char *dir, EVP_PKEY **key, char *why, size_t size)
{
	char path[PATH_MAX];
	BIO *b = NULL;
	char *data;
	long len;
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/" KEY_FILE, dir);
	f = fopen(path, "re");
	if (f) {
		*key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		fclose(f);
		if (!*key) {
			/* Never replaced silently: the certificate issued for it would no longer
			 * match. */
			snprintf(why, size,
				 "the device's key %s is damaged (not a PEM private key)", path);
			return -EBADMSG;
		}
		return 0;
	}
	if (errno != ENOENT) {
		ret = -errno;
		snprintf(why, size, "%s: %s", path, strerror(errno));
		return ret;
	}
	*key = EVP_EC_gen("P-256");
	b = BIO_new(BIO_s_mem());
	if (!*key || !b || !PEM_write_bio_PrivateKey(b, *key, NULL, NULL, 0, NULL, NULL)) {
		BIO_free(b);
		snprintf(why, size, "cannot make the device's key");
		return -ENOMEM;
	}
	len = BIO_get_mem_data(b, &data);
	ret = appmand_write_file(dir, KEY_FILE, data, (size_t)len, 0600);
	BIO_free(b);
	if (ret)
		snprintf(why, size, "cannot store the device's key in %s: %s", dir, strerror(-ret));
	return ret;
}

static void time_text(const ASN1_TIME *t, char *out, size_t size)
{
	struct tm tm;

	if (!ASN1_TIME_to_tm(t, &tm) || !strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, size, "?");
}

/* Does CERT's subject name only CN=ID (case aside)? */
static bool names_device(X509 *cert, const char *id)
{
	X509_NAME *name = X509_get_subject_name(cert);
	int i = name ? X509_NAME_get_index_by_NID(name, NID_commonName, -1) : -1;
	const ASN1_STRING *s;

	if (i < 0)
		return false;
	s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
	return s && ASN1_STRING_length(s) == (int)strlen(id) &&
	       !strncasecmp((const char *)ASN1_STRING_get0_data(s), id, strlen(id));
}

/* The stored certificate's end of validity and whether to renew it (none, not ours, 1/3 left). */
static void stored_state(const char *dir, EVP_PKEY *key, const char *id, char *until, size_t size,
			 bool *renew)
{
	char path[PATH_MAX];
	X509 *cert = NULL;
	FILE *f;
	int left_days, left_secs, life_days, life_secs;

	*renew = true;
	snprintf(until, size, "none");
	snprintf(path, sizeof(path), "%s/" CERT_FILE, dir);
	f = fopen(path, "re");
	if (f) {
		cert = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	if (!cert || X509_check_private_key(cert, key) != 1 || !names_device(cert, id)) {
		X509_free(cert);
		return;
	}
	time_text(X509_get0_notAfter(cert), until, size);
	if (ASN1_TIME_diff(&left_days, &left_secs, NULL, X509_get0_notAfter(cert)) &&
	    ASN1_TIME_diff(&life_days, &life_secs, X509_get0_notBefore(cert),
			   X509_get0_notAfter(cert))) {
		int64_t left = (int64_t)left_days * 86400 + left_secs;
		int64_t life = (int64_t)life_days * 86400 + life_secs;

		*renew = left * 3 < life || left < RENEW_DAYS * 86400;
	}
	X509_free(cert);
}

int deviceauth_csr(struct appmand *d, char **csr, char id[DEVICEAUTH_ID_LEN], char *until,
		   size_t until_size, bool *renew, char *why, size_t size)
{
	char dir[PATH_MAX];
	EVP_PKEY *key = NULL;
	X509_REQ *req = NULL;
	X509_NAME *name = NULL;
	BIO *b = NULL;
	char *data;
	long len;
	int ret;

	*csr = NULL;
	/* OpenSSL's first use in the daemon may be here (package.h). */
	if (azs_package_crypto_init()) {
		snprintf(why, size, "OpenSSL cannot initialise");
		return -EIO;
	}
	ret = device_id(id, why, size);
	if (ret)
		return ret;
	ret = dir_path(d, dir, sizeof(dir));
	if (ret) {
		snprintf(why, size, "%s/" DEVICEAUTH_DIR ": %s", d->state_dir, strerror(-ret));
		return ret;
	}
	ret = load_key(dir, &key, why, size);
	if (ret)
		goto out;
	stored_state(dir, key, id, until, until_size, renew);
	req = X509_REQ_new();
	name = X509_NAME_new();
	b = BIO_new(BIO_s_mem());
	if (!req || !name || !b ||
	    !X509_NAME_add_entry_by_txt(name, "CN", V_ASN1_UTF8STRING, (const unsigned char *)id,
					-1, -1, 0) ||
	    !X509_REQ_set_subject_name(req, name) || !X509_REQ_set_pubkey(req, key) ||
	    X509_REQ_sign(req, key, EVP_sha256()) <= 0 || !PEM_write_bio_X509_REQ(b, req)) {
		snprintf(why, size, "cannot make the certificate request");
		ret = -ENOMEM;
		goto out;
	}
	len = BIO_get_mem_data(b, &data);
	*csr = strndup(data, (size_t)len);
	if (!*csr)
		ret = -ENOMEM;
out:
	BIO_free(b);
	X509_NAME_free(name);
	X509_REQ_free(req);
	EVP_PKEY_free(key);
	return ret;
}

/* The chain's trust check: DEVICEAUTH_CA, now, TLS client. 0 or -EPERM with WHY. */
static int verify_chain(X509 *leaf, STACK_OF(X509) * chain, char *why, size_t size)
{
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int ret = -EPERM;

	if (!store || !ctx || X509_STORE_load_file(store, DEVICEAUTH_CA) != 1) {
		snprintf(why, size, "the device has no trusted device CA (%s)", DEVICEAUTH_CA);
		ret = -ENOENT;
	} else if (X509_STORE_CTX_init(ctx, store, leaf, chain) != 1 ||
		   X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT) != 1) {
		snprintf(why, size, "cannot check the certificate");
		ret = -ENOMEM;
	} else if (X509_verify_cert(ctx) != 1) {
		snprintf(why, size,
			 "the certificate is refused: %s (it must be issued by the device CA this "
			 "device trusts, valid now, for TLS client authentication)",
			 X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
	} else {
		ret = 0;
	}
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	return ret;
}

int deviceauth_install(struct appmand *d, const char *pem, size_t pem_len, char *until,
		       size_t until_size, char id[DEVICEAUTH_ID_LEN], char *why, size_t size)
{
	STACK_OF(X509) *chain = NULL;
	char dir[PATH_MAX], *copy = NULL, *data;
	BIO *in = NULL, *out = NULL;
	EVP_PKEY *key = NULL;
	X509 *leaf = NULL, *c;
	long len;
	int ret;

	/* OpenSSL's first use in the daemon may be here (package.h). */
	if (azs_package_crypto_init()) {
		snprintf(why, size, "OpenSSL cannot initialise");
		return -EIO;
	}
	chain = sk_X509_new_null();
	ret = device_id(id, why, size);
	if (ret)
		goto done;
	/* From the host channel: our own copy before it is parsed. */
	if (!pem_len || pem_len > MAX_CERT_PEM) {
		snprintf(why, size, "\"cert\" must be PEM text of 1 to %d bytes", MAX_CERT_PEM);
		ret = -EINVAL;
		goto done;
	}
	copy = malloc(pem_len);
	if (!copy || !chain) {
		ret = -ENOMEM;
		snprintf(why, size, "out of memory");
		goto done;
	}
	memcpy(copy, pem, pem_len);
	in = BIO_new_mem_buf(copy, (int)pem_len);
	leaf = in ? PEM_read_bio_X509(in, NULL, NULL, NULL) : NULL;
	if (!leaf) {
		snprintf(why, size, "\"cert\" is not a PEM certificate");
		ret = -EINVAL;
		goto done;
	}
	while ((c = PEM_read_bio_X509(in, NULL, NULL, NULL))) {
		if (sk_X509_num(chain) == MAX_CHAIN || !sk_X509_push(chain, c)) {
			X509_free(c);
			snprintf(why, size, "\"cert\": at most %d CA certificates may follow",
				 MAX_CHAIN);
			ret = -EINVAL;
			goto done;
		}
	}
	ret = verify_chain(leaf, chain, why, size);
	if (ret)
		goto done;
	ret = dir_path(d, dir, sizeof(dir));
	if (ret) {
		snprintf(why, size, "%s/" DEVICEAUTH_DIR ": %s", d->state_dir, strerror(-ret));
		goto done;
	}
	/* No key yet: no request was made, so this certificate cannot be ours. */
	{
		char kpath[PATH_MAX + 16];

		snprintf(kpath, sizeof(kpath), "%s/" KEY_FILE, dir);
		if (access(kpath, F_OK)) {
			snprintf(
				why, size,
				"the device has no key yet: the certificate is not for it (ask for "
				"its certificate request first)");
			ret = -EPERM;
			goto done;
		}
	}
	ret = load_key(dir, &key, why, size);
	if (ret)
		goto done;
	if (X509_check_private_key(leaf, key) != 1) {
		snprintf(why, size, "the certificate is not for this device's key");
		ret = -EPERM;
		goto done;
	}
	if (!names_device(leaf, id)) {
		snprintf(why, size,
			 "the certificate's subject is not CN=<this device's ID> (%.16s...)", id);
		ret = -EPERM;
		goto done;
	}
	/* Stored: the certificate, the CA's (the first that follows, if any), the key. */
	out = BIO_new(BIO_s_mem());
	if (!out || !PEM_write_bio_X509(out, leaf) ||
	    (sk_X509_num(chain) && !PEM_write_bio_X509(out, sk_X509_value(chain, 0))) ||
	    !PEM_write_bio_PrivateKey(out, key, NULL, NULL, 0, NULL, NULL)) {
		snprintf(why, size, "cannot encode the certificate");
		ret = -ENOMEM;
		goto done;
	}
	len = BIO_get_mem_data(out, &data);
	/* 0644 in a 0700 directory: only the apps it is mounted into can reach it. */
	ret = appmand_write_file(dir, CERT_FILE, data, (size_t)len, 0644);
	if (!ret) {
		char cpath[PATH_MAX + 16];

		snprintf(cpath, sizeof(cpath), "%s/" CERT_FILE, dir);
		if (chmod(cpath, 0644))
			ret = -errno;
	}
	if (ret)
		snprintf(why, size, "cannot store the certificate in %s: %s", dir, strerror(-ret));
	else
		time_text(X509_get0_notAfter(leaf), until, until_size);
done:
	BIO_free(out);
	BIO_free(in);
	free(copy);
	X509_free(leaf);
	sk_X509_pop_free(chain, X509_free);
	EVP_PKEY_free(key);
	return ret;
}
