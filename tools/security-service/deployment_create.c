// SPDX-License-Identifier: MIT
/* deployment create / verify (see deployment_cmd.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

#include <azs/cleanup_ossl.h>
#include "deployment.h"
#include "deployment_build.h"
#include "deployment_cmd.h"
#include "file_io.h"
#include "key_store.h"
#include "log.h"

/* The store's production key, and its SDK key if it trusts one (for precise refusals). */
static int store_keys(const char *store, struct azs_trusted_key keys[2], size_t *n)
{
	char path[4096];
	struct stat st;
	int ret;

	ret = ss_store_open(store) ?: ss_store_trusted_key(store, SS_ROLE_PRODUCTION, &keys[0]);
	if (ret)
		return ret;
	*n = 1;
	snprintf(path, sizeof(path), "%s/sdk.pub.pem", store);
	if (!stat(path, &st) && !ss_store_trusted_key(store, "sdk", &keys[1]))
		*n = 2;
	return 0;
}

static int random_guid(struct azs_guid *g)
{
	unsigned char b[16];
	char s[AZS_GUID_STRLEN + 1];

	if (RAND_bytes(b, sizeof(b)) != 1) {
		ss_ossl_error("no random bytes for the deployment id");
		return -EIO;
	}
	b[6] = (b[6] & 0x0f) | 0x40; /* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80; /* RFC 4122 variant */
	snprintf(s, sizeof(s),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
		 b[15]);
	return azs_guid_parse(s, strlen(s), g);
}

/* Read and verify PATH as a production-signed package; fill E. *BUF: its bytes (free()). */
static int take_package(const char *path, const struct azs_trusted_key *keys, size_t n,
			struct azs_deployment_entry *e, uint8_t **buf, size_t *len)
{
	struct azs_package_info info;
	struct azs_error err;
	int ret;

	*buf = malloc(AZS_PKG_MAX_SIZE + 1);
	if (!*buf) {
		ss_error("out of memory");
		return -ENOMEM;
	}
	ret = ss_read_file(path, *buf, AZS_PKG_MAX_SIZE + 1, len);
	if (ret) {
		ss_error("--package %s: not read", path);
		return ret;
	}
	ret = azs_package_verify(*buf, *len, keys, n, AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION),
				 &info, &err);
	if (ret == -EPERM) {
		ss_error("--package %s is SDK-signed: a deployment takes production-signed "
			 "packages only ('" SS_PROG " production-sign' it first)",
			 path);
		return ret;
	}
	if (ret) {
		ss_error("--package %s: not a production-signed package that verifies: %s: %s",
			 path, err.field, err.reason);
		return ret;
	}
	e->component_id = info.component_id;
	snprintf(e->name, sizeof(e->name), "%s", info.name);
	e->size = (uint32_t)*len;
	return azs_sha256(*buf, *len, e->sha256);
}

/* OUTPUT: created, or an existing empty directory. *CREATED says which. */
static int prepare_output(const char *output, int *created)
{
	struct stat st;

	*created = 0;
	if (!mkdir(output, 0755)) {
		*created = 1;
		return 0;
	}
	if (errno != EEXIST || stat(output, &st) || !S_ISDIR(st.st_mode)) {
		ss_error("--output %s: cannot create the directory: %s", output,
			 errno == EEXIST ? "a file is in the way" : strerror(errno));
		return -EEXIST;
	}
	if (rmdir(output)) { /* only an empty directory goes away */
		ss_error("--output %s: not empty (a deployment directory holds nothing else)",
			 output);
		return -ENOTEMPTY;
	}
	if (mkdir(output, 0755)) {
		ss_error("--output %s: %s", output, strerror(errno));
		return -errno;
	}
	*created = 1;
	return 0;
}

