// SPDX-License-Identifier: MIT
/* Assembling a capability file (see capfile_build.h). */
#include <errno.h>
#include <string.h>

#include <azs/bytes.h>
#include "capfile_build.h"
#include "log.h"

static int check_spec(const struct ss_capfile_spec *spec)
{
	u64 seen = 0;

	if (spec->sequence == 0) {
		ss_error("capability file: sequence must not be 0");
		return -EINVAL;
	}
	if (spec->num_caps > AZS_CAPFILE_NUM_SLOTS) {
		ss_error("capability file: %u capabilities, at most %d fit", spec->num_caps,
			 AZS_CAPFILE_NUM_SLOTS);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < spec->num_caps; i++) {
		u32 v = spec->caps[i];

		if (!azs_capability_known(v)) {
			ss_error("capability file: unknown capability value %u", v);
			return -EINVAL;
		}
		if (seen & (1ull << v)) {
			ss_error("capability file: capability %u listed twice", v);
			return -EINVAL;
		}
		seen |= 1ull << v;
	}
	return 0;
}

int ss_capfile_build(const struct ss_capfile_spec *spec, u8 file[AZS_CAPFILE_SIZE])
{
	int ret = check_spec(spec);

	if (ret)
		return ret;
	memset(file, 0, AZS_CAPFILE_SIZE);
	azs_put_le32(file, AZS_CAPFILE_MAGIC);
	azs_put_le32(file + 4, AZS_CAPFILE_VERSION);
	azs_put_le32(file + 8, AZS_CAPFILE_SIZE);
	azs_put_le32(file + 12, 0); /* flags */
	azs_put_le64(file + AZS_CAPFILE_OFF_SEQUENCE, spec->sequence);
	memcpy(file + AZS_CAPFILE_OFF_DEVICE_ID, spec->device_id, AZS_DEVICE_ID_SIZE);
	memcpy(file + AZS_CAPFILE_OFF_CAPS, spec->caps, spec->num_caps);
	memcpy(file + AZS_CAPFILE_OFF_KEY_ID, spec->key_id, AZS_KEY_ID_SIZE);
	/* Reserved bytes and the signature stay zero. */
	return 0;
}

void ss_capfile_set_signature(u8 file[AZS_CAPFILE_SIZE], const u8 sig[64])
{
	memcpy(file + AZS_CAPFILE_OFF_SIGNATURE, sig, AZS_CAPFILE_SIZE - AZS_CAPFILE_OFF_SIGNATURE);
}
