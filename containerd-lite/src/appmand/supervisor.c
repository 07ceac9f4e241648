// SPDX-License-Identifier: MIT
/*
 * Runs each app in its sandbox and watches it: the app's output goes to its
 * log ring, seccomp denials are answered and logged naming the syscall, an
 * exit is followed by a restart with backoff until the app crash-loops.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <azs/cleanup.h>

#include "app_libs.h"
#include "deployment.h"
#include "deviceauth.h"
#include "image_cache.h"
#include "network.h"
#include "platform.h"
#include "rtcore.h"
#include "runtime.h"
#include "store.h"
#include "file_read.h"
#include "supervisor.h"
#include "util.h"
#include "launch.h"
#include "seccomp_notify.h"
#include "seccomp_policy.h"

#define CGROUP_ROOT   "/sys/fs/cgroup"
#define CGROUP_PARENT APPMAND_CGROUP_PARENT
#define STOP_GRACE_MS 2000
#define MAX_DEVICES   16
/* Runs that reuse one Landlock ruleset: each adds two rules whose inodes are gone after it. */
#define LANDLOCK_REUSE_MAX 32

/* What a running app's sandbox needs to outlive its start call. */
struct running {
	struct azs_sandbox sb;
	struct azs_sandbox_config cfg;
	char root[PATH_MAX], storage[PATH_MAX], cert[PATH_MAX];
	char dev_paths[MAX_DEVICES][64], dev_names[MAX_DEVICES][32];
	const char *argv[AZS_MANIFEST_MAX_CMD_ARGS + 2];
	char hosts[4096]; /* the app's /etc/hosts, if it has network capabilities */
	char sys_app[AZS_SANDBOX_MAX_SYSFS][PATH_MAX], sys_host[AZS_SANDBOX_MAX_SYSFS][PATH_MAX];
	int log_w;        /* write end of the log pipe, for seccomp denial lines */
	unsigned int gen; /* the app's kept_gen when its pid 1 was made */
};

/*
 * A running app's bookkeeping is ~80 KiB, mostly path buffers it rarely
 * fills (sysfs grants, devices): mapped anonymously, only the pages written
 * cost memory (calloc would clear, so touch, every page of it).
 */
