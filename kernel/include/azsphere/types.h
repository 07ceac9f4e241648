/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Types for the pure decision core: the same C files compile into the kernel
 * modules and into host unit tests, so they use only these names.
 */
#ifndef AZSPHERE_TYPES_H
#define AZSPHERE_TYPES_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#ifndef EKEYREJECTED
#define EKEYREJECTED 129
#endif
#endif

#endif /* AZSPHERE_TYPES_H */
