// SPDX-License-Identifier: MIT
/* Starting and stopping one sandboxed app (see launch.h). */
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup.h"
#include <azs/cleanup.h>
#include "fds.h"
#include "landlock.h"
#include "launch.h"
#include "log.h"
#include "mounts.h"
#include "net.h"
#include "reaper.h"
#include "seccomp_policy.h"
#include "veth.h"

#define CHANNEL_FD 3

/*
 * A kept pid 1's control socket (notify_sock), one fixed-size message each
 * way (launch.h, "A pid 1 kept per app"; both ends are this library, in one
 * build).
 */
struct init_msg {
	uint8_t kind;  /* MSG_* */
	uint8_t flags; /* RUN_* or END_* */
	uint16_t pad;
	int32_t value; /* MSG_ENDED: the app's exit code, or 128 + its signal */
};
#define MSG_LISTENER 'F' /* pid 1: its seccomp listener (and Landlock ruleset) */
#define MSG_STARTED  'H' /* pid 1: the run's app is past its execve */
#define MSG_ENDED    'E' /* pid 1: the run has ended, nothing of it left but what END_* says */
#define MSG_RUN      'S' /* supervisor: run the app again, with these descriptors */
#define MSG_KILL     'K' /* supervisor: kill the run */
#define RUN_STDOUT   1u
#define RUN_STDERR   2u
#define RUN_CHANNEL  4u
#define END_LEFT     1u /* other processes were still there and were killed */
#define END_TMP      2u /* /tmp could not be emptied */
/* Waited for a kept pid 1's answer to a kill request (it only kills and reaps). */
#define INIT_ANSWER_MS 1000
/* /tmp's directories deeper than this are not emptied (pid 1 is dropped). */
#define TMP_DEPTH_MAX 16

/*
 * A kept pid 1's own calls once it is under the app's filter: the app's
 * vfork, its setup until the execve, waiting, killing, reaping, emptying
 * /tmp, its control socket.
 */
static const char *const init_needs[] = {
	"poll",       "read",     "write",        "recvmsg",        "sendmsg", "vfork",
	"wait4",      "kill",     "close",        "close_range",    "dup2",    "openat",
	"getdents64", "unlinkat", "rt_sigaction", "rt_sigprocmask", "execve",  "exit_group",
#ifdef SYS_fcntl64
	"fcntl64",
#else
	"fcntl",
#endif
};

_Static_assert(AZS_SANDBOX_GRANT_NETWORK == AZS_SECCOMP_NETWORK &&
		       AZS_SANDBOX_GRANT_SYSTEM_TIME == AZS_SECCOMP_SYSTEM_TIME &&
		       AZS_SANDBOX_GRANT_DEBUG == AZS_SECCOMP_DEBUG,
	       "the sandbox's grants are the seccomp policy's");

/*
 * The seccomp filter's grants: the manifest's, inet sockets with a network
 * link, and the debugger's ptrace in debug mode.
 */
unsigned int azs_sandbox_seccomp_grants(const struct azs_sandbox_config *cfg)
{
	return cfg->grants | (cfg->net == AZS_SANDBOX_NET_LINK ? AZS_SECCOMP_NETWORK : 0) |
	       (cfg->debug_dir ? AZS_SECCOMP_DEBUG : 0);
}

#define DEBUG_DIR      "/.gdbserver"
#define DEBUG_MAX_ARGS 96 /* gdbserver's 7 and the manifest's entry point and 64 arguments */

/* Debug mode's command line: gdbserver, by its own loader, starts ARGV stopped. */
static void debug_argv(const struct azs_sandbox_config *cfg, const char **argv, size_t max)
{
	/* No shell to start the app with (there is none in the sandbox). */
	static const char *const pre[] = {
		DEBUG_DIR "/ld.so", "--library-path",          DEBUG_DIR, DEBUG_DIR "/gdbserver",
		"--once",           "--no-startup-with-shell", "stdio"};
	size_t n = 0;

	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		argv[n++] = pre[i];
	for (size_t i = 0; cfg->argv[i] && n + 1 < max; i++)
		argv[n++] = cfg->argv[i];
	argv[n] = NULL;
}

/*
 * Whether the app's IPC namespace can be kept from one run to the next: its
 * filter allows no call that makes an IPC object (SysV shared memory,
 * semaphores, message queues; POSIX message queues), so nothing of one run
 * is left there for the next. A policy that allows one keeps none.
 */
static int ipcns_keepable(const struct azs_sandbox_config *cfg)
{
	static const char *const makers[] = {"shmget", "semget", "msgget", "mq_open", "ipc"};

	for (size_t i = 0; i < sizeof(makers) / sizeof(makers[0]); i++)
		if (azs_seccomp_policy_allows(cfg->seccomp, makers[i]))
			return 0;
	return 1;
}

