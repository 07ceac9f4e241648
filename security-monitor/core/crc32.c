// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Bitwise CRC-32: small and fast enough for a 512-byte record at boot. */
#include "crc32.h"

u32 azs_crc32(const u8 *data, size_t len)
{
	u32 crc = 0xffffffffu;
	size_t i;
	int bit;

	for (i = 0; i < len; i++) {
		crc ^= data[i];
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}
