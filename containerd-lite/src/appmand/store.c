// SPDX-License-Identifier: MIT
/*
 * Installed apps on the flash, under the state directory:
 *
 *   uidmap                 component ID -> uid (only grows)
 *   apps/<cid>/image/      the app's read-only image (bin/app, app_manifest.json)
 *   apps/<cid>/state       "started" or "stopped": what the app should be
 *   storage/<cid>/         its mutable storage (MutableStorage apps only)
 *
 * Every file is written to a temporary name, synced and renamed, so a reboot
 * or a killed daemon at any point leaves either the old or the new version.
 * Images are copied without following links: only directories and regular
 * files are accepted. (Signed image packages replace the directory form.)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform.h"
#include "store.h"
#include "util.h"
#include "cleanup.h"
#include <azs/atomic_write.h>
#include "package.h"

#include <azsphere/security.h>

#define MANIFEST_FILE   "app_manifest.json"
#define MAX_IMAGE_BYTES (16u << 20)
#define MAX_IMAGE_DEPTH 16
/* Where the packages' images are mounted, one directory per component ID. */
#define IMAGES_DIR "/run/azsphere/images"

int store_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode)
{
	return azs_atomic_write_at(dirfd, name, data, len, mode);
}

/*
 * A power cut inside store_write_at leaves its temporary beside the file
 * (".NAME.PID.N.tmp", common/azs/atomic_write.h); the names are unique, so no
 * later write reuses it. Remove such leftovers, regular files only, from a
 * directory the daemon writes that way, before anything reads it. Never run
 * on an app's image or storage: those names are the app's.
 */
static void sweep_temps(int dirfd, const char *sub)
{
	int fd = openat(dirfd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	struct dirent *e;
	struct stat st;
	DIR *dir;

	if (fd < 0)
		return;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return;
	}
	while ((e = readdir(dir))) {
		if (!azs_atomic_write_is_temp(e->d_name) ||
		    fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			continue;
		if (unlinkat(fd, e->d_name, 0))
			fprintf(stderr, "appmand: leftover %s/%s: %s\n", sub, e->d_name,
				strerror(errno));
		else
			fprintf(stderr, "appmand: removed %s/%s, left by an interrupted write\n",
				sub, e->d_name);
	}
	closedir(dir);
}

static int read_small_file(int dirfd, const char *name, char *buf, size_t size, size_t *len)
{
	struct stat st;
	ssize_t n;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size >= size) {
		close(fd);
		return -EINVAL;
	}
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	*len = (size_t)n;
	return 0;
}

/* Copy the tree at src (dir fd) into a new directory dst_name under dst_dir. */
static int copy_tree(int src, int dst_dir, const char *dst_name, int depth, size_t *budget)
{
	DIR *d;
	struct dirent *e;
	int dst, ret = 0;

	if (depth > MAX_IMAGE_DEPTH)
		return -ELOOP;
	if (mkdirat(dst_dir, dst_name, 0755))
		return -errno;
	dst = openat(dst_dir, dst_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (dst < 0)
		return -errno;
	d = fdopendir(dup(src));
	if (!d) {
		close(dst);
		return -errno;
	}
	while (!ret && (e = readdir(d))) {
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fstatat(src, e->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			ret = -errno;
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(src, e->d_name,
					 O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);

			ret = sub < 0 ? -errno : copy_tree(sub, dst, e->d_name, depth + 1, budget);
			if (sub >= 0)
				close(sub);
		} else if (S_ISREG(st.st_mode)) {
			char buf[65536];
			int in = openat(src, e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
			int out = openat(dst, e->d_name,
					 O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
					 st.st_mode & 0755);
			ssize_t n;

			if (in < 0 || out < 0)
				ret = -errno;
			while (!ret && (n = read(in, buf, sizeof(buf))) > 0) {
				if ((size_t)n > *budget) {
					ret = -EFBIG;
					break;
				}
				*budget -= (size_t)n;
				if (write(out, buf, (size_t)n) != n)
					ret = -EIO;
			}
			if (!ret && fsync(out))
				ret = -errno;
			if (in >= 0)
				close(in);
			if (out >= 0)
				close(out);
		} else {
			ret = -EPERM; /* links, devices, sockets: not in an image */
		}
	}
	closedir(d);
	fsync(dst);
	close(dst);
	return ret;
}

static int remove_tree(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	DIR *d;
	struct dirent *e;

	if (fd < 0)
		return errno == ENOENT ? 0
				       : (errno == ENOTDIR ? (unlinkat(dirfd, name, 0) ? -errno : 0)
							   : -errno);
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -errno;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (e->d_type == DT_DIR)
			remove_tree(fd, e->d_name);
		else
			unlinkat(fd, e->d_name, 0);
	}
	closedir(d);
	return unlinkat(dirfd, name, AT_REMOVEDIR) ? -errno : 0;
}

static int state_fd(struct appmand *d, const char *sub)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", d->state_dir, sub);
	if (mkdir(path, 0700) && errno != EEXIST)
		return -errno;
	return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
}

