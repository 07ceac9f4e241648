// SPDX-License-Identifier: MIT
/*
 * Log_Debug: one bounded message per call, written to stderr with a single
 * write(2) (the supervisor captures stderr into the app's log), so
 * concurrent callers never interleave within a message.
 */
#include <stdarg.h>
#include <stdio.h>

#include <applibs/log.h>

#include "internal.h"

/* The longest message; longer ones are cut and end with "...\n". */
#define LOG_MAX_MESSAGE 1024

int Log_DebugVarArgs(const char *fmt, va_list args)
{
	char buf[LOG_MAX_MESSAGE];
	size_t len;
	int n;

	if (!fmt)
		return azs_fail(EFAULT);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	if (n < 0)
		return -1;
	len = (size_t)n;
	if (len >= sizeof(buf)) {
		len = sizeof(buf) - 1;
		buf[len - 4] = '.';
		buf[len - 3] = '.';
		buf[len - 2] = '.';
		buf[len - 1] = '\n';
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(STDERR_FILENO, buf + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)w;
	}
	return 0;
}

int Log_Debug(const char *fmt, ...)
{
	va_list args;
	int ret;

	if (!fmt)
		return azs_fail(EFAULT);
	va_start(args, fmt);
	ret = Log_DebugVarArgs(fmt, args);
	va_end(args);
	return ret;
}
