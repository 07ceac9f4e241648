// SPDX-License-Identifier: MIT
/*
 * Verifying a deployment: the manifest's signature with the production key,
 * then the directory against it, package by package (see deployment.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "cleanup.h"
#include "deployment.h"
#include "file_read.h"

int azs_sha256(const uint8_t *buf, size_t len, uint8_t out[AZS_DEPLOY_SHA256_SIZE])
{
	unsigned int n = 0;

	if (azs_package_crypto_init())
		return -ENOMEM;
	return EVP_Digest(buf, len, out, &n, EVP_sha256(), NULL) == 1 && n == AZS_DEPLOY_SHA256_SIZE
		       ? 0
		       : -ENOMEM;
}

static void key_id_text(const uint8_t id[AZS_PKG_KEY_ID_SIZE],
			char text[2 * AZS_PKG_KEY_ID_SIZE + 1])
{
	for (int i = 0; i < AZS_PKG_KEY_ID_SIZE; i++)
		snprintf(text + 2 * i, 3, "%02x", id[i]);
}

int azs_deployment_verify(const uint8_t *buf, size_t len, const struct azs_trusted_key *keys,
			  size_t n, struct azs_deployment *out, struct azs_error *err)
{
	const struct azs_trusted_key *key = NULL;
	char id[2 * AZS_PKG_KEY_ID_SIZE + 1];
	size_t signed_len;
	int ret;

	ret = azs_deployment_parse_header(buf, len, out, err);
	if (ret)
		return ret;
	key_id_text(out->signer_key_id, id);
	for (size_t i = 0; i < n && !key; i++)
		if (keys[i].role == AZS_PKG_ROLE_PRODUCTION &&
		    !memcmp(keys[i].id, out->signer_key_id, AZS_PKG_KEY_ID_SIZE))
			key = &keys[i];
	if (!key) {
		memset(out, 0, sizeof(*out));
		return azs_error_set(err, -ENOKEY, "header.signer_key_id",
				     "%s is not the production key: deployments are signed by the "
				     "Security Service's production key only",
				     id);
	}
	signed_len = len - AZS_PKG_SIG_SIZE;
	ret = azs_p256_verify(key, buf, signed_len, buf + signed_len, err);
	if (ret == -EBADMSG)
		azs_error_set(
			err, ret, "signature",
			"bytes %zu..%zu: the ECDSA P-256 signature over bytes 0..%zu does not "
			"verify with the production key",
			signed_len, len, signed_len);
	if (!ret)
		ret = azs_deployment_parse_manifest(buf, len, out, err);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

static void close_all(int memfds[AZS_DEPLOY_MAX_PACKAGES])
{
	for (int i = 0; i < AZS_DEPLOY_MAX_PACKAGES; i++) {
		if (memfds[i] >= 0)
			close(memfds[i]);
		memfds[i] = -1;
	}
}

/* Entry E's package: present, sealed, of the listed size and hash, production-signed, E's. */
static int open_entry(const char *dir, const struct azs_deployment_entry *e,
		      const struct azs_trusted_key *keys, size_t n, int *memfd,
		      struct azs_package_info *info, struct azs_error *err)
{
	char path[4096], file[64];
	uint8_t digest[AZS_DEPLOY_SHA256_SIZE];
	void *map;
	int ret;