static struct running *running_new(void)
{
	void *p = mmap(NULL, sizeof(struct running), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void running_free(struct running *r)
{
	munmap(r, sizeof(*r));
}

int supervisor_init(void)
{
	int ret;

	/* One cgroup per app under ours, with memory, pids and cpu limits. */
	mkdir(CGROUP_PARENT, 0755);
	appmand_write_text(CGROUP_ROOT "/cgroup.subtree_control", "+memory +pids +cpu");
	ret = appmand_write_text(CGROUP_PARENT "/cgroup.subtree_control", "+memory +pids +cpu");
	if (ret)
		fprintf(stderr, "appmand: cgroup controllers: %s\n", strerror(-ret));

	return 0;
}

/*
 * The filters compiled when the image was built (azs-seccomp-precompile),
 * beside the policy: POLICY.bpf for POLICY.json. A cache of what the daemon
 * would compile itself, used only if it is of this architecture and of the
 * policy bytes TEXT just validated; anything else leaves the lazy compile.
 * The file is read into a buffer once (never mapped), then parsed.
 */
/* Larger than any well-formed file: every grant set at BPF_MAXINSNS. */
#define PRECOMPILED_MAX ((AZS_SECCOMP_GRANTS_ALL + 1) * (4 + BPF_MAXINSNS * 8) + 4096)

static void use_precompiled(struct appmand *d, struct azs_seccomp_policy *policy, const char *text,
			    size_t len)
{
	char path[512];
	const char *reason = NULL;
	size_t base = strlen(d->policy_path);
	uint8_t sha[AZS_DEPLOY_SHA256_SIZE];
	struct azs_file_data f = {0};
	int ret;

	if (base > 5 && !strcmp(d->policy_path + base - 5, ".json"))
		base -= 5;
	if (snprintf(path, sizeof(path), "%.*s.bpf", (int)base, d->policy_path) >=
	    (int)sizeof(path)) {
		fprintf(stderr, "appmand: precompiled seccomp filters: path too long; compiling\n");
		return;
	}
	ret = azs_file_read(path, PRECOMPILED_MAX, &f);
	if (ret || azs_sha256((const uint8_t *)text, len, sha)) {
		fprintf(stderr, "appmand: precompiled seccomp filters %s: %s; compiling\n", path,
			ret == -EFBIG ? "too large" : strerror(ret ? -ret : ENOMEM));
		azs_file_data_free(&f);
		return;
	}
	ret = azs_seccomp_policy_bpf_use(policy, (const uint8_t *)f.data, f.len, sha, &reason);
	azs_file_data_free(&f);
	if (ret) {
		fprintf(stderr, "appmand: precompiled seccomp filters %s: %s; compiling\n", path,
			reason);
		return;
	}
	fprintf(stderr, "appmand: seccomp filters of every grant set from %s\n", path);
}

/*
 * The app policy, read and validated at the first start after the daemon's
 * (not at its start): a daemon with no app to run keeps neither the
 * compiler's heap nor the pages of its code and tables. A policy that doesn't
 * compile fails the start (nothing runs unfiltered) and is tried again at the
 * next.
 */
static int app_filter(struct appmand *d, struct app *a)
{
	struct azs_seccomp_policy *policy;
	azs_cleanup(azs_freep) char *text = NULL;
	size_t len;
	int ret;

	if (d->seccomp)
		return 0;
	ret = azs_seccomp_policy_compile_file_lazy_text(d->policy_path, &policy, &text, &len);
	if (ret) {
		fprintf(stderr, "appmand: seccomp policy %s: %s\n", d->policy_path, strerror(-ret));
		app_log(a, "cannot start: the seccomp policy %s does not compile: %s",
			d->policy_path, strerror(-ret));
		return ret;
	}
	use_precompiled(d, policy, text, len);
	d->seccomp = policy;
	return 0;
}

/*
 * The filter of CFG's grant set, compiled when the first app with that set
 * starts (one of the eight, usually: libseccomp's compilation of all eight
 * was most of the first app's start at boot). The same failure rule.
 */
static int app_filter_for(struct appmand *d, struct app *a, const struct azs_sandbox_config *cfg)
{
	unsigned int grants = azs_sandbox_seccomp_grants(cfg);
	int ret = azs_seccomp_policy_prepare(d->seccomp, grants);

	if (ret)
		app_log(a,
			"cannot start: the seccomp policy %s does not compile for grants 0x%x: %s",
			d->policy_path, grants, strerror(-ret));
	return ret;
}

static void close_fd(struct appmand *d, int *fd)
{
	if (*fd >= 0) {
		appmand_unwatch(d, *fd);
		close(*fd);
		*fd = -1;
	}
}

/*
 * The app's seccomp listener is the sandbox's (a->listener is its number, to
 * match events): closed through the sandbox, so that its release doesn't
 * close the number again after it has been reused (a control connection
 * was closed that way when an app's tasks ended before the app did).
 */
static void listener_close(struct appmand *d, struct app *a)
{
	if (a->listener < 0)
		return;
	appmand_unwatch(d, a->listener);
	azs_sandbox_close_listener(&((struct running *)a->sandbox)->sb);
	a->listener = -1;
}

/*
 * Debug mode, once: gdbserver's tree and a listening socket at DEBUG_SOCK
 * (root's: azs-gatewayd relays the host's debugger to it); the sandbox's app
 * process accepts one connection and runs gdbserver on it.
 */
static int debug_listen(struct app *a, struct azs_sandbox_config *cfg)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	a->debug_next = false;
	if (access(GDBSERVER_DIR "/gdbserver", X_OK)) {
		snprintf(a->why, sizeof(a->why), "debug mode: no gdbserver in this image");
		return -EOPNOTSUPP;
	}
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", DEBUG_SOCK);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(DEBUG_SOCK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || chmod(DEBUG_SOCK, 0600) ||
	    listen(fd, 1)) {
		int ret = -errno;

		close(fd);
		snprintf(a->why, sizeof(a->why), "debug mode: cannot listen at %s", DEBUG_SOCK);
		return ret;
	}
	cfg->debug_dir = GDBSERVER_DIR;
	cfg->debug_fd = fd;
	cfg->memory_max += DEBUG_MEMORY;
	app_log(a, "debug mode: stopped under gdbserver until a debugger connects");
	return 0;
}

