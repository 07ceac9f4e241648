/* SPDX-License-Identifier: MIT */
/* applibs logging: debug output to the app's log. */
#ifndef APPLIBS_LOG_H
#define APPLIBS_LOG_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 0, or -1: EFAULT (fmt NULL). Thread safe; not async-signal-safe. */
int Log_Debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int Log_DebugVarArgs(const char *fmt, va_list args) __attribute__((format(printf, 1, 0)));

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_LOG_H */