/* Parse the manifest of the image in dirfd into a (and its resources). */
static int load_manifest(int imagefd, struct app *a, struct azs_error *err)
{
	static char json[AZS_MANIFEST_MAX_SIZE + 1];
	struct stat st;
	size_t len;
	int ret;

	ret = read_small_file(imagefd, MANIFEST_FILE, json, sizeof(json), &len);
	if (ret)
		return azs_error_set(err, ret, MANIFEST_FILE, "cannot read the app manifest: %s",
				     strerror(-ret));
	ret = azs_manifest_parse(json, len, NULL, &a->manifest, err);
	if (ret)
		return ret;
	/* The entry point: a regular, executable file of the image. */
	if (fstatat(imagefd, a->manifest.entry_point + 1, &st, AT_SYMLINK_NOFOLLOW) ||
	    !S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
		azs_manifest_free(&a->manifest);
		return azs_error_set(err, -EINVAL, "EntryPoint",
				     "%s is not an executable regular file of the image",
				     a->manifest.entry_point ? a->manifest.entry_point : "?");
	}
	ret = azs_manifest_resources(&a->manifest, &a->res);
	if (ret) {
		azs_manifest_free(&a->manifest);
		return azs_error_set(err, ret, "Capabilities", "too many peripherals");
	}
	return 0;
}

static struct app *free_slot(struct appmand *d)
{
	for (int i = 0; i < APPMAND_MAX_APPS; i++)
		if (!d->apps[i].used)
			return &d->apps[i];
	return NULL;
}

struct app *store_find(struct appmand *d, const char *cid_text)
{
	struct azs_guid g;

	if (azs_guid_parse(cid_text, strlen(cid_text), &g))
		return NULL;
	for (int i = 0; i < APPMAND_MAX_APPS; i++)
		if (d->apps[i].used && azs_guid_equal(&d->apps[i].cid, &g))
			return &d->apps[i];
	return NULL;
}

static void app_init(struct app *a)
{
	memset(a, 0, sizeof(*a));
	a->used = true;
	a->pidfd = a->out_fd = a->listener = a->timer_fd = a->rt_fd = a->verified_fd = -1;
	a->netns_fd = a->mntns_fd = a->ipcns_fd = a->landlock_fd = a->cgroup_fd = -1;
	a->saved_state = -1;
	a->entry_dynamic = -1;
	a->last_status = -1;
	azs_restart_init(&a->restart);
	azs_log_ring_init(&a->log);
}