static void remove_output(const char *output, const struct azs_deployment *dep)
{
	char path[4096];

	for (size_t i = 0; i < dep->n; i++) {
		snprintf(path, sizeof(path), "%s/%s.azsp", output,
			 dep->entries[i].component_id.str);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/%s", output, AZS_DEPLOY_MANIFEST_FILE);
	unlink(path);
	rmdir(output);
}

#define SEQUENCE_FILE "deployment-sequence"

/* The highest sequence the store has signed (0 if none yet). */
static int last_sequence(const char *store, uint64_t *last)
{
	char path[4096], text[32], *end;
	size_t len;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", store, SEQUENCE_FILE);
	if (access(path, F_OK)) {
		*last = 0;
		return 0;
	}
	ret = ss_read_file(path, text, sizeof(text) - 1, &len);
	if (ret)
		return ret;
	text[len] = 0;
	errno = 0;
	*last = strtoull(text, &end, 10);
	if (errno || end == text || (*end && *end != '\n') ||
	    *last > (uint64_t)AZS_DEPLOY_SEQUENCE_MAX) {
		ss_error("%s: not a sequence number", path);
		return -EINVAL;
	}
	return 0;
}

static int choose_sequence(const char *store, const char *given, uint64_t *seq)
{
	uint64_t last;
	char *end;
	int ret = last_sequence(store, &last);

	if (ret)
		return ret;
	if (!given) {
		*seq = last + 1;
		return 0;
	}
	errno = 0;
	*seq = strtoull(given, &end, 10);
	if (errno || end == given || *end || given[0] == '-' || *seq < 1 ||
	    *seq > (uint64_t)AZS_DEPLOY_SEQUENCE_MAX) {
		ss_error("--sequence %s: not a number from 1 to 2^53", given);
		return -EINVAL;
	}
	if (*seq <= last) {
		ss_error("--sequence %llu: the key store has signed deployment %llu already; "
			 "devices refuse anything not newer",
			 (unsigned long long)*seq, (unsigned long long)last);
		return -EINVAL;
	}
	return 0;
}

static int record_sequence(const char *store, uint64_t seq)
{
	char path[4096], text[32];

	snprintf(path, sizeof(path), "%s/%s", store, SEQUENCE_FILE);
	snprintf(text, sizeof(text), "%llu\n", (unsigned long long)seq);
	return ss_write_file_atomic(path, text, strlen(text));
}

int ss_deployment_create(const char *store, const char *output, const char *sequence,
			 char *const *packages, size_t n)
{
	static struct azs_deployment dep;
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	azs_cleanup(azs_freep) uint8_t *manifest = NULL;
	uint8_t *bufs[AZS_DEPLOY_MAX_PACKAGES] = {0};
	size_t lens[AZS_DEPLOY_MAX_PACKAGES], nkeys, mlen;
	struct azs_trusted_key keys[2];
	struct azs_error err;
	char path[4096];
	int created = 0, ret;

	memset(&dep, 0, sizeof(dep));
	if (n < 1 || n > AZS_DEPLOY_MAX_PACKAGES) {
		ss_error("deployment create: %zu packages: a deployment has 1 to %d", n,
			 AZS_DEPLOY_MAX_PACKAGES);
		return -EINVAL;
	}
	ret = store_keys(store, keys, &nkeys) ?:
	      ss_store_private_key(store, SS_ROLE_PRODUCTION, &key) ?: random_guid(&dep.id) ?:
	      choose_sequence(store, sequence, &dep.sequence);
	for (size_t i = 0; !ret && i < n; i++) {
		ret = take_package(packages[i], keys, nkeys, &dep.entries[i], &bufs[i], &lens[i]);
		for (size_t j = 0; !ret && j < i; j++) {
			if (azs_guid_equal(&dep.entries[j].component_id,
					   &dep.entries[i].component_id)) {
				ss_error("--package %s and --package %s are both component %s",
					 packages[j], packages[i], dep.entries[i].component_id.str);
				ret = -EINVAL;
			}
		}
		dep.n = i + 1;
	}
	if (!ret) {
		ret = azs_deployment_build(&dep, key, &manifest, &mlen, &err);
		if (ret)
			ss_error("cannot make the deployment manifest: %s: %s", err.field,
				 err.reason);
	}
	if (!ret)
		ret = prepare_output(output, &created);
	for (size_t i = 0; !ret && i < dep.n; i++) {
		snprintf(path, sizeof(path), "%s/%s.azsp", output, dep.entries[i].component_id.str);
		ret = ss_write_file_atomic(path, bufs[i], lens[i]);
	}
	if (!ret) {
		snprintf(path, sizeof(path), "%s/%s", output, AZS_DEPLOY_MANIFEST_FILE);
		ret = ss_write_file_atomic(path, manifest, mlen);
	}
	/* Recorded once signed and written: a sequence is never signed twice. */
	if (!ret)
		ret = record_sequence(store, dep.sequence);
	for (size_t i = 0; i < AZS_DEPLOY_MAX_PACKAGES; i++)
		free(bufs[i]);
	if (ret) {
		if (created)
			remove_output(output, &dep);
		return ret;
	}
	printf("deployment %s (sequence %llu): %zu package(s), signed with the production key\n",
	       dep.id.str, (unsigned long long)dep.sequence, dep.n);
	for (size_t i = 0; i < dep.n; i++)
		printf("  %s  %-24s %u bytes\n", dep.entries[i].component_id.str,
		       dep.entries[i].name, dep.entries[i].size);
	return 0;
}

int ss_deployment_verify(const char *store, const char *dir)
{
	static struct azs_deployment dep;
	struct azs_package_info infos[AZS_DEPLOY_MAX_PACKAGES];
	int memfds[AZS_DEPLOY_MAX_PACKAGES];
	struct azs_trusted_key keys[2];
	struct azs_error err;
	size_t nkeys;
	int ret;

	ret = store_keys(store, keys, &nkeys);
	if (ret)
		return ret;
	ret = azs_deployment_open_dir(dir, keys, nkeys, &dep, memfds, infos, &err);
	if (ret) {
		ss_error("deployment %s refused: %s: %s", dir, err.field, err.reason);
		return ret;
	}
	for (size_t i = 0; i < dep.n; i++)
		close(memfds[i]);
	printf("deployment %s: verified, %zu production-signed package(s)\n", dep.id.str, dep.n);
	for (size_t i = 0; i < dep.n; i++)
		printf("  %s  %-24s %u bytes\n", dep.entries[i].component_id.str,
		       dep.entries[i].name, dep.entries[i].size);
	return 0;
}
