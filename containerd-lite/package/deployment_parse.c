// SPDX-License-Identifier: MIT
/* A deployment manifest's structure: header, JSON, signature place (see deployment.h). */
#include <errno.h>
#include <string.h>

#include "cleanup.h"
#include "deployment.h"
#include "hex.h"
#include "json_get.h"
#include "json_strict.h"
#include "package_layout.h"

#define DH_MAGIC       0
#define DH_VERSION     8
#define DH_HEADER_SIZE 10
#define DH_FLAGS       12
#define DH_TOTAL_SIZE  16
#define DH_SIGNER_ROLE 20
#define DH_RESERVED    22
#define DH_KEY_ID      24
#define DEPLOY_MIN     (AZS_DEPLOY_HEADER_SIZE + 1 + AZS_PKG_SIG_SIZE)
#define DEPLOY_MAX     (AZS_DEPLOY_HEADER_SIZE + AZS_DEPLOY_MANIFEST_MAX + AZS_PKG_SIG_SIZE)

static void json_putp(struct json_object **o)
{
	json_object_put(*o);
}

static int parse_header(const uint8_t *b, size_t len, struct azs_deployment *out,
			struct azs_error *err)
{
	if (len < DEPLOY_MIN)
		return azs_error_set(err, -EINVAL, "header",
				     "truncated: %zu bytes, a deployment manifest has at least %d",
				     len, DEPLOY_MIN);
	if (len > DEPLOY_MAX)
		return azs_error_set(err, -EFBIG, "header",
				     "%zu bytes: more than the %u a deployment manifest may have",
				     len, (unsigned int)DEPLOY_MAX);
	if (memcmp(b + DH_MAGIC, AZS_DEPLOY_MAGIC, 8))
		return azs_error_set(err, -EINVAL, "header.magic",
				     "bytes 0..8 are not a deployment manifest's magic");
	if (azs_get_le16(b + DH_VERSION) != AZS_DEPLOY_VERSION)
		return azs_error_set(err, -EINVAL, "header.version",
				     "format version %u is not supported (only %d)",
				     azs_get_le16(b + DH_VERSION), AZS_DEPLOY_VERSION);
	if (azs_get_le16(b + DH_HEADER_SIZE) != AZS_DEPLOY_HEADER_SIZE)
		return azs_error_set(err, -EINVAL, "header.header_size", "must be %d (got %u)",
				     AZS_DEPLOY_HEADER_SIZE, azs_get_le16(b + DH_HEADER_SIZE));
	if (azs_get_le32(b + DH_FLAGS))
		return azs_error_set(err, -EINVAL, "header.flags",
				     "bytes 12..16: no flags are defined, must be 0");
	if (azs_get_le32(b + DH_TOTAL_SIZE) != len)
		return azs_error_set(err, -EINVAL, "header.total_size",
				     "says %u bytes but the file has %zu",
				     azs_get_le32(b + DH_TOTAL_SIZE), len);
	out->signer_role = azs_get_le16(b + DH_SIGNER_ROLE);
	if (out->signer_role != AZS_PKG_ROLE_PRODUCTION)
		return azs_error_set(err, -EINVAL, "header.signer_role",
				     "%u: deployments are signed by the production key (%d) only",
				     out->signer_role, AZS_PKG_ROLE_PRODUCTION);
	if (azs_get_le16(b + DH_RESERVED))
		return azs_error_set(err, -EINVAL, "header.reserved", "bytes 22..24 are not zero");
	memcpy(out->signer_key_id, b + DH_KEY_ID, AZS_PKG_KEY_ID_SIZE);
	return 0;
}

static int parse_guid(struct json_object *v, const char *path, struct azs_guid *g,
		      struct azs_error *err)
{
	const char *s;
	size_t len;
	int ret = azs_json_string(v, path, AZS_GUID_STRLEN, AZS_GUID_STRLEN, AZS_STR_NO_CONTROL, &s,
				  &len, err);

	if (ret)
		return ret;
	if (azs_guid_parse(s, len, g) || azs_guid_is_nil(g))
		return azs_error_set(err, -EINVAL, path, "'%s' is not a (non-nil) GUID", s);
	return 0;
}

static int parse_entry(struct json_object *o, const char *path, struct azs_deployment_entry *e,
		       struct azs_error *err)
{
	static const char *const known[] = {"ComponentId", "Name", "Size", "Sha256", NULL};
	char sub[128];
	const char *s;
	int64_t size;
	size_t len;
	int ret;

