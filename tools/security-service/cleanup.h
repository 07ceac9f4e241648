// SPDX-License-Identifier: MIT
/*
 * Scope-bound freeing: a variable declared with ss_cleanup(fn) is released by
 * fn(&variable) when it goes out of scope. Every fn here accepts "nothing to
 * free" (NULL, or -1 for a descriptor), so variables start out empty.
 */
#ifndef SS_CLEANUP_H
#define SS_CLEANUP_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#define ss_cleanup(fn) __attribute__((cleanup(fn)))

static inline void ss_freep(void *p)
{
	free(*(void **)p);
}

static inline void ss_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

static inline void ss_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void ss_pkey_freep(EVP_PKEY **k)
{
	EVP_PKEY_free(*k);
}

static inline void ss_md_ctx_freep(EVP_MD_CTX **c)
{
	EVP_MD_CTX_free(*c);
}

static inline void ss_ecdsa_sig_freep(ECDSA_SIG **s)
{
	ECDSA_SIG_free(*s);
}

static inline void ss_bn_freep(BIGNUM **b)
{
	BN_free(*b);
}

static inline void ss_ossl_freep(void *p)
{
	OPENSSL_free(*(void **)p);
}

#endif /* SS_CLEANUP_H */
