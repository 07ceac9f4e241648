/* SPDX-License-Identifier: MIT */
/*
 * azs-appmand, the application manager: the daemon's state (its context
 * struct and each installed app's), the one header every module shares.
 * Only types and their bounds: each module's functions are declared in its
 * own header (store.h, supervisor.h, ...), and the modules form layers whose
 * calls go down only (docs/application-manager.md, "Layers"):
 *
 *   daemon     main.c
 *   transport  control.h
 *   operations cloud.h > lifecycle.h
 *   services   supervisor.h > runtime.h > store.h network.h wifi.h
 *                                       > platform.h netif.h certstore.h deviceauth.h
 *   utilities  util.h > appmand.h (this) > resolver.h trust.h wifi_store.h
 *                                          app_libs.h image_cache.h
 *
 * host.appmand_layers checks every module's #include lines against this.
 */
#ifndef AZS_APPMAND_H
#define AZS_APPMAND_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "azs_error.h"
#include "log_ring.h"
#include "manifest.h"
#include "resources.h"
#include "restart_policy.h"
#include "rt_decode.h"
#include "uidmap.h"
#include "trust.h"
#include "wifi_store.h"

#define APPMAND_MAX_APPS 32
/* The apps' cgroups are APPMAND_CGROUP_PARENT/<component id>. */
#define APPMAND_CGROUP_PARENT "/sys/fs/cgroup/azsphere"

enum app_state {
	APP_STOPPED, /* not running, by request */
	APP_RUNNING,
	APP_BACKOFF, /* exited; restarts when its timer fires */
	APP_FAILED,  /* crash loop, or it could not be set up */
};

struct app {
	bool used;
	struct azs_guid cid;
	char dir[PATH_MAX]; /* STATE/apps/<cid> */
	struct azs_manifest manifest;
	struct azs_resource_list res;
	uint32_t uid;
	bool want_running;         /* persisted: started unless stopped on request */
	bool debug_next;           /* the next start is under gdbserver (app-start --debug-mode) */
	bool packaged;             /* installed from a signed package (else a test image dir) */
	struct app_signer signer;  /* who signed the package, as verified (trust.h) */
	char mount_path[PATH_MAX]; /* where its package is mounted, "" if not */
	int verified_fd;           /* the sealed memfd verified at install, until mounted, or -1 */
	struct azs_package_info verified_info; /* ... its layout */
	bool image_warm;         /* its image's files are in the page cache (image_cache.c) */
	signed char entry_dynamic; /* its entry point has PT_INTERP: 1, 0, -1 not looked at this mount */
	int netns_fd; /* its last sandbox's network namespace, for its next start, or -1 */
	int mntns_fd; /* ... its mount namespace, its root built, or -1 */
	int ipcns_fd; /* ... its IPC namespace, or -1 */
	int landlock_fd; /* ... its Landlock ruleset, made in the kept mount namespace, or -1 */
	unsigned int landlock_runs; /* runs that reused it */
	int cgroup_fd; /* its cgroup, kept empty while it is stopped, or -1 */
	/* Its last sandbox, its pid 1 kept idle for its next start (supervisor.c), or NULL. */
	void *kept;
	unsigned int kept_gen; /* store_forget_namespaces counts: a pid 1 kept before is dropped */
	bool cgroup_keep; /* its running sandbox's cgroup may be kept (no update meanwhile) */
	uint64_t cg_memory_max, cg_pids_max, cg_cpu_quota_us, cg_cpu_period_us; /* its limits */
	signed char saved_state; /* want_running as on the flash: 1, 0, -1 unknown */
	bool peripherals_ok;     /* its resources are assigned in the firewall */
	enum app_state state;
	char why[128]; /* why it is failed */
	/* Supervision (supervisor.c). */
	void *sandbox; /* struct azs_sandbox *, while running */
	pid_t pid;
	int pidfd, out_fd, listener, timer_fd;
	uint64_t started_ms;
	int last_status; /* wait status of the last exit, -1 if none */
	uint64_t last_peak_bytes; /* memory.peak of its last run (0: unknown) */
	unsigned int restarts;
	struct azs_restart_state restart;
	struct azs_log_ring log;
	/* Network (network.c): its AllowedConnections as resolved at start. */
	bool net_active; /* its rules are in the packet filter */
	uint32_t net_allowed[AZS_MANIFEST_MAX_CONNECTIONS];
	size_t n_net_allowed;
	/* Runtime channel (runtime.c): the daemon's end, the app's events. */
	int rt_fd;
	uint32_t rt_events; /* SysEvent_Events it subscribed to */
};

struct appmand {
	const char *state_dir;   /* on the flash: apps, uidmap, storage */
	const char *policy_path; /* seccomp policy */
	uint64_t memory_max;     /* each app's memory.max (bytes) */
	int epoll_fd;
	struct azs_uidmap uidmap;
	struct app apps[APPMAND_MAX_APPS];
	bool locked; /* the firewall's lock latch, as read at start and after LOCK */
	uint32_t mfg_state;
	uint64_t caps_present;
	void *seccomp; /* struct azs_seccomp_policy *, compiled once */
	bool stopping;
	bool net_ready; /* the packet filter is in place */
	/* Runtime services (runtime.c, wifi.c). */
	int power_request;         /* signal for init once the answer is out, or 0 */
	bool update_pending;       /* an update was announced (UpdateReadyForInstall) */
	char pending_id[40];       /* ... the deployment's id */
	uint64_t pending_until_ms; /* apps may defer it until then */
	struct app *deferring;     /* the app that deferred it */
	uint64_t deferred_until_ms;
	struct wifi_net wifi[AZS_RT_WIFI_MAX_NETWORKS];
	/* Interfaces and time sync (netif.c). */
	bool wlan_released;    /* an app released wlan0's DHCP lease: no address until renewed */
	bool timesync_enabled; /* Networking_TimeSync_SetEnabled (persisted) */
	struct azs_rt_ntp_config ntp;         /* its NTP servers (persisted) */
	struct azs_rt_net_ipconfig wlan_ip;   /* wlan0's IP config (flags 0: DHCP; persisted) */
	bool wlan_refused; /* its persisted state/IP config is damaged: down, no DHCP client */
	pid_t dhcpc_pid, timesync_pid, dhcpd_pid, sntpd_pid; /* services netif.c runs, or 0 */
	struct azs_rt_proxy proxy; /* Networking_Proxy_Apply's, if proxy_set (persisted) */
	bool proxy_set;
	/* The simulated radio (wifi.c): the stored network wlan0 is connected
	 * with (-1: none), the access point, the network namespace its end is in. */
	int32_t wifi_connected;
	struct azs_rt_wifi_seen wifi_ap;
	pid_t wifi_ap_pid;
	char wifi_broken[160]; /* why the stored Wi-Fi networks are refused, "" if not */
	char cert_broken[160]; /* why the certificate store is refused, "" if not */
	/* Why the daemon refuses to serve at all (it can't read or set the lock it
	 * must hold): no app runs, every control request is refused with it. */
	char refused[256];
};

#endif /* AZS_APPMAND_H */
