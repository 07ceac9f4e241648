/* SPDX-License-Identifier: MIT */
/*
 * The decoders' one refusal convention: write why into WHY (SIZE bytes, may be
 * 0) and return CODE, so a refusal is one statement naming its reason.
 */
#ifndef AZS_REFUSE_H
#define AZS_REFUSE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

__attribute__((format(printf, 4, 5))) static inline int azs_refuse(int code, char *why, size_t size,
								   const char *fmt, ...)
{
	va_list ap;

	if (size) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return code;
}

#endif
