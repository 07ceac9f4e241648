// SPDX-License-Identifier: MIT
/*
 * azs-soak: start/stop/crash cycles of one installed app through the
 * application manager's control socket, then a check that nothing leaked
 * (suites soak and soak_long, docs/testing.md).
 *
 *   azs-soak --cid CID [--cycles N] [--warmup W] [--rss-growth-kb K]
 *
 * A cycle starts the app and waits until it runs; even cycles then stop it,
 * odd ones crash it (SIGSEGV to the app's process in its cgroup), wait until
 * the application manager has seen the exit, and stop it (which cancels the
 * restart backoff). After W warm-up cycles (default 20) the daemon's
 * resources are measured, N cycles run (default 1000), and they are
 * measured again with the app stopped: the daemon's open descriptors, its
 * resident memory (may grow by at most K KiB, default 128: a leak of 128
 * bytes a cycle fails 1000 cycles), the cgroups under /sys/fs/cgroup, the
 * loop devices in use, the mounts, the processes running as any uid the
 * application manager gave an app, and the firewall's assignments.
 * Prints "# " lines (figures every 100 cycles) and a last "# soak:" summary;
 * exits 0 only if every cycle worked and nothing grew.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <azsphere/firewall.h>

#define CONTROL	   "/run/azsphere/appman.sock"
#define PID_FILE   "/tmp/appmand.pid"
#define APP_UID_LO 1000 /* uids the application manager hands out (uidmap.h) */
#define APP_UID_HI 60000

static char answer[65536];

/* One request on the control socket; the answer in `answer`. 0 or -1. */
static int request(const char *json)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	ssize_t n;

	strcpy(sa.sun_path, CONTROL);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    send(fd, json, strlen(json), 0) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	n = recv(fd, answer, sizeof(answer) - 1, 0);
	close(fd);
	if (n <= 0)
		return -1;
	answer[n] = 0;
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
	struct timespec t = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};

	nanosleep(&t, NULL);
}

/* The app's entry in "list": its state and the pid of its sandbox. */
static int app_state(const char *cid, char *state, size_t size, long *pid)
{
	char key[80];
	const char *p, *s;

	if (request("{\"op\":\"list\"}"))
		return -1;
	snprintf(key, sizeof(key), "\"cid\":\"%s\"", cid);
	p = strstr(answer, key);
	if (!p)
		return -1;
	s = strstr(p, "\"state\":\"");
	if (!s)
		return -1;
	s += 9;
	snprintf(state, size, "%.*s", (int)strcspn(s, "\""), s);
	s = strstr(p, "\"pid\":");
	*pid = s ? strtol(s + 6, NULL, 10) : 0;
	return 0;
}

static bool wait_state(const char *cid, const char *want, bool want_it, long *pid, int ms)
{
	char state[32];
	double end = now_s() + ms / 1000.0;

	do {
		if (!app_state(cid, state, sizeof(state), pid) && !strcmp(state, want) == want_it)
			return true;
		sleep_ms(5);
	} while (now_s() < end);
	return false;
}

/* The app's own process: in its cgroup, not the sandbox's pid 1. */
static long app_process(const char *cid, long init)
{
	char path[128], line[32];
	long pid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/fs/cgroup/azsphere/%s/cgroup.procs", cid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		long p = strtol(line, NULL, 10);

		if (p > 0 && p != init) {
			pid = p;
			break;
		}
	}
	fclose(f);
	return pid;
}

struct figures {
	long fds, rss_kb, cgroups, loops, mounts, app_procs;
	unsigned int fw_assigned;
};

static long count_dir(const char *path, bool dirs_only)
{
	DIR *d = opendir(path);
	struct dirent *e;
	long n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && (!dirs_only || e->d_type == DT_DIR))
			n++;
	closedir(d);
	return n;
}

/* Every cgroup below the root, recursively. */
static long count_cgroups(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	long n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char sub[512];

		if (e->d_name[0] == '.' || e->d_type != DT_DIR)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		n += 1 + count_cgroups(sub);
	}
	closedir(d);
	return n;
}

/* Loop devices with a backing file. */
static long count_loops(void)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	long n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char path[300];

		if (strncmp(e->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/loop/backing_file", e->d_name);
		n += access(path, F_OK) == 0;
	}
	closedir(d);
	return n;
}

static long count_lines(const char *path)
{
	FILE *f = fopen(path, "re");
	long n = 0;
	int c;

	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* Processes whose real uid is one the application manager gives apps. */
static long count_app_procs(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char path[300], line[128];
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			long uid;

			if (sscanf(line, "Uid: %ld", &uid) == 1) {
				n += uid >= APP_UID_LO && uid < APP_UID_HI;
				break;
			}
		}
		fclose(f);
	}
	closedir(d);
	return n;
}

