// SPDX-License-Identifier: MIT
/* The app's file system view (see mounts.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <azs/cleanup.h>
#include "log.h"
#include "mounts.h"
#include "quota.h"

/* Names the sandbox owns at the top of the app's root. */
static const char *const reserved[] = {"dev", "proc", "tmp", "mnt", "etc", "sys", ".gdbserver"};

/* The standard nodes every app gets. */
static const char *const std_nodes[] = {"null", "zero", "urandom", "full"};

static int valid_name(const char *name)
{
	return name[0] && strlen(name) < 256 && !strchr(name, '/') && strcmp(name, ".") &&
	       strcmp(name, "..");
}

static int is_reserved(const char *name)
{
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (!strcmp(name, reserved[i]))
			return 1;
	return 0;
}

/* A detached read-only (or not), nosuid, nodev copy of DFD/PATH. */
static int clone_tree(int dfd, const char *path, unsigned int extra_flags, __u64 attrs)
{
	struct mount_attr attr = {.attr_set = attrs};
	azs_cleanup(azs_closep) int fd = open_tree(
		dfd, path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_SYMLINK_NOFOLLOW | extra_flags);

	if (fd < 0)
		return -errno;
	if (mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof(attr)))
		return -errno;
	return azs_take_fd(&fd);
}

