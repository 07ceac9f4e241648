// SPDX-License-Identifier: MIT
/* Laying out an unsigned package (see package.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "manifest.h"
#include "package.h"
#include "package_layout.h"

int azs_package_build(const struct azs_package_spec *spec, uint8_t **out, size_t *out_len,
		      struct azs_error *err)
{
	azs_cleanup(azs_freep) uint8_t *buf = NULL;
	struct azs_package_info info;
	uint32_t pay_off, sig_off, total;
	size_t name_len;
	uint8_t *h, *m;
	int ret;

	*out = NULL;
	*out_len = 0;
	if (!spec->manifest_size || spec->manifest_size > AZS_PKG_MANIFEST_MAX)
		return azs_error_set(err, -EFBIG, "manifest", "%zu bytes: must be 1 to %u",
				     spec->manifest_size, AZS_PKG_MANIFEST_MAX);
	if (!spec->payload_size || spec->payload_size % AZS_PKG_ALIGN ||
	    spec->payload_size > AZS_PKG_MAX_SIZE)
		return azs_error_set(err, -EINVAL, "payload",
				     "%zu bytes: must be a non-zero multiple of %d",
				     spec->payload_size, AZS_PKG_ALIGN);
	pay_off = azs_align_up(AZS_PKG_MANIFEST_OFFSET + (uint32_t)spec->manifest_size,
			       AZS_PKG_ALIGN);
	if ((uint64_t)pay_off + spec->payload_size + AZS_PKG_SIG_SIZE > AZS_PKG_MAX_SIZE)
		return azs_error_set(err, -EFBIG, "payload", "the package would be over %u bytes",
				     AZS_PKG_MAX_SIZE);
	sig_off = pay_off + (uint32_t)spec->payload_size;
	total = sig_off + AZS_PKG_SIG_SIZE;
	name_len = strnlen(spec->name, AZS_MANIFEST_NAME_STORED);

	buf = calloc(1, total);
	if (!buf)
		return azs_error_set(err, -ENOMEM, "", "out of memory");
	h = buf;
	memcpy(h + HDR_MAGIC, AZS_PKG_MAGIC, 8);
	azs_put_le16(h + HDR_VERSION, AZS_PKG_VERSION);
	azs_put_le16(h + HDR_HEADER_SIZE, AZS_PKG_HEADER_SIZE);
	azs_put_le32(h + HDR_TOTAL_SIZE, total);
	azs_put_le32(h + HDR_META_OFFSET, AZS_PKG_HEADER_SIZE);
	azs_put_le32(h + HDR_META_SIZE, AZS_PKG_METADATA_SIZE);
	azs_put_le32(h + HDR_MAN_OFFSET, AZS_PKG_MANIFEST_OFFSET);
	azs_put_le32(h + HDR_MAN_SIZE, (uint32_t)spec->manifest_size);
	azs_put_le32(h + HDR_PAY_OFFSET, pay_off);
	azs_put_le32(h + HDR_PAY_SIZE, (uint32_t)spec->payload_size);
	azs_put_le32(h + HDR_SIG_OFFSET, sig_off);
	azs_put_le32(h + HDR_SIG_SIZE, AZS_PKG_SIG_SIZE);

	m = buf + AZS_PKG_HEADER_SIZE;
	memcpy(m + META_COMPONENT_ID, spec->component_id.bytes, 16);
	memcpy(m + META_IMAGE_ID, spec->image_id, 16);
	azs_put_le16(m + META_IMAGE_TYPE, AZS_PKG_IMAGE_TYPE_APPLICATION);
	memcpy(m + META_NAME, spec->name, name_len);

	memcpy(buf + AZS_PKG_MANIFEST_OFFSET, spec->manifest, spec->manifest_size);
	memcpy(buf + pay_off, spec->payload, spec->payload_size);

	/* What was laid out must parse: the manifest and payload are checked there. */
	ret = azs_package_parse_layout(buf, total, 1, &info, NULL, err);
	if (ret)
		return ret;
	*out = azs_steal(buf);
	*out_len = total;
	return 0;
}
