// SPDX-License-Identifier: MIT
/*
 * azsphere: the Azure Sphere CLI on the host (docs/device.md, The azsphere
 * CLI). The device verbs talk to the device's azs-gatewayd over the host
 * channel (channel.c); image-package and hardware-definition run the SDK's
 * tools beside this program.
 *
 * The command tree, option names and short aliases are the real CLI's
 * (commands[] below). The global options go anywhere on the line:
 * --output/-o json|jsonc|table|tsv|yaml|none, --query (output.h), --verbose,
 * --debug, --help/-h, --device/-d (the device: its channel socket, or a
 * device ID among list-attached's). --help prints a verb's or group's help
 * on stdout (exit 0); an unknown verb or option is an error that suggests
 * the nearest (exit 2).
 *
 * Exit status: 0 done; 1 refused or failed (the reason on stderr); 2 usage.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <azs/atomic_write.h>

#include "channel.h"
#include "device_socket.h"
#include "output.h"

#define MAX_FILE (4u << 20)
#define MAX_OPTS 10
#define MAX_ARGS 64

enum { EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Option flags. */
#define V    1 /* takes a value */
#define REQ  2 /* required */
#define MANY 4 /* repeatable */

struct opt {
	const char *name; /* without "--" */
	char alias;       /* -X, or 0 */
	int flags;
	const char *help;
};

struct ctx;
typedef int (*handler)(struct ctx *c);

struct cmd {
	const char *path; /* "device app start" */
	handler fn;
	const char *help;
	struct opt opts[MAX_OPTS];
};

struct ctx {
	const struct cmd *cmd;
	const char *values[MAX_OPTS][MAX_ARGS]; /* per option, its values (flags: "") */
	int nvalues[MAX_OPTS];
	const char *format, *query, *device;
	int debug; /* 1 --verbose, 2 --debug */
	const char *socket;
	char found[PATH_MAX];
	json_object *result; /* what the verb prints */
	char *text;          /* table output instead of RESULT (a message), or NULL */
	char **argv0;
};

/* One line on stderr, "PREFIX: message". */
static void say(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static void info(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void info(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->debug)
		return;
	va_start(ap, fmt);
	say("info", fmt, ap);
	va_end(ap);
}

/* An error: the message, and the exit status for a failed operation. */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("error", fmt, ap);
	va_end(ap);
	return EXIT_FAIL;
}

