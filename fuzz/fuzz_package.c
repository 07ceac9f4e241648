// SPDX-License-Identifier: MIT
/*
 * Image packages (containerd-lite/package): the structure parser and the
 * verifier. Invariants: an accepted package's parts lie inside it, in order,
 * aligned as documented, and its name is terminated; no input verifies
 * against a key made for this run (no forgery); an accepted structure signed
 * with that key verifies, with the same fields, and stops verifying when a
 * signed byte changes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_key.h"
#include "package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static EVP_PKEY *key;
static struct azs_trusted_key trusted;

static void check_layout(const struct azs_package_info *i, size_t size)
{
	if (i->total_size != size || i->manifest_offset != AZS_PKG_MANIFEST_OFFSET ||
	    !i->manifest_size || i->manifest_size > AZS_PKG_MANIFEST_MAX ||
	    i->manifest_offset + (uint64_t)i->manifest_size > i->payload_offset ||
	    i->payload_offset % AZS_PKG_ALIGN || !i->payload_size ||
	    i->payload_size % AZS_PKG_ALIGN ||
	    (uint64_t)i->payload_offset + i->payload_size != i->signature_offset ||
	    (uint64_t)i->signature_offset + AZS_PKG_SIG_SIZE != size ||
	    !memchr(i->name, 0, sizeof(i->name)) || i->verified)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct azs_package_info info, vinfo;
	struct azs_error err;
	uint8_t *copy;
	int ret;

	if (size > 64 * 1024)
		return -1;
	if (!key)
		key = fuzz_key(AZS_PKG_ROLE_SDK, &trusted);
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	ret = azs_package_parse(copy, size, &info, &err);
	if (ret) {
		if (ret >= 0 || !err.reason[0])
			abort();
		free(copy);
		return 0;
	}
	check_layout(&info, size);
	if (!azs_package_verify(copy, size, &trusted, 1, AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK), &vinfo,
				&err))
		abort(); /* verified with a key the input cannot know */

	if (azs_package_sign(copy, size, key, AZS_PKG_ROLE_SDK, &err) ||
	    azs_package_verify(copy, size, &trusted, 1, AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK), &vinfo,
			       &err) ||
	    !vinfo.verified || vinfo.signer_role != AZS_PKG_ROLE_SDK ||
	    memcmp(vinfo.signer_key_id, trusted.id, sizeof(trusted.id)))
		abort();
	vinfo.verified = false;
	memcpy(info.signer_key_id, vinfo.signer_key_id, sizeof(info.signer_key_id));
	info.signer_role = vinfo.signer_role;
	if (memcmp(&info, &vinfo, sizeof(info)))
		abort();
	/* Production-only verification refuses the SDK signature. */
	if (azs_package_verify(copy, size, &trusted, 1, AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION),
			       &vinfo, &err) != -EPERM)
		abort();
	/* One changed signed byte (chosen by the input) breaks the signature. */
	copy[data[size - 1] % info.signature_offset] ^= 0x01;
	if (!azs_package_verify(copy, size, &trusted, 1, AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK), &vinfo,
				&err))
		abort();
	free(copy);
	return 0;
}
