/* SPDX-License-Identifier: MIT */
/*
 * azs-appmand, the application manager: installed apps, their sandboxes,
 * the peripheral configuration and the lock. Shared declarations.
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
	int netns_fd; /* its last sandbox's network namespace, for its next start, or -1 */
	int mntns_fd; /* ... its mount namespace, its root built, or -1 */
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

/* store.c: installed apps on the flash. */
int store_load(struct appmand *d);
int store_install(struct appmand *d, const char *image_dir, struct app **out, bool *is_update,
		  struct azs_resource_list *before, struct azs_error *err);
int store_install_package(struct appmand *d, const char *path, struct app **out, bool *is_update,
			  struct azs_resource_list *before, struct azs_error *err);
struct azs_package_info;
/* Install or update from a package already verified in the sealed MEMFD. */
int store_install_sealed(struct appmand *d, int memfd, const struct azs_package_info *info,
			 struct app **out, bool *is_update, struct azs_resource_list *before,
			 struct azs_error *err);
/* The manifest inside a verified sealed package (azs_manifest_free() it). */
int store_read_package_manifest(int memfd, const struct azs_package_info *info,
				struct azs_manifest *m, struct azs_error *err);
/* The app's installed package holds exactly MEMFD's bytes. */
bool store_package_equal(const struct app *a, int memfd, const struct azs_package_info *info);
int store_remove(struct appmand *d, struct app *a);
/* Mount A's package for a start: verified if not mounted yet, and in any case
 * its signer checked against the device's trust of this moment. */
int store_mount(struct appmand *d, struct app *a, struct azs_error *err);
void store_unmount(struct app *a);
int store_save_state(struct appmand *d, struct app *a);
int store_save_uidmap(struct appmand *d);
/*
 * A file of the daemon's persistent or runtime state, written the one way:
 * a temporary name, synced, renamed over NAME, the directory synced; on any
 * failure the old file stays and the temporary one is removed. 0 or -errno.
 */
int store_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode);
int store_write_file(const char *dir, const char *name, const void *data, size_t len, mode_t mode);
/* A small file of the state directory: written atomically, read NUL-terminated. 0 or -errno. */
int store_put(struct appmand *d, const char *name, const char *text);
int store_get(struct appmand *d, const char *name, char *buf, size_t size);
struct app *store_find(struct appmand *d, const char *cid_text);

/* platform.c: the firewall, the security state, device nodes. */
int platform_read_security(struct appmand *d);
int platform_assign(struct appmand *d, struct app *a);
void platform_release(struct appmand *d, struct app *a, const struct azs_resource_list *res);
int platform_lock(struct appmand *d);
/* The security monitor's anti-rollback counter: read it, or advance it to *VALUE
 * (-ESTALE if that is lower). 0 or -errno. */
int platform_update_counter(uint64_t *value, bool advance);
struct azs_trusted_key;
int platform_trusted_keys(struct azs_trusted_key *keys, size_t max, size_t *n);
void platform_prepare_nodes(void);
int platform_device_paths(const struct app *a, char paths[][64], char names[][32], size_t max,
			  size_t *n);
/* The sysfs directories of the app's PWM and ADC controllers, granted to its uid. */
int platform_sysfs(const struct app *a, char app_paths[][PATH_MAX], char host_paths[][PATH_MAX],
		   size_t max, size_t *n);

/*
 * The platform's shared libraries for apps (musl's loader, libcurl,
 * libwolfssl; docs/sdk.md), mapped read-only at /lib in every app, and the
 * device's client certificate under the state directory (DeviceAuthentication
 * apps see it at /etc/deviceauth.pem).
 */
#define APP_LIBS_DIR    "/usr/lib/azsphere/app-lib"
/* Debug mode: gdbserver with its loader and libraries, and its stream's socket. */
#define GDBSERVER_DIR   "/usr/lib/azsphere/gdbserver"
#define DEBUG_SOCK      "/run/azsphere/debug.sock"
#define DEBUG_MEMORY    (48ull << 20) /* gdbserver's own memory, on top of the app's limit */
#define DEVICEAUTH_CERT "deviceauth/client.pem"
/* The device CA whose certificates the device accepts as its own (deviceauth.c). */
#define DEVICEAUTH_CA "/usr/share/azsphere/deviceauth-ca.pem"
#define DEVICEAUTH_ID_LEN 129 /* the device ID in hex, with its NUL */

