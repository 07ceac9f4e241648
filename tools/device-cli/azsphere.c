// SPDX-License-Identifier: MIT
/*
 * azsphere: the device CLI on the host. It talks to the device's
 * azs-gatewayd over the host<->device channel (the unix socket of
 * device/run), one JSON object per line each way.
 *
 *   azsphere [--device PATH] [--output table|json] device VERB ...
 *     show-attached
 *     manufacturing-state show | update --state Module1Complete|DeviceComplete
 *     capability show-attached | update --capability-file FILE
 *     sideload deploy --image-package FILE | delete --component-id ID
 *     app start|stop --component-id ID | show-status [--component-id ID]
 *     app show-logs --component-id ID      the app's output (needs appDevelopment)
 *     image list-installed
 *     enable-development [--key-store DIR]  appDevelopment from the Security Service
 *     enable-cloud-test                 drop appDevelopment
 *     restart                           reboot it, wait until it is back
 *
 * The device is found from any folder (find_device()): --device PATH (or
 * --socket PATH; anywhere on the line), else $AZS_DEVICE_SOCKET, else the
 * socket that device/run (make run) publishes as BASE/device.sock.
 * Exit status: 0 done, 1 refused or failed (the reason is printed), 2 usage.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "device_socket.h"

#define MAX_FILE   (4u << 20)
#define MAX_ANSWER (1u << 20)

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

static int usage(void)
{
	fputs("usage: azsphere [--device PATH] [--output table|json] device VERB ...\n"
	      "  show-attached\n"
	      "  manufacturing-state show | update --state Module1Complete|DeviceComplete\n"
	      "  capability show-attached | update --capability-file FILE\n"
	      "  sideload deploy --image-package FILE | delete --component-id ID\n"
	      "  app start|stop --component-id ID | show-status [--component-id ID]\n"
	      "  app show-logs --component-id ID\n"
	      "  image list-installed\n"
	      "  enable-development [--key-store DIR]\n"
	      "  enable-cloud-test\n"
	      "  restart\n"
	      "The device: --device PATH (its channel socket), else $AZS_DEVICE_SOCKET, else the\n"
	      "one that make run (device/run) is running, published as BASE/device.sock.\n",
	      stderr);
	return 2;
}

/* The value of --NAME in argv[from..], or NULL. */
static const char *option(int argc, char **argv, int from, const char *name)
{
	for (int i = from; i + 1 < argc; i++)
		if (!strncmp(argv[i], "--", 2) && !strcmp(argv[i] + 2, name))
			return argv[i + 1];
	return NULL;
}

/* The options each command takes (all with a value). */
static const struct {
	const char *group, *verb, *options[3];
} commands[] = {
	{"show-attached", "", {NULL}},
	{"restart", "", {NULL}},
	{"enable-development", "", {"key-store", NULL}},
	{"enable-cloud-test", "", {NULL}},
	{"manufacturing-state", "show", {NULL}},
	{"manufacturing-state", "update", {"state", NULL}},
	{"capability", "show-attached", {NULL}},
	{"capability", "update", {"capability-file", NULL}},
	{"sideload", "deploy", {"image-package", NULL}},
	{"sideload", "delete", {"component-id", NULL}},
	{"app", "start", {"component-id", NULL}},
	{"app", "stop", {"component-id", NULL}},
	{"app", "show-logs", {"component-id", NULL}},
	{"app", "show-status", {"component-id", NULL}},
	{"image", "list-installed", {NULL}},
};

/*
 * Every argument from FROM on is "--OPTION VALUE" with an option the command
 * takes: a misspelt or unknown option is an error, never silently ignored.
 */
static int check_options(int argc, char **argv, int from, const char *group, const char *verb)
{
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++) {
		if (strcmp(commands[c].group, group) || strcmp(commands[c].verb, verb))
			continue;
		for (int i = from; i < argc; i += 2) {
			bool known = false;

			if (strncmp(argv[i], "--", 2)) {
				fprintf(stderr, "azsphere: unexpected argument '%s'\n", argv[i]);
				return -1;
			}
			for (int k = 0; commands[c].options[k]; k++)
				known |= !strcmp(argv[i] + 2, commands[c].options[k]);
			if (!known) {
				fprintf(stderr, "azsphere: 'device %s%s%s' has no option %s\n",
					group, verb[0] ? " " : "", verb, argv[i]);
				return -1;
			}
			if (i + 1 >= argc) {
				fprintf(stderr, "azsphere: %s needs a value\n", argv[i]);
				return -1;
			}
		}
		return 0;
	}
	return 1; /* not a command: usage() says what is */
}

