// SPDX-License-Identifier: MIT
/*
 * Starting and stopping one sandboxed app.
 *
 * azs_sandbox_start creates the app's cgroup, clones the image and device
 * nodes, and clone3()s pid 1 of the sandbox straight into the cgroup with
 * new pid, mount, ipc, uts, cgroup and (network "none") net namespaces. Pid 1
 * builds the app's root (mounts.h), forks the app and becomes its reaper
 * (reaper.h). The app, before its execve: new stdio, the channel at fd 3,
 * every other fd closed on exec, the app's uid/gid with no capabilities and
 * no_new_privs (caps.h), Landlock (landlock.h), the seccomp filter whose
 * notification listener it hands to the supervisor (seccomp_policy.h).
 */
#ifndef AZS_SANDBOX_LAUNCH_H
#define AZS_SANDBOX_LAUNCH_H

#include <sys/types.h>

#include "config.h"

/* Exit status of pid 1 when setting the sandbox up failed (message on stderr). */
#define AZS_SANDBOX_SETUP_FAILED 125

struct azs_sandbox {
	pid_t pid;       /* pid 1 of the sandbox, in the supervisor's namespace */
	int pidfd;       /* readable when it has ended */
	int cgroup_fd;   /* the app's cgroup */
	int notify_sock; /* where the app hands over its seccomp listener */
	int listener;    /* -1 until azs_sandbox_take_listener got it */
	const struct azs_sandbox_config *cfg;
	int status;   /* wait status once reaped, else -1 */
	int netns_fd; /* the network namespace it made (AZS_SANDBOX_NET_NONE), else -1 */
	int ipcns_fd; /* the IPC namespace it made, else -1 */
	int landlock_fd; /* the Landlock ruleset its app made (azs_sandbox_take_landlock), else -1 */
	int cgroup_kept; /* the cgroup was taken (azs_sandbox_take_cgroup): not removed */
	/* A kept pid 1 (cfg->keep_init; below): */
	int kept;       /* pid 1 stays between runs; notify_sock is its control socket */
	int run_on;     /* a run was started and its end not yet read */
	int run_status; /* the last run's wait status (as pid 1's exit would be), else -1 */
	int run_clean;  /* ... it left nothing (no other process, /tmp emptied) */
};

/*
 * The grant set of CFG's seccomp filter (AZS_SECCOMP_*): the manifest's,
 * inet sockets with a network link, the debugger's ptrace in debug mode. Its
 * filter must be compiled (azs_seccomp_policy_prepare) before the start.
 */
unsigned int azs_sandbox_seccomp_grants(const struct azs_sandbox_config *cfg);

/* Start the app of CFG (which must outlive the sandbox). */
int azs_sandbox_start(const struct azs_sandbox_config *cfg, struct azs_sandbox *sb);

/*
 * Receive the seccomp listener once notify_sock is readable; returns it. The
 * sandbox keeps owning it (sb->listener): close it only with
 * azs_sandbox_close_listener() or azs_sandbox_release(), never directly, or
 * the release closes its number again, by then perhaps another file's.
 */
int azs_sandbox_take_listener(struct azs_sandbox *sb);

/* Close the seccomp listener early (its app's tasks are gone). */
void azs_sandbox_close_listener(struct azs_sandbox *sb);

/* Reap pid 1 if it has ended (BLOCK: wait for it). Returns 1 when reaped, 0 if not yet. */
int azs_sandbox_reap(struct azs_sandbox *sb, int block);

/*
 * Stop: SIGTERM (forwarded to the app by pid 1), SIGKILL after GRACE_MS,
 * then cgroup.kill until no process is left. Returns the number of processes
 * left in the cgroup (0), or a negative errno.
 */
int azs_sandbox_stop(struct azs_sandbox *sb, int grace_ms);

/*
 * The network namespace the sandbox made (an AZS_SANDBOX_NET_NONE app's: only
 * lo, up), for this same app's next start (cfg->netns_fd): the next start
 * neither makes one nor leaves one for the kernel to tear down. -1 if it
 * made none (it joined cfg->netns_fd, or the app has a link). The caller
 * owns it; keep it only for the app it was made for, and only if the
 * sandbox ended with none of its processes left.
 */
int azs_sandbox_take_netns(struct azs_sandbox *sb);

/*
 * The IPC namespace the sandbox made, for this same app's next start
 * (cfg->ipcns_fd), as azs_sandbox_take_netns: -1 if it made none. Empty
 * whatever the app did: its filter allows no IPC object to be made.
 */
int azs_sandbox_take_ipcns(struct azs_sandbox *sb);

/*
 * The mount namespace of the sandbox, its root built, for this same app's
 * next start (cfg->mntns_fd): call it only once the app has handed over its
 * listener (notify_sock; its pid 1 had built the root by then), and only
 * for a sandbox that made its namespace (cfg->mntns_fd was -1) and is
 * eligible (azs_sandbox_mntns_eligible). Returns the descriptor (the caller
 * owns it) or a negative errno. Keep it only if the sandbox ended with none
 * of its processes left.
 */
