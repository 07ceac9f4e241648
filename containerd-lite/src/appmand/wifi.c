// SPDX-License-Identifier: MIT
/*
 * The device's Wi-Fi configuration store, for apps with the WifiConfig
 * capability (runtime.c): networks added and changed in memory, written to
 * the flash by PersistConfig and read back by ReloadConfig (and at start).
 * The device has no Wi-Fi radio, so the store is all there is: scans and
 * connections are refused in applibs (docs/runtime-channel.md). PSKs go in,
 * never out.
 */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "appmand.h"
#include "file_read.h"
#include "hex.h"

#define WIFI_FILE "wifi-networks.json"

static struct wifi_net *find(struct appmand *d, int32_t id)
{
	if (id < 0 || id >= AZS_RT_WIFI_MAX_NETWORKS || !d->wifi[id].used)
		return NULL;
	return &d->wifi[id];
}

static int32_t add(struct appmand *d)
{
	for (int32_t i = 0; i < AZS_RT_WIFI_MAX_NETWORKS; i++)
		if (!d->wifi[i].used) {
			memset(&d->wifi[i], 0, sizeof(d->wifi[i]));
			d->wifi[i].used = true;
			d->wifi[i].pub.id = i;
			return i;
		}
	return -ENOSPC;
}

static bool name_taken(struct appmand *d, const uint8_t *name, uint32_t len, int32_t except)
{
	for (int32_t i = 0; i < AZS_RT_WIFI_MAX_NETWORKS; i++)
		if (d->wifi[i].used && i != except && len && strlen(d->wifi[i].pub.name) == len &&
		    !memcmp(d->wifi[i].pub.name, name, len))
			return true;
	return false;
}

static int set(struct appmand *d, const struct azs_rt_wifi_set *s, struct azs_rt_i32 *new_id,
	       size_t *out_len)
{
	struct wifi_net *w = find(d, s->id);
	int32_t id;

	if (!w)
		return -ENOENT;
	switch (s->attr) {
	case AZS_RT_WIFI_SSID:
		memset(w->pub.ssid, 0, sizeof(w->pub.ssid));
		memcpy(w->pub.ssid, s->value, s->len);
		w->pub.ssid_len = (uint8_t)s->len;
		return 0;
	case AZS_RT_WIFI_SECURITY:
		w->pub.security = s->value[0];
		return 0;
	case AZS_RT_WIFI_PSK:
		memset(w->psk, 0, sizeof(w->psk));
		memcpy(w->psk, s->value, s->len);
		w->psk_len = (uint8_t)s->len;
		w->pub.has_psk = 1;
		return 0;
	case AZS_RT_WIFI_ENABLED:
		w->pub.enabled = s->value[0];
		return 0;
	case AZS_RT_WIFI_TARGETED:
		w->pub.targeted = s->value[0];
		return 0;
	case AZS_RT_WIFI_NAME:
		if (name_taken(d, s->value, s->len, s->id))
			return -EEXIST;
		memset(w->pub.name, 0, sizeof(w->pub.name));
		memcpy(w->pub.name, s->value, s->len);
		return 0;
	case AZS_RT_WIFI_DUPLICATE:
		if (name_taken(d, s->value, s->len, -1))
			return -EEXIST;
		id = add(d);
		if (id < 0)
			return id;
		d->wifi[id] = *w;
		d->wifi[id].pub.id = id;
		memset(d->wifi[id].pub.name, 0, sizeof(d->wifi[id].pub.name));
		memcpy(d->wifi[id].pub.name, s->value, s->len);
		new_id->value = id;
		*out_len = sizeof(*new_id);
		return 0;
	default:
		return -EINVAL; /* the decoder lets none through */
	}
}

static int persist(struct appmand *d)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	json_object *arr = json_object_new_array();
	const char *text;
	int fd, ret = 0;

	for (int i = 0; i < AZS_RT_WIFI_MAX_NETWORKS; i++) {
		const struct wifi_net *w = &d->wifi[i];
		char ssid[2 * AZS_RT_WIFI_SSID_MAX + 1], psk[2 * AZS_RT_WIFI_PSK_MAX + 1];
		json_object *o;

		if (!w->used)
			continue;
		azs_hex_encode(w->pub.ssid, w->pub.ssid_len, ssid);
		azs_hex_encode(w->psk, w->psk_len, psk);
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_int(w->pub.id));
		json_object_object_add(o, "ssid", json_object_new_string(ssid));
		json_object_object_add(o, "security", json_object_new_int(w->pub.security));
		json_object_object_add(o, "enabled", json_object_new_boolean(w->pub.enabled));
		json_object_object_add(o, "targeted", json_object_new_boolean(w->pub.targeted));
		json_object_object_add(o, "name", json_object_new_string(w->pub.name));
		json_object_object_add(o, "psk", json_object_new_string(w->pub.has_psk ? psk : ""));
		json_object_array_add(arr, o);
	}
	text = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN);
	snprintf(path, sizeof(path), "%s/%s", d->state_dir, WIFI_FILE);
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	/* Root's only: the file holds the PSKs. */
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || fsync(fd))
		ret = -EIO;
	if (fd >= 0)
		close(fd);
	if (!ret && rename(tmp, path))
		ret = -errno;
	json_object_put(arr);
	return ret;
}

