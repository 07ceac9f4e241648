// SPDX-License-Identifier: MIT
/*
 * azs-appmand: the application manager. At start it loads the installed
 * apps from the flash, programs the peripheral firewall from their
 * manifests, starts them in their sandboxes and then, iff the manufacturing
 * state is DeviceComplete and the appDevelopment capability is absent, locks
 * the peripheral configuration (seed 002). Then it supervises the apps and
 * serves the control socket.
 *
 * It fails closed: if it can't read the firewall's lock state, or can't set
 * the lock the device must hold, it starts no app (stops those it started),
 * says so loudly on the console and answers every control request with the
 * reason, until it is restarted (a reboot).
 *
 * Usage: azs-appmand [--state DIR] [--socket PATH] [--policy FILE]
 *                    [--memory-max BYTES]   (default 256 KiB, as the real
 *                                            platform gives high-level apps)
 */
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <azsphere/firewall.h>

#include "certstore.h"
#include "control.h"
#include "netif.h"
#include "network.h"
#include "platform.h"
#include "store.h"
#include "supervisor.h"
#include "util.h"
#include "wifi.h"
#include "config.h"
#include "lock_rule.h"

static struct appmand daemon_state;

/*
 * Sandboxes left by a daemon that was killed: their pid 1 dies with the
 * daemon (PDEATHSIG), but make sure nothing is left in their cgroups, and
 * remove the cgroups; their apps start again.
 */
static void kill_orphans(void)
{
	DIR *dir = opendir("/sys/fs/cgroup/azsphere");
	struct dirent *e;
	char path[PATH_MAX];

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		int fd;

		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/fs/cgroup/azsphere/%s/cgroup.kill", e->d_name);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd >= 0) {
			if (write(fd, "1", 1) == 1)
				fprintf(stderr, "appmand: cleaned up the sandbox of %s\n",
					e->d_name);
			close(fd);
		}
		for (int tries = 0; tries < 50; tries++) {
			snprintf(path, sizeof(path), "/sys/fs/cgroup/azsphere/%s", e->d_name);
			if (!rmdir(path) || errno == ENOENT)
				break;
			usleep(20000);
		}
	}
	closedir(dir);
}

static int read_lock_state(struct appmand *d)
{
	struct azs_fw_status st = {.size = sizeof(st)};
	int ret = appmand_dev_ioctl(AZS_FW_DEVICE, O_RDWR, AZS_FW_IOC_STATUS, &st);

	if (!ret)
		d->locked = st.state & AZS_FW_STATUS_LOCKED;
	return ret;
}

/* Every app stopped, also one waiting for a restart (its timer goes). */
static void shutdown_apps(struct appmand *d)
{
	d->stopping = true;
	for (int i = 0; i < APPMAND_MAX_APPS; i++)
		if (d->apps[i].used)
			supervisor_stop(d, &d->apps[i]);
}

/*
 * Refuse to serve, fail closed: no app runs (those started are stopped), the
 * reason goes to the console (the kernel log at KERN_CRIT, which the console
 * shows) and answers every control request from now on.
 */
static void __attribute__((format(printf, 2, 3)))
refuse_to_serve(struct appmand *d, const char *fmt, ...)
{
	char line[sizeof(d->refused) + 64];
	va_list ap;
	int fd, n;

	va_start(ap, fmt);
	n = snprintf(d->refused, sizeof(d->refused), "the application manager refuses to serve: ");
	vsnprintf(d->refused + n, sizeof(d->refused) - (size_t)n, fmt, ap);
	va_end(ap);
	shutdown_apps(d);
	fprintf(stderr, "appmand: %s\n", d->refused);
	n = snprintf(line, sizeof(line), "<2>azs-appmand: %s\n", d->refused);
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, line, (size_t)n) < 0)
			fprintf(stderr, "appmand: /dev/kmsg: %s\n", strerror(errno));
		close(fd);
	}
}

