// SPDX-License-Identifier: MIT
/* Decoding of the host channel's requests (see hostchan.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "hostchan.h"
#include "refuse.h"

static const char *const op_names[AZS_HC_OP_COUNT] = {
	[AZS_HC_SHOW_ATTACHED] = "show-attached",
	[AZS_HC_MFG_STATE] = "manufacturing-state",
	[AZS_HC_MFG_STATE_UPDATE] = "manufacturing-state-update",
	[AZS_HC_CAPABILITIES] = "capabilities",
	[AZS_HC_CAPABILITY_UPDATE] = "capability-update",
	[AZS_HC_CAPABILITY_CLEAR] = "capability-clear",
	[AZS_HC_SIDELOAD_DEPLOY] = "sideload-deploy",
	[AZS_HC_SIDELOAD_DELETE] = "sideload-delete",
	[AZS_HC_CLOUD_UPDATE] = "cloud-update",
	[AZS_HC_APP_START] = "app-start",
	[AZS_HC_APP_STOP] = "app-stop",
	[AZS_HC_APP_LOGS] = "app-logs",
	[AZS_HC_APP_STATUS] = "app-status",
	[AZS_HC_RESTART] = "restart",
	[AZS_HC_HELLO] = "hello",
	[AZS_HC_OS_VERSION] = "os-version",
	[AZS_HC_IMAGE_LIST] = "image-list",
	[AZS_HC_APP_STATS] = "app-stats",
	[AZS_HC_NET_STATUS] = "net-status",
	[AZS_HC_NET_INTERFACES] = "net-interfaces",
	[AZS_HC_SUPPORT_DATA] = "support-data",
	[AZS_HC_WIFI_LIST] = "wifi-list",
	[AZS_HC_WIFI_ADD] = "wifi-add",
	[AZS_HC_WIFI_REMOVE] = "wifi-remove",
	[AZS_HC_WIFI_SET] = "wifi-set",
	[AZS_HC_WIFI_STATUS] = "wifi-status",
	[AZS_HC_CERT_LIST] = "cert-list",
	[AZS_HC_CERT_QUOTA] = "cert-quota",
	[AZS_HC_CERT_SHOW] = "cert-show",
	[AZS_HC_CERT_DELETE] = "cert-delete",
	[AZS_HC_CERT_ADD] = "cert-add",
	[AZS_HC_NET_SET] = "net-set",
	[AZS_HC_DEBUG_IO] = "debug-io",
	[AZS_HC_WIFI_SCAN] = "wifi-scan",
	[AZS_HC_RECOVER] = "recover",
	[AZS_HC_PROXY_SHOW] = "proxy-show",
	[AZS_HC_PROXY_APPLY] = "proxy-apply",
	[AZS_HC_PROXY_DELETE] = "proxy-delete",
	[AZS_HC_DEVICEAUTH_CSR] = "deviceauth-csr",
	[AZS_HC_DEVICEAUTH_CERT] = "deviceauth-cert",
};

static const char *str_field(struct json_object *req, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(req, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* A string of even length made of hex digits only? */
static bool hex_ok(const char *hex, size_t n)
{
	if (n % 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (azs_hex_digit(hex[i]) < 0)
			return false;
	return true;
}

int azs_hc_unhex(const char *hex, uint8_t **out, size_t *len)
{
	size_t n = strlen(hex);

	*out = NULL;
	*len = 0;
	if (!hex_ok(hex, n))
		return -EINVAL;
	*out = malloc(n / 2 + 1);
	if (!*out)
		return -ENOMEM;
	if (azs_hex_decode(hex, n / 2, *out)) {
		free(*out);
		*out = NULL;
		return -EINVAL;
	}
	*len = n / 2;
	return 0;
}

bool azs_hc_plain_name(const char *name)
{
	size_t n = strlen(name);

	if (!n || n > 64 || name[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return false;
	return true;
}

/* The bytes of hex field KEY into req->data; the answer's text names the op's need. */
static int hex_field(struct azs_hc_request *req, const char *key, const char *need, char *why,
		     size_t size)
{
	const char *hex = str_field(req->root, key);
	int ret;

	if (!hex)
		return azs_refuse(EINVAL, why, size, "%s", need);
	ret = azs_hc_unhex(hex, &req->data, &req->data_len);
	if (ret == -ENOMEM)
		return azs_refuse(ENOMEM, why, size, "out of memory");
	return ret ? azs_refuse(EINVAL, why, size, "%s", need) : 0;
}

static int cloud_update(struct azs_hc_request *req, char *why, size_t size)
{
	const char *hex = str_field(req->root, "manifest");
	int ret;

	if (!hex || !json_object_object_get_ex(req->root, "packages", &req->packages) ||
	    !json_object_is_type(req->packages, json_type_object)) {
		req->packages = NULL;
		return azs_refuse(
			EINVAL, why, size,
			"cloud-update needs \"manifest\" (hex) and \"packages\" (an object: "
			"file name -> hex)");
	}
	ret = azs_hc_unhex(hex, &req->data, &req->data_len);
	if (ret == -ENOMEM)
		return azs_refuse(ENOMEM, why, size, "out of memory");
	if (ret)
		return azs_refuse(EINVAL, why, size, "cloud-update: \"manifest\" is not hex");
	json_object_object_foreach(req->packages, name, val)
	{
		if (!azs_hc_plain_name(name) || !strcmp(name, "deployment.azsd") ||
		    !json_object_is_type(val, json_type_string) ||
		    !hex_ok(json_object_get_string(val), (size_t)json_object_get_string_len(val)))
			return azs_refuse(
				EINVAL, why, size,
				"cloud-update: each package is \"FILE\": hex, FILE a plain "
				"file name");
	}
	return 0;
}

static int decode_fields(struct azs_hc_request *req, char *why, size_t size);

/* Optional boolean KEY: absent is false; anything but a boolean is refused. */
static int bool_field(struct azs_hc_request *req, const char *key, bool *out, char *why,
		      size_t size)
{
	struct json_object *v;

	*out = false;
	if (!json_object_object_get_ex(req->root, key, &v))
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return azs_refuse(EINVAL, why, size, "\"%s\" must be true or false", key);
	*out = json_object_get_boolean(v);
	return 0;
}

int azs_hc_decode(const char *line, size_t len, struct azs_hc_request *req, char *why, size_t size)
{
	json_tokener *tok;
	const char *op;
	int i, ret;

	memset(req, 0, sizeof(*req));
	if (len > (size_t)INT32_MAX)
		return azs_refuse(EINVAL, why, size, "a request is one JSON object on one line");
	tok = json_tokener_new();
	if (!tok)
		return azs_refuse(ENOMEM, why, size, "out of memory");
	req->root = json_tokener_parse_ex(tok, line, (int)len);
	if (req->root && json_tokener_get_parse_end(tok) != len) {
		json_object_put(req->root);
		req->root = NULL;
	}
	json_tokener_free(tok);
	if (!req->root)
		return azs_refuse(EINVAL, why, size, "a request is one JSON object on one line");
	if (!json_object_object_get_ex(req->root, "id", &req->id))
		req->id = NULL;

	op = str_field(req->root, "op");
	if (!op)
		return azs_refuse(EINVAL, why, size, "a request is an object with a string \"op\"");
	for (i = 0; i < AZS_HC_OP_COUNT; i++)
		if (!strcmp(op, op_names[i]))
			break;
	if (i == AZS_HC_OP_COUNT)
		return azs_refuse(EOPNOTSUPP, why, size, "unknown op");
	req->op = (enum azs_hc_op)i;
	ret = decode_fields(req, why, size);
	if (ret) {
		/* A refused request carries nothing but its id. */
		free(req->data);
		req->data = NULL;
		req->data_len = 0;
		req->component_id = NULL;
		req->packages = NULL;
		req->mfg_state = 0;
		req->manual_start = false;
		req->debug = false;
		req->ssid = req->psk = req->config_name = NULL;
		req->network_id = 0;
		req->enabled = false;
		req->cert_id = req->cert_type = req->cert = req->key = req->password = NULL;
		req->interface = NULL;
	}
	return ret;
}

static int decode_fields(struct azs_hc_request *req, char *why, size_t size)
{
	switch (req->op) {
	case AZS_HC_MFG_STATE_UPDATE: {
		const char *state = str_field(req->root, "state");

		if (state && !strcmp(state, "Module1Complete"))
			req->mfg_state = 1;
		else if (state && !strcmp(state, "DeviceComplete"))
			req->mfg_state = 2;
		else
			return azs_refuse(EINVAL, why, size,
					  "state must be Module1Complete or DeviceComplete");
		return 0;
	}
	case AZS_HC_CAPABILITY_UPDATE:
		return hex_field(req, "file", "capability-update needs \"file\": the file as hex",
				 why, size);
	case AZS_HC_SIDELOAD_DEPLOY:
		if (bool_field(req, "manualStart", &req->manual_start, why, size))
			return EINVAL;
		return hex_field(req, "package",
				 "sideload-deploy needs \"package\": the package as hex", why,
				 size);
	case AZS_HC_CLOUD_UPDATE:
		return cloud_update(req, why, size);
	case AZS_HC_RECOVER:
		return hex_field(req, "image", "recover needs \"image\": the recovery image as hex",
				 why, size);
	case AZS_HC_DEBUG_IO:
		return hex_field(
			req, "data",
			"debug-io needs \"data\": the bytes for gdbserver as hex (may be \"\")",
			why, size);
	case AZS_HC_WIFI_ADD: {
		struct json_object *v;

		req->ssid = str_field(req->root, "ssid");
		if (!req->ssid)
			return azs_refuse(EINVAL, why, size, "wifi-add needs \"ssid\"");
		if (json_object_object_get_ex(req->root, "psk", &v) &&
		    !(req->psk = str_field(req->root, "psk")))
			return azs_refuse(EINVAL, why, size, "\"psk\" must be a string");
		if (json_object_object_get_ex(req->root, "configName", &v) &&
		    !(req->config_name = str_field(req->root, "configName")))
			return azs_refuse(EINVAL, why, size, "\"configName\" must be a string");
		return 0;
	}
	case AZS_HC_WIFI_SET:
	case AZS_HC_WIFI_REMOVE: {
		struct json_object *v;

		if (!json_object_object_get_ex(req->root, "networkId", &v) ||
		    !json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 0 ||
		    json_object_get_int64(v) > 36)
			return azs_refuse(EINVAL, why, size,
					  "\"networkId\" must be a network ID, 0 to 36");
		req->network_id = (int32_t)json_object_get_int64(v);
		if (req->op == AZS_HC_WIFI_SET) {
			if (!json_object_object_get_ex(req->root, "enabled", &v) ||
			    !json_object_is_type(v, json_type_boolean))
				return azs_refuse(EINVAL, why, size,
						  "wifi-set needs \"enabled\": true or false");
			req->enabled = json_object_get_boolean(v);
		}
		return 0;
	}
	case AZS_HC_NET_SET: {
		const char *state = str_field(req->root, "state");

		req->interface = str_field(req->root, "interface");
		if (!req->interface ||
		    (strcmp(req->interface, "wlan0") && strcmp(req->interface, "eth0")))
			return azs_refuse(
				EINVAL, why, size,
				"\"interface\" must be wlan0 or eth0 (the device's network "
				"interfaces)");
		if (!state || (strcmp(state, "up") && strcmp(state, "down")))
			return azs_refuse(EINVAL, why, size, "\"state\" must be up or down");
		req->enabled = !strcmp(state, "up");
		return 0;
	}
	case AZS_HC_CERT_ADD: {
		struct json_object *v;

		req->cert_type = str_field(req->root, "certType");
		req->cert = str_field(req->root, "cert");
		if (!req->cert_type || !req->cert)
			return azs_refuse(EINVAL, why, size,
					  "cert-add needs \"certType\" and \"cert\" (PEM text)");
		if (json_object_object_get_ex(req->root, "key", &v) &&
		    !(req->key = str_field(req->root, "key")))
			return azs_refuse(EINVAL, why, size, "\"key\" must be PEM text");
		if (json_object_object_get_ex(req->root, "password", &v) &&
		    !(req->password = str_field(req->root, "password")))
			return azs_refuse(EINVAL, why, size, "\"password\" must be a string");
	}
		/* fall through */
	case AZS_HC_CERT_SHOW:
	case AZS_HC_CERT_DELETE:
		req->cert_id = str_field(req->root, "certId");
		if (!req->cert_id)
			return azs_refuse(EINVAL, why, size, "this request needs \"certId\"");
		return 0;
	case AZS_HC_DEVICEAUTH_CERT:
		req->cert = str_field(req->root, "cert");
		if (!req->cert)
			return azs_refuse(EINVAL, why, size,
					  "deviceauth-cert needs \"cert\" (PEM text)");
		return 0;
	case AZS_HC_PROXY_APPLY: {
		static const char *const fields[] = {AZS_HC_PROXY_FIELDS};

		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (json_object_object_get_ex(req->root, fields[i], NULL) &&
			    !str_field(req->root, fields[i]))
				return azs_refuse(EINVAL, why, size,
						  "proxy-apply: \"%s\" must be a string",
						  fields[i]);
		return 0;
	}
	case AZS_HC_APP_STATS:
		if (json_object_object_get_ex(req->root, "componentId", NULL)) {
			req->component_id = str_field(req->root, "componentId");
			if (!req->component_id)
				return azs_refuse(EINVAL, why, size,
						  "\"componentId\" must be a string");
		}
		return 0;
	case AZS_HC_APP_START:
		if (bool_field(req, "debug", &req->debug, why, size))
			return EINVAL;
		/* fall through */
	case AZS_HC_SIDELOAD_DELETE:
	case AZS_HC_APP_STOP:
	case AZS_HC_APP_LOGS:
		req->component_id = str_field(req->root, "componentId");
		if (!req->component_id)
			return azs_refuse(EINVAL, why, size, "this request needs \"componentId\"");
		return 0;
	default:
		return 0;
	}
}

void azs_hc_request_free(struct azs_hc_request *req)
{
	free(req->data);
	json_object_put(req->root);
	memset(req, 0, sizeof(*req));
}
