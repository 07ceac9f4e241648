/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The boot bundle in the Secure flash, at PLAT_BUNDLE_OFFSET (after the
 * firmware image). All fields little-endian:
 *
 *   0   magic "AZSBOOT1"
 *   8   u32 number of images (FW_BUNDLE_IMAGES: kernel, dtb, initramfs)
 *   12  u32 reserved, 0
 *   16  per image, 16 bytes: u32 kind, u32 offset (from the bundle's start),
 *       u32 size, u32 load address (Normal World RAM)
 *   64  u32 signature length (1..FW_BUNDLE_SIG_MAX), then the signature:
 *       ECDSA P-256 (DER) with the platform root-of-trust key over the
 *       SHA-256 of bytes 0..63 followed by the kernel, the DTB and the
 *       initramfs
 * Images start at FW_BUNDLE_MIN_IMAGE_OFFSET or later.
 *
 * Written by security-monitor/firmware/make-bios.
 */
#ifndef AZS_FW_BUNDLE_H
#define AZS_FW_BUNDLE_H

#define FW_BUNDLE_MAGIC		"AZSBOOT1"
#define FW_BUNDLE_IMAGES	3
#define FW_BUNDLE_HDR_SIZE	(16 + 16 * FW_BUNDLE_IMAGES)	/* signed part */
#define FW_BUNDLE_SIG_MAX	72
#define FW_BUNDLE_MIN_IMAGE_OFFSET	(FW_BUNDLE_HDR_SIZE + 4 + FW_BUNDLE_SIG_MAX)

#define FW_IMAGE_KERNEL		1
#define FW_IMAGE_DTB		2
#define FW_IMAGE_INITRAMFS	3

#endif /* AZS_FW_BUNDLE_H */
