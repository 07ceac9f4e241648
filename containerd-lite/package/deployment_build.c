// SPDX-License-Identifier: MIT
/* Making and signing a deployment manifest (see deployment_build.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cleanup.h"
#include "deployment_build.h"
#include "hex.h"
#include "package_crypto.h"
#include "package_layout.h"

static void json_putp(struct json_object **o)
{
	json_object_put(*o);
}

static struct json_object *entry_json(const struct azs_deployment_entry *e)
{
	struct json_object *o = json_object_new_object();
	char hex[2 * AZS_DEPLOY_SHA256_SIZE + 1];

	azs_hex_encode(e->sha256, AZS_DEPLOY_SHA256_SIZE, hex);
	json_object_object_add(o, "ComponentId", json_object_new_string(e->component_id.str));
	json_object_object_add(o, "Name", json_object_new_string(e->name));
	json_object_object_add(o, "Size", json_object_new_int64(e->size));
	json_object_object_add(o, "Sha256", json_object_new_string(hex));
	return o;
}

int azs_deployment_build(struct azs_deployment *dep, EVP_PKEY *key, uint8_t **out, size_t *out_len,
			 struct azs_error *err)
{
	azs_cleanup(json_putp) struct json_object *root = json_object_new_object();
	uint8_t pub[AZS_PKG_PUBKEY_SIZE];
	struct json_object *pkgs = json_object_new_array();
	const char *text;
	size_t text_len, len;
	uint8_t *buf;
	int ret;

	if (!root || !pkgs) {
		json_object_put(pkgs);
		return azs_error_set(err, -ENOMEM, "manifest", "out of memory");
	}
	if (dep->n < 1 || dep->n > AZS_DEPLOY_MAX_PACKAGES)
		return azs_error_set(err, -EINVAL, "Packages",
				     "%zu packages: a deployment has 1 to %d", dep->n,
				     AZS_DEPLOY_MAX_PACKAGES);
	json_object_object_add(root, "SchemaVersion", json_object_new_int(1));
	if (dep->sequence < 1 || dep->sequence > (uint64_t)AZS_DEPLOY_SEQUENCE_MAX)
		return azs_error_set(err, -EINVAL, "Sequence", "%llu: not in 1..2^53",
				     (unsigned long long)dep->sequence);
	json_object_object_add(root, "DeploymentId", json_object_new_string(dep->id.str));
	json_object_object_add(root, "Sequence", json_object_new_int64((int64_t)dep->sequence));
	for (size_t i = 0; i < dep->n; i++)
		json_object_array_add(pkgs, entry_json(&dep->entries[i]));
	json_object_object_add(root, "Packages", pkgs);
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							    JSON_C_TO_STRING_NOSLASHESCAPE);
	text_len = strlen(text);
	if (text_len > AZS_DEPLOY_MANIFEST_MAX)
		return azs_error_set(err, -EFBIG, "manifest", "%zu bytes: more than %u", text_len,
				     AZS_DEPLOY_MANIFEST_MAX);
	ret = azs_package_key_id(key, dep->signer_key_id, pub, err);
	if (ret)
		return ret;
	dep->signer_role = AZS_PKG_ROLE_PRODUCTION;

	len = AZS_DEPLOY_HEADER_SIZE + text_len + AZS_PKG_SIG_SIZE;
	buf = calloc(1, len);
	if (!buf)
		return azs_error_set(err, -ENOMEM, "manifest", "out of memory");
	memcpy(buf, AZS_DEPLOY_MAGIC, 8);
	azs_put_le16(buf + 8, AZS_DEPLOY_VERSION);
	azs_put_le16(buf + 10, AZS_DEPLOY_HEADER_SIZE);
	azs_put_le32(buf + 16, (uint32_t)len);
	azs_put_le16(buf + 20, AZS_PKG_ROLE_PRODUCTION);
	memcpy(buf + 24, dep->signer_key_id, AZS_PKG_KEY_ID_SIZE);
	memcpy(buf + AZS_DEPLOY_HEADER_SIZE, text, text_len);
	ret = azs_p256_sign(key, buf, len - AZS_PKG_SIG_SIZE, buf + len - AZS_PKG_SIG_SIZE, err);
	if (ret) {
		free(buf);
		return ret;
	}
	*out = buf;
	*out_len = len;
	return 0;
}