static int boot(struct appmand *d)
{
	int ret, n = 0;

	ret = store_load(d);
	if (ret) {
		fprintf(stderr, "appmand: cannot load the installed apps: %s\n", strerror(-ret));
		return ret;
	}
	ret = platform_read_security(d);
	if (ret) {
		fprintf(stderr, "appmand: cannot read the security state: %s\n", strerror(-ret));
		return ret;
	}
	kill_orphans();
	/* Without the lock state nothing is known to be safe to run. */
	ret = read_lock_state(d);
	if (ret) {
		refuse_to_serve(d, "cannot read the peripheral firewall's lock state (%s): %s",
				AZS_FW_DEVICE, strerror(-ret));
		return 0;
	}
	platform_prepare_nodes();
	ret = supervisor_init();
	if (ret)
		return ret;
	/* Without it only network apps fail (they never start unfiltered). */
	network_init(d);
	/* Without wlan0 apps see only their own link; nothing else depends on it. */
	netif_init(d);
	/* A broken store refuses its requests (wifi.c, certstore.c say why); the rest runs. */
	wifi_load(d);
	wifi_radio_update(d);
	certstore_check(d);

	/* The peripheral configuration, from every installed manifest. */
	for (int i = 0; i < APPMAND_MAX_APPS; i++) {
		struct app *a = &d->apps[i];

		if (!a->used)
			continue;
		n++;
		if (platform_assign(d, a)) {
			a->state = APP_FAILED;
			app_log(a, "not started: %s", a->why);
		}
	}
	for (int i = 0; i < APPMAND_MAX_APPS; i++) {
		struct app *a = &d->apps[i];

		if (a->used && a->want_running && a->peripherals_ok)
			supervisor_start(d, a);
	}

	/* After all apps are initialised (seed 002); the device must hold it. */
	if (!d->locked && azs_should_lock(d->mfg_state, d->caps_present)) {
		ret = platform_lock(d);
		if (!ret && !d->locked)
			ret = -EIO; /* the latch did not take */
		if (ret) {
			refuse_to_serve(
				d,
				"FailedToLockPeripheralConfig: the device is DeviceComplete "
				"without appDevelopment and must lock its peripheral "
				"configuration, but locking failed: %s",
				strerror(-ret));
			return 0;
		}
		fprintf(stderr, "appmand: peripheral configuration locked\n");
	}
	fprintf(stderr, "appmand: ready: %d apps, peripheral configuration %s\n", n,
		d->locked ? "locked" : "not locked");
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: azs-appmand [--state DIR] [--socket PATH] [--policy FILE] "
		   "[--memory-max BYTES]\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"state", required_argument, NULL, 's'},
		{"socket", required_argument, NULL, 'k'},
		{"policy", required_argument, NULL, 'p'},
		{"memory-max", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *socket_path = "/run/azsphere/appman.sock";
	struct appmand *d = &daemon_state;
	struct epoll_event evs[16];
	sigset_t sigs;
	int c, sfd;

	d->state_dir = "/mnt/flash/azsphere";
	d->policy_path = "/etc/azs/policy/seccomp-app.json";
	d->memory_max = AZS_SANDBOX_DEFAULT_MEMORY_MAX;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			d->state_dir = optarg;
			break;
		case 'k':
			socket_path = optarg;
			break;
		case 'p':
			d->policy_path = optarg;
			break;
		case 'm': {
			char *end;

			errno = 0;
			d->memory_max = strtoull(optarg, &end, 10);
			if (errno || *end || end == optarg || d->memory_max < 65536) {
				fprintf(stderr,
					"azs-appmand: --memory-max: a byte count >= 65536\n");
				return 2;
			}
			break;
		}
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (mkdir(d->state_dir, 0700) && errno != EEXIST) {
		fprintf(stderr, "appmand: %s: %s\n", d->state_dir, strerror(errno));
		return 1;
	}

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	d->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (d->epoll_fd < 0 || sfd < 0 || appmand_watch(d, sfd, NULL)) {
		perror("appmand: epoll");
		return 1;
	}
	/*
	 * The control socket first: a client may connect while the apps start
	 * (its request is answered once boot() is done), so nobody waits for
	 * the socket to appear. The sandboxes set themselves up in parallel:
	 * azs_sandbox_start() does not wait for an app's setup.
	 */
	if (control_listen(d, socket_path)) {
		fprintf(stderr, "appmand: cannot listen on %s\n", socket_path);
		return 1;
	}
	if (boot(d)) {
		store_unmount_all(d);
		unlink(socket_path);
		return 1;
	}
	/* What setting up freed (the packages' parsing, the policy's compilation) goes back. */
	malloc_trim(0);

	for (;;) {
		int n = epoll_wait(d->epoll_fd, evs, 16, -1);

		if (n < 0 && errno == EINTR)
			continue;
		for (int i = 0; i < n; i++) {
			uint32_t idx = (uint32_t)(evs[i].data.u64 >> 32);
			int fd = (int)(uint32_t)evs[i].data.u64;

			if (fd == sfd) {
				shutdown_apps(d);
				/* A later daemon mounts them again, on free loop devices. */
				store_unmount_all(d);
				unlink(socket_path);
				return 0;
			}
			if (idx == 0) {
				control_event(d, fd);
				malloc_trim(0); /* an install's or update's buffers */
			} else
				supervisor_event(d, &d->apps[idx - 1], fd);
		}
	}
}
