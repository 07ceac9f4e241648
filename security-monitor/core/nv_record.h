/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The security monitor's record in its flash region. Two slots (A at 0, B at
 * AZS_NV_SLOT_STRIDE) alternate: a write goes to the slot not in use with the
 * next generation, so a write cut short leaves the previous record intact.
 *
 * Slot layout (little-endian, AZS_NV_SLOT_SIZE bytes):
 *   0 magic "AZSN"   4 version   8 generation   12 manufacturing state
 *   16 device ID (64 bytes)   80 capabilities present (bitmap, u64)
 *   88 capability file sequence (u64)   96 update counter (u64: the newest
 *   cloud deployment sequence applied; only grows)   104..507 zero
 *   508 CRC-32 of 0..507
 * The rest of each slot's stride stays erased.
 *
 * Erased flash reads as all 0x00 (the stand-in's image) or all 0xff (NOR).
 * Both slots erased is a new device (provision); anything else that does not
 * decode is a corrupt record, which the monitor refuses to serve (it never
 * starts over on its own: that would reset the device's identity and its
 * anti-rollback counter). Recovery is explicit and signed: a recovery
 * record (below) in the mailbox after the slots, signed with the platform
 * key for the digest of exactly this corrupt region.
 */
#ifndef AZS_NV_RECORD_H
#define AZS_NV_RECORD_H

#include "azsphere/types.h"
#include "uapi/azsphere/security.h"
#include "verify.h"

#define AZS_NV_MAGIC	   0x4e535a41u /* "AZSN" */
#define AZS_NV_VERSION	   1
#define AZS_NV_SLOT_SIZE   512
#define AZS_NV_SLOT_STRIDE 4096
#define AZS_NV_NUM_SLOTS   2
/* The bytes the two slots span: what blank/corrupt is judged on. */
#define AZS_NV_REGION_SIZE (AZS_NV_NUM_SLOTS * AZS_NV_SLOT_STRIDE)

struct azs_nv_state {
	u32 mfg_state;
	u8 device_id[AZS_DEVICE_ID_SIZE];
	u64 caps_present;
	u64 caps_sequence;
	u64 update_counter;
};

void azs_nv_encode(const struct azs_nv_state *s, u32 generation,
		   u8 out[AZS_NV_SLOT_SIZE]);

/* 0, or -EINVAL for a blank, torn or corrupt slot. */
int azs_nv_decode(const u8 in[AZS_NV_SLOT_SIZE], struct azs_nv_state *s,
		  u32 *generation);

/*
 * Which slot holds the current record: the valid one with the newer
 * generation (wrap-safe), or -ENOENT if neither is valid.
 */
int azs_nv_choose(bool a_valid, u32 gen_a, bool b_valid, u32 gen_b);

/* Are the n bytes at p erased flash (all 0x00 or all 0xff)? */
bool azs_nv_erased(const u8 *p, size_t n);

/* What one slot's stride holds (azs_nv_classify). */
#define AZS_NV_SLOT_ERASED  0
#define AZS_NV_SLOT_VALID   1
#define AZS_NV_SLOT_CORRUPT 2

/*
 * Classify a slot's whole stride: ERASED (every byte erased), VALID (a
 * record that decodes, *s and *generation set, and the rest of the stride
 * erased) or CORRUPT (anything else).
 */
int azs_nv_classify(const u8 stride[AZS_NV_SLOT_STRIDE], struct azs_nv_state *s,
		    u32 *generation);

/* The verdict on the region (azs_nv_verdict), besides a slot number. */
#define AZS_NV_BLANK   (-ENOENT)  /* both slots erased: a new device */
#define AZS_NV_CORRUPT (-EUCLEAN) /* no valid slot, not blank: refuse */

/*
 * Which slot is in force (0 or 1: the valid one, the newer if both are;
 * the other may be torn or erased), AZS_NV_BLANK or AZS_NV_CORRUPT.
 */
int azs_nv_verdict(int kind_a, u32 gen_a, int kind_b, u32 gen_b);

/* "erased", "valid" or "corrupt". */
const char *azs_nv_kind_name(int kind);

/*
 * The recovery record: how a corrupt region is put right, on purpose and
 * signed. It sits in the mailbox at AZS_NV_RECOVERY_OFFSET, right after the
 * slots (erased when there is none). Layout (256 bytes, little-endian):
 *   0 magic "AZSR"   4 version 1   8 total length 256   12 flags 0
 *   16 SHA-256 of the corrupt region (AZS_NV_REGION_SIZE bytes from 0):
 *      the record recovers exactly this corruption and no other
 *   48 device ID (64)   112 manufacturing state   116 zero
 *   120 capabilities present (u64)   128 capability sequence (u64)
 *   136 update counter (u64)   144 signer key id (8: the platform key)
 *   152 zero (40)   192 ECDSA P-256 signature r || s over SHA-256 of 0..191
 */
#define AZS_NV_RECOVERY_MAGIC	   0x52535a41u /* "AZSR" */
#define AZS_NV_RECOVERY_VERSION	   1
#define AZS_NV_RECOVERY_SIZE	   256
#define AZS_NV_RECOVERY_SIGNED_LEN 192
#define AZS_NV_RECOVERY_OFFSET	   AZS_NV_REGION_SIZE
#define AZS_NV_DIGEST_SIZE	   32

/* Why a recovery record is refused (azs_nv_recovery_check). */
#define AZS_NV_RECOVERY_OK	       0
#define AZS_NV_RECOVERY_BAD_MAGIC      1 /* bytes 0-3 */
#define AZS_NV_RECOVERY_BAD_VERSION    2 /* bytes 4-7 */
#define AZS_NV_RECOVERY_BAD_HEADER     3 /* bytes 8-15: length or flags */
#define AZS_NV_RECOVERY_BAD_STATE      4 /* bytes 112-119 */
#define AZS_NV_RECOVERY_BAD_RESERVED   5 /* bytes 152-191 */
#define AZS_NV_RECOVERY_UNKNOWN_SIGNER 6 /* bytes 144-151 */
#define AZS_NV_RECOVERY_BAD_SIGNATURE  7 /* bytes 192-255 */
#define AZS_NV_RECOVERY_WRONG_REGION   8 /* bytes 16-47 */

/*
 * Parse and verify a recovery record held in Secure-side memory (copy: both
 * steps read it), signed for a region with this digest; verify checks with
 * the platform key. 0 and *s, or -EINVAL / -EKEYREJECTED / -ESTALE (another
 * region) / -ENOMEM, with *reason = AZS_NV_RECOVERY_*.
 */
int azs_nv_recovery_check(const u8 copy[AZS_NV_RECOVERY_SIZE],
			  const u8 region_digest[AZS_NV_DIGEST_SIZE],
			  struct azs_nv_state *s, u32 *reason,
			  azs_verify_fn *verify, void *ctx);

/* A short description of a recovery reason code. */
const char *azs_nv_recovery_reason_str(u32 reason);

#endif /* AZS_NV_RECORD_H */
