// SPDX-License-Identifier: MIT
/* Scope-bound freeing of OpenSSL objects (see ../lib/cleanup.h for the pattern). */
#ifndef AZS_OSSL_CLEANUP_H
#define AZS_OSSL_CLEANUP_H

#include <stdio.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include "cleanup.h"

static inline void azs_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

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

#endif /* AZS_OSSL_CLEANUP_H */
