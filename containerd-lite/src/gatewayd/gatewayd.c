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
 *   {"op":"hello"}                              {"hello":"azs-gatewayd","bootId":...}: the
 *                                               host's handshake before a request (a line
 *                                               sent while the device boots can be lost)
 *   {"op":"os-version"}                         {"osVersion","kernel"}
 *   {"op":"image-list"}                         the installed images
 *   {"op":"app-stats"[,"componentId":CID]}      memory (cgroup) and storage per app
 *   {"op":"net-status"} / {"op":"net-interfaces"}  the network interfaces
 *   {"op":"support-data"}                       uptime, boot count, the kernel log's tail
 *   {"op":"deviceauth-csr"}, {"op":"deviceauth-cert","cert":PEM}  the device's client
 *                                               certificate (the Security Service's path)
 *   {"op":"net-set","interface":"wlan0"|"eth0","state":"up"|"down"}
 *   {"op":"wifi-list"|"wifi-status"}, {"op":"wifi-add","ssid":S[,"psk":P][,"configName":N]},
 *   {"op":"wifi-remove","networkId":N}, {"op":"wifi-set","networkId":N,"enabled":B}
 *                                               the Wi-Fi store (the application manager's)
 *   {"op":"cert-list"|"cert-quota"}, {"op":"cert-show"|"cert-delete","certId":ID},
 *   {"op":"cert-add","certId":ID,"certType":"rootca"|"client","cert":PEM[,"key":PEM,
 *    "password":P]}                             the certificate store (the same)
 *   {"op":"wifi-scan"}                          what the simulated radio sees (the manager's)
 *   {"op":"proxy-show"|"proxy-delete"}, {"op":"proxy-apply",AZS_HC_PROXY_FIELDS as strings}
 *                                               the device's proxy (the manager's, as apps
 *                                               set it; it checks the values)
 *   {"op":"recover","image":HEX}                a signed recovery image: verified, staged
 *                                               in RECOVERY_DIR, then the device reboots;
 *                                               the shutdown step re-flashes the data
 *                                               region from it (docs/device.md, Recovery)
 *   {"op":"debug-io","data":HEX}                {"data":HEX[,"closed":true]}: relays the
 *                                               host debugger's bytes to the gdbserver of
 *                                               the app started in debug mode, and back
 *   sideload-deploy's "manualStart":true installs without starting; app-start's
 *   "debug":true (stopped under gdbserver) and debug-io need appDevelopment
 *
 * A request's "id" (any string) comes back in its answer, so a client can
 * tell its answer from a late one to an earlier request. show-attached also
 * gives the kernel's boot id (each boot has its own: restart waits for it to
 * change). Answers carry "error" (text) and "errno" on failure. As on the real
 * platform, starting, stopping and deleting apps needs the appDevelopment
 * device capability, and so does reading an app's output (debugging); which packages the device
 * trusts is decided by the application manager (SDK-signed only with appDevelopment).
 */
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
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <sys/klog.h>
#include <sys/utsname.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <azsphere/security.h>

#include "hostchan.h"

#define CHANNEL     "/dev/azs-channel"
#define APPMAN_SOCK "/run/azsphere/appman.sock"
#define DEBUG_SOCK  "/run/azsphere/debug.sock" /* appmand's, for the app in debug mode */
#define DEBUG_CHUNK 65536
#define MAX_LINE    (24u << 20) /* hex: a 4 MiB package, or a deployment of up to 12 MiB */
/* The platform's release, as show-os-version reports it. */
#define OS_VERSION "26.12"
#define RECOVERY_DIR  "/run/azsphere/recovery"
#define RECOVERY_FILE RECOVERY_DIR "/recovery.azsr"
#define LOADER        "/sbin/azs-verified-loader"
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

/* The connection to the debug-mode app's gdbserver, across debug-io requests. */
static int debug_fd = -1;

/*
 * One round of the relay: the host debugger's bytes to gdbserver, then what
 * gdbserver says within a short wait (the host polls with empty data while
 * it waits for the app to stop).
 */
static json_object *op_debug_io(const struct azs_hc_request *req)
{
	static uint8_t buf[DEBUG_CHUNK];
	static char hex[2 * DEBUG_CHUNK + 1];
	size_t got = 0, off = 0;
	bool closed = false;
	json_object *o;

	if (debug_fd < 0) {
		struct sockaddr_un sa = {.sun_family = AF_UNIX};

		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", DEBUG_SOCK);
		debug_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (debug_fd < 0 || connect(debug_fd, (struct sockaddr *)&sa, sizeof(sa))) {
			if (debug_fd >= 0)
				close(debug_fd);
			debug_fd = -1;
			return error(ENOENT, "no app waits for a debugger (start one with "
					     "azsphere device app start --debug-mode)");
		}
	}
	while (off < req->data_len) {
		ssize_t n = write(debug_fd, req->data + off, req->data_len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			closed = true;
			break;
		}
		off += (size_t)n;
	}
	/* Up to 200 ms for the first bytes, then whatever follows within 20 ms. */
	while (!closed && got < sizeof(buf)) {
		struct pollfd p = {.fd = debug_fd, .events = POLLIN};
		ssize_t n;

		if (poll(&p, 1, got ? 20 : 200) <= 0)
			break;
		n = read(debug_fd, buf + got, sizeof(buf) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			closed = true;
		else
			got += (size_t)n;
	}
	for (size_t i = 0; i < got; i++)
		snprintf(hex + 2 * i, 3, "%02x", buf[i]);
	hex[2 * got] = '\0';
	o = json_object_new_object();
	json_object_object_add(o, "data", json_object_new_string(hex));
	if (closed) {
		close(debug_fd);
		debug_fd = -1;
		json_object_object_add(o, "closed", json_object_new_boolean(1));
	}
	return o;
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

static json_object *op_mfg(const struct azs_hc_request *req, bool update)
{
	struct azs_sec_mfg_state m = {.size = sizeof(m)};
	json_object *o;
	int ret;

	if (update) {
		m.state = req->mfg_state;
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

static json_object *op_capability_update(const struct azs_hc_request *req)
{
	struct azs_sec_store_caps st = {.size = sizeof(st)};
	int ret;

	st.length = req->data_len > UINT32_MAX ? UINT32_MAX : (uint32_t)req->data_len;
	st.data = (uintptr_t)req->data;
	ret = sec_ioctl(AZS_SEC_IOC_STORE_CAPS, &st);
	if (ret) {
		char text[160];

		snprintf(text, sizeof(text), "the capability file was refused: %s",
			 capfile_reason(st.reason));
		return error(-ret, text);
	}
	return op_capabilities();
}

static json_object *op_deploy(const struct azs_hc_request *req)
{
	char path[] = "/tmp/sideload-XXXXXX";
	json_object *resp, *fwd;
	int fd;

	fd = mkstemp(path);
	if (fd < 0 || write(fd, req->data, req->data_len) != (ssize_t)req->data_len) {
		if (fd >= 0)
			close(fd);
		unlink(path);
		return error(EIO, "cannot stage the package");
	}
	close(fd);
	fwd = json_object_new_object();
	json_object_object_add(fwd, "op", json_object_new_string("install"));
	json_object_object_add(fwd, "package", json_object_new_string(path));
	if (req->manual_start)
		json_object_object_add(fwd, "manualStart", json_object_new_boolean(1));
	resp = appman(fwd);
	json_object_put(fwd);
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

static void add_boot_id(json_object *o);

/* DATA as PATH: a temporary name, fsync, rename, the directory fsync'd. 0 or -errno. */
static int write_atomic(const char *dir, const char *path, const uint8_t *data, size_t len)
{
	char tmp[PATH_MAX];
	size_t off = 0;
	int fd, dfd, ret = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	while (!ret && off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			ret = n < 0 ? -errno : -EIO;
		else
			off += (size_t)n;
	}
	if (!ret && fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -EIO;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		return ret;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd))
		ret = -errno;
	if (dfd >= 0)
		close(dfd);
	return ret;
}

/*
 * The boot chain's loader checks the staged image (signature with the
 * security monitor's platform key, format): 0, or -EKEYREJECTED with its
 * reason in WHY.
 */
static int loader_check(const char *path, char *why, size_t size)
{
	int pfd[2];
	pid_t pid;
	ssize_t n;
	size_t got = 0;
	int status;

	why[0] = '\0';
	if (pipe2(pfd, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -errno;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

		if (dup2(pfd[1], STDERR_FILENO) < 0 || null < 0 || dup2(null, STDOUT_FILENO) < 0)
			_exit(127);
		execl(LOADER, LOADER, "recovery", "--check", path, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	while (got + 1 < size && (n = read(pfd[0], why + got, size - 1 - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		got += (size_t)n;
	}
	why[got] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	why[strcspn(why, "\n")] = '\0';
	if (!why[0])
		snprintf(why, size, "%s did not run", LOADER);
	return -EKEYREJECTED;
}

/*
 * device recover: the image is staged and verified before anything of the
 * device changes; a refused image is removed again and nothing else is
 * touched. A verified one stays staged and the device reboots: the shutdown
 * step verifies it once more and writes its data region to the flash.
 */
static json_object *op_recover(const struct azs_hc_request *req, bool *restart)
{
	char why[512];
	const char *p;
	json_object *o;
	int ret;

	if (mkdir(RECOVERY_DIR, 0700) && errno != EEXIST)
		return error(errno, "cannot stage the recovery image");
	ret = write_atomic(RECOVERY_DIR, RECOVERY_FILE, req->data, req->data_len);
	if (ret) {
		unlink(RECOVERY_FILE);
		return error(-ret, "cannot stage the recovery image");
	}
	ret = loader_check(RECOVERY_FILE, why, sizeof(why));
	if (ret) {
		unlink(RECOVERY_FILE);
		/* The loader's line reads "azs-verified-loader: FIELD: REASON". */
		p = strncmp(why, "azs-verified-loader: ", 21) ? why : why + 21;
		o = error(-ret, p[0] ? p : "the recovery image was refused");
		json_object_object_add(o, "field", json_object_new_string("image"));
		return o;
	}
	fprintf(stderr, "azs-gatewayd: recovery image verified (%zu bytes): rebooting to "
			"re-flash\n",
		req->data_len);
	*restart = true;
	o = json_object_new_object();
	json_object_object_add(o, "recovering", json_object_new_boolean(1));
	add_boot_id(o);
	return o;
}

/*
 * A cloud update: the deployment (manifest and packages, as the cloud sent
 * them) is staged in a private directory and handed to the application
 * manager, which verifies and applies it (or refuses it: with appDevelopment,
 * or if anything in it does not verify).
 */
static json_object *op_cloud_update(const struct azs_hc_request *req)
{
	char dir[] = "/tmp/cloud-update-XXXXXX";
	json_object *resp = NULL;
	uint8_t *bytes;
	size_t len;
	int ret;

	if (!mkdtemp(dir))
		return error(EIO, "cannot stage the deployment");
	ret = stage_file(dir, "deployment.azsd", req->data, req->data_len);
	if (ret)
		resp = error(-ret, "cannot stage the deployment");
	json_object_object_foreach(req->packages, name, val)
	{
		if (resp)
			break;
		/* Names and hex were checked by azs_hc_decode(). */
		ret = azs_hc_unhex(json_object_get_string(val), &bytes, &len);
		if (!ret) {
			ret = stage_file(dir, name, bytes, len);
			free(bytes);
		}
		if (ret)
			resp = error(-ret, "cannot stage the deployment");
	}
	if (!resp)
		resp = forward("cloud-update", "dir", dir);
	unstage(dir);
	return resp;
}

static void add_boot_id(json_object *o)
{
	char boot[64];
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");

	if (f && fgets(boot, sizeof(boot), f)) {
		boot[strcspn(boot, "\n")] = '\0';
		json_object_object_add(o, "bootId", json_object_new_string(boot));
	}
	if (f)
		fclose(f);
}

static json_object *op_hello(void)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "hello", json_object_new_string("azs-gatewayd"));
	add_boot_id(o);
	return o;
}

static json_object *op_os_version(void)
{
	json_object *o = json_object_new_object();
	struct utsname u;

	json_object_object_add(o, "osVersion", json_object_new_string(OS_VERSION));
	if (!uname(&u))
		json_object_object_add(o, "kernel", json_object_new_string(u.release));
	return o;
}

/* The application manager's list, its apps filtered to CID (if not NULL). */
static json_object *app_list(const char *cid, bool *found)
{
	json_object *resp = forward("list", NULL, NULL), *apps, *keep, *v;

	*found = false;
	if (!json_object_object_get_ex(resp, "apps", &apps))
		return resp;
	keep = json_object_new_array();
	for (size_t i = 0; i < json_object_array_length(apps); i++) {
		json_object *a = json_object_array_get_idx(apps, i);

		if (cid && !(json_object_object_get_ex(a, "cid", &v) &&
			     !strcasecmp(json_object_get_string(v), cid)))
			continue;
		*found = true;
		json_object_array_add(keep, json_object_get(a));
	}
	json_object_object_add(resp, "apps", keep);
	return resp;
}

static json_object *op_app_stats(const struct azs_hc_request *req)
{
	bool found;
	json_object *resp = app_list(req->component_id, &found);

	if (req->component_id && !found && json_object_object_get_ex(resp, "apps", NULL)) {
		json_object_put(resp);
		return error(ENOENT, "no such app installed");
	}
	return resp;
}

/* The installed images: the apps' packages (the platform's own are in the boot bundle). */
static json_object *op_image_list(void)
{
	bool found;
	json_object *resp = app_list(NULL, &found), *apps, *o, *images, *v0;

	if (!json_object_object_get_ex(resp, "apps", &apps))
		return resp;
	o = json_object_new_object();
	images = json_object_new_array();
	for (size_t i = 0; i < json_object_array_length(apps); i++) {
		json_object *a = json_object_array_get_idx(apps, i), *e = json_object_new_object(),
			    *v;

		if (json_object_object_get_ex(a, "cid", &v))
			json_object_object_add(e, "cid", json_object_get(v));
		if (json_object_object_get_ex(a, "name", &v))
			json_object_object_add(e, "name", json_object_get(v));
		json_object_object_add(e, "imageType", json_object_new_string("Applications"));
		json_object_array_add(images, e);
	}
	json_object_object_add(o, "images", images);
	json_object_put(resp);
	/* What the last applied cloud deployment targets (the manager's record). */
	resp = forward("targeted", NULL, NULL);
	if (!json_object_object_get_ex(resp, "images", &images)) {
		json_object_put(o);
		return resp;
	}
	json_object_object_add(o, "targeted", json_object_get(images));
	if (json_object_object_get_ex(resp, "deployment", &v0))
		json_object_object_add(o, "deployment", json_object_get(v0));
	json_object_put(resp);
	return o;
}

static json_object *interfaces(void)
{
	json_object *list = json_object_new_array();
	struct ifaddrs *ifs = NULL;
	struct if_nameindex *names = if_nameindex();

	getifaddrs(&ifs);
	for (struct if_nameindex *n = names; n && n->if_index; n++) {
		json_object *e = json_object_new_object(), *addrs = json_object_new_array();
		char path[128], mac[32] = "";
		bool up = false;
		FILE *f;

		for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
			char text[INET6_ADDRSTRLEN];

			if (strcmp(i->ifa_name, n->if_name))
				continue;
			up |= (i->ifa_flags & IFF_UP) != 0;
			if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET &&
			    inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, text,
				      sizeof(text)))
				json_object_array_add(addrs, json_object_new_string(text));
		}
		snprintf(path, sizeof(path), "/sys/class/net/%s/address", n->if_name);
		f = fopen(path, "re");
		if (f && fgets(mac, sizeof(mac), f))
			mac[strcspn(mac, "\n")] = '\0';
		if (f)
			fclose(f);
		json_object_object_add(e, "interfaceName", json_object_new_string(n->if_name));
		json_object_object_add(e, "interfaceUp", json_object_new_boolean(up));
		json_object_object_add(e, "ipAddresses", addrs);
		json_object_object_add(e, "hardwareAddress", json_object_new_string(mac));
		json_object_array_add(list, e);
	}
	if (ifs)
		freeifaddrs(ifs);
	if (names)
		if_freenameindex(names);
	return list;
}

static json_object *op_net(bool status)
{
	json_object *o = json_object_new_object(), *list = interfaces();
	bool connected = false;

	if (!status) {
		json_object_object_add(o, "interfaces", list);
		return o;
	}
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *e = json_object_array_get_idx(list, i), *v, *a;

		if (json_object_object_get_ex(e, "interfaceName", &v) &&
		    strcmp(json_object_get_string(v), "lo") &&
		    json_object_object_get_ex(e, "ipAddresses", &a) && json_object_array_length(a))
			connected = true;
	}
	json_object_object_add(o, "networkConnected", json_object_new_boolean(connected));
	json_object_object_add(o, "interfaces", list);
	return o;
}

/* For get-support-data: uptime, boots, the kernel log's tail (seccomp denials, OOM kills). */
static json_object *op_support_data(void)
{
	static char klog[16384];
	json_object *o = json_object_new_object();
	char buf[64];
	FILE *f;
	int n;

	add_boot_id(o);
	f = fopen("/proc/uptime", "re");
	if (f && fgets(buf, sizeof(buf), f))
		json_object_object_add(o, "uptime", json_object_new_int64(strtoll(buf, NULL, 10)));
	if (f)
		fclose(f);
	f = fopen("/mnt/flash/boot-count", "re");
	if (f && fgets(buf, sizeof(buf), f))
		json_object_object_add(o, "bootCount",
				       json_object_new_int64(strtoll(buf, NULL, 10)));
	if (f)
		fclose(f);
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, klog, sizeof(klog) - 1);
	if (n > 0) {
		klog[n] = '\0';
		json_object_object_add(o, "kernelLog", json_object_new_string(klog));
	}
	return o;
}

/* Wi-Fi: the application manager keeps the store (its wifi.c). */
static json_object *op_wifi(const struct azs_hc_request *req)
{
	static const char *const ops[AZS_HC_OP_COUNT] = {
		[AZS_HC_WIFI_LIST] = "wifi-list",
		[AZS_HC_WIFI_ADD] = "wifi-add",
		[AZS_HC_WIFI_REMOVE] = "wifi-remove",
		[AZS_HC_WIFI_SET] = "wifi-set",
	};
	json_object *fwd = json_object_new_object(), *resp;

	json_object_object_add(fwd, "op", json_object_new_string(ops[req->op]));
	if (req->op == AZS_HC_WIFI_ADD) {
		json_object_object_add(fwd, "ssid", json_object_new_string(req->ssid));
		if (req->psk)
			json_object_object_add(fwd, "psk", json_object_new_string(req->psk));
		if (req->config_name)
			json_object_object_add(fwd, "configName",
					       json_object_new_string(req->config_name));
	}
	if (req->op == AZS_HC_WIFI_REMOVE || req->op == AZS_HC_WIFI_SET)
		json_object_object_add(fwd, "networkId", json_object_new_int(req->network_id));
	if (req->op == AZS_HC_WIFI_SET)
		json_object_object_add(fwd, "enabled", json_object_new_boolean(req->enabled));
	resp = appman(fwd);
	json_object_put(fwd);
	return resp;
}

/* network enable|disable: the interface up or down (its addresses are netif.c's business). */
static json_object *op_net_set(const struct azs_hc_request *req)
{
	struct ifreq ifr = {0};
	json_object *list, *o = NULL, *v;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ret = 0;

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", req->interface);
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr))
		ret = errno == ENODEV ? -ENODEV : -errno;
	if (!ret) {
		if (req->enabled)
			ifr.ifr_flags |= IFF_UP;
		else
			ifr.ifr_flags &= ~IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr))
			ret = -errno;
	}
	if (fd >= 0)
		close(fd);
	if (ret == -ENODEV)
		return error(ENODEV, "the device has no such network interface");
	if (ret)
		return error(-ret, strerror(-ret));
	list = interfaces();
	for (size_t i = 0; i < json_object_array_length(list) && !o; i++) {
		json_object *e = json_object_array_get_idx(list, i);

		if (json_object_object_get_ex(e, "interfaceName", &v) &&
		    !strcmp(json_object_get_string(v), req->interface))
			o = json_object_get(e);
	}
	json_object_put(list);
	return o ? o : error(EIO, "the interface is gone");
}

