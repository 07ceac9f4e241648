// SPDX-License-Identifier: MIT
/* The package's structure: header, layout of the parts, metadata, manifest, payload. */
#include <errno.h>
#include <string.h>

#include "manifest.h"
#include "package.h"
#include "package_layout.h"

const char *azs_package_role_name(unsigned int role)
{
	switch (role) {
	case AZS_PKG_ROLE_PRODUCTION:
		return "production";
	case AZS_PKG_ROLE_SDK:
		return "sdk";
	}
	return NULL;
}

/* The first non-zero byte of BUF[0..LEN), or -1. */
static long first_nonzero(const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i])
			return (long)i;
	return -1;
}

static int parse_header(const uint8_t *b, size_t len, struct azs_package_info *out,
			struct azs_error *err)
{
	long nz;

	if (len < AZS_PKG_HEADER_SIZE)
		return azs_error_set(err, -EINVAL, "header",
				     "truncated: %zu bytes, the header alone is %d", len,
				     AZS_PKG_HEADER_SIZE);
	if (memcmp(b + HDR_MAGIC, AZS_PKG_MAGIC, 8))
		return azs_error_set(err, -EINVAL, "header.magic",
				     "bytes 0..8 are not an image package's magic");
	if (azs_get_le16(b + HDR_VERSION) != AZS_PKG_VERSION)
		return azs_error_set(err, -EINVAL, "header.version",
				     "format version %u is not supported (only %d)",
				     azs_get_le16(b + HDR_VERSION), AZS_PKG_VERSION);
	if (azs_get_le16(b + HDR_HEADER_SIZE) != AZS_PKG_HEADER_SIZE)
		return azs_error_set(err, -EINVAL, "header.header_size", "must be %d (got %u)",
				     AZS_PKG_HEADER_SIZE, azs_get_le16(b + HDR_HEADER_SIZE));
	if (azs_get_le32(b + HDR_FLAGS))
		return azs_error_set(err, -EINVAL, "header.flags",
				     "bytes 12..16: no flags are defined, must be 0");
	nz = first_nonzero(b + HDR_RESERVED, HDR_RESERVED_LEN);
	if (nz >= 0)
		return azs_error_set(err, -EINVAL, "header.reserved",
				     "byte %ld is not zero (reserved bytes 52..64)",
				     HDR_RESERVED + nz);
	out->total_size = azs_get_le32(b + HDR_TOTAL_SIZE);
	if (out->total_size > AZS_PKG_MAX_SIZE)
		return azs_error_set(err, -EFBIG, "header.total_size",
				     "%u bytes: more than the %u a package may have",
				     out->total_size, AZS_PKG_MAX_SIZE);
	if (len < out->total_size)
		return azs_error_set(err, -EINVAL, "header.total_size",
				     "says %u bytes but there are only %zu: truncated",
				     out->total_size, len);
	if (len > out->total_size)
		return azs_error_set(err, -EINVAL, "trailer",
				     "bytes %u..%zu: trailing bytes after the package's end",
				     out->total_size, len);
	return 0;
}

struct part {
	const char *name;
	const char *field; /* the header's offset field */
	uint32_t off, size;
};