static int prepare(struct appmand *d, struct app *a, struct running *r, int out_w)
{
	struct azs_sandbox_config *cfg = &r->cfg;
	size_t n_dev = 0, i;
	int ret;

	azs_sandbox_config_init(cfg);
	cfg->name = a->cid.str;
	cfg->uid = a->uid;
	cfg->gid = a->uid;
	if (a->packaged)
		snprintf(r->root, sizeof(r->root), "%s", a->mount_path);
	else if (snprintf(r->root, sizeof(r->root), "%s/image", a->dir) >= (int)sizeof(r->root))
		return -ENAMETOOLONG;
	cfg->root_fd = -1;
	cfg->root_path = r->root;
	r->argv[0] = a->manifest.entry_point;
	for (i = 0; i < a->manifest.n_cmd_args; i++)
		r->argv[i + 1] = a->manifest.cmd_args[i];
	r->argv[i + 1] = NULL;
	cfg->argv = r->argv;

	platform_device_paths(a, r->dev_paths, r->dev_names, MAX_DEVICES, &n_dev);
	for (i = 0; i < n_dev && i < AZS_SANDBOX_MAX_DEVICES; i++) {
		cfg->devices[i].host_path = r->dev_paths[i];
		cfg->devices[i].name = r->dev_names[i];
	}
	cfg->n_devices = i;
	ret = platform_sysfs(a, r->sys_app, r->sys_host, AZS_SANDBOX_MAX_SYSFS, &n_dev);
	if (ret) {
		app_log(a, "cannot give the app its PWM/ADC controllers: %s", strerror(-ret));
		return ret;
	}
	for (i = 0; i < n_dev; i++) {
		cfg->sysfs[i].host_path = r->sys_host[i];
		cfg->sysfs[i].app_path = r->sys_app[i];
	}
	cfg->n_sysfs = n_dev;

	if (a->manifest.caps.mutable_storage_kb) {
		char parent[PATH_MAX];

		if (snprintf(parent, sizeof(parent), "%s/storage", d->state_dir) >=
			    (int)sizeof(parent) ||
		    snprintf(r->storage, sizeof(r->storage), "%s/%s", parent, a->cid.str) >=
			    (int)sizeof(r->storage))
			return -ENAMETOOLONG;
		mkdir(parent, 0711);
		if (mkdir(r->storage, 0700) && errno != EEXIST)
			return -errno;
		if (chown(r->storage, a->uid, a->uid))
			return -errno;
		cfg->storage_dir = r->storage;
		cfg->storage_kb = a->manifest.caps.mutable_storage_kb;
	}
	/* The platform's shared libraries for apps, at /lib (docs/sdk.md). */
	if (!access(APP_LIBS_DIR, F_OK))
		cfg->libs_dir = APP_LIBS_DIR;
	/* The device's client certificate, for DeviceAuthentication apps, once issued. */
	if (a->manifest.caps.device_authentication) {
		if (snprintf(r->cert, sizeof(r->cert), "%s/" DEVICEAUTH_CERT, d->state_dir) >=
		    (int)sizeof(r->cert))
			return -ENAMETOOLONG;
		if (!access(r->cert, F_OK))
			cfg->deviceauth_cert = r->cert;
	}
	cfg->cgroup_parent = CGROUP_PARENT;
	/* The sandbox's fixed kernel memory is the platform's, not the app's. */
	cfg->memory_max = d->memory_max + APP_KERNEL_ALLOWANCE;
	/*
	 * The platform's libraries' writable pages are the platform's, not the
	 * app's. Whether the app uses them: once per mount of its image; their
	 * cost: once per daemon (the platform's read-only files).
	 */
	if (cfg->libs_dir && a->entry_dynamic < 0)
		a->entry_dynamic = app_is_dynamic(r->root, a->manifest.entry_point);
	if (cfg->libs_dir && a->entry_dynamic > 0) {
		static uint64_t libs_allowance;

		if (!libs_allowance)
			libs_allowance = app_libs_allowance(cfg->libs_dir);
		cfg->memory_max += libs_allowance;
	}
	cfg->channel_fd = -1;
	cfg->stdout_fd = out_w;
	cfg->stderr_fd = out_w;
	ret = app_filter(d, a);
	if (ret)
		return ret;
	cfg->seccomp = d->seccomp;
	if (a->debug_next) {
		ret = debug_listen(a, cfg);
		if (ret)
			return ret;
	}
	if (a->manifest.caps.flags & AZS_MCAP_SYSTEM_TIME)
		cfg->grants |=
			AZS_SANDBOX_GRANT_SYSTEM_TIME; /* the network grant comes with its link */
	return 0;
}

