// SPDX-License-Identifier: MIT
/* Landlock rules for the app (see landlock.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/landlock.h>

#include <azs/cleanup.h>
#include "landlock.h"
#include "log.h"

#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_FILE_RIGHTS                                                                             \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE)
#define FS_WRITE_TREE                                                                              \
	(LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |                           \
	 LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_DIR |                            \
	 LANDLOCK_ACCESS_FS_MAKE_REG)
/* Everything of ABI 1; REFER (ABI 2) is added when the kernel has it. */
#define FS_ALL_V1 ((LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1)

/* Top-level entries that are not part of the image. */
static const char *const not_image[] = {"dev", "proc", "tmp", "mnt", "etc", "sys"};

static int add_path(int ruleset, const char *path, uint64_t access)
{
	struct landlock_path_beneath_attr pb = {.allowed_access = access};
	azs_cleanup(azs_closep) int fd = open(path, O_PATH | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return sb_syserr("landlock: cannot open %s", path);
	}
	if (fstat(fd, &st))
		return sb_syserr("landlock: cannot stat %s", path);
	if (S_ISLNK(st.st_mode))
		return 0; /* resolved through its target's own rule */
	if (!S_ISDIR(st.st_mode))
		pb.allowed_access &= FS_FILE_RIGHTS;
	pb.parent_fd = fd;
	if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0))
		return sb_syserr("landlock: cannot add a rule for %s", path);
	return 0;
}

static int add_image(int ruleset)
{
	azs_cleanup(azs_closedirp) DIR *d = opendir("/");
	struct dirent *e;
	char path[NAME_MAX + 2];

	if (!d)
		return sb_syserr("landlock: cannot list /");
	while ((e = readdir(d))) {
		int skip = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");

		for (size_t i = 0; i < sizeof(not_image) / sizeof(not_image[0]); i++)
			skip |= !strcmp(e->d_name, not_image[i]);
		if (skip)
			continue;
		snprintf(path, sizeof(path), "/%s", e->d_name);
		int ret = add_path(ruleset, path, FS_READ | LANDLOCK_ACCESS_FS_EXECUTE);
		if (ret)
			return ret;
	}
	return 0;
}

/* This run's /proc and /tmp: new file systems at every start. */
static int add_per_run(int ruleset, int debug, uint64_t tree_rw)
{
	int ret = add_path(ruleset, "/proc", FS_READ | (debug ? LANDLOCK_ACCESS_FS_WRITE_FILE : 0));

	if (!ret)
		ret = add_path(ruleset, "/tmp", tree_rw);
	return ret;
}

int sb_landlock_restrict(int log_fd, int debug, int kept, int *keep)
{
	struct landlock_ruleset_attr attr = {.handled_access_fs = FS_ALL_V1};
	azs_cleanup(azs_closep) int ruleset = -1;
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	uint64_t tree_rw = FS_READ | FS_WRITE_TREE;
	int ret;

	if (keep)
		*keep = -1;
	if (abi < 1) {
		dprintf(log_fd, "landlock: not available in this kernel (%s), skipped\n",
			strerror(errno));
		return 0;
	}
	if (abi >= 2)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
	if (abi >= 3) {
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
		tree_rw |= LANDLOCK_ACCESS_FS_TRUNCATE;
	}
#endif
	if (kept >= 0) {
		/* The root's rules are there (landlock.h): this run's two, then enforce. */
		ret = add_per_run(kept, debug, tree_rw);
		if (ret)
			return ret;
		if (syscall(SYS_landlock_restrict_self, kept, 0))
			return sb_syserr("landlock: cannot restrict the app");
		return 0;
	}
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset < 0)
		return sb_syserr("landlock: cannot create a ruleset");
	/* The image's entries one by one, so that nothing beneath /tmp inherits execute. */
	ret = add_image(ruleset);
	if (!ret)
		ret = add_path(ruleset, "/dev", FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE);
	if (!ret)
		ret = add_path(ruleset, "/mnt/config", tree_rw);
	if (!ret)
		ret = add_path(ruleset, "/etc", FS_READ);
	/* Granted PWM/ADC attributes: read and write files, nothing else. */
	if (!ret)
		ret = add_path(ruleset, "/sys", FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE);
	if (!ret)
		ret = add_per_run(ruleset, debug, tree_rw);
	if (ret)
		return ret;
	if (syscall(SYS_landlock_restrict_self, ruleset, 0))
		return sb_syserr("landlock: cannot restrict the app");
	if (keep)
		*keep = azs_take_fd(&ruleset);
	return 0;
}
