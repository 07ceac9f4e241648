// SPDX-License-Identifier: MIT
/*
 * The host channel's request decoder (containerd-lite/lib/hostchan.c), what
 * azs-gatewayd runs on each line from the device CLI. The input is one line.
 * Invariants: an accepted request has a known op and the fields that op
 * needs; hex fields decode to bytes that encode back to the same digits
 * (either case: nothing but hex digits is accepted); cloud-update's package
 * names are plain; a refusal carries an errno and a reason; the request is
 * freed in every case (leaks fail the run).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "hostchan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *str_field(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* DATA (LEN bytes) is what HEX's digits say, in either case. */
static void check_hex(const char *hex, const uint8_t *bytes, size_t len)
{
	char *back;

	if (!hex || strlen(hex) != 2 * len)
		abort();
	back = malloc(2 * len + 1);
	if (!back)
		abort();
	azs_hex_encode(bytes, len, back);
	for (size_t i = 0; i < 2 * len; i++)
		if (tolower((unsigned char)hex[i]) != back[i])
			abort();
	free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const hex_key[AZS_HC_OP_COUNT] = {
		[AZS_HC_CAPABILITY_UPDATE] = "file",
		[AZS_HC_SIDELOAD_DEPLOY] = "package",
		[AZS_HC_CLOUD_UPDATE] = "manifest",
		[AZS_HC_DEBUG_IO] = "data",
		[AZS_HC_RECOVER] = "image",
	};
	struct azs_hc_request req;
	char why[256];
	char *line;
	int ret;

	if (size > 256 * 1024)
		return -1;
	line = malloc(size ? size : 1); /* reads past the line are caught */
	if (!line)
		return 0;
	memcpy(line, data, size);
	why[0] = 0;
	ret = azs_hc_decode(line, size, &req, why, sizeof(why));
	if (ret) {
		if ((ret != EINVAL && ret != EOPNOTSUPP && ret != ENOMEM) || !why[0] || req.data)
			abort();
		if (req.id && !req.root)
			abort();
		azs_hc_request_free(&req);
		free(line);
		return 0;
	}
	if (!req.root || req.op >= AZS_HC_OP_COUNT)
		abort();
	switch (req.op) {
	case AZS_HC_MFG_STATE_UPDATE:
		if (req.mfg_state != 1 && req.mfg_state != 2)
			abort();
		break;
	case AZS_HC_SIDELOAD_DELETE:
	case AZS_HC_APP_START:
	case AZS_HC_APP_STOP:
	case AZS_HC_APP_LOGS:
		if (!req.component_id ||
		    strcmp(req.component_id, str_field(req.root, "componentId")))
			abort();
		break;
	case AZS_HC_CLOUD_UPDATE: {
		if (!req.packages)
			abort();
		json_object_object_foreach(req.packages, name, val)
		{
			uint8_t *bytes;
			size_t len;

			if (!azs_hc_plain_name(name) || !strcmp(name, "deployment.azsd") ||
			    azs_hc_unhex(json_object_get_string(val), &bytes, &len))
				abort();
			check_hex(json_object_get_string(val), bytes, len);
			free(bytes);
		}
		break;
	}
	default:
		break;
	}
	if (hex_key[req.op]) {
		if (!req.data)
			abort();
		check_hex(str_field(req.root, hex_key[req.op]), req.data, req.data_len);
	} else if (req.data || req.data_len) {
		abort();
	}
	azs_hc_request_free(&req);
	free(line);
	return 0;
}
