// SPDX-License-Identifier: MIT
/* show: an image package's metadata and, given keys, whether it verifies. */
#ifndef IP_SHOW_H
#define IP_SHOW_H

#include <stdio.h>

/*
 * Print PATH's metadata on OUT; with KEYS (may be NULL), verify it against
 * KEYS/production.pub.pem and KEYS/sdk.pub.pem. 0 if it parses (and, with
 * KEYS, verifies), or -errno after a message naming the field at fault.
 */
int ip_show(const char *path, const char *keys, FILE *out);

#endif /* IP_SHOW_H */
