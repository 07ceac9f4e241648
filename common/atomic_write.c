// SPDX-License-Identifier: MIT
/* All-or-nothing file writes (see azs/atomic_write.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* Bytes [OFF, OFF + LEN) of SRC into FD at OFF, in the kernel (no copy through this process). */
static int copy_range(int fd, int src, off_t off, size_t len)
{
	if (off && lseek(fd, off, SEEK_SET) != off)
		return -errno;
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

static int copy_all(int fd, int src, size_t len)
{
	return copy_range(fd, src, 0, len);
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

/* Direct I/O's alignment: of the buffer, the offset and the length (a page covers every block size). */
#define DIRECT_ALIGN 4096u

/*
 * Bytes [0, LEN) of the sealed SRC into FD: the whole blocks with direct I/O
 * from a mapping of SRC (the device reads SRC's pages; nothing is copied into
 * the page cache), the rest (and all of it where the file system has no
 * direct I/O) through the page cache.
 */
static int write_sealed(int fd, int src, size_t len)
{
	size_t bulk = len & ~(size_t)(DIRECT_ALIGN - 1), done = 0;
	int flags = fcntl(fd, F_GETFL), ret = 0;
	const unsigned char *map;

	if (flags < 0 || !bulk || fcntl(fd, F_SETFL, flags | O_DIRECT))
		return copy_all(fd, src, len);
	map = mmap(NULL, bulk, PROT_READ, MAP_SHARED, src, 0);
	if (map == MAP_FAILED) {
		ret = -errno;
	} else {
		while (done < bulk) {
			ssize_t n = pwrite(fd, map + done, bulk - done, (off_t)done);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				ret = n < 0 ? -errno : -EIO;
				break;
			}
			done += (size_t)n;
		}
		munmap((void *)map, bulk);
	}
	if (fcntl(fd, F_SETFL, flags))
		return -errno;
	/* Refused on the first write (a file system without direct I/O): the page cache's way. */
	if (ret == -EINVAL && !done)
		return copy_all(fd, src, len);
	if (!ret)
		ret = copy_range(fd, src, (off_t)bulk, len - bulk);
	return ret;
}

static void *stage_writer(void *arg)
{
	struct azs_atomic_stage *st = arg;

	st->result = write_sealed(st->fd, st->src, st->len);
	return NULL;
}

/* SRC can neither change nor shrink (a sealed memfd) and holds at least LEN bytes. */
static bool sealed_source(int src, size_t len)
{
	int seals = fcntl(src, F_GET_SEALS);
	struct stat st;

	return seals >= 0 && (seals & (F_SEAL_SHRINK | F_SEAL_WRITE)) == (F_SEAL_SHRINK | F_SEAL_WRITE) &&
	       !fstat(src, &st) && S_ISREG(st.st_mode) && (uint64_t)st.st_size >= len;
}

int azs_atomic_stage_copy(struct azs_atomic_stage *st, int dirfd, const char *name, int src,
			  size_t len, mode_t mode)
{
	int ret;

	st->fd = -1;
	st->dirfd = dirfd;
	st->writing = false;
	st->result = 0;
	if (src < 0)
		return -EBADF;
	if (!name_ok(name))
		return -EINVAL;
	st->fd = create_temp(dirfd, name, st->tmp);
	if (st->fd < 0)
		return st->fd;
	ret = fchmod(st->fd, mode) ? -errno : 0;
	if (!ret && len >= AZS_ATOMIC_STAGE_BACKGROUND && sealed_source(src, len)) {
		pthread_attr_t attr;

		st->src = src;
		st->len = len;
		/* A small stack: the thread only writes. */
		if (!pthread_attr_init(&attr)) {
			pthread_attr_setstacksize(&attr, 64 * 1024);
			st->writing = !pthread_create(&st->writer, &attr, stage_writer, st);
			pthread_attr_destroy(&attr);
		}
		if (st->writing)
			return 0;
		/* No thread: the same write, now. */
		ret = write_sealed(st->fd, src, len);
	} else if (!ret) {
		ret = copy_all(st->fd, src, len);
	}
	/* The flash starts writing now; azs_atomic_stage_commit's fsync waits for the rest. */
	if (!ret)
		sync_file_range(st->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	if (ret)
		azs_atomic_stage_abort(st);
	return ret;
}

/* The background copy done: its result. */
static int stage_wait(struct azs_atomic_stage *st)
{
	if (!st->writing)
		return 0;
	pthread_join(st->writer, NULL);
	st->writing = false;
	return st->result;
}

int azs_atomic_stage_commit(struct azs_atomic_stage *st, int dirfd, const char *name)
{
	int ret = 0, cret;

	if (st->fd < 0)
		return -EBADF;
	ret = stage_wait(st);
	if (!ret && !name_ok(name))
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
	stage_wait(st);
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
