// SPDX-License-Identifier: MIT
/*
 * The device's Wi-Fi configuration store, for apps with the WifiConfig
 * capability (runtime.c): networks added and changed in memory, written to
 * the flash by PersistConfig and read back by ReloadConfig (and at start).
 * The radio is simulated (docs/network.md): the access points it can see
 * are the lines of RADIO_FILE, which tests write; wlan0 connects to one whose
 * SSID, security and PSK match an enabled stored network, by moving its
 * peer (azsradio0) into the access point's network namespace, where the
 * access point's DHCP server answers (netif.c). PSKs go in,
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

#include "netif.h"
#include "util.h"
#include "wifi.h"
#include "file_read.h"
#include "wifi_store.h"

#define WIFI_FILE  "wifi-networks.json"
#define RADIO_FILE "/run/azsphere/radio/aps"

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
		return -ENODEV; /* no stored network has this id */
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
	char *text = NULL;
	int ret;

	if (d->wifi_broken[0])
		return -EIO;
	ret = wifi_store_format(d->wifi, &text);
	if (ret)
		return ret;
	/* Root's only: the file holds the PSKs. */
	ret = appmand_write_file(d->state_dir, WIFI_FILE, text, strlen(text), 0600);
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
			return -ENODEV;
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

/* ---- The simulated radio ---- */

struct radio_ap {
	struct azs_rt_wifi_seen seen;
	pid_t pid; /* a process in the access point's network namespace, 0: none */
	char psk[AZS_RT_WIFI_PSK_MAX + 1];
};

/*
 * One access point per line: SSID BSSID SECURITY FREQ RSSI PID PSK
 *   SSID      1..32 of [A-Za-z0-9_.-]
 *   BSSID     xx:xx:xx:xx:xx:xx
 *   SECURITY  open | wpa2
 *   FREQ      MHz, 2400..5900;  RSSI  dBm, -127..0
 *   PID       a process in the access point's network namespace (0: nothing behind it)
 *   PSK       "-" for open; 8..63 printable ASCII without spaces for wpa2
 * A line that is not exactly this is skipped and named on stderr.
 */
