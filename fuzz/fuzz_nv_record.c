// SPDX-License-Identifier: MIT
/*
 * The security monitor's flash record decoder (security-monitor/core). The
 * first input byte picks whether the harness fixes the CRC (so the fuzzer
 * gets past it to the fields) or decodes the slot as given. A decoded slot
 * must encode back to exactly the same bytes: nothing is accepted that the
 * monitor would not itself write.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <azs/bytes.h>
#include "crc32.h"
#include "nv_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 slot[AZS_NV_SLOT_SIZE] = {0}, again[AZS_NV_SLOT_SIZE];
	struct azs_nv_state s;
	u32 gen;

	if (size < 1 || size > 1 + AZS_NV_SLOT_SIZE)
		return -1;
	memcpy(slot, data + 1, size - 1);
	if (data[0] & 1)
		azs_put_le32(slot + AZS_NV_SLOT_SIZE - 4, azs_crc32(slot, AZS_NV_SLOT_SIZE - 4));
	if (azs_nv_decode(slot, &s, &gen))
		return 0;
	if (s.mfg_state > AZS_MFG_DEVICE_COMPLETE)
		abort();
	azs_nv_encode(&s, gen, again);
	if (memcmp(slot, again, sizeof(slot)))
		abort();
	/* Slot choice: a lone valid slot wins; of two, the newer generation. */
	if (azs_nv_choose(true, gen, false, 0) != 0 || azs_nv_choose(false, 0, true, gen) != 1 ||
	    azs_nv_choose(true, gen, true, gen + 1) != 1 || azs_nv_choose(true, gen + 1, true, gen))
		abort();
	return 0;
}
