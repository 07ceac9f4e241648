// SPDX-License-Identifier: MIT
/*
 * What the supervisor tells the sandbox about one app. The caller fills it
 * from the app's manifest (or the azs-sandbox command line); every path and
 * descriptor in it is trusted: it comes from the supervisor, never from the
 * app's view of the file system.
 */
#ifndef AZS_SANDBOX_CONFIG_H
#define AZS_SANDBOX_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct azs_seccomp_policy;

#define AZS_SANDBOX_MAX_DEVICES 32

/* memory.max of a high-level app on the real platform. */
#define AZS_SANDBOX_DEFAULT_MEMORY_MAX (256 * 1024)
#define AZS_SANDBOX_DEFAULT_PIDS_MAX   32

/* Every app has a network namespace of its own. */
enum azs_sandbox_net {
	AZS_SANDBOX_NET_NONE, /* only lo, up */
	AZS_SANDBOX_NET_LINK, /* lo and a veth link to the supervisor's namespace */
};

/* The veth link of an AZS_SANDBOX_NET_LINK app (addresses in host byte order). */
struct azs_sandbox_link {
	char host_if[16]; /* the supervisor's end, in its namespace */
	char app_if[16];  /* the app's end */
	uint32_t host_addr, app_addr;
	unsigned int prefix;
};

/* A peripheral: the host node (opened by the supervisor) and its name in /dev. */
struct azs_sandbox_device {
	const char *host_path;
	const char *name; /* one path component, e.g. "gpiochip0" */
};

/* A sysfs directory of a granted peripheral (PWM, ADC): the host's, and where the app sees it. */
#define AZS_SANDBOX_MAX_SYSFS 8
struct azs_sandbox_sysfs {
	const char *host_path; /* a directory under /sys, resolved by the supervisor */
	const char *app_path;  /* "/sys/class/pwm/pwmchip0": under /sys, no "." or ".." */
};

/*
 * Capabilities of the app's manifest that the sandbox itself honours (a bit
 * set; the same bits as the seccomp policy's grants, AZS_SECCOMP_*).
 */
#define AZS_SANDBOX_GRANT_NETWORK (1u << 0) /* inet sockets; implied by AZS_SANDBOX_NET_LINK */
#define AZS_SANDBOX_GRANT_SYSTEM_TIME                                                              \
	(1u << 1) /* SystemTime: CAP_SYS_TIME and the syscalls that set the clock */
/* Debug mode (appDevelopment): the seccomp policy's "granted" group "Debug"
 * (ptrace of its own child only); set by the library when debug_dir is. */
#define AZS_SANDBOX_GRANT_DEBUG (1u << 2)