/*
 * deviceauth.c: the device's client certificate, from the Security Service.
 * deviceauth_csr: a certificate request for the device's key (made on first
 * use) in *CSR (malloc'd PEM), the device ID, the stored certificate's end
 * ("none") and whether it is due for renewal. deviceauth_install: PEM (the
 * certificate, then its CA's) checked and stored; its end in UNTIL. 0 or
 * -errno with WHY.
 */
int deviceauth_csr(struct appmand *d, char **csr, char id[DEVICEAUTH_ID_LEN],
		   char *until, size_t until_size, bool *renew, char *why, size_t size);
int deviceauth_install(struct appmand *d, const char *pem, size_t pem_len, char *until,
		       size_t until_size, char id[DEVICEAUTH_ID_LEN], char *why,
		       size_t size);

/*
 * The sandbox's own kernel memory, charged to every app's cgroup though it is
 * the platform's (on the chip the kernel's memory is not in the app's 256
 * KiB): the app's and its reaper's tasks and kernel stacks, their page tables,
 * the mounts, dentries and inodes of its root and /proc, its descriptors. What
 * an empty static app's cgroup holds in the device (docs/sandbox.md, Memory),
 * rounded up; every app gets it on top of its memory.max. Only this fixed part:
 * the kernel memory an app makes grow (sockets, pipes, its own page tables)
 * stays the app's, so an app cannot exhaust the kernel's memory.
 */
#define APP_KERNEL_ALLOWANCE (128u * 1024u)

/*
 * app_libs.c: the memory the platform's libraries cost an app that maps them
 * (their writable pages and page tables: the platform's, added to its
 * memory.max), and whether the app's executable is dynamic (has a loader).
 */
uint64_t app_libs_allowance(const char *dir);
bool app_is_dynamic(const char *root, const char *entry_point);

/* image_cache.c: the app's image in the page cache at the daemon's cost (XIP, emulated). */
void image_cache_warm(const char *root);

