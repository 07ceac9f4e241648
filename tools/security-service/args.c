// SPDX-License-Identifier: MIT
/* Command line argument values (see args.h). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "hex.h"
#include "log.h"

int ss_parse_device_id(const char *arg, u8 id[AZS_DEVICE_ID_SIZE])
{
	size_t len = strlen(arg);

	if (len != 2 * AZS_DEVICE_ID_SIZE) {
		ss_error("--device-id: expected exactly %d hex digits, got %zu characters",
			 2 * AZS_DEVICE_ID_SIZE, len);
		return -EINVAL;
	}
	for (size_t i = 0; i < AZS_DEVICE_ID_SIZE; i++) {
		int hi = azs_hex_digit(arg[2 * i]), lo = azs_hex_digit(arg[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			ss_error("--device-id: '%c' (character %zu) is not a hex digit",
				 hi < 0 ? arg[2 * i] : arg[2 * i + 1],
				 hi < 0 ? 2 * i + 1 : 2 * i + 2);
			return -EINVAL;
		}
		id[i] = (u8)(hi << 4 | lo);
	}
	return 0;
}

int ss_parse_sequence(const char *arg, u64 *sequence)
{
	unsigned long long v;
	char *end;

	/* strtoull alone would take " 7", "+7" and "-1". */
	if (!isdigit((unsigned char)arg[0])) {
		ss_error("--sequence: '%s' is not a decimal number", arg);
		return -EINVAL;
	}
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end) {
		ss_error("--sequence: '%s' is not a decimal number", arg);
		return -EINVAL;
	}
	if (errno == ERANGE) {
		ss_error("--sequence: '%s' is larger than %llu", arg,
			 (unsigned long long)UINT64_MAX);
		return -EINVAL;
	}
	if (v == 0) {
		ss_error("--sequence: must be 1 or more (a device accepts only increasing "
			 "sequences)");
		return -EINVAL;
	}
	*sequence = v;
	return 0;
}
