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

bool azs_nv_erased(const u8 *p, size_t n)
{
	size_t i;

	if (n == 0)
		return true;
	if (p[0] != 0x00 && p[0] != 0xff)
		return false;
	for (i = 1; i < n; i++)
		if (p[i] != p[0])
			return false;
	return true;
}

int azs_nv_classify(const u8 stride[AZS_NV_SLOT_STRIDE], struct azs_nv_state *s,
		    u32 *generation)
{
	if (azs_nv_erased(stride, AZS_NV_SLOT_STRIDE))
		return AZS_NV_SLOT_ERASED;
	if (azs_nv_decode(stride, s, generation) == 0 &&
	    azs_nv_erased(stride + AZS_NV_SLOT_SIZE,
			  AZS_NV_SLOT_STRIDE - AZS_NV_SLOT_SIZE))
		return AZS_NV_SLOT_VALID;
	return AZS_NV_SLOT_CORRUPT;
}

int azs_nv_verdict(int kind_a, u32 gen_a, int kind_b, u32 gen_b)
{
	int pick = azs_nv_choose(kind_a == AZS_NV_SLOT_VALID, gen_a,
				 kind_b == AZS_NV_SLOT_VALID, gen_b);

	if (pick >= 0)
		return pick;
	if (kind_a == AZS_NV_SLOT_ERASED && kind_b == AZS_NV_SLOT_ERASED)
		return AZS_NV_BLANK;
	return AZS_NV_CORRUPT;
}

const char *azs_nv_kind_name(int kind)
{
	switch (kind) {
	case AZS_NV_SLOT_ERASED:
		return "erased";
	case AZS_NV_SLOT_VALID:
		return "valid";
	default:
		return "corrupt";
	}
}

#define REC_OFF_DIGEST	  16
#define REC_OFF_DEVICE_ID 48
#define REC_OFF_MFG	  112
#define REC_OFF_MFG_PAD	  116
#define REC_OFF_CAPS	  120
#define REC_OFF_CAPS_SEQ  128
#define REC_OFF_UPDATE	  136
#define REC_OFF_KEY_ID	  144
#define REC_OFF_RESERVED  152

static int rec_refuse(u32 *reason, u32 why, int err)
{
	*reason = why;
	return err;
}

int azs_nv_recovery_check(const u8 copy[AZS_NV_RECOVERY_SIZE],
			  const u8 region_digest[AZS_NV_DIGEST_SIZE],
			  struct azs_nv_state *s, u32 *reason,
			  azs_verify_fn *verify, void *ctx)
{
	const u8 *c = copy;
	int ret;

	*reason = AZS_NV_RECOVERY_OK;
	if (azs_get_le32(c) != AZS_NV_RECOVERY_MAGIC)
		return rec_refuse(reason, AZS_NV_RECOVERY_BAD_MAGIC, -EINVAL);
	if (azs_get_le32(c + 4) != AZS_NV_RECOVERY_VERSION)
		return rec_refuse(reason, AZS_NV_RECOVERY_BAD_VERSION, -EINVAL);
	if (azs_get_le32(c + 8) != AZS_NV_RECOVERY_SIZE ||
	    azs_get_le32(c + 12) != 0)
		return rec_refuse(reason, AZS_NV_RECOVERY_BAD_HEADER, -EINVAL);
	if (azs_get_le32(c + REC_OFF_MFG) > AZS_MFG_DEVICE_COMPLETE ||
	    azs_get_le32(c + REC_OFF_MFG_PAD) != 0)
		return rec_refuse(reason, AZS_NV_RECOVERY_BAD_STATE, -EINVAL);
	if (!azs_all_zero(c + REC_OFF_RESERVED,
			  AZS_NV_RECOVERY_SIGNED_LEN - REC_OFF_RESERVED))
		return rec_refuse(reason, AZS_NV_RECOVERY_BAD_RESERVED,
				  -EINVAL);

	ret = verify(ctx, c + REC_OFF_KEY_ID, c, AZS_NV_RECOVERY_SIGNED_LEN,
		     c + AZS_NV_RECOVERY_SIGNED_LEN);
	if (ret == -ENOMEM)
		return ret;
	if (ret == -ENOKEY)
		return rec_refuse(reason, AZS_NV_RECOVERY_UNKNOWN_SIGNER,
				  -EKEYREJECTED);
	if (ret)
		return rec_refuse(reason, AZS_NV_RECOVERY_BAD_SIGNATURE,
				  -EKEYREJECTED);
	if (memcmp(c + REC_OFF_DIGEST, region_digest, AZS_NV_DIGEST_SIZE))
		return rec_refuse(reason, AZS_NV_RECOVERY_WRONG_REGION,
				  -ESTALE);

	memset(s, 0, sizeof(*s));
	memcpy(s->device_id, c + REC_OFF_DEVICE_ID, AZS_DEVICE_ID_SIZE);
	s->mfg_state = azs_get_le32(c + REC_OFF_MFG);
	s->caps_present = azs_get_le64(c + REC_OFF_CAPS);
	s->caps_sequence = azs_get_le64(c + REC_OFF_CAPS_SEQ);
	s->update_counter = azs_get_le64(c + REC_OFF_UPDATE);
	return 0;
}

const char *azs_nv_recovery_reason_str(u32 reason)
{
	static const char *const why[] = {
		[AZS_NV_RECOVERY_OK] = "accepted",
		[AZS_NV_RECOVERY_BAD_MAGIC] = "wrong magic (bytes 0-3)",
		[AZS_NV_RECOVERY_BAD_VERSION] =
			"unsupported version (bytes 4-7)",
		[AZS_NV_RECOVERY_BAD_HEADER] =
			"bad length or flags field (bytes 8-15)",
		[AZS_NV_RECOVERY_BAD_STATE] =
			"bad manufacturing state (bytes 112-119)",
		[AZS_NV_RECOVERY_BAD_RESERVED] =
			"reserved bytes not zero (bytes 152-191)",
		[AZS_NV_RECOVERY_UNKNOWN_SIGNER] =
			"not signed by the platform key (bytes 144-151)",
		[AZS_NV_RECOVERY_BAD_SIGNATURE] =
			"signature does not verify (bytes 192-255)",
		[AZS_NV_RECOVERY_WRONG_REGION] =
			"issued for another corrupt region (bytes 16-47)",
	};

	if (reason >= sizeof(why) / sizeof(why[0]) || !why[reason])
		return "unknown reason";
	return why[reason];
}
