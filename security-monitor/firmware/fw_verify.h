/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
#ifndef AZS_FW_VERIFY_H
#define AZS_FW_VERIFY_H

#include "fw.h"
#include "uapi/azsphere/security.h"

/* A root-of-trust public key (scripts/gen-keys writes the table). */
struct secmon_rot_key {
	u32 role;
	u8 id[8];   /* first 8 bytes of SHA-256 of pub */
	u8 pub[65]; /* uncompressed P-256 point: 0x04 || X || Y */
};

/* Key slot, NULL past the table; *count: the number of keys. */
const struct secmon_rot_key *fw_rot_key(u32 slot, u32 *count);

/* SHA-256 of the bundle, streamed (one at a time). */
void fw_sha256_start(void);
void fw_sha256_update(const void *p, u32 n);
void fw_sha256_finish(u8 digest[32]);

/* 1 if sig (DER ECDSA) signs digest with the platform root-of-trust key. */
int fw_verify_platform(const u8 digest[32], const u8 *sig, u32 sig_len);

/* SHA-256 of one buffer. */
void fw_sha256(const void *p, u32 n, u8 digest[32]);

/* HMAC-SHA256 of msg with key: 0, or -ENOMEM. */
int fw_hmac_sha256(const u8 *key, u32 key_len, const u8 *msg, u32 len,
		   u8 mac[32]);

/*
 * azs_verify_fn (core/verify.h) for the pure core's capability files and
 * recovery records: sig (r || s) over SHA-256 of msg with the compiled-in
 * root-of-trust key of role *(u32 *)ctx named key_id. 0, -ENOKEY,
 * -EKEYREJECTED or -ENOMEM.
 */
int fw_verify_key(void *ctx, const u8 key_id[8], const u8 *msg, u32 len,
		  const u8 sig[64]);

#endif /* AZS_FW_VERIFY_H */