static int prepare_image(int image_fd, struct sb_root *root, int has_libs)
{
	azs_cleanup(azs_closedirp) DIR *d = NULL;
	int dup_fd = fcntl(image_fd, F_DUPFD_CLOEXEC, 0);
	struct dirent *e;

	if (dup_fd < 0 || !(d = fdopendir(dup_fd))) {
		if (dup_fd >= 0)
			close(dup_fd);
		return sb_syserr("cannot list the app's image");
	}
	while ((e = readdir(d))) {
		struct sb_tree *t = &root->image[root->n_image];
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || is_reserved(e->d_name) ||
		    (has_libs && !strcmp(e->d_name, "lib")))
			continue;
		if (root->n_image == SB_MAX_IMAGE_ENTRIES) {
			sb_error("the app's image has more than %d top-level entries",
				 SB_MAX_IMAGE_ENTRIES);
			return -E2BIG;
		}
		if (fstatat(image_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			return sb_syserr("image: cannot stat %s", e->d_name);
		snprintf(t->name, sizeof(t->name), "%s", e->d_name);
		t->fd = -1;
		if (S_ISLNK(st.st_mode)) {
			ssize_t n =
				readlinkat(image_fd, e->d_name, t->target, sizeof(t->target) - 1);

			if (n < 0)
				return sb_syserr("image: cannot read the link %s", e->d_name);
			t->target[n] = 0;
			t->kind = 'l';
		} else {
			t->kind = S_ISDIR(st.st_mode) ? 'd' : 'f';
			t->fd = clone_tree(image_fd, e->d_name, AT_RECURSIVE,
					   MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
						   MOUNT_ATTR_NODEV);
			if (t->fd < 0)
				return sb_errno(t->fd, "image: cannot clone %s", e->d_name);
		}
		root->n_image++;
	}
	return 0;
}

/* T: a detached mount of the character device HOST_PATH; T->fd stays -1 on failure. */
static int prepare_dev(struct sb_tree *t, const char *host_path, const char *name)
{
	azs_cleanup(azs_closep) int fd = -1;
	struct stat st;

	t->fd = -1;
	if (!valid_name(name)) {
		sb_error("device name '%s' is not a single path component", name);
		return -EINVAL;
	}
	fd = clone_tree(AT_FDCWD, host_path, 0, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC);
	if (fd < 0)
		return sb_errno(fd, "cannot open the device %s", host_path);
	if (fstat(fd, &st))
		return sb_syserr("cannot stat the device %s", host_path);
	if (!S_ISCHR(st.st_mode)) {
		sb_error("%s is not a character device", host_path);
		return -EINVAL;
	}
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->kind = 'f';
	t->fd = azs_take_fd(&fd);
	return 0;
}

int sb_open_beneath(const char *root, const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	azs_cleanup(azs_closep) int dir = -1;
	size_t n = strlen(root);
	long fd;

	if (strncmp(path, root, n) || path[n] != '/' || !path[n + 1]) {
		sb_error("%s is not a path under %s", path, root);
		return -EINVAL;
	}
	dir = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return sb_syserr("cannot open %s", root);
	fd = syscall(SYS_openat2, dir, path + n + 1, &how, sizeof(how));
	if (fd < 0) {
		if (errno == EXDEV || errno == ELOOP)
			sb_error("%s leads out of %s", path, root);
		return errno == EXDEV || errno == ELOOP ? -EXDEV
							: sb_syserr("cannot open %s", path);
	}
	return (int)fd;
}

/* The sysfs directory HOST_PATH, resolved without leaving /sys, cloned. */
static int clone_sysfs(const char *host_path)
{
	azs_cleanup(azs_closep) int fd = sb_open_beneath("/sys", host_path);
	struct statfs fs;
	struct stat st;
	int tree;

	if (fd < 0)
		return fd;
	if (fstatfs(fd, &fs) || fs.f_type != SYSFS_MAGIC || fstat(fd, &st) ||
	    !S_ISDIR(st.st_mode)) {
		sb_error("%s is not a sysfs directory", host_path);
		return -EINVAL;
	}
	tree = clone_tree(fd, "", AT_EMPTY_PATH,
			  MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	if (tree < 0)
		return sb_errno(tree, "cannot open %s", host_path);
	return tree;
}

/* "/sys/a/b/c": under /sys, plain components only. */
static int valid_sys_path(const char *path)
{
	char copy[PATH_MAX], *save = NULL, *c;
	int n = 0;

	if (strncmp(path, "/sys/", 5) || strlen(path) >= sizeof(copy))
		return 0;
	snprintf(copy, sizeof(copy), "%s", path + 5);
	if (!copy[0] || copy[strlen(copy) - 1] == '/' || strstr(copy, "//"))
		return 0;
	for (c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save), n++)
		if (!valid_name(c))
			return 0;
	return n > 0 && n <= 6;
}

static int prepare_sysfs(const struct azs_sandbox_config *cfg, struct sb_root *root)
{
	for (size_t i = 0; i < cfg->n_sysfs; i++) {
		const struct azs_sandbox_sysfs *s = &cfg->sysfs[i];
		int fd;

		if (!valid_sys_path(s->app_path)) {
			sb_error("sysfs %s -> %s: the app's path must be a plain path under /sys",
				 s->host_path, s->app_path);
			return -EINVAL;
		}
		fd = clone_sysfs(s->host_path);
		if (fd < 0)
			return fd;
		root->sysfs[root->n_sysfs++] = fd;
	}
	return 0;
}

/* A read-only, nosuid, nodev clone of the supervisor's PATH, which must be of type MODE. */
static int clone_platform(const char *path, mode_t mode, unsigned int flags, __u64 attrs)
{
	struct stat st;
	int fd = clone_tree(AT_FDCWD, path, flags,
			    MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | attrs);

	if (fd < 0)
		return sb_errno(fd, "cannot open %s", path);
	if (fstat(fd, &st) || (st.st_mode & S_IFMT) != mode) {
		close(fd);
		sb_error("%s is not a %s", path, mode == S_IFDIR ? "directory" : "regular file");
		return -EINVAL;
	}
	return fd;
}

int sb_root_prepare(const struct azs_sandbox_config *cfg, int image_fd, struct sb_root *root)
{
	char path[64];
	int ret;

	memset(root, 0, sizeof(*root));
	root->storage = root->libs = root->cert = root->debug = -1;
	ret = prepare_image(image_fd, root, cfg->libs_dir != NULL);
	if (!ret && cfg->libs_dir) {
		root->libs = clone_platform(cfg->libs_dir, S_IFDIR, AT_RECURSIVE, 0);
		ret = root->libs < 0 ? root->libs : 0;
	}
	if (!ret && cfg->debug_dir) {
		root->debug = clone_platform(cfg->debug_dir, S_IFDIR, AT_RECURSIVE, 0);
		ret = root->debug < 0 ? root->debug : 0;
	}
	if (!ret && cfg->deviceauth_cert) {
		root->cert = clone_platform(cfg->deviceauth_cert, S_IFREG, 0, MOUNT_ATTR_NOEXEC);
		ret = root->cert < 0 ? root->cert : 0;
	}
	if (!ret && cfg->n_sysfs > AZS_SANDBOX_MAX_SYSFS)
		ret = -E2BIG;
	if (!ret)
		ret = prepare_sysfs(cfg, root);
	for (size_t i = 0; !ret && i < sizeof(std_nodes) / sizeof(std_nodes[0]); i++) {
		snprintf(path, sizeof(path), "/dev/%s", std_nodes[i]);
		ret = prepare_dev(&root->dev[root->n_dev], path, std_nodes[i]);
		if (!ret)
			root->n_dev++;
	}
	for (size_t i = 0; !ret && i < cfg->n_devices; i++) {
		for (size_t j = 0; j < root->n_dev; j++)
			if (!strcmp(root->dev[j].name, cfg->devices[i].name)) {
				sb_error("device name '%s' is given twice", cfg->devices[i].name);
				ret = -EINVAL;
			}
		if (!ret)
			ret = prepare_dev(&root->dev[root->n_dev], cfg->devices[i].host_path,
					  cfg->devices[i].name);
		if (!ret)
			root->n_dev++;
	}
	if (!ret && cfg->storage_kb && cfg->storage_dir) {
		/* The supervisor's directory (its quota is the size limit). */
		struct stat st;

		root->storage =
			clone_tree(AT_FDCWD, cfg->storage_dir, 0,
				   MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
		if (root->storage < 0)
			ret = sb_errno(root->storage, "cannot open the storage %s",
				       cfg->storage_dir);
		else if (fstat(root->storage, &st) || !S_ISDIR(st.st_mode))
			ret = sb_syserr("the storage %s is not a directory", cfg->storage_dir);
		else {
			/* The detached mount is a path-only descriptor: ioctls need
			 * the directory itself. */
			int dir = open(cfg->storage_dir,
				       O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);

			ret = dir < 0 ? sb_syserr("cannot open the storage %s", cfg->storage_dir)
				      : sb_storage_quota(dir, (uint32_t)cfg->uid, cfg->storage_kb);
			/* The app's own, and only its own. */
			if (!ret && (fchown(dir, cfg->uid, cfg->gid) || fchmod(dir, 0700)))
				ret = sb_syserr("cannot give the storage %s to the app",
						cfg->storage_dir);
			if (dir >= 0)
				close(dir);
		}
	}
	if (ret)
		sb_root_release(root);
	return ret;
}

void sb_root_none(struct sb_root *root)
{
	memset(root, 0, sizeof(*root));
	root->storage = root->libs = root->cert = root->debug = -1;
}

void sb_root_release(struct sb_root *root)
{
	if (root->storage >= 0)
		close(root->storage);
	if (root->libs >= 0)
		close(root->libs);
	if (root->cert >= 0)
		close(root->cert);
	if (root->debug >= 0)
		close(root->debug);
	root->storage = root->libs = root->cert = root->debug = -1;
	for (size_t i = 0; i < root->n_image; i++)
		if (root->image[i].fd >= 0)
			close(root->image[i].fd);
	for (size_t i = 0; i < root->n_dev; i++)
		if (root->dev[i].fd >= 0)
			close(root->dev[i].fd);
	for (size_t i = 0; i < root->n_sysfs; i++)
		close(root->sysfs[i]);
	root->n_image = root->n_dev = root->n_sysfs = 0;
}

/* A new detached file system of TYPE with string OPTS (key, value pairs, NULL-ended). */
static int new_fs(const char *type, const char *const *opts, unsigned int attrs)
{
	azs_cleanup(azs_closep) int fsfd = fsopen(type, FSOPEN_CLOEXEC);
	int mfd;

	if (fsfd < 0)
		return sb_syserr("fsopen %s", type);
	for (; opts && opts[0]; opts += 2)
		if (fsconfig(fsfd, FSCONFIG_SET_STRING, opts[0], opts[1], 0))
			return sb_syserr("%s: option %s=%s", type, opts[0], opts[1]);
	if (fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		return sb_syserr("cannot create a %s", type);
	mfd = fsmount(fsfd, FSMOUNT_CLOEXEC, attrs);
	if (mfd < 0)
		return sb_syserr("cannot mount a %s", type);
	return mfd;
}

static int attach(int tree, int dfd, const char *name)
{
	if (move_mount(tree, "", dfd, name, MOVE_MOUNT_F_EMPTY_PATH))
		return sb_syserr("cannot mount %s", name);
	return 0;
}

/* A mount point for T in DFD, then T on it. */
static int place(int dfd, struct sb_tree *t)
{
	if (t->kind == 'l') {
		if (symlinkat(t->target, dfd, t->name))
			return sb_syserr("cannot create the link %s", t->name);
		return 0;
	}
	if (t->kind == 'd') {
		if (mkdirat(dfd, t->name, 0755))
			return sb_syserr("cannot create the mount point %s", t->name);
	} else {
		int fd = openat(dfd, t->name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);

		if (fd < 0)
			return sb_syserr("cannot create the mount point %s", t->name);
		close(fd);
	}
	return attach(t->fd, dfd, t->name);
}

static int build_dev(int skel, struct sb_root *root)
{
	static const char *const opts[] = {"size", "64k", "nr_inodes", "64", "mode", "0755", NULL};
	static const char *const links[][2] = {{"fd", "/proc/self/fd"},
					       {"stdin", "/proc/self/fd/0"},
					       {"stdout", "/proc/self/fd/1"},
					       {"stderr", "/proc/self/fd/2"}};
	azs_cleanup(azs_closep) int dev =
		new_fs("tmpfs", opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NODEV);
	struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY};
	int ret = 0;

	if (dev < 0)
		return dev;
	/* Attached first: 6.1 mounts nothing onto a detached tree. */
	if (mkdirat(skel, "dev", 0755))
		return sb_syserr("cannot create /dev");
	ret = attach(dev, skel, "dev");
	for (size_t i = 0; !ret && i < root->n_dev; i++)
		ret = place(dev, &root->dev[i]);
	for (size_t i = 0; !ret && i < sizeof(links) / sizeof(links[0]); i++)
		if (symlinkat(links[i][1], dev, links[i][0]))
			ret = sb_syserr("cannot create /dev/%s", links[i][0]);
	if (!ret && mount_setattr(dev, "", AT_EMPTY_PATH, &ro, sizeof(ro)))
		ret = sb_syserr("cannot make /dev read-only");
	return ret;
}

static int build_mnt(int skel, const struct azs_sandbox_config *cfg, const struct sb_root *root)
{
	char size[32], uid[16], gid[16];
	const char *const opts[] = {"size", size, "mode", "0700", "uid", uid, "gid", gid, NULL};
	azs_cleanup(azs_closep) int fd = -1;
	azs_cleanup(azs_closep) int mnt = -1;

	if (mkdirat(skel, "mnt", 0755))
		return sb_syserr("cannot create /mnt");
	if (!cfg->storage_kb)
		return 0;
	mnt = openat(skel, "mnt", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (mnt < 0 || mkdirat(mnt, "config", 0755))
		return sb_syserr("cannot create /mnt/config");
	if (root->storage >= 0)
		return attach(root->storage, mnt, "config");
	snprintf(size, sizeof(size), "%luk", cfg->storage_kb);
	snprintf(uid, sizeof(uid), "%u", (unsigned)cfg->uid);
	snprintf(gid, sizeof(gid), "%u", (unsigned)cfg->gid);
	fd = new_fs("tmpfs", opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NODEV);
	if (fd < 0)
		return fd;
	return attach(fd, mnt, "config");
}

/*
 * /etc/hosts: the names the app was granted, as the runtime resolved them;
 * /etc/deviceauth.pem: the device's client certificate, if granted.
 */
static int build_etc(int skel, const struct azs_sandbox_config *cfg, struct sb_root *root)
{
	azs_cleanup(azs_closep) int etc = -1;
	azs_cleanup(azs_closep) int fd = -1;

	if (mkdirat(skel, "etc", 0755) ||
	    (etc = openat(skel, "etc", O_DIRECTORY | O_RDONLY | O_CLOEXEC)) < 0)
		return sb_syserr("cannot create /etc");
	if (cfg->hosts) {
		size_t len = strlen(cfg->hosts);

		fd = openat(etc, "hosts", O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, cfg->hosts, len) != (ssize_t)len)
			return sb_syserr("cannot write /etc/hosts");
	}
	if (root->cert >= 0) {
		struct sb_tree t = {.name = "deviceauth.pem", .fd = root->cert, .kind = 'f'};
		int ret = place(etc, &t);

		if (ret)
			return ret;
		close(root->cert);
		root->cert = -1;
	}
	return 0;
}

/* /sys: a read-only tmpfs of directories leading to the granted sysfs trees. */
static int build_sys(int skel, const struct azs_sandbox_config *cfg, struct sb_root *root)
{
	static const char *const opts[] = {"size", "16k", "nr_inodes", "64", "mode", "0755", NULL};
	struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY};
	azs_cleanup(azs_closep) int sys = -1;
	int ret;

	if (!root->n_sysfs)
		return 0;
	sys = new_fs("tmpfs", opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NODEV);
	if (sys < 0)
		return sys;
	if (mkdirat(skel, "sys", 0755))
		return sb_syserr("cannot create /sys");
	ret = attach(sys, skel, "sys");
	for (size_t i = 0; !ret && i < root->n_sysfs; i++) {
		char rel[PATH_MAX], *slash;
		azs_cleanup(azs_closep) int dir = -1;

		snprintf(rel, sizeof(rel), "%s", cfg->sysfs[i].app_path + 5);
		/* The leading directories, then the mount point. */
		for (slash = strchr(rel, '/'); slash; slash = strchr(slash + 1, '/')) {
			*slash = 0;
			if (mkdirat(sys, rel, 0755) && errno != EEXIST)
				ret = sb_syserr("cannot create /sys/%s", rel);
			*slash = '/';
		}
		if (!ret && mkdirat(sys, rel, 0755))
			ret = sb_syserr("cannot create /sys/%s", rel);
		if (!ret && move_mount(root->sysfs[i], "", sys, rel, MOVE_MOUNT_F_EMPTY_PATH))
			ret = sb_syserr("cannot mount /sys/%s", rel);
	}
	if (!ret && mount_setattr(sys, "", AT_EMPTY_PATH, &ro, sizeof(ro)))
		ret = sb_syserr("cannot make /sys read-only");
	return ret;
}

static int build(int skel, const struct azs_sandbox_config *cfg, struct sb_root *root)
{
	static const char *const proc_opts[] = {"hidepid", "invisible", "subset", "pid", NULL};
	char tmp_size[32];
	const char *const tmp_opts[] = {"size", tmp_size, "mode", "1777", NULL};
	int ret = 0, fd;

	for (size_t i = 0; !ret && i < root->n_image; i++)
		ret = place(skel, &root->image[i]);
	if (!ret && root->libs >= 0) {
		struct sb_tree t = {.name = "lib", .fd = root->libs, .kind = 'd'};

		ret = place(skel, &t);
	}
	if (!ret && root->debug >= 0) {
		struct sb_tree t = {.name = ".gdbserver", .fd = root->debug, .kind = 'd'};

		ret = place(skel, &t);
	}
	if (!ret)
		ret = build_dev(skel, root);
	if (ret)
		return ret;

	if (mkdirat(skel, "proc", 0555))
		return sb_syserr("cannot create /proc");
	fd = new_fs("proc", proc_opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NODEV);
	if (fd < 0)
		return fd;
	ret = attach(fd, skel, "proc");
	close(fd);
	if (ret)
		return ret;

	if (mkdirat(skel, "tmp", 01777))
		return sb_syserr("cannot create /tmp");
	snprintf(tmp_size, sizeof(tmp_size), "%dk", SB_TMP_KB);
	fd = new_fs("tmpfs", tmp_opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NODEV);
	if (fd < 0)
		return fd;
	ret = attach(fd, skel, "tmp");
	close(fd);
	if (!ret && (cfg->hosts || root->cert >= 0))
		ret = build_etc(skel, cfg, root);
	if (!ret)
		ret = build_sys(skel, cfg, root);
	if (ret)
		return ret;
	return build_mnt(skel, cfg, root);
}

int sb_root_enter(const struct azs_sandbox_config *cfg, struct sb_root *root)
{
	static const char *const skel_opts[] = {"size", "16k",  "nr_inodes", "128",
						"mode", "0755", NULL};
	struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY};
	azs_cleanup(azs_closep) int skel = -1;
	int ret;

	/* Nothing done here propagates back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return sb_syserr("cannot make the mounts private");
	skel = new_fs("tmpfs", skel_opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	if (skel < 0)
		return skel;
	/* Over the host's root: the host's tree is shadowed from here on. */
	if (move_mount(skel, "", AT_FDCWD, "/", MOVE_MOUNT_F_EMPTY_PATH))
		return sb_syserr("cannot mount the app's root");
	ret = build(skel, cfg, root);
	if (ret)
		return ret;
	if (mount_setattr(skel, "", AT_EMPTY_PATH, &ro, sizeof(ro)))
		return sb_syserr("cannot make the app's root read-only");
	if (fchdir(skel))
		return sb_syserr("cannot enter the app's root");
	/*
	 * pivot_root and detach the old root; an initramfs root (rootfs) cannot
	 * be pivoted away from, so there the old root stays underneath,
	 * unreachable after chroot (the app has no CAP_SYS_CHROOT, no fd
	 * outside, and mount and chroot are denied by seccomp).
	 */
	if (!syscall(SYS_pivot_root, ".", ".")) {
		if (umount2(".", MNT_DETACH))
			return sb_syserr("cannot detach the host's root");
	} else if (errno != EINVAL) {
		return sb_syserr("cannot pivot into the app's root");
	}
	if (chroot(".") || chdir("/"))
		return sb_syserr("cannot enter the app's root");
	return 0;
}

