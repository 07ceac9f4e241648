// SPDX-License-Identifier: MIT
/* Loading P-256 keys and computing key ids with OpenSSL 3 (see package_crypto.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>

#include <azs/cleanup_ossl.h>
#include "package_crypto.h"

#define P256_BYTES 32

/* Never prompt for a passphrase: the platform's keys are not encrypted. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

static int check_p256(EVP_PKEY *k, const char *path, struct azs_error *err)
{
	char group[64];

	if (!EVP_PKEY_is_a(k, "EC") ||
	    !EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
					    NULL) ||
	    strcmp(group, SN_X9_62_prime256v1) != 0) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, path, "not an ECDSA P-256 (prime256v1) key");
	}
	return 0;
}

int azs_package_key_id(EVP_PKEY *key, uint8_t id[AZS_PKG_KEY_ID_SIZE],
		       uint8_t pub[AZS_PKG_PUBKEY_SIZE], struct azs_error *err)
{
	azs_cleanup(azs_bn_freep) BIGNUM *x = NULL;
	azs_cleanup(azs_bn_freep) BIGNUM *y = NULL;
	uint8_t digest[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) ||
	    !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y)) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, "key", "cannot read the public point");
	}
	pub[0] = 0x04;
	if (BN_bn2binpad(x, pub + 1, P256_BYTES) != P256_BYTES ||
	    BN_bn2binpad(y, pub + 1 + P256_BYTES, P256_BYTES) != P256_BYTES)
		return azs_error_set(err, -EINVAL, "key", "the public point is not a P-256 point");
	if (!EVP_Digest(pub, AZS_PKG_PUBKEY_SIZE, digest, &len, EVP_sha256(), NULL)) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, "key", "cannot hash the public key");
	}
	memcpy(id, digest, AZS_PKG_KEY_ID_SIZE);
	return 0;
}

int azs_package_load_private_key(const char *path, EVP_PKEY **key, struct azs_error *err)
{
	azs_cleanup(azs_fclosep) FILE *f = fopen(path, "re");
	azs_cleanup(azs_pkey_freep) EVP_PKEY *k = NULL;
	int ret;

	if (!f) {
		int e = errno;

		return azs_error_set(err, -e, path, "cannot open: %s", strerror(e));
	}
	k = PEM_read_PrivateKey(f, NULL, no_passphrase, NULL);
	if (!k) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, path, "holds no usable PEM private key");
	}
	ret = check_p256(k, path, err);
	if (ret)
		return ret;
	*key = azs_steal(k);
	return 0;
}

int azs_package_load_trusted_key(const char *path, unsigned int role, struct azs_trusted_key *out,
				 struct azs_error *err)
{
	azs_cleanup(azs_fclosep) FILE *f = fopen(path, "re");
	azs_cleanup(azs_pkey_freep) EVP_PKEY *k = NULL;
	int ret;

	if (!f) {
		int e = errno;

		return azs_error_set(err, -e, path, "cannot open: %s", strerror(e));
	}
	k = PEM_read_PUBKEY(f, NULL, no_passphrase, NULL);
	if (!k) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, path, "holds no usable PEM public key");
	}
	ret = check_p256(k, path, err);
	if (!ret)
		ret = azs_package_key_id(k, out->id, out->pub, err);
	out->role = role;
	return ret;
}

int azs_package_load_trusted_dir(const char *dir, struct azs_trusted_key keys[2], size_t *n,
				 struct azs_error *err)
{
	static const unsigned int roles[] = {AZS_PKG_ROLE_PRODUCTION, AZS_PKG_ROLE_SDK};
	char path[4096];

	*n = 0;
	for (size_t i = 0; i < 2; i++) {
		int ret;

		if (snprintf(path, sizeof(path), "%s/%s.pub.pem", dir,
			     azs_package_role_name(roles[i])) >= (int)sizeof(path))
			return azs_error_set(err, -ENAMETOOLONG, dir, "path too long");
		ret = azs_package_load_trusted_key(path, roles[i], &keys[*n], err);
		if (ret == -ENOENT)
			continue;
		if (ret)
			return ret;
		(*n)++;
	}
	if (!*n)
		return azs_error_set(err, -ENOENT, dir,
				     "holds neither production.pub.pem nor sdk.pub.pem");
	azs_error_clear(err);
	return 0;
}
