// SPDX-License-Identifier: MIT
/* ECDSA P-256 signing with OpenSSL 3's EVP API (see sign.h). */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>

#include <azs/cleanup_ossl.h>
#include "log.h"
#include "sign.h"

#define P256_BYTES 32

/* The uncompressed public point 04 || x || y. */
static int public_point(EVP_PKEY *key, u8 pub[1 + 2 * P256_BYTES])
{
	azs_cleanup(azs_bn_freep) BIGNUM *x = NULL;
	azs_cleanup(azs_bn_freep) BIGNUM *y = NULL;

	if (!EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) ||
	    !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y)) {
		ss_ossl_error("cannot read the key's public point");
		return -EINVAL;
	}
	pub[0] = 0x04;
	if (BN_bn2binpad(x, pub + 1, P256_BYTES) != P256_BYTES ||
	    BN_bn2binpad(y, pub + 1 + P256_BYTES, P256_BYTES) != P256_BYTES) {
		ss_error("the key's public point is not a P-256 point");
		return -EINVAL;
	}
	return 0;
}

int ss_key_id(EVP_PKEY *key, u8 id[AZS_KEY_ID_SIZE])
{
	u8 pub[1 + 2 * P256_BYTES], digest[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	int ret;

	ret = public_point(key, pub);
	if (ret)
		return ret;
	if (!EVP_Digest(pub, sizeof(pub), digest, &len, EVP_sha256(), NULL)) {
		ss_ossl_error("cannot hash the public key");
		return -EINVAL;
	}
	memcpy(id, digest, AZS_KEY_ID_SIZE);
	return 0;
}

/* DER ECDSA-Sig-Value -> r || s, each left-padded to 32 bytes. */
static int der_to_raw(const u8 *der, size_t len, u8 sig[SS_SIG_SIZE])
{
	azs_cleanup(azs_ecdsa_sig_freep) ECDSA_SIG *s = NULL;
	const unsigned char *p = der;
	const BIGNUM *r_bn, *s_bn;

	s = d2i_ECDSA_SIG(NULL, &p, (long)len);
	if (!s || p != der + len) {
		ss_ossl_error("cannot decode the ECDSA signature");
		return -EINVAL;
	}
	ECDSA_SIG_get0(s, &r_bn, &s_bn);
	if (BN_bn2binpad(r_bn, sig, P256_BYTES) != P256_BYTES ||
	    BN_bn2binpad(s_bn, sig + P256_BYTES, P256_BYTES) != P256_BYTES) {
		ss_error("the ECDSA signature's r or s does not fit in %d bytes", P256_BYTES);
		return -EINVAL;
	}
	return 0;
}

int ss_sign_p256(EVP_PKEY *key, const u8 *msg, size_t len, u8 sig[SS_SIG_SIZE])
{
	azs_cleanup(azs_md_ctx_freep) EVP_MD_CTX *ctx = NULL;
	azs_cleanup(azs_freep) u8 *der = NULL;
	size_t der_len = 0;

	ctx = EVP_MD_CTX_new();
	if (!ctx) {
		ss_ossl_error("cannot allocate a signing context");
		return -ENOMEM;
	}
	if (EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(ctx, NULL, &der_len, msg, len) != 1) {
		ss_ossl_error("cannot start an ECDSA SHA-256 signature");
		return -EINVAL;
	}
	der = malloc(der_len);
	if (!der) {
		ss_error("cannot allocate %zu bytes for the signature", der_len);
		return -ENOMEM;
	}
	if (EVP_DigestSign(ctx, der, &der_len, msg, len) != 1) {
		ss_ossl_error("ECDSA signing failed");
		return -EINVAL;
	}
	return der_to_raw(der, der_len, sig);
}
