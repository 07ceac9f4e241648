// SPDX-License-Identifier: MIT
/*
 * The benchmark's measurements inside the device (make bench, tests/bench/run,
 * docs/performance.md). Each command prints one line per quantity,
 *   bench KEY V1 V2 ... (nanoseconds, or bytes for memory)
 * one value per repetition; the host side turns them into min/median ratios.
 * A start is measured from the request to the app's main() (benchapp prints
 * its CLOCK_MONOTONIC time; CLOCK_MONOTONIC is the same clock everywhere in
 * the device).
 *
 *   azs-bench start-fork REPS ROOT          fork+exec of ROOT/bin/app
 *   azs-bench start-bwrap REPS ROOT POLICY  bwrap, all namespaces, POLICY's filter
 *   azs-bench start-crun REPS BUNDLE        crun run of the bundle (its config.json)
 *   azs-bench start-appmand REPS CID        stop, then start CID at the control socket
 *   azs-bench syscall REPS CALLS POLICY     getppid bare, under POLICY's filter, under an
 *                                           "allow" filter, under the filter made uncacheable
 *   azs-bench verify REPS PACKAGE           package verification, and its SHA-256 alone
 *   azs-bench install REPS PACKAGE CID      install at the control socket (removed between),
 *                                           then PACKAGE's bytes alone written to the flash
 *   azs-bench memory KEY PID                Rss and Pss of PID (smaps_rollup)
 *   azs-bench boot REPS APPS CID...         azs-appmand started until it answers and
 *                                           the APPS named by CID... run
 *   azs-bench oci-seccomp POLICY            the policy's allowlist as an OCI seccomp section
 *   azs-bench start-parts REPS POLICY       parts of a sandbox's start alone, each in a fresh
 *                                           child: loading POLICY's filter (as the device does,
 *                                           with the kernel's JIT, without) and a one-instruction
 *                                           one; unshare of
 *                                           each namespace type; fork and vfork to exit
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <poll.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <azsphere/security.h>
#include <seccomp.h>

#include "package.h"
#include "seccomp_policy.h"

#define SOCKET_PATH "/run/azsphere/appman.sock"
#define MAX_REPS    64
/* Where the daemon names the services it started (a pid per NAME.service). */
#define NET_RUN "/run/azsphere/net"

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "azs-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void print(const char *key, const unsigned long long *v, int n)
{
	printf("bench %s", key);
	for (int i = 0; i < n; i++)
		printf(" %llu", v[i]);
	printf("\n");
	fflush(stdout);
}

static int reps_arg(const char *s)
{
	int n = atoi(s);

	if (n < 1 || n > MAX_REPS) {
		fprintf(stderr, "azs-bench: REPS: 1..%d\n", MAX_REPS);
		exit(2);
	}
	return n;
}

/* The main() time the app printed on FD (its stdout), 0 if none. */
static unsigned long long read_main(int fd)
{
	char buf[256];
	size_t len = 0;
	ssize_t n;
	char *p;

	while (len < sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = 0;
	p = strstr(buf, "azs-bench-main ");
	return p ? strtoull(p + 15, NULL, 10) : 0;
}

/* Run ARGV (stdout to a pipe, optionally EXTRA_FD kept as fd 9): main() time - start. */
static unsigned long long run_to_main(char *const argv[], int extra_fd)
{
	int p[2], status;
	unsigned long long t0, tm;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		die("pipe");
	t0 = now_ns();
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		dup2(p[1], 1);
		if (extra_fd >= 0) {
			lseek(extra_fd, 0, SEEK_SET);
			dup2(extra_fd, 9);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	tm = read_main(p[0]);
	close(p[0]);
	waitpid(pid, &status, 0);
	if (!tm || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "azs-bench: %s did not reach the app's main (status %#x)\n",
			argv[0], status);
		exit(1);
	}
	return tm - t0;
}

static struct azs_seccomp_policy *policy(const char *path)
{
	struct azs_seccomp_policy *p = NULL;

	if (azs_seccomp_policy_compile_file(path, &p)) {
		fprintf(stderr, "azs-bench: %s does not compile\n", path);
		exit(1);
	}
	return p;
}

/* A memfd holding the compiled filter (grants 0) for bwrap --seccomp. */
static int filter_fd(const char *path)
{
	struct azs_seccomp_policy *p = policy(path);
	const void *insns;
	size_t n = azs_seccomp_policy_program(p, 0, &insns);
	int fd = memfd_create("azs-bench-filter", 0);

	if (fd < 0 || write(fd, insns, n * 8) != (ssize_t)(n * 8))
		die("filter memfd");
	azs_seccomp_policy_free(p);
	return fd;
}

/* ---- The control socket ------------------------------------------------------------ */

static json_object *request(const char *op, const char *key, const char *value)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	static char buf[256 * 1024];
	json_object *req = json_object_new_object(), *resp;
	const char *text;
	ssize_t n;
	int fd;

	json_object_object_add(req, "op", json_object_new_string(op));
	if (key)
		json_object_object_add(req, key, json_object_new_string(value));
	strcpy(sa.sun_path, SOCKET_PATH);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		if (fd >= 0)
			close(fd);
		json_object_put(req);
		return NULL;
	}
	text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN);
	n = send(fd, text, strlen(text), 0) < 0 ? -1 : recv(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	json_object_put(req);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	resp = json_tokener_parse(buf);
	return resp;
}