int store_put(struct appmand *d, const char *name, const char *text)
{
	int dirfd = open(d->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (dirfd < 0)
		return -errno;
	ret = store_write_at(dirfd, name, text, strlen(text), 0600);
	close(dirfd);
	return ret;
}

int store_get(struct appmand *d, const char *name, char *buf, size_t size)
{
	int dirfd = open(d->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t len = 0;
	int ret;

	if (dirfd < 0)
		return -errno;
	ret = read_small_file(dirfd, name, buf, size, &len);
	close(dirfd);
	return ret;
}

int store_save_uidmap(struct appmand *d)
{
	static char text[AZS_UIDMAP_MAX * 48];
	int dirfd = open(d->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int len = azs_uidmap_format(&d->uidmap, text, sizeof(text));
	int ret;

	if (dirfd < 0)
		return -errno;
	ret = len < 0 ? len : store_write_at(dirfd, "uidmap", text, (size_t)len, 0600);
	close(dirfd);
	return ret;
}

/*
 * The app's wanted state, written (temp, fsync, rename, directory fsync) only
 * when it differs from what the flash holds: a start of an app that is
 * already wanted running writes nothing.
 */
int store_save_state(struct appmand *d, struct app *a)
{
	const char *s = a->want_running ? "started\n" : "stopped\n";
	int dirfd, ret;

	(void)d;
	if (a->saved_state == (signed char)a->want_running)
		return 0;
	dirfd = open(a->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (dirfd < 0)
		return -errno;
	ret = store_write_at(dirfd, "state", s, strlen(s), 0600);
	close(dirfd);
	a->saved_state = ret ? -1 : (signed char)a->want_running;
	return ret;
}

static int app_uid(struct appmand *d, struct app *a)
{
	bool created;
	int ret = azs_uidmap_get(&d->uidmap, &a->cid, &a->uid, &created);

	if (!ret && created)
		ret = store_save_uidmap(d);
	return ret;
}

/* The device's state of this moment: the keys it trusts (KEYS, 8) and its capabilities. */
static int current_trust(struct appmand *d, struct azs_trusted_key *keys, size_t *n,
			 struct azs_error *err)
{
	int ret = platform_trusted_keys(keys, 8, n);

	if (!ret)
		ret = platform_read_security(d);
	if (ret)
		return azs_error_set(err, ret, "", "cannot read the security monitor's keys");
	return 0;
}

/*
 * Verify a sealed package with the keys the device trusts now; *SIGNER who
 * signed it; MANIFEST (may be NULL) the manifest the verification parsed.
 */
static int verify_trusted(struct appmand *d, int memfd, size_t size, struct azs_package_info *info,
			  struct app_signer *signer, struct azs_manifest *manifest,
			  struct azs_error *err)
{
	struct azs_trusted_key keys[8];
	size_t n;
	int ret;

	memset(info, 0, sizeof(*info));
	ret = current_trust(d, keys, &n, err);
	if (ret)
		return ret;
	/* SDK-signed packages only while the device has appDevelopment. */
	ret = azs_package_verify_sealed_kept(
		memfd, size, keys, n, trust_allowed_roles(d->caps_present), info, manifest, err);
	/* Production signatures are always trusted: a refused role is the SDK's. */
	if (ret == -EPERM && !strcmp(err->field, "metadata.signer_role"))
		azs_error_set(err, ret, "signature",
			      "the package is SDK-signed: the device trusts SDK-signed packages "
			      "only with the appDevelopment capability");
	if (!ret)
		trust_signer_from(signer, info, keys, n);
	return ret;
}

/*
 * Open a package sealed and verified with the keys the device trusts now;
 * *SIGNER who signed it, MANIFEST (may be NULL) its manifest.
 */
static int open_trusted(struct appmand *d, const char *path, struct azs_package_info *info,
			int *memfd, struct app_signer *signer, struct azs_manifest *manifest,
			struct azs_error *err)
{
	size_t size;
	int ret = azs_package_read_sealed(path, memfd, &size, err);

	if (!ret)
		ret = verify_trusted(d, *memfd, size, info, signer, manifest, err);
	if (ret && *memfd >= 0) {
		close(*memfd);
		*memfd = -1;
	}
	return ret;
}

/* The signer of a package verified elsewhere (a deployment's member). */
static int signer_of(const struct azs_package_info *info, struct app_signer *signer)
{
	struct azs_trusted_key keys[8];
	size_t n;
	int ret = platform_trusted_keys(keys, 8, &n);

	if (!ret)
		trust_signer_from(signer, info, keys, n);
	return ret;
}

/*
 * The trust decision of this moment for A's verified signer (trust.h): the
 * security monitor's keys and capabilities are read again (a few ioctls; the
 * package is not hashed again).
 */
static int check_trust(struct appmand *d, struct app *a, struct azs_error *err)
{
	struct azs_trusted_key keys[8];
	size_t n;
	int ret = current_trust(d, keys, &n, err);

	return ret ? ret : trust_decide(&a->signer, keys, n, d->caps_present, err);
}

/* A's manifest (parsed) taken: its resources and component id. */
static int adopt_manifest(struct app *a, struct azs_error *err)
{
	int ret = azs_manifest_resources(&a->manifest, &a->res);

	if (ret) {
		azs_manifest_free(&a->manifest);
		return azs_error_set(err, ret, "Capabilities", "too many peripherals");
	}
	a->cid = a->manifest.component_id;
	return 0;
}

/* The manifest inside a verified, sealed package. */
static int package_manifest(int memfd, const struct azs_package_info *info, struct app *a,
			    struct azs_error *err)
{
	uint8_t *map = mmap(NULL, info->total_size, PROT_READ, MAP_SHARED, memfd, 0);
	int ret;

	if (map == MAP_FAILED)
		return azs_error_set(err, -errno, "", "cannot map the package");
	ret = azs_manifest_parse((const char *)map + info->manifest_offset, info->manifest_size,
				 NULL, &a->manifest, err);
	munmap(map, info->total_size);
	return ret ? ret : adopt_manifest(a, err);
}

/*
 * What the state file just read (READ its result; ST, LEN) holds, -1 if
 * neither word (written at the next save). No file means "started" (an
 * install writes none: store_install_sealed), so there is nothing to write.
 */
static signed char saved_state_of(int read, const char *st, size_t len)
{
	if (read == -ENOENT)
		return 1;
	if (len == 8 && !strcmp(st, "started\n"))
		return 1;
	if (len == 8 && !strcmp(st, "stopped\n"))
		return 0;
	return -1;
}

/* At start-up: an installed package is verified again, with today's trust. */
static void load_package(struct appmand *d, struct app *a, int appfd, const char *name)
{
	struct azs_package_info info;
	struct azs_error err;
	struct azs_guid cid = a->cid;
	char path[PATH_MAX], st[16] = "";
	size_t len = 0;
	int memfd = -1, ret;

	azs_error_clear(&err);
	a->packaged = true;
	if (snprintf(path, sizeof(path), "%s/package", a->dir) >= (int)sizeof(path))
		ret = azs_error_set(&err, -ENAMETOOLONG, "", "path too long");
	else
		ret = open_trusted(d, path, &info, &memfd, &a->signer, &a->manifest, &err);
	if (!ret) {
		/* The manifest the verification parsed, not parsed again. */
		ret = adopt_manifest(a, &err);
		if (ret) {
			close(memfd);
			memfd = -1;
		}
		if (!ret && !azs_guid_equal(&a->cid, &cid)) {
			azs_manifest_free(&a->manifest);
			ret = azs_error_set(&err, -EINVAL, "ComponentId",
					    "not the app's directory");
		}
	}
	if (!ret)
		ret = app_uid(d, a);
	if (ret) {
		fprintf(stderr, "appmand: installed package %s refused: %s %s; not started\n", name,
			err.field, err.reason);
		if (memfd >= 0)
			close(memfd);
		a->used = false;
		return;
	}
	ret = read_small_file(appfd, "state", st, sizeof(st), &len);
	a->want_running = !(ret == 0 && !strcmp(st, "stopped\n"));
	a->saved_state = saved_state_of(ret, st, len);
	/* An app that starts now mounts these verified bytes (store_mount): read once per boot. */
	if (a->want_running) {
		a->verified_fd = memfd;
		a->verified_info = info;
	} else {
		close(memfd);
	}
}

/*
 * Mounts of the images left by a daemon that ended without unmounting them
 * (killed): each holds a loop device and would be copied into every
 * sandbox's mount namespace; a mount made now over one would stack on it.
 * Only our own directory's, every layer of each.
 */
static void sweep_image_mounts(void)
{
	DIR *dir = opendir(IMAGES_DIR);
	struct dirent *e;
	char path[PATH_MAX];

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), IMAGES_DIR "/%s", e->d_name) >= (int)sizeof(path))
			continue;
		for (int layers = 0; layers < 64 && !umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW);
		     layers++)
			;
		rmdir(path);
	}
	closedir(dir);
}

