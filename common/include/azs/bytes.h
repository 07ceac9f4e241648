// SPDX-License-Identifier: MIT
/*
 * Explicit-endian field access for userspace on-disk and on-wire formats
 * (the same on x86-64 and ARMv7, any alignment). Code shared with the kernel
 * (kernel/core, security-monitor/core) keeps security-monitor/core/bytes.h,
 * which has the same names for the kernel's types; a file includes one of
 * the two, never both.
 */
#ifndef AZS_COMMON_BYTES_H
#define AZS_COMMON_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline uint16_t azs_get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t azs_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t azs_get_le64(const uint8_t *p)
{
	return (uint64_t)azs_get_le32(p) | (uint64_t)azs_get_le32(p + 4) << 32;
}

static inline void azs_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void azs_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void azs_put_le64(uint8_t *p, uint64_t v)
{
	azs_put_le32(p, (uint32_t)v);
	azs_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t azs_get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t azs_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void azs_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void azs_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline bool azs_all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

#endif /* AZS_COMMON_BYTES_H */