static void forget_netns(struct app *a)
{
	if (a->netns_fd >= 0)
		close(a->netns_fd);
	a->netns_fd = -1;
}

static void forget_landlock(struct app *a)
{
	if (a->landlock_fd >= 0)
		close(a->landlock_fd);
	a->landlock_fd = -1;
	a->landlock_runs = 0;
}

static void forget_mntns(struct app *a)
{
	if (a->mntns_fd >= 0)
		close(a->mntns_fd);
	a->mntns_fd = -1;
	forget_landlock(a); /* made in it */
}

/*
 * The cgroup kept from the app's last run, for this start: only with the
 * same limits (a debug start has more memory, the daemon's limits may have
 * changed), else removed (a new one is made).
 */
static void kept_cgroup(struct app *a, const struct azs_sandbox_config *cfg)
{
	char path[PATH_MAX];

	if (a->cgroup_fd < 0)
		return;
	if (a->cg_memory_max == cfg->memory_max && a->cg_pids_max == cfg->pids_max &&
	    a->cg_cpu_quota_us == cfg->cpu_quota_us && a->cg_cpu_period_us == cfg->cpu_period_us)
		return;
	close(a->cgroup_fd);
	a->cgroup_fd = -1;
	snprintf(path, sizeof(path), CGROUP_PARENT "/%s", a->cid.str);
	rmdir(path); /* sb_cgroup_create removes a stale group too, or says why not */
}

/*
 * The app's kept pid 1 (launch.h), idle: its descriptors stay watched, but
 * an idle pid 1 says nothing and never ends. Dropped: killed with whatever
 * is in its group, its group removed.
 */
void supervisor_forget(struct appmand *d, struct app *a)
{
	struct running *k = a->kept;

	if (!k)
		return;
	a->kept = NULL;
	appmand_unwatch(d, k->sb.pidfd);
	appmand_unwatch(d, k->sb.notify_sock);
	appmand_unwatch(d, k->sb.listener);
	azs_sandbox_drop(&k->sb);
	azs_sandbox_release(&k->sb);
	running_free(k);
}

/* Run the app again in its kept pid 1, if it was made for this very configuration. */
static struct running *kept_rerun(struct appmand *d, struct app *a, const struct running *r,
				  int out_w, int app_end)
{
	struct running *k = a->kept;
	int ret;

	if (!k)
		return NULL;
	if (k->gen != a->kept_gen || !r->cfg.keep_init ||
	    !azs_sandbox_config_same(&k->cfg, &r->cfg)) {
		supervisor_forget(d, a);
		return NULL;
	}
	ret = azs_sandbox_rerun(&k->sb, out_w, out_w, app_end);
	if (ret) {
		app_log(a, "its kept sandbox did not take the start (%s): a new one",
			strerror(-ret));
		supervisor_forget(d, a);
		return NULL;
	}
	a->kept = NULL;
	return k;
}

