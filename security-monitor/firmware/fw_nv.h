/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The firmware's NV region: the last 1 MiB of the Secure flash
 * (PLAT_NV_OFFSET), four erase sectors of 256 KiB, Secure-only like the rest
 * of flash0 (a Normal World access aborts). All fields little-endian.
 *
 *   sector 0  factory record (written once, by make-bios "at the factory";
 *             the firmware never erases it):
 *               0 "AZSF"  4 version 1  8 length 128  12 flags 0
 *               16 device-unique secret (32)  48 device ID (64)
 *               112 zero (12)  124 CRC-32 of 0..123
 *             and at 0x1000 the provisioned word: erased (0xffffffff) until
 *             the first record is written, then FW_NV_PROVISIONED (programmed
 *             once, never erased)
 *   sector 1  slot A, sector 2  slot B: each the stand-in's record
 *             (core/nv_record.h: a 512-byte record in a 4 KiB stride, the
 *             rest erased), then at 0x1000 its HMAC-SHA256 (32 bytes), then
 *             erased bytes to 0x2000 (the 8 KiB judged per slot)
 *   sector 3  recovery mailbox: a recovery record (core/nv_record.h) at 0,
 *             written by the host tool into the flash file; erased otherwise
 *
 * The MAC: HMAC-SHA256 with K = HMAC-SHA256(secret, FW_NV_MAC_LABEL) over
 * the slot number (u32: 0 for A, 1 for B) followed by the 512-byte record.
 */
#ifndef AZS_FW_NV_H
#define AZS_FW_NV_H

#include "fw.h"
#include "nv_record.h"
#include "platform.h"

#define FW_NV_FACTORY		(PLAT_NV_OFFSET + 0 * PLAT_FLASH_SECTOR)
#define FW_NV_SLOT(i)		(PLAT_NV_OFFSET + (1 + (u32)(i)) * PLAT_FLASH_SECTOR)
#define FW_NV_MAILBOX		(PLAT_NV_OFFSET + 3 * PLAT_FLASH_SECTOR)

#define FW_NV_FACTORY_MAGIC	0x46535a41u /* "AZSF" */
#define FW_NV_FACTORY_SIZE	128
#define FW_NV_SECRET_SIZE	32
#define FW_NV_MARKER_OFFSET	0x1000u
#define FW_NV_PROVISIONED	0x56505341u /* "ASPV" */
#define FW_NV_MAC_OFFSET	AZS_NV_SLOT_STRIDE
#define FW_NV_MAC_SIZE		32
#define FW_NV_SLOT_AREA		(2 * AZS_NV_SLOT_STRIDE)
#define FW_NV_MAC_LABEL		"azs-secmon nv record mac v1"

/* Judge the NV region at boot (messages on the Secure UART): provision a
 * factory-fresh device, take the record in force, apply a signed recovery
 * record, or refuse to serve. */
void fw_nv_load(void);

/* The record in force, or NULL when the region is refused (corrupt record,
 * missing factory record): then every flash-backed call is refused. */
const struct azs_nv_state *fw_nv_state(void);

/* Write next as the new record (the other slot, next generation) before it
 * is in force: 0, or -EIO (nothing changed in force). */
int fw_nv_commit(const struct azs_nv_state *next);

#endif /* AZS_FW_NV_H */
