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
 */
#ifndef AZS_NV_RECORD_H
#define AZS_NV_RECORD_H

#include "azsphere/types.h"
#include "uapi/azsphere/security.h"

#define AZS_NV_MAGIC	   0x4e535a41u /* "AZSN" */
#define AZS_NV_VERSION	   1
#define AZS_NV_SLOT_SIZE   512
#define AZS_NV_SLOT_STRIDE 4096
#define AZS_NV_NUM_SLOTS   2

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

#endif /* AZS_NV_RECORD_H */
