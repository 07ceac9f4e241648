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
#include "uidmap.h"

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
	bool packaged;             /* installed from a signed package (else a test image dir) */
	char mount_path[PATH_MAX]; /* where its package is mounted, "" if not */
	bool peripherals_ok;       /* its resources are assigned in the firewall */
	enum app_state state;
	char why[128]; /* why it is failed */
	/* Supervision (supervisor.c). */
	void *sandbox; /* struct azs_sandbox *, while running */
	pid_t pid;
	int pidfd, out_fd, listener, timer_fd;
	uint64_t started_ms;
	int last_status; /* wait status of the last exit, -1 if none */
	unsigned int restarts;
	struct azs_restart_state restart;
	struct azs_log_ring log;
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
int store_mount(struct appmand *d, struct app *a, struct azs_error *err);
void store_unmount(struct app *a);
int store_save_state(struct appmand *d, struct app *a);
int store_save_uidmap(struct appmand *d);
struct app *store_find(struct appmand *d, const char *cid_text);

/* platform.c: the firewall, the security state, device nodes. */
int platform_read_security(struct appmand *d);
int platform_assign(struct appmand *d, struct app *a);
void platform_release(struct appmand *d, struct app *a, const struct azs_resource_list *res);
int platform_lock(struct appmand *d);
struct azs_trusted_key;
int platform_trusted_keys(struct azs_trusted_key *keys, size_t max, size_t *n);
void platform_prepare_nodes(void);
int platform_device_paths(const struct app *a, char paths[][64], char names[][32], size_t max,
			  size_t *n);

/* supervisor.c: sandboxes, exits, restarts, logs. */
int supervisor_init(struct appmand *d);
int supervisor_start(struct appmand *d, struct app *a);
int supervisor_stop(struct appmand *d, struct app *a);
void supervisor_event(struct appmand *d, struct app *a, int fd);
void app_log(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* control.c: the control socket. */
int control_listen(struct appmand *d, const char *path);
void control_event(struct appmand *d, int fd);
struct json_object;
/* After an install or update stored on the flash: apply it now (restart the app); into O. */
void control_apply_now(struct appmand *d, struct app *a, bool is_update,
		       const struct azs_resource_list *before, struct json_object *o);
/* Remove A now: stop it, release its peripherals, delete it from the flash. */
void control_remove_now(struct appmand *d, struct app *a);

/* cloud.c: cloud updates (deployments from the Security Service). */
struct json_object *cloud_update(struct appmand *d, const char *dir, bool *reboot);

/* epoll registration tag: which app (or none) and which descriptor. */
int appmand_watch(struct appmand *d, int fd, struct app *a);
void appmand_unwatch(struct appmand *d, int fd);

uint64_t appmand_now_ms(void);

#endif /* AZS_APPMAND_H */