	snprintf(file, sizeof(file), "%s.azsp", e->component_id.str);
	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return azs_error_set(err, -ENAMETOOLONG, dir, "path too long");
	ret = azs_package_open_sealed(path, keys, n, AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION),
				      info, memfd, err);
	if (ret == -ENOENT)
		return azs_error_set(err, ret, file, "package %s (%s) of the deployment is missing",
				     e->component_id.str, e->name);
	if (ret == -EPERM)
		return azs_error_set(err, ret, file,
				     "is SDK-signed: a deployment takes production-signed packages "
				     "only");
	if (ret) {
		char why[sizeof(err->reason)];

		azs_format(why, sizeof(why), "%s: %s", err->field, err->reason);
		return azs_error_set(err, ret, file, "refused: %s", why);
	}
	if (info->total_size != e->size) {
		ret = azs_error_set(err, -EINVAL, file, "%u bytes, the deployment lists %u",
				    info->total_size, e->size);
		goto fail;
	}
	map = mmap(NULL, info->total_size, PROT_READ, MAP_SHARED, *memfd, 0);
	if (map == MAP_FAILED) {
		ret = azs_error_set(err, -errno, file, "cannot map it");
		goto fail;
	}
	ret = azs_sha256(map, info->total_size, digest);
	munmap(map, info->total_size);
	if (ret || memcmp(digest, e->sha256, sizeof(digest))) {
		ret = azs_error_set(err, ret ?: -EBADMSG, file,
				    "its SHA-256 is not the one the deployment lists");
		goto fail;
	}
	if (!azs_guid_equal(&info->component_id, &e->component_id)) {
		ret = azs_error_set(err, -EINVAL, file, "holds component %s, not %s",
				    info->component_id.str, e->component_id.str);
		goto fail;
	}
	return 0;
fail:
	close(*memfd);
	*memfd = -1;
	return ret;
}

/* DIR holds the manifest and the listed packages only. */
static int no_other_files(const char *dir, const struct azs_deployment *dep, struct azs_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = 0;

	if (!d)
		return azs_error_set(err, -errno, dir, "cannot read the directory: %s",
				     strerror(errno));
	while (!ret && (de = readdir(d))) {
		bool listed = !strcmp(de->d_name, AZS_DEPLOY_MANIFEST_FILE);

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		for (size_t i = 0; i < dep->n && !listed; i++) {
			char file[64];

			snprintf(file, sizeof(file), "%s.azsp", dep->entries[i].component_id.str);
			listed = !strcmp(de->d_name, file);
		}
		if (!listed)
			ret = azs_error_set(err, -EINVAL, de->d_name,
					    "is not part of the signed deployment");
	}
	closedir(d);
	return ret;
}

int azs_deployment_open_dir(const char *dir, const struct azs_trusted_key *keys, size_t n,
			    struct azs_deployment *out, int memfds[AZS_DEPLOY_MAX_PACKAGES],
			    struct azs_package_info infos[AZS_DEPLOY_MAX_PACKAGES],
			    struct azs_error *err)
{
	struct azs_file_data f = {0};
	char path[4096];
	int ret;

	for (int i = 0; i < AZS_DEPLOY_MAX_PACKAGES; i++)
		memfds[i] = -1;
	azs_error_clear(err);
	if (snprintf(path, sizeof(path), "%s/%s", dir, AZS_DEPLOY_MANIFEST_FILE) >=
	    (int)sizeof(path))
		return azs_error_set(err, -ENAMETOOLONG, dir, "path too long");
	ret = azs_file_read(
		path, AZS_DEPLOY_HEADER_SIZE + AZS_DEPLOY_MANIFEST_MAX + AZS_PKG_SIG_SIZE, &f);
	if (ret == -ENOENT)
		return azs_error_set(err, ret, AZS_DEPLOY_MANIFEST_FILE,
				     "missing: not a deployment");
	if (ret)
		return azs_error_set(err, ret, AZS_DEPLOY_MANIFEST_FILE, "cannot read it: %s",
				     strerror(-ret));
	ret = azs_deployment_verify((const uint8_t *)f.data, f.len, keys, n, out, err);
	azs_file_data_free(&f);
	if (ret) {
		char why[sizeof(err->reason)];

		azs_format(why, sizeof(why), "%s: %s", err->field, err->reason);
		return azs_error_set(err, ret, AZS_DEPLOY_MANIFEST_FILE, "%s", why);
	}
	ret = no_other_files(dir, out, err);
	for (size_t i = 0; !ret && i < out->n; i++)
		ret = open_entry(dir, &out->entries[i], keys, n, &memfds[i], &infos[i], err);
	if (ret)
		close_all(memfds);
	return ret;
}
