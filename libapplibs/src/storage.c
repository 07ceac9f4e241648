// SPDX-License-Identifier: MIT
/*
 * Storage: files of the app's image package, read only. The image root is
 * $AZS_APP_IMAGE_ROOT if the supervisor sets it, else the directory above
 * the one holding the executable (the entry point is /bin/app in the
 * package), and the app's one mutable file in its mutable storage, which
 * the application manager mounts at /mnt/config only for apps whose
 * manifest has MutableStorage (its SizeKB enforced by a disk quota).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <applibs/storage.h>

#include "internal.h"

const char *azs_image_root(void)
{
	static char root[PATH_MAX];
	const char *env = getenv("AZS_APP_IMAGE_ROOT");
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (env && env[0] == '/')
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return "/";
	exe[n] = '\0';
	for (int i = 0; i < 2; i++) { /* strip the file, then its directory */
		slash = strrchr(exe, '/');
		if (!slash)
			return "/";
		*slash = '\0';
	}
	snprintf(root, sizeof(root), "%s", exe[0] ? exe : "/");
	return root;
}

/* The path rules: not absolute, not starting with '.', no "..". */
static int check_relative(const char *rel)
{
	if (!rel)
		return azs_fail(EFAULT);
	if (rel[0] == '\0' || rel[0] == '/' || rel[0] == '.' || strstr(rel, ".."))
		return azs_fail(EINVAL);
	return 0;
}

char *Storage_GetAbsolutePathInImagePackage(const char *relativePath)
{
	const char *root;
	size_t len;
	char *path;

	if (check_relative(relativePath) != 0)
		return NULL;
	root = azs_image_root();
	len = strlen(root) + 1 + strlen(relativePath) + 1;
	path = malloc(len);
	if (!path)
		return NULL;
	snprintf(path, len, "%s%s%s", root, root[strlen(root) - 1] == '/' ? "" : "/", relativePath);
	return path;
}

int Storage_OpenFileInImagePackage(const char *relativePath)
{
	AZS_CLEANUP_FREE char *path = Storage_GetAbsolutePathInImagePackage(relativePath);

	if (!path)
		return -1;
	return open(path, O_RDONLY | O_CLOEXEC);
}

#define MUTABLE_DIR  "/mnt/config"
#define MUTABLE_FILE MUTABLE_DIR "/mutable"

/* The app has mutable storage iff its sandbox has /mnt/config. */
static int have_storage(void)
{
	return access(MUTABLE_DIR, W_OK) == 0;
}

int Storage_OpenMutableFile(void)
{
	int fd;

	if (!have_storage())
		return azs_fail(EACCES);
	fd = open(MUTABLE_FILE, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	return fd < 0 ? azs_fail(errno == EDQUOT || errno == ENOSPC ? errno : EIO) : fd;
}

int Storage_DeleteMutableFile(void)
{
	if (!have_storage())
		return azs_fail(EACCES);
	if (unlink(MUTABLE_FILE))
		return azs_fail(errno == ENOENT ? ENOENT : EIO);
	return 0;
}