static char *hex_file(const char *path)
{
	struct stat st;
	unsigned char *buf;
	char *hex = NULL;
	FILE *f = fopen(path, "rbe");

	if (!f) {
		fprintf(stderr, "azsphere: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (size_t)st.st_size > MAX_FILE) {
		fprintf(stderr, "azsphere: %s: not a regular file of 1 byte to %u MiB\n", path,
			MAX_FILE >> 20);
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)st.st_size);
	hex = malloc(2 * (size_t)st.st_size + 1);
	if (buf && hex && fread(buf, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
		for (off_t i = 0; i < st.st_size; i++)
			snprintf(hex + 2 * i, 3, "%02x", buf[i]);
	} else {
		fprintf(stderr, "azsphere: cannot read %s\n", path);
		free(hex);
		hex = NULL;
	}
	free(buf);
	fclose(f);
	return hex;
}

/*
 * Send REQ with a fresh "id" and return the answer carrying the same id
 * (lines with another id are answers to earlier requests, e.g. sent while the
 * device was rebooting: they are skipped). TIMEOUT seconds at most (0: no
 * limit). NULL after a message, unless QUIET.
 */
static json_object *call_ex(const char *socket_path, json_object *req, int timeout, int quiet)
{
	static unsigned int counter;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct timeval tv = {.tv_sec = timeout};
	char *answer = malloc(MAX_ANSWER + 1), id[64];
	const char *text;
	size_t len = 0;
	json_object *resp = NULL;
	int fd;

	if (!answer)
		return NULL;
	snprintf(id, sizeof(id), "%ld-%ld-%u", (long)getpid(), (long)time(NULL), ++counter);
	json_object_object_add(req, "id", json_object_new_string(id));
	text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN);
	if (strlen(socket_path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "azsphere: socket path too long\n");
		free(answer);
		return NULL;
	}
	strcpy(sa.sun_path, socket_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		if (!quiet)
			fprintf(stderr, "azsphere: no device at %s: %s (is it running? make run)\n",
				socket_path, strerror(errno));
		goto out;
	}
	if (timeout)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (write(fd, text, strlen(text)) < 0 || write(fd, "\n", 1) < 0) {
		if (!quiet)
			fprintf(stderr, "azsphere: cannot send: %s\n", strerror(errno));
		goto out;
	}
	while (!resp && len < MAX_ANSWER) {
		ssize_t n = read(fd, answer + len, MAX_ANSWER - len);
		char *nl;

		if (n <= 0)
			break;
		len += (size_t)n;
		while (!resp && (nl = memchr(answer, '\n', len))) {
			json_object *line, *v;

			*nl = '\0';
			line = json_tokener_parse(answer);
			if (line && json_object_object_get_ex(line, "id", &v) &&
			    !strcmp(json_object_get_string(v), id))
				resp = line;
			else
				json_object_put(line);
			len -= (size_t)(nl + 1 - answer);
			memmove(answer, nl + 1, len);
		}
	}
	if (resp)
		json_object_object_del(resp, "id");
	else if (!quiet)
		fprintf(stderr, "azsphere: no answer from the device\n");
out:
	if (fd >= 0)
		close(fd);
	free(answer);
	json_object_object_del(req, "id");
	return resp;
}

static json_object *call(const char *socket_path, json_object *req)
{
	return call_ex(socket_path, req, 0, 0);
}

/* The device's boot id (changes with every boot), or "" if it does not answer. */
static void boot_id(const char *socket_path, int timeout, char *out, size_t size)
{
	json_object *req = json_object_new_object(), *resp, *v;

	out[0] = '\0';
	json_object_object_add(req, "op", json_object_new_string("show-attached"));
	resp = call_ex(socket_path, req, timeout, 1);
	json_object_put(req);
	if (resp && json_object_object_get_ex(resp, "bootId", &v))
		snprintf(out, size, "%s", json_object_get_string(v));
	json_object_put(resp);
}