static int ok(json_object *resp)
{
	json_object *j;

	return resp && json_object_object_get_ex(resp, "ok", &j) && json_object_get_boolean(j);
}

/* How many main() lines CID's log holds, and the last one's time. */
static int log_mains(const char *cid, unsigned long long *last)
{
	json_object *resp = request("logs", "cid", cid), *j;
	const char *p;
	int count = 0;

	*last = 0;
	if (ok(resp) && json_object_object_get_ex(resp, "log", &j))
		for (p = json_object_get_string(j); (p = strstr(p, "azs-bench-main ")); p += 15) {
			*last = strtoull(p + 15, NULL, 10);
			count++;
		}
	json_object_put(resp);
	return count;
}

/*
 * Wait until CID's log has more than BEFORE main() lines; the last one's
 * time. The time is the one the app printed, not when this sees it, so the
 * poll can be slow: every poll is a request the daemon answers and this
 * parses, on the device's one CPU, while the sandbox sets itself up. At
 * 500 us a start paid for ~2 polls per ms of its own; at 10 ms it pays for
 * a few in all.
 */
static unsigned long long wait_main(const char *cid, int before)
{
	unsigned long long last, deadline = now_ns() + 60ull * 1000000000ull;

	while (log_mains(cid, &last) <= before) {
		if (now_ns() > deadline) {
			fprintf(stderr, "azs-bench: %s did not reach main() in 60 s\n", cid);
			exit(1);
		}
		usleep(10000);
	}
	return last;
}

static void must(const char *op, const char *key, const char *value)
{
	json_object *resp = request(op, key, value);

	if (!ok(resp)) {
		fprintf(stderr, "azs-bench: %s %s: %s\n", op, value ? value : "",
			resp ? json_object_to_json_string(resp) : "no answer");
		exit(1);
	}
	json_object_put(resp);
}

/* ---- Commands -------------------------------------------------------------------------- */

static int start_appmand(int reps, const char *cid)
{
	unsigned long long v[MAX_REPS], last;

	for (int i = 0; i < reps; i++) {
		unsigned long long t0;
		int before;

		must("stop", "cid", cid);
		before = log_mains(cid, &last);
		t0 = now_ns();
		must("start", "cid", cid);
		v[i] = wait_main(cid, before) - t0;
	}
	print("start-appmand", v, reps);
	return 0;
}

/*
 * What storing PKG's bytes costs alone, as the daemon stores a package
 * (store_write_at: a temporary name on the flash, fsync, rename, the
 * directory's fsync), REPS times: the part of an install no verification
 * can save.
 */