static int radio_parse_line(const char *line, struct radio_ap *ap)
{
	char ssid[40], bssid[24], sec[8], psk[80];
	unsigned int b[6];
	int freq, rssi, pid, n = 0;
	size_t len;

	memset(ap, 0, sizeof(*ap));
	if (sscanf(line, "%39s %23s %7s %d %d %d %79s%n", ssid, bssid, sec, &freq, &rssi, &pid, psk,
		   &n) != 7 ||
	    line[n])
		return -EINVAL;
	len = strlen(ssid);
	if (len < 1 || len > AZS_RT_WIFI_SSID_MAX ||
	    strspn(ssid, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") !=
		    len)
		return -EINVAL;
	if (strlen(bssid) != 17 ||
	    sscanf(bssid, "%2x:%2x:%2x:%2x:%2x:%2x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6)
		return -EINVAL;
	if (freq < 2400 || freq > 5900 || rssi < -127 || rssi > 0 || pid < 0)
		return -EINVAL;
	memcpy(ap->seen.ssid, ssid, len);
	ap->seen.ssid_len = (uint8_t)len;
	for (int i = 0; i < 6; i++)
		ap->seen.bssid[i] = (uint8_t)b[i];
	ap->seen.freq_mhz = (uint32_t)freq;
	ap->seen.rssi = (int8_t)rssi;
	ap->pid = pid;
	if (!strcmp(sec, "open") && !strcmp(psk, "-")) {
		ap->seen.security = 1; /* WifiConfig_Security_Open */
		return 0;
	}
	len = strlen(psk);
	if (strcmp(sec, "wpa2") || len < 8 || len > 63)
		return -EINVAL;
	ap->seen.security = 2; /* WifiConfig_Security_Wpa2_Psk */
	memcpy(ap->psk, psk, len);
	return 0;
}

/* The access points the radio sees now (at most AZS_RT_WIFI_MAX_SCAN). */
static size_t radio_scan(struct radio_ap *aps)
{
	struct azs_file_data f = {0};
	size_t n = 0;
	char *text, *line, *save = NULL;

	if (azs_file_read(RADIO_FILE, 8192, &f))
		return 0;
	text = malloc(f.len + 1);
	if (!text) {
		azs_file_data_free(&f);
		return 0;
	}
	memcpy(text, f.data, f.len);
	text[f.len] = 0;
	azs_file_data_free(&f);
	for (line = strtok_r(text, "\n", &save); line && n < AZS_RT_WIFI_MAX_SCAN;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (radio_parse_line(line, &aps[n]))
			fprintf(stderr, "appmand: radio: skipped a line of %s: %.80s\n", RADIO_FILE,
				line);
		else
			n++;
	}
	free(text);
	return n;
}

/* Stored network W may connect with access point AP. */
static bool matches(const struct wifi_net *w, const struct radio_ap *ap)
{
	if (!w->used || !w->pub.enabled || w->pub.ssid_len != ap->seen.ssid_len ||
	    memcmp(w->pub.ssid, ap->seen.ssid, ap->seen.ssid_len) ||
	    w->pub.security != ap->seen.security || ap->pid <= 0)
		return false;
	if (ap->seen.security == 1)
		return true;
	return w->pub.has_psk && w->psk_len == strlen(ap->psk) &&
	       !memcmp(w->psk, ap->psk, w->psk_len);
}

static void disconnect(struct appmand *d, const char *why)
{
	int ret = netif_radio_leave(d, d->wifi_ap_pid);

	fprintf(stderr, "appmand: wlan0 disconnected from %.*s (%s)%s%s\n",
		(int)d->wifi_ap.ssid_len, (const char *)d->wifi_ap.ssid, why, ret ? ": " : "",
		ret ? strerror(-ret) : "");
	d->wifi_connected = -1;
	d->wifi_ap_pid = 0;
	memset(&d->wifi_ap, 0, sizeof(d->wifi_ap));
}

void wifi_radio_update(struct appmand *d)
{
	struct radio_ap aps[AZS_RT_WIFI_MAX_SCAN];
	size_t n = radio_scan(aps);
	bool up = netif_wlan_up() && !d->wifi_broken[0];

	if (d->wifi_connected >= 0) {
		bool keep = false;

		for (size_t i = 0; up && i < n; i++)
			if (!memcmp(aps[i].seen.bssid, d->wifi_ap.bssid, 6) &&
			    aps[i].pid == d->wifi_ap_pid &&
			    matches(&d->wifi[d->wifi_connected], &aps[i]))
				keep = true;
		if (!keep)
			disconnect(d, up ? "its network is gone or changed" : "wlan0 is down");
	}
	if (d->wifi_connected >= 0 || !up)
		return;
	for (int32_t id = 0; id < AZS_RT_WIFI_MAX_NETWORKS; id++)
		for (size_t i = 0; i < n; i++) {
			int ret;

			if (!matches(&d->wifi[id], &aps[i]))
				continue;
			ret = netif_radio_join(d, aps[i].pid);
			if (ret) {
				fprintf(stderr, "appmand: wlan0 cannot join %.*s: %s\n",
					(int)aps[i].seen.ssid_len, (const char *)aps[i].seen.ssid,
					strerror(-ret));
				continue;
			}
			d->wifi_connected = id;
			d->wifi_ap = aps[i].seen;
			d->wifi_ap_pid = aps[i].pid;
			fprintf(stderr, "appmand: wlan0 connected to %.*s (network %d)\n",
				(int)aps[i].seen.ssid_len, (const char *)aps[i].seen.ssid, id);
			return;
		}
}

int wifi_radio_request(struct appmand *d, const struct azs_rt_request *r,
		       struct azs_rt_wifi_scan *scan, struct azs_rt_wifi_current *cur,
		       size_t *out_len)
{
	struct radio_ap aps[AZS_RT_WIFI_MAX_SCAN];
	size_t n;

	if (d->wifi_broken[0])
		return -EIO;
	if (r->op == AZS_RT_OP_WIFI_SCAN) {
		if (!netif_wlan_up())
			return -ENETDOWN;
		n = radio_scan(aps);
		memset(scan, 0, sizeof(*scan));
		for (size_t i = 0; i < n; i++)
			scan->nets[i] = aps[i].seen;
		scan->n = (uint32_t)n;
		*out_len = sizeof(*scan);
		wifi_radio_update(d);
		return 0;
	}
	wifi_radio_update(d);
	if (d->wifi_connected < 0)
		return -ENODATA;
	memset(cur, 0, sizeof(*cur));
	cur->id = d->wifi_connected;
	cur->net = d->wifi_ap;
	*out_len = sizeof(*cur);
	return 0;
}
