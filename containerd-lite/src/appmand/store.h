/* SPDX-License-Identifier: MIT */
/*
 * store.c: installed apps on the flash.
 * Layer: services, app state (docs/application-manager.md, "Layers"): includes
 * platform.h and the utilities' headers.
 */
#ifndef AZS_APPMAND_STORE_H
#define AZS_APPMAND_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "appmand.h"

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
/*
 * Close the namespaces, the Landlock ruleset and the cgroup kept for A's next
 * start (supervisor.c; a stopped app's cgroup is removed): removed, updated,
 * unmounted, a run that left processes or failed to set up, the daemon's exit.
 */
void store_forget_namespaces(struct app *a);
void store_unmount(struct app *a);
/* At the daemon's exit: every image unmounted, its loop device freed (autoclear). */
void store_unmount_all(struct appmand *d);
int store_save_state(struct appmand *d, struct app *a);
int store_save_uidmap(struct appmand *d);
/*
 * A file of the state directory, written the one way (util.h's
 * appmand_write_file) in the directory DIRFD. 0 or -errno.
 */
int store_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode);
/* A small file of the state directory: written atomically, read NUL-terminated. 0 or -errno. */
int store_put(struct appmand *d, const char *name, const char *text);
int store_get(struct appmand *d, const char *name, char *buf, size_t size);
struct app *store_find(struct appmand *d, const char *cid_text);

#endif /* AZS_APPMAND_STORE_H */
