// SPDX-License-Identifier: MIT
/*
 * The control socket: one JSON request per SOCK_SEQPACKET message, one JSON
 * answer. Root only (the socket is 0600 in a 0700 directory).
 *
 *   {"op":"list"}                         apps, their state, the lock; per app its last
 *                                         exit (exitStatus or signal), memory (memoryBytes,
 *                                         peakMemoryBytes, memoryLimitBytes while it runs)
 *                                         and mutable storage (storageUsageKB, storageLimitKB)
 *   {"op":"install","package":FILE}       install or update a signed package
 *   {"op":"install","image":DIR}          the same from a test image directory
 *                                         ("manualStart":true: installed, left stopped)
 *   {"op":"cloud-update","dir":DIR}      apply a deployment (cloud.c)
 *   {"op":"targeted"}                     what the last applied deployment targets:
 *                                         {"images":[...]} ("deployment","sequence")
 *   {"op":"remove","cid":"..."}
 *   {"op":"start"|"stop"|"logs","cid":"..."}  start's "debug":true: stopped under
 *                                           gdbserver, its stream at DEBUG_SOCK
 *   {"op":"wifi-list"}                    the stored Wi-Fi networks (wifi.c's store)
 *   {"op":"wifi-add","ssid":S[,"psk":P][,"configName":N]}  store one, enabled
 *   {"op":"wifi-remove","networkId":N} / {"op":"wifi-set","networkId":N,"enabled":B}
 *   {"op":"wifi-scan"}                    what the simulated radio sees now (wifi.c)
 *   {"op":"proxy-show"|"proxy-delete"}, {"op":"proxy-apply"[,"address":A,"port":"N",
 *    "authentication":"anonymous"|"basic","username":U,"password":P,
 *    "noProxyAddresses":"a,b","enabled":"true"|"false"]}  the device's proxy (netif.c),
 *                                         checked as an app's; answers {"proxy":{...}}
 *   {"op":"cert-list"|"cert-quota"}, {"op":"cert-show"|"cert-delete","certId":ID},
 *   {"op":"cert-add","certId":ID,"certType":"rootca"|"client","cert":PEM[,"key":PEM,
 *    "password":P]}                       the certificate store (certstore.c), each request
 *                                         checked by the runtime channel's decoder first
 *
 * Answers: {"ok":true, ...} or {"ok":false,"errno":N,"error":"...","field":"..."}.
 * An install, update or removal that the seed-002 rule defers answers
 * {"ok":true,"reboot":true} and then reboots the device.
 *
 * The daemon is one event loop that also supervises every app, so a client
 * never blocks it: the socket and every connection are non-blocking, a
 * connection is served when its request has arrived, and one that has sent
 * no request within CONTROL_DEADLINE_MS is closed (time the daemon itself was
 * busy doesn't count: see expire()). At most CONTROL_MAX_CONNS connections
 * wait at a time; more are answered "busy" and closed.
 *
 * A daemon that refuses to serve (it can't read or set the lock it must hold,
 * main.c) answers every request with that reason.
 */
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <unistd.h>

#include "certstore.h"
#include "cloud.h"
#include "control.h"
#include "deviceauth.h"
#include "lifecycle.h"
#include "netif.h"
#include "store.h"
#include "supervisor.h"
#include "util.h"
#include "wifi.h"
#include "update_rule.h"

#define MAX_REQUEST         8192
#define CONTROL_MAX_CONNS   8
#define CONTROL_DEADLINE_MS 5000
#define CONTROL_LATE_MS     250  /* a timer this late means the daemon was busy */
#define CONTROL_GRACE_MS    1000 /* ... and due connections get this much more */

/* A connection whose request has not arrived yet. */
struct conn {
	int fd; /* -1: free */
	uint64_t deadline_ms;
};

static int listen_fd = -1;
static int deadline_fd = -1; /* timerfd: the earliest deadline of conns */
static struct conn conns[CONTROL_MAX_CONNS];

int control_listen(struct appmand *d, const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char dir[sizeof(sa.sun_path)];
	char *slash;
	int ret;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdir(dir, 0700);
		chmod(dir, 0700);
	}
	strcpy(sa.sun_path, path);
	unlink(path);
	for (int i = 0; i < CONTROL_MAX_CONNS; i++)
		conns[i].fd = -1;
	deadline_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (deadline_fd < 0)
		return -errno;
	listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (listen_fd < 0)
		return -errno;
	if (bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) || chmod(path, 0600) ||
	    listen(listen_fd, 8))
		return -errno;
	ret = appmand_watch(d, deadline_fd, NULL);
	return ret ? ret : appmand_watch(d, listen_fd, NULL);
}

static const char *state_name(enum app_state s)
{
	static const char *const names[] = {"stopped", "running", "restarting", "failed"};

	return names[s];
}

/* A number from the app's cgroup file (memory.current, ...): -1 if none or "max". */
static int64_t cgroup_number(const struct app *a, const char *file)
{
	char path[PATH_MAX], buf[32];
	FILE *f;
	int64_t v = -1;

	if (snprintf(path, sizeof(path), "/sys/fs/cgroup/azsphere/%s/%s", a->cid.str, file) >=
	    (int)sizeof(path))
		return -1;
	f = fopen(path, "re");
	if (f && fgets(buf, sizeof(buf), f) && buf[0] >= '0' && buf[0] <= '9')
		v = strtoll(buf, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

static int64_t walk_bytes;

static int add_bytes(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (type == FTW_F)
		walk_bytes += (int64_t)st->st_blocks * 512;
	return 0;
}

/* The KiB its mutable storage uses on the flash. */
static int64_t storage_kb(const struct appmand *d, const struct app *a)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/storage/%s", d->state_dir, a->cid.str) >=
	    (int)sizeof(path))
		return 0;
	walk_bytes = 0;
	nftw(path, add_bytes, 8, FTW_PHYS);
	return (walk_bytes + 1023) / 1024;
}

