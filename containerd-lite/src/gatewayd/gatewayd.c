// SPDX-License-Identifier: MIT
/*
 * azs-gatewayd: the device's servicing endpoint on the host channel
 * (/dev/azs-channel), what the host's device CLI talks to. One JSON object
 * per line each way:
 *
 *   {"op":"show-attached"}                      device ID, manufacturing state
 *   {"op":"manufacturing-state"}                {"manufacturingState":"Blank"}
 *   {"op":"manufacturing-state-update","state":"DeviceComplete"}
 *   {"op":"capabilities"}                       {"device_capabilities":[11]}
 *   {"op":"capability-update","file":HEX}       store a signed capability file
 *   {"op":"capability-clear"}                   drop every capability
 *   {"op":"sideload-deploy","package":HEX}      install a signed image package
 *   {"op":"sideload-delete","componentId":CID}
 *   {"op":"cloud-update","manifest":HEX,"packages":{FILE:HEX,...}}
 *                                               a deployment from the Security
 *                                               Service (the cloud's path, not a
 *                                               sideload): staged as a directory and
 *                                               applied by the application manager
 *   {"op":"app-start"|"app-stop","componentId":CID}
 *   {"op":"app-logs","componentId":CID}         the app's output (its log ring)
 *   {"op":"app-status"}                         the installed apps and their state
 *   {"op":"restart"}
 *
 * A request's "id" (any string) comes back in its answer, so a client can
 * tell its answer from a late one to an earlier request. show-attached also
 * gives the kernel's boot id (each boot has its own: restart waits for it to
 * change). Answers carry "error" (text) and "errno" on failure. As on the real
 * platform, starting, stopping and deleting apps needs the appDevelopment
 * device capability, and so does reading an app's output (debugging); which packages the device
 * trusts is decided by the application manager (SDK-signed only with appDevelopment).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <azsphere/security.h>

#define CHANNEL     "/dev/azs-channel"
#define APPMAN_SOCK "/run/azsphere/appman.sock"
#define MAX_LINE    (24u << 20) /* hex: a 4 MiB package, or a deployment of up to 12 MiB */
#define NOT_PERMITTED                                                                              \
	"Operation not permitted; check if application development capability is enabled"

static const char *const mfg_names[] = {"Blank", "Module1Complete", "DeviceComplete"};

static json_object *error(int err, const char *text)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(text));
	json_object_object_add(o, "errno", json_object_new_int(err));
	return o;
}

static int sec_ioctl(unsigned long cmd, void *arg)
{
	int fd = open(AZS_SEC_DEVICE, O_RDWR | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = ioctl(fd, cmd, arg) ? -errno : 0;
	close(fd);
	return ret;
}

static bool has_app_development(void)
{
	struct azs_sec_caps c = {.size = sizeof(c)};

	return sec_ioctl(AZS_SEC_IOC_GET_CAPS, &c) == 0 &&
	       (c.present & (1ull << AZS_CAP_APP_DEVELOPMENT));
}

/* One request to the application manager; its answer, or an error. */
static json_object *appman(json_object *req)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	static char buf[65536];
	const char *text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN);
	json_object *resp;
	ssize_t n;
	int fd;

	strcpy(sa.sun_path, APPMAN_SOCK);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		if (fd >= 0)
			close(fd);
		return error(EHOSTDOWN, "the application manager is not running");
	}
	if (send(fd, text, strlen(text), 0) < 0 || (n = recv(fd, buf, sizeof(buf) - 1, 0)) <= 0) {
		close(fd);
		return error(EIO, "no answer from the application manager");
	}
	close(fd);
	buf[n] = '\0';
	resp = json_tokener_parse(buf);
	return resp ? resp : error(EIO, "a malformed answer from the application manager");
}

static json_object *forward(const char *op, const char *key, const char *value)
{
	json_object *req = json_object_new_object(), *resp;

	json_object_object_add(req, "op", json_object_new_string(op));
	if (key)
		json_object_object_add(req, key, json_object_new_string(value));
	resp = appman(req);
	json_object_put(req);
	return resp;
}

