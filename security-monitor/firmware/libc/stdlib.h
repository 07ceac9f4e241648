/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* The firmware's heap (fw_heap.c), for Mbed TLS's big numbers. */
#ifndef AZS_FW_STDLIB_H
#define AZS_FW_STDLIB_H

#include <stddef.h>

void *calloc(size_t n, size_t size);
void free(void *p);

#endif /* AZS_FW_STDLIB_H */