/*
 * What a developer needs after an exit and about resources: the last exit
 * (status or signal), memory now, its peak and limit (while it runs: its
 * cgroup), its mutable storage use and quota.
 */
static void app_stats_json(const struct appmand *d, const struct app *a, json_object *o)
{
	int64_t v;

	if (a->last_status >= 0 && WIFEXITED(a->last_status))
		json_object_object_add(o, "exitStatus",
				       json_object_new_int(WEXITSTATUS(a->last_status)));
	if (a->last_status >= 0 && WIFSIGNALED(a->last_status)) {
		const char *name = sigabbrev_np(WTERMSIG(a->last_status));
		char sig[16];

		snprintf(sig, sizeof(sig), "SIG%s", name ? name : "?");
		json_object_object_add(o, "signal", json_object_new_string(sig));
	}
	if (a->state == APP_RUNNING) {
		if ((v = cgroup_number(a, "memory.current")) >= 0)
			json_object_object_add(o, "memoryBytes", json_object_new_int64(v));
		if ((v = cgroup_number(a, "memory.peak")) >= 0)
			json_object_object_add(o, "peakMemoryBytes", json_object_new_int64(v));
		if ((v = cgroup_number(a, "memory.max")) >= 0)
			json_object_object_add(o, "memoryLimitBytes", json_object_new_int64(v));
	}
	if (a->state != APP_RUNNING && a->last_peak_bytes)
		json_object_object_add(o, "peakMemoryBytes",
				       json_object_new_int64((int64_t)a->last_peak_bytes));
	if (a->manifest.caps.mutable_storage_kb) {
		json_object_object_add(o, "storageUsageKB", json_object_new_int64(storage_kb(d, a)));
		json_object_object_add(
			o, "storageLimitKB",
			json_object_new_int64((int64_t)a->manifest.caps.mutable_storage_kb));
	}
}

/*
 * The syscalls the sandbox's seccomp listener denied, by name, from the app's
 * log ("seccomp: denied NAME (nr N)", sandbox/seccomp_notify.c): each once.
 */
static json_object *seccomp_denials(const char *log)
{
	static const char mark[] = "seccomp: denied ";
	json_object *names = json_object_new_array();
	const char *p = log;

	while ((p = strstr(p, mark))) {
		char name[64];
		size_t len;
		bool seen = false;

		p += sizeof(mark) - 1;
		len = strcspn(p, " \n");
		if (!len || len >= sizeof(name))
			continue;
		memcpy(name, p, len);
		name[len] = '\0';
		for (size_t i = 0; i < json_object_array_length(names); i++)
			seen |= !strcmp(json_object_get_string(json_object_array_get_idx(names, i)),
					name);
		if (!seen)
			json_object_array_add(names, json_object_new_string(name));
	}
	return names;
}

static json_object *app_json(const struct appmand *d, const struct app *a)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "cid", json_object_new_string(a->cid.str));
	json_object_object_add(o, "name", json_object_new_string(a->manifest.name));
	json_object_object_add(o, "state", json_object_new_string(state_name(a->state)));
	json_object_object_add(o, "uid", json_object_new_int64(a->uid));
	json_object_object_add(o, "pid", json_object_new_int(a->pid));
	json_object_object_add(o, "restarts", json_object_new_int((int)a->restarts));
	json_object_object_add(o, "peripherals", json_object_new_int((int)a->res.n));
	if (a->state == APP_FAILED)
		json_object_object_add(o, "why", json_object_new_string(a->why));
	app_stats_json(d, a, o);
	return o;
}

static json_object *fail(int err, const struct azs_error *e, const char *msg)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(0));
	json_object_object_add(o, "errno", json_object_new_int(-err));
	json_object_object_add(o, "error", json_object_new_string(e ? e->reason : msg));
	if (e && e->field[0])
		json_object_object_add(o, "field", json_object_new_string(e->field));
	return o;
}

static json_object *ok(void)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(1));
	return o;
}

/* Reboot the device once the answer is out: busybox init reboots on SIGTERM. */
static void reboot_soon(struct appmand *d)
{
	d->stopping = true;
	sync();
	kill(1, SIGTERM);
}

static json_object *op_install(struct appmand *d, json_object *req, bool *reboot)
{
	struct azs_resource_list before;
	json_object *image, *package, *o;
	struct azs_error err;
	struct app *a;
	bool is_update;
	enum azs_change_timing when;
	int ret;

	bool by_image = json_object_object_get_ex(req, "image", &image);
	bool by_package = json_object_object_get_ex(req, "package", &package);

	if (by_image == by_package ||
	    !json_object_is_type(by_image ? image : package, json_type_string))
		return fail(-EINVAL, NULL,
			    "install needs \"package\": a signed image package, or \"image\": "
			    "a test image directory");
	azs_error_clear(&err);
	if (by_package)
		ret = store_install_package(d, json_object_get_string(package), &a, &is_update,
					    &before, &err);
	else
		ret = store_install(d, json_object_get_string(image), &a, &is_update, &before,
				    &err);
	if (ret)
		return fail(ret, &err, NULL);

	when = azs_update_rule(d->locked, is_update ? AZS_CHANGE_UPDATE : AZS_CHANGE_INSTALL,
			       is_update ? &before : NULL, &a->res);
	o = ok();
	json_object_object_add(o, "cid", json_object_new_string(a->cid.str));
	json_object_object_add(o, "update", json_object_new_boolean(is_update));
	if (when == AZS_APPLY_AFTER_REBOOT) {
		/* Stored on the flash: the next boot applies it (and locks again). */
		app_log(a, "%s changes the locked peripheral configuration: rebooting "
			"(PeripheralConfigRequiresReboot)",
			is_update ? "update" : "install");
		json_object_object_add(o, "reboot", json_object_new_boolean(1));
		*reboot = true;
		return o;
	}
	{
		json_object *manual;
		bool start = !(json_object_object_get_ex(req, "manualStart", &manual) &&
			       json_object_get_boolean(manual));

		lifecycle_apply_ex(d, a, is_update, &before, o, start);
	}
	return o;
}

