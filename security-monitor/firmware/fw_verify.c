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
#include "mbedtls/md.h"
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

void fw_sha256(const void *p, u32 n, u8 digest[32])
{
	mbedtls_sha256_ret(p, n, digest, 0);
}

int fw_hmac_sha256(const u8 *key, u32 key_len, const u8 *msg, u32 len,
		   u8 mac[32])
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);

	if (!md || mbedtls_md_hmac(md, key, key_len, msg, len, mac))
		return -ENOMEM;
	return 0;
}

int fw_verify_key(void *ctx, const u8 key_id[8], const u8 *msg, u32 len,
		  const u8 sig[64])
{
	const struct secmon_rot_key *key = NULL;
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	u8 digest[32];
	size_t i;
	int ret;

	for (i = 0; i < NUM_KEYS; i++) {
		if (secmon_rot_keys[i].role == *(u32 *)ctx &&
		    !memcmp(secmon_rot_keys[i].id, key_id, 8)) {
			key = &secmon_rot_keys[i];
			break;
		}
	}
	if (!key)
		return -ENOKEY;
	fw_sha256(msg, len, digest);
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	ret = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
	if (!ret)
		ret = mbedtls_ecp_point_read_binary(&grp, &q, key->pub, sizeof(key->pub));
	if (!ret)
		ret = mbedtls_mpi_read_binary(&r, sig, 32);
	if (!ret)
		ret = mbedtls_mpi_read_binary(&s, sig + 32, 32);
	if (!ret)
		ret = mbedtls_ecdsa_verify(&grp, digest, sizeof(digest), &q, &r, &s);
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	if (ret == MBEDTLS_ERR_MPI_ALLOC_FAILED)
		return -ENOMEM;
	return ret ? -EKEYREJECTED : 0;
}