struct azs_sandbox_config {
	const char *name; /* app name: hostname, cgroup and log prefix */
	uid_t uid;        /* the app's own; never 0 */
	gid_t gid;
	/* The app's read-only image: a directory fd opened by the caller, or
	 * -1 and a path the library opens. */
	int root_fd;
	const char *root_path;
	const char *const *argv; /* argv[0]: absolute path inside the image */
	struct azs_sandbox_device devices[AZS_SANDBOX_MAX_DEVICES];
	size_t n_devices;
	struct azs_sandbox_sysfs sysfs[AZS_SANDBOX_MAX_SYSFS];
	size_t n_sysfs;
	/* Mutable storage at /mnt/config (storage_kb 0: none). */
	const char *storage_dir;
	unsigned long storage_kb;
	enum azs_sandbox_net net;
	struct azs_sandbox_link link; /* if net is AZS_SANDBOX_NET_LINK */
	/*
	 * AZS_SANDBOX_NET_NONE only: the network namespace of this app's
	 * previous sandbox (azs_sandbox_take_netns; only lo, up), joined
	 * instead of making a new one; -1: a new one. Never another app's.
	 */
	int netns_fd;
	/*
	 * The mount namespace of this app's previous sandbox, its root built
	 * (azs_sandbox_open_mntns), joined instead of making a namespace and a
	 * root: only /proc and /tmp are made again. Only for an app without
	 * /etc (hosts, certificate), sysfs grants or debug mode; -1: a new one.
	 * Never another app's.
	 */
	int mntns_fd;
	/*
	 * The IPC namespace of this app's previous sandbox
	 * (azs_sandbox_take_ipcns), joined instead of making one: the app
	 * filter allows no SysV IPC or POSIX message queue call, so nothing of
	 * a run is in it for the next. -1: a new one. Never another app's.
	 */
	int ipcns_fd;
	/*
	 * The app's cgroup, kept empty from its previous run
	 * (azs_sandbox_take_cgroup), entered again instead of making one and
	 * writing its limits: only for the same limits (the caller compares
	 * them), never another app's. The library owns it from the call of
	 * azs_sandbox_start on (closes it, and removes the group, on a failure).
	 * A group with a process in it is refused. -1: a new group.
	 */
	int cgroup_fd;
	/*
	 * The app's Landlock ruleset from an earlier run in the same kept mount
	 * namespace (mntns_fd; azs_sandbox_take_landlock): its rules for the
	 * root's entries, /dev and /mnt/config stay right, only this run's new
	 * /proc and /tmp are added before it is enforced. -1: a new ruleset.
	 */
	int landlock_fd;
	/*
	 * Keep the sandbox's pid 1 from one run to the next (launch.h, "A pid 1
	 * kept per app"): when the app has ended, pid 1 kills what is left of
	 * its pid namespace, empties /tmp, reports the app's status and waits,
	 * in its namespaces and cgroup, for the next run
	 * (azs_sandbox_rerun), which it starts with this first run's
	 * configuration. Only where azs_sandbox_init_keepable(cfg) says so;
	 * 0: pid 1 ends with its app.
	 */
	int keep_init;
	/* The app's /etc/hosts (NULL: no /etc): the names it may connect to. */
	const char *hosts;
	/*
	 * The platform's shared libraries for apps (musl's loader, libcurl,
	 * libwolfssl): a directory mounted read-only at /lib (NULL: no /lib; an
	 * image's own top-level "lib" is then shadowed).
	 */
	const char *libs_dir;
	/* The device's client certificate (DeviceAuthentication), read-only at
	 * /etc/deviceauth.pem (NULL: none). */
	const char *deviceauth_cert;
	/* cgroup v2 limits; 0 leaves the kernel's default ("max"). */
	uint64_t memory_max; /* bytes */
	uint64_t pids_max;
	uint64_t cpu_quota_us; /* cpu.max "QUOTA PERIOD" */
	uint64_t cpu_period_us;
	const char *cgroup_parent; /* supervisor-owned, e.g. /sys/fs/cgroup/azsphere */
	int channel_fd;            /* the runtime channel to keep (or -1) */
	int stdout_fd;             /* the app's stdout and stderr (pipes to its log) */
	int stderr_fd;
	const struct azs_seccomp_policy *seccomp; /* compiled once by the caller */
	unsigned int grants;                      /* AZS_SANDBOX_GRANT_* */
	/*
	 * Debug mode: gdbserver and its own loader and libraries (a directory,
	 * read-only at /.gdbserver; NULL: a normal start), run as
	 * "/.gdbserver/ld.so --library-path /.gdbserver /.gdbserver/gdbserver
	 * --once --no-startup-with-shell stdio ARGV..." with its remote protocol on the one
	 * connection accepted from DEBUG_FD, a listening socket (its stdin and stdout; the app's
	 * output goes to stderr, the log).
	 */
	const char *debug_dir;
	int debug_fd;
};

/* Defaults: no devices, no storage, no network, 256 KiB memory, 32 pids. */
void azs_sandbox_config_init(struct azs_sandbox_config *cfg);

#endif /* AZS_SANDBOX_CONFIG_H */