static json_object *op_remove(struct appmand *d, struct app *a, bool *reboot)
{
	struct azs_resource_list res = a->res;
	json_object *o = ok();

	if (azs_update_rule(d->locked, AZS_CHANGE_REMOVE, &res, NULL) == AZS_APPLY_AFTER_REBOOT) {
		/* Locked: the reboot configures the firewall without it. */
		app_log(a, "removal releases peripherals: rebooting (PeripheralConfigRequiresReboot)");
		lifecycle_remove(d, a, false);
		json_object_object_add(o, "reboot", json_object_new_boolean(1));
		*reboot = true;
		return o;
	}
	lifecycle_remove(d, a, true);
	return o;
}

/* ---- Wi-Fi configurations from the host (azsphere device wifi ...), through wifi.c ---- */

static json_object *wifi_fail(int err, const char *what)
{
	char text[160];

	snprintf(text, sizeof(text), "%s: %s", what, strerror(-err));
	return fail(err, NULL, text);
}

static int wifi_attr(struct appmand *d, int32_t id, uint32_t attr, const void *v, size_t len)
{
	struct azs_rt_request r = {.op = AZS_RT_OP_WIFI_SET};
	struct azs_rt_i32 out;
	size_t out_len = 0;

	if (len > sizeof(r.p.wifi_set.value))
		return -EINVAL;
	r.p.wifi_set.id = id;
	r.p.wifi_set.attr = attr;
	r.p.wifi_set.len = (uint32_t)len;
	memcpy(r.p.wifi_set.value, v, len);
	return wifi_request(d, &r, &out, NULL, &out_len);
}