int supervisor_start(struct appmand *d, struct app *a)
{
	struct running *r, *k = NULL;
	int pipefd[2], ret, app_end = -1;

	if (a->sandbox)
		return -EALREADY;
	if (d->refused[0]) {
		/* The daemon refuses to serve (main.c): nothing runs. */
		a->state = APP_FAILED;
		azs_format(a->why, sizeof(a->why), "%s", d->refused);
		return -ENOTRECOVERABLE;
	}
	if (!a->peripherals_ok) {
		a->state = APP_FAILED;
		return -EACCES;
	}
	if (a->manifest.app_type == AZS_APP_TYPE_REALTIME)
		/* A real-time app runs on an I/O core (azs-iocore, rtcore.c), never
		 * in a high-level sandbox on the A7 (an ARMv7 device could exec its
		 * Thumb ELF). */
		return rtcore_start(d, a);
	if (a->packaged) {
		struct azs_error err;

		azs_error_clear(&err);
		ret = store_mount(d, a, &err);
		if (ret) {
			supervisor_forget(d, a); /* unmounted: its root had the image */
			a->state = APP_FAILED;
			azs_format(a->why, sizeof(a->why), "package refused: %s", err.reason);
			app_log(a, "%s", a->why);
			return ret;
		}
	}
	r = running_new();
	if (!r)
		return -ENOMEM;
	if (pipe2(pipefd, O_CLOEXEC)) {
		running_free(r);
		return -errno;
	}
	/* Never block the daemon on an app's output. */
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	ret = prepare(d, a, r, pipefd[1]);
	if (!ret)
		ret = network_prepare(d, a, &r->cfg, r->hosts, sizeof(r->hosts));
	if (!ret)
		ret = app_filter_for(d, a, &r->cfg);
	if (!ret && !a->image_warm) {
		/* Once per mount (image_cache.c): the pages stay charged to the daemon. */
		image_cache_warm(r->root);
		a->image_warm = true;
	}
	/* The shared libraries too: their pages are the platform's (XIP on the chip). */
	if (!ret && r->cfg.libs_dir)
		image_cache_warm_platform(r->cfg.libs_dir);
	/*
	 * The app's own namespaces from its last run: the network one if it has
	 * no link, the mount one (its root) if it has no /etc, sysfs or debug mode.
	 */
	if (!ret && r->cfg.net != AZS_SANDBOX_NET_NONE)
		forget_netns(a);
	if (!ret && !azs_sandbox_mntns_eligible(&r->cfg))
		forget_mntns(a);
	r->cfg.netns_fd = r->cfg.net == AZS_SANDBOX_NET_NONE ? a->netns_fd : -1;
	r->cfg.mntns_fd = azs_sandbox_mntns_eligible(&r->cfg) ? a->mntns_fd : -1;
	r->cfg.ipcns_fd = a->ipcns_fd;
	/* Its root's Landlock rules, made in that same kept mount namespace. */
	if (r->cfg.mntns_fd < 0 || a->landlock_runs >= LANDLOCK_REUSE_MAX)
		forget_landlock(a);
	r->cfg.landlock_fd = a->landlock_fd;
	if (!ret)
		ret = runtime_open(a, &app_end);
	r->cfg.channel_fd = app_end;
	/* Its pid 1 stays between runs where it can (launch.h); its last one, if kept. */
	if (!ret)
		r->cfg.keep_init = azs_sandbox_init_keepable(&r->cfg);
	if (!ret)
		k = kept_rerun(d, a, r, pipefd[1], app_end);
	else
		supervisor_forget(d, a);
	if (k) {
		running_free(r);
		r = k;
	} else if (!ret) {
		kept_cgroup(a, &r->cfg);
		r->cfg.cgroup_fd = a->cgroup_fd; /* the sandbox's now (config.h) */
		a->cgroup_fd = -1;
		ret = azs_sandbox_start(&r->cfg, &r->sb);
	}
	if (app_end >= 0)
		close(app_end); /* the sandbox has its copy */
	if (r->cfg.debug_fd >= 0) {
		close(r->cfg.debug_fd); /* the same */
		r->cfg.debug_fd = -1;
	}
	if (ret) {
		runtime_close(d, a);
		network_release(d, a);
		close(pipefd[0]);
		close(pipefd[1]);
		running_free(r);
		a->state = APP_FAILED;
		snprintf(a->why, sizeof(a->why), "cannot start: %s", strerror(-ret));
		app_log(a, "%s", a->why);
		return ret;
	}
	if (a->netns_fd < 0)
		a->netns_fd = azs_sandbox_take_netns(&r->sb);
	if (a->ipcns_fd < 0)
		a->ipcns_fd = azs_sandbox_take_ipcns(&r->sb);
	if (r->cfg.landlock_fd >= 0)
		a->landlock_runs++;
	/* Its cgroup may be kept for its next start, with these limits (finish). */
	a->cgroup_keep = true;
	a->cg_memory_max = r->cfg.memory_max;
	a->cg_pids_max = r->cfg.pids_max;
	a->cg_cpu_quota_us = r->cfg.cpu_quota_us;
	a->cg_cpu_period_us = r->cfg.cpu_period_us;
	r->log_w = pipefd[1];
	a->sandbox = r;
	a->pid = r->sb.pid;
	a->pidfd = r->sb.pidfd;
	a->out_fd = pipefd[0];
	a->started_ms = appmand_now_ms();
	a->state = APP_RUNNING;
	appmand_watch(d, a->out_fd, a);
	if (k) {
		/* Its pidfd, control socket and listener are watched already. */
		a->listener = k->sb.listener;
	} else {
		r->gen = a->kept_gen;
		appmand_watch(d, a->pidfd, a);
		appmand_watch(d, r->sb.notify_sock, a);
	}
	appmand_watch(d, a->rt_fd, a);
	app_log(a, k ? "started (pid %d, uid %u, its sandbox kept)" : "started (pid %d, uid %u)",
		(int)a->pid, a->uid);
	return 0;
}

