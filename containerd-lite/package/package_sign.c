// SPDX-License-Identifier: MIT
/* Signing a package: signer fields and the ECDSA P-256 signature (see package_crypto.h). */
#include <errno.h>
#include <string.h>

#include <openssl/err.h>

#include <azs/cleanup_ossl.h>
#include "package_crypto.h"
#include "package_layout.h"

#define P256_BYTES 32

/* DER ECDSA-Sig-Value -> r || s, each left-padded to 32 bytes. */
static int der_to_raw(const uint8_t *der, size_t len, uint8_t sig[AZS_PKG_SIG_SIZE],
		      struct azs_error *err)
{
	azs_cleanup(azs_ecdsa_sig_freep) ECDSA_SIG *s = NULL;
	const unsigned char *p = der;
	const BIGNUM *r_bn, *s_bn;

	s = d2i_ECDSA_SIG(NULL, &p, (long)len);
	if (!s || p != der + len) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, "signature",
				     "cannot decode OpenSSL's signature");
	}
	ECDSA_SIG_get0(s, &r_bn, &s_bn);
	if (BN_bn2binpad(r_bn, sig, P256_BYTES) != P256_BYTES ||
	    BN_bn2binpad(s_bn, sig + P256_BYTES, P256_BYTES) != P256_BYTES)
		return azs_error_set(err, -EINVAL, "signature", "r or s does not fit in 32 bytes");
	return 0;
}

int azs_p256_sign(EVP_PKEY *key, const uint8_t *msg, size_t len, uint8_t sig[AZS_PKG_SIG_SIZE],
		  struct azs_error *err)
{
	azs_cleanup(azs_md_ctx_freep) EVP_MD_CTX *ctx = NULL;
	azs_cleanup(azs_freep) uint8_t *der = NULL;
	size_t der_len = 0;

	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return azs_error_set(err, -ENOMEM, "signature", "out of memory");
	if (EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(ctx, NULL, &der_len, msg, len) != 1) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, "signature", "cannot start an ECDSA signature");
	}
	der = malloc(der_len);
	if (!der)
		return azs_error_set(err, -ENOMEM, "signature", "out of memory");
	if (EVP_DigestSign(ctx, der, &der_len, msg, len) != 1) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, "signature", "ECDSA signing failed");
	}
	return der_to_raw(der, der_len, sig, err);
}

int azs_package_sign(uint8_t *buf, size_t len, EVP_PKEY *key, unsigned int role,
		     struct azs_error *err)
{
	uint8_t id[AZS_PKG_KEY_ID_SIZE], pub[AZS_PKG_PUBKEY_SIZE];
	uint8_t *meta = buf + AZS_PKG_HEADER_SIZE;
	struct azs_package_info info;
	int ret;

	if (!azs_package_role_name(role))
		return azs_error_set(err, -EINVAL, "role", "%u is not a signer role", role);
	ret = azs_package_parse_layout(buf, len, 1, &info, NULL, err);
	if (!ret)
		ret = azs_package_key_id(key, id, pub, err);
	if (ret)
		return ret;
	memcpy(meta + META_KEY_ID, id, sizeof(id));
	azs_put_le16(meta + META_SIGNER_ROLE, (uint16_t)role);
	return azs_p256_sign(key, buf, info.signature_offset, buf + info.signature_offset, err);
}
