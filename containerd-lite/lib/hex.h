// SPDX-License-Identifier: MIT
/* Hex digits: the one reader and writer of them for userspace. */
#ifndef AZS_HEX_H
#define AZS_HEX_H

#include <stddef.h>
#include <stdint.h>

/* The value of hex digit C (either case), or -1. */
int azs_hex_digit(char c);

/* N bytes from the 2N hex digits at HEX (either case): 0, or -EINVAL at the first non-digit. */
int azs_hex_decode(const char *hex, size_t n, uint8_t *out);

/* N bytes as 2N lower-case hex digits and a NUL into OUT (2N + 1 bytes). */
void azs_hex_encode(const uint8_t *in, size_t n, char *out);

#endif /* AZS_HEX_H */