/* supervisor.c: sandboxes, exits, restarts, logs. */
int supervisor_init(void);
int supervisor_start(struct appmand *d, struct app *a);
int supervisor_stop(struct appmand *d, struct app *a);
void supervisor_event(struct appmand *d, struct app *a, int fd);
/* Close the namespaces kept for A's next start (removed, updated, unmounted). */
void supervisor_forget_namespaces(struct app *a);
void app_log(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* network.c: network capabilities (veth link, hosts, packet filter). */
struct azs_sandbox_config;
bool network_wanted(const struct app *a);
int network_init(struct appmand *d);
int network_prepare(struct appmand *d, struct app *a, struct azs_sandbox_config *cfg, char *hosts,
		    size_t size);
void network_release(struct appmand *d, struct app *a);

/* runtime.c: each app's runtime channel; wifi.c: the Wi-Fi store. */
int runtime_open(struct app *a, int *app_end);
void runtime_close(struct appmand *d, struct app *a);
void runtime_event(struct appmand *d, struct app *a);
void runtime_broadcast(struct appmand *d, uint32_t event, uint32_t status, uint32_t type);
size_t runtime_subscribers(struct appmand *d, uint32_t event);
/* 0, or -errno with d->wifi_broken saying why (the store then refuses requests). */
int wifi_load(struct appmand *d);
/* Connect wlan0 to, or disconnect it from, the simulated radio's access points as the store says. */
void wifi_radio_update(struct appmand *d);
int wifi_radio_request(struct appmand *d, const struct azs_rt_request *r,
		       struct azs_rt_wifi_scan *scan, struct azs_rt_wifi_current *cur, size_t *out_len);
/* netif.c: wlan0 (the simulated radio's interface), interface state, DHCP, time sync. */
int netif_init(struct appmand *d);
/*
 * The device's proxy from the host (azsphere device network proxy): P checked
 * as an app's Networking_Proxy_Apply, stored and set; NULL deletes it. 0, or
 * -EINVAL with the rule in WHY (SIZE bytes), or -errno.
 */
int netif_proxy_set(struct appmand *d, const struct azs_rt_proxy *p, char *why, size_t size);
void netif_list(const struct appmand *d, const struct app *a, struct azs_rt_net_ifaces *out);
int netif_request(struct appmand *d, struct app *a, const struct azs_rt_request *r, void *out,
		  size_t *out_len);
/* The radio's end of wlan0 into / out of the access point's namespace (process AP's). */
int netif_radio_join(struct appmand *d, pid_t ap);
int netif_radio_leave(struct appmand *d, pid_t ap);
/* wlan0 is administratively up. */
bool netif_wlan_up(void);
/* Start or stop wlan0's services (DHCP client, time sync) as the configuration says. */
void netif_update(struct appmand *d);
/* Run PATH with ARGV, waited for: 0 if it exited 0, else -EPROTO (or -errno). */
int netif_run(const char *path, char *const argv[]);
/* At start: temporary files of an interrupted write removed, every entry parsed. */
int certstore_check(struct appmand *d);
int certstore_request(struct appmand *d, const struct azs_rt_request *r, void *out,
		      size_t *out_len);
int wifi_request(struct appmand *d, const struct azs_rt_request *r, struct azs_rt_i32 *id,
		 struct azs_rt_wifi_list *list, size_t *out_len);

/* resolver.c: an AllowedConnections name to addresses (literal, /etc/hosts, DNS). */
#define RESOLVER_MAX_SERVERS 3
struct resolver {
	char *hosts; /* /etc/hosts, or NULL */
	size_t hosts_len;
	uint32_t servers[RESOLVER_MAX_SERVERS]; /* resolv.conf's IPv4 name servers */
	size_t n_servers;
};
void resolver_open(struct resolver *r);
void resolver_close(struct resolver *r);
int resolver_lookup(const struct resolver *r, const char *name, uint32_t *addrs, size_t max,
		    size_t *n);

/* control.c: the control socket (non-blocking, a deadline per connection). */
int control_listen(struct appmand *d, const char *path);
void control_event(struct appmand *d, int fd);

/*
 * lifecycle.c: the one path of each operation on an app, for the control
 * socket and cloud updates alike.
 */
struct json_object;
/* Start A (by request): it should run; its peripherals, its trust, its sandbox. 0 or -errno. */
int lifecycle_start(struct appmand *d, struct app *a);
/* Stop A (by request): it stays stopped, also after a reboot. */
void lifecycle_stop(struct appmand *d, struct app *a);
/* After an install or update stored on the flash: apply it now (restart the app); into O. */
void lifecycle_apply(struct appmand *d, struct app *a, bool is_update,
		     const struct azs_resource_list *before, struct json_object *o);
/* The same; START false leaves it installed and stopped (sideload deploy --manual-start). */
void lifecycle_apply_ex(struct appmand *d, struct app *a, bool is_update,
			const struct azs_resource_list *before, struct json_object *o, bool start);
/*
 * Remove A: always stop it first (its sandbox, timers and channel leave the
 * event loop), then release its peripherals if RELEASE_NOW (else the reboot
 * that follows configures the firewall without it), then delete it from the
 * flash. The slot is free afterwards.
 */
void lifecycle_remove(struct appmand *d, struct app *a, bool release_now);

/* cloud.c: cloud updates (deployments from the Security Service). */
struct json_object *cloud_update(struct appmand *d, const char *dir, bool *reboot);
/* The last applied deployment's targeted images: {"ok":true,"images":[...],...}. */
struct json_object *cloud_targeted(struct appmand *d);

/* epoll registration tag: which app (or none) and which descriptor. */
int appmand_watch(struct appmand *d, int fd, struct app *a);
void appmand_unwatch(struct appmand *d, int fd);

uint64_t appmand_now_ms(void);

/* Write TEXT to the existing file PATH (sysfs, procfs, cgroupfs): 0 or -errno. */
int appmand_write_text(const char *path, const char *text);

#endif /* AZS_APPMAND_H */
