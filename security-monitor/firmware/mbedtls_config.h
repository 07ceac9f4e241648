/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Mbed TLS (Debian's source package, built by the firmware's Makefile) cut
 * to what the boot chain and the NV records need: SHA-256, HMAC-SHA256 and
 * ECDSA P-256 verification. No
 * entropy, no files, no time; memory from the firmware's heap (fw_heap.c).
 */
#ifndef AZS_FW_MBEDTLS_CONFIG_H
#define AZS_FW_MBEDTLS_CONFIG_H

#define MBEDTLS_HAVE_ASM
/* No 64-bit division helpers from libgcc (a hard-float library). */
#define MBEDTLS_NO_UDBL_DIVISION
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDSA_C
#define MBEDTLS_SHA256_C
/* HMAC-SHA256 of the NV records (fw_nv.c). */
#define MBEDTLS_MD_C
//#define MBEDTLS_SHA256_SMALLER
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
/* Verification only, public data: no blinding RNG. */
#define MBEDTLS_ECP_NO_INTERNAL_RNG

#include "mbedtls/check_config.h"

#endif /* AZS_FW_MBEDTLS_CONFIG_H */
