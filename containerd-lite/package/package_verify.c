// SPDX-License-Identifier: MIT
/* Verifying a package's signer and signature with OpenSSL 3's EVP API (see package.h). */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include "deployment.h"
#include "manifest.h"
#include <azs/cleanup_ossl.h>
#include "package.h"
#include "package_layout.h"

#define P256_BYTES 32

static void params_freep(OSSL_PARAM **p)
{
	OSSL_PARAM_free(*p);
}

/* The public key PUB (04 || x || y) as an EVP_PKEY. */
static int pkey_from_point(const uint8_t pub[AZS_PKG_PUBKEY_SIZE], EVP_PKEY **out)
{
	azs_cleanup(azs_pkey_ctx_freep) EVP_PKEY_CTX *ctx = NULL;
	azs_cleanup(params_freep) OSSL_PARAM *params = NULL;
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();

	if (!bld)
		return -ENOMEM;
	if (OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, SN_X9_62_prime256v1,
					    0) == 1 &&
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub,
					     AZS_PKG_PUBKEY_SIZE) == 1)
		params = OSSL_PARAM_BLD_to_param(bld);
	OSSL_PARAM_BLD_free(bld);
	if (!params)
		return -ENOMEM;
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, out, EVP_PKEY_PUBLIC_KEY, params) != 1) {
		ERR_clear_error();
		return -EINVAL;
	}
	return 0;
}

/*
 * The trusted keys decoded once per process, and SHA-256 fetched once: the
 * decoding (EVP_PKEY_fromdata) and the implicit fetch behind EVP_sha256() cost
 * ~0.21 M instructions, ~8 % of a 57 KB package's verification, at every call
 * (docs/performance.md). An entry is found by the whole public point, never
 * by the key id alone: it is the decoding of exactly the bytes the caller
 * trusts at this call, so a key the device no longer trusts, or one replaced
 * under the same id, is never used from here (it is another point, or is not
 * passed in at all). Successful decodings only; KEY_CACHE_SIZE entries (a
 * device trusts two keys), the oldest replaced. An entry holds a reference;
 * a caller takes its own (EVP_PKEY_up_ref) under the lock, so replacing an
 * entry never frees a key in use. The entries live until the process ends.
 */
#define KEY_CACHE_SIZE 4

static struct {
	uint8_t pub[AZS_PKG_PUBKEY_SIZE];
	EVP_PKEY *pkey; /* NULL: unused */
} key_cache[KEY_CACHE_SIZE];
static unsigned int key_cache_next; /* the entry replaced next */
static EVP_MD *sha256_md;           /* fetched at the first verification */
static pthread_mutex_t key_cache_lock = PTHREAD_MUTEX_INITIALIZER; /* both of the above */

/* *OUT: PUB decoded (a reference of the caller's: EVP_PKEY_free), *MD SHA-256. */
static int trusted_pkey(const uint8_t pub[AZS_PKG_PUBKEY_SIZE], EVP_PKEY **out, const EVP_MD **md)
{
	EVP_PKEY *pkey = NULL;
	int ret = 0;

	*out = NULL;
	if (azs_package_crypto_init())
		return -ENOMEM;
	pthread_mutex_lock(&key_cache_lock);
	if (!sha256_md)
		sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!sha256_md) {
		ERR_clear_error();
		ret = -ENOMEM;
		goto out;
	}
	*md = sha256_md; /* never freed: the pointer stays valid */
	for (unsigned int i = 0; i < KEY_CACHE_SIZE; i++) {
		if (key_cache[i].pkey && !memcmp(key_cache[i].pub, pub, AZS_PKG_PUBKEY_SIZE)) {
			pkey = key_cache[i].pkey;
			break;
		}
	}
	if (!pkey) {
		unsigned int slot = key_cache_next;

		ret = pkey_from_point(pub, &pkey);
		if (ret)
			goto out;
		key_cache_next = (slot + 1) % KEY_CACHE_SIZE;
		EVP_PKEY_free(key_cache[slot].pkey);
		memcpy(key_cache[slot].pub, pub, AZS_PKG_PUBKEY_SIZE);
		key_cache[slot].pkey = pkey;
	}
	if (EVP_PKEY_up_ref(pkey) != 1) {
		ret = -ENOMEM;
		goto out;
	}
	*out = pkey;
out:
	pthread_mutex_unlock(&key_cache_lock);
	return ret;
}

int azs_package_crypto_init(void)
{
	return OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL) == 1 ? 0 : -EIO;
}