/* Every part inside the package, in order, not overlapping, laid out canonically. */
static int check_layout(const uint8_t *b, struct azs_package_info *out, struct azs_error *err)
{
	struct part p[] = {
		{"header", "header", 0, AZS_PKG_HEADER_SIZE},
		{"metadata", "header.metadata_offset", azs_get_le32(b + HDR_META_OFFSET),
		 azs_get_le32(b + HDR_META_SIZE)},
		{"manifest", "header.manifest_offset", azs_get_le32(b + HDR_MAN_OFFSET),
		 azs_get_le32(b + HDR_MAN_SIZE)},
		{"payload", "header.payload_offset", azs_get_le32(b + HDR_PAY_OFFSET),
		 azs_get_le32(b + HDR_PAY_SIZE)},
		{"signature", "header.signature_offset", azs_get_le32(b + HDR_SIG_OFFSET),
		 azs_get_le32(b + HDR_SIG_SIZE)},
	};
	const size_t n = sizeof(p) / sizeof(p[0]);

	for (size_t i = 1; i < n; i++) {
		uint64_t end = (uint64_t)p[i].off + p[i].size;

		if (end > out->total_size)
			return azs_error_set(err, -EINVAL, p[i].field,
					     "%s bytes %u..%llu lie beyond the package's end (%u)",
					     p[i].name, p[i].off, (unsigned long long)end,
					     out->total_size);
		if (p[i].off < p[i - 1].off + p[i - 1].size)
			return azs_error_set(err, -EINVAL, p[i].field,
					     "%s bytes %u..%llu overlap the %s (bytes %u..%u)",
					     p[i].name, p[i].off, (unsigned long long)end,
					     p[i - 1].name, p[i - 1].off,
					     p[i - 1].off + p[i - 1].size);
	}
	if (p[1].off != AZS_PKG_HEADER_SIZE || p[1].size != AZS_PKG_METADATA_SIZE)
		return azs_error_set(err, -EINVAL, "header.metadata_offset",
				     "the metadata must be bytes %d..%d (got %u..%u)",
				     AZS_PKG_HEADER_SIZE, AZS_PKG_MANIFEST_OFFSET, p[1].off,
				     p[1].off + p[1].size);
	if (p[2].off != AZS_PKG_MANIFEST_OFFSET)
		return azs_error_set(err, -EINVAL, "header.manifest_offset",
				     "the manifest must start at byte %d (got %u)",
				     AZS_PKG_MANIFEST_OFFSET, p[2].off);
	if (p[2].size == 0)
		return azs_error_set(err, -EINVAL, "header.manifest_size", "the manifest is empty");
	if (p[2].size > AZS_PKG_MANIFEST_MAX)
		return azs_error_set(err, -EFBIG, "header.manifest_size",
				     "%u bytes: more than the %u a manifest may have", p[2].size,
				     AZS_PKG_MANIFEST_MAX);
	if (p[3].off != azs_align_up(p[2].off + p[2].size, AZS_PKG_ALIGN))
		return azs_error_set(err, -EINVAL, "header.payload_offset",
				     "the payload must start at the first %d-byte boundary after "
				     "the manifest, byte %u (got %u)",
				     AZS_PKG_ALIGN,
				     azs_align_up(p[2].off + p[2].size, AZS_PKG_ALIGN), p[3].off);
	if (p[3].size == 0 || p[3].size % AZS_PKG_ALIGN)
		return azs_error_set(err, -EINVAL, "header.payload_size",
				     "must be a non-zero multiple of %d (got %u)", AZS_PKG_ALIGN,
				     p[3].size);
	if (p[4].off != p[3].off + p[3].size || p[4].size != AZS_PKG_SIG_SIZE ||
	    p[4].off + p[4].size != out->total_size)
		return azs_error_set(err, -EINVAL, "header.signature_offset",
				     "the signature must be the last %d bytes, right after the "
				     "payload (bytes %u..%u; got %u..%u)",
				     AZS_PKG_SIG_SIZE, p[3].off + p[3].size,
				     p[3].off + p[3].size + AZS_PKG_SIG_SIZE, p[4].off,
				     p[4].off + p[4].size);
	out->manifest_offset = p[2].off;
	out->manifest_size = p[2].size;
	out->payload_offset = p[3].off;
	out->payload_size = p[3].size;
	out->signature_offset = p[4].off;

	uint32_t pad = p[2].off + p[2].size;
	long nz = first_nonzero(b + pad, p[3].off - pad);

	if (nz >= 0)
		return azs_error_set(err, -EINVAL, "padding",
				     "byte %ld (padding %u..%u between manifest and payload) is "
				     "not zero",
				     pad + nz, pad, p[3].off);
	return 0;
}

static int parse_metadata(const uint8_t *m, int allow_unsigned, struct azs_package_info *out,
			  struct azs_error *err)
{
	const char *name = (const char *)(m + META_NAME);
	size_t name_len = strnlen(name, AZS_PKG_NAME_SIZE);
	long nz;

	memcpy(out->component_id.bytes, m + META_COMPONENT_ID, 16);
	memcpy(out->image_id.bytes, m + META_IMAGE_ID, 16);
	for (int g = 0; g < 2; g++) {
		struct azs_guid *id = g ? &out->image_id : &out->component_id;
		char *s = id->str;

		for (int i = 0; i < 16; i++) {
			static const char hex[] = "0123456789abcdef";

			if (i == 4 || i == 6 || i == 8 || i == 10)
				*s++ = '-';
			*s++ = hex[id->bytes[i] >> 4];
			*s++ = hex[id->bytes[i] & 15];
		}
		*s = '\0';
	}
	out->image_type = azs_get_le16(m + META_IMAGE_TYPE);
	if (out->image_type != AZS_PKG_IMAGE_TYPE_APPLICATION)
		return azs_error_set(err, -EINVAL, "metadata.image_type",
				     "image type %u is not an application (%d)", out->image_type,
				     AZS_PKG_IMAGE_TYPE_APPLICATION);
	out->signer_role = azs_get_le16(m + META_SIGNER_ROLE);
	memcpy(out->signer_key_id, m + META_KEY_ID, AZS_PKG_KEY_ID_SIZE);
	if (!azs_package_role_name(out->signer_role) && !(allow_unsigned && out->signer_role == 0))
		return azs_error_set(err, -EINVAL, "metadata.signer_role",
				     "%u is not a signer role (production %d, sdk %d)",
				     out->signer_role, AZS_PKG_ROLE_PRODUCTION, AZS_PKG_ROLE_SDK);
	if (azs_get_le32(m + META_FLAGS))
		return azs_error_set(err, -EINVAL, "metadata.flags",
				     "no flags are defined, must be 0");
	if (name_len == 0 || name_len == AZS_PKG_NAME_SIZE)
		return azs_error_set(err, -EINVAL, "metadata.name",
				     "must be 1 to %d bytes and a NUL (bytes %d..%d)",
				     AZS_PKG_NAME_SIZE - 1, AZS_PKG_HEADER_SIZE + META_NAME,
				     AZS_PKG_HEADER_SIZE + META_NAME + AZS_PKG_NAME_SIZE);
	nz = first_nonzero(m + META_NAME + name_len, AZS_PKG_NAME_SIZE - name_len);
	if (nz >= 0)
		return azs_error_set(err, -EINVAL, "metadata.name",
				     "byte %ld after the name's NUL is not zero",
				     AZS_PKG_HEADER_SIZE + META_NAME + (long)name_len + nz);
	memcpy(out->name, name, name_len + 1);
	nz = first_nonzero(m + META_RESERVED, META_RESERVED_LEN);
	if (nz >= 0)
		return azs_error_set(err, -EINVAL, "metadata.reserved",
				     "byte %ld is not zero (reserved bytes %d..%d)",
				     AZS_PKG_HEADER_SIZE + META_RESERVED + nz,
				     AZS_PKG_HEADER_SIZE + META_RESERVED,
				     AZS_PKG_HEADER_SIZE + AZS_PKG_METADATA_SIZE);
	return 0;
}