	ret = azs_json_want(o, json_type_object, path, err)
		      ?: azs_json_known_keys(o, path, known, err);
	if (ret)
		return ret;
	azs_path_key(sub, sizeof(sub), path, "ComponentId");
	ret = parse_guid(azs_json_member(o, "ComponentId"), sub, &e->component_id, err);
	if (ret)
		return ret;
	azs_path_key(sub, sizeof(sub), path, "Name");
	ret = azs_json_string(azs_json_member(o, "Name"), sub, 0, AZS_PKG_NAME_SIZE - 1,
			      AZS_STR_NO_CONTROL, &s, &len, err);
	if (ret)
		return ret;
	memcpy(e->name, s, len);
	e->name[len] = '\0';
	azs_path_key(sub, sizeof(sub), path, "Size");
	ret = azs_json_int(azs_json_member(o, "Size"), sub, 1, AZS_PKG_MAX_SIZE, &size, err);
	if (ret)
		return ret;
	e->size = (uint32_t)size;
	azs_path_key(sub, sizeof(sub), path, "Sha256");
	ret = azs_json_string(azs_json_member(o, "Sha256"), sub, 2 * AZS_DEPLOY_SHA256_SIZE,
			      2 * AZS_DEPLOY_SHA256_SIZE, AZS_STR_NO_CONTROL, &s, &len, err);
	if (ret)
		return ret;
	if (strspn(s, "0123456789abcdef") != 2 * AZS_DEPLOY_SHA256_SIZE ||
	    azs_hex_decode(s, AZS_DEPLOY_SHA256_SIZE, e->sha256))
		return azs_error_set(err, -EINVAL, sub, "not 64 lower-case hex digits");
	return 0;
}

static int parse_json(const char *text, size_t len, struct azs_deployment *out,
		      struct azs_error *err)
{
	static const char *const known[] = {"SchemaVersion", "DeploymentId", "Sequence", "Packages",
					    NULL};
	azs_cleanup(json_putp) struct json_object *root = NULL;
	struct json_object *pkgs;
	int64_t version, sequence;
	char path[64];
	int ret;

	if (memchr(text, '\0', len))
		return azs_error_set(err, -EINVAL, "manifest", "holds a NUL byte");
	ret = azs_json_parse_object(text, len, AZS_DEPLOY_MANIFEST_MAX, &root, err);
	if (ret)
		return ret;
	ret = azs_json_known_keys(root, "", known, err) ?:
	      azs_json_int(azs_json_member(root, "SchemaVersion"), "SchemaVersion", 1, 1, &version,
			   err) ?:
	      parse_guid(azs_json_member(root, "DeploymentId"), "DeploymentId", &out->id, err) ?:
	      azs_json_int(azs_json_member(root, "Sequence"), "Sequence", 1, AZS_DEPLOY_SEQUENCE_MAX,
			   &sequence, err);
	if (ret)
		return ret;
	out->sequence = (uint64_t)sequence;
	pkgs = azs_json_member(root, "Packages");
	ret = azs_json_want(pkgs, json_type_array, "Packages", err);
	if (ret)
		return ret;
	out->n = json_object_array_length(pkgs);
	if (out->n < 1 || out->n > AZS_DEPLOY_MAX_PACKAGES)
		return azs_error_set(err, -EINVAL, "Packages",
				     "%zu packages: a deployment has 1 to %d", out->n,
				     AZS_DEPLOY_MAX_PACKAGES);
	for (size_t i = 0; i < out->n; i++) {
		azs_path_index(path, sizeof(path), "Packages", i);
		ret = parse_entry(json_object_array_get_idx(pkgs, i), path, &out->entries[i], err);
		if (ret)
			return ret;
		for (size_t j = 0; j < i; j++)
			if (azs_guid_equal(&out->entries[j].component_id,
					   &out->entries[i].component_id))
				return azs_error_set(err, -EINVAL, path,
						     "ComponentId %s is listed twice",
						     out->entries[i].component_id.str);
	}
	return 0;
}

int azs_deployment_parse_header(const uint8_t *buf, size_t len, struct azs_deployment *out,
				struct azs_error *err)
{
	int ret;

	memset(out, 0, sizeof(*out));
	azs_error_clear(err);
	ret = parse_header(buf, len, out, err);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

int azs_deployment_parse_manifest(const uint8_t *buf, size_t len, struct azs_deployment *out,
				  struct azs_error *err)
{
	int ret = parse_json((const char *)buf + AZS_DEPLOY_HEADER_SIZE,
			     len - AZS_DEPLOY_HEADER_SIZE - AZS_PKG_SIG_SIZE, out, err);

	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

int azs_deployment_parse(const uint8_t *buf, size_t len, struct azs_deployment *out,
			 struct azs_error *err)
{
	return azs_deployment_parse_header(buf, len, out, err)
		       ?: azs_deployment_parse_manifest(buf, len, out, err);
}
