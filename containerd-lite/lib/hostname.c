// SPDX-License-Identifier: MIT
/* AllowedConnections syntax (see hostname.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "hostname.h"

#define LABEL_MAX 63

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool all_digits_and_dots(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '.')
			return false;
	return true;
}

/* Dotted quad, four decimal parts 0..255 without leading zeros. */
static bool is_ipv4(const char *s, size_t len)
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		unsigned int v = 0;
		size_t start = i;

		if (part) {
			if (i >= len || s[i] != '.')
				return false;
			start = ++i;
		}
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 3)
			v = v * 10 + (unsigned int)(s[i++] - '0');
		if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
			return false;
	}
	return i == len;
}

/* The first character that is never part of a name, with the reason to give. */
static int forbidden_char(const char *s, size_t len, char *reason, size_t size)
{
	if (memmem(s, len, "://", 3)) {
		snprintf(reason, size, "URLs are not allowed: give the host name only");
		return -EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '*') {
			snprintf(reason, size, "wildcards are not allowed");
			return -EINVAL;
		}
		if (c == ':') {
			snprintf(reason, size, "':' is not allowed (no ports, no IPv6 addresses)");
			return -EINVAL;
		}
		if (c == '/') {
			snprintf(reason, size, "'/' is not allowed (no URLs or paths)");
			return -EINVAL;
		}
		if (!is_alnum((char)c) && c != '-' && c != '.' && c != '_') {
			if (c >= 0x21 && c < 0x7f)
				snprintf(reason, size, "invalid character '%c' at offset %zu", c,
					 i);
			else
				snprintf(reason, size, "invalid character 0x%02x at offset %zu", c,
					 i);
			return -EINVAL;
		}
	}
	return 0;
}

static int check_label(const char *label, size_t n, size_t offset, char *reason, size_t size)
{
	size_t first = 0;

	if (n == 0) {
		snprintf(reason, size, "empty label at offset %zu", offset);
		return -EINVAL;
	}
	if (n > LABEL_MAX) {
		snprintf(reason, size, "label at offset %zu is longer than %d characters", offset,
			 LABEL_MAX);
		return -EINVAL;
	}
	/* DNS-SD service and protocol labels: "_name". */
	if (label[0] == '_') {
		if (n == 1) {
			snprintf(reason, size, "label '_' at offset %zu has no name", offset);
			return -EINVAL;
		}
		first = 1;
	}
	for (size_t i = first; i < n; i++) {
		if (label[i] == '_') {
			snprintf(reason, size, "'_' is allowed only at the start of a label");
			return -EINVAL;
		}
	}
	if (label[first] == '-' || label[n - 1] == '-') {
		snprintf(reason, size, "label at offset %zu starts or ends with '-'", offset);
		return -EINVAL;
	}
	return 0;
}

int azs_connection_name_check(const char *name, size_t len, char *reason, size_t size)
{
	size_t start = 0, last_start = 0;
	int ret;

	if (len == 0) {
		snprintf(reason, size, "must not be empty");
		return -EINVAL;
	}
	if (len > AZS_HOSTNAME_MAX) {
		snprintf(reason, size, "longer than %d characters", AZS_HOSTNAME_MAX);
		return -EINVAL;
	}
	ret = forbidden_char(name, len, reason, size);
	if (ret)
		return ret;
	if (all_digits_and_dots(name, len)) {
		if (is_ipv4(name, len))
			return 0;
		snprintf(reason, size, "not a valid IPv4 address (a.b.c.d, each 0-255)");
		return -EINVAL;
	}
	if (name[len - 1] == '.') {
		snprintf(reason, size, "a trailing '.' is not allowed");
		return -EINVAL;
	}
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '.')
			continue;
		ret = check_label(name + start, i - start, start, reason, size);
		if (ret)
			return ret;
		last_start = start;
		start = i + 1;
	}
	/* RFC 1123 2.1: the top-level label is not all-numeric. */
	if (all_digits_and_dots(name + last_start, len - last_start)) {
		snprintf(reason, size, "the last label must not be all-numeric");
		return -EINVAL;
	}
	return 0;
}
