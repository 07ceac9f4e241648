/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* CRC-32 (IEEE 802.3, reflected, as zlib's crc32) for the flash records. */
#ifndef AZS_CRC32_H
#define AZS_CRC32_H

#include "azsphere/types.h"

u32 azs_crc32(const u8 *data, size_t len);

#endif /* AZS_CRC32_H */
