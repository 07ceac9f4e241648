// SPDX-License-Identifier: MIT
/* Error messages on stderr (see log.h). */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

void ip_error(const char *fmt, ...)
{
	va_list ap;

	fputs(IP_PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void ip_report(const char *what, const struct azs_error *err)
{
	if (err->field[0])
		ip_error("%s: %s: %s", what, err->field, err->reason);
	else
		ip_error("%s: %s", what, err->reason);
}
