// SPDX-License-Identifier: MIT
/*
 * Verification of appended signatures (modsig.h) with OpenSSL 3: the
 * PKCS#7/CMS SignedData must be detached, carry exactly one signer, use
 * SHA-256 and no signed attributes (as sign-file writes it), and its
 * signature must verify over the signed bytes with the given public key
 * (the platform key: never a key or certificate found in the signature).
 */
#ifndef AZS_SIGCHECK_H
#define AZS_SIGCHECK_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "azs_error.h"

#define AZS_P256_POINT_LEN 65

/* An EVP_PKEY for an uncompressed P-256 point (0x04 || X || Y). */
int azs_key_from_point(const uint8_t point[AZS_P256_POINT_LEN], EVP_PKEY **out,
		       struct azs_error *err);
/* The same from 130 hex digits (optionally ending in a newline). */
int azs_key_from_hex(const char *hex, EVP_PKEY **out, struct azs_error *err);
/* A P-256 public key from a PEM file. */
int azs_key_from_pem(const char *path, EVP_PKEY **out, struct azs_error *err);

/*
 * Verify the appended signature of BUF (LEN bytes) with KEY. On success 0
 * and *signed_len (if not NULL) is the length of the signed bytes. Refusals
 * (err->field is NAME): -ENODATA not signed, -EBADMSG malformed signature,
 * -EKEYREJECTED the signature does not verify with KEY.
 */
int azs_sig_verify(const uint8_t *buf, size_t len, EVP_PKEY *key, const char *name,
		   size_t *signed_len, struct azs_error *err);

#endif /* AZS_SIGCHECK_H */
