// SPDX-License-Identifier: MIT
/* pack-application (see pack.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "cleanup.h"
#include "log.h"
#include <azs/cleanup_ossl.h>
#include "out_file.h"
#include "pack.h"
#include "package_crypto.h"
#include "payload.h"
#include "resolve.h"

unsigned int ip_role_from_name(const char *name)
{
	if (!strcmp(name, "sdk"))
		return AZS_PKG_ROLE_SDK;
	if (!strcmp(name, "production"))
		return AZS_PKG_ROLE_PRODUCTION;
	return 0;
}

static void hwdef_freep(struct azs_hwdef **hw)
{
	azs_hwdef_free(*hw);
}

static void manifest_freep(struct azs_manifest *m)
{
	azs_manifest_free(m);
}

/* A temporary directory removed with what the packer put in it. */
static void tmpdir_removep(char **dir)
{
	static const char *const files[] = {"app_manifest.json", "pseudo", "payload.squashfs",
					    "mksquashfs.log"};
	char path[4096];

	if (!*dir)
		return;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", *dir, files[i]);
		unlink(path);
	}
	rmdir(*dir);
	free(*dir);
}

static int load_hwdef(const struct ip_pack_args *a, struct azs_hwdef **hw)
{
	char path[4096];
	struct azs_error err;
	int ret;

	if (!a->n_hwdirs && !a->target)
		return 0;
	if (!a->n_hwdirs || !a->target) {
		ip_error("%s needs %s too",
			 a->target ? "--target-definition-filename" : "--hardware-definitions",
			 a->target ? "--hardware-definitions DIR" : "--target-definition-filename");
		return -EINVAL;
	}
	if (strchr(a->target, '/')) {
		ip_error("--target-definition-filename %s: a file name, found in the "
			 "--hardware-definitions directories",
			 a->target);
		return -EINVAL;
	}
	for (size_t i = 0; i < a->n_hwdirs; i++) {
		snprintf(path, sizeof(path), "%s/%s", a->hwdirs[i], a->target);
		if (access(path, F_OK))
			continue;
		ret = azs_hwdef_load(path, a->hwdirs, a->n_hwdirs, hw, &err);
		if (ret)
			ip_report("--target-definition-filename", &err);
		return ret;
	}
	ip_error("--target-definition-filename %s: not in any --hardware-definitions directory",
		 a->target);
	return -ENOENT;
}

static int make_image_id(uint8_t id[16])
{
	if (getrandom(id, 16, 0) != 16) {
		ip_error("cannot get random bytes for the image id: %s", strerror(errno));
		return -EIO;
	}
	id[6] = (uint8_t)((id[6] & 0x0f) | 0x40); /* RFC 4122 version 4 */
	id[8] = (uint8_t)((id[8] & 0x3f) | 0x80);
	return 0;
}

/* The signed package must verify with the signing key's public half. */
static int self_check(const uint8_t *pkg, size_t len, EVP_PKEY *key, unsigned int role)
{
	struct azs_trusted_key tk = {.role = role};
	struct azs_package_info info;
	struct azs_error err;
	int ret = azs_package_key_id(key, tk.id, tk.pub, &err);

	if (!ret)
		ret = azs_package_verify(pkg, len, &tk, 1, AZS_PKG_ROLE_BIT(role), &info, &err);
	if (ret)
		ip_report("the package made does not verify", &err);
	return ret;
}

