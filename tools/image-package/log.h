// SPDX-License-Identifier: MIT
/* Error messages on stderr, prefixed with the tool's name. */
#ifndef IP_LOG_H
#define IP_LOG_H

#include "azs_error.h"

#define IP_PROG "image-package"

/* Print "image-package: MESSAGE\n". */
void ip_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "image-package: WHAT: FIELD: REASON\n" from a library refusal. */
void ip_report(const char *what, const struct azs_error *err);

#endif /* IP_LOG_H */
