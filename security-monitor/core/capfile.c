// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Device capability file parsing and binding rules (see capfile.h). */
#include "capfile.h"
#include "bytes.h"

bool azs_capability_known(u32 v)
{
	switch (v) {
	case AZS_CAP_ALLOW_TEST_KEY:
	case AZS_CAP_ENABLE_PLUTON_DEBUG:
	case AZS_CAP_ENABLE_HLOS_DEBUG:
	case AZS_CAP_ENABLE_N9_DEBUG:
	case AZS_CAP_ENABLE_HLOS_CONSOLE:
	case AZS_CAP_ENABLE_SLT_LOADER:
	case AZS_CAP_ENABLE_SYSTEM_SW_DEV:
	case AZS_CAP_APP_DEVELOPMENT:
	case AZS_CAP_ENABLE_RF_TEST_MODE:
	case AZS_CAP_FIELD_SERVICING:
		return true;
	default:
		return false;
	}
}

static int refuse(u32 *reason, u32 why)
{
	*reason = why;
	return -EINVAL;
}

int azs_capfile_parse(const u8 *buf, u32 len, struct azs_capfile *cf,
		      u32 *reason)
{
	u32 i;

	*reason = AZS_CAPFILE_OK;
	if (len != AZS_CAPFILE_SIZE)
		return refuse(reason, AZS_CAPFILE_BAD_LENGTH);
	if (azs_get_le32(buf) != AZS_CAPFILE_MAGIC)
		return refuse(reason, AZS_CAPFILE_BAD_MAGIC);
	if (azs_get_le32(buf + 4) != AZS_CAPFILE_VERSION)
		return refuse(reason, AZS_CAPFILE_BAD_VERSION);
	if (azs_get_le32(buf + 8) != AZS_CAPFILE_SIZE ||
	    azs_get_le32(buf + 12) != 0)
		return refuse(reason, AZS_CAPFILE_BAD_HEADER);

	memset(cf, 0, sizeof(*cf));
	cf->sequence = azs_get_le64(buf + AZS_CAPFILE_OFF_SEQUENCE);
	if (cf->sequence == 0)
		return refuse(reason, AZS_CAPFILE_BAD_SEQUENCE);
	memcpy(cf->device_id, buf + AZS_CAPFILE_OFF_DEVICE_ID,
	       AZS_DEVICE_ID_SIZE);
	for (i = 0; i < AZS_CAPFILE_NUM_SLOTS; i++) {
		u32 v = buf[AZS_CAPFILE_OFF_CAPS + i];

		if (v == AZS_CAP_NONE)
			continue;
		if (!azs_capability_known(v))
			return refuse(reason, AZS_CAPFILE_BAD_CAPABILITY);
		if (cf->present & (1ull << v))
			return refuse(reason, AZS_CAPFILE_DUPLICATE_CAPABILITY);
		cf->present |= 1ull << v;
	}
	if (!azs_all_zero(buf + AZS_CAPFILE_OFF_RESERVED,
			  AZS_CAPFILE_OFF_SIGNATURE - AZS_CAPFILE_OFF_RESERVED))
		return refuse(reason, AZS_CAPFILE_BAD_RESERVED);
	memcpy(cf->key_id, buf + AZS_CAPFILE_OFF_KEY_ID, AZS_KEY_ID_SIZE);
	memcpy(cf->signature, buf + AZS_CAPFILE_OFF_SIGNATURE,
	       sizeof(cf->signature));
	return 0;
}

int azs_capfile_check(const u8 *copy, u32 len, struct azs_capfile *cf,
		      u32 *reason, azs_verify_fn *verify, void *ctx)
{
	int ret = azs_capfile_parse(copy, len, cf, reason);

	if (ret)
		return ret;
	ret = verify(ctx, cf->key_id, copy, AZS_CAPFILE_SIGNED_LEN,
		     cf->signature);
	switch (ret) {
	case 0:
		return 0;
	case -ENOMEM:
		return ret;
	case -ENOKEY:
		*reason = AZS_CAPFILE_UNKNOWN_SIGNER;
		return -EKEYREJECTED;
	default:
		*reason = AZS_CAPFILE_BAD_SIGNATURE;
		return -EKEYREJECTED;
	}
}

int azs_capfile_check_binding(const struct azs_capfile *cf,
			      const u8 device_id[AZS_DEVICE_ID_SIZE],
			      u64 last_sequence, u32 *reason)
{
	if (memcmp(cf->device_id, device_id, AZS_DEVICE_ID_SIZE) != 0) {
		*reason = AZS_CAPFILE_WRONG_DEVICE;
		return -ENODEV;
	}
	if (cf->sequence <= last_sequence) {
		*reason = AZS_CAPFILE_REPLAYED;
		return -ESTALE;
	}
	*reason = AZS_CAPFILE_OK;
	return 0;
}

const char *azs_capfile_reason_str(u32 reason)
{
	static const char *const why[] = {
		[AZS_CAPFILE_OK] = "accepted",
		[AZS_CAPFILE_BAD_LENGTH] = "wrong length",
		[AZS_CAPFILE_BAD_MAGIC] = "wrong magic (bytes 0-3)",
		[AZS_CAPFILE_BAD_VERSION] = "unsupported version (bytes 4-7)",
		[AZS_CAPFILE_BAD_HEADER] =
			"bad length or flags field (bytes 8-15)",
		[AZS_CAPFILE_BAD_SEQUENCE] = "sequence is 0 (bytes 16-23)",
		[AZS_CAPFILE_BAD_CAPABILITY] =
			"unknown capability value (bytes 88-151)",
		[AZS_CAPFILE_DUPLICATE_CAPABILITY] =
			"capability listed twice (bytes 88-151)",
		[AZS_CAPFILE_BAD_RESERVED] =
			"reserved bytes not zero (bytes 160-191)",
		[AZS_CAPFILE_UNKNOWN_SIGNER] =
			"signed by an unknown key (bytes 152-159)",
		[AZS_CAPFILE_BAD_SIGNATURE] =
			"signature does not verify (bytes 192-255)",
		[AZS_CAPFILE_WRONG_DEVICE] =
			"issued for another device (bytes 24-87)",
		[AZS_CAPFILE_REPLAYED] =
			"not newer than the capability file in force",
	};

	if (reason >= sizeof(why) / sizeof(why[0]) || !why[reason])
		return "unknown reason";
	return why[reason];
}