/*
 * The manifest parses with no hardware definition and agrees with the
 * metadata. KEEP (may be NULL) gets it on success.
 */
static int check_manifest(const uint8_t *b, const struct azs_package_info *info,
			  struct azs_manifest *keep, struct azs_error *err)
{
	struct azs_manifest m = {0};
	struct azs_error merr;
	size_t stored;
	int ret;

	ret = azs_manifest_parse((const char *)b + info->manifest_offset, info->manifest_size, NULL,
				 &m, &merr);
	if (ret)
		return azs_error_set(err, ret == -ENOMEM ? ret : -EINVAL, "manifest",
				     "bytes %u..%u do not parse: %s%s%s", info->manifest_offset,
				     info->manifest_offset + info->manifest_size, merr.field,
				     merr.field[0] ? ": " : "", merr.reason);
	if (!azs_guid_equal(&m.component_id, &info->component_id)) {
		ret = azs_error_set(err, -EINVAL, "metadata.component_id",
				    "%s is not the manifest's ComponentId %s",
				    info->component_id.str, m.component_id.str);
		goto out;
	}
	stored = strnlen(m.name, AZS_MANIFEST_NAME_STORED);
	if (strlen(info->name) != stored || memcmp(info->name, m.name, stored)) {
		ret = azs_error_set(err, -EINVAL, "metadata.name",
				    "\"%s\" is not the manifest's Name (its first %d bytes)",
				    info->name, AZS_MANIFEST_NAME_STORED);
		goto out;
	}
	if (keep) {
		*keep = m; /* the caller's now */
		return 0;
	}
	ret = 0;
out:
	azs_manifest_free(&m);
	return ret;
}

static int check_payload(const uint8_t *b, const struct azs_package_info *info,
			 struct azs_error *err)
{
	const uint8_t *p = b + info->payload_offset;

	if (info->payload_size < SQUASHFS_SUPERBLOCK_LEN || memcmp(p, SQUASHFS_MAGIC, 4))
		return azs_error_set(err, -EINVAL, "payload",
				     "bytes %u..%u are not a squashfs image", info->payload_offset,
				     info->payload_offset + info->payload_size);
	if (azs_get_le64(p + SQUASHFS_BYTES_USED) > info->payload_size)
		return azs_error_set(err, -EINVAL, "payload",
				     "the squashfs image says it uses %llu bytes, more than the "
				     "payload's %u",
				     (unsigned long long)azs_get_le64(p + SQUASHFS_BYTES_USED),
				     info->payload_size);
	return 0;
}

int azs_package_parse_layout(const uint8_t *buf, size_t len, int allow_unsigned,
			     struct azs_package_info *out, struct azs_manifest *keep,
			     struct azs_error *err)
{
	int ret;

	memset(out, 0, sizeof(*out));
	azs_error_clear(err);
	if (len > AZS_PKG_MAX_SIZE)
		return azs_error_set(err, -EFBIG, "",
				     "%zu bytes: more than the %u a package may have", len,
				     AZS_PKG_MAX_SIZE);
	ret = parse_header(buf, len, out, err);
	if (!ret)
		ret = check_layout(buf, out, err);
	if (!ret)
		ret = parse_metadata(buf + AZS_PKG_HEADER_SIZE, allow_unsigned, out, err);
	if (!ret)
		ret = check_manifest(buf, out, keep, err);
	if (!ret) {
		ret = check_payload(buf, out, err);
		if (ret && keep)
			azs_manifest_free(keep);
	}
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

int azs_package_parse(const uint8_t *buf, size_t len, struct azs_package_info *out,
		      struct azs_error *err)
{
	return azs_package_parse_layout(buf, len, 0, out, NULL, err);
}
