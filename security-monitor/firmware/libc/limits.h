/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* limits.h from the compiler's own macros (no C library behind it). */
#ifndef AZS_FW_LIMITS_H
#define AZS_FW_LIMITS_H

#define CHAR_BIT	__CHAR_BIT__
#define SCHAR_MAX	__SCHAR_MAX__
#define UCHAR_MAX	(__SCHAR_MAX__ * 2 + 1)
#define SHRT_MAX	__SHRT_MAX__
#define USHRT_MAX	(__SHRT_MAX__ * 2 + 1)
#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(__INT_MAX__ * 2U + 1U)
#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1L)
#define ULONG_MAX	(__LONG_MAX__ * 2UL + 1UL)
#define LLONG_MAX	__LONG_LONG_MAX__
#define ULLONG_MAX	(__LONG_LONG_MAX__ * 2ULL + 1ULL)

#endif /* AZS_FW_LIMITS_H */