/*
 * restart: the device reboots for real; wait until it answers again from a
 * new boot (its boot id changed). 0, or 1 after a message.
 */
static int restart(const char *socket_path, const char *output)
{
	char before[64], now[64];
	json_object *req, *resp, *err;
	time_t deadline;

	boot_id(socket_path, 30, before, sizeof(before));
	if (!before[0]) {
		fprintf(stderr, "error: the device does not answer at %s\n", socket_path);
		return 1;
	}
	req = json_object_new_object();
	json_object_object_add(req, "op", json_object_new_string("restart"));
	resp = call(socket_path, req);
	json_object_put(req);
	if (!resp)
		return 1;
	if (json_object_object_get_ex(resp, "error", &err)) {
		fprintf(stderr, "error: %s\n", json_object_get_string(err));
		json_object_put(resp);
		return 1;
	}
	json_object_put(resp);
	if (strcmp(output, "json"))
		printf("Restarting device. Please wait...\n");
	fflush(stdout);
	deadline = time(NULL) + 180;
	do {
		sleep(1);
		boot_id(socket_path, 3, now, sizeof(now));
	} while ((!now[0] || !strcmp(now, before)) && time(NULL) < deadline);
	if (!now[0] || !strcmp(now, before)) {
		fprintf(stderr, "error: the device did not come back within 180 s\n");
		return 1;
	}
	if (!strcmp(output, "json"))
		printf("{\"restarted\":true,\"bootId\":\"%s\"}\n", now);
	else
		printf("Device restarted.\n");
	return 0;
}

static void print_table(const char *group, const char *verb, json_object *resp)
{
	json_object *v, *apps;

	if (json_object_object_get_ex(resp, "apps", &apps)) {
		printf("%-38s %-24s %-10s %s\n", "ComponentId", "Name", "State", "Pid");
		for (size_t i = 0; i < json_object_array_length(apps); i++) {
			json_object *a = json_object_array_get_idx(apps, i), *f;
			const char *s[3] = {"", "", ""};
			static const char *const keys[] = {"cid", "name", "state"};

			for (int k = 0; k < 3; k++)
				if (json_object_object_get_ex(a, keys[k], &f))
					s[k] = json_object_get_string(f);
			json_object_object_get_ex(a, "pid", &f);
			printf("%-38s %-24s %-10s %d\n", s[0], s[1], s[2], json_object_get_int(f));
		}
		return;
	}
	if (json_object_object_get_ex(resp, "device_capabilities", &v)) {
		size_t n = json_object_array_length(v);

		if (!n)
			printf("No device capabilities.\n");
		for (size_t i = 0; i < n; i++) {
			int c = json_object_get_int(json_object_array_get_idx(v, i));

			printf("%s\n", c > 0 && c < 64 && cap_names[c] ? cap_names[c] : "unknown");
		}
		return;
	}
	if (json_object_object_get_ex(resp, "log", &v)) {
		fputs(json_object_get_string(v), stdout);
		return;
	}
	json_object_object_foreach(resp, key, val)
	{
		printf("%s: %s\n", key, json_object_get_string(val));
	}
	(void)group;
	(void)verb;
}

/*
 * enable-development: ask the Security Service (azs-security-service, with
 * its key store DIR, or its default one if NULL) for an appDevelopment capability file for this
 * device, newer than the one the device holds, then send it. 0 or 1.
 */
