// SPDX-License-Identifier: MIT
/* Showing a capability file's fields for people. */
#ifndef SS_SHOW_H
#define SS_SHOW_H

#include <stdio.h>

/*
 * Print the fields of the capability file at PATH to OUT and whether its
 * structure parses (azs_capfile_parse; the signature is not checked).
 * 0 if it parses, -EINVAL if not (the reason printed on OUT), or -errno
 * (with a message) when PATH can't be read.
 */
int ss_show_capability(const char *path, FILE *out);

#endif /* SS_SHOW_H */
