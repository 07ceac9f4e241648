// SPDX-License-Identifier: MIT
/*
 * Execute-in-place, emulated. On the real platform an app's code runs from
 * flash (XIP): its image costs none of its 256 KiB of RAM. Here the image is
 * a squashfs on a loop device (or files on the flash) whose page cache the
 * kernel charges to the cgroup that first reads it; left to the app, a
 * 100 KiB binary would cost it twice that (the loop device's pages and the
 * decompressed file's) and thrash its limit. So the daemon, in its own
 * cgroup, reads every file of the image once before the app starts: the
 * pages are in the cache, charged to the daemon, and the app's limit counts
 * only what the app itself allocates.
 *
 * A file is read into the cache by sendfile() to /dev/null: the pages are
 * read (and, on a squashfs, decompressed) exactly as a read() would, but
 * splicing them hands /dev/null references to them instead of copying each
 * into a buffer of the daemon's (8 MiB of image were 8 MiB copied for
 * nothing). A kernel that can't splice the file falls back to read().
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image_cache.h"

#define MAX_DEPTH 8

/* FD's SIZE bytes into the page cache, not into the daemon. */
static void warm_file(int fd, off_t size)
{
	static int null_fd = -2;
	static char buf[64 * 1024];
	off_t done = 0;

	if (null_fd == -2)
		null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	while (null_fd >= 0 && done < size) {
		ssize_t n = sendfile(null_fd, fd, NULL, (size_t)(size - done));

		if (n <= 0)
			break; /* an error, or the file shrank: read() says which */
		done += n;
	}
	if (done < size)
		while (read(fd, buf, sizeof(buf)) > 0)
			;
}

static void warm_dir(int dir, int depth)
{
	DIR *d;
	struct dirent *e;

	if (depth > MAX_DEPTH || !(d = fdopendir(dir))) {
		close(dir);
		return;
	}
	while ((e = readdir(d))) {
		struct stat st;
		int fd;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			continue;
		if (S_ISDIR(st.st_mode)) {
			fd = openat(dirfd(d), e->d_name,
				    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0)
				warm_dir(fd, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0)
				continue;
			warm_file(fd, st.st_size);
			close(fd);
		}
	}
	closedir(d);
}

void image_cache_warm(const char *root)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0)
		warm_dir(fd, 0);
}

/*
 * The platform's files (the apps' shared libraries): the same for every app,
 * and never changed while the daemon runs (they are the device image's), so
 * read once per daemon, not at every start of every app: 1.9 MB read for
 * each app at boot was a large part of an app's share of the boot.
 */
void image_cache_warm_platform(const char *dir)
{
	static char done[PATH_MAX];

	if (!strcmp(done, dir))
		return;
	image_cache_warm(dir);
	if (strlen(dir) < sizeof(done))
		strcpy(done, dir);
}