static int check_config(const struct azs_sandbox_config *cfg)
{
	if (cfg->uid == 0 || cfg->gid == 0 || cfg->uid == (uid_t)-1 || cfg->gid == (gid_t)-1) {
		sb_error("%s: an app needs a uid and gid of its own (not 0)", cfg->name);
		return -EINVAL;
	}
	if (!cfg->argv || !cfg->argv[0] || cfg->argv[0][0] != '/') {
		sb_error("%s: the entry point must be an absolute path inside the image",
			 cfg->name);
		return -EINVAL;
	}
	if (cfg->grants & ~(AZS_SANDBOX_GRANT_NETWORK | AZS_SANDBOX_GRANT_SYSTEM_TIME)) {
		/* AZS_SANDBOX_GRANT_DEBUG comes with debug_dir only. */
		sb_error("%s: unknown grants 0x%x", cfg->name, cfg->grants);
		return -EINVAL;
	}
	if (!cfg->seccomp) {
		sb_error("%s: no seccomp policy", cfg->name);
		return -EINVAL;
	}
	if (!azs_seccomp_policy_ready(cfg->seccomp, azs_sandbox_seccomp_grants(cfg))) {
		sb_error("%s: the seccomp filter for grants 0x%x is not compiled", cfg->name,
			 azs_sandbox_seccomp_grants(cfg));
		return -ENOEXEC;
	}
	if (!!cfg->debug_dir != (cfg->debug_fd >= 0)) {
		sb_error("%s: debug mode needs both gdbserver's directory and its stream",
			 cfg->name);
		return -EINVAL;
	}
	if (cfg->netns_fd >= 0 && cfg->net != AZS_SANDBOX_NET_NONE) {
		sb_error("%s: a kept network namespace is only for an app without a network link",
			 cfg->name);
		return -EINVAL;
	}
	if (cfg->netns_fd >= 0 && ioctl(cfg->netns_fd, NS_GET_NSTYPE) != CLONE_NEWNET) {
		sb_error("%s: the kept network namespace (descriptor %d) is not one", cfg->name,
			 cfg->netns_fd);
		return -EINVAL;
	}
	if (cfg->ipcns_fd >= 0 && !ipcns_keepable(cfg)) {
		sb_error("%s: a kept IPC namespace is only for a policy that allows no IPC object",
			 cfg->name);
		return -EINVAL;
	}
	if (cfg->ipcns_fd >= 0 && ioctl(cfg->ipcns_fd, NS_GET_NSTYPE) != CLONE_NEWIPC) {
		sb_error("%s: the kept IPC namespace (descriptor %d) is not one", cfg->name,
			 cfg->ipcns_fd);
		return -EINVAL;
	}
	if (cfg->mntns_fd >= 0 && !azs_sandbox_mntns_eligible(cfg)) {
		sb_error("%s: a kept mount namespace is only for an app without /etc, sysfs or "
			 "debug mode",
			 cfg->name);
		return -EINVAL;
	}
	if (cfg->mntns_fd >= 0 && ioctl(cfg->mntns_fd, NS_GET_NSTYPE) != CLONE_NEWNS) {
		sb_error("%s: the kept mount namespace (descriptor %d) is not one", cfg->name,
			 cfg->mntns_fd);
		return -EINVAL;
	}
	if (cfg->root_fd < 0 && !cfg->root_path) {
		sb_error("%s: no image directory", cfg->name);
		return -EINVAL;
	}
	if (cfg->keep_init && !azs_sandbox_init_keepable(cfg)) {
		sb_error("%s: a kept pid 1 is only for an app with a kept root, no network link, "
			 "no SystemTime, not in debug mode, under a policy that allows its calls",
			 cfg->name);
		return -EINVAL;
	}
	return 0;
}