int azs_sandbox_open_mntns(const struct azs_sandbox *sb);

/* Whether CFG's root can be kept and joined again (config.h, mntns_fd). */
int azs_sandbox_mntns_eligible(const struct azs_sandbox_config *cfg);

/*
 * The Landlock ruleset the app made in this run, its root's rules
 * (landlock.h), for this same app's next start in the same kept mount
 * namespace (cfg->landlock_fd), once azs_sandbox_take_listener has got it
 * with the listener: -1 if none (it used cfg->landlock_fd, the app is not
 * eligible for a kept root, or the kernel has no Landlock). The caller owns
 * it; keep it only as long as the mount namespace it was made in.
 */
int azs_sandbox_take_landlock(struct azs_sandbox *sb);

/*
 * The app's cgroup, once the sandbox has ended and none of its processes is
 * left in it, for this same app's next start (cfg->cgroup_fd) with the same
 * limits: the release then leaves it in place. Its memory.peak and
 * memory.events go on counting from the group's creation. Returns the
 * descriptor (the caller owns it; to drop it, close it and remove the group)
 * or -EBUSY.
 */
int azs_sandbox_take_cgroup(struct azs_sandbox *sb);

/*
 * A pid 1 kept per app (config.h, keep_init). When the app has ended, pid 1
 * kills whatever is left in its pid namespace (kill(-1, SIGKILL), reaping
 * until it has no child: nothing of the run outlives it), empties /tmp and
 * reports the app's status on notify_sock, which stays open; it then waits
 * there, in its namespaces and cgroup, for the next run. It has become the
 * app's user, enforced the app's Landlock ruleset and loaded the app's
 * seccomp filter for itself before its first run: every run inherits them,
 * and the listener handed over at the first run serves the sandbox's whole
 * life. Its own calls are in the filter's allowlist
 * (azs_sandbox_init_keepable checks them).
 */

/*
 * Whether CFG's pid 1 can be kept: a kept root (azs_sandbox_mntns_eligible),
 * no network link (its veth link is made per run), no SystemTime (pid 1 keeps
 * no capability to hand on), not debug mode, a kept IPC namespace, and a
 * policy that allows pid 1's own calls.
 */
int azs_sandbox_init_keepable(const struct azs_sandbox_config *cfg);

/*
 * Whether A and B are the same resolved configuration (uid, image, arguments,
 * devices, sysfs, storage, network, libraries, certificate, limits, policy
 * and grants, debug mode), descriptors aside: a kept pid 1 runs its app
 * again only for the configuration it was made with.
 */
int azs_sandbox_config_same(const struct azs_sandbox_config *a,
			    const struct azs_sandbox_config *b);

/* What a kept pid 1 said (azs_sandbox_read). */
#define AZS_SANDBOX_EV_LISTENER 1 /* the seccomp listener: sb->listener, sb->landlock_fd */
#define AZS_SANDBOX_EV_STARTED  2 /* this run's app is past its execve */
#define AZS_SANDBOX_EV_ENDED    3 /* this run has ended: sb->run_status, sb->run_clean */

/*
 * Read one message of a kept pid 1 from notify_sock (readable). Returns an
 * AZS_SANDBOX_EV_*, or a negative errno: the socket's end (pid 1 is gone)
 * or a message out of the protocol; pid 1 must then be dropped.
 */
int azs_sandbox_read(struct azs_sandbox *sb);

/*
 * Start the app again in the idle kept pid 1 of SB, with the configuration
 * of its first run and this run's output (STDOUT_FD, STDERR_FD) and runtime
 * channel (CHANNEL_FD; -1: none). Returns 0 (its STARTED follows on
 * notify_sock) or a negative errno (drop pid 1).
 */
int azs_sandbox_rerun(struct azs_sandbox *sb, int stdout_fd, int stderr_fd, int channel_fd);

/*
 * Stop the run of a kept pid 1: SIGTERM (forwarded to the app), after
 * GRACE_MS a kill request (pid 1 kills its pid namespace), and its ENDED
 * awaited for at most a bound. Returns 0 when pid 1 reported the end
 * (sb->run_status, sb->run_clean; pid 1 is idle), or a negative errno: pid
 * 1 did not answer, was killed (SIGKILL and cgroup.kill) and reaped.
 */
int azs_sandbox_end_run(struct azs_sandbox *sb, int grace_ms);

/*
 * Drop a kept pid 1 (idle or not): SIGKILL, cgroup.kill until the group is
 * empty, reaped. Returns the processes left in the group (0) or a negative errno.
 */
int azs_sandbox_drop(struct azs_sandbox *sb);

/* Close the descriptors and remove the cgroup (unless taken). */
void azs_sandbox_release(struct azs_sandbox *sb);

#endif /* AZS_SANDBOX_LAUNCH_H */
