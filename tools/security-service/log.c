// SPDX-License-Identifier: MIT
/* Error messages (see log.h). */
#include <stdarg.h>
#include <stdio.h>

#include <openssl/err.h>

#include "log.h"

void ss_error(const char *fmt, ...)
{
	va_list ap;

	fputs(SS_PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void ss_ossl_error(const char *fmt, ...)
{
	unsigned long e = ERR_peek_last_error();
	char why[256] = "unknown OpenSSL error";
	va_list ap;

	if (e)
		ERR_error_string_n(e, why, sizeof(why));
	ERR_clear_error();
	fputs(SS_PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", why);
}
