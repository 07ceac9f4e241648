// SPDX-License-Identifier: MIT
/*
 * Real-time apps on the I/O cores (docs/iocore.md). An RT app runs on the
 * core its peripherals' blocks are assigned to (platform.c assigns them to
 * IO0, else IO1), as azs-iocore, one process per core, sandboxed here:
 *
 *  - its own cgroup under the apps' (memory.max RTCORE_MEMORY_MAX: the
 *    engine's code cache and tables, not the app's 256 KiB; pids.max 4);
 *  - new mount, IPC, UTS and network namespaces; its root an empty
 *    read-only tmpfs holding only its mailbox directory
 *    (RTCORE_RUN_DIR/<cid>/ of the host, at RTCORE_RUN_DIR/ inside,
 *    the app's uid's, 0700: only the manager and this process reach it);
 *  - the app's uid and gid, no supplementary groups, an empty capability
 *    bounding set, no_new_privs and a seccomp allowlist (anything else
 *    fails with ENOSYS);
 *  - no file but three fds: the image (opened in the package mounted from
 *    the sealed, verified bytes: the bytes verified are the bytes run), the
 *    initiator fd (/dev/azsphere-iocore bound to the core: the platform is
 *    the only one who can make the board act as a core), its output pipe.
 *
 * Its debug UART's lines and events go to the app's log; an exit (a fault
 * is status 3) is restarted with the HL apps' restart policy.
 */

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/openat2.h>

#include <azsphere/firewall.h>
#include <azsphere/iocore.h>

#include "rtcore.h"
#include "store.h"
#include "util.h"

#define IOCORE_BIN    "/usr/sbin/azs-iocore"
#define CGROUP_PARENT "/sys/fs/cgroup/azsphere"
#define ROOT_DIR      RTCORE_RUN_DIR "/.root"
#define STOP_GRACE_MS 2000
/* The fds the core's process gets. */
#define FD_IMAGE     3
#define FD_INITIATOR 4
#define FD_EXEC      5

/* What a running RT app holds (a->sandbox while it runs). */
struct rt_run {
	uint32_t core; /* AZS_FW_CORE_IO0/IO1 */
	char cgroup[PATH_MAX];
};

/* The app running on IO0 and IO1, or NULL. */
static struct app *on_core[2];

static const char *core_name(uint32_t core)
{
	return core == AZS_FW_CORE_IO0 ? "IO0" : "IO1";
}

/*
 * The core A runs on: the one all its resources' blocks are assigned to, or
 * for an app with none the first core running nothing. 0 or -errno, why in
 * a->why.
 */
static int choose_core(struct app *a, uint32_t *core)
{
	int fd;

	*core = AZS_FW_CORE_NONE;
	if (a->res.n == 0) {
		*core = !on_core[0] ? AZS_FW_CORE_IO0 : !on_core[1] ? AZS_FW_CORE_IO1 : 0;
		if (!*core) {
			azs_format(a->why, sizeof(a->why),
				   "real-time app: both I/O cores are busy");
			return -EBUSY;
		}
		return 0;
	}
	fd = open(AZS_FW_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		azs_format(a->why, sizeof(a->why), "real-time app: %s: %s", AZS_FW_DEVICE,
			   strerror(errno));
		return -errno;
	}
	for (size_t i = 0; i < a->res.n; i++) {
		struct azs_fw_query q = {.size = sizeof(q), .res = a->res.res[i]};
		char name[32];

		azs_resource_name(q.res.kind, q.res.index, name, sizeof(name));
		if (ioctl(fd, AZS_FW_IOC_QUERY, &q)) {
			int ret = -errno;

			azs_format(a->why, sizeof(a->why),
				   "real-time app: firewall query of %s: %s", name,
				   strerror(errno));
			close(fd);
			return ret;
		}
		if ((q.block_core != AZS_FW_CORE_IO0 && q.block_core != AZS_FW_CORE_IO1) ||
		    (*core && q.block_core != *core)) {
			azs_format(a->why, sizeof(a->why),
				   "real-time app: %s's block is not on %s: its peripherals must "
				   "all be on one I/O core",
				   name, *core ? core_name(*core) : "an I/O core");
			close(fd);
			return -EACCES;
		}
		*core = q.block_core;
	}
	close(fd);
	if (on_core[*core - AZS_FW_CORE_IO0] && on_core[*core - AZS_FW_CORE_IO0] != a) {
		azs_format(a->why, sizeof(a->why), "real-time app: %s runs %s", core_name(*core),
			   on_core[*core - AZS_FW_CORE_IO0]->manifest.name);
		return -EBUSY;
	}
	return 0;
}