static int enable_development(const char *socket_path, const char *keys, const char *output)
{
	const char *service = getenv("AZS_SECURITY_SERVICE");
	char seq[32], path[] = "/tmp/azsphere-cap-XXXXXX", beside[PATH_MAX];
	json_object *req, *resp, *v;
	const char *id;
	int status, fd, ret = 1;
	char *hex;
	pid_t pid;

	if (!service) {
		/* The build's, found from this program's own place in the build
		 * (tools/device-cli/azsphere), not from the current folder. */
		char exe[PATH_MAX], *slash;
		ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		service = "build/x86_64/cmake/tools/security-service/azs-security-service";
		if (len > 0) {
			exe[len] = '\0';
			slash = strrchr(exe, '/');
			if (slash) {
				*slash = '\0';
				len = snprintf(beside, sizeof(beside),
					       "%s/../security-service/azs-security-service", exe);
				if (len > 0 && (size_t)len < sizeof(beside) &&
				    !access(beside, X_OK))
					service = beside;
			}
		}
	}
	req = json_object_new_object();
	json_object_object_add(req, "op", json_object_new_string("show-attached"));
	resp = call(socket_path, req);
	json_object_put(req);
	if (!resp || !json_object_object_get_ex(resp, "deviceIdentifier", &v))
		return 1;
	id = json_object_get_string(v);
	req = json_object_new_object();
	json_object_object_add(req, "op", json_object_new_string("capabilities"));
	v = call(socket_path, req);
	json_object_put(req);
	if (!v) {
		json_object_put(resp);
		return 1;
	}
	{
		json_object *s;

		snprintf(seq, sizeof(seq), "%lld",
			 json_object_object_get_ex(v, "sequence", &s)
				 ? (long long)json_object_get_int64(s) + 1
				 : 1LL);
	}
	json_object_put(v);
	fd = mkstemp(path);
	if (fd < 0) {
		json_object_put(resp);
		return 1;
	}
	close(fd);
	pid = fork();
	if (pid == 0) {
		if (keys)
			execl(service, service, "issue-capability", "--key-store", keys,
			      "--device-id", id, "--capability", "appDevelopment", "--sequence",
			      seq, "--out", path, (char *)NULL);
		else
			execl(service, service, "issue-capability", "--device-id", id,
			      "--capability", "appDevelopment", "--sequence", seq, "--out", path,
			      (char *)NULL);
		fprintf(stderr, "azsphere: cannot run the Security Service %s: %s\n", service,
			strerror(errno));
		_exit(127);
	}
	json_object_put(resp);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "error: the Security Service did not issue the capability\n");
		unlink(path);
		return 1;
	}
	hex = hex_file(path);
	unlink(path);
	if (!hex)
		return 1;
	req = json_object_new_object();
	json_object_object_add(req, "op", json_object_new_string("capability-update"));
	json_object_object_add(req, "file", json_object_new_string(hex));
	free(hex);
	resp = call(socket_path, req);
	json_object_put(req);
	if (!resp)
		return 1;
	if (json_object_object_get_ex(resp, "error", &v)) {
		fprintf(stderr, "error: %s\n", json_object_get_string(v));
	} else {
		ret = 0;
		if (!strcmp(output, "json"))
			printf("%s\n",
			       json_object_to_json_string_ext(resp, JSON_C_TO_STRING_PLAIN));
		else
			printf("Development is enabled: the device has appDevelopment.\n");
	}
	json_object_put(resp);
	return ret;
}

