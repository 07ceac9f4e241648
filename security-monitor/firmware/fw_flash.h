/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Writes to the Secure flash (qemu's CFI01 pflash: Intel command set, two
 * x16 chips side by side on the 32-bit bus, 256 KiB erase sectors).
 */
#ifndef AZS_FW_FLASH_H
#define AZS_FW_FLASH_H

#include "fw.h"

/*
 * Erase the sector holding addr (every byte 0xff). 0, or -EIO: the status
 * register reported an error (erase, voltage, locked block) or never
 * became ready.
 */
int fw_flash_erase(u32 addr);

/*
 * Program n bytes (a multiple of 4, addr 4-aligned) from src, which must be
 * in Secure RAM, into erased flash, then read them back. 0, or -EIO (a
 * status error, a timeout, or the bytes read back differ), or -EINVAL.
 */
int fw_flash_program(u32 addr, const void *src, u32 n);

#endif /* AZS_FW_FLASH_H */