/* r || s -> DER ECDSA-Sig-Value (*DER: OPENSSL_free). */
static int raw_to_der(const uint8_t sig[AZS_PKG_SIG_SIZE], unsigned char **der, size_t *len)
{
	azs_cleanup(azs_ecdsa_sig_freep) ECDSA_SIG *s = ECDSA_SIG_new();
	BIGNUM *r_bn = BN_bin2bn(sig, P256_BYTES, NULL);
	BIGNUM *s_bn = BN_bin2bn(sig + P256_BYTES, P256_BYTES, NULL);
	int n;

	if (!s || !r_bn || !s_bn || ECDSA_SIG_set0(s, r_bn, s_bn) != 1) {
		BN_free(r_bn);
		BN_free(s_bn);
		return -ENOMEM;
	}
	*der = NULL;
	n = i2d_ECDSA_SIG(s, der);
	if (n <= 0)
		return -ENOMEM;
	*len = (size_t)n;
	return 0;
}

int azs_p256_verify(const struct azs_trusted_key *key, const uint8_t *msg, size_t len,
		    const uint8_t sig[AZS_PKG_SIG_SIZE], struct azs_error *err)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *pkey = NULL;
	azs_cleanup(azs_md_ctx_freep) EVP_MD_CTX *ctx = NULL;
	const EVP_MD *md = NULL;
	azs_cleanup(azs_ossl_freep) unsigned char *der = NULL;
	size_t der_len = 0;
	int ret;

	ret = trusted_pkey(key->pub, &pkey, &md);
	if (ret == -EINVAL)
		return azs_error_set(err, ret, "trusted key",
				     "the %s key is not a usable P-256 public key",
				     azs_package_role_name(key->role) ?: "?");
	if (ret)
		return azs_error_set(err, ret, "trusted key", "out of memory");
	ret = raw_to_der(sig, &der, &der_len);
	if (ret)
		return azs_error_set(err, ret, "signature", "out of memory");
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return azs_error_set(err, -ENOMEM, "signature", "out of memory");
	if (EVP_DigestVerifyInit(ctx, NULL, md, NULL, pkey) != 1) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, "signature", "cannot start ECDSA verification");
	}
	ret = EVP_DigestVerify(ctx, der, der_len, msg, len);
	ERR_clear_error();
	return ret == 1 ? 0 : -EBADMSG;
}

static int check_signature(const uint8_t *buf, const struct azs_package_info *info,
			   const struct azs_trusted_key *key, struct azs_error *err)
{
	int ret = azs_p256_verify(key, buf, info->signature_offset, buf + info->signature_offset,
				  err);

	if (ret == -EBADMSG)
		return azs_error_set(err, -EBADMSG, "signature",
				     "bytes %u..%u: the ECDSA P-256 signature over bytes 0..%u "
				     "does not verify with the %s key",
				     info->signature_offset, info->total_size,
				     info->signature_offset, azs_package_role_name(key->role));
	return ret;
}

int azs_package_verify_kept(const uint8_t *buf, size_t len, const struct azs_trusted_key *keys,
			    size_t n, unsigned int allowed_roles, struct azs_package_info *out,
			    struct azs_manifest *manifest, struct azs_error *err)
{
	const struct azs_trusted_key *key = NULL;
	char id[2 * AZS_PKG_KEY_ID_SIZE + 1];
	int ret;

	ret = azs_package_parse_layout(buf, len, 0, out, manifest, err);
	if (ret)
		return ret;
	for (size_t i = 0; i < AZS_PKG_KEY_ID_SIZE; i++)
		snprintf(id + 2 * i, 3, "%02x", out->signer_key_id[i]);
	for (size_t i = 0; i < n && !key; i++)
		if (!memcmp(keys[i].id, out->signer_key_id, AZS_PKG_KEY_ID_SIZE))
			key = &keys[i];
	if (!key)
		ret = azs_error_set(err, -ENOKEY, "metadata.signer_key_id",
				    "%s is not a trusted key", id);
	else if (key->role != out->signer_role)
		ret = azs_error_set(err, -EINVAL, "metadata.signer_role",
				    "says %s, but key %s is the %s key",
				    azs_package_role_name(out->signer_role), id,
				    azs_package_role_name(key->role) ?: "?");
	else if (!(allowed_roles & AZS_PKG_ROLE_BIT(key->role)))
		ret = azs_error_set(err, -EPERM, "metadata.signer_role",
				    "%s-signed packages are not allowed here",
				    azs_package_role_name(key->role));
	else
		ret = check_signature(buf, out, key, err);
	if (ret) {
		memset(out, 0, sizeof(*out));
		if (manifest)
			azs_manifest_free(manifest);
		return ret;
	}
	out->verified = true;
	return 0;
}

int azs_package_verify(const uint8_t *buf, size_t len, const struct azs_trusted_key *keys, size_t n,
		       unsigned int allowed_roles, struct azs_package_info *out,
		       struct azs_error *err)
{
	return azs_package_verify_kept(buf, len, keys, n, allowed_roles, out, NULL, err);
}
