/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Little-endian field access for on-flash and on-wire formats. */
#ifndef AZS_BYTES_H
#define AZS_BYTES_H

#include "azsphere/types.h"

static inline u32 azs_get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 azs_get_le64(const u8 *p)
{
	return (u64)azs_get_le32(p) | (u64)azs_get_le32(p + 4) << 32;
}

static inline void azs_put_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

static inline void azs_put_le64(u8 *p, u64 v)
{
	azs_put_le32(p, (u32)v);
	azs_put_le32(p + 4, (u32)(v >> 32));
}

static inline bool azs_all_zero(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

#endif /* AZS_BYTES_H */