static bool printable(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

static bool all_hex(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	return true;
}

static json_object *wifi_list_json(struct appmand *d)
{
	static struct azs_rt_wifi_list list;
	struct azs_rt_request r = {.op = AZS_RT_OP_WIFI_LIST};
	size_t out_len = 0;
	json_object *o, *a;
	int ret = wifi_request(d, &r, NULL, &list, &out_len);

	if (ret)
		return wifi_fail(ret, "cannot read the Wi-Fi store");
	a = json_object_new_array();
	for (uint32_t i = 0; i < list.n && i < AZS_RT_WIFI_MAX_NETWORKS; i++) {
		const struct azs_rt_wifi_net *n = &list.nets[i];
		json_object *e = json_object_new_object();

		json_object_object_add(e, "id", json_object_new_int(n->id));
		json_object_object_add(e, "ssid", json_object_new_string_len((const char *)n->ssid,
									      n->ssid_len));
		json_object_object_add(e, "configState", json_object_new_string(n->enabled
										     ? "enabled"
										     : "disabled"));
		json_object_object_add(e, "securityState",
				       json_object_new_string(n->security == 2 ? "psk" : "open"));
		json_object_object_add(e, "targetedScan", json_object_new_boolean(n->targeted));
		json_object_object_add(e, "configName", json_object_new_string(n->name));
		json_object_array_add(a, e);
	}
	o = ok();
	json_object_object_add(o, "networks", a);
	return o;
}

/* What the radio sees now, as an app's WifiConfig_GetScannedNetworks gets it. */
static json_object *wifi_scan_json(struct appmand *d)
{
	static struct azs_rt_wifi_scan scan;
	struct azs_rt_request r = {.op = AZS_RT_OP_WIFI_SCAN};
	size_t out_len = 0;
	json_object *o, *a;
	int ret = wifi_radio_request(d, &r, &scan, NULL, &out_len);

	if (ret == -ENETDOWN)
		return fail(ret, NULL, "wlan0 is down (device network enable --interface wlan0)");
	if (ret)
		return wifi_fail(ret, "cannot scan");
	a = json_object_new_array();
	for (uint32_t i = 0; i < scan.n && i < AZS_RT_WIFI_MAX_SCAN; i++) {
		const struct azs_rt_wifi_seen *n = &scan.nets[i];
		json_object *e = json_object_new_object();
		char bssid[18];

		snprintf(bssid, sizeof(bssid), "%02x:%02x:%02x:%02x:%02x:%02x", n->bssid[0],
			 n->bssid[1], n->bssid[2], n->bssid[3], n->bssid[4], n->bssid[5]);
		json_object_object_add(e, "ssid", json_object_new_string_len((const char *)n->ssid,
									      n->ssid_len));
		json_object_object_add(e, "bssid", json_object_new_string(bssid));
		json_object_object_add(e, "securityState",
				       json_object_new_string(n->security == 2 ? "psk" : "open"));
		json_object_object_add(e, "frequency", json_object_new_int((int)n->freq_mhz));
		json_object_object_add(e, "signalLevel", json_object_new_int(n->rssi));
		json_object_array_add(a, e);
	}
	o = ok();
	json_object_object_add(o, "networks", a);
	return o;
}

static int32_t network_id(json_object *req)
{
	json_object *v;

	if (!json_object_object_get_ex(req, "networkId", &v) ||
	    !json_object_is_type(v, json_type_int))
		return -1;
	return (int32_t)json_object_get_int(v);
}

static json_object *op_wifi(struct appmand *d, const char *op, json_object *req)
{
	struct azs_rt_request r = {0};
	struct azs_rt_i32 id;
	size_t out_len = 0;
	int ret;

	if (!strcmp(op, "wifi-list"))
		return wifi_list_json(d);
	if (!strcmp(op, "wifi-scan"))
		return wifi_scan_json(d);
	if (!strcmp(op, "wifi-add")) {
		json_object *jssid, *jpsk = NULL, *jname = NULL;
		const char *ssid, *psk = NULL, *name = NULL;
		uint8_t sec, one = 1;

		if (!json_object_object_get_ex(req, "ssid", &jssid) ||
		    !json_object_is_type(jssid, json_type_string))
			return fail(-EINVAL, NULL, "wifi-add needs \"ssid\"");
		ssid = json_object_get_string(jssid);
		if (!ssid[0] || strlen(ssid) > AZS_RT_WIFI_SSID_MAX)
			return fail(-EINVAL, NULL, "the SSID must be 1 to 32 bytes");
		if (json_object_object_get_ex(req, "psk", &jpsk)) {
			size_t l;

			psk = json_object_get_string(jpsk);
			l = psk ? strlen(psk) : 0;
			if (!json_object_is_type(jpsk, json_type_string) ||
			    !((l >= 8 && l <= 63 && printable(psk, l)) || (l == 64 && all_hex(psk, l))))
				return fail(-EINVAL, NULL,
					    "the PSK must be 8 to 63 printable characters or 64 hex "
					    "digits");
		}
		if (json_object_object_get_ex(req, "configName", &jname)) {
			name = json_object_get_string(jname);
			if (!json_object_is_type(jname, json_type_string) ||
			    strlen(name) > AZS_RT_WIFI_NAME_MAX || !printable(name, strlen(name)))
				return fail(-EINVAL, NULL,
					    "the configuration name must be 0 to 16 printable "
					    "characters");
		}
		r.op = AZS_RT_OP_WIFI_ADD;
		ret = wifi_request(d, &r, &id, NULL, &out_len);
		if (ret)
			return wifi_fail(ret, "cannot add the network");
		sec = psk ? 2 : 1;
		ret = wifi_attr(d, id.value, AZS_RT_WIFI_SSID, ssid, strlen(ssid));
		if (!ret)
			ret = wifi_attr(d, id.value, AZS_RT_WIFI_SECURITY, &sec, 1);
		if (!ret && psk)
			ret = wifi_attr(d, id.value, AZS_RT_WIFI_PSK, psk, strlen(psk));
		if (!ret && name && name[0])
			ret = wifi_attr(d, id.value, AZS_RT_WIFI_NAME, name, strlen(name));
		if (!ret)
			ret = wifi_attr(d, id.value, AZS_RT_WIFI_ENABLED, &one, 1);
		if (!ret) {
			r.op = AZS_RT_OP_WIFI_PERSIST;
			ret = wifi_request(d, &r, NULL, NULL, &out_len);
		}
		if (ret) {
			/* Nothing half-added stays. */
			r.op = AZS_RT_OP_WIFI_FORGET;
			r.p.i32.value = id.value;
			wifi_request(d, &r, NULL, NULL, &out_len);
			return wifi_fail(ret, ret == -EEXIST ? "the configuration name is taken"
							     : "cannot store the network");
		}
		return wifi_list_json(d);
	}
	if (!strcmp(op, "wifi-remove") || !strcmp(op, "wifi-set")) {
		int32_t nid = network_id(req);
		json_object *jen;

		if (nid < 0 || nid >= AZS_RT_WIFI_MAX_NETWORKS)
			return fail(-EINVAL, NULL, "\"networkId\" must be a stored network's ID");
		if (!strcmp(op, "wifi-remove")) {
			r.op = AZS_RT_OP_WIFI_FORGET;
			r.p.i32.value = nid;
			ret = wifi_request(d, &r, NULL, NULL, &out_len);
		} else {
			uint8_t en;

			if (!json_object_object_get_ex(req, "enabled", &jen) ||
			    !json_object_is_type(jen, json_type_boolean))
				return fail(-EINVAL, NULL, "wifi-set needs \"enabled\": true or false");
			en = json_object_get_boolean(jen);
			ret = wifi_attr(d, nid, AZS_RT_WIFI_ENABLED, &en, 1);
		}
		/* An unknown ID: ENODEV, as WifiConfig has it (ENOENT before). */
		if (ret == -ENODEV || ret == -ENOENT)
			return fail(ret, NULL, "no stored Wi-Fi network has this ID");
		if (!ret) {
			r.op = AZS_RT_OP_WIFI_PERSIST;
			ret = wifi_request(d, &r, NULL, NULL, &out_len);
		}
		if (ret)
			return wifi_fail(ret, "cannot change the Wi-Fi store");
		return wifi_list_json(d);
	}
	return fail(-EOPNOTSUPP, NULL, "unknown op");
}

/* ---- the certificate store from the host (azsphere device certificate ...), through certstore.c ---- */

/*
 * One certificate-store request built as an app's runtime-channel packet and
 * checked by the same decoder (rt_decode.c) before certstore.c acts on it.
 */
static int cert_call(struct appmand *d, uint16_t op, const void *payload, size_t len, void *out,
		     size_t *out_len, char *why, size_t size)
{
	static uint8_t pkt[AZS_RT_MSG_MAX];
	struct azs_rt_hdr h = {.magic = AZS_RT_MAGIC, .version = AZS_RT_VERSION, .op = op,
			       .seq = 1, .len = (uint32_t)len};
	struct azs_rt_request r;
	int ret;

	if (len > sizeof(pkt) - sizeof(h)) {
		snprintf(why, size, "the certificate request is too large");
		return -EMSGSIZE;
	}
	memcpy(pkt, &h, sizeof(h));
	if (len)
		memcpy(pkt + sizeof(h), payload, len);
	ret = azs_rt_decode_request(pkt, sizeof(h) + len, &r, why, size);
	if (ret)
		return ret;
	ret = certstore_request(d, &r, out, out_len);
	if (ret)
		snprintf(why, size, "%s", strerror(-ret));
	return ret;
}

static int cert_id(json_object *req, struct azs_rt_cert_id *id)
{
	json_object *v;
	const char *s;

	memset(id, 0, sizeof(*id));
	if (!json_object_object_get_ex(req, "certId", &v) || !json_object_is_type(v, json_type_string))
		return -EINVAL;
	s = json_object_get_string(v);
	if (strlen(s) >= sizeof(id->id))
		return -ERANGE;
	memcpy(id->id, s, strlen(s));
	return 0;
}

static void time_json(json_object *o, const char *key, const struct azs_rt_cert_info *i)
{
	char t[40];

	snprintf(t, sizeof(t), "%04d-%02d-%02dT%02d:%02d:%02dZ", i->year, i->month, i->day,
		 i->hour, i->minute, i->second);
	json_object_object_add(o, key, json_object_new_string(t));
}

/* A stored certificate's ID, subject, issuer and validity. */
static json_object *cert_json(struct appmand *d, const struct azs_rt_cert_id *id, char *why,
			      size_t size, int *err)
{
	static const char *const keys[] = {"subjectName", "issuerName", "startDate", "endDate"};
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_string(id->id));
	for (uint32_t t = AZS_RT_CERT_SUBJECT; t <= AZS_RT_CERT_NOT_AFTER; t++) {
		struct azs_rt_cert_info_req q = {.id = *id, .type = t};
		struct azs_rt_cert_info info;
		size_t out_len = 0;

		*err = cert_call(d, AZS_RT_OP_CERT_INFO, &q, sizeof(q), &info, &out_len, why, size);
		if (*err) {
			json_object_put(o);
			return NULL;
		}
		if (t <= AZS_RT_CERT_ISSUER)
			json_object_object_add(o, keys[t], json_object_new_string(info.name));
		else
			time_json(o, keys[t], &info);
	}
	return o;
}