static int flash_write(int reps, const char *pkg)
{
	static const char dir[] = "/mnt/flash", tmp[] = "/mnt/flash/.azs-bench.tmp",
			  dst[] = "/mnt/flash/.azs-bench";
	unsigned long long v[MAX_REPS];
	struct stat st;
	uint8_t *buf;
	int fd = open(pkg, O_RDONLY | O_CLOEXEC), dfd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd < 0 || dfd < 0 || fstat(fd, &st))
		die(pkg);
	buf = malloc((size_t)st.st_size);
	if (!buf || read(fd, buf, (size_t)st.st_size) != st.st_size)
		die(pkg);
	close(fd);
	for (int i = 0; i < reps; i++) {
		unsigned long long t0 = now_ns();

		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, buf, (size_t)st.st_size) != st.st_size || fsync(fd) ||
		    close(fd) || rename(tmp, dst) || fsync(dfd))
			die(tmp);
		v[i] = now_ns() - t0;
		unlink(dst);
	}
	fsync(dfd);
	close(dfd);
	free(buf);
	print("flashwrite", v, reps);
	return 0;
}

static int install(int reps, const char *pkg, const char *cid)
{
	unsigned long long v[MAX_REPS];

	for (int i = 0; i < reps; i++) {
		unsigned long long t0;
		json_object *resp = request("remove", "cid", cid);

		json_object_put(resp); /* not installed the first time */
		t0 = now_ns();
		must("install", "package", pkg);
		v[i] = now_ns() - t0;
	}
	print("install", v, reps);
	return flash_write(reps, pkg);
}

/*
 * The device runs from its initramfs, whose root (rootfs) can't be
 * pivot_root'ed away as bwrap and crun do: give them, in a mount namespace of
 * their own, a root that is a bind mount. Before any measurement.
 */
static void movable_root(void)
{
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		die("unshare");
	mkdir("/tmp/azs-bench-root", 0700);
	if (mount("/", "/tmp/azs-bench-root", NULL, MS_BIND | MS_REC, NULL) ||
	    chdir("/tmp/azs-bench-root") || mount(".", "/", NULL, MS_MOVE, NULL) || chroot(".") ||
	    chdir("/"))
		die("a movable root");
}

/*
 * Per-call nanoseconds of getppid: CALLS calls in 100 slices, the fastest
 * slice's. A slice is a few ms: one the host's scheduler let run whole
 * measures the call, one it interrupted the host's load (the device is
 * emulated on a shared machine).
 */
static unsigned long long loop_getppid(long calls)
{
	long slice = calls / 100 > 0 ? calls / 100 : 1;
	unsigned long long best = ~0ull;

	for (long done = 0; done < calls; done += slice) {
		unsigned long long t0 = now_ns(), t;

		for (long i = 0; i < slice; i++)
			syscall(SYS_getppid);
		t = (now_ns() - t0) / (unsigned long long)slice;
		if (t < best)
			best = t;
	}
	return best;
}

/*
 * Per-call nanoseconds of getppid over CALLS calls, in a fresh child under
 * filter KIND: 0 none (bare, but the same fork and no_new_privs), 1 the
 * policy's own (as the sandbox loads it), 2 a one-instruction "allow" filter
 * (what any filter costs when the kernel's per-syscall cache says allow),
 * 3 the policy's filter behind a load of an argument (the same verdicts, but
 * no syscall is constant-action: the filter runs every time).
 */
static unsigned long long filtered_loop(const struct azs_seccomp_policy *p, int kind, long calls)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_filter *prog = NULL;
	unsigned long long v = 0;
	int pipefd[2], status;
	pid_t pid;

	if (pipe(pipefd))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		struct sock_fprog fp = {.len = 1, .filter = &allow};
		const void *insns;
		size_t n;

		close(pipefd[0]);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			_exit(1);
		if (kind == 1 && azs_seccomp_policy_install(p, 0) < 0)
			_exit(1);
		if (kind == 3) {
			n = azs_seccomp_policy_program(p, 0, &insns);
			prog = calloc(n + 1, sizeof(*prog));
			if (!prog)
				_exit(1);
			prog[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
							       offsetof(struct seccomp_data, args));
			memcpy(prog + 1, insns, n * sizeof(*prog));
			fp.len = (unsigned short)(n + 1);
			fp.filter = prog;
		}
		if ((kind == 2 || kind == 3) &&
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp))
			_exit(1);
		v = loop_getppid(calls);
		if (write(pipefd[1], &v, sizeof(v)) != (ssize_t)sizeof(v))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &v, sizeof(v)) != (ssize_t)sizeof(v)) {
		fprintf(stderr, "azs-bench: the loop under filter %d failed\n", kind);
		exit(1);
	}
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	return v;
}

