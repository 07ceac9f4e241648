/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
#ifndef AZS_FW_ASSERT_H
#define AZS_FW_ASSERT_H
#define assert(x) ((void)0)
#endif
