/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal state shared by the security monitor's files. */
#ifndef AZS_SECMON_H
#define AZS_SECMON_H

/* Number of function ids the monitor answers (AZS_SMC_CALL_COUNT). */
#define AZS_SECMON_NUM_CALLS 3

#endif /* AZS_SECMON_H */