int store_load(struct appmand *d)
{
	static char text[AZS_UIDMAP_MAX * 48];
	struct azs_error err;
	struct dirent *e;
	size_t len;
	int root, apps, ret;
	DIR *dir;

	root = open(d->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -errno;
	sweep_temps(root, ".");
	sweep_temps(root, "deviceauth");
	sweep_temps(root, "apps");
	sweep_image_mounts();
	azs_uidmap_init(&d->uidmap);
	ret = read_small_file(root, "uidmap", text, sizeof(text), &len);
	if (!ret && azs_uidmap_parse(text, len, &d->uidmap, &err)) {
		fprintf(stderr, "appmand: uidmap %s: %s\n", err.field, err.reason);
		close(root);
		return -EINVAL; /* never guess identities */
	}
	close(root);

	apps = state_fd(d, "apps");
	if (apps < 0)
		return apps;
	dir = fdopendir(apps);
	if (!dir) {
		close(apps);
		return -errno;
	}
	while ((e = readdir(dir))) {
		struct app *a;
		char st[16] = "";
		int img, appfd;

		if (e->d_name[0] == '.')
			continue;
		a = free_slot(d);
		if (!a)
			break;
		app_init(a);
		if (azs_guid_parse(e->d_name, strlen(e->d_name), &a->cid)) {
			a->used = false;
			continue;
		}
		snprintf(a->dir, sizeof(a->dir), "%s/apps/%s", d->state_dir, e->d_name);
		sweep_temps(dirfd(dir), e->d_name);
		azs_error_clear(&err);
		appfd = openat(dirfd(dir), e->d_name,
			       O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		img = appfd < 0 ? -1
				: openat(appfd, "image",
					 O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (img < 0 && appfd >= 0 && !faccessat(appfd, "package", F_OK, 0)) {
			load_package(d, a, appfd, e->d_name);
			close(appfd);
			continue;
		}
		if (img < 0 || load_manifest(img, a, &err) ||
		    !azs_guid_equal(&a->manifest.component_id, &a->cid)) {
			fprintf(stderr, "appmand: installed app %s is damaged: %s %s; ignored\n",
				e->d_name, err.field, err.reason);
			a->used = false;
		} else {
			len = 0;
			ret = read_small_file(appfd, "state", st, sizeof(st), &len);
			a->want_running = !(ret == 0 && !strcmp(st, "stopped\n"));
			a->saved_state = saved_state_of(ret, st, len);
			ret = app_uid(d, a);
			if (ret) {
				azs_manifest_free(&a->manifest);
				a->used = false;
			}
		}
		if (img >= 0)
			close(img);
		if (appfd >= 0)
			close(appfd);
	}
	closedir(dir);
	return 0;
}

/* Refuse a manifest that conflicts with another installed app. */
static int check_conflicts(struct appmand *d, const struct app *tmp, struct azs_error *err)
{
	const struct azs_manifest *installed[APPMAND_MAX_APPS];
	struct app *old = store_find(d, tmp->cid.str);
	size_t n = 0;

	for (int i = 0; i < APPMAND_MAX_APPS; i++)
		if (d->apps[i].used && &d->apps[i] != old)
			installed[n++] = &d->apps[i].manifest;
	if (!old && !free_slot(d))
		return azs_error_set(err, -ENOSPC, "", "%d apps are installed already",
				     APPMAND_MAX_APPS);
	return azs_check_conflicts(installed, n, &tmp->manifest, err);
}

/* Make tmp (now on the flash) the app's new version, or a new app. */
static int adopt(struct appmand *d, struct app *tmp, bool packaged, struct app **out,
		 bool *is_update, struct azs_resource_list *before, struct azs_error *err)
{
	struct app *old = store_find(d, tmp->cid.str);
	struct app *a;
	int ret;

	*is_update = old != NULL;
	if (old) {
		*before = old->res;
		azs_manifest_free(&old->manifest);
		old->manifest = tmp->manifest;
		old->res = tmp->res;
		old->packaged = packaged;
		old->signer = tmp->signer;
		old->image_warm = false;
		old->entry_dynamic = -1;
		store_forget_namespaces(old);
		if (old->verified_fd >= 0)
			close(old->verified_fd);
		old->verified_fd = -1;
		a = old;
	} else {
		before->n = 0;
		a = free_slot(d);
		*a = *tmp;
		a->packaged = packaged;
		snprintf(a->dir, sizeof(a->dir), "%s/apps/%s", d->state_dir, a->cid.str);
		a->want_running = true;
		ret = app_uid(d, a);
		if (ret) {
			azs_manifest_free(&a->manifest);
			a->used = false;
			return azs_error_set(err, ret, "", "no uid left for the app");
		}
	}
	store_save_state(d, a);
	*out = a;
	return 0;
}

/* The app's directory on the flash, created if needed. */
static int app_dir_fd(struct appmand *d, const char *cid, struct azs_error *err)
{
	int apps = state_fd(d, "apps"), fd;

	if (apps < 0)
		return azs_error_set(err, apps, "", "state directory: %s", strerror(-apps));
	if (mkdirat(apps, cid, 0700) && errno != EEXIST) {
		close(apps);
		return azs_error_set(err, -errno, "", "cannot create the app directory");
	}
	fd = openat(apps, cid, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	close(apps);
	return fd < 0 ? azs_error_set(err, -errno, "", "cannot open the app directory") : fd;
}

int store_install(struct appmand *d, const char *image_dir, struct app **out, bool *is_update,
		  struct azs_resource_list *before, struct azs_error *err)
{
	size_t budget = MAX_IMAGE_BYTES;
	static struct app tmp;
	int src, appdir, ret;

	src = open(image_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (src < 0)
		return azs_error_set(err, -errno, "image", "cannot open %s: %s", image_dir,
				     strerror(errno));
	app_init(&tmp);
	ret = load_manifest(src, &tmp, err);
	if (ret) {
		close(src);
		return ret;
	}
	tmp.cid = tmp.manifest.component_id;
	ret = check_conflicts(d, &tmp, err);
	if (ret)
		goto out_free;

	/* Copy the image next to the installed one, then swap them. */
	appdir = app_dir_fd(d, tmp.cid.str, err);
	if (appdir < 0) {
		ret = appdir;
		goto out_free;
	}
	remove_tree(appdir, "image.new");
	ret = copy_tree(src, appdir, "image.new", 0, &budget);
	if (ret) {
		remove_tree(appdir, "image.new");
		close(appdir);
		azs_error_set(err, ret, "image", "cannot copy the image: %s", strerror(-ret));
		goto out_free;
	}
	remove_tree(appdir, "image.old");
	renameat(appdir, "image", appdir, "image.old");
	if (renameat(appdir, "image.new", appdir, "image")) {
		ret = azs_error_set(err, -errno, "image", "cannot install the image");
		close(appdir);
		goto out_free;
	}
	remove_tree(appdir, "image.old");
	unlinkat(appdir, "package", 0);
	fsync(appdir);
	close(appdir);
	close(src);
	return adopt(d, &tmp, false, out, is_update, before, err);

out_free:
	azs_manifest_free(&tmp.manifest);
	close(src);
	return ret;
}

/* STAGE: the package's bytes already on their way to the flash (store_install_package), or NULL. */
static int install_sealed(struct appmand *d, int memfd, const struct azs_package_info *info,
			  struct azs_atomic_stage *stage, struct app **out, bool *is_update,
			  struct azs_resource_list *before, struct azs_error *err)
{
	static struct app tmp;
	int appdir, ret;

	app_init(&tmp);
	ret = package_manifest(memfd, info, &tmp, err);
	if (ret)
		return ret;
	ret = signer_of(info, &tmp.signer);
	if (ret) {
		azs_error_set(err, ret, "", "cannot read the security monitor's keys");
		goto out_free;
	}
	ret = check_conflicts(d, &tmp, err);
	if (ret)
		goto out_free;

	/* Keep exactly the verified bytes: they come from the sealed memfd. */
	appdir = app_dir_fd(d, tmp.cid.str, err);
	if (appdir < 0) {
		ret = appdir;
		goto out_free;
	}
	/*
	 * A new app's directory has no state file, and none means "started"
	 * (load_package), which is what an install wants: adopt() has nothing
	 * to write (it wrote "started", a second fsync'd write per install).
	 */
	if (faccessat(appdir, "state", F_OK, AT_SYMLINK_NOFOLLOW) && errno == ENOENT)
		tmp.saved_state = 1;
	/*
	 * Copied from the memfd in the kernel (temp, fsync, rename): the flash
	 * gets the sealed bytes without mapping them or copying them through
	 * the daemon, and nothing reads or verifies them again.
	 */
	ret = stage ? azs_atomic_stage_commit(stage, appdir, "package")
		    : azs_atomic_copy_at(appdir, "package", memfd, info->total_size, 0600);
	if (ret)
		azs_error_set(err, ret, "", "cannot store the package: %s", strerror(-ret));
	if (!ret)
		remove_tree(appdir, "image");
	close(appdir);
	if (ret)
		goto out_free;
	ret = adopt(d, &tmp, true, out, is_update, before, err);
	if (!ret) {
		/* Its first mount serves these verified bytes: no re-read, no re-verification. */
		struct app *a = *out;

		if (a->verified_fd >= 0)
			close(a->verified_fd);
		a->verified_fd = fcntl(memfd, F_DUPFD_CLOEXEC, 0);
		a->verified_info = *info;
	}
	return ret;

out_free:
	azs_manifest_free(&tmp.manifest);
	return ret;
}

int store_install_sealed(struct appmand *d, int memfd, const struct azs_package_info *info,
			 struct app **out, bool *is_update, struct azs_resource_list *before,
			 struct azs_error *err)
{
	return install_sealed(d, memfd, info, NULL, out, is_update, before, err);
}

/*
 * One read, one verification, one write: the file is read once into a sealed
 * memfd; its bytes go to the flash under a temporary name in apps/ (writeback
 * started) while the same sealed bytes are verified, so the flash writes while
 * the CPU hashes; only a verified package is renamed to apps/CID/package
 * (install_sealed). A package that does not verify loses its temporary, and a
 * cut before the rename leaves only the temporary, which the next start
 * removes (sweep_temps): the name "package" only ever holds verified bytes.
 */
int store_install_package(struct appmand *d, const char *path, struct app **out, bool *is_update,
			  struct azs_resource_list *before, struct azs_error *err)
{
	struct azs_atomic_stage stage = {.fd = -1};
	struct azs_package_info info;
	struct app_signer signer;
	size_t size;
	int memfd, apps, ret;

	ret = azs_package_read_sealed(path, &memfd, &size, err);
	if (ret)
		return ret;
	apps = state_fd(d, "apps");
	/* Without a stage (no space, say) install_sealed writes it after verifying, and says why. */
	if (apps >= 0 && azs_atomic_stage_copy(&stage, apps, "package", memfd, size, 0600))
		stage.fd = -1;
	ret = verify_trusted(d, memfd, size, &info, &signer, NULL, err);
	if (!ret)
		ret = install_sealed(d, memfd, &info, stage.fd >= 0 ? &stage : NULL, out, is_update,
				     before, err);
	azs_atomic_stage_abort(&stage); /* nothing left if it was committed */
	if (apps >= 0)
		close(apps);
	close(memfd);
	return ret;
}

int store_read_package_manifest(int memfd, const struct azs_package_info *info,
				struct azs_manifest *m, struct azs_error *err)
{
	static struct app tmp;
	int ret;

	app_init(&tmp);
	ret = package_manifest(memfd, info, &tmp, err);
	if (!ret)
		*m = tmp.manifest;
	return ret;
}

bool store_package_equal(const struct app *a, int memfd, const struct azs_package_info *info)
{
	char path[PATH_MAX];
	struct stat st;
	uint8_t *map, *mine;
	bool equal = false;
	int fd;

	if (!a->packaged || snprintf(path, sizeof(path), "%s/package", a->dir) >= (int)sizeof(path))
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	if (!fstat(fd, &st) && (uint64_t)st.st_size == info->total_size) {
		mine = mmap(NULL, info->total_size, PROT_READ, MAP_SHARED, fd, 0);
		map = mmap(NULL, info->total_size, PROT_READ, MAP_SHARED, memfd, 0);
		equal = mine != MAP_FAILED && map != MAP_FAILED &&
			!memcmp(mine, map, info->total_size);
		if (mine != MAP_FAILED)
			munmap(mine, info->total_size);
		if (map != MAP_FAILED)
			munmap(map, info->total_size);
	}
	close(fd);
	return equal;
}

/*
 * Mount an installed package's file system for its sandbox. The first start
 * after a boot (or an update) verifies the package from the flash into a
 * sealed memfd whose payload the loop device serves, so the app runs from
 * exactly the bytes that were verified; that mount stays across stops and
 * starts (the verified bytes are sealed: nothing can change them). What can
 * change is the device's trust, so every start checks the verified signer
 * against the keys and capabilities of that moment, and a refusal unmounts.
 */
int store_mount(struct appmand *d, struct app *a, struct azs_error *err)
{
	struct azs_package_info info;
	struct app_signer signer;
	char path[PATH_MAX], dev[64];
	int memfd, loopfd, ret;

	if (!a->packaged)
		return 0;
	if (a->mount_path[0]) {
		ret = check_trust(d, a, err);
		if (ret)
			store_unmount(a);
		return ret;
	}
	if (a->verified_fd >= 0) {
		/* Installed in this boot: the sealed bytes verified then, today's trust. */
		ret = check_trust(d, a, err);
		if (ret)
			return ret;
		memfd = a->verified_fd;
		info = a->verified_info;
		a->verified_fd = -1;
	} else {
		if (snprintf(path, sizeof(path), "%s/package", a->dir) >= (int)sizeof(path))
			return -ENAMETOOLONG;
		ret = open_trusted(d, path, &info, &memfd, &signer, NULL, err);
		if (ret)
			return ret;
		a->signer = signer;
	}
	ret = azs_package_attach_loop(memfd, info.payload_offset, info.payload_size, &loopfd, dev,
				      sizeof(dev));
	close(memfd);
	if (ret)
		return azs_error_set(err, ret, "", "cannot attach a loop device: %s",
				     strerror(-ret));
	/* At boot this runs before the control socket's directory exists. */
	mkdir("/run/azsphere", 0700);
	mkdir(IMAGES_DIR, 0700);
	snprintf(a->mount_path, sizeof(a->mount_path), IMAGES_DIR "/%s", a->cid.str);
	mkdir(a->mount_path, 0755);
	if (mount(dev, a->mount_path, "squashfs", MS_RDONLY | MS_NOSUID | MS_NODEV, NULL)) {
		ret = azs_error_set(err, -errno, "", "cannot mount the package: %s",
				    strerror(errno));
		rmdir(a->mount_path);
		a->mount_path[0] = '\0';
	}
	close(loopfd); /* autoclear: the mount keeps the loop device */
	return ret;
}

void store_forget_namespaces(struct app *a)
{
	if (a->netns_fd >= 0)
		close(a->netns_fd);
	if (a->mntns_fd >= 0)
		close(a->mntns_fd);
	if (a->ipcns_fd >= 0)
		close(a->ipcns_fd);
	if (a->landlock_fd >= 0)
		close(a->landlock_fd); /* its rules name the root's inodes */
	a->netns_fd = a->mntns_fd = a->ipcns_fd = a->landlock_fd = -1;
	a->landlock_runs = 0;
	/* A kept pid 1 (supervisor.c) is of the app as it was: dropped at the latest by its next start. */
	a->kept_gen++;
	/* The cgroup too: a stopped app's goes now, a running one's at its end. */
	a->cgroup_keep = false;
	if (a->cgroup_fd >= 0) {
		char path[PATH_MAX];

		close(a->cgroup_fd);
		a->cgroup_fd = -1;
		snprintf(path, sizeof(path), APPMAND_CGROUP_PARENT "/%s", a->cid.str);
		if (rmdir(path) && errno != ENOENT)
			fprintf(stderr, "appmand: cannot remove %s: %s\n", path, strerror(errno));
	}
}

void store_unmount(struct app *a)
{
	if (!a->mount_path[0])
		return;
	store_forget_namespaces(a); /* its root has the image */
	umount2(a->mount_path, MNT_DETACH);
	rmdir(a->mount_path);
	a->mount_path[0] = '\0';
	a->image_warm = false;
	a->entry_dynamic = -1;
}

void store_unmount_all(struct appmand *d)
{
	for (int i = 0; i < APPMAND_MAX_APPS; i++)
		if (d->apps[i].used)
			store_unmount(&d->apps[i]);
}

int store_remove(struct appmand *d, struct app *a)
{
	int apps, storage, ret;

	/* Only a stopped app's slot may be freed (lifecycle_remove() stops it first). */
	if (a->sandbox || a->kept || a->timer_fd >= 0 || a->rt_fd >= 0)
		return -EBUSY;
	store_unmount(a);
	store_forget_namespaces(a);
	if (a->verified_fd >= 0)
		close(a->verified_fd);
	a->verified_fd = -1;
	apps = state_fd(d, "apps");
	if (apps < 0)
		return apps;
	ret = remove_tree(apps, a->cid.str);
	fsync(apps); /* the removal is answered: it must survive a power cut */
	close(apps);
	/* Its mutable storage goes with it (an update keeps it). */
	storage = state_fd(d, "storage");
	if (storage >= 0) {
		remove_tree(storage, a->cid.str);
		fsync(storage);
		close(storage);
	}
	azs_manifest_free(&a->manifest);
	a->used = false;
	return ret;
}