static int write_at(int dfd, const char *name, const char *text)
{
	int fd = openat(dfd, name, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		ret = -errno;
	close(fd);
	return ret;
}

/* The core process's cgroup, limits set. 0 or -errno. */
static int make_cgroup(struct app *a, struct rt_run *run)
{
	char text[32];
	int dfd, ret;

	snprintf(run->cgroup, sizeof(run->cgroup), CGROUP_PARENT "/%s", a->cid.str);
	rmdir(run->cgroup); /* a stale, empty one */
	if (mkdir(run->cgroup, 0755) && errno != EEXIST)
		return -errno;
	dfd = open(run->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	snprintf(text, sizeof(text), "%llu", (unsigned long long)RTCORE_MEMORY_MAX);
	ret = write_at(dfd, "memory.max", text);
	if (!ret)
		ret = write_at(dfd, "memory.swap.max", "0");
	if (ret == -ENOENT)
		ret = 0; /* no swap accounting in this kernel */
	if (!ret)
		ret = write_at(dfd, "memory.oom.group", "1");
	if (!ret)
		ret = write_at(dfd, "pids.max", "4");
	close(dfd);
	return ret;
}

static void kill_cgroup(const struct rt_run *run)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/cgroup.kill", run->cgroup);
	appmand_write_text(path, "1");
	for (int tries = 0; tries < 50; tries++) {
		if (!rmdir(run->cgroup) || errno == ENOENT)
			break;
		usleep(20000);
	}
}

/* The syscalls azs-iocore (glibc static, Unicorn, the mailbox's socket) makes. */
static const char *const allowed[] = {
	"read",
	"write",
	"pread64",
	"readv",
	"writev",
	"close",
	"lseek",
	"_llseek",
	"fstat",
	"fstat64",
	"newfstatat",
	"fstatat64",
	"statx",
	"openat",
	"readlink",
	"fcntl",
	"fcntl64",
	"ioctl",
	"mmap",
	"mmap2",
	"munmap",
	"mremap",
	"mprotect",
	"madvise",
	"brk",
	"clock_gettime",
	"clock_gettime64",
	"clock_nanosleep",
	"clock_nanosleep_time64",
	"nanosleep",
	"gettimeofday",
	"rt_sigaction",
	"rt_sigprocmask",
	"rt_sigreturn",
	"sigreturn",
	"futex",
	"futex_time64",
	"getrandom",
	"set_robust_list",
	"set_tid_address",
	"rseq",
	"prlimit64",
	"ugetrlimit",
	"getrlimit",
	"arch_prctl",
	"set_tls",
	"cacheflush",
	"getpid",
	"gettid",
	"tgkill",
	"sched_yield",
	"exit",
	"exit_group",
	"execve",
	"execveat",
	"uname",
	/* The intercore mailbox's unix socket (RTCORE_RUN_DIR). */
	"socket",
	"bind",
	"listen",
	"accept",
	"accept4",
	"recvmsg",
	"sendmsg",
	"recvfrom",
	"sendto",
	"recv",
	"send",
	"shutdown",
	"getsockopt",
	"setsockopt",
	"chmod", /* the socket's mode, 0600 (its directory is the app's, 0700) */
	"fchmodat",
	"unlink",
	"unlinkat",
	"poll",
	"ppoll",
	"ppoll_time64",
	"epoll_create1",
	"epoll_ctl",
	"epoll_wait",
	"epoll_pwait",
	"pipe2",
	"eventfd2",
};

/* The allowlist: names this architecture lacks are skipped. 0 or -errno. */
static int load_filter(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(ENOSYS));
	int ret = 0;

	if (!ctx)
		return -ENOMEM;
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]) && !ret; i++) {
		int nr = seccomp_syscall_resolve_name(allowed[i]);

		if (nr == __NR_SCMP_ERROR)
			continue;
		if (!strcmp(allowed[i], "socket"))
			/* Unix sockets only. */
			ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
					       SCMP_A0(SCMP_CMP_EQ, AF_UNIX));
		else
			ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
	}
	if (!ret)
		ret = seccomp_load(ctx);
	seccomp_release(ctx);
	return ret;
}

