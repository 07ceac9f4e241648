// SPDX-License-Identifier: MIT
/* Verification of appended signatures with OpenSSL 3 (see sigcheck.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <azs/cleanup_ossl.h>
#include "modsig.h"
#include "sigcheck.h"
#include "hex.h"

static void cms_freep(CMS_ContentInfo **c)
{
	CMS_ContentInfo_free(*c);
}

static void params_freep(OSSL_PARAM **p)
{
	OSSL_PARAM_free(*p);
}

static void param_bld_freep(OSSL_PARAM_BLD **b)
{
	OSSL_PARAM_BLD_free(*b);
}

static int is_p256(EVP_PKEY *k)
{
	char group[64];

	return EVP_PKEY_is_a(k, "EC") &&
	       EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
					      NULL) &&
	       !strcmp(group, SN_X9_62_prime256v1);
}

int azs_key_from_point(const uint8_t point[AZS_P256_POINT_LEN], EVP_PKEY **out,
		       struct azs_error *err)
{
	azs_cleanup(param_bld_freep) OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	azs_cleanup(params_freep) OSSL_PARAM *params = NULL;
	azs_cleanup(azs_pkey_ctx_freep) EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *k = NULL;

	if (point[0] != 0x04)
		return azs_error_set(err, -EINVAL, "key", "not an uncompressed P-256 point");
	if (!bld ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, SN_X9_62_prime256v1,
					     0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point,
					      AZS_P256_POINT_LEN) ||
	    !(params = OSSL_PARAM_BLD_to_param(bld)))
		return azs_error_set(err, -ENOMEM, "key", "out of memory");
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, "key", "not a valid P-256 public key");
	}
	*out = k;
	return 0;
}

int azs_key_from_hex(const char *hex, EVP_PKEY **out, struct azs_error *err)
{
	uint8_t point[AZS_P256_POINT_LEN];
	size_t n = strlen(hex);

	if (n && hex[n - 1] == '\n')
		n--;
	if (n != 2 * AZS_P256_POINT_LEN)
		return azs_error_set(err, -EINVAL, "key", "expected %d hex digits, got %zu",
				     2 * AZS_P256_POINT_LEN, n);
	if (azs_hex_decode(hex, AZS_P256_POINT_LEN, point))
		return azs_error_set(err, -EINVAL, "key", "not hex");
	return azs_key_from_point(point, out, err);
}

int azs_key_from_pem(const char *path, EVP_PKEY **out, struct azs_error *err)
{
	azs_cleanup(azs_fclosep) FILE *f = fopen(path, "re");
	azs_cleanup(azs_pkey_freep) EVP_PKEY *k = NULL;

	if (!f) {
		int e = errno;

		return azs_error_set(err, -e, path, "cannot open: %s", strerror(e));
	}
	k = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	if (!k || !is_p256(k)) {
		ERR_clear_error();
		return azs_error_set(err, -EINVAL, path, "holds no P-256 public key in PEM");
	}
	*out = azs_steal(k);
	return 0;
}

/* The one SignerInfo of a detached SignedData, checked for what we accept. */
static int signer_of(CMS_ContentInfo *cms, const char *name, CMS_SignerInfo **out,
		     struct azs_error *err)
{
	STACK_OF(CMS_SignerInfo) * sis;
	ASN1_OCTET_STRING **content;
	X509_ALGOR *dig = NULL;
	const ASN1_OBJECT *obj;
	CMS_SignerInfo *si;

	if (OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed)
		return azs_error_set(err, -EBADMSG, name, "signature is not PKCS#7 SignedData");
	content = CMS_get0_content(cms);
	if (!content || *content)
		return azs_error_set(err, -EBADMSG, name,
				     "signature is not detached (it embeds content)");
	if (OBJ_obj2nid(CMS_get0_eContentType(cms)) != NID_pkcs7_data)
		return azs_error_set(err, -EBADMSG, name, "signature is not over plain data");
	sis = CMS_get0_SignerInfos(cms);
	if (!sis || sk_CMS_SignerInfo_num(sis) != 1)
		return azs_error_set(err, -EBADMSG, name, "signature must have exactly one signer");
	si = sk_CMS_SignerInfo_value(sis, 0);
	if (CMS_signed_get_attr_count(si) >= 0)
		return azs_error_set(err, -EBADMSG, name,
				     "signature has signed attributes (not sign-file's format)");
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig, NULL);
	X509_ALGOR_get0(&obj, NULL, NULL, dig);
	if (OBJ_obj2nid(obj) != NID_sha256)
		return azs_error_set(err, -EBADMSG, name, "signature digest is not SHA-256");
	*out = si;
	return 0;
}

int azs_sig_verify(const uint8_t *buf, size_t len, EVP_PKEY *key, const char *name,
		   size_t *signed_len, struct azs_error *err)
{
	azs_cleanup(cms_freep) CMS_ContentInfo *cms = NULL;
	azs_cleanup(azs_md_ctx_freep) EVP_MD_CTX *md = NULL;
	struct azs_modsig sig;
	const unsigned char *p;
	ASN1_OCTET_STRING *value;
	CMS_SignerInfo *si;
	const char *why;
	int ret;

	ret = azs_modsig_parse(buf, len, &sig, &why);
	if (ret)
		return azs_error_set(err, ret, name, "%s", why);
	p = buf + sig.sig_off;
	cms = d2i_CMS_ContentInfo(NULL, &p, (long)sig.sig_len);
	if (!cms || p != buf + sig.sig_off + sig.sig_len) {
		ERR_clear_error();
		return azs_error_set(err, -EBADMSG, name, "signature is not valid DER PKCS#7");
	}
	ret = signer_of(cms, name, &si, err);
	if (ret)
		return ret;
	value = CMS_SignerInfo_get0_signature(si);
	md = EVP_MD_CTX_new();
	if (!md || EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key) <= 0) {
		ERR_clear_error();
		return azs_error_set(err, -ENOMEM, name, "cannot set up the verification");
	}
	if (EVP_DigestVerify(md, ASN1_STRING_get0_data(value), (size_t)ASN1_STRING_length(value),
			     buf, sig.signed_len) != 1) {
		ERR_clear_error();
		return azs_error_set(err, -EKEYREJECTED, name,
				     "signature does not verify with the platform key");
	}
	if (signed_len)
		*signed_len = sig.signed_len;
	return 0;
}
