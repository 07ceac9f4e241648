// SPDX-License-Identifier: MIT
/*
 * GUIDs as manifests write them: 8-4-4-4-12 hex digits, either case, no
 * braces. Stored as text (lower case) and as 16 bytes in the order the text
 * gives them (RFC 4122 order; image metadata's Windows mixed-endian order is
 * the packer's business).
 */
#ifndef AZS_GUID_H
#define AZS_GUID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AZS_GUID_STRLEN 36

struct azs_guid {
	uint8_t bytes[16];
	char str[AZS_GUID_STRLEN + 1]; /* lower case, NUL-terminated */
};

/* Parse S (LEN bytes): 0, or -EINVAL if it is not a canonical GUID. */
int azs_guid_parse(const char *s, size_t len, struct azs_guid *out);

bool azs_guid_equal(const struct azs_guid *a, const struct azs_guid *b);

/* The nil GUID 00000000-0000-0000-0000-000000000000? */
bool azs_guid_is_nil(const struct azs_guid *g);

#endif /* AZS_GUID_H */
