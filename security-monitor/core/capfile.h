/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Device capability files: parsing and the rules that bind one to a device.
 * The signature itself is checked by the caller's azs_verify_fn (the module
 * uses the kernel's ECC library; host tools use OpenSSL).
 *
 * Layout (AZS_CAPFILE_SIZE = 256 bytes, integers little-endian):
 *   0 magic 0x5CFD5CFD   4 version 1   8 total length 256   12 flags 0
 *   16 sequence (u64, > 0; a device accepts only increasing sequences)
 *   24 device ID (64 bytes)
 *   88 capability values (64 bytes; 0 = unused slot, no value twice)
 *   152 signer key id (first 8 bytes of SHA-256 of the signer's public key)
 *   160 reserved (32 zero bytes)
 *   192 ECDSA P-256 signature r || s (32 + 32 bytes, big-endian) over the
 *       SHA-256 of bytes 0..191
 */
#ifndef AZS_CAPFILE_H
#define AZS_CAPFILE_H

#include "azsphere/types.h"
#include "uapi/azsphere/security.h"
#include "verify.h"

#define AZS_CAPFILE_MAGIC	  0x5cfd5cfdu
#define AZS_CAPFILE_VERSION	  1
#define AZS_CAPFILE_SIGNED_LEN	  192

#define AZS_CAPFILE_OFF_SEQUENCE  16
#define AZS_CAPFILE_OFF_DEVICE_ID 24
#define AZS_CAPFILE_OFF_CAPS	  88
#define AZS_CAPFILE_OFF_KEY_ID	  152
#define AZS_CAPFILE_OFF_RESERVED  160
#define AZS_CAPFILE_OFF_SIGNATURE 192
#define AZS_CAPFILE_NUM_SLOTS	  64

struct azs_capfile {
	u64 sequence;
	u8 device_id[AZS_DEVICE_ID_SIZE];
	u64 present; /* bit n: capability value n */
	u8 key_id[AZS_KEY_ID_SIZE];
	u8 signature[64]; /* r || s */
};

/* Is v a capability value this platform knows? */
bool azs_capability_known(u32 v);

/*
 * Parse and check the structure of a capability file. Returns 0, or -EINVAL
 * with *reason = AZS_CAPFILE_* naming the field that is wrong.
 */
int azs_capfile_parse(const u8 *buf, u32 len, struct azs_capfile *cf,
		      u32 *reason);

/*
 * Parse and verify one capability file held in Secure-side memory (copy):
 * the structure is parsed from copy and the signature checked over the
 * same copy, never over bytes Normal World can still change (no double
 * fetch: the caller copies the shared buffer in once, smc_buf.h). Returns
 * 0, -EINVAL (structure), -EKEYREJECTED (unknown signer or bad signature)
 * or -ENOMEM, with *reason = AZS_CAPFILE_*.
 */
int azs_capfile_check(const u8 *copy, u32 len, struct azs_capfile *cf,
		      u32 *reason, azs_verify_fn *verify, void *ctx);

/*
 * Check that a (signature-verified) file is for this device and newer than
 * the last one accepted: 0, -ENODEV (AZS_CAPFILE_WRONG_DEVICE) or -ESTALE
 * (AZS_CAPFILE_REPLAYED).
 */
int azs_capfile_check_binding(const struct azs_capfile *cf,
			      const u8 device_id[AZS_DEVICE_ID_SIZE],
			      u64 last_sequence, u32 *reason);

/* A short description of a reason code. */
const char *azs_capfile_reason_str(u32 reason);

#endif /* AZS_CAPFILE_H */