/*
 * Per-call nanoseconds of getppid, REPS times each: bare and under the
 * filters above. Interleaved: every repetition measures all four, in an
 * order rotated from one repetition to the next, each in a fresh child, so a
 * busy spell of the host (the device is emulated on a shared machine) falls
 * on all four alike instead of on whichever block ran then.
 */
static int syscall_cost(int reps, long calls, const char *path)
{
	static const char *const keys[] = {"syscall-bare", "syscall-filter", "syscall-allowall",
					   "syscall-nocache"};
	struct azs_seccomp_policy *p = policy(path);
	unsigned long long v[4][MAX_REPS];

	for (int i = 0; i < reps; i++)
		for (int j = 0; j < 4; j++) {
			int kind = (i + j) % 4;

			v[kind][i] = filtered_loop(p, kind, calls);
		}
	for (int kind = 0; kind < 4; kind++)
		print(keys[kind], v[kind], reps);
	azs_seccomp_policy_free(p);
	return 0;
}

/* ---- Parts of a start (start-parts) ----------------------------------------------------- */

#define JIT_SYSCTL "/proc/sys/net/core/bpf_jit_enable"

/* Nanoseconds of PART (below) in a fresh child: the child times it, the parent reads it. */
static unsigned long long part_once(const struct azs_seccomp_policy *p, int part)
{
	static const int ns[] = {CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWPID, CLONE_NEWCGROUP,
				 CLONE_NEWNET, CLONE_NEWNS};
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog fp = {.len = 1, .filter = &allow};
	unsigned long long v = 0, t0;
	int pipefd[2], status;
	pid_t pid;

	if (pipe(pipefd))
		die("pipe");
	if (part >= 8) {
		/* fork (8) or vfork (9) of this process until the child's exit is reaped */
		t0 = now_ns();
		pid = part == 8 ? fork() : vfork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			die("fork");
		waitpid(pid, &status, 0);
		close(pipefd[0]);
		close(pipefd[1]);
		return now_ns() - t0;
	}
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int ret;

		close(pipefd[0]);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			_exit(1);
		t0 = now_ns();
		if (part == 0)
			ret = azs_seccomp_policy_install(p, 0) < 0;
		else if (part == 1)
			ret = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp) != 0;
		else
			ret = unshare(ns[part - 2]) != 0;
		v = now_ns() - t0;
		if (ret || write(pipefd[1], &v, sizeof(v)) != (ssize_t)sizeof(v))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &v, sizeof(v)) != (ssize_t)sizeof(v)) {
		fprintf(stderr, "azs-bench: part %d failed\n", part);
		exit(1);
	}
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	return v;
}

