// SPDX-License-Identifier: MIT
/*
 * Deployment manifests (containerd-lite/package/deployment_*.c). An input that
 * starts with the magic is a whole deployment.azsd; any other input is taken
 * as the JSON and framed with a valid header and a zero signature, so the
 * fuzzer works on both layers. Invariants: an accepted deployment obeys the
 * documented limits (1..16 distinct packages, sequence 1..2^53, names
 * terminated); nothing verifies against this run's key (no forgery); an
 * accepted one rebuilt and signed with that key verifies to the same content.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "deployment.h"
#include "deployment_build.h"
#include "fuzz_key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static EVP_PKEY *key;
static struct azs_trusted_key trusted;

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void check(const struct azs_deployment *d)
{
	if (d->n < 1 || d->n > AZS_DEPLOY_MAX_PACKAGES || d->sequence < 1 ||
	    d->sequence > (uint64_t)AZS_DEPLOY_SEQUENCE_MAX ||
	    d->signer_role != AZS_PKG_ROLE_PRODUCTION)
		abort();
	for (size_t i = 0; i < d->n; i++) {
		if (!memchr(d->entries[i].name, 0, sizeof(d->entries[i].name)))
			abort();
		for (size_t j = 0; j < i; j++)
			if (azs_guid_equal(&d->entries[i].component_id,
					   &d->entries[j].component_id))
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct azs_deployment dep, again;
	struct azs_error err;
	uint8_t *buf, *signed_buf;
	size_t len, signed_len;
	int ret;

	if (size > AZS_DEPLOY_MANIFEST_MAX + 256)
		return -1;
	if (!key)
		key = fuzz_key(AZS_PKG_ROLE_PRODUCTION, &trusted);
	if (size >= 8 && !memcmp(data, AZS_DEPLOY_MAGIC, 8)) {
		len = size;
		buf = malloc(len);
		if (!buf)
			return 0;
		memcpy(buf, data, size);
	} else {
		len = AZS_DEPLOY_HEADER_SIZE + size + AZS_PKG_SIG_SIZE;
		buf = calloc(1, len);
		if (!buf)
			return 0;
		memcpy(buf, AZS_DEPLOY_MAGIC, 8);
		put16(buf + 8, AZS_DEPLOY_VERSION);
		put16(buf + 10, AZS_DEPLOY_HEADER_SIZE);
		buf[16] = (uint8_t)len;
		buf[17] = (uint8_t)(len >> 8);
		buf[18] = (uint8_t)(len >> 16);
		put16(buf + 20, AZS_PKG_ROLE_PRODUCTION);
		memcpy(buf + AZS_DEPLOY_HEADER_SIZE, data, size);
	}
	ret = azs_deployment_parse(buf, len, &dep, &err);
	if (ret) {
		if (ret >= 0 || !err.reason[0])
			abort();
		free(buf);
		return 0;
	}
	check(&dep);
	if (!azs_deployment_verify(buf, len, &trusted, 1, &again, &err))
		abort(); /* verified with a key the input cannot know */
	free(buf);

	if (azs_deployment_build(&dep, key, &signed_buf, &signed_len, &err))
		abort();
	if (azs_deployment_verify(signed_buf, signed_len, &trusted, 1, &again, &err)) {
		free(signed_buf);
		abort();
	}
	free(signed_buf);
	if (again.n != dep.n || again.sequence != dep.sequence ||
	    !azs_guid_equal(&again.id, &dep.id) ||
	    memcmp(again.entries, dep.entries, dep.n * sizeof(dep.entries[0])))
		abort();
	return 0;
}
