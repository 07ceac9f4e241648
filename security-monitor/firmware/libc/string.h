/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* The firmware's few string functions (fw_lib.c). */
#ifndef AZS_FW_STRING_H
#define AZS_FW_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memmove(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif /* AZS_FW_STRING_H */