static int jit_set(const char *v)
{
	int fd = open(JIT_SYSCTL, O_WRONLY | O_CLOEXEC);
	int ok = fd >= 0 && write(fd, v, 1) == 1;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int start_parts(int reps, const char *path)
{
	static const char *const keys[] = {"part-filter",      "part-filter-allow",
					   "part-unshare-ipc", "part-unshare-uts",
					   "part-unshare-pid", "part-unshare-cgroup",
					   "part-unshare-net", "part-unshare-mnt",
					   "part-fork",        "part-vfork"};
	struct azs_seccomp_policy *p = policy(path);
	unsigned long long v[MAX_REPS];
	char jit[2] = "";
	int fd = open(JIT_SYSCTL, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && read(fd, jit, 1) != 1)
		jit[0] = 0;
	if (fd >= 0)
		close(fd);
	for (int part = 0; part < 10; part++) {
		for (int i = 0; i < reps; i++)
			v[i] = part_once(p, part);
		print(keys[part], v, reps);
	}
	/* The filter's load with the kernel's JIT and without (interpreted), if it can be
	 * switched (the device turns it off: lib.sh, azs_start_appmand). */
	if (jit[0] && !jit_set("1")) {
		for (int i = 0; i < reps; i++)
			v[i] = part_once(p, 0);
		print("part-filter-jit", v, reps);
	}
	if (jit[0] && !jit_set("0")) {
		for (int i = 0; i < reps; i++)
			v[i] = part_once(p, 0);
		print("part-filter-nojit", v, reps);
	}
	if (jit[0])
		jit_set(jit);
	azs_seccomp_policy_free(p);
	return 0;
}

/* The keys the security monitor trusts (as platform.c reads them). */
static size_t device_keys(struct azs_trusted_key *keys, size_t max)
{
	struct azs_sec_rot_key k;
	int fd = open(AZS_SEC_DEVICE, O_RDONLY | O_CLOEXEC);
	uint32_t count = 1;
	size_t n = 0;

	if (fd < 0)
		die(AZS_SEC_DEVICE);
	for (uint32_t slot = 0; slot < count && n < max; slot++) {
		memset(&k, 0, sizeof(k));
		k.size = sizeof(k);
		k.slot = slot;
		if (ioctl(fd, AZS_SEC_IOC_GET_ROT_KEY, &k))
			break;
		count = k.num_keys;
		if (k.role != AZS_KEY_ROLE_PRODUCTION && k.role != AZS_KEY_ROLE_SDK)
			continue;
		memcpy(keys[n].id, k.key_id, sizeof(keys[n].id));
		memcpy(keys[n].pub, k.pub, sizeof(keys[n].pub));
		keys[n].role = k.role;
		n++;
	}
	close(fd);
	return n;
}

static int verify(int reps, const char *path)
{
	unsigned long long v[MAX_REPS], h[MAX_REPS];
	struct azs_trusted_key keys[8];
	size_t n = device_keys(keys, 8);
	struct stat st;
	uint8_t *buf, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st))
		die(path);
	buf = malloc((size_t)st.st_size);
	if (!buf || read(fd, buf, (size_t)st.st_size) != st.st_size)
		die(path);
	close(fd);
	for (int i = 0; i < reps; i++) {
		struct azs_package_info info;
		struct azs_error err;
		unsigned long long t0 = now_ns();

		if (azs_package_verify(buf, (size_t)st.st_size, keys, n,
				       AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK) |
					       AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION),
				       &info, &err)) {
			fprintf(stderr, "azs-bench: %s: %s %s\n", path, err.field, err.reason);
			return 1;
		}
		v[i] = now_ns() - t0;
		t0 = now_ns();
		EVP_Digest(buf, (size_t)st.st_size, md, &mdlen, EVP_sha256(), NULL);
		h[i] = now_ns() - t0;
	}
	print("verify", v, reps);
	print("sha256", h, reps);
	free(buf);
	return 0;
}

static int memory(const char *key, const char *pid)
{
	char path[64], line[256], k[128];
	unsigned long long rss = 0, pss = 0, anon_total = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/smaps_rollup", pid);
	f = fopen(path, "r");
	if (!f)
		die(path);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Rss: %llu", &rss) == 1)
			continue;
		sscanf(line, "Pss: %llu", &pss);
	}
	fclose(f);
	/* Where it is: the heap's resident pages, the private anonymous ones, the file-backed. */
	snprintf(path, sizeof(path), "/proc/%s/smaps", pid);
	f = fopen(path, "r");
	if (!f)
		die(path);
	{
		unsigned long long heap = 0, anon = 0, x;
		int in_heap = 0;

		while (fgets(line, sizeof(line), f)) {
			if (strchr(line, '-') && strchr(line, ' ') && !strchr(line, ':'))
				in_heap = 0;
			if (strstr(line, "[heap]"))
				in_heap = 1;
			if (sscanf(line, "Rss: %llu", &x) == 1 && in_heap)
				heap += x * 1024;
			if (sscanf(line, "Anonymous: %llu", &x) == 1)
				anon += x * 1024;
		}
		snprintf(k, sizeof(k), "heap-%s", key);
		print(k, &heap, 1);
		snprintf(k, sizeof(k), "anon-%s", key);
		print(k, &anon, 1);
		anon_total = anon;
	}
	fclose(f);
	rss *= 1024;
	pss *= 1024;
	{
		/* Resident pages of mapped files: the static binary's code and data it touched. */
		unsigned long long file = rss > anon_total ? rss - anon_total : 0;

		snprintf(k, sizeof(k), "file-%s", key);
		print(k, &file, 1);
	}
	snprintf(k, sizeof(k), "rss-%s", key);
	print(k, &rss, 1);
	snprintf(k, sizeof(k), "pss-%s", key);
	print(k, &pss, 1);
	return 0;
}