void supervisor_await_handover(struct app *a, int timeout_ms)
{
	struct running *r = a->sandbox;
	struct pollfd p;

	if (!r || r->sb.notify_sock < 0 || r->cfg.debug_dir)
		return;
	/* Readable (the listener is there) or hung up (pid 1 has ended). */
	p = (struct pollfd){.fd = r->sb.notify_sock, .events = POLLIN};
	while (poll(&p, 1, timeout_ms) < 0 && errno == EINTR)
		;
}

/* The cgroup's memory.peak (bytes), 0 if it can't be read: for show-logs after an exit. */
static uint64_t memory_peak(int cgroup_fd)
{
	char buf[32];
	ssize_t n;
	int fd = cgroup_fd >= 0 ? openat(cgroup_fd, "memory.peak", O_RDONLY | O_CLOEXEC) : -1;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtoull(buf, NULL, 10);
}

/*
 * The sandbox has ended: collect it, free its resources. LEFT: its processes
 * still in its cgroup (azs_sandbox_stop). Its network namespace is kept for
 * the app's next start only if none is left (nothing of this run can meet
 * the next there) and it set itself up.
 */
static void finish(struct appmand *d, struct app *a, int left)
{
	struct running *r = a->sandbox;
	char buf[4096];
	ssize_t n;

	azs_sandbox_reap(&r->sb, 1);
	/* A kept pid 1's run that ended before it was dropped: that run's status. */
	a->last_status = r->sb.run_status >= 0 ? r->sb.run_status : r->sb.status;
	if (left != 0 ||
	    (WIFEXITED(a->last_status) && WEXITSTATUS(a->last_status) == AZS_SANDBOX_SETUP_FAILED))
		store_forget_namespaces(a);
	a->last_peak_bytes = memory_peak(r->sb.cgroup_fd);
	/* Its cgroup, empty, for its next start: no mkdir and limits then. */
	if (a->cgroup_keep && !d->stopping && left == 0) {
		int cg = azs_sandbox_take_cgroup(&r->sb);

		a->cgroup_fd = cg >= 0 ? cg : -1;
	}
	a->cgroup_keep = false;
	/* Whatever is still in the pipe belongs to the log. */
	close(r->log_w);
	r->log_w = -1;
	while (a->out_fd >= 0 && (n = read(a->out_fd, buf, sizeof(buf))) > 0)
		azs_log_ring_append(&a->log, buf, (size_t)n);
	appmand_unwatch(d, r->sb.notify_sock);
	appmand_unwatch(d, a->pidfd);
	listener_close(d, a);
	close_fd(d, &a->out_fd);
	azs_sandbox_release(&r->sb);
	runtime_close(d, a);
	network_release(d, a);
	running_free(r);
	a->sandbox = NULL;
	a->pidfd = -1;
	a->pid = 0;
}

/*
 * A kept pid 1's run has ended (its report read): the run's bookkeeping
 * goes, its pid 1 stays, idle, for the app's next start (a->kept).
 */
static void finish_kept(struct appmand *d, struct app *a)
{
	struct running *r = a->sandbox;
	char buf[4096];
	ssize_t n;

	a->last_status = r->sb.run_status;
	a->last_peak_bytes = memory_peak(r->sb.cgroup_fd);
	a->cgroup_keep = false;
	close(r->log_w);
	r->log_w = -1;
	while (a->out_fd >= 0 && (n = read(a->out_fd, buf, sizeof(buf))) > 0)
		azs_log_ring_append(&a->log, buf, (size_t)n);
	close_fd(d, &a->out_fd);
	runtime_close(d, a);
	network_release(d, a);
	a->kept = r;
	a->sandbox = NULL;
	a->pidfd = -1;
	a->listener = -1;
	a->pid = 0;
}