int ip_pack(const struct ip_pack_args *a)
{
	azs_cleanup(hwdef_freep) struct azs_hwdef *hw = NULL;
	azs_cleanup(manifest_freep) struct azs_manifest m = {0};
	azs_cleanup(azs_freep) uint8_t *json = NULL;
	azs_cleanup(azs_freep) char *packed = NULL;
	azs_cleanup(azs_freep) uint8_t *payload = NULL;
	azs_cleanup(azs_freep) uint8_t *pkg = NULL;
	azs_cleanup(azs_freep) char *keypath = NULL;
	azs_cleanup(azs_freep) char *manpath = NULL;
	azs_cleanup(tmpdir_removep) char *tmpdir = NULL;
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	unsigned int role = ip_role_from_name(a->key_role);
	size_t json_len, packed_len, payload_len, pkg_len;
	struct azs_package_spec spec = {0};
	struct azs_error err;
	const char *tdir = getenv("TMPDIR");
	int ret;

	if (asprintf(&manpath, "%s/app_manifest.json", a->input) < 0 ||
	    asprintf(&keypath, "%s/%s.key.pem", a->keys, a->key_role) < 0 ||
	    asprintf(&tmpdir, "%s/image-package.XXXXXX", tdir && *tdir ? tdir : "/tmp") < 0) {
		manpath = keypath = tmpdir = NULL;
		ip_error("out of memory");
		return -ENOMEM;
	}
	ret = ip_read_file("--input: app_manifest.json", manpath, AZS_PKG_MANIFEST_MAX, &json,
			   &json_len);
	if (!ret)
		ret = load_hwdef(a, &hw);
	if (!ret)
		ret = ip_resolve_manifest((const char *)json, json_len, hw, &packed, &packed_len,
					  &m);
	if (!ret)
		ret = ip_check_input(a->input, m.entry_point);
	if (ret)
		return ret;
	ret = azs_package_load_private_key(keypath, &key, &err);
	if (ret) {
		ip_report("--keys/--key-role", &err);
		return ret;
	}
	if (!mkdtemp(tmpdir)) {
		ip_error("cannot make a temporary directory %s: %s", tmpdir, strerror(errno));
		free(tmpdir);
		tmpdir = NULL;
		return -EIO;
	}
	ret = ip_build_payload(a->input, tmpdir, packed, packed_len, &payload, &payload_len);
	if (ret)
		return ret;

	spec.component_id = m.component_id;
	spec.name = m.name;
	spec.manifest = packed;
	spec.manifest_size = packed_len;
	spec.payload = payload;
	spec.payload_size = payload_len;
	ret = make_image_id(spec.image_id);
	if (ret)
		return ret;
	ret = azs_package_build(&spec, &pkg, &pkg_len, &err);
	if (!ret)
		ret = azs_package_sign(pkg, pkg_len, key, role, &err);
	if (ret) {
		ip_report("package", &err);
		return ret;
	}
	ret = self_check(pkg, pkg_len, key, role);
	if (!ret)
		ret = ip_write_file_atomic(a->destination, pkg, pkg_len);
	if (!ret)
		printf("%s: %zu bytes, %s (%s), signed with the %s key\n", a->destination, pkg_len,
		       m.name, m.component_id.str, a->key_role);
	return ret;
}

int ip_resolve_only(const struct ip_pack_args *a)
{
	azs_cleanup(hwdef_freep) struct azs_hwdef *hw = NULL;
	azs_cleanup(manifest_freep) struct azs_manifest m = {0};
	azs_cleanup(azs_freep) uint8_t *json = NULL;
	azs_cleanup(azs_freep) char *packed = NULL;
	azs_cleanup(azs_freep) char *manpath = NULL;
	size_t json_len, packed_len;
	int ret;

	if (asprintf(&manpath, "%s/app_manifest.json", a->input) < 0) {
		manpath = NULL;
		ip_error("out of memory");
		return -ENOMEM;
	}
	ret = ip_read_file("--input: app_manifest.json", manpath, AZS_PKG_MANIFEST_MAX, &json,
			   &json_len);
	if (!ret)
		ret = load_hwdef(a, &hw);
	if (!ret)
		ret = ip_resolve_manifest((const char *)json, json_len, hw, &packed, &packed_len,
					  &m);
	if (!ret)
		ret = ip_write_file_atomic(a->destination, packed, packed_len);
	return ret;
}
