// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The boot chain's signature check in Secure World: SHA-256 and ECDSA P-256
 * from Mbed TLS (Debian's source, mbedtls_config.h), against the platform's
 * root-of-trust key compiled into the firmware (scripts/gen-keys, the same
 * table the x86-64 stand-in carries).
 */
#include "fw.h"
#include "fw_verify.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/sha256.h"

#include "rot_keys.h"

#define NUM_KEYS (sizeof(secmon_rot_keys) / sizeof(secmon_rot_keys[0]))

const struct secmon_rot_key *fw_rot_key(u32 slot, u32 *count)
{
	*count = NUM_KEYS;
	return slot < NUM_KEYS ? &secmon_rot_keys[slot] : NULL;
}

static mbedtls_sha256_context sha;

void fw_sha256_start(void)
{
	mbedtls_sha256_init(&sha);
	mbedtls_sha256_starts_ret(&sha, 0);
}

void fw_sha256_update(const void *p, u32 n)
{
	mbedtls_sha256_update_ret(&sha, p, n);
}

void fw_sha256_finish(u8 digest[32])
{
	mbedtls_sha256_finish_ret(&sha, digest);
	mbedtls_sha256_free(&sha);
}

int fw_verify_platform(const u8 digest[32], const u8 *sig, u32 sig_len)
{
	const struct secmon_rot_key *key = NULL;
	mbedtls_ecdsa_context ctx;
	size_t i;
	int ok;

	for (i = 0; i < NUM_KEYS; i++) {
		if (secmon_rot_keys[i].role == AZS_KEY_ROLE_PLATFORM) {
			key = &secmon_rot_keys[i];
			break;
		}
	}
	if (!key)
		return 0;
	mbedtls_ecdsa_init(&ctx);
	ok = mbedtls_ecp_group_load(&ctx.grp, MBEDTLS_ECP_DP_SECP256R1) == 0 &&
	     mbedtls_ecp_point_read_binary(&ctx.grp, &ctx.Q, key->pub,
					   sizeof(key->pub)) == 0 &&
	     mbedtls_ecp_check_pubkey(&ctx.grp, &ctx.Q) == 0 &&
	     mbedtls_ecdsa_read_signature(&ctx, digest, 32, sig, sig_len) == 0;
	mbedtls_ecdsa_free(&ctx);
	return ok;
}
