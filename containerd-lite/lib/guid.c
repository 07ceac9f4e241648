// SPDX-License-Identifier: MIT
/* GUID parsing (see guid.h). */
#include <errno.h>
#include <string.h>

#include "guid.h"
#include "hex.h"

int azs_guid_parse(const char *s, size_t len, struct azs_guid *out)
{
	static const char hex[] = "0123456789abcdef";
	struct azs_guid g;
	size_t byte = 0;

	if (len != AZS_GUID_STRLEN)
		return -EINVAL;
	for (size_t i = 0; i < AZS_GUID_STRLEN;) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return -EINVAL;
			g.str[i++] = '-';
			continue;
		}
		hi = azs_hex_digit(s[i]);
		lo = azs_hex_digit(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		g.bytes[byte++] = (uint8_t)(hi << 4 | lo);
		g.str[i++] = hex[hi];
		g.str[i++] = hex[lo];
	}
	g.str[AZS_GUID_STRLEN] = '\0';
	*out = g;
	return 0;
}

bool azs_guid_equal(const struct azs_guid *a, const struct azs_guid *b)
{
	return !memcmp(a->bytes, b->bytes, sizeof(a->bytes));
}

bool azs_guid_is_nil(const struct azs_guid *g)
{
	static const uint8_t nil[16];

	return !memcmp(g->bytes, nil, sizeof(nil));
}
