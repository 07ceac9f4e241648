// SPDX-License-Identifier: MIT
/*
 * The device's Wi-Fi configuration store, for apps with the WifiConfig
 * capability (runtime.c): networks added and changed in memory, written to
 * the flash by PersistConfig and read back by ReloadConfig (and at start).
 * The device has no Wi-Fi radio, so the store is all there is: scans and
 * connections are refused in applibs (docs/runtime-channel.md). PSKs go in,
 * never out. The file (wifi_store.h) is written atomically and read
 * strictly; a file that is refused at start or reload is left as it is, and
 * every Wi-Fi request but ReloadConfig fails (EIO) until a good one is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "appmand.h"
#include "file_read.h"
#include "wifi_store.h"

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

/*
 * The store on the flash: a temporary name, synced, renamed over the file,
 * the directory synced. Never over a file that was refused at load (it is
 * kept for whoever repairs the device).
 */
static int persist(struct appmand *d)
{
	char tmp[] = "." WIFI_FILE ".new";
	char *text = NULL;
	size_t len;
	int dir, fd, ret;

	if (d->wifi_broken[0])
		return -EIO;
	ret = wifi_store_format(d->wifi, &text);
	if (ret)
		return ret;
	len = strlen(text);
	dir = open(d->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0) {
		free(text);
		return -errno;
	}
	/* Root's only: the file holds the PSKs. */
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		ret = -errno;
	else if (write(fd, text, len) != (ssize_t)len || fsync(fd))
		ret = -EIO;
	if (fd >= 0)
		close(fd);
	if (!ret && renameat(dir, tmp, dir, WIFI_FILE))
		ret = -errno;
	if (!ret && fsync(dir))
		ret = -errno;
	if (ret)
		unlinkat(dir, tmp, 0);
	close(dir);
	free(text);
	return ret;
}

int wifi_load(struct appmand *d)
{
	struct wifi_net nets[AZS_RT_WIFI_MAX_NETWORKS];
	struct azs_file_data f = {0};
	struct azs_error err;
	char path[PATH_MAX];
	int ret;

	azs_error_clear(&err);
	snprintf(path, sizeof(path), "%s/%s", d->state_dir, WIFI_FILE);
	ret = azs_file_read(path, WIFI_STORE_MAX_BYTES, &f);
	if (ret == -ENOENT) {
		memset(d->wifi, 0, sizeof(d->wifi));
		d->wifi_broken[0] = '\0';
		return 0;
	}
	if (ret)
		azs_error_set(&err, ret, WIFI_FILE, "cannot read it: %s", strerror(-ret));
	else
		ret = wifi_store_parse(f.data, f.len, nets, &err);
	azs_file_data_free(&f);
	if (ret) {
		/* Fail closed for this store: not reset, not half-loaded, not overwritten. */
		memset(d->wifi, 0, sizeof(d->wifi));
		azs_format(d->wifi_broken, sizeof(d->wifi_broken), "%s%s%s", err.field,
			   err.field[0] ? ": " : "", err.reason);
		fprintf(stderr,
			"appmand: the Wi-Fi store %s is refused: %s; Wi-Fi requests fail until "
			"it is repaired\n",
			path, d->wifi_broken);
		return ret;
	}
	memcpy(d->wifi, nets, sizeof(nets));
	d->wifi_broken[0] = '\0';
	return 0;
}

int wifi_request(struct appmand *d, const struct azs_rt_request *r, struct azs_rt_i32 *id,
		 struct azs_rt_wifi_list *list, size_t *out_len)
{
	int32_t ret;

	/* A refused store serves nothing until ReloadConfig reads a good one. */
	if (d->wifi_broken[0] && r->op != AZS_RT_OP_WIFI_RELOAD)
		return -EIO;
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