/* The same, for a bad command line (its own exit status). */
static int usage_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("error", fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* The value of option NAME (its first), or NULL. */
static const char *arg(struct ctx *c, const char *name)
{
	for (int i = 0; i < MAX_OPTS && c->cmd->opts[i].name; i++)
		if (!strcmp(c->cmd->opts[i].name, name))
			return c->nvalues[i] ? c->values[i][0] : NULL;
	return NULL;
}

static bool flag(struct ctx *c, const char *name)
{
	return arg(c, name) != NULL;
}

static void set_text(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_text(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	free(c->text);
	va_start(ap, fmt);
	if (vasprintf(&c->text, fmt, ap) < 0)
		c->text = NULL;
	va_end(ap);
}

/* snprintf that says whether it fit: 0, or -1 (truncated). */
static int fmt(char *out, size_t size, const char *f, ...) __attribute__((format(printf, 3, 4)));
static int fmt(char *out, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(out, size, f, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* ---- values ---- */

static const char *const cap_names[64] = {
	[1] = "AllowTestKeySignedSoftware",
	[2] = "EnablePlutonDebugging",
	[3] = "EnableA7Debugging",
	[4] = "EnableN9Debugging",
	[8] = "EnableA7Console",
	[9] = "EnableSltLoader",
	[10] = "EnableSystemSoftwareDevelopment",
	[11] = "EnableAppDevelopment",
	[12] = "EnableRfTestMode",
	[13] = "EnableFieldServicing",
};

/* A component ID: a GUID, 8-4-4-4-12 hex digits. */
static bool is_guid(const char *s)
{
	static const int groups[] = {8, 4, 4, 4, 12};

	for (int g = 0; g < 5; g++) {
		for (int i = 0; i < groups[g]; i++, s++)
			if (!isxdigit((unsigned char)*s))
				return false;
		if (*s != (g < 4 ? '-' : '\0'))
			return false;
		s++;
	}
	return true;
}

static int need_guid(struct ctx *c, const char *name)
{
	const char *v = arg(c, name);

	if (v && !is_guid(v))
		return usage_fail("--%s: '%s' is not a component ID (a GUID such as "
				  "11111111-2222-4333-8444-555555555555)",
				  name, v);
	return 0;
}

static char *hex_file(const char *path)
{
	struct stat st;
	unsigned char *buf;
	char *hex = NULL;
	FILE *f = fopen(path, "rbe");

	if (!f) {
		fail("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (size_t)st.st_size > MAX_FILE) {
		fail("%s: not a regular file of 1 byte to %u MiB", path, MAX_FILE >> 20);
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)st.st_size);
	hex = malloc(2 * (size_t)st.st_size + 1);
	if (buf && hex && fread(buf, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
		for (off_t i = 0; i < st.st_size; i++)
			snprintf(hex + 2 * i, 3, "%02x", buf[i]);
	} else {
		fail("cannot read %s", path);
		free(hex);
		hex = NULL;
	}
	free(buf);
	fclose(f);
	return hex;
}

/*
 * Write LEN bytes to PATH whole (common/azs/atomic_write.h: temp name, fsync,
 * rename, directory fsync), MODE masked by the umask as open() would: 0 or
 * after a message 1.
 */
static int write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	mode_t mask = umask(0);
	int ret;

	umask(mask);
	ret = azs_atomic_write_file(path, data, len, mode & ~mask);
	if (ret)
		return fail("%s: %s", path, strerror(-ret));
	return 0;
}

/* ---- the device ---- */

static int find_socket(struct ctx *c);

/*
 * One request to the device: its answer, or NULL after a message (its
 * refusal: "error", or the application manager's "ok":false).
 */
static json_object *device_ex(struct ctx *c, json_object *req, int timeout)
{
	struct azs_call_opts o = {.timeout_s = timeout, .debug = c->debug};
	json_object *resp, *v, *okv;

	if (!c->socket && find_socket(c)) {
		json_object_put(req);
		return NULL;
	}
	info(c, "device %s: %s", c->socket,
	     json_object_get_string(json_object_object_get(req, "op")));
	resp = azs_call(c->socket, req, &o);
	if (!resp) {
		json_object_put(req);
		return NULL;
	}
	if (json_object_object_get_ex(resp, "error", &v) &&
	    (!json_object_object_get_ex(resp, "ok", &okv) || !json_object_get_boolean(okv))) {
		json_object *field, *no;

		if (!strcmp(json_object_get_string(v), "unknown op") &&
		    json_object_object_get_ex(resp, "errno", &no) &&
		    json_object_get_int(no) == EOPNOTSUPP)
			fail("this device does not support 'azsphere %s' (its gateway has no '%s')",
			     c->cmd->path,
			     json_object_get_string(json_object_object_get(req, "op")));
		else if (json_object_object_get_ex(resp, "field", &field))
			fail("%s (%s)", json_object_get_string(v), json_object_get_string(field));
		else
			fail("%s", json_object_get_string(v));
		json_object_put(resp);
		json_object_put(req);
		return NULL;
	}
	json_object_put(req);
	if (json_object_object_get_ex(resp, "ok", &okv) && !json_object_get_boolean(okv)) {
		fail("refused");
		json_object_put(resp);
		return NULL;
	}
	json_object_object_del(resp, "ok");
	return resp;
}

static json_object *device(struct ctx *c, json_object *req)
{
	return device_ex(c, req, 0);
}

/* A request {"op":OP} with string fields KEY, VALUE, ... (NULL-terminated). */
static json_object *request(const char *op, ...)
{
	json_object *req = json_object_new_object();
	const char *k, *v;
	va_list ap;

	json_object_object_add(req, "op", json_object_new_string(op));
	va_start(ap, op);
	while ((k = va_arg(ap, const char *))) {
		v = va_arg(ap, const char *);
		if (v)
			json_object_object_add(req, k, json_object_new_string(v));
	}
	va_end(ap);
	return req;
}

static const char *str(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : NULL;
}

static void copy_field(json_object *to, const char *name, json_object *from, const char *key)
{
	json_object *v;

	if (json_object_object_get_ex(from, key, &v))
		json_object_object_add(to, name, json_object_get(v));
}

/* ---- list-attached, --device ---- */

/* Candidate sockets: $AZS_DEVICE_SOCKET, BASE/device.sock, BASE/ * /channel.sock. */
static int candidates(char out[][PATH_MAX], int max)
{
	const char *env = getenv("AZS_DEVICE_SOCKET"), *xdg = getenv("XDG_RUNTIME_DIR");
	const char *base = getenv("AZS_RUNTIME_DIR");
	char bases[3][PATH_MAX];
	int nb = 0, n = 0;
	struct stat st;

	if (env && env[0] && !stat(env, &st) && S_ISSOCK(st.st_mode))
		snprintf(out[n++], PATH_MAX, "%s", env);
	if (base && base[0]) {
		snprintf(bases[nb++], PATH_MAX, "%s", base);
	} else {
		if (xdg && xdg[0] == '/')
			snprintf(bases[nb++], PATH_MAX, "%s/azsphere", xdg);
		snprintf(bases[nb++], PATH_MAX, "/run/azsphere");
		snprintf(bases[nb++], PATH_MAX, "/tmp/azsphere-%u", (unsigned)getuid());
	}
	for (int b = 0; b < nb; b++) {
		DIR *d = opendir(bases[b]);
		struct dirent *e;

		while (d && (e = readdir(d)) && n < max) {
			char path[PATH_MAX], real[PATH_MAX];
			bool dup = false;

			if (e->d_name[0] == '.')
				continue;
			if (!strcmp(e->d_name, "device.sock")) {
				if ((size_t)snprintf(path, sizeof(path), "%s/device.sock",
						     bases[b]) >= sizeof(path))
					continue;
			} else if ((size_t)snprintf(path, sizeof(path), "%s/%s/channel.sock",
						    bases[b], e->d_name) >= sizeof(path))
				continue;
			if (stat(path, &st) || !S_ISSOCK(st.st_mode) || !realpath(path, real))
				continue;
			for (int i = 0; i < n; i++) {
				char other[PATH_MAX];

				dup |= realpath(out[i], other) && !strcmp(other, real);
			}
			if (!dup)
				snprintf(out[n++], PATH_MAX, "%s", real);
		}
		if (d)
			closedir(d);
	}
	return n;
}

/* The devices that answer: [{"deviceId","connectionPath"}]. */
static json_object *attached(struct ctx *c)
{
	static char paths[32][PATH_MAX];
	int n = candidates(paths, 32);
	json_object *list = json_object_new_array();

	for (int i = 0; i < n; i++) {
		struct azs_call_opts o = {
			.hello_s = 3, .timeout_s = 5, .quiet = true, .debug = c->debug};
		json_object *resp = azs_call(paths[i], request("show-attached", NULL), &o), *e;

		info(c, "%s: %s", paths[i], resp ? "answers" : "no answer");
		if (!resp || !str(resp, "deviceIdentifier")) {
			json_object_put(resp);
			continue;
		}
		e = json_object_new_object();
		copy_field(e, "deviceId", resp, "deviceIdentifier");
		json_object_object_add(e, "connectionPath", json_object_new_string(paths[i]));
		json_object_array_add(list, e);
		json_object_put(resp);
	}
	return list;
}

static int find_socket(struct ctx *c)
{
	struct stat st;

	if (c->device && (strchr(c->device, '/') || !stat(c->device, &st))) {
		c->socket = c->device;
		return 0;
	}
	if (c->device) {
		/* A device ID: the attached device that has it. */
		json_object *list = attached(c);
		size_t len = strlen(c->device);

		for (size_t i = 0; i < json_object_array_length(list); i++) {
			json_object *e = json_object_array_get_idx(list, i);

			if (len >= 8 && !strncasecmp(str(e, "deviceId"), c->device, len)) {
				snprintf(c->found, sizeof(c->found), "%s",
					 str(e, "connectionPath"));
				c->socket = c->found;
			}
		}
		json_object_put(list);
		if (!c->socket)
			return fail("--device: no attached device has the ID '%s' (azsphere device "
				    "list-attached)",
				    c->device);
		return 0;
	}
	c->socket = azs_find_device("error: azsphere", NULL, c->found, sizeof(c->found));
	return c->socket ? 0 : EXIT_FAIL;
}

/* ---- verbs ---- */

static int v_show_attached(struct ctx *c)
{
	json_object *r = device(c, request("show-attached", NULL));

	if (!r)
		return EXIT_FAIL;
	c->result = json_object_new_object();
	copy_field(c->result, "deviceId", r, "deviceIdentifier");
	json_object_object_add(c->result, "connectionPath", json_object_new_string(c->socket));
	copy_field(c->result, "manufacturingState", r, "manufacturingState");
	json_object_put(r);
	return 0;
}

static int v_list_attached(struct ctx *c)
{
	c->result = attached(c);
	if (!json_object_array_length(c->result))
		set_text(c, "No devices are attached.");
	return 0;
}

static int v_rescan_attached(struct ctx *c)
{
	json_object *list = attached(c);
	size_t n = json_object_array_length(list);

	c->result = json_object_new_object();
	json_object_object_add(c->result, "count", json_object_new_int((int)n));
	json_object_object_add(c->result, "devices", list);
	set_text(c, "Found %zu attached device%s.", n, n == 1 ? "" : "s");
	return 0;
}

static int device_boot_id(struct ctx *c, int hello, char *out, size_t size)
{
	struct azs_call_opts o = {
		.hello_s = hello, .timeout_s = 5, .quiet = true, .debug = c->debug};
	json_object *r = azs_call(c->socket, request("show-attached", NULL), &o);

	out[0] = '\0';
	if (r && str(r, "bootId"))
		snprintf(out, size, "%s", str(r, "bootId"));
	json_object_put(r);
	return out[0] ? 0 : -1;
}

static int v_restart(struct ctx *c)
{
	char before[64], now[64];
	time_t deadline;
	json_object *r;

	if (find_socket(c))
		return EXIT_FAIL;
	if (device_boot_id(c, 30, before, sizeof(before)))
		return fail("the device does not answer at %s", c->socket);
	r = device(c, request("restart", NULL));
	if (!r)
		return EXIT_FAIL;
	json_object_put(r);
	if (!strcmp(c->format, "table"))
		printf("Restarting device. Please wait...\n");
	fflush(stdout);
	deadline = time(NULL) + 180;
	do {
		sleep(1);
		device_boot_id(c, 3, now, sizeof(now));
	} while ((!now[0] || !strcmp(now, before)) && time(NULL) < deadline);
	if (!now[0] || !strcmp(now, before))
		return fail("the device did not come back within 180 s");
	c->result = json_object_new_object();
	json_object_object_add(c->result, "restarted", json_object_new_boolean(1));
	json_object_object_add(c->result, "bootId", json_object_new_string(now));
	set_text(c, "Device restarted.");
	return 0;
}

static int v_mfg_show(struct ctx *c)
{
	c->result = device(c, request("manufacturing-state", NULL));
	return c->result ? 0 : EXIT_FAIL;
}

static int v_mfg_update(struct ctx *c)
{
	const char *s = arg(c, "state");

	if (strcmp(s, "Module1Complete") && strcmp(s, "DeviceComplete"))
		return usage_fail("--state: '%s' is not Module1Complete or DeviceComplete", s);
	c->result = device(c, request("manufacturing-state-update", "state", s, NULL));
	return c->result ? 0 : EXIT_FAIL;
}

/* The device's capabilities answer as the CLI shows it: names. */
static json_object *caps_result(struct ctx *c, json_object *r)
{
	json_object *o = json_object_new_object(), *names = json_object_new_array(), *v;

	if (json_object_object_get_ex(r, "device_capabilities", &v))
		for (size_t i = 0; i < json_object_array_length(v); i++) {
			int n = json_object_get_int(json_object_array_get_idx(v, i));

			json_object_array_add(names,
					      json_object_new_string(n > 0 && n < 64 && cap_names[n]
									     ? cap_names[n]
									     : "Unknown"));
		}
	if (!json_object_array_length(names)) {
		set_text(c, "No device capabilities.");
	} else {
		size_t len = 0;
		char *t;

		for (size_t i = 0; i < json_object_array_length(names); i++)
			len += strlen(json_object_get_string(json_object_array_get_idx(names, i))) +
			       1;
		t = calloc(1, len + 1);
		for (size_t i = 0; t && i < json_object_array_length(names); i++) {
			strcat(t, json_object_get_string(json_object_array_get_idx(names, i)));
			if (i + 1 < json_object_array_length(names))
				strcat(t, "\n");
		}
		free(c->text);
		c->text = t;
	}
	json_object_object_add(o, "deviceCapabilities", names);
	copy_field(o, "sequence", r, "sequence");
	json_object_put(r);
	return o;
}

static int v_cap_show(struct ctx *c)
{
	json_object *r = device(c, request("capabilities", NULL));

	if (!r)
		return EXIT_FAIL;
	c->result = caps_result(c, r);
	return 0;
}

static int cap_update_file(struct ctx *c, const char *path)
{
	char *hex = hex_file(path);
	json_object *r;

	if (!hex)
		return EXIT_FAIL;
	r = device_ex(c, request("capability-update", "file", hex, NULL), 0);
	free(hex);
	if (!r)
		return EXIT_FAIL;
	c->result = caps_result(c, r);
	return 0;
}

static int v_cap_update(struct ctx *c)
{
	return cap_update_file(c, arg(c, "capability-file"));
}

/* The build's (or $AZS_SECURITY_SERVICE) Security Service, found beside this program. */
static const char *security_service(char *buf, size_t size)
{
	const char *service = getenv("AZS_SECURITY_SERVICE");
	char exe[PATH_MAX], *slash;
	ssize_t len;

	if (service)
		return service;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (!fmt(buf, size, "%s/../security-service/azs-security-service", exe) &&
			    !access(buf, X_OK))
				return buf;
			if (!fmt(buf, size, "%s/azs-security-service", exe) && !access(buf, X_OK))
				return buf;
		}
	}
	return "azs-security-service";
}

/*
 * The Security Service issues CAP (appDevelopment or fieldServicing) for
 * device ID with SEQ into OUT. 0 or 1 after a message.
 */
static int issue_capability(const char *keys, const char *id, const char *cap, long long seq,
			    const char *out)
{
	char sbuf[PATH_MAX], seqs[32];
	const char *service = security_service(sbuf, sizeof(sbuf));
	const char *argv[16];
	int n = 0, status;
	pid_t pid;

	snprintf(seqs, sizeof(seqs), "%lld", seq);
	argv[n++] = service;
	argv[n++] = "issue-capability";
	if (keys) {
		argv[n++] = "--key-store";
		argv[n++] = keys;
	}
	argv[n++] = "--device-id";
	argv[n++] = id;
	argv[n++] = "--capability";
	argv[n++] = cap;
	argv[n++] = "--sequence";
	argv[n++] = seqs;
	argv[n++] = "--out";
	argv[n++] = out;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		execvp(service, (char **)argv);
		fprintf(stderr, "error: cannot run the Security Service %s: %s\n", service,
			strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return fail("the Security Service did not issue the capability");
	return 0;
}

/* The attached device's ID and its capability file's sequence number. */
static int device_id_seq(struct ctx *c, char *id, size_t size, long long *seq)
{
	json_object *r = device(c, request("show-attached", NULL)), *v;

	if (!r)
		return EXIT_FAIL;
	snprintf(id, size, "%s", str(r, "deviceIdentifier") ? str(r, "deviceIdentifier") : "");
	json_object_put(r);
	r = device(c, request("capabilities", NULL));
	if (!r)
		return EXIT_FAIL;
	*seq = json_object_object_get_ex(r, "sequence", &v) ? json_object_get_int64(v) : 0;
	json_object_put(r);
	return id[0] ? 0 : fail("the device did not say its ID");
}

static int v_cap_download(struct ctx *c)
{
	const char *type = arg(c, "type"), *out = arg(c, "output-file");
	const char *cap = !strcmp(type, "appDevelopment")   ? "appDevelopment"
			  : !strcmp(type, "fieldServicing") ? "fieldServicing"
							    : NULL;
	char id[160], path[PATH_MAX];
	long long seq;

	if (!cap)
		return usage_fail("--type: '%s' is not appDevelopment or fieldServicing", type);
	if (device_id_seq(c, id, sizeof(id), &seq))
		return EXIT_FAIL;
	if (!out) {
		snprintf(path, sizeof(path), "%s.cap", cap);
		out = path;
	}
	if (issue_capability(arg(c, "key-store"), id, cap, seq + 1, out))
		return EXIT_FAIL;
	c->result = json_object_new_object();
	json_object_object_add(c->result, "deviceId", json_object_new_string(id));
	json_object_object_add(c->result, "capability", json_object_new_string(cap));
	json_object_object_add(c->result, "outputFile", json_object_new_string(out));
	set_text(c, "The %s capability file for device %.16s... is saved as '%s'.", cap, id, out);
	return 0;
}

static int v_enable_development(struct ctx *c)
{
	char id[160], path[] = "/tmp/azsphere-cap-XXXXXX";
	long long seq;
	int fd, ret;

	if (device_id_seq(c, id, sizeof(id), &seq))
		return EXIT_FAIL;
	fd = mkstemp(path);
	if (fd < 0)
		return fail("cannot make a temporary file: %s", strerror(errno));
	close(fd);
	ret = issue_capability(arg(c, "key-store"), id, "appDevelopment", seq + 1, path);
	if (!ret)
		ret = cap_update_file(c, path);
	unlink(path);
	if (!ret)
		set_text(c, "Development is enabled: the device has appDevelopment.");
	return ret;
}

static int v_enable_cloud_test(struct ctx *c)
{
	json_object *r = device(c, request("capability-clear", NULL));

	if (!r)
		return EXIT_FAIL;
	c->result = caps_result(c, r);
	return 0;
}

static int v_sideload_deploy(struct ctx *c)
{
	char *hex = hex_file(arg(c, "image-package"));
	json_object *req, *r;

	if (!hex)
		return EXIT_FAIL;
	req = request("sideload-deploy", "package", hex, NULL);
	free(hex);
	if (flag(c, "manual-start"))
		json_object_object_add(req, "manualStart", json_object_new_boolean(1));
	r = device_ex(c, req, 180);
	if (!r)
		return EXIT_FAIL;
	c->result = json_object_new_object();
	copy_field(c->result, "componentId", r, "cid");
	copy_field(c->result, "update", r, "update");
	copy_field(c->result, "restartingSystem", r, "reboot");
	copy_field(c->result, "state", r, "state");
	json_object_put(r);
	return 0;
}

static int v_sideload_delete(struct ctx *c)
{
	json_object *r =
		device(c, request("sideload-delete", "componentId", arg(c, "component-id"), NULL));

	if (!r)
		return EXIT_FAIL;
	c->result = json_object_new_object();
	json_object_object_add(c->result, "componentId",
			       json_object_new_string(arg(c, "component-id")));
	copy_field(c->result, "restartingSystem", r, "reboot");
	if (!json_object_object_get_ex(c->result, "restartingSystem", NULL))
		json_object_object_add(c->result, "restartingSystem", json_object_new_boolean(0));
	json_object_put(r);
	return 0;
}

/* One app as the CLI shows it, from the application manager's entry. */
static json_object *app_entry(json_object *a)
{
	json_object *o = json_object_new_object();

	copy_field(o, "componentId", a, "cid");
	copy_field(o, "name", a, "name");
	copy_field(o, "state", a, "state");
	copy_field(o, "pid", a, "pid");
	copy_field(o, "restarts", a, "restarts");
	copy_field(o, "exitStatus", a, "exitStatus");
	copy_field(o, "signal", a, "signal");
	copy_field(o, "reason", a, "why");
	return o;
}

/* The installed apps ([] of app_entry()), filtered by --component-id if given. */
static json_object *apps(struct ctx *c, bool *found)
{
	json_object *r = device(c, request("app-status", NULL)), *list, *out;
	const char *cid = arg(c, "component-id");

	*found = false;
	if (!r)
		return NULL;
	out = json_object_new_array();
	if (json_object_object_get_ex(r, "apps", &list))
		for (size_t i = 0; i < json_object_array_length(list); i++) {
			json_object *a = json_object_array_get_idx(list, i);

			if (cid && strcasecmp(str(a, "cid") ? str(a, "cid") : "", cid))
				continue;
			*found = true;
			json_object_array_add(out, app_entry(a));
		}
	json_object_put(r);
	return out;
}

static int v_app_show_status(struct ctx *c)
{
	bool found;

	c->result = apps(c, &found);
	if (!c->result)
		return EXIT_FAIL;
	if (arg(c, "component-id") && !found)
		return fail("no application with component ID %s is installed",
			    arg(c, "component-id"));
	if (!found)
		set_text(c, "No applications are installed.");
	return 0;
}

static int v_image_list_installed(struct ctx *c)
{
	json_object *r = device(c, request("image-list", NULL)), *list;

	if (!r)
		return EXIT_FAIL;
	c->result = json_object_new_array();
	if (json_object_object_get_ex(r, "images", &list))
		for (size_t i = 0; i < json_object_array_length(list); i++) {
			json_object *a = json_object_array_get_idx(list, i), *o;

			o = json_object_new_object();
			copy_field(o, "name", a, "name");
			copy_field(o, "componentId", a, "cid");
			copy_field(o, "imageId", a, "imageId");
			copy_field(o, "imageType", a, "imageType");
			copy_field(o, "lengthInBytes", a, "lengthInBytes");
			copy_field(o, "signer", a, "signer");
			json_object_array_add(c->result, o);
		}
	if (!json_object_array_length(c->result))
		set_text(c, "No images are installed.");
	json_object_put(r);
	return 0;
}

static int v_image_list_targeted(struct ctx *c)
{
	json_object *r = device(c, request("image-list", NULL)), *list;

	if (!r)
		return EXIT_FAIL;
	/* What the last cloud deployment targets this device with. */
	c->result = json_object_new_array();
	if (json_object_object_get_ex(r, "targeted", &list))
		for (size_t i = 0; i < json_object_array_length(list); i++)
			json_object_array_add(c->result,
					      json_object_get(json_object_array_get_idx(list, i)));
	if (!json_object_array_length(c->result))
		set_text(c, "No images are targeted at this device (no cloud deployment applied, "
			    "or the last one targets none).");
	json_object_put(r);
	return 0;
}

static int v_app_startstop(struct ctx *c, bool start)
{
	const char *cid = arg(c, "component-id");
	json_object *req, *r;

	req = request(start ? "app-start" : "app-stop", "componentId", cid, NULL);
	if (start && flag(c, "debug-mode"))
		json_object_object_add(req, "debug", json_object_new_boolean(1));
	r = device(c, req);
	if (!r)
		return EXIT_FAIL;
	json_object_put(r);
	/* As the real CLI: the app's state after the change. */
	{
		bool found;
		json_object *list = apps(c, &found);

		if (!list)
			return EXIT_FAIL;
		c->result = found ? json_object_get(json_object_array_get_idx(list, 0))
				  : json_object_new_object();
		json_object_put(list);
	}
	if (start && flag(c, "debug-mode"))
		/* No port: the stream goes through the host channel (debug-bridge). */
		json_object_object_add(
			c->result, "gdbTarget",
			json_object_new_string("target remote | azsphere device app debug-bridge"));
	return 0;
}

/*
 * gdb's remote target: "target remote | azsphere device app debug-bridge".
 * Relays stdin (gdb's remote protocol) to the device's debug-mode gdbserver
 * through the host channel ("debug-io", azs-gatewayd) and its answers to
 * stdout; polls with empty data while the app runs. Ends when gdb closes
 * the pipe or gdbserver exits.
 */
static int v_app_debug_bridge(struct ctx *c)
{
	static char in[16384];
	static char hex[2 * sizeof(in) + 1], out[65536];
	bool eof = false;

	while (!eof) {
		struct pollfd p = {.fd = 0, .events = POLLIN};
		json_object *req, *r, *v;
		const char *data;
		ssize_t n = 0;
		size_t len;

		if (poll(&p, 1, 50) > 0) {
			n = read(0, in, sizeof(in));
			if (n <= 0)
				eof = true;
		}
		for (ssize_t i = 0; i < n; i++)
			snprintf(hex + 2 * i, 3, "%02x", (unsigned char)in[i]);
		hex[2 * (n > 0 ? n : 0)] = '\0';
		req = request("debug-io", "data", hex, NULL);
		r = device(c, req);
		if (!r)
			return EXIT_FAIL;
		data = str(r, "data");
		len = data ? strlen(data) / 2 : 0;
		if (len > sizeof(out))
			len = sizeof(out); /* the gateway sends at most 64 KiB */
		for (size_t i = 0; i < len; i++) {
			unsigned int b;

			if (sscanf(data + 2 * i, "%2x", &b) != 1) {
				len = i;
				break;
			}
			out[i] = (char)b;
		}
		if (len && write(1, out, len) != (ssize_t)len)
			eof = true;
		if (json_object_object_get_ex(r, "closed", &v) && json_object_get_boolean(v))
			eof = true;
		json_object_put(r);
	}
	return 0;
}

static int v_app_start(struct ctx *c)
{
	return v_app_startstop(c, true);
}

static int v_app_stop(struct ctx *c)
{
	return v_app_startstop(c, false);
}

static int v_app_show_logs(struct ctx *c)
{
	json_object *r =
		device(c, request("app-logs", "componentId", arg(c, "component-id"), NULL));

	if (!r)
		return EXIT_FAIL;
	c->result = json_object_new_object();
	json_object_object_add(c->result, "componentId",
			       json_object_new_string(arg(c, "component-id")));
	copy_field(c->result, "exitStatus", r, "exitStatus");
	copy_field(c->result, "signal", r, "signal");
	copy_field(c->result, "seccompDenied", r, "seccompDenied");
	copy_field(c->result, "peakMemoryBytes", r, "peakMemoryBytes");
	copy_field(c->result, "log", r, "log");
	{
		/* The log, then what a developer needs after a crash. */
		char exit_text[64] = "", deny[256] = "";
		json_object *v;

		if (json_object_object_get_ex(r, "signal", &v))
			snprintf(exit_text, sizeof(exit_text), "killed by %s",
				 json_object_get_string(v));
		else if (json_object_object_get_ex(r, "exitStatus", &v))
			snprintf(exit_text, sizeof(exit_text), "exit status %d",
				 json_object_get_int(v));
		if (json_object_object_get_ex(r, "seccompDenied", &v))
			for (size_t i = 0; i < json_object_array_length(v); i++)
				snprintf(deny + strlen(deny), sizeof(deny) - strlen(deny), "%s%s",
					 i ? ", " : "",
					 json_object_get_string(json_object_array_get_idx(v, i)));
		set_text(c, "%s%s--\nLast exit: %s. Peak memory: %lld bytes. Seccomp denied: %s.",
			 str(r, "log") ? str(r, "log") : "",
			 str(r, "log") && str(r, "log")[0] &&
					 str(r, "log")[strlen(str(r, "log")) - 1] != '\n'
				 ? "\n"
				 : "",
			 exit_text[0] ? exit_text : "none yet",
			 json_object_object_get_ex(r, "peakMemoryBytes", &v)
				 ? (long long)json_object_get_int64(v)
				 : 0LL,
			 deny[0] ? deny : "nothing");
	}
	json_object_put(r);
	return 0;
}

/* app-stats: the per-app memory and storage figures of the application manager. */
static json_object *app_stats(struct ctx *c)
{
	json_object *r =
		device(c, request("app-stats", "componentId", arg(c, "component-id"), NULL));
	json_object *list;

	if (!r)
		return NULL;
	if (!json_object_object_get_ex(r, "apps", &list)) {
		json_object_put(r);
		fail("the device did not give app statistics");
		return NULL;
	}
	json_object_get(list);
	json_object_put(r);
	return list;
}

static int v_app_show_quota(struct ctx *c)
{
	json_object *list = app_stats(c), *a;

	if (!list)
		return EXIT_FAIL;
	if (!json_object_array_length(list)) {
		json_object_put(list);
		return fail("no application with component ID %s is installed",
			    arg(c, "component-id"));
	}
	a = json_object_array_get_idx(list, 0);
	c->result = json_object_new_object();
	copy_field(c->result, "componentId", a, "cid");
	copy_field(c->result, "usageKB", a, "storageUsageKB");
	copy_field(c->result, "limitKB", a, "storageLimitKB");
	/* No MutableStorage: no quota. */
	if (!json_object_object_get_ex(c->result, "limitKB", NULL)) {
		json_object_object_add(c->result, "usageKB", json_object_new_int(0));
		json_object_object_add(c->result, "limitKB", json_object_new_int(0));
	}
	json_object_put(list);
	return 0;
}

static int v_app_show_memory_stats(struct ctx *c)
{
	json_object *list = app_stats(c);

	if (!list)
		return EXIT_FAIL;
	c->result = json_object_new_array();
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *a = json_object_array_get_idx(list, i), *o = json_object_new_object();

		copy_field(o, "componentId", a, "cid");
		copy_field(o, "state", a, "state");
		copy_field(o, "currentMemoryUsageInBytes", a, "memoryBytes");
		copy_field(o, "peakUserModeMemoryUsageInBytes", a, "peakMemoryBytes");
		copy_field(o, "memoryLimitInBytes", a, "memoryLimitBytes");
		json_object_array_add(c->result, o);
	}
	json_object_put(list);
	return 0;
}

static int v_show_os_version(struct ctx *c)
{
	json_object *r = device(c, request("os-version", NULL));

	if (!r)
		return EXIT_FAIL;
	c->result = json_object_new_object();
	copy_field(c->result, "osVersion", r, "osVersion");
	copy_field(c->result, "kernelVersion", r, "kernel");
	json_object_put(r);
	return 0;
}

static int v_show_deployment_status(struct ctx *c)
{
	json_object *os = device(c, request("os-version", NULL)), *img, *t;
	const char *ver;

	if (!os)
		return EXIT_FAIL;
	img = device(c, request("image-list", NULL));
	if (!img) {
		json_object_put(os);
		return EXIT_FAIL;
	}
	ver = str(os, "osVersion");
	c->result = json_object_new_object();
	json_object_object_add(c->result, "currentOsVersion", json_object_new_string(ver));
	copy_field(c->result, "lastDeployment", img, "lastDeployment");
	json_object_object_add(c->result, "targetedImages",
			       json_object_new_int(json_object_object_get_ex(img, "targeted", &t)
							   ? (int)json_object_array_length(t)
							   : 0));
	set_text(c, "Your device is running Azure Sphere OS version %s.\n%s", ver,
		 str(img, "lastDeployment")
			 ? "The last cloud deployment it applied is shown with --output json."
			 : "It has not applied a cloud deployment.");
	json_object_put(os);
	json_object_put(img);
	return 0;
}

/* A device op whose answer is shown as is, with REQ built from options. */
static int pass(struct ctx *c, json_object *req, const char *list_key)
{
	json_object *r = device(c, req), *v;

	if (!r)
		return EXIT_FAIL;
	if (list_key && json_object_object_get_ex(r, list_key, &v)) {
		c->result = json_object_get(v);
		json_object_put(r);
	} else {
		c->result = r;
	}
	return 0;
}

static int v_net_show_status(struct ctx *c)
{
	return pass(c, request("net-status", NULL), NULL);
}

static int v_net_list_interfaces(struct ctx *c)
{
	return pass(c, request("net-interfaces", NULL), "interfaces");
}

static int v_net_enable(struct ctx *c)
{
	return pass(c, request("net-set", "interface", arg(c, "interface"), "state", "up", NULL),
		    NULL);
}

static int v_net_disable(struct ctx *c)
{
	return pass(c, request("net-set", "interface", arg(c, "interface"), "state", "down", NULL),
		    NULL);
}

static int v_net_proxy_show(struct ctx *c)
{
	return pass(c, request("proxy-show", NULL), "proxy");
}

/* The device checks every value (as an app's Networking_Proxy_Apply); here only the flags. */
static int v_net_proxy_apply(struct ctx *c)
{
	const char *port = arg(c, "port");
	char none[512] = "";
	int i = 0;
	char *end;
	long p;

	if (flag(c, "enable") && flag(c, "disable"))
		return usage_fail("--enable and --disable: give one of them");
	if (port) {
		p = strtol(port, &end, 10);
		if (!port[0] || *end || p < 1 || p > 65535)
			return usage_fail("--port: '%s' is not a port number (1 to 65535)", port);
	}
	while (c->cmd->opts[i].name && strcmp(c->cmd->opts[i].name, "no-proxy-addresses"))
		i++;
	for (int k = 0; c->cmd->opts[i].name && k < c->nvalues[i]; k++) {
		if (strlen(none) + strlen(c->values[i][k]) + 2 > sizeof(none))
			return usage_fail("--no-proxy-addresses: longer than 255 characters");
		if (none[0])
			strcat(none, ",");
		strcat(none, c->values[i][k]);
	}
	return pass(c,
		    request("proxy-apply", "address", arg(c, "address"), "port", port,
			    "authentication", arg(c, "authentication"), "username",
			    arg(c, "username"), "password", arg(c, "password"), "noProxyAddresses",
			    none[0] ? none : NULL, "enabled", flag(c, "disable") ? "false" : "true",
			    NULL),
		    "proxy");
}

static int v_net_proxy_delete(struct ctx *c)
{
	return pass(c, request("proxy-delete", NULL), NULL);
}

static int v_wifi_list(struct ctx *c)
{
	return pass(c, request("wifi-list", NULL), "networks");
}

static int v_wifi_add(struct ctx *c)
{
	return pass(c,
		    request("wifi-add", "ssid", arg(c, "ssid"), "psk", arg(c, "psk"), "configName",
			    arg(c, "config-name"), NULL),
		    "networks");
}

static int need_id(struct ctx *c)
{
	const char *id = arg(c, "id");
	char *end;
	long v = strtol(id, &end, 10);

	if (!id[0] || *end || v < 0 || v > 36)
		return usage_fail("--id: '%s' is not a network ID (wifi list shows them)", id);
	return 0;
}

static int v_wifi_remove(struct ctx *c)
{
	json_object *req;

	if (need_id(c))
		return EXIT_USAGE;
	req = request("wifi-remove", NULL);
	json_object_object_add(req, "networkId", json_object_new_int(atoi(arg(c, "id"))));
	return pass(c, req, "networks");
}

static int v_wifi_scan(struct ctx *c)
{
	int ret = pass(c, request("wifi-scan", NULL), "networks");

	if (!ret && json_object_is_type(c->result, json_type_array) &&
	    !json_object_array_length(c->result))
		set_text(c, "No Wi-Fi networks are in range.");
	return ret;
}

static int v_wifi_show_status(struct ctx *c)
{
	return pass(c, request("wifi-status", NULL), NULL);
}

static int wifi_set(struct ctx *c, bool enabled)
{
	json_object *req;

	if (need_id(c))
		return EXIT_USAGE;
	req = request("wifi-set", NULL);
	json_object_object_add(req, "networkId", json_object_new_int(atoi(arg(c, "id"))));
	json_object_object_add(req, "enabled", json_object_new_boolean(enabled));
	return pass(c, req, "networks");
}

static int v_wifi_enable(struct ctx *c)
{
	return wifi_set(c, true);
}

static int v_wifi_disable(struct ctx *c)
{
	return wifi_set(c, false);
}

/* A PEM file's text: printable ASCII and line ends, at most 8 KiB. NULL after a message. */
static char *pem_file(const char *path)
{
	char *text = calloc(1, 8193);
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f || !text) {
		fail("%s: %s", path, strerror(errno));
		free(text);
		if (f)
			fclose(f);
		return NULL;
	}
	n = fread(text, 1, 8193, f);
	fclose(f);
	if (n == 0 || n > 8192) {
		fail("%s: a PEM file of 1 byte to 8 KiB is needed", path);
		free(text);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if ((text[i] < 0x20 || text[i] > 0x7e) && text[i] != '\n' && text[i] != '\r') {
			fail("%s: not a PEM file (byte %zu is not text)", path, i);
			free(text);
			return NULL;
		}
	return text;
}

static int v_cert_add(struct ctx *c)
{
	const char *type = arg(c, "cert-type");
	char *pub, *priv = NULL;
	json_object *req;

	if (strcmp(type, "rootca") && strcmp(type, "client"))
		return usage_fail("--cert-type: '%s' is not rootca or client", type);
	if (!strcmp(type, "client") && !arg(c, "private-key-file"))
		return usage_fail("--cert-type client needs --private-key-file");
	pub = pem_file(arg(c, "public-key-file"));
	if (!pub)
		return EXIT_FAIL;
	if (arg(c, "private-key-file") && !(priv = pem_file(arg(c, "private-key-file")))) {
		free(pub);
		return EXIT_FAIL;
	}
	req = request("cert-add", "certId", arg(c, "cert-id"), "certType", type, "cert", pub, "key",
		      priv, "password", arg(c, "private-key-password"), NULL);
	free(pub);
	free(priv);
	return pass(c, req, "certificate");
}

static int v_cert_list(struct ctx *c)
{
	json_object *r = device(c, request("cert-list", NULL)), *ids;

	if (!r)
		return EXIT_FAIL;
	c->result = json_object_new_array();
	if (json_object_object_get_ex(r, "certificates", &ids))
		for (size_t i = 0; i < json_object_array_length(ids); i++) {
			json_object *e = json_object_new_object();

			json_object_object_add(e, "id",
					       json_object_get(json_object_array_get_idx(ids, i)));
			json_object_array_add(c->result, e);
		}
	if (!json_object_array_length(c->result))
		set_text(c, "No certificates are stored.");
	json_object_put(r);
	return 0;
}

static int v_cert_show(struct ctx *c)
{
	return pass(c, request("cert-show", "certId", arg(c, "cert-id"), NULL), "certificate");
}

static int v_cert_delete(struct ctx *c)
{
	json_object *r = device(c, request("cert-delete", "certId", arg(c, "cert-id"), NULL));

	if (!r)
		return EXIT_FAIL;
	json_object_put(r);
	c->result = json_object_new_object();
	json_object_object_add(c->result, "id", json_object_new_string(arg(c, "cert-id")));
	json_object_object_add(c->result, "deleted", json_object_new_boolean(1));
	return 0;
}

static int v_cert_show_quota(struct ctx *c)
{
	return pass(c, request("cert-quota", NULL), NULL);
}

static int v_recover(struct ctx *c)
{
	const char *dir = arg(c, "images"), *capf = arg(c, "capability");
	char path[PATH_MAX], before[64], now[64];
	char *hex, *cap = NULL;
	json_object *req, *r;
	time_t deadline;

	if (!dir)
		return usage_fail("--images: the recovery image folder is needed (the SDK's "
				  "recovery image: build/<arch>/device/recovery)");
	snprintf(path, sizeof(path), "%s/recovery.azsr", dir);
	/* Both files are read before anything is sent. */
	hex = hex_file(path);
	if (!hex)
		return EXIT_FAIL;
	if (capf && !(cap = hex_file(capf))) {
		free(hex);
		return EXIT_FAIL;
	}
	if (find_socket(c) || device_boot_id(c, 30, before, sizeof(before))) {
		free(hex);
		free(cap);
		return c->socket ? fail("the device does not answer at %s", c->socket) : EXIT_FAIL;
	}
	req = request("recover", "image", hex, NULL);
	free(hex);
	/* The device verifies the image before it changes anything, then reboots. */
	r = device_ex(c, req, 300);
	if (!r) {
		free(cap);
		return EXIT_FAIL;
	}
	json_object_put(r);
	if (!strcmp(c->format, "table"))
		printf("Recovering the device: re-flashing and restarting. Please wait...\n");
	fflush(stdout);
	deadline = time(NULL) + 300;
	do {
		sleep(1);
		device_boot_id(c, 3, now, sizeof(now));
	} while ((!now[0] || !strcmp(now, before)) && time(NULL) < deadline);
	if (!now[0] || !strcmp(now, before)) {
		free(cap);
		return fail("the device did not come back within 300 s");
	}
	c->result = json_object_new_object();
	json_object_object_add(c->result, "recovered", json_object_new_boolean(1));
	json_object_object_add(c->result, "bootId", json_object_new_string(now));
	if (cap) {
		req = json_object_new_object();
		json_object_object_add(req, "op", json_object_new_string("capability-update"));
		json_object_object_add(req, "file", json_object_new_string(cap));
		free(cap);
		r = device(c, req);
		if (!r)
			return fail("the device was recovered, but the capability file was refused");
		json_object_put(r);
		json_object_object_add(c->result, "capabilityApplied",
				       json_object_new_boolean(1));
	}
	set_text(c, "Device recovered.");
	return 0;
}

/* get-support-data: what the device says about itself, in one file. */
static int v_get_support_data(struct ctx *c)
{
	static const char *const ops[][2] = {
		{"show-attached", "device"},      {"os-version", "osVersion"},
		{"capabilities", "capabilities"}, {"manufacturing-state", "manufacturingState"},
		{"app-status", "apps"},           {"app-stats", "appStats"},
		{"net-status", "network"},        {"support-data", "platform"},
	};
	const char *dest = arg(c, "destination");
	json_object *all = json_object_new_object(), *apps_r = NULL, *logs;
	const char *text;
	int got = 0;

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		struct azs_call_opts o = {.quiet = true, .debug = c->debug};
		json_object *r;

		if (!c->socket && find_socket(c)) {
			json_object_put(all);
			return EXIT_FAIL;
		}
		r = azs_call(c->socket, request(ops[i][0], NULL), &o);
		if (!r) {
			json_object_object_add(all, ops[i][1],
					       json_object_new_string("no answer from the device"));
			continue;
		}
		got++;
		if (!strcmp(ops[i][0], "app-status"))
			apps_r = json_object_get(r);
		json_object_object_add(all, ops[i][1], r);
	}
	if (!got) {
		json_object_put(all);
		return fail("the device at %s does not answer", c->socket);
	}
	/* Each app's log and last exit, as show-logs gives them (with appDevelopment). */
	logs = json_object_new_object();
	if (apps_r) {
		json_object *list;

		if (json_object_object_get_ex(apps_r, "apps", &list))
			for (size_t i = 0; i < json_object_array_length(list); i++) {
				const char *cid = str(json_object_array_get_idx(list, i), "cid");
				struct azs_call_opts o = {.quiet = true, .debug = c->debug};
				json_object *r;

				if (!cid)
					continue;
				r = azs_call(c->socket,
					     request("app-logs", "componentId", cid, NULL), &o);
				if (r)
					json_object_object_add(logs, cid, r);
			}
		json_object_put(apps_r);
	}
	json_object_object_add(all, "appLogs", logs);
	json_object_object_add(all, "collected", json_object_new_int64((int64_t)time(NULL)));
	text = json_object_to_json_string_ext(all, JSON_C_TO_STRING_PRETTY);
	if (write_file(dest, text, strlen(text), 0600)) {
		json_object_put(all);
		return EXIT_FAIL;
	}
	json_object_put(all);
	c->result = json_object_new_object();
	json_object_object_add(c->result, "destination", json_object_new_string(dest));
	set_text(c, "Support data written to '%s'.", dest);
	return 0;
}

/* ---- image-package, hardware-definition: the SDK's tools beside this program ---- */

/* PROG beside this program (the SDK's Tools/) or in the build tree (../SUB/PROG). */
static int tool_path(const char *sub, const char *prog, char *out, size_t size)
{
	char exe[PATH_MAX], *slash;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (len <= 0)
		return -1;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	if (!fmt(out, size, "%s/%s", exe, prog) && !access(out, X_OK))
		return 0;
	if (!fmt(out, size, "%s/../%s/%s", exe, sub, prog) && !access(out, X_OK))
		return 0;
	return -1;
}

/* The SDK's signing keys: ../Keys beside Tools/, or the build tree's SDK. */
static int sdk_keys(char *out, size_t size)
{
	char exe[PATH_MAX], *slash, probe[PATH_MAX + 16];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	static const char *const rel[] = {"../Keys", "../../../sdk/Keys"};
	/* Tools/ -> ../Keys; build/A/cmake/tools/device-cli -> build/A/sdk/Keys. */

	if (len <= 0)
		return -1;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		if (!fmt(out, size, "%s/%s", exe, rel[i]) &&
		    !fmt(probe, sizeof(probe), "%s/sdk.key.pem", out) && !access(probe, R_OK))
			return 0;
	}
	return -1;
}