/*
 * The run of a kept pid 1 has ended: pid 1 is kept if the run left nothing
 * (no other process, /tmp emptied), set itself up, and nothing changed
 * meanwhile (no update: cgroup_keep; not the daemon's exit); else dropped
 * (when unsure, a fresh sandbox next time). Returns the processes left.
 */
static int kept_run_ended(struct appmand *d, struct app *a)
{
	struct running *r = a->sandbox;
	int st = r->sb.run_status, left;

	if (r->sb.run_clean && a->cgroup_keep && !d->stopping &&
	    !(WIFEXITED(st) && WEXITSTATUS(st) == AZS_SANDBOX_SETUP_FAILED)) {
		finish_kept(d, a);
		return 0;
	}
	left = azs_sandbox_drop(&r->sb);
	finish(d, a, left);
	return left;
}

/* The listener a kept pid 1 handed over while the supervisor waited for something else. */
static void adopt_listener(struct appmand *d, struct app *a)
{
	struct running *r = a->sandbox;

	if (a->listener < 0 && r->sb.listener >= 0) {
		a->listener = r->sb.listener;
		appmand_watch(d, a->listener, a);
	}
}

static void describe_exit(struct app *a)
{
	int st = a->last_status;

	if (st >= 0 && WIFEXITED(st))
		app_log(a, "exited with status %d", WEXITSTATUS(st));
	else if (st >= 0 && WIFSIGNALED(st))
		app_log(a, "killed by signal %d", WTERMSIG(st));
	else
		app_log(a, "ended");
}

static void schedule_restart(struct appmand *d, struct app *a)
{
	int64_t delay = azs_restart_on_exit(&a->restart, a->started_ms, appmand_now_ms());
	struct itimerspec its = {0};

	if (delay < 0) {
		a->state = APP_FAILED;
		snprintf(a->why, sizeof(a->why), "crash loop: %d exits within %d s",
			 AZS_CRASH_LOOP_EXITS, AZS_CRASH_LOOP_WINDOW_MS / 1000);
		app_log(a, "marked failed (%s)", a->why);
		return;
	}
	if (a->timer_fd < 0) {
		a->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
		if (a->timer_fd < 0)
			return;
		appmand_watch(d, a->timer_fd, a);
	}
	its.it_value.tv_sec = delay / 1000;
	its.it_value.tv_nsec = (delay % 1000) * 1000000;
	if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
		its.it_value.tv_nsec = 1;
	timerfd_settime(a->timer_fd, 0, &its, NULL);
	a->state = APP_BACKOFF;
	app_log(a, "restarting in %lld ms", (long long)delay);
}

/* A run is over (its end logged): restart it as its policy says, or it stays stopped. */
static void run_over(struct appmand *d, struct app *a)
{
	describe_exit(a);
	if (a->want_running && !d->stopping)
		schedule_restart(d, a);
	else
		a->state = APP_STOPPED;
}