/* HEX -> bytes in a new buffer; -EINVAL if it isn't even-length hex. */
static int unhex(const char *hex, unsigned char **out, size_t *len)
{
	size_t n = strlen(hex);

	if (n % 2)
		return -EINVAL;
	*out = malloc(n / 2 + 1);
	if (!*out)
		return -ENOMEM;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(hex + 2 * i, "%2x", &b) != 1) {
			free(*out);
			return -EINVAL;
		}
		(*out)[i] = (unsigned char)b;
	}
	*len = n / 2;
	return 0;
}

static const char *str_field(json_object *req, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(req, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *op_show_attached(void)
{
	struct azs_sec_device_id d = {.size = sizeof(d)};
	struct azs_sec_mfg_state m = {.size = sizeof(m)};
	json_object *o;
	char hex[2 * AZS_DEVICE_ID_SIZE + 1], boot[64];
	FILE *f;

	if (sec_ioctl(AZS_SEC_IOC_GET_DEVICE_ID, &d) || sec_ioctl(AZS_SEC_IOC_GET_MFG_STATE, &m) ||
	    m.state > 2)
		return error(EIO, "cannot read the security state");
	for (int i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d.id[i]);
	o = json_object_new_object();
	json_object_object_add(o, "deviceIdentifier", json_object_new_string(hex));
	json_object_object_add(o, "manufacturingState", json_object_new_string(mfg_names[m.state]));
	f = fopen("/proc/sys/kernel/random/boot_id", "re");
	if (f && fgets(boot, sizeof(boot), f)) {
		boot[strcspn(boot, "\n")] = '\0';
		json_object_object_add(o, "bootId", json_object_new_string(boot));
	}
	if (f)
		fclose(f);
	return o;
}

static json_object *op_mfg(json_object *req, bool update)
{
	struct azs_sec_mfg_state m = {.size = sizeof(m)};
	const char *state = str_field(req, "state");
	json_object *o;
	int ret;

	if (update) {
		m.state = 3;
		for (unsigned int s = 1; state && s < 3; s++)
			if (!strcmp(state, mfg_names[s]))
				m.state = s;
		if (m.state == 3)
			return error(EINVAL, "state must be Module1Complete or DeviceComplete");
		ret = sec_ioctl(AZS_SEC_IOC_SET_MFG_STATE, &m);
		if (ret == -EPERM)
			return error(EPERM, "the manufacturing state can only move forward");
		if (ret)
			return error(-ret, strerror(-ret));
	}
	if (sec_ioctl(AZS_SEC_IOC_GET_MFG_STATE, &m) || m.state > 2)
		return error(EIO, "cannot read the manufacturing state");
	o = json_object_new_object();
	json_object_object_add(o, "manufacturingState", json_object_new_string(mfg_names[m.state]));
	return o;
}

static json_object *op_capabilities(void)
{
	struct azs_sec_caps c = {.size = sizeof(c)};
	json_object *o, *a;

	if (sec_ioctl(AZS_SEC_IOC_GET_CAPS, &c))
		return error(EIO, "cannot read the device capabilities");
	o = json_object_new_object();
	a = json_object_new_array();
	for (int v = 1; v < 64; v++)
		if (c.present & (1ull << v))
			json_object_array_add(a, json_object_new_int(v));
	json_object_object_add(o, "device_capabilities", a);
	json_object_object_add(o, "sequence", json_object_new_int64((int64_t)c.sequence));
	return o;
}

static const char *capfile_reason(uint32_t r)
{
	static const char *const why[] = {
		"accepted",
		"wrong length",
		"wrong magic",
		"unsupported version",
		"bad length or flags field",
		"sequence is 0",
		"unknown capability value",
		"capability listed twice",
		"reserved bytes not zero",
		"signed by an unknown key",
		"signature does not verify",
		"issued for another device",
		"not newer than the capability file in force",
	};

	return r < sizeof(why) / sizeof(why[0]) ? why[r] : "refused";
}

static json_object *op_capability_update(json_object *req)
{
	struct azs_sec_store_caps st = {.size = sizeof(st)};
	const char *hex = str_field(req, "file");
	unsigned char *file;
	size_t len;
	int ret;

	if (!hex || unhex(hex, &file, &len))
		return error(EINVAL, "capability-update needs \"file\": the file as hex");
	st.length = (uint32_t)len;
	st.data = (uintptr_t)file;
	ret = sec_ioctl(AZS_SEC_IOC_STORE_CAPS, &st);
	free(file);
	if (ret) {
		char text[160];

		snprintf(text, sizeof(text), "the capability file was refused: %s",
			 capfile_reason(st.reason));
		return error(-ret, text);
	}
	return op_capabilities();
}

static json_object *op_deploy(json_object *req)
{
	char path[] = "/tmp/sideload-XXXXXX";
	const char *hex = str_field(req, "package");
	unsigned char *pkg;
	json_object *resp;
	size_t len;
	int fd;

	if (!hex || unhex(hex, &pkg, &len))
		return error(EINVAL, "sideload-deploy needs \"package\": the package as hex");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, pkg, len) != (ssize_t)len) {
		free(pkg);
		if (fd >= 0)
			close(fd);
		unlink(path);
		return error(EIO, "cannot stage the package");
	}
	close(fd);
	free(pkg);
	resp = forward("install", "package", path);
	unlink(path);
	return resp;
}

