// SPDX-License-Identifier: MIT
/*
 * Capability names as users give them (appDevelopment, fieldServicing,
 * enableRfTestMode) and the platform's capability numbers (uapi
 * <azsphere/security.h>, checked with azs_capability_known()).
 */
#ifndef SS_CAP_NAMES_H
#define SS_CAP_NAMES_H

#include <stdio.h>

#include "capfile.h"

/*
 * The capability value ARG names: a user-facing name, or a decimal number the
 * platform knows. -EINVAL (with a message naming --capability) otherwise.
 */
int ss_capability_parse(const char *arg, u8 *value);

/* The user-facing name of a capability value, or NULL if it has none. */
const char *ss_capability_name(u32 value);

/* Print a capability value for people: "appDevelopment (11)", "AZS_CAP_ALLOW_TEST_KEY (1)". */
void ss_capability_print(FILE *out, u32 value);

/*
 * Print the accepted --capability values: "appDevelopment, ...,SEP or a
 * number: 1, 2, ..." (SEP: " ", or a line break and indentation).
 */
void ss_capability_print_accepted(FILE *out, const char *sep);

#endif /* SS_CAP_NAMES_H */
