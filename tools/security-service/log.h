// SPDX-License-Identifier: MIT
/* Error messages on stderr, prefixed with the tool's name. */
#ifndef SS_LOG_H
#define SS_LOG_H

#define SS_PROG "azs-security-service"

/* Print "azs-security-service: MESSAGE\n". */
void ss_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* As ss_error, followed by ": " and the reason OpenSSL queued (the queue is emptied). */
void ss_ossl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* SS_LOG_H */
