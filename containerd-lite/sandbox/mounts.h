// SPDX-License-Identifier: MIT
/*
 * The app's file system view (AC-06, AC-07, AC-09, AC-29): a small read-only
 * tmpfs root holding the image's top-level entries as read-only, nosuid,
 * nodev bind mounts, a tmpfs /dev with only the standard nodes and the
 * granted peripherals, /proc of its own pid namespace (hidepid=invisible,
 * subset=pid), a small noexec /tmp and the size-limited /mnt/config.
 *
 * Everything that comes from the host is cloned by the supervisor into
 * detached mounts (open_tree(OPEN_TREE_CLONE)) before the sandbox exists;
 * the sandbox side only attaches them, never resolving a host path.
 */
#ifndef AZS_SANDBOX_MOUNTS_H
#define AZS_SANDBOX_MOUNTS_H

#include <stddef.h>

#include "config.h"

#define SB_MAX_IMAGE_ENTRIES 64
#define SB_TMP_KB            256

struct sb_tree {
	char name[256];     /* a single path component */
	int fd;             /* detached mount, or -1 for a symlink */
	unsigned char kind; /* 'd' directory, 'f' anything else, 'l' symlink */
	char target[256];   /* symlink target (the app's view) */
};

struct sb_root {
	struct sb_tree image[SB_MAX_IMAGE_ENTRIES];
	size_t n_image;
	struct sb_tree dev[AZS_SANDBOX_MAX_DEVICES + 4];
	size_t n_dev;
	int storage; /* detached mount of cfg->storage_dir, or -1: a tmpfs instead */
	int libs;    /* detached mount of cfg->libs_dir, or -1 */
	int cert;    /* detached mount of cfg->deviceauth_cert, or -1 */
	int debug;   /* detached mount of cfg->debug_dir, or -1 */
	int sysfs[AZS_SANDBOX_MAX_SYSFS]; /* detached mounts of cfg->sysfs[i].host_path */
	size_t n_sysfs;
};

/* Supervisor side: clone the image's entries and the device nodes. */
int sb_root_prepare(const struct azs_sandbox_config *cfg, int image_fd, struct sb_root *root);

/*
 * An O_PATH descriptor of PATH, which must name something under the
 * directory ROOT ("/sys"): resolved with openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_MAGICLINKS) from ROOT, so that neither ".." nor a symlink
 * (absolute, or relative and climbing out) nor a /proc magic link leads
 * outside it. -EXDEV if it would, -EINVAL if PATH is not under ROOT.
 */
int sb_open_beneath(const char *root, const char *path);

/* Close every descriptor of ROOT. */
void sb_root_release(struct sb_root *root);

/* ROOT with nothing prepared (a kept mount namespace has its root). */
void sb_root_none(struct sb_root *root);

/*
 * In pid 1 of a new pid namespace: join the app's kept mount namespace
 * (cfg->mntns_fd; its root, read-only, built by its first sandbox), with a
 * new /proc (this pid namespace's) and a new, empty /tmp over the old ones.
 */
int sb_root_rejoin(const struct azs_sandbox_config *cfg);

/*
 * Sandbox side (pid 1 of the new pid and mount namespaces, still
 * privileged): build the view and make it the root and working directory.
 */
int sb_root_enter(const struct azs_sandbox_config *cfg, struct sb_root *root);

#endif /* AZS_SANDBOX_MOUNTS_H */