/* The app, between the fork in pid 1 and its execve. */
__attribute__((noreturn)) static void app_main(const struct azs_sandbox_config *cfg, int sock,
					       const sigset_t *old_mask)
{
	static char channel_env[] = "AZS_CHANNEL_FD=3";
	char *env_channel[] = {channel_env, NULL};
	char *env_none[] = {NULL};
	const char *dbg_argv[DEBUG_MAX_ARGS];
	const char *const *argv = cfg->argv;
	int null_fd, listener, ret, in_fd, ruleset = -1;
	sigset_t none;

	/* The sandbox's own stdio: nothing of the supervisor's terminal. In
	 * debug mode stdin and stdout are gdbserver's remote protocol. */
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	in_fd = null_fd;
	if (cfg->debug_fd >= 0) {
		/* Stopped until the debugger connects (the supervisor does not wait for us). */
		do
			in_fd = accept4(cfg->debug_fd, NULL, NULL, SOCK_CLOEXEC);
		while (in_fd < 0 && errno == EINTR);
		if (in_fd < 0) {
			sb_syserr("%s: no debugger connection", cfg->name);
			_exit(AZS_SANDBOX_SETUP_FAILED);
		}
	}
	if (null_fd < 0 || dup2(in_fd, 0) < 0 ||
	    dup2(cfg->debug_fd >= 0    ? in_fd
		 : cfg->stdout_fd >= 0 ? cfg->stdout_fd
				       : null_fd,
		 1) < 0 ||
	    dup2(cfg->stderr_fd >= 0 ? cfg->stderr_fd : null_fd, 2) < 0) {
		sb_syserr("%s: cannot set up stdio", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	sock = fcntl(sock, F_DUPFD_CLOEXEC, 10);
	if (sock < 0 || (cfg->channel_fd >= 0 && dup2(cfg->channel_fd, CHANNEL_FD) < 0)) {
		sb_syserr("%s: cannot place the channel", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	ret = sb_cloexec_all_but(cfg->channel_fd >= 0 ? CHANNEL_FD : -1);
	if (!ret)
		ret = sb_become_app_user(cfg->uid, cfg->gid, 1,
					 !!(cfg->grants & AZS_SANDBOX_GRANT_SYSTEM_TIME));
	/* The ruleset is kept with the root it names (config.h, landlock.h). */
	if (!ret)
		ret = sb_landlock_restrict(
			2, cfg->debug_dir != NULL, cfg->landlock_fd,
			cfg->landlock_fd < 0 && azs_sandbox_mntns_eligible(cfg) ? &ruleset : NULL);
	if (ret) {
		sb_errno(ret, "%s: cannot drop privileges", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	/* The app starts with no signal blocked, whatever the supervisor blocks. */
	(void)old_mask;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	listener = azs_seccomp_policy_install(cfg->seccomp, azs_sandbox_seccomp_grants(cfg));
	if (listener < 0) {
		sb_errno(listener, "%s: cannot load the seccomp filter", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	/* From here on only the launcher's syscalls (seccomp_policy.c). */
	{
		int pass[2] = {listener, ruleset};

		if (sb_send_fds(sock, pass, ruleset >= 0 ? 2 : 1))
			_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	close(listener);
	if (ruleset >= 0)
		close(ruleset);
	if (cfg->debug_dir) {
		debug_argv(cfg, dbg_argv, sizeof(dbg_argv) / sizeof(dbg_argv[0]));
		argv = dbg_argv;
	}
	execve(argv[0], (char *const *)argv, cfg->channel_fd >= 0 ? env_channel : env_none);
	dprintf(2, "azs-sandbox: cannot execute %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Our end of the link, once the supervisor has created it (it says 'L'). */
static int link_up(const struct azs_sandbox_config *cfg, int sock)
{
	const struct azs_sandbox_link *l = &cfg->link;
	char go = 0;
	ssize_t n;
	int fd;

	do
		n = read(sock, &go, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1 || go != 'L')
		return -ECANCELED;
	/* IPv4 only: no link-local IPv6 path around the packet filter. */
	fd = open("/proc/sys/net/ipv6/conf/all/disable_ipv6", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "1", 1) != 1)
			sb_syserr("%s: cannot disable IPv6", cfg->name);
		close(fd);
	}
	if (sb_if_configure(l->app_if, l->app_addr, l->prefix) || sb_default_route(l->host_addr))
		return -ENETDOWN;
	return 0;
}

/* The supervisor's end of the link of sandbox PID, then 'L' to its pid 1. */
static int link_create(const struct azs_sandbox_config *cfg, pid_t pid, int sock)
{
	const struct azs_sandbox_link *l = &cfg->link;
	int ret = sb_veth_create(l->host_if, l->app_if, pid);

	if (!ret)
		ret = sb_if_configure(l->host_if, l->host_addr, l->prefix);
	if (!ret && send(sock, "L", 1, MSG_NOSIGNAL) != 1)
		ret = sb_syserr("%s: cannot signal the sandbox", cfg->name);
	return ret;
}

static int init_send(int sock, uint8_t kind, uint8_t flags, int32_t value, const int *fds, size_t n)
{
	struct init_msg m = {.kind = kind, .flags = flags, .value = value};

	return sb_send_msg(sock, &m, sizeof(m), fds, n);
}

/* A kept pid 1's app, between its vfork and its execve (pid 1 has the rest). */
__attribute__((noreturn)) static void app_rerun(const struct azs_sandbox_config *cfg, int out,
						int err, int chan)
{
	static char channel_env[] = "AZS_CHANNEL_FD=3";
	char *env_channel[] = {channel_env, NULL};
	char *env_none[] = {NULL};
	int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	sigset_t none;

	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out >= 0 ? out : null_fd, 1) < 0 ||
	    dup2(err >= 0 ? err : null_fd, 2) < 0 || (chan >= 0 && dup2(chan, CHANNEL_FD) < 0) ||
	    sb_cloexec_all_but(chan >= 0 ? CHANNEL_FD : -1))
		_exit(AZS_SANDBOX_SETUP_FAILED);
	/* Pid 1's handlers (never run) off, then no signal blocked. */
	sb_reaper_defaults();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(cfg->argv[0], (char *const *)cfg->argv, chan >= 0 ? env_channel : env_none);
	dprintf(2, "azs-sandbox: cannot execute %s: %s\n", cfg->argv[0], strerror(errno));
	_exit(127);
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Remove everything in directory DIR (nothing of the run writes in it any more). */
static int empty_dir(int dir, int depth)
{
	char buf[1024] __attribute__((aligned(8)));
	long n;

	/* One pass: what was read is removed; nothing adds an entry meanwhile. */
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
			int is_dir = e->d_type == DT_DIR;

			off += e->d_reclen;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			if (is_dir) {
				int sub, ret;

				if (depth >= TMP_DEPTH_MAX)
					return -ELOOP;
				sub = openat(dir, e->d_name,
					     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				if (sub < 0)
					return -errno;
				ret = empty_dir(sub, depth + 1);
				close(sub);
				if (ret)
					return ret;
			}
			if (unlinkat(dir, e->d_name, is_dir ? AT_REMOVEDIR : 0))
				return -errno;
		}
	}
	return n < 0 ? -errno : 0;
}

/*
 * The run's app has ended with CODE: kill what is left of the pid namespace,
 * reap until pid 1 has no child (orphans are its children: then nothing of
 * the run is left), empty /tmp, and report.
 */
static void init_end_run(int sock, int code)
{
	unsigned int flags = 0;
	int tmp, ret;

	/* The app's children that had ended before it (orphans now, ours): not left. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	for (;;) {
		kill(-1, SIGKILL); /* everyone but pid 1; ESRCH: nobody */
		if (waitpid(-1, NULL, 0) > 0)
			flags |= END_LEFT;
		else if (errno != EINTR)
			break; /* ECHILD */
	}
	tmp = open("/tmp", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	ret = tmp < 0 ? -errno : empty_dir(tmp, 0);
	if (tmp >= 0)
		close(tmp);
	if (ret)
		flags |= END_TMP;
	if (init_send(sock, MSG_ENDED, (uint8_t)flags, code, NULL, 0))
		_exit(AZS_SANDBOX_SETUP_FAILED);
}

/*
 * Start the app: vfork (we are suspended until its execve), then tell the
 * supervisor. A failed vfork is a run that ended at once.
 */
static pid_t init_run(const struct azs_sandbox_config *cfg, int sock, int out, int err, int chan)
{
	pid_t app = vfork();

	if (app == 0)
		app_rerun(cfg, out, err, chan);
	if (app < 0) {
		init_end_run(sock, AZS_SANDBOX_SETUP_FAILED);
		return 0;
	}
	if (init_send(sock, MSG_STARTED, 0, 0, NULL, 0))
		_exit(AZS_SANDBOX_SETUP_FAILED);
	return app;
}

/*
 * A kept pid 1 (launch.h): the app's user, Landlock and seccomp filter once,
 * for itself and every run; then the runs, one at a time, on request.
 * Descriptors from the first run on: /dev/null as stdio, the control
 * socket at 3, the signalfd at 4, a run's three while it is started.
 */
__attribute__((noreturn)) static void init_kept(const struct azs_sandbox_config *cfg, int sock)
{
	int pass[2], listener, ruleset = -1, sfd, null_fd, ret = 0, status;
	sigset_t set;
	pid_t app, pid;

	sb_reaper_signals(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sb_reaper_handlers();
	sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	/* Its setup's messages go to the app's log, as the app's own did. */
	if (sfd < 0 || null_fd < 0 || (cfg->stderr_fd >= 0 && dup2(cfg->stderr_fd, 2) < 0))
		ret = -errno;
	if (!ret)
		ret = sb_become_app_user(cfg->uid, cfg->gid, 0, 0);
	/* The change of user cleared it. */
	if (!ret && prctl(PR_SET_PDEATHSIG, SIGKILL))
		ret = -errno;
	if (!ret)
		ret = sb_landlock_restrict(2, 0, cfg->landlock_fd,
					   cfg->landlock_fd < 0 ? &ruleset : NULL);
	if (ret) {
		sb_errno(ret, "%s: cannot drop privileges", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	listener = azs_seccomp_policy_install(cfg->seccomp, azs_sandbox_seccomp_grants(cfg));
	if (listener < 0) {
		sb_errno(listener, "%s: cannot load the seccomp filter", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	/* From here on only the allowlist's calls (init_needs). */
	pass[0] = listener;
	pass[1] = ruleset;
	if (init_send(sock, MSG_LISTENER, 0, 0, pass, ruleset >= 0 ? 2 : 1))
		_exit(AZS_SANDBOX_SETUP_FAILED);
	close(listener);
	if (ruleset >= 0)
		close(ruleset);
	app = init_run(cfg, sock, cfg->stdout_fd, cfg->stderr_fd, cfg->channel_fd);
	/* Nothing of the first run's descriptors or the supervisor's stays. */
	sock = fcntl(sock, F_DUPFD_CLOEXEC, 16);
	sfd = fcntl(sfd, F_DUPFD_CLOEXEC, 16);
	if (sock < 0 || sfd < 0 || dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 ||
	    dup2(null_fd, 2) < 0 || dup2(sock, 3) < 0 || dup2(sfd, 4) < 0 ||
	    syscall(SYS_close_range, 5, ~0U, 0)) {
		kill(-1, SIGKILL);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	sock = 3;
	sfd = 4;
	for (;;) {
		struct pollfd p[2] = {{.fd = sock, .events = POLLIN},
				      {.fd = sfd, .events = POLLIN}};
		struct signalfd_siginfo si;
		struct init_msg m;
		int fds[3], k[3] = {-1, -1, -1};
		size_t n, i;

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			kill(-1, SIGKILL);
			_exit(AZS_SANDBOX_SETUP_FAILED);
		}
		while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			if (si.ssi_signo != SIGCHLD && app > 0)
				kill(app, (int)si.ssi_signo);
		/* Orphans are reaped as they end; the app's end ends the run. */
		while (app > 0 && (pid = waitpid(-1, &status, WNOHANG)) > 0)
			if (pid == app) {
				app = 0;
				init_end_run(sock, sb_reaper_code(status));
			}
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if (sb_recv_msg(sock, &m, sizeof(m), fds, 3, &n)) {
			/* The supervisor is gone: so is everything here. */
			kill(-1, SIGKILL);
			_exit(0);
		}
		if (m.kind == MSG_KILL && !n) {
			/* Idle: its end is on its way to the supervisor already. */
			if (app <= 0)
				continue;
			kill(-1, SIGKILL);
			while (waitpid(app, &status, 0) < 0 && errno == EINTR)
				;
			app = 0;
			init_end_run(sock, sb_reaper_code(status));
			continue;
		}
		if (m.kind != MSG_RUN || app > 0 ||
		    n != (size_t)__builtin_popcount(m.flags &
						    (RUN_STDOUT | RUN_STDERR | RUN_CHANNEL))) {
			for (i = 0; i < n; i++)
				close(fds[i]);
			kill(-1, SIGKILL);
			_exit(AZS_SANDBOX_SETUP_FAILED);
		}
		i = 0;
		if (m.flags & RUN_STDOUT)
			k[0] = fds[i++];
		if (m.flags & RUN_STDERR)
			k[1] = fds[i++];
		if (m.flags & RUN_CHANNEL)
			k[2] = fds[i++];
		app = init_run(cfg, sock, k[0], k[1], k[2]);
		for (i = 0; i < n; i++)
			close(fds[i]);
	}
}

/* Pid 1 of the sandbox. */
__attribute__((noreturn)) static void init_main(const struct azs_sandbox_config *cfg,
						struct sb_root *root, int sock)
{
	sigset_t set, old;
	int null_fd, ret;
	pid_t app;

	if (setsid() < 0 || prctl(PR_SET_PDEATHSIG, SIGKILL)) {
		sb_syserr("%s: cannot start a session", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	/* The app's kept network namespace (config.h), else the new one's lo. */
	if (cfg->netns_fd >= 0) {
		ret = setns(cfg->netns_fd, CLONE_NEWNET) ? -errno : 0;
		close(cfg->netns_fd);
	} else {
		ret = sb_loopback_up();
	}
	/* The app's kept IPC namespace (config.h), else clone3's new one. */
	if (cfg->ipcns_fd >= 0) {
		if (!ret)
			ret = setns(cfg->ipcns_fd, CLONE_NEWIPC) ? -errno : 0;
		close(cfg->ipcns_fd);
	}
	if (!ret)
		ret = sethostname(cfg->name, strlen(cfg->name)) ? -errno : 0;
	if (!ret && cfg->net == AZS_SANDBOX_NET_LINK)
		ret = link_up(cfg, sock);
	if (!ret)
		ret = cfg->mntns_fd >= 0 ? sb_root_rejoin(cfg) : sb_root_enter(cfg, root);
	if (ret) {
		sb_errno(ret, "%s: cannot set the sandbox up", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	sb_root_release(root);
	/* Once, for the reaper and the app (caps.h). */
	ret = sb_drop_bounding_set(!!(cfg->grants & AZS_SANDBOX_GRANT_SYSTEM_TIME));
	if (ret) {
		sb_errno(ret, "%s: cannot drop privileges", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	if (cfg->keep_init)
		init_kept(cfg, sock);

	sb_reaper_signals(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	/*
	 * The app shares our memory until its execve (vfork): no copy of our
	 * page tables to make and then tear down at the exec, which was most of
	 * the fork's cost. We are suspended meanwhile; app_main never returns,
	 * only execs or _exits, writes nothing of ours the reaper reads after it
	 * (its leftovers on the heap are ours to leak), and no handler of ours
	 * can run in it (we install the reaper's after it, and the daemon's only
	 * one is SIG_IGN). Credentials, Landlock and the filter are the task's,
	 * not the memory's. Debug mode forks: the app waits there for a debugger,
	 * which must not hold us.
	 */
	app = cfg->debug_fd >= 0 ? fork() : vfork();
	if (app < 0) {
		sb_syserr("%s: cannot fork the app", cfg->name);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	if (app == 0)
		app_main(cfg, sock, &old);

	/* The reaper keeps nothing: no stdio, no descriptors, no privileges. */
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(null_fd, 2) < 0 ||
	    sb_close_all_but(-1) || sb_become_app_user(cfg->uid, cfg->gid, 0, 0)) {
		kill(app, SIGKILL);
		_exit(AZS_SANDBOX_SETUP_FAILED);
	}
	sb_reaper_run(app);
}

static int open_image(const struct azs_sandbox_config *cfg)
{
	int fd;

	if (cfg->root_fd >= 0) {
		fd = fcntl(cfg->root_fd, F_DUPFD_CLOEXEC, 0);
		return fd < 0 ? sb_syserr("%s: bad image descriptor", cfg->name) : fd;
	}
	fd = open(cfg->root_path, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sb_syserr("%s: cannot open the image %s", cfg->name, cfg->root_path);
	return fd;
}

/*
 * The namespace NS ("mnt", "net") of the process behind PIDFD, or -errno.
 * Through /proc by the pid its procfs knows it by: the daemon may run in a
 * pid namespace of its own under a /proc of the parent's, where the pid
 * clone3 returned names another process (and its namespaces). The pidfd's
 * fdinfo gives the pid in the procfs's own namespace. The process is the
 * caller's child, not yet reaped, so that pid is still its.
 */
static int open_ns(int pidfd, const char *ns, int type)
{
	char path[64], line[128];
	long pid = -1;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", pidfd);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Pid:\t%ld", &pid) == 1)
			break;
	fclose(f);
	if (pid <= 0)
		return -ESRCH; /* gone, or not in this /proc's namespace */
	snprintf(path, sizeof(path), "/proc/%ld/ns/%s", pid, ns);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, NS_GET_NSTYPE) != type) {
		close(fd);
		return -EINVAL;
	}
	return fd;
}

/*
 * The app's cgroup: the kept one (config.h, cgroup_fd; the caller's
 * descriptor, ours now) if it is empty, else a new one with its limits.
 */
static int app_cgroup(const struct azs_sandbox_config *cfg, int *kept)
{
	int fd = azs_take_fd(kept), n;

	if (fd < 0)
		return sb_cgroup_create(cfg);
	n = sb_cgroup_count(fd);
	if (n != 0) {
		close(fd);
		if (n > 0)
			sb_error("%s: the kept cgroup has %d processes in it", cfg->name, n);
		else
			sb_errno(n, "%s: cannot read the kept cgroup", cfg->name);
		return n > 0 ? -EBUSY : n;
	}
	return fd;
}

int azs_sandbox_start(const struct azs_sandbox_config *cfg, struct azs_sandbox *sb)
{
	azs_cleanup(azs_closep) int image = -1;
	azs_cleanup(azs_closep) int cgfd = -1;
	azs_cleanup(azs_closep) int kept_cg = cfg->cgroup_fd; /* ours (config.h) */
	int socks[2], pidfd = -1, ret;
	struct sb_root root;
	struct clone_args args;
	long pid;

	memset(sb, 0, sizeof(*sb));
	sb->pidfd = sb->cgroup_fd = sb->notify_sock = sb->listener = sb->netns_fd = -1;
	sb->ipcns_fd = sb->landlock_fd = -1;
	sb->status = sb->run_status = -1;
	ret = check_config(cfg);
	if (ret) {
		if (kept_cg >= 0)
			sb_cgroup_remove(cfg);
		return ret;
	}
	if (cfg->mntns_fd >= 0) {
		/* The kept namespace has the root: nothing to prepare. */
		sb_root_none(&root);
	} else {
		image = open_image(cfg);
		if (image < 0 || (ret = sb_root_prepare(cfg, image, &root))) {
			if (kept_cg >= 0)
				sb_cgroup_remove(cfg);
			return image < 0 ? image : ret;
		}
	}
	cgfd = app_cgroup(cfg, &kept_cg);
	if (cgfd < 0) {
		sb_root_release(&root);
		return cgfd;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, socks)) {
		sb_root_release(&root);
		sb_cgroup_remove(cfg);
		return sb_syserr("socketpair");
	}

	memset(&args, 0, sizeof(args));
	args.flags = CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWCGROUP |
		     (cfg->ipcns_fd >= 0 ? 0 : CLONE_NEWIPC) |
		     (cfg->mntns_fd >= 0 ? 0 : CLONE_NEWNS) |
		     (cfg->netns_fd >= 0 ? 0 : CLONE_NEWNET) | CLONE_PIDFD | CLONE_INTO_CGROUP;
	args.pidfd = (uintptr_t)&pidfd;
	args.exit_signal = SIGCHLD;
	args.cgroup = (uint64_t)cgfd;
	fflush(NULL);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0) {
		close(socks[0]);
		init_main(cfg, &root, socks[1]);
	}
	ret = pid < 0 ? -errno : 0;
	sb_root_release(&root);
	close(socks[1]);
	if (ret) {
		close(socks[0]);
		sb_cgroup_remove(cfg);
		return sb_errno(ret, "%s: cannot create the sandbox", cfg->name);
	}
	if (cfg->net == AZS_SANDBOX_NET_LINK) {
		ret = link_create(cfg, (pid_t)pid, socks[0]);
		if (ret) {
			siginfo_t si;

			syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
			waitid(P_PIDFD, (id_t)pidfd, &si, WEXITED);
			close(pidfd);
			close(socks[0]);
			sb_cgroup_remove(cfg);
			return ret;
		}
	}
	if (cfg->net == AZS_SANDBOX_NET_NONE && cfg->netns_fd < 0) {
		/* Born in it (CLONE_NEWNET); none kept if it can't be named. */
		int nfd = open_ns(pidfd, "net", CLONE_NEWNET);

		sb->netns_fd = nfd >= 0 ? nfd : -1;
	}
	if (cfg->ipcns_fd < 0 && ipcns_keepable(cfg)) {
		/* Born in it (CLONE_NEWIPC); none kept if it can't be named. */
		int ifd = open_ns(pidfd, "ipc", CLONE_NEWIPC);

		sb->ipcns_fd = ifd >= 0 ? ifd : -1;
	}
	sb->pid = (pid_t)pid;
	sb->pidfd = pidfd;
	sb->cgroup_fd = azs_take_fd(&cgfd);
	sb->notify_sock = socks[0];
	sb->cfg = cfg;
	sb->kept = !!cfg->keep_init;
	sb->run_on = sb->kept;
	return 0;
}

/* The app's new Landlock ruleset (landlock.h); only a ruleset is kept. */
static void take_ruleset(struct azs_sandbox *sb, int fd)
{
	char link[64], path[64];
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	len = readlink(path, link, sizeof(link) - 1);
	if (len > 0 && (link[len] = '\0', !strcmp(link, "anon_inode:[landlock-ruleset]")) &&
	    sb->landlock_fd < 0)
		sb->landlock_fd = fd;
	else
		close(fd);
}

int azs_sandbox_take_listener(struct azs_sandbox *sb)
{
	int fds[2], n;

	if (sb->kept) {
		/* The first message of a kept pid 1; its socket stays. */
		n = azs_sandbox_read(sb);
		return n == AZS_SANDBOX_EV_LISTENER ? sb->listener : n < 0 ? n : -EBADMSG;
	}
	n = sb_recv_fds(sb->notify_sock, fds, 2);
	close(sb->notify_sock);
	sb->notify_sock = -1;
	if (n < 0)
		return n;
	sb->listener = fds[0];
	if (n == 2)
		take_ruleset(sb, fds[1]);
	return fds[0];
}

int azs_sandbox_read(struct azs_sandbox *sb)
{
	struct init_msg m;
	int fds[2];
	size_t n, i;
	int ret;

	if (!sb->kept || sb->notify_sock < 0)
		return -EINVAL;
	ret = sb_recv_msg(sb->notify_sock, &m, sizeof(m), fds, 2, &n);
	if (ret)
		return ret;
	switch (m.kind) {
	case MSG_LISTENER:
		if (n < 1 || sb->listener >= 0)
			break;
		sb->listener = fds[0];
		if (n == 2)
			take_ruleset(sb, fds[1]);
		return AZS_SANDBOX_EV_LISTENER;
	case MSG_STARTED:
		if (n || !sb->run_on)
			break;
		return AZS_SANDBOX_EV_STARTED;
	case MSG_ENDED:
		if (n || !sb->run_on || m.value < 0 || m.value > 255)
			break;
		sb->run_on = 0;
		sb->run_status = W_EXITCODE(m.value, 0);
		/* Nothing left but pid 1 (its report, and the group's count). */
		sb->run_clean = !m.flags && sb_cgroup_count(sb->cgroup_fd) == 1;
		return AZS_SANDBOX_EV_ENDED;
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	return -EBADMSG;
}

int azs_sandbox_rerun(struct azs_sandbox *sb, int stdout_fd, int stderr_fd, int channel_fd)
{
	struct init_msg m = {.kind = MSG_RUN};
	int fds[3];
	size_t n = 0;
	int ret;

	if (!sb->kept || sb->run_on || sb->status >= 0 || sb->notify_sock < 0 || sb->listener < 0)
		return -EINVAL;
	if (stdout_fd >= 0) {
		fds[n++] = stdout_fd;
		m.flags |= RUN_STDOUT;
	}
	if (stderr_fd >= 0) {
		fds[n++] = stderr_fd;
		m.flags |= RUN_STDERR;
	}
	if (channel_fd >= 0) {
		fds[n++] = channel_fd;
		m.flags |= RUN_CHANNEL;
	}
	ret = sb_send_msg(sb->notify_sock, &m, sizeof(m), fds, n);
	if (ret)
		return ret;
	sb->run_on = 1;
	sb->run_status = -1;
	sb->run_clean = 0;
	return 0;
}

static int wait_ended(struct azs_sandbox *sb, int ms);

/* Wait at most MS for the run's end: 0, -ETIMEDOUT, or another negative errno (drop). */
static int await_end(struct azs_sandbox *sb, int ms)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (sb->run_on) {
		struct pollfd p[2] = {{.fd = sb->notify_sock, .events = POLLIN},
				      {.fd = sb->pidfd, .events = POLLIN}};
		long left;
		int ret;

		clock_gettime(CLOCK_MONOTONIC, &t);
		left = ms - ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left < 0)
			return -ETIMEDOUT;
		ret = poll(p, 2, (int)left);
		if (ret < 0 && errno != EINTR)
			return -errno;
		if (ret <= 0)
			continue;
		if (p[0].revents) {
			ret = azs_sandbox_read(sb);
			if (ret < 0)
				return ret;
			continue;
		}
		if (p[1].revents)
			return -ESRCH; /* pid 1 has ended */
	}
	return 0;
}

int azs_sandbox_end_run(struct azs_sandbox *sb, int grace_ms)
{
	struct init_msg m = {.kind = MSG_KILL};
	int ret;

	if (!sb->kept || sb->status >= 0)
		return -EINVAL;
	if (!sb->run_on)
		return 0;
	syscall(SYS_pidfd_send_signal, sb->pidfd, SIGTERM, NULL, 0);
	ret = await_end(sb, grace_ms);
	if (ret == -ETIMEDOUT) {
		ret = sb_send_msg(sb->notify_sock, &m, sizeof(m), NULL, 0);
		if (!ret)
			ret = await_end(sb, INIT_ANSWER_MS);
	}
	if (!ret)
		return 0;
	azs_sandbox_drop(sb);
	return ret;
}

/* cgroup.kill until the group is empty (at most ~1 s): how many processes are left. */
static int kill_group(struct azs_sandbox *sb)
{
	int left = 0;

	for (int i = 0; i < 50; i++) {
		left = sb_cgroup_count(sb->cgroup_fd);
		if (left <= 0)
			break;
		sb_cgroup_kill(sb->cgroup_fd);
		usleep(20000);
	}
	return left;
}

int azs_sandbox_drop(struct azs_sandbox *sb)
{
	if (sb->status < 0) {
		syscall(SYS_pidfd_send_signal, sb->pidfd, SIGKILL, NULL, 0);
		wait_ended(sb, -1);
	}
	sb->run_on = 0;
	return kill_group(sb);
}

int azs_sandbox_init_keepable(const struct azs_sandbox_config *cfg)
{
	if (!azs_sandbox_mntns_eligible(cfg) || cfg->net != AZS_SANDBOX_NET_NONE ||
	    (cfg->grants & AZS_SANDBOX_GRANT_SYSTEM_TIME) || cfg->debug_dir || cfg->debug_fd >= 0 ||
	    !cfg->seccomp || !ipcns_keepable(cfg))
		return 0;
	for (size_t i = 0; i < sizeof(init_needs) / sizeof(init_needs[0]); i++)
		if (!azs_seccomp_policy_allows(cfg->seccomp, init_needs[i]))
			return 0;
	return 1;
}

static int str_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

int azs_sandbox_config_same(const struct azs_sandbox_config *a, const struct azs_sandbox_config *b)
{
	size_t i;

	if (!str_same(a->name, b->name) || a->uid != b->uid || a->gid != b->gid ||
	    (a->root_fd >= 0) != (b->root_fd >= 0) || !str_same(a->root_path, b->root_path) ||
	    a->n_devices != b->n_devices || a->n_sysfs != b->n_sysfs ||
	    !str_same(a->storage_dir, b->storage_dir) || a->storage_kb != b->storage_kb ||
	    a->net != b->net || memcmp(&a->link, &b->link, sizeof(a->link)) ||
	    !str_same(a->hosts, b->hosts) || !str_same(a->libs_dir, b->libs_dir) ||
	    !str_same(a->deviceauth_cert, b->deviceauth_cert) || a->memory_max != b->memory_max ||
	    a->pids_max != b->pids_max || a->cpu_quota_us != b->cpu_quota_us ||
	    a->cpu_period_us != b->cpu_period_us || !str_same(a->cgroup_parent, b->cgroup_parent) ||
	    a->seccomp != b->seccomp || a->grants != b->grants ||
	    !str_same(a->debug_dir, b->debug_dir) || (a->debug_fd >= 0) != (b->debug_fd >= 0) ||
	    a->keep_init != b->keep_init || !a->argv != !b->argv)
		return 0;
	/* An image by descriptor can't be compared: never the same. */
	if (a->root_fd >= 0)
		return 0;
	for (i = 0; a->argv && (a->argv[i] || b->argv[i]); i++)
		if (!str_same(a->argv[i], b->argv[i]))
			return 0;
	for (i = 0; i < a->n_devices && i < AZS_SANDBOX_MAX_DEVICES; i++)
		if (!str_same(a->devices[i].host_path, b->devices[i].host_path) ||
		    !str_same(a->devices[i].name, b->devices[i].name))
			return 0;
	for (i = 0; i < a->n_sysfs && i < AZS_SANDBOX_MAX_SYSFS; i++)
		if (!str_same(a->sysfs[i].host_path, b->sysfs[i].host_path) ||
		    !str_same(a->sysfs[i].app_path, b->sysfs[i].app_path))
			return 0;
	return 1;
}

int azs_sandbox_take_landlock(struct azs_sandbox *sb)
{
	return azs_take_fd(&sb->landlock_fd);
}

int azs_sandbox_take_cgroup(struct azs_sandbox *sb)
{
	int fd = sb->cgroup_fd;

	if (sb->status < 0 || fd < 0 || sb_cgroup_count(fd) != 0)
		return -EBUSY;
	sb->cgroup_fd = -1;
	sb->cgroup_kept = 1;
	return fd;
}

void azs_sandbox_close_listener(struct azs_sandbox *sb)
{
	if (sb->listener >= 0)
		close(sb->listener);
	sb->listener = -1;
}

int azs_sandbox_reap(struct azs_sandbox *sb, int block)
{
	siginfo_t si;

	if (sb->status >= 0)
		return 1;
	memset(&si, 0, sizeof(si));
	if (waitid(P_PIDFD, (id_t)sb->pidfd, &si, WEXITED | (block ? 0 : WNOHANG)))
		return -errno;
	if (!si.si_pid)
		return 0;
	if (si.si_code == CLD_EXITED)
		sb->status = W_EXITCODE(si.si_status, 0);
	else
		sb->status = si.si_status & 0x7f;
	return 1;
}

static int wait_ended(struct azs_sandbox *sb, int ms)
{
	struct pollfd p = {.fd = sb->pidfd, .events = POLLIN};

	if (sb->status >= 0)
		return 1;
	if (poll(&p, 1, ms) < 0 && errno != EINTR)
		return -errno;
	return azs_sandbox_reap(sb, 0);
}

int azs_sandbox_stop(struct azs_sandbox *sb, int grace_ms)
{
	if (sb->status < 0) {
		syscall(SYS_pidfd_send_signal, sb->pidfd, SIGTERM, NULL, 0);
		if (wait_ended(sb, grace_ms) == 0) {
			syscall(SYS_pidfd_send_signal, sb->pidfd, SIGKILL, NULL, 0);
			wait_ended(sb, -1);
		}
	}
	return kill_group(sb);
}

int azs_sandbox_mntns_eligible(const struct azs_sandbox_config *cfg)
{
	return !cfg->hosts && !cfg->deviceauth_cert && !cfg->n_sysfs && !cfg->debug_dir;
}

int azs_sandbox_open_mntns(const struct azs_sandbox *sb)
{
	if (!sb->cfg || sb->cfg->mntns_fd >= 0 || !azs_sandbox_mntns_eligible(sb->cfg) ||
	    sb->status >= 0)
		return -EINVAL;
	return open_ns(sb->pidfd, "mnt", CLONE_NEWNS);
}

int azs_sandbox_take_netns(struct azs_sandbox *sb)
{
	return azs_take_fd(&sb->netns_fd);
}

int azs_sandbox_take_ipcns(struct azs_sandbox *sb)
{
	return azs_take_fd(&sb->ipcns_fd);
}

void azs_sandbox_release(struct azs_sandbox *sb)
{
	if (sb->netns_fd >= 0)
		close(sb->netns_fd);
	if (sb->ipcns_fd >= 0)
		close(sb->ipcns_fd);
	sb->netns_fd = sb->ipcns_fd = -1;
	if (sb->pidfd >= 0)
		close(sb->pidfd);
	if (sb->cgroup_fd >= 0)
		close(sb->cgroup_fd);
	if (sb->notify_sock >= 0)
		close(sb->notify_sock);
	if (sb->listener >= 0)
		close(sb->listener);
	if (sb->landlock_fd >= 0)
		close(sb->landlock_fd);
	sb->pidfd = sb->cgroup_fd = sb->notify_sock = sb->listener = sb->landlock_fd = -1;
	if (sb->cfg && !sb->cgroup_kept)
		sb_cgroup_remove(sb->cfg);
}