/*
 * The network services a stopped daemon leaves running (udhcpc, the time
 * sync; a restarted daemon stops them: netif.c's service_reclaim) stopped
 * and waited for: a device boots with none, and a boot timed with them
 * would count their ends (a DHCP release and its script, 10 to 40 ms at
 * the icount clock), not the daemon's boot.
 */
static int parent_of(int pid)
{
	char path[64], buf[256], *p;
	ssize_t n;
	int fd, ppid = -1;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	/* "PID (COMM) STATE PPID ...": COMM may hold anything; STATE follows the last ')'. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return -1;
	return ppid;
}

static void stop_left_services(void)
{
	DIR *dir = opendir(NET_RUN);
	struct dirent *e;

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		size_t len = strlen(e->d_name);
		char path[300], text[24];
		ssize_t n;
		int fd, pfd;

		if (len <= 8 || strcmp(e->d_name + len - 8, ".service"))
			continue;
		snprintf(path, sizeof(path), NET_RUN "/%s", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, text, sizeof(text) - 1);
		close(fd);
		if (n <= 0)
			continue;
		text[n] = 0;
		pfd = atoi(text) > 1 ? (int)syscall(SYS_pidfd_open, atoi(text), 0) : -1;
		if (pfd < 0)
			continue;
		/* A service is init's child (the daemon double-forks it); a reused pid is not. */
		if (parent_of(atoi(text)) == 1 &&
		    !syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0)) {
			struct pollfd p = {.fd = pfd, .events = POLLIN};

			if (poll(&p, 1, 5000) != 1)
				fprintf(stderr, "azs-bench: %s did not end\n", path);
		}
		close(pfd);
	}
	closedir(dir);
}

/* azs-appmand from exec until it answers and every CID has reached main(), REPS times. */
static int boot(int reps, const char *key, int n, char **cids)
{
	unsigned long long v[MAX_REPS];
	char name[64];

	stop_left_services(); /* the daemon stopped before this ran */
	for (int i = 0; i < reps; i++) {
		unsigned long long t0 = now_ns(), t = 0, last;
		json_object *resp;
		pid_t pid;
		int status;

		unlink(SOCKET_PATH);
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 1);
			dup2(null, 2);
			execl("/usr/sbin/azs-appmand", "azs-appmand", (char *)NULL);
			_exit(127);
		}
		while (!(resp = request("list", NULL, NULL))) {
			if (now_ns() - t0 > 60ull * 1000000000ull) {
				fprintf(stderr, "azs-bench: azs-appmand did not answer\n");
				kill(pid, SIGKILL);
				return 1;
			}
			usleep(500);
		}
		json_object_put(resp);
		t = now_ns();
		for (int a = 0; a < n; a++) {
			last = wait_main(cids[a], 0);
			if (last > t)
				t = last;
		}
		v[i] = t - t0;
		kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
		stop_left_services();
		/*
		 * A device boots with no sandbox behind it: let the kernel
		 * finish tearing down the stopped ones' namespaces (network
		 * namespaces go in a work queue, on the one CPU) before the
		 * next boot is timed.
		 */
		usleep(500000);
	}
	snprintf(name, sizeof(name), "boot-%s", key);
	print(name, v, reps);
	return 0;
}

