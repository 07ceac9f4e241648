// SPDX-License-Identifier: MIT
/* Error messages (see log.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

void sb_error(const char *fmt, ...)
{
	va_list ap;

	fputs(SB_PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int sb_errno(int err, const char *fmt, ...)
{
	va_list ap;

	if (err >= 0)
		err = -EIO;
	fputs(SB_PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(-err));
	return err;
}
