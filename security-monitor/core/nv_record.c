// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Encoding of the security monitor's flash record (see nv_record.h). */
#include "nv_record.h"
#include "bytes.h"
#include "crc32.h"

#define OFF_MAGIC      0
#define OFF_VERSION    4
#define OFF_GENERATION 8
#define OFF_MFG	       12
#define OFF_DEVICE_ID  16
#define OFF_CAPS       80
#define OFF_CAPS_SEQ   88
#define OFF_UPDATE     96
#define OFF_RESERVED   104
#define OFF_CRC	       (AZS_NV_SLOT_SIZE - 4)

void azs_nv_encode(const struct azs_nv_state *s, u32 generation,
		   u8 out[AZS_NV_SLOT_SIZE])
{
	memset(out, 0, AZS_NV_SLOT_SIZE);
	azs_put_le32(out + OFF_MAGIC, AZS_NV_MAGIC);
	azs_put_le32(out + OFF_VERSION, AZS_NV_VERSION);
	azs_put_le32(out + OFF_GENERATION, generation);
	azs_put_le32(out + OFF_MFG, s->mfg_state);
	memcpy(out + OFF_DEVICE_ID, s->device_id, AZS_DEVICE_ID_SIZE);
	azs_put_le64(out + OFF_CAPS, s->caps_present);
	azs_put_le64(out + OFF_CAPS_SEQ, s->caps_sequence);
	azs_put_le64(out + OFF_UPDATE, s->update_counter);
	azs_put_le32(out + OFF_CRC, azs_crc32(out, OFF_CRC));
}

int azs_nv_decode(const u8 in[AZS_NV_SLOT_SIZE], struct azs_nv_state *s,
		  u32 *generation)
{
	if (azs_get_le32(in + OFF_MAGIC) != AZS_NV_MAGIC ||
	    azs_get_le32(in + OFF_VERSION) != AZS_NV_VERSION ||
	    azs_get_le32(in + OFF_CRC) != azs_crc32(in, OFF_CRC) ||
	    !azs_all_zero(in + OFF_RESERVED, OFF_CRC - OFF_RESERVED))
		return -EINVAL;
	if (azs_get_le32(in + OFF_MFG) > AZS_MFG_DEVICE_COMPLETE)
		return -EINVAL;

	*generation = azs_get_le32(in + OFF_GENERATION);
	s->mfg_state = azs_get_le32(in + OFF_MFG);
	memcpy(s->device_id, in + OFF_DEVICE_ID, AZS_DEVICE_ID_SIZE);
	s->caps_present = azs_get_le64(in + OFF_CAPS);
	s->caps_sequence = azs_get_le64(in + OFF_CAPS_SEQ);
	s->update_counter = azs_get_le64(in + OFF_UPDATE);
	return 0;
}

int azs_nv_choose(bool a_valid, u32 gen_a, bool b_valid, u32 gen_b)
{
	if (a_valid && b_valid)
		return (int32_t)(gen_b - gen_a) > 0 ? 1 : 0;
	if (a_valid)
		return 0;
	if (b_valid)
		return 1;
	return -ENOENT;
}
