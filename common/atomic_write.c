// SPDX-License-Identifier: MIT
/* All-or-nothing file writes (see azs/atomic_write.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <azs/atomic_write.h>
#include <azs/cleanup.h>

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int name_ok(const char *name)
{
	return name[0] && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

/*
 * A new temporary file beside NAME: ".NAME.PID.N.tmp", created exclusively
 * (another writer of NAME at once, or a leftover of a cut, takes the next N).
 */
static int create_temp(int dirfd, const char *name, char tmp[NAME_MAX + 1])
{
	static unsigned int counter;

	for (int tries = 0; tries < 100; tries++) {
		unsigned int k = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
		int n = snprintf(tmp, NAME_MAX + 1, ".%s.%ld.%u.tmp", name, (long)getpid(), k);
		int fd;

		if (n < 0 || n > NAME_MAX)
			return -ENAMETOOLONG;
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
	}
	return -EEXIST;
}

/* Bytes [0, LEN) of SRC into FD, in the kernel (no copy through this process). */
static int copy_all(int fd, int src, size_t len)
{
	off_t off = 0;

	while (len) {
		ssize_t n = sendfile(fd, src, &off, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO; /* SRC is shorter than LEN */
		len -= (size_t)n;
	}
	return 0;
}

/* The one sequence: a temporary, the data (from DATA, or SRC if DATA is NULL), fsync, rename. */
static int atomic_put(int dirfd, const char *name, const void *data, int src, size_t len,
		      mode_t mode)
{
	char tmp[NAME_MAX + 1];
	int fd, ret, cret;

	if (!name_ok(name))
		return -EINVAL;
	fd = create_temp(dirfd, name, tmp);
	if (fd < 0)
		return fd;
	ret = data ? write_all(fd, data, len) : copy_all(fd, src, len);
	if (!ret && (fchmod(fd, mode) || fsync(fd)))
		ret = -errno;
	cret = close(fd);
	if (!ret && cret)
		ret = -errno;
	if (!ret && renameat(dirfd, tmp, dirfd, name))
		ret = -errno;
	if (ret) {
		unlinkat(dirfd, tmp, 0);
		return ret;
	}
	return fsync(dirfd) ? -errno : 0;
}

int azs_atomic_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode)
{
	if (!data && len)
		return -EINVAL;
	return atomic_put(dirfd, name, data ? data : "", -1, len, mode);
}

int azs_atomic_copy_at(int dirfd, const char *name, int src, size_t len, mode_t mode)
{
	return src < 0 ? -EBADF : atomic_put(dirfd, name, NULL, src, len, mode);
}

int azs_atomic_stage_copy(struct azs_atomic_stage *st, int dirfd, const char *name, int src,
			  size_t len, mode_t mode)
{
	int ret;

	st->fd = -1;
	st->dirfd = dirfd;
	if (src < 0)
		return -EBADF;
	if (!name_ok(name))
		return -EINVAL;
	st->fd = create_temp(dirfd, name, st->tmp);
	if (st->fd < 0)
		return st->fd;
	ret = copy_all(st->fd, src, len);
	if (!ret && fchmod(st->fd, mode))
		ret = -errno;
	/* The flash starts writing now; azs_atomic_stage_commit's fsync waits for the rest. */
	if (!ret)
		sync_file_range(st->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	if (ret)
		azs_atomic_stage_abort(st);
	return ret;
}

int azs_atomic_stage_commit(struct azs_atomic_stage *st, int dirfd, const char *name)
{
	int ret = 0, cret;

	if (st->fd < 0)
		return -EBADF;
	if (!name_ok(name))
		ret = -EINVAL;
	if (!ret && fsync(st->fd))
		ret = -errno;
	cret = close(st->fd);
	st->fd = -1;
	if (!ret && cret)
		ret = -errno;
	if (!ret && renameat(st->dirfd, st->tmp, dirfd, name))
		ret = -errno;
	if (ret) {
		unlinkat(st->dirfd, st->tmp, 0);
		return ret;
	}
	/*
	 * The new name's directory. The staging directory is not synced: if a
	 * cut brings the temporary's old entry back, it is a temporary
	 * (azs_atomic_write_is_temp()), which its reader removes anyway.
	 */
	return fsync(dirfd) ? -errno : 0;
}

void azs_atomic_stage_abort(struct azs_atomic_stage *st)
{
	if (st->fd < 0)
		return;
	close(st->fd);
	st->fd = -1;
	unlinkat(st->dirfd, st->tmp, 0);
}

int azs_atomic_write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	azs_cleanup(azs_freep) char *dir = NULL;
	azs_cleanup(azs_closep) int dirfd = -1;
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;

	if (!name_ok(name))
		return -EINVAL;
	if (!slash)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return -ENOMEM;
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;
	return azs_atomic_write_at(dirfd, name, data, len, mode);
}

bool azs_atomic_write_is_temp(const char *name)
{
	size_t len = strlen(name);

	return name[0] == '.' && len > 5 && !strcmp(name + len - 4, ".tmp");
}
