// SPDX-License-Identifier: MIT
/* The Wi-Fi store's file: writer and strict reader (wifi_store.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cleanup.h"
#include "hex.h"
#include "json_get.h"
#include "json_strict.h"
#include "wifi_store.h"

static const char *const top_keys[] = {"SchemaVersion", "Networks", NULL};
static const char *const net_keys[] = {"id",       "ssid", "security", "enabled",
				       "targeted", "name", "psk",      NULL};

/* A hex string of MIN..MAX bytes into OUT. */
static int hex_field(json_object *o, const char *key, const char *path, size_t min, size_t max,
		     uint8_t *out, uint8_t *len, struct azs_error *err)
{
	char field[64];
	const char *s;
	size_t n;
	int ret;

	snprintf(field, sizeof(field), "%s.%s", path, key);
	ret = azs_json_string(azs_json_member(o, key), field, 0, 2 * max, AZS_STR_NO_CONTROL, &s,
			      &n, err);
	if (ret)
		return ret;
	if (n % 2 || azs_hex_decode(s, n / 2, out))
		return azs_error_set(err, -EINVAL, field, "must be hex digits, two per byte");
	if (n && n / 2 < min)
		return azs_error_set(err, -EINVAL, field, "must be empty or %zu..%zu bytes", min,
				     max);
	*len = (uint8_t)(n / 2);
	return 0;
}

static int parse_net(json_object *o, const char *path, struct wifi_net *nets, struct azs_error *err)
{
	char field[64];
	struct wifi_net *w;
	const char *name;
	int64_t id, security;
	bool enabled, targeted;
	size_t name_len;
	int ret;

	ret = azs_json_want(o, json_type_object, path, err);
	if (!ret)
		ret = azs_json_known_keys(o, path, net_keys, err);
	if (ret)
		return ret;
	snprintf(field, sizeof(field), "%s.id", path);
	ret = azs_json_int(azs_json_member(o, "id"), field, 0, AZS_RT_WIFI_MAX_NETWORKS - 1, &id,
			   err);
	if (ret)
		return ret;
	if (nets[id].used)
		return azs_error_set(err, -EINVAL, field, "id %d is used twice", (int)id);
	w = &nets[id];
	w->used = true;
	w->pub.id = (int32_t)id;
	ret = hex_field(o, "ssid", path, 1, AZS_RT_WIFI_SSID_MAX, w->pub.ssid, &w->pub.ssid_len,
			err);
	if (!ret)
		ret = hex_field(o, "psk", path, 8, AZS_RT_WIFI_PSK_MAX, w->psk, &w->psk_len, err);
	if (ret)
		return ret;
	w->pub.has_psk = w->psk_len > 0;
	snprintf(field, sizeof(field), "%s.security", path);
	ret = azs_json_int(azs_json_member(o, "security"), field, 0, 2, &security, err);
	if (ret)
		return ret;
	w->pub.security = (uint8_t)security;
	snprintf(field, sizeof(field), "%s.enabled", path);
	ret = azs_json_bool(azs_json_member(o, "enabled"), field, &enabled, err);
	if (ret)
		return ret;
	snprintf(field, sizeof(field), "%s.targeted", path);
	ret = azs_json_bool(azs_json_member(o, "targeted"), field, &targeted, err);
	if (ret)
		return ret;
	w->pub.enabled = enabled;
	w->pub.targeted = targeted;
	snprintf(field, sizeof(field), "%s.name", path);
	ret = azs_json_string(azs_json_member(o, "name"), field, 0, AZS_RT_WIFI_NAME_MAX,
			      AZS_STR_NO_CONTROL, &name, &name_len, err);
	if (ret)
		return ret;
	for (size_t i = 0; i < name_len; i++)
		if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] > 0x7e)
			return azs_error_set(err, -EINVAL, field, "must be printable ASCII");
	memcpy(w->pub.name, name, name_len);
	w->pub.name[name_len] = '\0';
	for (int i = 0; name_len && i < AZS_RT_WIFI_MAX_NETWORKS; i++)
		if (nets[i].used && i != id && !strcmp(nets[i].pub.name, w->pub.name))
			return azs_error_set(err, -EINVAL, field, "name \"%s\" is used twice",
					     w->pub.name);
	return 0;
}

int wifi_store_parse(const char *text, size_t len, struct wifi_net *nets, struct azs_error *err)
{
	azs_cleanup(azs_json_putp) json_object *root = NULL;
	json_object *arr;
	int64_t version;
	size_t n;
	int ret;

	memset(nets, 0, AZS_RT_WIFI_MAX_NETWORKS * sizeof(*nets));
	ret = azs_json_parse_object(text, len, WIFI_STORE_MAX_BYTES, &root, err);
	if (!ret)
		ret = azs_json_known_keys(root, "", top_keys, err);
	if (!ret)
		ret = azs_json_int(azs_json_member(root, "SchemaVersion"), "SchemaVersion", 1, 1,
				   &version, err);
	if (ret)
		goto out;
	arr = azs_json_member(root, "Networks");
	ret = azs_json_want(arr, json_type_array, "Networks", err);
	if (ret)
		goto out;
	n = json_object_array_length(arr);
	if (n > AZS_RT_WIFI_MAX_NETWORKS) {
		ret = azs_error_set(err, -EINVAL, "Networks", "at most %d networks (got %zu)",
				    AZS_RT_WIFI_MAX_NETWORKS, n);
		goto out;
	}
	for (size_t i = 0; i < n && !ret; i++) {
		char path[32];

		snprintf(path, sizeof(path), "Networks[%zu]", i);
		ret = parse_net(json_object_array_get_idx(arr, i), path, nets, err);
	}
out:
	if (ret)
		memset(nets, 0, AZS_RT_WIFI_MAX_NETWORKS * sizeof(*nets));
	return ret;
}

int wifi_store_format(const struct wifi_net *nets, char **text)
{
	azs_cleanup(azs_json_putp) json_object *root = json_object_new_object();
	json_object *arr = json_object_new_array();

	if (!root || !arr) {
		json_object_put(arr);
		return -ENOMEM;
	}
	json_object_object_add(root, "SchemaVersion", json_object_new_int(1));
	json_object_object_add(root, "Networks", arr);
	for (int i = 0; i < AZS_RT_WIFI_MAX_NETWORKS; i++) {
		const struct wifi_net *w = &nets[i];
		char ssid[2 * AZS_RT_WIFI_SSID_MAX + 1], psk[2 * AZS_RT_WIFI_PSK_MAX + 1];
		json_object *o;

		if (!w->used)
			continue;
		azs_hex_encode(w->pub.ssid, w->pub.ssid_len, ssid);
		azs_hex_encode(w->psk, w->psk_len, psk);
		o = json_object_new_object();
		if (!o)
			return -ENOMEM;
		json_object_object_add(o, "id", json_object_new_int(w->pub.id));
		json_object_object_add(o, "ssid", json_object_new_string(ssid));
		json_object_object_add(o, "security", json_object_new_int(w->pub.security));
		json_object_object_add(o, "enabled", json_object_new_boolean(w->pub.enabled));
		json_object_object_add(o, "targeted", json_object_new_boolean(w->pub.targeted));
		json_object_object_add(o, "name", json_object_new_string(w->pub.name));
		json_object_object_add(o, "psk", json_object_new_string(psk));
		json_object_array_add(arr, o);
	}
	*text = strdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN));
	return *text ? 0 : -ENOMEM;
}
