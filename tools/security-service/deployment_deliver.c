// SPDX-License-Identifier: MIT
/*
 * deployment deliver: the cloud's side of a cloud update. The deployment
 * directory goes, as it is, to the device's azs-gatewayd over the
 * host<->device channel as one {"op":"cloud-update"} request; the device
 * verifies and applies it (see deployment_cmd.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "channel.h"
#include <azs/cleanup.h>
#include "deployment.h"
#include "deployment_cmd.h"
#include "file_io.h"
#include "log.h"

static void json_putp(struct json_object **o)
{
	json_object_put(*o);
}

/* The file DIR/NAME as a new JSON string of hex digits, or NULL after a message. */
static struct json_object *hex_file(const char *dir, const char *name)
{
	azs_cleanup(azs_freep) uint8_t *buf = malloc(AZS_PKG_MAX_SIZE + 1);
	azs_cleanup(azs_freep) char *hex = NULL;
	char path[4096];
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!buf || ss_read_file(path, buf, AZS_PKG_MAX_SIZE + 1, &len))
		return NULL;
	hex = malloc(2 * len + 1);
	if (!hex)
		return NULL;
	for (size_t i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", buf[i]);
	return json_object_new_string_len(hex, (int)(2 * len));
}

/* {"op":"cloud-update","manifest":HEX,"packages":{NAME:HEX,...}} from DIR. */
static struct json_object *request(const char *dir)
{
	struct json_object *req = json_object_new_object(), *pkgs = json_object_new_object();
	struct json_object *manifest = hex_file(dir, AZS_DEPLOY_MANIFEST_FILE);
	DIR *d = opendir(dir);
	struct dirent *e;
	int bad = !manifest || !d;

	if (!d)
		ss_error("--deployment %s: %s", dir, strerror(errno));
	char id[64];

	snprintf(id, sizeof(id), "cloud-%ld-%ld", (long)getpid(), (long)time(NULL));
	json_object_object_add(req, "op", json_object_new_string("cloud-update"));
	json_object_object_add(req, "id", json_object_new_string(id));
	json_object_object_add(req, "manifest", manifest);
	while (!bad && (e = readdir(d))) {
		struct json_object *hex;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, AZS_DEPLOY_MANIFEST_FILE))
			continue;
		hex = hex_file(dir, e->d_name);
		if (!hex)
			bad = 1;
		else
			json_object_object_add(pkgs, e->d_name, hex);
	}
	if (d)
		closedir(d);
	json_object_object_add(req, "packages", pkgs);
	if (bad) {
		json_object_put(req);
		return NULL;
	}
	return req;
}

/*
 * Send REQ on the channel at SOCKET_PATH; the answer, or NULL after a message.
 * The CLI's call (tools/device-cli/channel.h): a hello handshake first (a line
 * sent while the device boots can be lost), then the answer within 300 s.
 */
static struct json_object *call(const char *socket_path, struct json_object *req)
{
	struct azs_call_opts o = {.timeout_s = 300};

	return azs_call(socket_path, req, &o);
}

static void print_list(struct json_object *resp, const char *key, const char *what)
{
	struct json_object *a;

	if (!json_object_object_get_ex(resp, key, &a) || !json_object_is_type(a, json_type_array))
		return;
	for (size_t i = 0; i < json_object_array_length(a); i++)
		printf("  %-10s %s\n", what,
		       json_object_get_string(json_object_array_get_idx(a, i)));
}

static int flag(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) && json_object_get_boolean(v);
}

int ss_deployment_deliver(const char *dir, const char *socket_path, int as_json)
{
	azs_cleanup(json_putp) struct json_object *req = request(dir);
	azs_cleanup(json_putp) struct json_object *resp = NULL;
	struct json_object *v;

	if (!req)
		return -EINVAL;
	/*
	 * The device first announces an update to its apps ("pending"): deliver
	 * again when it says, as the real cloud's devices poll again. An update
	 * its apps deferred ("deferred") is left for a later delivery.
	 */
	for (int round = 0;; round++) {
		int64_t wait;

		resp = call(socket_path, req);
		if (!resp) {
			ss_error("no answer from the device at %s", socket_path);
			return -EIO;
		}
		if (!flag(resp, "pending") || round == 10)
			break;
		wait = json_object_object_get_ex(resp, "retryAfterSeconds", &v)
			       ? json_object_get_int64(v)
			       : 2;
		if (wait < 1 || wait > 30)
			wait = 2;
		if (!as_json)
			printf("The device announced the update to its apps; delivering again in "
			       "%lld s.\n",
			       (long long)wait);
		fflush(stdout);
		json_object_put(resp);
		resp = NULL;
		sleep((unsigned int)wait);
	}
	if (as_json)
		printf("%s\n", json_object_to_json_string_ext(resp, JSON_C_TO_STRING_PLAIN));
	if (!json_object_object_get_ex(resp, "ok", &v) || !json_object_get_boolean(v)) {
		json_object_object_get_ex(resp, "error", &v);
		ss_error("the device refused the cloud update: %s",
			 v ? json_object_get_string(v) : "no reason given");
		return -EPERM;
	}
	if (as_json)
		return 0;
	if (flag(resp, "deferred") || flag(resp, "pending")) {
		json_object_object_get_ex(resp, "retryAfterSeconds", &v);
		printf("Cloud update not applied: the device's apps %s it; deliver it again in "
		       "%lld "
		       "s.\n",
		       flag(resp, "deferred") ? "deferred" : "are still deciding on",
		       v ? (long long)json_object_get_int64(v) : 0LL);
		return 0;
	}
	json_object_object_get_ex(resp, "deployment", &v);
	printf("Cloud update applied: deployment %s\n", v ? json_object_get_string(v) : "?");
	print_list(resp, "installed", "installed");
	print_list(resp, "updated", "updated");
	print_list(resp, "unchanged", "unchanged");
	print_list(resp, "removed", "removed");
	if (json_object_object_get_ex(resp, "reboot", &v) && json_object_get_boolean(v))
		printf("The device reboots to apply it (its peripheral configuration is "
		       "locked).\n");
	return 0;
}
