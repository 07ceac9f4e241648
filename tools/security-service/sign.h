// SPDX-License-Identifier: MIT
/*
 * ECDSA P-256 signing with OpenSSL, in the form the security monitor checks
 * (security-monitor/secmon_ecdsa.c): SHA-256 of the message, signature as raw
 * r || s (32 + 32 bytes, big-endian), signer named by a key id.
 */
#ifndef SS_SIGN_H
#define SS_SIGN_H

#include <stddef.h>

#include <openssl/evp.h>

#include "capfile.h"

#define SS_SIG_SIZE 64

/*
 * The key's id as scripts/gen-keys computes it: the first AZS_KEY_ID_SIZE
 * bytes of SHA-256 over the 65-byte uncompressed public point 04 || x || y.
 */
int ss_key_id(EVP_PKEY *key, u8 id[AZS_KEY_ID_SIZE]);

/* Sign SHA-256(MSG) with KEY; SIG gets r || s. */
int ss_sign_p256(EVP_PKEY *key, const u8 *msg, size_t len, u8 sig[SS_SIG_SIZE]);

#endif /* SS_SIGN_H */
