// SPDX-License-Identifier: MIT
/* Refusal reports and field paths (see azs_error.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "azs_error.h"

/* Replace anything that is not printable ASCII, so reports are safe to show. */
static void sanitize(char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			*s = '?';
}

void azs_error_clear(struct azs_error *err)
{
	if (!err)
		return;
	err->field[0] = '\0';
	err->reason[0] = '\0';
}

int azs_error_set(struct azs_error *err, int code, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
	sanitize(err->field);
	sanitize(err->reason);
	return code;
}

void azs_path_key(char *buf, size_t size, const char *parent, const char *key)
{
	if (parent && *parent)
		snprintf(buf, size, "%s.%s", parent, key);
	else
		snprintf(buf, size, "%s", key);
}

void azs_path_index(char *buf, size_t size, const char *parent, size_t index)
{
	snprintf(buf, size, "%s[%zu]", parent ? parent : "", index);
}

void azs_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}
