/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
#ifndef AZS_FW_VERIFY_H
#define AZS_FW_VERIFY_H

#include "fw.h"

/* SHA-256 of the bundle, streamed (one at a time). */
void fw_sha256_start(void);
void fw_sha256_update(const void *p, u32 n);
void fw_sha256_finish(u8 digest[32]);

/* 1 if sig (DER ECDSA) signs digest with the platform root-of-trust key. */
int fw_verify_platform(const u8 digest[32], const u8 *sig, u32 sig_len);

#endif /* AZS_FW_VERIFY_H */