void supervisor_event(struct appmand *d, struct app *a, int fd)
{
	struct running *r = a->sandbox;
	char buf[4096];
	ssize_t n;

	if (fd == a->timer_fd) {
		uint64_t ticks;

		if (read(fd, &ticks, sizeof(ticks)) < 0)
			return;
		if (a->state == APP_BACKOFF && a->want_running) {
			a->restarts++;
			supervisor_start(d, a);
		}
		return;
	}
	if (a->manifest.app_type == AZS_APP_TYPE_REALTIME) {
		if (rtcore_event(d, a, fd))
			schedule_restart(d, a);
		return;
	}
	if (!r) {
		/* An idle kept pid 1 says nothing and never ends: whatever it is, drop it. */
		struct running *k = a->kept;

		if (k && (fd == k->sb.pidfd || fd == k->sb.notify_sock || fd == k->sb.listener)) {
			app_log(a, "its kept sandbox ended or spoke while idle: dropped");
			supervisor_forget(d, a);
		}
		return;
	}
	if (fd == a->rt_fd) {
		runtime_event(d, a);
		return;
	}
	if (fd == a->out_fd) {
		n = read(fd, buf, sizeof(buf));
		if (n > 0) {
			azs_log_ring_append(&a->log, buf, (size_t)n);
			fprintf(stderr, "[%s] %.*s", a->manifest.name, (int)n, buf);
		}
		return;
	}
	if (fd == r->sb.notify_sock && r->sb.kept && r->sb.listener >= 0) {
		/* A kept pid 1's report: its app started, or its run ended. */
		int ev = azs_sandbox_read(&r->sb);

		if (ev == AZS_SANDBOX_EV_STARTED)
			return;
		if (ev == AZS_SANDBOX_EV_ENDED) {
			kept_run_ended(d, a);
		} else {
			app_log(a, "its sandbox's pid 1 broke the protocol (%s): dropped",
				strerror(ev < 0 ? -ev : EBADMSG));
			finish(d, a, azs_sandbox_drop(&r->sb));
		}
		run_over(d, a);
		return;
	}
	if (fd == r->sb.notify_sock) {
		int l = azs_sandbox_take_listener(&r->sb);

		if (!r->sb.kept)
			appmand_unwatch(d, fd);
		if (l < 0 && r->sb.kept) {
			/* No listener, no run: a kept pid 1 that can't hand it over is dropped. */
			app_log(a, "its sandbox's pid 1 handed over no listener (%s): dropped",
				strerror(-l));
			finish(d, a, azs_sandbox_drop(&r->sb));
			run_over(d, a);
			return;
		}
		if (l >= 0) {
			a->listener = l;
			appmand_watch(d, l, a);
			bool joined = r->cfg.mntns_fd >= 0 && r->cfg.mntns_fd == a->mntns_fd &&
				      a->cgroup_keep; /* no update since the start */
			bool made = false;
			int ll;

			/* Its pid 1 has built its root: kept for its next start. */
			if (a->mntns_fd < 0 && r->cfg.mntns_fd < 0 &&
			    azs_sandbox_mntns_eligible(&r->cfg)) {
				int m = azs_sandbox_open_mntns(&r->sb);

				a->mntns_fd = m >= 0 ? m : -1;
				made = m >= 0;
			}
			/* The app's Landlock ruleset, with the root it was made in. */
			ll = azs_sandbox_take_landlock(&r->sb);
			if (ll >= 0 && (made || joined)) {
				forget_landlock(a);
				a->landlock_fd = ll;
			} else if (ll >= 0) {
				close(ll);
			}
		}
		return;
	}
	if (fd == a->listener) {
		struct pollfd p = {.fd = fd, .events = POLLIN};

		/* Receive only a pending notification: once the app's tasks are
		 * gone the listener reports a hang-up, and a receive would block. */
		if (poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {
			if (azs_seccomp_deny_one(fd, r->log_w) < 0)
				listener_close(d, a);
		} else if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) {
			listener_close(d, a);
		}
		return;
	}
	if (fd == a->pidfd) {
		/* Stop leftovers (daemonised children) before looking at the exit. */
		finish(d, a, azs_sandbox_stop(&r->sb, 0));
		run_over(d, a);
	}
}

int supervisor_stop(struct appmand *d, struct app *a)
{
	struct running *r = a->sandbox;
	int left;

	if (a->timer_fd >= 0) {
		close_fd(d, &a->timer_fd);
	}
	if (a->manifest.app_type == AZS_APP_TYPE_REALTIME) {
		rtcore_stop(d, a);
		a->state = APP_STOPPED;
		return 0;
	}
	if (!r) {
		if (d->stopping) {
			supervisor_forget(d, a);
			store_forget_namespaces(a); /* its kept cgroup too */
		}
		a->state = APP_STOPPED;
		return 0;
	}
	if (r->sb.kept) {
		/* Its pid 1 ends the run and stays (or is dropped: kept_run_ended). */
		int ret = azs_sandbox_end_run(&r->sb, STOP_GRACE_MS);

		adopt_listener(d, a);
		if (!ret) {
			left = kept_run_ended(d, a);
		} else {
			left = azs_sandbox_drop(&r->sb);
			finish(d, a, left);
		}
	} else {
		left = azs_sandbox_stop(&r->sb, STOP_GRACE_MS);
		finish(d, a, left);
	}
	if (d->stopping)
		store_forget_namespaces(a); /* nothing kept past the daemon */
	a->state = APP_STOPPED;
	app_log(a, "stopped (%d processes left)", left < 0 ? 0 : left);
	return left < 0 ? left : 0;
}
