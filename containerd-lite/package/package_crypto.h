// SPDX-License-Identifier: MIT
/*
 * The package's keys with OpenSSL 3: loading trusted public keys and signing
 * keys, key ids, ECDSA P-256 signatures in raw r || s form.
 */
#ifndef AZS_PACKAGE_CRYPTO_H
#define AZS_PACKAGE_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "package.h"

/*
 * KEY's uncompressed public point PUB (04 || x || y) and its key id: the first
 * 8 bytes of SHA-256(PUB). 0 or -EINVAL (not a P-256 key).
 */
int azs_package_key_id(EVP_PKEY *key, uint8_t id[AZS_PKG_KEY_ID_SIZE],
		       uint8_t pub[AZS_PKG_PUBKEY_SIZE], struct azs_error *err);

/* A PEM private key (P-256, not encrypted). 0, -errno (open), -EINVAL. */
int azs_package_load_private_key(const char *path, EVP_PKEY **key, struct azs_error *err);

/* A PEM public or private key (P-256) as a trusted key of ROLE. */
int azs_package_load_trusted_key(const char *path, unsigned int role, struct azs_trusted_key *out,
				 struct azs_error *err);

/*
 * The production and sdk keys of a key directory (scripts/gen-keys):
 * DIR/ROLE.pub.pem. KEYS gets the ones found (*N of them, at most 2); 0 if at
 * least one was, -ENOENT if none, or another -errno / -EINVAL from loading.
 */
int azs_package_load_trusted_dir(const char *dir, struct azs_trusted_key keys[2], size_t *n,
				 struct azs_error *err);

/*
 * Sign the package BUF (LEN bytes, structure valid; signer fields may be zero)
 * with KEY in ROLE: writes the key id and role into the metadata and the
 * signature over everything before it. 0, -EINVAL, -ENOMEM.
 */
int azs_package_sign(uint8_t *buf, size_t len, EVP_PKEY *key, unsigned int role,
		     struct azs_error *err);

/* Sign SHA-256(MSG) with KEY: SIG gets r || s (each 32 bytes). 0, -EINVAL, -ENOMEM. */
int azs_p256_sign(EVP_PKEY *key, const uint8_t *msg, size_t len, uint8_t sig[AZS_PKG_SIG_SIZE],
		  struct azs_error *err);

#endif /* AZS_PACKAGE_CRYPTO_H */