/* The device's client certificate, for the Security Service (deviceauth.c). */
static json_object *op_deviceauth(struct appmand *d, const char *op, json_object *req)
{
	char id[DEVICEAUTH_ID_LEN], until[64], why[512], *csr = NULL;
	json_object *o, *jc;
	bool renew = true;
	int ret;

	if (!strcmp(op, "deviceauth-csr")) {
		ret = deviceauth_csr(d, &csr, id, until, sizeof(until), &renew, why, sizeof(why));
		if (ret)
			return fail(ret, NULL, why);
		o = ok();
		json_object_object_add(o, "csr", json_object_new_string(csr));
		free(csr);
	} else if (!strcmp(op, "deviceauth-cert")) {
		if (!json_object_object_get_ex(req, "cert", &jc) ||
		    !json_object_is_type(jc, json_type_string))
			return fail(-EINVAL, NULL, "deviceauth-cert needs \"cert\" (PEM text)");
		ret = deviceauth_install(d, json_object_get_string(jc),
					 (size_t)json_object_get_string_len(jc), until,
					 sizeof(until), id, why, sizeof(why));
		if (ret)
			return fail(ret, NULL, why);
		o = ok();
		renew = false;
	} else {
		return fail(-EOPNOTSUPP, NULL, "unknown deviceauth request");
	}
	json_object_object_add(o, "deviceId", json_object_new_string(id));
	json_object_object_add(o, "notAfter", json_object_new_string(until));
	json_object_object_add(o, "renew", json_object_new_boolean(renew));
	return o;
}

