// SPDX-License-Identifier: MIT
/* The manifest as packed (see resolve.h). */
#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "cleanup.h"
#include "log.h"
#include "resolve.h"
#include "resources.h"

static const struct {
	const char *key;
	enum azs_hwdef_type type;
} periph_keys[] = {
	{"Gpio", AZS_HWDEF_GPIO},
	{"Uart", AZS_HWDEF_UART},
	{"I2cMaster", AZS_HWDEF_I2C_MASTER},
	{"SpiMaster", AZS_HWDEF_SPI_MASTER},
	{"Pwm", AZS_HWDEF_PWM},
	{"Adc", AZS_HWDEF_ADC},
	{"I2sSubordinate", AZS_HWDEF_I2S_SUBORDINATE},
};

/* Replace the "$NAME" entries of Capabilities.KEY. */
static int resolve_key(struct json_object *caps, const char *key, enum azs_hwdef_type type,
		       const struct azs_hwdef *hw)
{
	struct json_object *arr;
	size_t n;

	if (!json_object_object_get_ex(caps, key, &arr) ||
	    !json_object_is_type(arr, json_type_array))
		return 0;
	n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);
		const char *s = json_object_get_string(e);
		struct azs_hwdef_value v;
		struct json_object *nv;

		if (!json_object_is_type(e, json_type_string) || s[0] != '$')
			continue;
		/* The parse with HW accepted it, so it resolves. */
		if (!hw || azs_hwdef_resolve(hw, s + 1, type, &v)) {
			ip_error("manifest: Capabilities.%s[%zu]: %s does not resolve", key, i, s);
			return -EINVAL;
		}
		nv = v.is_number ? json_object_new_int64(v.number)
				 : json_object_new_string(v.string);
		if (!nv || json_object_array_put_idx(arr, i, nv)) {
			json_object_put(nv);
			ip_error("out of memory");
			return -ENOMEM;
		}
	}
	return 0;
}

int ip_resolve_manifest(const char *json, size_t len, const struct azs_hwdef *hw, char **out,
			size_t *out_len, struct azs_manifest *m)
{
	azs_cleanup(azs_json_putp) struct json_object *root = NULL;
	azs_cleanup(azs_tokener_freep) struct json_tokener *tok = json_tokener_new();
	struct azs_manifest packed = {0};
	struct azs_resource_list a, b;
	struct json_object *caps;
	struct azs_error err;
	const char *text;
	int ret;

	ret = azs_manifest_parse(json, len, hw, m, &err);
	if (ret) {
		ip_report("app_manifest.json", &err);
		return ret;
	}
	/* The strict parse accepted it: json-c reads it the same way. */
	if (!tok || !(root = json_tokener_parse_ex(tok, json, (int)len))) {
		ip_error("app_manifest.json: cannot be read back");
		return -EINVAL;
	}
	if (json_object_object_get_ex(root, "Capabilities", &caps))
		for (size_t i = 0; i < sizeof(periph_keys) / sizeof(periph_keys[0]); i++) {
			ret = resolve_key(caps, periph_keys[i].key, periph_keys[i].type, hw);
			if (ret)
				return ret;
		}
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							    JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text || !(*out = strdup(text))) {
		ip_error("out of memory");
		return -ENOMEM;
	}
	*out_len = strlen(*out);
	/* What is packed must stand alone, and ask for exactly the same resources. */
	ret = azs_manifest_parse(*out, *out_len, NULL, &packed, &err);
	if (ret) {
		ip_report("resolved manifest", &err);
	} else if (azs_manifest_resources(m, &a) || azs_manifest_resources(&packed, &b) ||
		   !azs_resources_equal(&a, &b)) {
		ip_error("resolved manifest: its resources differ from app_manifest.json's");
		ret = -EINVAL;
	}
	azs_manifest_free(&packed);
	if (ret) {
		free(*out);
		*out = NULL;
	}
	return ret;
}
