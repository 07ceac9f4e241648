// SPDX-License-Identifier: MIT
/*
 * A P-256 key made once per fuzzer run, and the trusted key that goes with
 * it: the harnesses sign what a parser accepted and check that the verifier
 * accepts exactly that (a round trip through the real signing code).
 */
#ifndef AZS_FUZZ_KEY_H
#define AZS_FUZZ_KEY_H

#include <stdio.h>
#include <stdlib.h>

#include <openssl/ec.h>
#include <openssl/evp.h>

#include "package_crypto.h"

static inline EVP_PKEY *fuzz_key(unsigned int role, struct azs_trusted_key *trusted)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	struct azs_error err;

	if (!key || azs_package_key_id(key, trusted->id, trusted->pub, &err)) {
		fprintf(stderr, "fuzz: cannot make a P-256 key\n");
		abort();
	}
	trusted->role = role;
	return key;
}

#endif /* AZS_FUZZ_KEY_H */
