// SPDX-License-Identifier: MIT
/*
 * The security monitor's capability file parser (security-monitor/core).
 * Invariants of an accepted file: exactly AZS_CAPFILE_SIZE bytes, a non-zero
 * sequence, only known capability values, each once, the fields copied from
 * their offsets; a refused one names a reason. The binding rules are checked
 * against the file's own device ID and sequence.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct azs_capfile cf;
	u32 reason = 0xffffffffu;
	int ret;

	if (size > 4096)
		return -1;
	ret = azs_capfile_parse(data, (u32)size, &cf, &reason);
	if (ret) {
		if (ret != -EINVAL || reason == AZS_CAPFILE_OK ||
		    !strcmp(azs_capfile_reason_str(reason), "unknown reason"))
			abort();
		return 0;
	}
	if (reason != AZS_CAPFILE_OK || size != AZS_CAPFILE_SIZE || cf.sequence == 0)
		abort();
	if (memcmp(cf.device_id, data + AZS_CAPFILE_OFF_DEVICE_ID, AZS_DEVICE_ID_SIZE) ||
	    memcmp(cf.key_id, data + AZS_CAPFILE_OFF_KEY_ID, AZS_KEY_ID_SIZE) ||
	    memcmp(cf.signature, data + AZS_CAPFILE_OFF_SIGNATURE, sizeof(cf.signature)))
		abort();
	for (u32 v = 0; v < 64; v++) {
		bool listed = false;

		for (u32 i = 0; i < AZS_CAPFILE_NUM_SLOTS; i++)
			listed |= v != AZS_CAP_NONE && data[AZS_CAPFILE_OFF_CAPS + i] == v;
		if (listed != !!(cf.present & (1ull << v)) || (listed && !azs_capability_known(v)))
			abort();
	}
	if (azs_capfile_check_binding(&cf, cf.device_id, cf.sequence - 1, &reason) ||
	    azs_capfile_check_binding(&cf, cf.device_id, cf.sequence, &reason) != -ESTALE)
		abort();
	return 0;
}