/* The policy's allowlist (every group but the granted ones) as OCI's linux.seccomp. */
static int oci_seccomp(const char *path)
{
	static const char *const launcher[] = {"sendmsg", "close", "execve", "exit_group"};
	json_object *root = json_object_from_file(path), *groups, *granted = NULL;
	json_object *names = json_object_new_array(), *rule = json_object_new_object();
	json_object *out = json_object_new_object(), *rules = json_object_new_array();

	if (!root || !json_object_object_get_ex(root, "groups", &groups)) {
		fprintf(stderr, "azs-bench: %s: no groups\n", path);
		return 1;
	}
	json_object_object_get_ex(root, "granted", &granted);
	json_object_object_foreach(groups, gname, list)
	{
		if (granted && json_object_object_get_ex(granted, gname, NULL))
			continue;
		if (!json_object_is_type(list, json_type_array))
			continue;
		for (size_t i = 0; i < json_object_array_length(list); i++) {
			json_object *name = json_object_array_get_idx(list, i);

			/* Names of another architecture are skipped, as the sandbox does. */
			if (seccomp_syscall_resolve_name(json_object_get_string(name)) >= 0)
				json_object_array_add(names, json_object_get(name));
		}
	}
	/* What the sandbox's launcher adds (seccomp_policy.c): the exec of the app itself. */
	for (size_t i = 0; i < sizeof(launcher) / sizeof(launcher[0]); i++) {
		bool have = false;

		for (size_t j = 0; j < json_object_array_length(names); j++)
			have |= !strcmp(json_object_get_string(json_object_array_get_idx(names, j)),
					launcher[i]);
		if (!have)
			json_object_array_add(names, json_object_new_string(launcher[i]));
	}
	json_object_object_add(rule, "names", names);
	json_object_object_add(rule, "action", json_object_new_string("SCMP_ACT_ALLOW"));
	json_object_array_add(rules, rule);
	json_object_object_add(out, "defaultAction", json_object_new_string("SCMP_ACT_ERRNO"));
	json_object_object_add(out, "syscalls", rules);
	printf("%s\n", json_object_to_json_string_ext(out, JSON_C_TO_STRING_PLAIN));
	json_object_put(out);
	json_object_put(root);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	unsigned long long v[MAX_REPS];
	char app[4096];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "start-fork") && argc == 4) {
		int reps = reps_arg(argv[2]);
		char *args[] = {app, "exit", NULL};

		snprintf(app, sizeof(app), "%s/bin/app", argv[3]);
		for (int i = 0; i < reps; i++)
			v[i] = run_to_main(args, -1);
		print("start-fork", v, reps);
		return 0;
	}
	if (!strcmp(cmd, "start-bwrap") && argc == 5) {
		int reps = reps_arg(argv[2]), fd = filter_fd(argv[4]);
		char *args[] = {"/usr/bin/bwrap",
				"--unshare-all",
				"--die-with-parent",
				"--new-session",
				"--ro-bind",
				argv[3],
				"/",
				"--proc",
				"/proc",
				"--dev",
				"/dev",
				"--seccomp",
				"9",
				"/bin/app",
				"exit",
				NULL};

		movable_root();
		for (int i = 0; i < reps; i++)
			v[i] = run_to_main(args, fd);
		print("start-bwrap", v, reps);
		return 0;
	}
	if (!strcmp(cmd, "start-crun") && argc == 4) {
		int reps = reps_arg(argv[2]);
		char id[32];
		char *args[] = {"/usr/bin/crun", "run", "--bundle", argv[3], id, NULL};

		movable_root();

		for (int i = 0; i < reps; i++) {
			snprintf(id, sizeof(id), "azs-bench-%d", i);
			v[i] = run_to_main(args, -1);
		}
		print("start-crun", v, reps);
		return 0;
	}
	if (!strcmp(cmd, "start-appmand") && argc == 4)
		return start_appmand(reps_arg(argv[2]), argv[3]);
	if (!strcmp(cmd, "syscall") && argc == 5)
		return syscall_cost(reps_arg(argv[2]), atol(argv[3]) > 0 ? atol(argv[3]) : 1,
				    argv[4]);
	if (!strcmp(cmd, "verify") && argc == 4)
		return verify(reps_arg(argv[2]), argv[3]);
	if (!strcmp(cmd, "install") && argc == 5)
		return install(reps_arg(argv[2]), argv[3], argv[4]);
	if (!strcmp(cmd, "memory") && argc == 4)
		return memory(argv[2], argv[3]);
	if (!strcmp(cmd, "boot") && argc >= 4)
		return boot(reps_arg(argv[2]), argv[3], argc - 4, argv + 4);
	if (!strcmp(cmd, "start-parts") && argc == 4)
		return start_parts(reps_arg(argv[2]), argv[3]);
	if (!strcmp(cmd, "oci-seccomp") && argc == 3)
		return oci_seccomp(argv[2]);
	fprintf(stderr, "usage: see the comment at the top of tests/bench/azs-bench.c\n");
	return 2;
}