/* The file system at PATH, detached, replaced by FD's (new_fs). */
static int replace(const char *path, int fd)
{
	int ret;

	if (fd < 0)
		return fd;
	ret = umount2(path, MNT_DETACH) ? sb_syserr("cannot unmount the old %s", path) : 0;
	if (!ret)
		ret = attach(fd, AT_FDCWD, path);
	close(fd);
	return ret;
}

int sb_root_rejoin(const struct azs_sandbox_config *cfg)
{
	static const char *const proc_opts[] = {"hidepid", "invisible", "subset", "pid", NULL};
	char tmp_size[32];
	const char *const tmp_opts[] = {"size", tmp_size, "mode", "1777", NULL};
	struct statfs fs;
	int ret;

	ret = setns(cfg->mntns_fd, CLONE_NEWNS) ? sb_syserr("cannot join the app's mount namespace")
						: 0;
	close(cfg->mntns_fd);
	if (ret)
		return ret;
	/*
	 * setns put us at the top of its root: the app's root, read-only
	 * tmpfs. Anything else (a namespace whose root was never built) is
	 * refused: the app never runs in a view of the host.
	 */
	if (chdir("/") || statfs("/", &fs) || fs.f_type != TMPFS_MAGIC ||
	    !(fs.f_flags & ST_RDONLY)) {
		sb_error("the kept mount namespace has no app root");
		return -EINVAL;
	}
	ret = replace("/proc", new_fs("proc", proc_opts,
				      MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NODEV));
	snprintf(tmp_size, sizeof(tmp_size), "%dk", SB_TMP_KB);
	if (!ret)
		ret = replace("/tmp",
			      new_fs("tmpfs", tmp_opts,
				     MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NODEV));
	return ret;
}