/*
 * Run the tool PROG VERB with the options given, renamed where ours are the
 * real CLI's (RENAME: pairs of our name, the tool's; NULL-terminated).
 * Its output and exit status are ours.
 */
static int run_tool(struct ctx *c, const char *sub, const char *prog, const char *verb,
		    const char *const *rename, const char *const *extra)
{
	char path[PATH_MAX], optbuf[MAX_OPTS][80];
	const char *argv[2 * MAX_OPTS * 4 + 8];
	int n = 0, status;
	pid_t pid;

	if (tool_path(sub, prog, path, sizeof(path)))
		return fail("the SDK tool %s is not beside azsphere", prog);
	argv[n++] = path;
	argv[n++] = verb;
	for (int i = 0; i < MAX_OPTS && c->cmd->opts[i].name; i++) {
		const char *name = c->cmd->opts[i].name;

		for (int k = 0; rename && rename[k]; k += 2)
			if (!strcmp(rename[k], name))
				name = rename[k + 1];
		snprintf(optbuf[i], sizeof(optbuf[i]), "--%s", name);
		for (int k = 0; k < c->nvalues[i] && n < (int)(sizeof(argv) / sizeof(argv[0])) - 6;
		     k++) {
			argv[n++] = optbuf[i];
			if (c->cmd->opts[i].flags & V)
				argv[n++] = c->values[i][k];
		}
	}
	for (int k = 0; extra && extra[k]; k++)
		argv[n++] = extra[k];
	argv[n] = NULL;
	if (c->debug) {
		fputs("info: running", stderr);
		for (int k = 0; k < n; k++)
			fprintf(stderr, " %s", argv[k]);
		fputc('\n', stderr);
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execv(path, (char **)argv);
		fprintf(stderr, "error: cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return fail("cannot run %s", path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAIL;
}

static int v_pack_application(struct ctx *c)
{
	static const char *const rename[] = {"package-directory", "input", "output-file",
					     "destination", NULL};
	char keys[PATH_MAX];
	const char *extra[3] = {NULL};
	int ret;

	if (!arg(c, "destination") == !arg(c, "output-file"))
		return usage_fail(
			"pack-application needs --destination FILE (or --output-file FILE)");
	if (!arg(c, "keys")) {
		/* The SDK's own keys, as the real SDK signs with its test key. */
		if (sdk_keys(keys, sizeof(keys)))
			return fail("the SDK's keys (Keys/sdk.key.pem beside Tools/) are missing; "
				    "name a key directory with --keys");
		extra[0] = "--keys";
		extra[1] = keys;
	}
	ret = run_tool(c, "image-package", "image-package", "pack-application", rename, extra);
	c->text = NULL;
	return ret;
}

static int v_image_package_show(struct ctx *c)
{
	return run_tool(c, "image-package", "image-package", "show", NULL, NULL);
}

static int v_hwdef_generate(struct ctx *c)
{
	return run_tool(c, "hardware-definition", "azs-hardware-definition", "generate-header",
			NULL, NULL);
}

static int v_hwdef_test(struct ctx *c)
{
	return run_tool(c, "hardware-definition", "azs-hardware-definition", "test-header", NULL,
			NULL);
}

/* ---- the command tree ---- */

#define CID_REQ                                                                                    \
	{                                                                                          \
		"component-id", 'i', V | REQ, "the app's component ID (a GUID)"                    \
	}
#define CID_OPT                                                                                    \
	{                                                                                          \
		"component-id", 'i', V, "only this app (its component ID)"                         \
	}

static const struct cmd commands[] = {
	{"device show-attached",
	 v_show_attached,
	 "Show the attached device's ID and connection.",
	 {{0}}},
	{"device list-attached",
	 v_list_attached,
	 "List the devices attached to this computer.",
	 {{0}}},
	{"device rescan-attached",
	 v_rescan_attached,
	 "Look for attached devices again and count them.",
	 {{0}}},
	{"device restart", v_restart, "Restart the device and wait until it is back.", {{0}}},
	{"device show-os-version", v_show_os_version, "Show the device's OS version.", {{0}}},
	{"device show-deployment-status",
	 v_show_deployment_status,
	 "Show the OS version and what cloud deployment the device applied.",
	 {{0}}},
	{"device enable-development",
	 v_enable_development,
	 "Obtain appDevelopment for the device from the Security Service and apply it.",
	 {{"key-store", 0, V, "the Security Service's key store (default: its own)"}}},
	{"device enable-cloud-test",
	 v_enable_cloud_test,
	 "Remove appDevelopment: the device takes cloud updates again.",
	 {{0}}},
	{"device recover",
	 v_recover,
	 "Re-flash the platform from a signed recovery image (docs/device.md, Recovery).",
	 {{"images", 0, V, "the folder with the recovery image (recovery.azsr)"},
	  {"capability", 'c', V, "a capability file to apply after the recovery"}}},
	{"device manufacturing-state show", v_mfg_show, "Show the manufacturing state.", {{0}}},
	{"device manufacturing-state update",
	 v_mfg_update,
	 "Move the manufacturing state forward.",
	 {{"state", 's', V | REQ, "Module1Complete or DeviceComplete"}}},
	{"device capability show-attached", v_cap_show, "Show the device's capabilities.", {{0}}},
	{"device capability update",
	 v_cap_update,
	 "Apply a signed capability file.",
	 {{"capability-file", 'f', V | REQ, "the capability file"}}},
	{"device capability download",
	 v_cap_download,
	 "Obtain a signed capability file for the device from the Security Service.",
	 {{"type", 't', V | REQ, "appDevelopment or fieldServicing"},
	  {"output-file", 0, V, "where to save it (default: TYPE.cap)"},
	  {"key-store", 0, V, "the Security Service's key store"}}},
	{"device sideload deploy",
	 v_sideload_deploy,
	 "Install a signed image package and start it.",
	 {{"image-package", 'p', V | REQ, "the image package"},
	  {"manual-start", 'm', 0, "do not start the app after installing it"},
	  {"force", 0, 0,
	   "accepted as the real CLI's: a sideload always replaces what is installed"}}},
	{"device sideload delete", v_sideload_delete, "Remove an app.", {CID_REQ}},
	{"device app start",
	 v_app_start,
	 "Start an app.",
	 {CID_REQ,
	  {"debug-mode", 0, 0, "start it stopped under gdbserver (needs appDevelopment)"}}},
	{"device app debug-bridge",
	 v_app_debug_bridge,
	 "Relay gdb's remote protocol (stdin/stdout) to the app started with --debug-mode: "
	 "in gdb, 'target remote | azsphere device app debug-bridge' (needs appDevelopment).",
	 {CID_OPT}},
	{"device app stop", v_app_stop, "Stop an app.", {CID_REQ}},
	{"device app show-status", v_app_show_status, "Show the apps' state.", {CID_OPT}},
	{"device app show-logs",
	 v_app_show_logs,
	 "Show an app's output and its last exit (needs appDevelopment).",
	 {CID_REQ}},
	{"device app show-quota",
	 v_app_show_quota,
	 "Show an app's mutable storage use and limit.",
	 {CID_REQ}},
	{"device app show-memory-stats",
	 v_app_show_memory_stats,
	 "Show the apps' memory use, peak and limit.",
	 {CID_OPT}},
	{"device image list-installed",
	 v_image_list_installed,
	 "List the installed images.",
	 {{"full", 0, 0, "all fields (the same here)"}}},
	{"device image list-targeted",
	 v_image_list_targeted,
	 "List the images the last cloud deployment targets the device with.",
	 {{0}}},
	{"device network show-status", v_net_show_status, "Show the network's status.", {{0}}},
	{"device network list-interfaces",
	 v_net_list_interfaces,
	 "List the network interfaces.",
	 {{0}}},
	{"device network enable",
	 v_net_enable,
	 "Bring a network interface up.",
	 {{"interface", 0, V | REQ, "the interface (wlan0, eth0)"}}},
	{"device network disable",
	 v_net_disable,
	 "Take a network interface down.",
	 {{"interface", 0, V | REQ, "the interface (wlan0, eth0)"}}},
	{"device network proxy show", v_net_proxy_show, "Show the network proxy.", {{0}}},
	{"device network proxy apply",
	 v_net_proxy_apply,
	 "Set the network proxy (kept across a reboot).",
	 {{"address", 'a', V, "the proxy's address (needed when enabled)"},
	  {"port", 'r', V, "the proxy's port (needed when enabled)"},
	  {"authentication", 0, V, "anonymous (default) or basic"},
	  {"username", 0, V, "the user name (basic authentication)"},
	  {"password", 0, V, "the password (basic authentication)"},
	  {"no-proxy-addresses", 0, V | MANY, "hosts reached directly (repeatable)"},
	  {"enable", 0, 0, "use the proxy (the default)"},
	  {"disable", 0, 0, "keep it, but don't use it"}}},
	{"device network proxy delete", v_net_proxy_delete, "Remove the network proxy.", {{0}}},
	{"device wifi list", v_wifi_list, "List the stored Wi-Fi networks.", {{0}}},
	{"device wifi add",
	 v_wifi_add,
	 "Store a Wi-Fi network.",
	 {{"ssid", 's', V | REQ, "the network's SSID"},
	  {"psk", 'p', V, "its WPA2 key (open network without)"},
	  {"config-name", 0, V, "a name for the configuration"}}},
	{"device wifi remove",
	 v_wifi_remove,
	 "Forget a stored Wi-Fi network.",
	 {{"id", 'i', V | REQ, "the network's ID (wifi list)"}}},
	{"device wifi scan", v_wifi_scan, "Scan for Wi-Fi networks.", {{0}}},
	{"device wifi show-status",
	 v_wifi_show_status,
	 "Show the Wi-Fi interface's status.",
	 {{0}}},
	{"device wifi enable",
	 v_wifi_enable,
	 "Enable a stored Wi-Fi network.",
	 {{"id", 'i', V | REQ, "the network's ID"}}},
	{"device wifi disable",
	 v_wifi_disable,
	 "Disable a stored Wi-Fi network.",
	 {{"id", 'i', V | REQ, "the network's ID"}}},
	{"device certificate add",
	 v_cert_add,
	 "Add a certificate to the device's store.",
	 {{"cert-id", 'c', V | REQ, "the certificate's ID"},
	  {"cert-type", 't', V | REQ, "rootca or client"},
	  {"public-key-file", 0, V | REQ, "the certificate (PEM)"},
	  {"private-key-file", 0, V, "the client certificate's key (PEM)"},
	  {"private-key-password", 0, V, "the key's password"}}},
	{"device certificate list", v_cert_list, "List the stored certificates.", {{0}}},
	{"device certificate show",
	 v_cert_show,
	 "Show a stored certificate.",
	 {{"cert-id", 'c', V | REQ, "the certificate's ID"}}},
	{"device certificate delete",
	 v_cert_delete,
	 "Delete a stored certificate.",
	 {{"cert-id", 'c', V | REQ, "the certificate's ID"}}},
	{"device certificate show-quota",
	 v_cert_show_quota,
	 "Show the certificate store's space.",
	 {{0}}},
	{"get-support-data",
	 v_get_support_data,
	 "Collect what the device says about itself (apps, exits, logs, network) into a file.",
	 {{"destination", 0, V | REQ, "the file to write"}}},
	{"image-package pack-application",
	 v_pack_application,
	 "Pack an app's folder into a signed image package (signed with the SDK's key).",
	 {{"package-directory", 0, V | REQ, "the app's folder (app_manifest.json, bin/app)"},
	  {"destination", 0, V, "the package to write"},
	  {"output-file", 0, V, "the same as --destination"},
	  {"hardware-definitions", 0, V | MANY, "where hardware definitions are"},
	  {"target-definition-filename", 0, V, "the hardware definition that resolves $NAMEs"},
	  {"keys", 0, V, "signing keys (default: the SDK's)"},
	  {"key-role", 0, V, "sdk (default) or production"}}},
	{"image-package show",
	 v_image_package_show,
	 "Show an image package's metadata.",
	 {{"image-package", 'p', V | REQ, "the image package"},
	  {"keys", 0, V, "verify its signature with these keys"}}},
	{"hardware-definition generate-header",
	 v_hwdef_generate,
	 "Write the C header of a hardware definition.",
	 {{"hardware-definition-file", 0, V | REQ, "the hardware definition (JSON)"},
	  {"search", 0, V | MANY, "where imported definitions are"},
	  {"output", 0, V, "the folder for inc/hw (default: the file's)"}}},
	{"hardware-definition test-header",
	 v_hwdef_test,
	 "Check that a hardware definition's C header is up to date.",
	 {{"hardware-definition-file", 0, V | REQ, "the hardware definition (JSON)"},
	  {"search", 0, V | MANY, "where imported definitions are"},
	  {"output", 0, V, "the folder with inc/hw (default: the file's)"}}},
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct opt globals[] = {
	{"output", 'o', V, "json, jsonc, table (default), tsv, yaml or none"},
	{"query", 0, V, "a JMESPath query (a subset: docs/device.md) on the output"},
	{"device", 'd', V, "the device: its channel socket, or its ID (list-attached)"},
	{"socket", 0, V, "the device's channel socket (the same as --device PATH)"},
	{"verbose", 0, 0, "say what is done"},
	{"debug", 0, 0, "also show the requests and answers"},
	{"help", 'h', 0, "this help"},
	{"only-show-errors", 0, 0, "no warnings (there are none to hide)"},
};
#define N_GLOBALS (sizeof(globals) / sizeof(globals[0]))

/* ---- help and suggestions ---- */

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j], best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

/* Does PATH start with the words of PREFIX (a group)? Its next word in NEXT. */
static bool under(const char *path, const char *prefix, char *next, size_t size)
{
	size_t l = strlen(prefix);
	const char *w;

	if (l && (strncmp(path, prefix, l) || (path[l] != ' ' && path[l] != '\0')))
		return false;
	w = path + l + (l ? 1 : 0);
	if (!*w)
		return false;
	snprintf(next, size, "%.*s", (int)strcspn(w, " "), w);
	return true;
}

static void print_globals(FILE *f)
{
	fputs("\nGlobal Arguments\n", f);
	for (size_t i = 0; i < N_GLOBALS; i++) {
		char name[64];

		snprintf(name, sizeof(name), "--%s%s%c", globals[i].name,
			 globals[i].alias ? " -" : "", globals[i].alias ? globals[i].alias : ' ');
		fprintf(f, "    %-28s: %s.\n", name, globals[i].help);
	}
}

/* Help for a group (PREFIX: its words; "" the top). */
static void group_help(FILE *f, const char *prefix)
{
	char seen[64][40], next[40];
	int n = 0;

	fprintf(f, "\nGroup\n    azsphere%s%s\n\nSubgroups and commands:\n", prefix[0] ? " " : "",
		prefix);
	for (size_t i = 0; i < N_COMMANDS; i++) {
		bool dup = false, leaf;
		char whole[160];

		if (!under(commands[i].path, prefix, next, sizeof(next)))
			continue;
		for (int k = 0; k < n; k++)
			dup |= !strcmp(seen[k], next);
		if (dup || n == 64)
			continue;
		snprintf(seen[n++], sizeof(seen[0]), "%s", next);
		snprintf(whole, sizeof(whole), "%s%s%s", prefix, prefix[0] ? " " : "", next);
		leaf = !strcmp(whole, commands[i].path);
		fprintf(f, "    %-28s: %s\n", next, leaf ? commands[i].help : "(group)");
	}
	print_globals(f);
}

static void command_help(FILE *f, const struct cmd *c)
{
	fprintf(f, "\nCommand\n    azsphere %s : %s\n\nArguments\n", c->path, c->help);
	for (int i = 0; i < MAX_OPTS && c->opts[i].name; i++) {
		char name[64];

		snprintf(name, sizeof(name), "--%s%s%c%s", c->opts[i].name,
			 c->opts[i].alias ? " -" : "", c->opts[i].alias ? c->opts[i].alias : ' ',
			 c->opts[i].flags & REQ ? " [Required]" : "");
		fprintf(f, "    %-40s: %s.\n", name, c->opts[i].help);
	}
	if (!c->opts[0].name)
		fputs("    (none)\n", f);
	print_globals(f);
}

/* "did you mean": the nearest of the words under PREFIX to WORD. */
static void suggest_word(const char *prefix, const char *word)
{
	char next[40], best[40] = "";
	size_t bd = 99;

	for (size_t i = 0; i < N_COMMANDS; i++)
		if (under(commands[i].path, prefix, next, sizeof(next))) {
			size_t d = distance(word, next);

			if (strstr(next, word) && strlen(word) >= 3)
				d = d < 2 ? d : 2;
			if (d < bd) {
				bd = d;
				snprintf(best, sizeof(best), "%s", next);
			}
		}
	fprintf(stderr, "error: '%s' is not in the 'azsphere%s%s' command group.", word,
		prefix[0] ? " " : "", prefix);
	if (best[0] && bd <= 3 + strlen(word) / 4)
		fprintf(stderr, " Did you mean 'azsphere%s%s %s'?", prefix[0] ? " " : "", prefix,
			best);
	fprintf(stderr, "\nSee 'azsphere%s%s --help'.\n", prefix[0] ? " " : "", prefix);
}

static void suggest_option(const struct cmd *c, const char *name)
{
	const char *best = NULL;
	size_t bd = 99;

	for (int i = 0; i < MAX_OPTS && c->opts[i].name; i++) {
		size_t d = distance(name, c->opts[i].name);

		if (d < bd) {
			bd = d;
			best = c->opts[i].name;
		}
	}
	for (size_t i = 0; i < N_GLOBALS; i++) {
		size_t d = distance(name, globals[i].name);

		if (d < bd) {
			bd = d;
			best = globals[i].name;
		}
	}
	fprintf(stderr, "error: unrecognized argument '--%s' for 'azsphere %s'.", name, c->path);
	if (best && bd <= 2 + strlen(name) / 4)
		fprintf(stderr, " Did you mean '--%s'?", best);
	fprintf(stderr, "\nSee 'azsphere %s --help'.\n", c->path);
}

/* ---- main ---- */

/* OPTS entry for --NAME or -ALIAS (ALIAS 0: by name), or -1. */
static int find_opt(const struct opt *opts, size_t n, const char *name, char alias)
{
	for (size_t i = 0; i < n && opts[i].name; i++)
		if (alias ? opts[i].alias == alias : !strcmp(opts[i].name, name))
			return (int)i;
	return -1;
}

int main(int argc, char **argv)
{
	struct ctx c = {.format = "table", .argv0 = argv};
	const char *words[8];
	int nwords = 0, ret;
	bool help = false;
	char path[160] = "";
	const struct cmd *cmd = NULL;
	/* Arguments that are options, kept for after the command is known. */
	struct {
		const char *name; /* without dashes, or NULL for -X */
		char alias;
		const char *value; /* inline =VALUE, or NULL */
		int at;            /* its index in argv */
	} pending[MAX_ARGS];
	int npending = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] == '-' && a[1]) {
			if (npending == MAX_ARGS)
				return usage_fail("too many arguments");
			pending[npending].at = i;
			pending[npending].value = NULL;
			if (a[1] == '-') {
				const char *eq = strchr(a + 2, '=');
				static char names[MAX_ARGS][64];

				snprintf(names[npending], sizeof(names[0]), "%.*s",
					 (int)(eq ? eq - a - 2 : (long)strlen(a + 2)), a + 2);
				pending[npending].name = names[npending];
				pending[npending].alias = 0;
				if (eq)
					pending[npending].value = eq + 1;
			} else {
				if (a[2])
					pending[npending].value = a + 2; /* -ojson */
				pending[npending].name = NULL;
				pending[npending].alias = a[1];
			}
			npending++;
			/* Skip its value, if it takes one (decided below; mark). */
			continue;
		}
		/* A word: part of the command unless it is an option's value. */
		if (npending && !pending[npending - 1].value && pending[npending - 1].at == i - 1) {
			/* The previous option may take this as its value: decide now. */
			const char *n = pending[npending - 1].name;
			char al = pending[npending - 1].alias;
			int g = find_opt(globals, N_GLOBALS, n, al);
			bool takes = false;

			if (g >= 0) {
				takes = globals[g].flags & V;
			} else {
				/* A command option: the command so far decides. */
				char p[160] = "";

				for (int k = 0; k < nwords; k++)
					snprintf(p + strlen(p), sizeof(p) - strlen(p), "%s%s",
						 k ? " " : "", words[k]);
				/* Unknown yet, or not the command's: the word is its value. */
				takes = true;
				for (size_t k = 0; k < N_COMMANDS; k++)
					if (!strcmp(commands[k].path, p)) {
						int o = find_opt(commands[k].opts, MAX_OPTS, n, al);

						takes = o < 0 || (commands[k].opts[o].flags & V);
					}
			}
			if (takes) {
				pending[npending - 1].value = a;
				continue;
			}
		}
		if (nwords == 8)
			return usage_fail("too many words");
		words[nwords++] = a;
	}
	/* The command: the longest path the words name. */
	for (int k = 0; k < nwords; k++) {
		char p[160];
		bool group = false;

		snprintf(p, sizeof(p), "%s%s%s", path, k ? " " : "", words[k]);
		for (size_t i = 0; i < N_COMMANDS; i++) {
			size_t l = strlen(p);

			if (!strcmp(commands[i].path, p))
				cmd = &commands[i];
			if (!strncmp(commands[i].path, p, l) && commands[i].path[l] == ' ')
				group = true;
		}
		if (!cmd && !group) {
			bool want_help = false;

			for (int j = 0; j < npending; j++)
				want_help |=
					(pending[j].name && !strcmp(pending[j].name, "help")) ||
					pending[j].alias == 'h';
			suggest_word(path, words[k]);
			(void)want_help;
			return EXIT_USAGE;
		}
		snprintf(path, sizeof(path), "%s", p);
		if (cmd && k + 1 < nwords)
			return usage_fail("unexpected argument '%s' for 'azsphere %s'. See "
					  "'azsphere %s --help'.",
					  words[k + 1], cmd->path, cmd->path);
		if (cmd)
			break;
	}
	c.cmd = cmd;
	/* The options: the globals, then the command's. */
	for (int j = 0; j < npending; j++) {
		const char *n = pending[j].name;
		char al = pending[j].alias;
		int g = find_opt(globals, N_GLOBALS, n, al), o = -1;
		const char *val = pending[j].value;
		const struct opt *def;

		if (g < 0 && cmd)
			o = find_opt(cmd->opts, MAX_OPTS, n, al);
		if (g < 0 && o < 0) {
			if (cmd && n) {
				suggest_option(cmd, n);
				return EXIT_USAGE;
			}
			if (cmd)
				return usage_fail(
					"unrecognized argument '-%c' for 'azsphere %s'. See "
					"'azsphere %s --help'.",
					al, cmd->path, cmd->path);
			return usage_fail("unrecognized argument '%s'. See 'azsphere%s%s --help'.",
					  argv[pending[j].at], path[0] ? " " : "", path);
		}
		def = g >= 0 ? &globals[g] : &cmd->opts[o];
		if ((def->flags & V) && !val)
			return usage_fail("argument --%s: expected one argument", def->name);
		if (!(def->flags & V) && val)
			return usage_fail("argument --%s: takes no value ('%s')", def->name, val);
		if (g >= 0) {
			if (!strcmp(def->name, "output")) {
				if (azs_out_format_valid(val))
					return usage_fail(
						"argument --output/-o: invalid choice: '%s' "
						"(choose from 'json', 'jsonc', 'none', "
						"'table', 'tsv', 'yaml')",
						val);
				c.format = val;
			} else if (!strcmp(def->name, "query")) {
				c.query = val;
			} else if (!strcmp(def->name, "device") || !strcmp(def->name, "socket")) {
				if (c.device && strcmp(c.device, val))
					return usage_fail("two devices named (%s and %s)", c.device,
							  val);
				c.device = val;
			} else if (!strcmp(def->name, "verbose")) {
				c.debug = c.debug > 1 ? c.debug : 1;
			} else if (!strcmp(def->name, "debug")) {
				c.debug = 2;
			} else if (!strcmp(def->name, "help")) {
				help = true;
			}
			continue;
		}
		if (c.nvalues[o] && !(def->flags & MANY))
			return usage_fail("argument --%s: given twice", def->name);
		if (c.nvalues[o] < MAX_ARGS)
			c.values[o][c.nvalues[o]++] = (def->flags & V) ? val : "";
	}
	if (help || !cmd) {
		if (help && cmd)
			command_help(stdout, cmd);
		else if (help || !nwords)
			group_help(help ? stdout : stderr, path);
		else {
			/* A group without a command. */
			group_help(stderr, path);
			return EXIT_USAGE;
		}
		return help ? 0 : EXIT_USAGE;
	}
	for (int i = 0; i < MAX_OPTS && cmd->opts[i].name; i++)
		if ((cmd->opts[i].flags & REQ) && !c.nvalues[i])
			return usage_fail("the following arguments are required: --%s. See "
					  "'azsphere %s --help'.",
					  cmd->opts[i].name, cmd->path);
	for (int i = 0; i < MAX_OPTS && cmd->opts[i].name; i++)
		for (int k = 0; k < c.nvalues[i]; k++)
			if ((cmd->opts[i].flags & V) && !c.values[i][k][0])
				return usage_fail("argument --%s: empty value", cmd->opts[i].name);
	if ((ret = need_guid(&c, "component-id")))
		return ret;
	info(&c, "command: azsphere %s", cmd->path);
	ret = cmd->fn(&c);
	if (!ret && c.result) {
		json_object *shown = c.result;

		if (c.query) {
			char why[200];

			if (azs_query(c.result, c.query, &shown, why, sizeof(why))) {
				json_object_put(c.result);
				free(c.text);
				return usage_fail("%s", why);
			}
		}
		if (!strcmp(c.format, "table") && c.text && !c.query)
			printf("%s\n", c.text);
		else
			azs_out_print(stdout, shown, c.format);
		if (shown != c.result)
			json_object_put(shown);
	} else if (!ret && c.text && !strcmp(c.format, "table")) {
		printf("%s\n", c.text);
	}
	json_object_put(c.result);
	free(c.text);
	return ret;
}