static long daemon_rss_kb(long pid)
{
	char path[64], line[128];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void measure_once(long daemon, struct figures *f)
{
	char path[64];
	struct azs_fw_status st = {.size = sizeof(st)};
	int fw = open(AZS_FW_DEVICE, O_RDONLY | O_CLOEXEC);

	snprintf(path, sizeof(path), "/proc/%ld/fd", daemon);
	f->fds = count_dir(path, false);
	f->rss_kb = daemon_rss_kb(daemon);
	f->cgroups = count_cgroups("/sys/fs/cgroup");
	f->loops = count_loops();
	f->mounts = count_lines("/proc/self/mountinfo");
	f->app_procs = count_app_procs();
	f->fw_assigned = fw >= 0 && !ioctl(fw, AZS_FW_IOC_STATUS, &st) ? st.num_assigned : ~0u;
	if (fw >= 0)
		close(fw);
}

/*
 * The smallest of five samples 100 ms apart: the daemon closes a control
 * connection just after answering it, a leak stays.
 */
static void measure(long daemon, struct figures *f)
{
	measure_once(daemon, f);
	for (int i = 0; i < 4; i++) {
		struct figures g;

		sleep_ms(100);
		measure_once(daemon, &g);
#define MIN(x) f->x = g.x < f->x ? g.x : f->x
		MIN(fds);
		MIN(rss_kb);
		MIN(cgroups);
		MIN(loops);
		MIN(mounts);
		MIN(app_procs);
		MIN(fw_assigned);
#undef MIN
	}
}

static void print_figures(const char *when, const struct figures *f)
{
	printf("# %s: daemon fds %ld, rss %ld kB; cgroups %ld, loop devices %ld, mounts %ld, "
	       "app processes %ld, firewall assignments %u\n",
	       when, f->fds, f->rss_kb, f->cgroups, f->loops, f->mounts, f->app_procs,
	       f->fw_assigned);
}

/* One cycle: 0 or -1 (said why). */
static int cycle(const char *cid, long n)
{
	char req[160];
	long init = 0, pid;

	snprintf(req, sizeof(req), "{\"op\":\"start\",\"cid\":\"%s\"}", cid);
	if (request(req) || !strstr(answer, "\"ok\":true")) {
		printf("# cycle %ld: start refused: %s\n", n, answer);
		return -1;
	}
	if (!wait_state(cid, "running", true, &init, 10000) || init <= 0) {
		printf("# cycle %ld: the app did not run\n", n);
		return -1;
	}
	if (n % 2) {
		double end = now_s() + 10;

		/* The sandbox's pid 1 starts the app: wait for the app's process. */
		while (!(pid = app_process(cid, init)) && now_s() < end)
			sleep_ms(2);
		if (!pid || kill((pid_t)pid, SIGSEGV)) {
			printf("# cycle %ld: no app process to crash\n", n);
			return -1;
		}
		if (!wait_state(cid, "running", false, &pid, 10000)) {
			printf("# cycle %ld: the crash was not noticed\n", n);
			return -1;
		}
	}
	snprintf(req, sizeof(req), "{\"op\":\"stop\",\"cid\":\"%s\"}", cid);
	if (request(req) || !strstr(answer, "\"ok\":true")) {
		printf("# cycle %ld: stop refused: %s\n", n, answer);
		return -1;
	}
	if (!wait_state(cid, "stopped", true, &pid, 10000)) {
		printf("# cycle %ld: the app did not stop\n", n);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long cycles = 1000, warmup = 20, growth_kb = 128, daemon = 0;
	const char *cid = NULL;
	struct figures base, end;
	double t0, t1;
	int failed = 0;
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--cid"))
			cid = argv[i + 1];
		else if (!strcmp(argv[i], "--cycles"))
			cycles = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--warmup"))
			warmup = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--rss-growth-kb"))
			growth_kb = strtol(argv[i + 1], NULL, 10);
		else
			cid = NULL, i = argc;
	}
	if (!cid || cycles < 1 || warmup < 0) {
		fprintf(stderr, "usage: azs-soak --cid CID [--cycles N] [--warmup W] "
				"[--rss-growth-kb K]\n");
		return 2;
	}
	f = fopen(PID_FILE, "re");
	if (!f || fscanf(f, "%ld", &daemon) != 1 || daemon <= 0) {
		printf("# soak: no application manager pid in " PID_FILE "\n");
		return 1;
	}
	fclose(f);
	for (long i = 0; i < warmup; i++)
		if (cycle(cid, i))
			return 1;
	measure(daemon, &base);
	print_figures("before", &base);
	t0 = now_s();
	for (long i = 0; i < cycles && !failed; i++) {
		if (cycle(cid, warmup + i)) {
			printf("# soak: cycle %ld of %ld failed\n", i + 1, cycles);
			failed = 1;
		} else if ((i + 1) % 100 == 0) {
			char when[64];
			struct figures now;

			measure(daemon, &now);
			snprintf(when, sizeof(when), "after %ld cycles, %.1f s", i + 1, now_s() - t0);
			print_figures(when, &now);
		}
	}
	t1 = now_s();
	measure(daemon, &end);
	print_figures("after", &end);
#define SAME(field, what)                                                                          \
	if (end.field != base.field) {                                                             \
		printf("# soak: %s: %ld before, %ld after\n", what, (long)base.field,              \
		       (long)end.field);                                                           \
		failed = 1;                                                                        \
	}
	SAME(fds, "the daemon's open descriptors");
	SAME(cgroups, "cgroups");
	SAME(loops, "loop devices in use");
	SAME(mounts, "mounts");
	SAME(app_procs, "processes running as app uids");
	SAME(fw_assigned, "firewall assignments");
	if (base.rss_kb < 0 || end.rss_kb - base.rss_kb > growth_kb) {
		printf("# soak: the daemon's resident memory grew by %ld kB (at most %ld)\n",
		       end.rss_kb - base.rss_kb, growth_kb);
		failed = 1;
	}
	printf("# soak: %ld cycles (%ld crashes) in %.1f s, %.0f ms a cycle; %s\n", cycles,
	       cycles / 2, t1 - t0, (t1 - t0) * 1000 / (double)cycles,
	       failed ? "FAILED" : "nothing leaked");
	return failed;
}