/* Write LEN bytes of DATA as DIR/NAME (a new file). 0 or -errno. */
static int stage_file(const char *dir, const char *name, const unsigned char *data, size_t len)
{
	char path[PATH_MAX];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, data, len) != (ssize_t)len)
		ret = -EIO;
	close(fd);
	return ret;
}

/* A staged file's name: letters, digits, '.', '-', '_', not starting with '.'. */
static bool plain_name(const char *name)
{
	size_t n = strlen(name);

	if (!n || n > 64 || name[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return false;
	return true;
}

static void unstage(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(dir);
}

/*
 * A cloud update: the deployment (manifest and packages, as the cloud sent
 * them) is staged in a private directory and handed to the application
 * manager, which verifies and applies it (or refuses it: with appDevelopment,
 * or if anything in it does not verify).
 */
static json_object *op_cloud_update(json_object *req)
{
	char dir[] = "/tmp/cloud-update-XXXXXX";
	const char *hex = str_field(req, "manifest");
	json_object *pkgs, *resp = NULL;
	unsigned char *bytes;
	size_t len;
	int ret;

	if (!hex || !json_object_object_get_ex(req, "packages", &pkgs) ||
	    !json_object_is_type(pkgs, json_type_object))
		return error(EINVAL, "cloud-update needs \"manifest\" (hex) and \"packages\" "
				     "(an object: file name -> hex)");
	if (!mkdtemp(dir))
		return error(EIO, "cannot stage the deployment");
	ret = unhex(hex, &bytes, &len);
	if (!ret) {
		ret = stage_file(dir, "deployment.azsd", bytes, len);
		free(bytes);
	}
	if (ret)
		resp = error(EINVAL, "cloud-update: \"manifest\" is not hex");
	json_object_object_foreach(pkgs, name, val)
	{
		if (resp)
			break;
		if (!plain_name(name) || !strcmp(name, "deployment.azsd") ||
		    !json_object_is_type(val, json_type_string) ||
		    unhex(json_object_get_string(val), &bytes, &len)) {
			resp = error(EINVAL, "cloud-update: each package is \"FILE\": hex, FILE a "
					     "plain file name");
			break;
		}
		ret = stage_file(dir, name, bytes, len);
		free(bytes);
		if (ret)
			resp = error(-ret, "cannot stage the deployment");
	}
	if (!resp)
		resp = forward("cloud-update", "dir", dir);
	unstage(dir);
	return resp;
}

static json_object *handle(json_object *req, bool *restart)
{
	const char *op = str_field(req, "op");
	const char *cid = str_field(req, "componentId");

	if (!op)
		return error(EINVAL, "a request is an object with a string \"op\"");
	if (!strcmp(op, "show-attached"))
		return op_show_attached();
	if (!strcmp(op, "manufacturing-state"))
		return op_mfg(req, false);
	if (!strcmp(op, "manufacturing-state-update"))
		return op_mfg(req, true);
	if (!strcmp(op, "capabilities"))
		return op_capabilities();
	if (!strcmp(op, "capability-update"))
		return op_capability_update(req);
	if (!strcmp(op, "capability-clear")) {
		int ret = sec_ioctl(AZS_SEC_IOC_CLEAR_CAPS, NULL);

		return ret ? error(-ret, strerror(-ret)) : op_capabilities();
	}
	if (!strcmp(op, "sideload-deploy"))
		return op_deploy(req);
	if (!strcmp(op, "cloud-update"))
		return op_cloud_update(req);
	if (!strcmp(op, "app-status"))
		return forward("list", NULL, NULL);
	if (!strcmp(op, "restart")) {
		*restart = true;
		return json_object_new_object();
	}
	if (!strcmp(op, "sideload-delete") || !strcmp(op, "app-start") || !strcmp(op, "app-stop") ||
	    !strcmp(op, "app-logs")) {
		if (!cid)
			return error(EINVAL, "this request needs \"componentId\"");
		if (!has_app_development())
			return error(EPERM, NOT_PERMITTED);
		return forward(!strcmp(op, "sideload-delete") ? "remove"
			       : !strcmp(op, "app-start")     ? "start"
			       : !strcmp(op, "app-stop")      ? "stop"
							      : "logs",
			       "cid", cid);
	}
	return error(EOPNOTSUPP, "unknown op");
}

int main(void)
{
	char *line = malloc(MAX_LINE + 1);
	size_t len = 0;
	int fd;

	signal(SIGPIPE, SIG_IGN);
	if (!line)
		return 1;
	fd = open(CHANNEL, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "azs-gatewayd: %s: %s\n", CHANNEL, strerror(errno));
		return 1;
	}
	for (;;) {
		ssize_t n = read(fd, line + len, MAX_LINE - len);
		char *nl;

		if (n <= 0) {
			/* End of file while the host is not connected: wait. */
			usleep(200000);
			continue;
		}
		len += (size_t)n;
		while ((nl = memchr(line, '\n', len))) {
			json_tokener *tok = json_tokener_new();
			json_object *req, *resp, *id;
			const char *text;
			bool restart = false;
			size_t used = (size_t)(nl - line) + 1;

			req = json_tokener_parse_ex(tok, line, (int)(used - 1));
			if (!req || json_tokener_get_parse_end(tok) != used - 1)
				resp = error(EINVAL, "a request is one JSON object on one line");
			else
				resp = handle(req, &restart);
			if (req && json_object_object_get_ex(req, "id", &id))
				json_object_object_add(resp, "id", json_object_get(id));
			json_object_put(req);
			json_tokener_free(tok);
			text = json_object_to_json_string_ext(resp, JSON_C_TO_STRING_PLAIN);
			if (write(fd, text, strlen(text)) < 0 || write(fd, "\n", 1) < 0)
				fprintf(stderr, "azs-gatewayd: answer lost: %s\n", strerror(errno));
			json_object_put(resp);
			memmove(line, line + used, len - used);
			len -= used;
			if (restart) {
				sync();
				kill(1, SIGTERM);
			}
		}
		if (len == MAX_LINE) {
			static const char msg[] = "{\"error\":\"request too long\",\"errno\":90}\n";

			if (write(fd, msg, sizeof(msg) - 1) < 0)
				break;
			len = 0;
		}
	}
	return 1;
}