static json_object *op_cert(struct appmand *d, const char *op, json_object *req)
{
	struct azs_rt_cert_id id;
	char why[256];
	size_t out_len = 0;
	int ret;

	if (!strcmp(op, "cert-quota")) {
		struct azs_rt_u32 left;
		json_object *o;

		ret = cert_call(d, AZS_RT_OP_CERT_SPACE, NULL, 0, &left, &out_len, why,
				sizeof(why));
		if (ret)
			return fail(ret, NULL, why);
		o = ok();
		json_object_object_add(o, "availableSpaceBytes", json_object_new_int64(left.value));
		return o;
	}
	if (!strcmp(op, "cert-list")) {
		struct azs_rt_u32 n, i;
		json_object *o, *a = json_object_new_array();

		ret = cert_call(d, AZS_RT_OP_CERT_COUNT, NULL, 0, &n, &out_len, why, sizeof(why));
		for (i.value = 0; !ret && i.value < n.value; i.value++) {
			ret = cert_call(d, AZS_RT_OP_CERT_ID_AT, &i, sizeof(i), &id, &out_len, why,
					sizeof(why));
			if (!ret)
				json_object_array_add(a, json_object_new_string(id.id));
		}
		if (ret) {
			json_object_put(a);
			return fail(ret, NULL, why);
		}
		o = ok();
		json_object_object_add(o, "certificates", a);
		return o;
	}
	ret = cert_id(req, &id);
	if (ret)
		return fail(ret, NULL,
			    ret == -ERANGE ? "\"certId\" is too long (at most 16 characters)"
					   : "this request needs \"certId\"");
	if (!strcmp(op, "cert-show")) {
		json_object *c = cert_json(d, &id, why, sizeof(why), &ret), *o;

		if (!c)
			return fail(ret, NULL, ret == -ENOENT ? "no certificate has this ID" : why);
		o = ok();
		json_object_object_add(o, "certificate", c);
		return o;
	}
	if (!strcmp(op, "cert-delete")) {
		ret = cert_call(d, AZS_RT_OP_CERT_DELETE, &id, sizeof(id), NULL, &out_len, why,
				sizeof(why));
		return ret ? fail(ret, NULL, ret == -ENOENT ? "no certificate has this ID" : why)
			   : ok();
	}
	if (!strcmp(op, "cert-add")) {
		static uint8_t payload[AZS_RT_MSG_MAX];
		struct azs_rt_cert_install in = {.id = id};
		json_object *jc, *jk = NULL, *jp = NULL, *jt;
		const char *cert, *key = "", *pw = "";
		size_t off = sizeof(in);

		if (!json_object_object_get_ex(req, "cert", &jc) ||
		    !json_object_is_type(jc, json_type_string) ||
		    !json_object_object_get_ex(req, "certType", &jt))
			return fail(-EINVAL, NULL, "cert-add needs \"cert\" (PEM) and \"certType\"");
		cert = json_object_get_string(jc);
		if (!strcmp(json_object_get_string(jt), "rootca")) {
			in.kind = AZS_RT_CERT_ROOT_CA;
		} else if (!strcmp(json_object_get_string(jt), "client")) {
			in.kind = AZS_RT_CERT_CLIENT;
			if (!json_object_object_get_ex(req, "key", &jk) ||
			    !json_object_is_type(jk, json_type_string))
				return fail(-EINVAL, NULL, "a client certificate needs \"key\" (PEM)");
			key = json_object_get_string(jk);
			if (json_object_object_get_ex(req, "password", &jp))
				pw = json_object_get_string(jp);
		} else {
			return fail(-EINVAL, NULL, "\"certType\" must be rootca or client");
		}
		in.cert_len = (uint32_t)strlen(cert);
		in.key_len = (uint32_t)strlen(key);
		in.pw_len = (uint32_t)strlen(pw);
		if (off + in.cert_len + in.key_len + in.pw_len > sizeof(payload) - 16)
			return fail(-EMSGSIZE, NULL, "the certificate is too large");
		memcpy(payload, &in, sizeof(in));
		memcpy(payload + off, cert, in.cert_len);
		off += in.cert_len;
		memcpy(payload + off, key, in.key_len);
		off += in.key_len;
		memcpy(payload + off, pw, in.pw_len);
		off += in.pw_len;
		ret = cert_call(d, AZS_RT_OP_CERT_INSTALL, payload, off, NULL, &out_len, why,
				sizeof(why));
		if (ret)
			return fail(ret, NULL, why);
		{
			json_object *c = cert_json(d, &id, why, sizeof(why), &ret), *o = ok();

			if (c)
				json_object_object_add(o, "certificate", c);
			return o;
		}
	}
	return fail(-EOPNOTSUPP, NULL, "unknown op");
}

/* ---- The device's network proxy (netif.c), as `azsphere device network proxy` sets it ---- */

