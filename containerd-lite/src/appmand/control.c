// SPDX-License-Identifier: MIT
/*
 * The control socket: one JSON request per SOCK_SEQPACKET message, one JSON
 * answer. Root only (the socket is 0600 in a 0700 directory).
 *
 *   {"op":"list"}                         apps, their state, the lock
 *   {"op":"install","package":FILE}       install or update a signed package
 *   {"op":"install","image":DIR}          the same from a test image directory
 *   {"op":"cloud-update","dir":DIR}      apply a deployment (cloud.c)
 *   {"op":"remove","cid":"..."}
 *   {"op":"start"|"stop"|"logs","cid":"..."}
 *
 * Answers: {"ok":true, ...} or {"ok":false,"errno":N,"error":"...","field":"..."}.
 * An install, update or removal that the seed-002 rule defers answers
 * {"ok":true,"reboot":true} and then reboots the device.
 */
#include <errno.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "appmand.h"
#include "update_rule.h"

#define MAX_REQUEST 8192

static int listen_fd = -1;

int control_listen(struct appmand *d, const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char dir[sizeof(sa.sun_path)];
	char *slash;

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
	listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (listen_fd < 0)
		return -errno;
	if (bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) || chmod(path, 0600) ||
	    listen(listen_fd, 8))
		return -errno;
	return appmand_watch(d, listen_fd, NULL);
}

static const char *state_name(enum app_state s)
{
	static const char *const names[] = {"stopped", "running", "restarting", "failed"};

	return names[s];
}

static json_object *app_json(const struct app *a)
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
	control_apply_now(d, a, is_update, &before, o);
	return o;
}

void control_apply_now(struct appmand *d, struct app *a, bool is_update,
		       const struct azs_resource_list *before, json_object *o)
{
	if (is_update) {
		supervisor_stop(d, a);
		store_unmount(a); /* the new version mounts at start */
		if (!azs_resources_equal(before, &a->res)) {
			platform_release(d, a, before);
			a->peripherals_ok = false;
		}
	}
	if (!a->peripherals_ok && platform_assign(d, a)) {
		a->state = APP_FAILED;
		json_object_object_add(o, "started", json_object_new_boolean(0));
		json_object_object_add(o, "why", json_object_new_string(a->why));
		return;
	}
	azs_restart_init(&a->restart);
	a->want_running = true;
	store_save_state(d, a);
	json_object_object_add(o, "started", json_object_new_boolean(supervisor_start(d, a) == 0));
}

void control_remove_now(struct appmand *d, struct app *a)
{
	struct azs_resource_list res = a->res;

	a->want_running = false;
	supervisor_stop(d, a);
	platform_release(d, a, &res);
	store_remove(d, a);
}

static json_object *op_remove(struct appmand *d, struct app *a, bool *reboot)
{
	struct azs_resource_list res = a->res;
	json_object *o = ok();

	if (azs_update_rule(d->locked, AZS_CHANGE_REMOVE, &res, NULL) == AZS_APPLY_AFTER_REBOOT) {
		app_log(a, "removal releases peripherals: rebooting");
		store_remove(d, a);
		json_object_object_add(o, "reboot", json_object_new_boolean(1));
		*reboot = true;
		return o;
	}
	control_remove_now(d, a);
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
				json_object_array_add(apps, app_json(&d->apps[i]));
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
		a->want_running = false;
		store_save_state(d, a);
		supervisor_stop(d, a);
		return ok();
	}
	if (!strcmp(op, "start")) {
		int ret;

		a->want_running = true;
		store_save_state(d, a);
		azs_restart_init(&a->restart);
		if (!a->peripherals_ok)
			platform_assign(d, a);
		ret = a->sandbox ? 0 : supervisor_start(d, a);
		return ret ? fail(ret, NULL, a->why) : ok();
	}
	if (!strcmp(op, "logs")) {
		static char text[AZS_LOG_RING_SIZE + 1];

		azs_log_ring_read(&a->log, text, sizeof(text));
		o = ok();
		json_object_object_add(o, "log", json_object_new_string(text));
		return o;
	}
	return fail(-EOPNOTSUPP, NULL, "unknown op");
}

void control_event(struct appmand *d, int fd)
{
	static char buf[MAX_REQUEST + 1];
	json_tokener *tok;
	json_object *req, *resp;
	const char *text;
	bool reboot = false;
	ssize_t n;
	int c;

	if (fd != listen_fd)
		return;
	c = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (c < 0)
		return;
	n = recv(c, buf, MAX_REQUEST + 1, 0);
	if (n < 0 || n > MAX_REQUEST) {
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
	send(c, text, strlen(text), MSG_NOSIGNAL);
	json_object_put(resp);
	close(c);
	if (reboot)
		reboot_soon(d);
}