/* In the child: a failed step, said on its output (the app's log), and out. */
static void __attribute__((noreturn)) child_fail(const char *step)
{
	dprintf(2, "appmand: azs-iocore sandbox: %s: %s\n", step, strerror(errno));
	_exit(127);
}

/* The mailbox directory (the host's MBOX_DIR) alone in an empty read-only root. */
static void enter_root(const char *mbox_dir)
{
	if (unshare(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET))
		child_fail("unshare");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		child_fail("private mounts");
	if (mount("iocore", ROOT_DIR, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  "size=16k,nr_inodes=16,mode=0755"))
		child_fail("root tmpfs");
	if (mkdir(ROOT_DIR "/run", 0755) || mkdir(ROOT_DIR "/run/azs", 0755) ||
	    mkdir(ROOT_DIR RTCORE_RUN_DIR, 0755))
		child_fail("root directories");
	if (mount(mbox_dir, ROOT_DIR RTCORE_RUN_DIR, NULL, MS_BIND, NULL) ||
	    mount(NULL, ROOT_DIR RTCORE_RUN_DIR, NULL,
		  MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		child_fail("mailbox directory");
	if (mount(NULL, ROOT_DIR, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL))
		child_fail("read-only root");
	if (chdir(ROOT_DIR))
		child_fail("chdir");
	/* An initramfs root cannot be pivoted away from: chroot then (the
	 * process has no CAP_SYS_CHROOT and seccomp has no chroot for it). */
	if (!syscall(SYS_pivot_root, ".", ".")) {
		if (umount2(".", MNT_DETACH))
			child_fail("detach the old root");
	} else if (chroot(".")) {
		child_fail("chroot");
	}
	if (chdir("/"))
		child_fail("chdir /");
}

static void drop_privileges(uid_t uid)
{
	for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) && errno != EINVAL)
			child_fail("capability bounding set");
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
		child_fail("uid/gid");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		child_fail("no_new_privs");
	errno = -load_filter();
	if (errno)
		child_fail("seccomp");
}

/* In the child (never returns): FDS = image, initiator, binary, output. */
static void __attribute__((noreturn)) child(const struct app *a, const char *cgroup,
					    const char *mbox_dir, const int fds[4], uint32_t core)
{
	char procs[PATH_MAX + 16], pid[16], mbox[PATH_MAX];
	char img[8], ini[8];
	const char *argv[] = {"azs-iocore",     "--core", core_name(core), "--image-fd", img,
			      "--initiator-fd", ini,      "--mailbox",     mbox,         NULL};
	static const char *const envp[] = {NULL};
	int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	sigset_t none;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* The daemon blocks the signals its signalfd reads; an exec keeps the
	 * mask, and the core must see the manager's SIGTERM (a clean stop: its
	 * mailbox socket removed) rather than be killed after the grace time. */
	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL))
		child_fail("signal mask");
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgroup);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (appmand_write_text(procs, pid))
		child_fail("cgroup");
	/* 0: /dev/null; 1, 2: the log pipe; 3, 4, 5: image, initiator, binary. */
	if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(fds[3], 1) < 0 || dup2(fds[3], 2) < 0)
		child_fail("stdio");
	{
		int tmp[3];

		/* Above the targets first, so that no dup2 overwrites a source. */
		for (int i = 0; i < 3; i++)
			if ((tmp[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 16)) < 0)
				child_fail("fds");
		if (dup2(tmp[0], FD_IMAGE) < 0 || dup2(tmp[1], FD_INITIATOR) < 0 ||
		    dup3(tmp[2], FD_EXEC, O_CLOEXEC) < 0)
			child_fail("fds");
	}
	if (syscall(SYS_close_range, FD_EXEC + 1, ~0u, 0))
		child_fail("close_range");
	snprintf(img, sizeof(img), "%d", FD_IMAGE);
	snprintf(ini, sizeof(ini), "%d", FD_INITIATOR);
	snprintf(mbox, sizeof(mbox), RTCORE_RUN_DIR "/%s.mbox", a->cid.str);
	enter_root(mbox_dir);
	drop_privileges(a->uid);
	syscall(SYS_execveat, FD_EXEC, "", argv, envp, AT_EMPTY_PATH);
	child_fail("exec azs-iocore");
}

