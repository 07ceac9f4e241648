// SPDX-License-Identifier: MIT
/*
 * Application manifests (containerd-lite/lib/manifest.c), resolved against
 * the MT3620 RDB hardware definition as the SDK does. Invariants: an accepted
 * manifest obeys every documented limit; a refusal is a negative errno with a
 * field and a reason, and leaves nothing allocated.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct azs_hwdef *hw;

static void load_hwdef(void)
{
	static const char *const dirs[] = {AZS_HWDEF_DIR};
	struct azs_error err;

	if (azs_hwdef_load(AZS_HWDEF_DIR "/mt3620_rdb.json", dirs, 1, &hw, &err)) {
		fprintf(stderr, "fuzz_manifest: %s: %s\n", err.field, err.reason);
		abort();
	}
}

static void check_limits(const struct azs_manifest *m)
{
	const struct azs_manifest_caps *c = &m->caps;

	if (m->schema_version != 1 || !m->name || strlen(m->name) > AZS_MANIFEST_NAME_MAX ||
	    !m->entry_point || strlen(m->entry_point) > AZS_MANIFEST_ENTRY_POINT_MAX ||
	    m->n_cmd_args > AZS_MANIFEST_MAX_CMD_ARGS ||
	    (m->app_type != AZS_APP_TYPE_DEFAULT && m->app_type != AZS_APP_TYPE_REALTIME))
		abort();
	for (size_t i = 0; i < m->n_cmd_args; i++)
		if (strlen(m->cmd_args[i]) > AZS_MANIFEST_CMD_ARG_MAX)
			abort();
	for (size_t k = 0; k <= AZS_FW_KIND_MAX; k++)
		if (c->periph[k].n > AZS_MANIFEST_MAX_PERIPHERALS)
			abort();
	if (c->n_external_interrupts > AZS_MANIFEST_MAX_INTERRUPTS ||
	    c->n_allowed_connections > AZS_MANIFEST_MAX_CONNECTIONS ||
	    c->n_tcp_server_ports > AZS_MANIFEST_MAX_SERVER_PORTS ||
	    c->n_udp_server_ports > AZS_MANIFEST_MAX_SERVER_PORTS ||
	    c->n_app_connections > AZS_MANIFEST_MAX_APP_CONNECTIONS ||
	    c->mutable_storage_kb > AZS_MANIFEST_MUTABLE_STORAGE_MAX_KB ||
	    (c->power_controls & ~7u) || (c->flags >> 14))
		abort();
	for (size_t i = 0; i < c->n_tcp_server_ports; i++)
		if (c->tcp_server_ports[i] < AZS_MANIFEST_MIN_SERVER_PORT)
			abort();
	for (size_t i = 0; i < c->n_udp_server_ports; i++)
		if (c->udp_server_ports[i] < AZS_MANIFEST_MIN_SERVER_PORT)
			abort();
	for (size_t i = 0; i < c->n_allowed_connections; i++)
		if (!c->allowed_connections[i] || !c->allowed_connections[i][0])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct azs_manifest m;
	struct azs_error err;
	char *copy;
	int ret;

	if (size > AZS_MANIFEST_MAX_SIZE + 16)
		return -1;
	if (!hw)
		load_hwdef();
	copy = malloc(size ? size : 1); /* reads past the text are caught */
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	memset(&m, 0x5a, sizeof(m));
	ret = azs_manifest_parse(copy, size, hw, &m, &err);
	free(copy);
	if (ret == 0) {
		check_limits(&m);
		azs_manifest_free(&m);
		return 0;
	}
	if (ret >= 0 || !err.reason[0] || !memchr(err.field, 0, sizeof(err.field)) ||
	    !memchr(err.reason, 0, sizeof(err.reason)) || m.name || m.cmd_args ||
	    m.caps.allowed_connections || m.caps.external_interrupts)
		abort();
	return 0;
}