static int unhex(const char *s, uint8_t *out, size_t max, uint8_t *len)
{
	size_t n = strlen(s);

	if (n % 2 || n / 2 > max || azs_hex_decode(s, n / 2, out))
		return -EINVAL;
	*len = (uint8_t)(n / 2);
	return 0;
}

int wifi_load(struct appmand *d)
{
	struct wifi_net nets[AZS_RT_WIFI_MAX_NETWORKS];
	struct azs_file_data f = {0};
	char path[PATH_MAX];
	json_object *arr;
	int ret = 0;

	memset(nets, 0, sizeof(nets));
	snprintf(path, sizeof(path), "%s/%s", d->state_dir, WIFI_FILE);
	ret = azs_file_read(path, 64 * 1024, &f);
	if (ret == -ENOENT) {
		memcpy(d->wifi, nets, sizeof(nets));
		return 0;
	}
	if (ret)
		return ret;
	arr = json_tokener_parse(f.data);
	azs_file_data_free(&f);
	if (!arr || !json_object_is_type(arr, json_type_array)) {
		json_object_put(arr);
		return -EINVAL;
	}
	for (size_t i = 0; !ret && i < json_object_array_length(arr); i++) {
		json_object *o = json_object_array_get_idx(arr, i), *v;
		struct wifi_net *w;
		int id;

		if (!json_object_object_get_ex(o, "id", &v) || (id = json_object_get_int(v)) < 0 ||
		    id >= AZS_RT_WIFI_MAX_NETWORKS || nets[id].used) {
			ret = -EINVAL;
			break;
		}
		w = &nets[id];
		w->used = true;
		w->pub.id = id;
		if (!json_object_object_get_ex(o, "ssid", &v) ||
		    unhex(json_object_get_string(v), w->pub.ssid, AZS_RT_WIFI_SSID_MAX,
			  &w->pub.ssid_len) ||
		    !json_object_object_get_ex(o, "psk", &v) ||
		    unhex(json_object_get_string(v), w->psk, AZS_RT_WIFI_PSK_MAX, &w->psk_len))
			ret = -EINVAL;
		w->pub.has_psk = w->psk_len > 0;
		if (json_object_object_get_ex(o, "security", &v))
			w->pub.security = (uint8_t)(json_object_get_int(v) & 3);
		if (json_object_object_get_ex(o, "enabled", &v))
			w->pub.enabled = json_object_get_boolean(v);
		if (json_object_object_get_ex(o, "targeted", &v))
			w->pub.targeted = json_object_get_boolean(v);
		if (json_object_object_get_ex(o, "name", &v))
			snprintf(w->pub.name, sizeof(w->pub.name), "%s", json_object_get_string(v));
	}
	json_object_put(arr);
	if (!ret)
		memcpy(d->wifi, nets, sizeof(nets));
	return ret;
}

int wifi_request(struct appmand *d, const struct azs_rt_request *r, struct azs_rt_i32 *id,
		 struct azs_rt_wifi_list *list, size_t *out_len)
{
	int32_t ret;

	switch (r->op) {
	case AZS_RT_OP_WIFI_ADD:
		ret = add(d);
		if (ret < 0)
			return ret;
		id->value = ret;
		*out_len = sizeof(*id);
		return 0;
	case AZS_RT_OP_WIFI_SET:
		return set(d, &r->p.wifi_set, id, out_len);
	case AZS_RT_OP_WIFI_FORGET:
		if (r->p.i32.value == -1) {
			memset(d->wifi, 0, sizeof(d->wifi));
			return 0;
		}
		if (!find(d, r->p.i32.value))
			return -ENOENT;
		memset(&d->wifi[r->p.i32.value], 0, sizeof(d->wifi[0]));
		return 0;
	case AZS_RT_OP_WIFI_LIST:
		memset(list, 0, sizeof(*list));
		for (int i = 0; i < AZS_RT_WIFI_MAX_NETWORKS; i++)
			if (d->wifi[i].used)
				list->nets[list->n++] = d->wifi[i].pub;
		*out_len = sizeof(*list);
		return 0;
	case AZS_RT_OP_WIFI_PERSIST:
		return persist(d);
	case AZS_RT_OP_WIFI_RELOAD:
		return wifi_load(d);
	default:
		return -EOPNOTSUPP;
	}
}