/* The certificate store: the application manager's (its certstore.c). */
static json_object *op_cert(const struct azs_hc_request *req)
{
	static const char *const ops[AZS_HC_OP_COUNT] = {
		[AZS_HC_CERT_LIST] = "cert-list", [AZS_HC_CERT_QUOTA] = "cert-quota",
		[AZS_HC_CERT_SHOW] = "cert-show", [AZS_HC_CERT_DELETE] = "cert-delete",
		[AZS_HC_CERT_ADD] = "cert-add",
	};
	const char *const fields[][2] = {
		{"certId", req->cert_id}, {"certType", req->cert_type}, {"cert", req->cert},
		{"key", req->key},        {"password", req->password},
	};
	json_object *fwd = json_object_new_object(), *resp;

	json_object_object_add(fwd, "op", json_object_new_string(ops[req->op]));
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i][1])
			json_object_object_add(fwd, fields[i][0],
					       json_object_new_string(fields[i][1]));
	resp = appman(fwd);
	json_object_put(fwd);
	return resp;
}

/* The device's network proxy: the application manager's (its netif.c), as apps set it. */
static json_object *op_proxy(const struct azs_hc_request *req)
{
	static const char *const fields[] = {AZS_HC_PROXY_FIELDS};
	json_object *fwd = json_object_new_object(), *resp, *v;

	json_object_object_add(fwd, "op",
			       json_object_new_string(req->op == AZS_HC_PROXY_SHOW ? "proxy-show"
						      : req->op == AZS_HC_PROXY_APPLY
							      ? "proxy-apply"
							      : "proxy-delete"));
	if (req->op == AZS_HC_PROXY_APPLY)
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (json_object_object_get_ex(req->root, fields[i], &v))
				json_object_object_add(fwd, fields[i], json_object_get(v));
	resp = appman(fwd);
	json_object_put(fwd);
	return resp;
}