int main(int argc, char **argv)
{
	const char *socket_path = NULL, *device = NULL;
	const char *output = "table", *group, *verb = "", *v;
	char found[PATH_MAX];
	json_object *req, *resp, *err;
	int i = 1, ret, kept = 1;

	/*
	 * The global options, anywhere on the line (each with its value): taken
	 * out, the rest is the command. A command's own "--OPTION VALUE" pairs
	 * are kept whole, so that a value is never read as an option.
	 */
	for (int k = 1; k < argc; k++) {
		bool global = !strcmp(argv[k], "--device") || !strcmp(argv[k], "--socket") ||
			      !strcmp(argv[k], "--output");

		if (global) {
			if (k + 1 >= argc) {
				fprintf(stderr, "azsphere: %s needs a value\n", argv[k]);
				return 2;
			}
			if (!strcmp(argv[k], "--output"))
				output = argv[k + 1];
			else if (device && strcmp(device, argv[k + 1])) {
				fprintf(stderr, "azsphere: two devices named (%s and %s)\n", device,
					argv[k + 1]);
				return 2;
			} else
				device = argv[k + 1];
			k++;
			continue;
		}
		argv[kept++] = argv[k];
		if (!strncmp(argv[k], "--", 2) && k + 1 < argc)
			argv[kept++] = argv[++k];
	}
	argc = kept;
	argv[argc] = NULL;
	if (strcmp(output, "table") && strcmp(output, "json"))
		return usage();
	if (i + 1 >= argc || strcmp(argv[i], "device"))
		return usage();
	group = argv[i + 1];
	if (i + 2 < argc && strncmp(argv[i + 2], "--", 2))
		verb = argv[i + 2];

	ret = check_options(argc, argv, i + 2 + (verb[0] ? 1 : 0), group, verb);
	if (ret < 0)
		return 2;
	if (ret > 0)
		return usage();
	socket_path = azs_find_device("azsphere", device, found, sizeof(found));
	if (!socket_path)
		return 1;
	if (!strcmp(group, "enable-development")) {
		return enable_development(socket_path, option(argc, argv, i, "key-store"), output);
	}
	req = json_object_new_object();
#define OP(name)      json_object_object_add(req, "op", json_object_new_string(name))
#define ARG(key, val) json_object_object_add(req, key, json_object_new_string(val))
	if (!strcmp(group, "show-attached")) {
		OP("show-attached");
	} else if (!strcmp(group, "restart")) {
		json_object_put(req);
		return restart(socket_path, output);
	} else if (!strcmp(group, "enable-cloud-test")) {
		OP("capability-clear");
	} else if (!strcmp(group, "manufacturing-state") && !strcmp(verb, "show")) {
		OP("manufacturing-state");
	} else if (!strcmp(group, "manufacturing-state") && !strcmp(verb, "update")) {
		if (!(v = option(argc, argv, i, "state")))
			return usage();
		OP("manufacturing-state-update");
		ARG("state", v);
	} else if (!strcmp(group, "capability") && !strcmp(verb, "show-attached")) {
		OP("capabilities");
	} else if (!strcmp(group, "capability") && !strcmp(verb, "update")) {
		char *hex;

		if (!(v = option(argc, argv, i, "capability-file")))
			return usage();
		if (!(hex = hex_file(v)))
			return 1;
		OP("capability-update");
		ARG("file", hex);
		free(hex);
	} else if (!strcmp(group, "sideload") && !strcmp(verb, "deploy")) {
		char *hex;

		if (!(v = option(argc, argv, i, "image-package")))
			return usage();
		if (!(hex = hex_file(v)))
			return 1;
		OP("sideload-deploy");
		ARG("package", hex);
		free(hex);
	} else if (!strcmp(group, "sideload") && !strcmp(verb, "delete")) {
		if (!(v = option(argc, argv, i, "component-id")))
			return usage();
		OP("sideload-delete");
		ARG("componentId", v);
	} else if (!strcmp(group, "app") && (!strcmp(verb, "start") || !strcmp(verb, "stop"))) {
		if (!(v = option(argc, argv, i, "component-id")))
			return usage();
		OP(!strcmp(verb, "start") ? "app-start" : "app-stop");
		ARG("componentId", v);
	} else if (!strcmp(group, "app") && !strcmp(verb, "show-logs")) {
		if (!(v = option(argc, argv, i, "component-id")))
			return usage();
		OP("app-logs");
		ARG("componentId", v);
	} else if ((!strcmp(group, "app") && !strcmp(verb, "show-status")) ||
		   (!strcmp(group, "image") && !strcmp(verb, "list-installed"))) {
		OP("app-status");
	} else {
		json_object_put(req);
		return usage();
	}

	resp = call(socket_path, req);
	json_object_put(req);
	if (!resp)
		return 1;
	if (json_object_object_get_ex(resp, "error", &err)) {
		fprintf(stderr, "error: %s\n", json_object_get_string(err));
		ret = 1;
	} else {
		json_object *okv;

		/* The application manager's own refusals come as "ok":false. */
		if (json_object_object_get_ex(resp, "ok", &okv) && !json_object_get_boolean(okv)) {
			json_object *why;

			json_object_object_get_ex(resp, "error", &why);
			fprintf(stderr, "error: %s\n",
				why ? json_object_get_string(why) : "refused");
			ret = 1;
		} else {
			ret = 0;
		}
	}
	if (!strcmp(output, "json"))
		printf("%s\n", json_object_to_json_string_ext(resp, JSON_C_TO_STRING_PLAIN));
	else if (!ret)
		print_table(group, verb, resp);
	json_object_put(resp);
	return ret;
}
