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
 *   {"op":"remove","cid":"..."}
 *   {"op":"start"|"stop"|"logs","cid":"..."}
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

#include "appmand.h"
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
	if (a->manifest.caps.mutable_storage_kb) {
		json_object_object_add(o, "storageUsageKB", json_object_new_int64(storage_kb(d, a)));
		json_object_object_add(
			o, "storageLimitKB",
			json_object_new_int64((int64_t)a->manifest.caps.mutable_storage_kb));
	}
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
		app_log(a, "%s changes the peripheral configuration: rebooting",
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
		app_log(a, "removal releases peripherals: rebooting");
		lifecycle_remove(d, a, false);
		json_object_object_add(o, "reboot", json_object_new_boolean(1));
		*reboot = true;
		return o;
	}
	lifecycle_remove(d, a, true);
	return o;
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
		int ret = lifecycle_start(d, a);

		return ret ? fail(ret, NULL, a->why) : ok();
	}
	if (!strcmp(op, "logs")) {
		static char text[AZS_LOG_RING_SIZE + 1];

		azs_log_ring_read(&a->log, text, sizeof(text));
		o = ok();
		json_object_object_add(o, "log", json_object_new_string(text));
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