/* The device's client certificate: the application manager's (its deviceauth.c). */
static json_object *op_deviceauth(const struct azs_hc_request *req)
{
	json_object *fwd = json_object_new_object(), *resp;
	bool cert = req->op == AZS_HC_DEVICEAUTH_CERT;

	json_object_object_add(fwd, "op",
			       json_object_new_string(cert ? "deviceauth-cert" : "deviceauth-csr"));
	if (cert)
		json_object_object_add(fwd, "cert", json_object_new_string(req->cert));
	resp = appman(fwd);
	json_object_put(fwd);
	return resp;
}

/* The Wi-Fi interface (wlan0) and how many networks are stored. */
static json_object *op_wifi_status(void)
{
	json_object *list = interfaces(), *o = NULL, *nets, *v;
	json_object *req = json_object_new_object();

	for (size_t i = 0; i < json_object_array_length(list) && !o; i++) {
		json_object *e = json_object_array_get_idx(list, i);

		if (json_object_object_get_ex(e, "interfaceName", &v) &&
		    !strcmp(json_object_get_string(v), "wlan0"))
			o = json_object_get(e);
	}
	json_object_put(list);
	if (!o)
		o = error(ENODEV, "the device has no Wi-Fi interface (wlan0)");
	json_object_object_add(req, "op", json_object_new_string("wifi-list"));
	nets = appman(req);
	json_object_put(req);
	if (json_object_object_get_ex(nets, "networks", &v) &&
	    !json_object_object_get_ex(o, "error", NULL))
		json_object_object_add(o, "storedNetworks",
				       json_object_new_int((int)json_object_array_length(v)));
	json_object_put(nets);
	return o;
}

