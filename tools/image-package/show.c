// SPDX-License-Identifier: MIT
/* show (see show.h). */
#include <errno.h>
#include <stdio.h>

#include "cleanup.h"
#include "log.h"
#include "out_file.h"
#include "package_crypto.h"
#include "show.h"

static void print_hex(FILE *out, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", b[i]);
}

static void print_info(FILE *out, const uint8_t *buf, const struct azs_package_info *i)
{
	fprintf(out, "Image package:    %u bytes, format version %d\n", i->total_size,
		AZS_PKG_VERSION);
	fprintf(out, "Name:             %s\n", i->name);
	fprintf(out, "Component id:     %s\n", i->component_id.str);
	fprintf(out, "Image id:         %s\n", i->image_id.str);
	fprintf(out, "Image type:       Applications (%u)\n", i->image_type);
	fprintf(out, "Signer role:      %s\n", azs_package_role_name(i->signer_role));
	fprintf(out, "Signer key id:    ");
	print_hex(out, i->signer_key_id, AZS_PKG_KEY_ID_SIZE);
	fprintf(out, "\nManifest:         bytes %u..%u\n", i->manifest_offset,
		i->manifest_offset + i->manifest_size);
	fprintf(out, "Payload:          bytes %u..%u (squashfs)\n", i->payload_offset,
		i->payload_offset + i->payload_size);
	fprintf(out, "Signature:        bytes %u..%u (ECDSA P-256, SHA-256)\n", i->signature_offset,
		i->total_size);
	fprintf(out, "Application manifest:\n%.*s\n", (int)i->manifest_size,
		(const char *)buf + i->manifest_offset);
}

int ip_show(const char *path, const char *keys, FILE *out)
{
	azs_cleanup(azs_freep) uint8_t *buf = NULL;
	struct azs_trusted_key tk[2];
	struct azs_package_info info;
	struct azs_error err;
	size_t len, n;
	int ret;

	ret = ip_read_file("--image-package", path, AZS_PKG_MAX_SIZE, &buf, &len);
	if (ret)
		return ret;
	ret = azs_package_parse(buf, len, &info, &err);
	if (ret) {
		ip_report(path, &err);
		return ret;
	}
	print_info(out, buf, &info);
	if (!keys)
		return 0;
	ret = azs_package_load_trusted_dir(keys, tk, &n, &err);
	if (ret) {
		ip_report("--keys", &err);
		return ret;
	}
	ret = azs_package_verify(buf, len, tk, n,
				 AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION) |
					 AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK),
				 &info, &err);
	if (ret) {
		fprintf(out, "Signature:        NOT VERIFIED: %s: %s\n", err.field, err.reason);
		ip_report(path, &err);
		return ret;
	}
	fprintf(out, "Signature:        verified with the %s key in %s\n",
		azs_package_role_name(info.signer_role), keys);
	return 0;
}