static json_object *proxy_json(const struct appmand *d)
{
	const struct azs_rt_proxy *p = &d->proxy;
	json_object *o = ok(), *x = json_object_new_object(), *none = json_object_new_array();
	char list[sizeof(p->no_proxy)];
	char *save = NULL;

	json_object_object_add(x, "enabled", json_object_new_boolean(p->options == 2));
	json_object_object_add(x, "address", json_object_new_string(p->address));
	json_object_object_add(x, "port", json_object_new_int(p->port));
	json_object_object_add(x, "authenticationType",
			       json_object_new_string(p->auth == 1 ? "basic" : "anonymous"));
	if (p->user[0])
		json_object_object_add(x, "username", json_object_new_string(p->user));
	memcpy(list, p->no_proxy, sizeof(list));
	for (char *t = strtok_r(list, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
		json_object_array_add(none, json_object_new_string(t));
	json_object_object_add(x, "noProxyAddresses", none);
	json_object_object_add(o, "proxy", x);
	return o;
}

static json_object *proxy_refuse(const char *field, const char *reason)
{
	struct azs_error e;

	snprintf(e.field, sizeof(e.field), "%s", field);
	snprintf(e.reason, sizeof(e.reason), "%s", reason);
	return fail(-EINVAL, &e, NULL);
}

/* STR's FIELD into OUT (SIZE bytes with its NUL), or false if too long. */
static bool proxy_text(json_object *req, const char *field, char *out, size_t size)
{
	json_object *v;

	if (!json_object_object_get_ex(req, field, &v))
		return true;
	if (!json_object_is_type(v, json_type_string) || strlen(json_object_get_string(v)) >= size)
		return false;
	memcpy(out, json_object_get_string(v), strlen(json_object_get_string(v)));
	return true;
}

static json_object *op_proxy(struct appmand *d, const char *op, json_object *req)
{
	static struct azs_rt_proxy p;
	char why[160], *end;
	const char *s;
	json_object *v;
	long port = 0;
	int ret;

	if (!strcmp(op, "proxy-show"))
		return d->proxy_set ? proxy_json(d)
				    : fail(-ENOENT, NULL, "no proxy is configured on the device");
	if (!strcmp(op, "proxy-delete")) {
		ret = netif_proxy_set(d, NULL, why, sizeof(why));
		return ret ? fail(ret, NULL, strerror(-ret)) : ok();
	}
	if (strcmp(op, "proxy-apply"))
		return fail(-EOPNOTSUPP, NULL, "unknown op");
	memset(&p, 0, sizeof(p));
	p.options = 2;
	if (json_object_object_get_ex(req, "enabled", &v)) {
		s = json_object_get_string(v);
		if (strcmp(s, "true") && strcmp(s, "false"))
			return proxy_refuse("enabled", "must be true or false");
		p.options = strcmp(s, "true") ? 1 : 2;
	}
	if (!proxy_text(req, "address", p.address, sizeof(p.address)))
		return proxy_refuse("address", "longer than 255 characters");
	if (json_object_object_get_ex(req, "port", &v)) {
		s = json_object_get_string(v);
		port = strtol(s, &end, 10);
		if (!s[0] || *end || port < 1 || port > 65535)
			return proxy_refuse("port", "not a port number (1 to 65535)");
		p.port = (uint16_t)port;
	}
	if (json_object_object_get_ex(req, "authentication", &v)) {
		s = json_object_get_string(v);
		if (strcmp(s, "anonymous") && strcmp(s, "basic"))
			return proxy_refuse("authentication", "must be anonymous or basic");
		p.auth = !strcmp(s, "basic");
	}
	if (!proxy_text(req, "username", p.user, sizeof(p.user)))
		return proxy_refuse("username", "longer than 63 characters");
	if (!proxy_text(req, "password", p.password, sizeof(p.password)))
		return proxy_refuse("password", "longer than 63 characters");
	if (!proxy_text(req, "noProxyAddresses", p.no_proxy, sizeof(p.no_proxy)))
		return proxy_refuse("noProxyAddresses", "longer than 255 characters");
	ret = netif_proxy_set(d, &p, why, sizeof(why));
	memset(&p, 0, sizeof(p)); /* the password goes with it */
	if (ret == -EINVAL)
		return proxy_refuse("proxy", why);
	if (ret)
		return fail(ret, NULL, strerror(-ret));
	fprintf(stderr, "appmand: the proxy from the host: %s%s\n",
		d->proxy.options == 2 ? "enabled, " : "disabled", d->proxy.address);
	return proxy_json(d);
}

static json_object *handle(struct appmand *d, json_object *req, bool *reboot)
{
	json_object *jop, *jcid, *o;
	const char *op;
	struct app *a = NULL;

	if (!json_object_is_type(req, json_type_object) ||
	    !json_object_object_get_ex(req, "op", &jop) ||
	    !json_object_is_type(jop, json_type_string))
		return fail(-EINVAL, NULL, "a request is an object with a string \"op\"");
	op = json_object_get_string(jop);

	if (!strcmp(op, "list")) {
		json_object *apps = json_object_new_array();

		for (int i = 0; i < APPMAND_MAX_APPS; i++)
			if (d->apps[i].used)
				json_object_array_add(apps, app_json(d, &d->apps[i]));
		o = ok();
		json_object_object_add(o, "apps", apps);
		json_object_object_add(o, "locked", json_object_new_boolean(d->locked));
		return o;
	}
	if (!strcmp(op, "install"))
		return op_install(d, req, reboot);
	if (!strcmp(op, "targeted"))
		return cloud_targeted(d);
	if (!strncmp(op, "wifi-", 5))
		return op_wifi(d, op, req);
	if (!strncmp(op, "cert-", 5))
		return op_cert(d, op, req);
	if (!strncmp(op, "proxy-", 6))
		return op_proxy(d, op, req);
	if (!strncmp(op, "deviceauth-", 11))
		return op_deviceauth(d, op, req);
	if (!strcmp(op, "cloud-update")) {
		json_object *jdir;

		if (!json_object_object_get_ex(req, "dir", &jdir) ||
		    !json_object_is_type(jdir, json_type_string))
			return fail(-EINVAL, NULL,
				    "cloud-update needs \"dir\": a deployment directory");
		return cloud_update(d, json_object_get_string(jdir), reboot);
	}

	if (!json_object_object_get_ex(req, "cid", &jcid) ||
	    !json_object_is_type(jcid, json_type_string))
		return fail(-EINVAL, NULL, "this request needs \"cid\": a component ID");
	a = store_find(d, json_object_get_string(jcid));
	if (!a)
		return fail(-ENOENT, NULL, "no such app installed");

	if (!strcmp(op, "remove"))
		return op_remove(d, a, reboot);
	if (!strcmp(op, "stop")) {
		lifecycle_stop(d, a);
		return ok();
	}
	if (!strcmp(op, "start")) {
		json_object *jdebug;
		int ret;

		/* Debug mode: (re)started stopped under gdbserver (supervisor.c). */
		if (json_object_object_get_ex(req, "debug", &jdebug) &&
		    json_object_get_boolean(jdebug)) {
			/* Refused before anything changes: the app keeps running. */
			if (access(GDBSERVER_DIR "/gdbserver", X_OK))
				return fail(-EOPNOTSUPP, NULL,
					    "debug mode: this device's image has no gdbserver");
			lifecycle_stop(d, a);
			a->debug_next = true;
		}
		ret = lifecycle_start(d, a);

		return ret ? fail(ret, NULL, a->why) : ok();
	}
	if (!strcmp(op, "logs")) {
		static char text[AZS_LOG_RING_SIZE + 1];

		azs_log_ring_read(&a->log, text, sizeof(text));
		o = ok();
		json_object_object_add(o, "log", json_object_new_string(text));
		json_object_object_add(o, "seccompDenied", seccomp_denials(text));
		app_stats_json(d, a, o);
		return o;
	}
	return fail(-EOPNOTSUPP, NULL, "unknown op");
}

/* Answer one request (NUL-terminated in BUF, N bytes; N < 0: unreadable). */
static void serve(struct appmand *d, int c, const char *buf, ssize_t n)
{
	json_tokener *tok;
	json_object *req, *resp;
	const char *text;
	bool reboot = false;

	if (d->refused[0]) {
		resp = fail(-ENOTRECOVERABLE, NULL, d->refused);
	} else if (n < 0 || n > MAX_REQUEST) {
		resp = fail(-EMSGSIZE, NULL, "request too large or unreadable");
	} else {
		tok = json_tokener_new();
		req = json_tokener_parse_ex(tok, buf, (int)n);
		if (!req || json_tokener_get_parse_end(tok) != (size_t)n)
			resp = fail(-EINVAL, NULL, "the request is not one JSON object");
		else
			resp = handle(d, req, &reboot);
		json_object_put(req);
		json_tokener_free(tok);
	}
	text = json_object_to_json_string_ext(resp, JSON_C_TO_STRING_PLAIN);
	/* A client that doesn't read its answer loses it; the daemon never waits. */
	send(c, text, strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT);
	json_object_put(resp);
	if (reboot)
		reboot_soon(d);
}

static void conn_close(struct appmand *d, struct conn *k)
{
	appmand_unwatch(d, k->fd);
	close(k->fd);
	k->fd = -1;
}

/* Arm the timer for the earliest deadline (or disarm it). */
static void rearm(void)
{
	struct itimerspec its = {0};
	uint64_t first = 0, now = appmand_now_ms();

	for (int i = 0; i < CONTROL_MAX_CONNS; i++)
		if (conns[i].fd >= 0 && (!first || conns[i].deadline_ms < first))
			first = conns[i].deadline_ms;
	if (first) {
		uint64_t ms = first > now ? first - now : 1;

		its.it_value.tv_sec = (time_t)(ms / 1000);
		its.it_value.tv_nsec = (long)(ms % 1000) * 1000000;
	}
	timerfd_settime(deadline_fd, 0, &its, NULL);
}

static void accept_all(struct appmand *d)
{
	int c;

	while ((c = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0) {
		struct conn *k = NULL;

		for (int i = 0; i < CONTROL_MAX_CONNS && !k; i++)
			if (conns[i].fd < 0)
				k = &conns[i];
		if (!k || appmand_watch(d, c, NULL)) {
			json_object *o = fail(-EBUSY, NULL, "too many control connections waiting");
			const char *text =
				json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);

			send(c, text, strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT);
			json_object_put(o);
			close(c);
			continue;
		}
		k->fd = c;
		k->deadline_ms = appmand_now_ms() + CONTROL_DEADLINE_MS;
	}
	rearm();
}

/*
 * Serve K's request if it has arrived (or close K if its client has gone):
 * true. False if nothing has arrived yet.
 */
static bool conn_try(struct appmand *d, struct conn *k)
{
	static char buf[MAX_REQUEST + 1];
	ssize_t n;

	/* SOCK_SEQPACKET: a request arrives whole, or not at all. */
	n = recv(k->fd, buf, MAX_REQUEST + 1, MSG_DONTWAIT | MSG_TRUNC);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return false;
	if (n > 0 && n <= MAX_REQUEST)
		buf[n] = '\0';
	if (n != 0) /* 0: gone without a request */
		serve(d, k->fd, buf, n);
	conn_close(d, k);
	return true;
}

/*
 * The deadline passed for some connections. Time the daemon itself spent busy
 * (a long install, on a slow CPU) is not the client's: if the timer fires
 * late, the connections due get a grace second instead, and a request that
 * did arrive is always served.
 */
static void expire(struct appmand *d)
{
	uint64_t ticks, now = appmand_now_ms(), first = 0;
	bool late;

	if (read(deadline_fd, &ticks, sizeof(ticks)) < 0 && errno != EAGAIN)
		return;
	for (int i = 0; i < CONTROL_MAX_CONNS; i++)
		if (conns[i].fd >= 0 && (!first || conns[i].deadline_ms < first))
			first = conns[i].deadline_ms;
	late = first && now > first + CONTROL_LATE_MS;
	for (int i = 0; i < CONTROL_MAX_CONNS; i++) {
		struct conn *k = &conns[i];

		if (k->fd < 0 || k->deadline_ms > now || conn_try(d, k))
			continue;
		if (late) {
			k->deadline_ms = now + CONTROL_GRACE_MS;
			continue;
		}
		fprintf(stderr, "appmand: control: no request within %d ms: connection closed\n",
			CONTROL_DEADLINE_MS);
		conn_close(d, k);
	}
	rearm();
}

void control_event(struct appmand *d, int fd)
{
	struct conn *k = NULL;

	if (fd == listen_fd) {
		accept_all(d);
		return;
	}
	if (fd == deadline_fd) {
		expire(d);
		return;
	}
	for (int i = 0; i < CONTROL_MAX_CONNS && !k; i++)
		if (conns[i].fd == fd)
			k = &conns[i];
	if (k && conn_try(d, k))
		rearm();
}