static json_object *handle(const struct azs_hc_request *req, bool *restart)
{
	static const char *const appman_op[AZS_HC_OP_COUNT] = {
		[AZS_HC_SIDELOAD_DELETE] = "remove",
		[AZS_HC_APP_START] = "start",
		[AZS_HC_APP_STOP] = "stop",
		[AZS_HC_APP_LOGS] = "logs",
	};
	int ret;

	switch (req->op) {
	case AZS_HC_SHOW_ATTACHED:
		return op_show_attached();
	case AZS_HC_MFG_STATE:
		return op_mfg(req, false);
	case AZS_HC_MFG_STATE_UPDATE:
		return op_mfg(req, true);
	case AZS_HC_CAPABILITIES:
		return op_capabilities();
	case AZS_HC_CAPABILITY_UPDATE:
		return op_capability_update(req);
	case AZS_HC_CAPABILITY_CLEAR:
		ret = sec_ioctl(AZS_SEC_IOC_CLEAR_CAPS, NULL);
		return ret ? error(-ret, strerror(-ret)) : op_capabilities();
	case AZS_HC_SIDELOAD_DEPLOY:
		return op_deploy(req);
	case AZS_HC_CLOUD_UPDATE:
		return op_cloud_update(req);
	case AZS_HC_APP_STATUS:
		return forward("list", NULL, NULL);
	case AZS_HC_RESTART:
		*restart = true;
		return json_object_new_object();
	case AZS_HC_RECOVER:
		return op_recover(req, restart);
	case AZS_HC_WIFI_SCAN:
		return forward("wifi-scan", NULL, NULL);
	case AZS_HC_PROXY_SHOW:
	case AZS_HC_PROXY_APPLY:
	case AZS_HC_PROXY_DELETE:
		return op_proxy(req);
	case AZS_HC_HELLO:
		return op_hello();
	case AZS_HC_OS_VERSION:
		return op_os_version();
	case AZS_HC_IMAGE_LIST:
		return op_image_list();
	case AZS_HC_APP_STATS:
		return op_app_stats(req);
	case AZS_HC_NET_STATUS:
	case AZS_HC_NET_INTERFACES:
		return op_net(req->op == AZS_HC_NET_STATUS);
	case AZS_HC_SUPPORT_DATA:
		return op_support_data();
	case AZS_HC_WIFI_LIST:
	case AZS_HC_WIFI_ADD:
	case AZS_HC_WIFI_REMOVE:
	case AZS_HC_WIFI_SET:
		return op_wifi(req);
	case AZS_HC_WIFI_STATUS:
		return op_wifi_status();
	case AZS_HC_NET_SET:
		return op_net_set(req);
	case AZS_HC_DEVICEAUTH_CSR:
	case AZS_HC_DEVICEAUTH_CERT:
		return op_deviceauth(req);
	case AZS_HC_CERT_LIST:
	case AZS_HC_CERT_QUOTA:
	case AZS_HC_CERT_SHOW:
	case AZS_HC_CERT_DELETE:
	case AZS_HC_CERT_ADD:
		return op_cert(req);
	case AZS_HC_SIDELOAD_DELETE:
	case AZS_HC_APP_START:
	case AZS_HC_APP_STOP:
	case AZS_HC_APP_LOGS:
		if (!has_app_development())
			return error(EPERM, req->debug ? "debug mode needs the appDevelopment "
							 "capability: " NOT_PERMITTED
						       : NOT_PERMITTED);
		if (req->debug) {
			json_object *fwd = json_object_new_object(), *resp;

			/* A new debug session: the last one's connection is stale. */
			if (debug_fd >= 0)
				close(debug_fd);
			debug_fd = -1;
			json_object_object_add(fwd, "op", json_object_new_string("start"));
			json_object_object_add(fwd, "cid",
					       json_object_new_string(req->component_id));
			json_object_object_add(fwd, "debug", json_object_new_boolean(1));
			resp = appman(fwd);
			json_object_put(fwd);
			return resp;
		}
		return forward(appman_op[req->op], "cid", req->component_id);
	case AZS_HC_DEBUG_IO:
		if (!has_app_development())
			return error(
				EPERM,
				"debugging needs the appDevelopment capability: " NOT_PERMITTED);
		return op_debug_io(req);
	default:
		return error(EOPNOTSUPP, "unknown op");
	}
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
			struct azs_hc_request req;
			json_object *resp;
			const char *text;
			bool restart = false;
			size_t used = (size_t)(nl - line) + 1;
			char why[256];
			int ret;

			ret = azs_hc_decode(line, used - 1, &req, why, sizeof(why));
			resp = ret ? error(ret, why) : handle(&req, &restart);
			if (req.id)
				json_object_object_add(resp, "id", json_object_get(req.id));
			azs_hc_request_free(&req);
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
