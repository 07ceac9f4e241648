// SPDX-License-Identifier: MIT
/*
 * Messages of the sandbox library. Fallible functions return 0 or a negative
 * errno after one message naming what failed; sb_error prints it on stderr
 * prefixed with "azs-sandbox: ".
 */
#ifndef AZS_SANDBOX_LOG_H
#define AZS_SANDBOX_LOG_H

#define SB_PROG "azs-sandbox"

void sb_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* As sb_error, followed by ": " and strerror(-err); returns err (negative). */
int sb_errno(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* sb_errno with the current errno. */
#define sb_syserr(...) sb_errno(-errno, __VA_ARGS__)

#endif /* AZS_SANDBOX_LOG_H */
