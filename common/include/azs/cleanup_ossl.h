// SPDX-License-Identifier: MIT
/* Scope-bound freeing of OpenSSL objects (the pattern: azs/cleanup.h). */
#ifndef AZS_COMMON_CLEANUP_OSSL_H
#define AZS_COMMON_CLEANUP_OSSL_H

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <azs/cleanup.h>

static inline void azs_pkey_freep(EVP_PKEY **k)
{
	EVP_PKEY_free(*k);
}

static inline void azs_pkey_ctx_freep(EVP_PKEY_CTX **c)
{
	EVP_PKEY_CTX_free(*c);
}

static inline void azs_md_ctx_freep(EVP_MD_CTX **c)
{
	EVP_MD_CTX_free(*c);
}

static inline void azs_ecdsa_sig_freep(ECDSA_SIG **s)
{
	ECDSA_SIG_free(*s);
}

static inline void azs_bn_freep(BIGNUM **b)
{
	BN_free(*b);
}

static inline void azs_ossl_freep(void *p)
{
	OPENSSL_free(*(void **)p);
}

#endif /* AZS_COMMON_CLEANUP_OSSL_H */