static void close_fds(int *fds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* The fds the child gets: image, initiator (bound to CORE), binary. */
static int open_fds(struct app *a, uint32_t core, int fds[3])
{
	struct azs_iocore_bind b = {.size = sizeof(b), .core = core};
	int root;

	fds[0] = fds[1] = fds[2] = -1;
	root = open(a->packaged ? a->mount_path : a->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) {
		azs_format(a->why, sizeof(a->why), "real-time app: its image: %s", strerror(errno));
		return -errno;
	}
	if (!a->packaged) {
		int image = openat(root, "image", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		close(root);
		root = image;
		if (root < 0) {
			azs_format(a->why, sizeof(a->why), "real-time app: its image: %s",
				   strerror(errno));
			return -errno;
		}
	}
	{
		/* EntryPoint is a path in the image ("/bin/app"): beneath its root. */
		struct open_how how = {
			.flags = O_RDONLY | O_CLOEXEC,
			.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
		};
		const char *rel = a->manifest.entry_point;

		while (*rel == '/')
			rel++;
		fds[0] = (int)syscall(SYS_openat2, root, rel, &how, sizeof(how));
	}
	close(root);
	if (fds[0] < 0) {
		azs_format(a->why, sizeof(a->why), "real-time app: EntryPoint %s: %s",
			   a->manifest.entry_point, strerror(errno));
		return -errno;
	}
	fds[1] = open(AZS_IOCORE_DEVICE, O_RDWR | O_CLOEXEC);
	if (fds[1] < 0 || ioctl(fds[1], AZS_IOCORE_IOC_BIND, &b)) {
		int ret = -errno;

		azs_format(a->why, sizeof(a->why), "real-time app: %s as %s: %s", AZS_IOCORE_DEVICE,
			   core_name(core), strerror(errno));
		close_fds(fds, 3);
		return ret;
	}
	fds[2] = open(IOCORE_BIN, O_RDONLY | O_CLOEXEC);
	if (fds[2] < 0) {
		int ret = -errno;

		azs_format(a->why, sizeof(a->why), "real-time app: %s: %s", IOCORE_BIN,
			   strerror(errno));
		close_fds(fds, 3);
		return ret;
	}
	return 0;
}

/* The mailbox directory of A (host side), the app's uid's, 0700. */
static int mailbox_dir(struct app *a, char *path, size_t size)
{
	mkdir("/run/azs", 0755);
	mkdir(RTCORE_RUN_DIR, 0711);
	mkdir(ROOT_DIR, 0555);
	snprintf(path, size, RTCORE_RUN_DIR "/%s", a->cid.str);
	if (mkdir(path, 0700) && errno != EEXIST)
		return -errno;
	if (chown(path, a->uid, a->uid) || chmod(path, 0700))
		return -errno;
	return 0;
}

static int fail(struct app *a, int ret)
{
	a->state = APP_FAILED;
	app_log(a, "%s", a->why);
	return ret;
}

int rtcore_start(struct appmand *d, struct app *a)
{
	char mbox_dir[PATH_MAX];
	struct rt_run *run;
	int fds[3], out[2], ret;
	uint32_t core;
	pid_t pid;

	if (a->packaged) {
		struct azs_error err;

		azs_error_clear(&err);
		ret = store_mount(d, a, &err);
		if (ret) {
			azs_format(a->why, sizeof(a->why), "package refused: %s", err.reason);
			return fail(a, ret);
		}
	}
	ret = choose_core(a, &core);
	if (ret)
		return fail(a, ret);
	ret = mailbox_dir(a, mbox_dir, sizeof(mbox_dir));
	if (ret) {
		azs_format(a->why, sizeof(a->why), "real-time app: %s: %s", mbox_dir,
			   strerror(-ret));
		return fail(a, ret);
	}
	run = calloc(1, sizeof(*run));
	if (!run)
		return -ENOMEM;
	run->core = core;
	ret = make_cgroup(a, run);
	if (ret) {
		azs_format(a->why, sizeof(a->why), "real-time app: its cgroup: %s", strerror(-ret));
		kill_cgroup(run);
		free(run);
		return fail(a, ret);
	}
	ret = open_fds(a, core, fds);
	if (ret) {
		kill_cgroup(run);
		free(run);
		return fail(a, ret);
	}
	if (pipe2(out, O_CLOEXEC)) {
		ret = -errno;
		azs_format(a->why, sizeof(a->why), "real-time app: pipe: %s", strerror(errno));
		close_fds(fds, 3);
		kill_cgroup(run);
		free(run);
		return fail(a, ret);
	}
	pid = fork();
	if (pid == 0) {
		int all[4] = {fds[0], fds[1], fds[2], out[1]};

		child(a, run->cgroup, mbox_dir, all, core);
	}
	ret = pid < 0 ? -errno : 0;
	close_fds(fds, 3);
	close(out[1]);
	if (!ret) {
		a->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
		if (a->pidfd < 0) {
			ret = -errno;
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
	}
	if (ret) {
		azs_format(a->why, sizeof(a->why), "real-time app: cannot start: %s",
			   strerror(-ret));
		close(out[0]);
		kill_cgroup(run);
		free(run);
		return fail(a, ret);
	}
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	a->sandbox = run;
	a->pid = pid;
	a->out_fd = out[0];
	a->listener = -1;
	a->started_ms = appmand_now_ms();
	a->state = APP_RUNNING;
	on_core[core - AZS_FW_CORE_IO0] = a;
	appmand_watch(d, a->out_fd, a);
	appmand_watch(d, a->pidfd, a);
	app_log(a, "started on %s (azs-iocore pid %d, uid %u)", core_name(core), (int)pid, a->uid);
	return 0;
}

static void drain(struct app *a)
{
	char buf[4096];
	ssize_t n;

	while (a->out_fd >= 0 && (n = read(a->out_fd, buf, sizeof(buf))) > 0) {
		azs_log_ring_append(&a->log, buf, (size_t)n);
		fprintf(stderr, "[%s] %.*s", a->manifest.name, (int)n, buf);
	}
}

/* The process has ended (or is killed): collect it, free what it held. */
static void finish(struct appmand *d, struct app *a)
{
	struct rt_run *run = a->sandbox;
	int status = -1;

	kill_cgroup(run); /* nothing of it stays behind */
	if (waitpid(a->pid, &status, 0) < 0)
		status = -1;
	a->last_status = status;
	drain(a);
	appmand_unwatch(d, a->pidfd);
	close(a->pidfd);
	a->pidfd = -1;
	if (a->out_fd >= 0) {
		appmand_unwatch(d, a->out_fd);
		close(a->out_fd);
		a->out_fd = -1;
	}
	if (on_core[run->core - AZS_FW_CORE_IO0] == a)
		on_core[run->core - AZS_FW_CORE_IO0] = NULL;
	free(run);
	a->sandbox = NULL;
	a->pid = 0;
}

bool rtcore_event(struct appmand *d, struct app *a, int fd)
{
	int st;

	if (!a->sandbox)
		return false;
	if (fd == a->out_fd) {
		drain(a);
		return false;
	}
	if (fd != a->pidfd)
		return false;
	finish(d, a);
	st = a->last_status;
	if (st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3)
		app_log(a, "the core stopped on a fault (azs-iocore status 3)");
	else if (st >= 0 && WIFEXITED(st))
		app_log(a, "azs-iocore exited with status %d", WEXITSTATUS(st));
	else if (st >= 0 && WIFSIGNALED(st))
		app_log(a, "azs-iocore killed by signal %d", WTERMSIG(st));
	else
		app_log(a, "ended");
	if (a->want_running && !d->stopping)
		return true; /* the supervisor's restart policy, as for HL apps */
	a->state = APP_STOPPED;
	return false;
}

int rtcore_stop(struct appmand *d, struct app *a)
{
	struct pollfd p;

	if (!a->sandbox)
		return 0;
	p.fd = a->pidfd;
	p.events = POLLIN;
	syscall(SYS_pidfd_send_signal, a->pidfd, SIGTERM, NULL, 0);
	poll(&p, 1, STOP_GRACE_MS);
	finish(d, a);
	a->state = APP_STOPPED;
	app_log(a, "stopped");
	return 0;
}
