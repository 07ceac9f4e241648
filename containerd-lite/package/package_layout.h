// SPDX-License-Identifier: MIT
/* Byte offsets of the package's header and metadata fields (little-endian: azs/bytes.h). */
#ifndef AZS_PACKAGE_LAYOUT_H
#define AZS_PACKAGE_LAYOUT_H

#include <stdint.h>
#include <string.h>

#include <azs/bytes.h> /* azs_get_le16 .. azs_put_le64 */

/* Header (AZS_PKG_HEADER_SIZE bytes at offset 0). */
#define HDR_MAGIC        0  /* 8 bytes */
#define HDR_VERSION      8  /* u16 */
#define HDR_HEADER_SIZE  10 /* u16 */
#define HDR_FLAGS        12 /* u32, zero */
#define HDR_TOTAL_SIZE   16 /* u32 */
#define HDR_META_OFFSET  20 /* u32 */
#define HDR_META_SIZE    24 /* u32 */
#define HDR_MAN_OFFSET   28 /* u32 */
#define HDR_MAN_SIZE     32 /* u32 */
#define HDR_PAY_OFFSET   36 /* u32 */
#define HDR_PAY_SIZE     40 /* u32 */
#define HDR_SIG_OFFSET   44 /* u32 */
#define HDR_SIG_SIZE     48 /* u32 */
#define HDR_RESERVED     52 /* 12 bytes, zero */
#define HDR_RESERVED_LEN 12

/* Metadata (AZS_PKG_METADATA_SIZE bytes at offset AZS_PKG_HEADER_SIZE). */
#define META_COMPONENT_ID 0  /* 16 bytes, RFC 4122 order */
#define META_IMAGE_ID     16 /* 16 bytes */
#define META_IMAGE_TYPE   32 /* u16 */
#define META_SIGNER_ROLE  34 /* u16 */
#define META_FLAGS        36 /* u32, zero */
#define META_KEY_ID       40 /* 8 bytes */
#define META_NAME         48 /* 32 bytes, NUL-padded */
#define META_RESERVED     80 /* 48 bytes, zero */
#define META_RESERVED_LEN 48

/* The squashfs superblock's magic "hsqs" and bytes_used (u64 at offset 40). */
#define SQUASHFS_MAGIC          "hsqs"
#define SQUASHFS_BYTES_USED     40
#define SQUASHFS_SUPERBLOCK_LEN 96

static inline uint32_t azs_align_up(uint32_t v, uint32_t a)
{
	return (v + a - 1) / a * a;
}

/*
 * Internal: the structure, with or without the signer fields (an unsigned
 * build). KEEP (may be NULL) gets the manifest the parse checked, on success
 * only (azs_manifest_free).
 */
struct azs_package_info;
struct azs_error;
struct azs_manifest;
int azs_package_parse_layout(const uint8_t *buf, size_t len, int allow_unsigned,
			     struct azs_package_info *out, struct azs_manifest *keep,
			     struct azs_error *err);

#endif /* AZS_PACKAGE_LAYOUT_H */
