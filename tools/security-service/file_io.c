// SPDX-License-Identifier: MIT
/* Whole-file reads and all-or-nothing writes (see file_io.h). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "file_io.h"
#include "log.h"

static int write_all(int fd, const char *path, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			ss_error("cannot write %s: %s", path, strerror(err));
			return -err;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Fill the temporary file FD and close it; the caller renames or removes it. */
static int fill_temp(int fd, const char *tmp, const void *buf, size_t len, mode_t mode)
{
	int ret = write_all(fd, tmp, buf, len);

	if (ret)
		return ret;
	if (fchmod(fd, mode) || fsync(fd)) {
		int err = errno;

		ss_error("cannot finish %s: %s", tmp, strerror(err));
		return -err;
	}
	return 0;
}

int ss_write_file_atomic(const char *path, const void *buf, size_t len)
{
	/* Public data: the usual mode rather than mkstemp's 0600. */
	return ss_write_file_atomic_mode(path, buf, len, 0644);
}

int ss_write_file_atomic_mode(const char *path, const void *buf, size_t len, mode_t mode)
{
	ss_cleanup(ss_freep) char *dir_copy = strdup(path);
	ss_cleanup(ss_freep) char *base_copy = strdup(path);
	ss_cleanup(ss_freep) char *tmp = NULL;
	ss_cleanup(ss_closep) int fd = -1;
	int ret;

	if (!dir_copy || !base_copy ||
	    asprintf(&tmp, "%s/.%s.XXXXXX", dirname(dir_copy), basename(base_copy)) < 0) {
		tmp = NULL;
		ss_error("out of memory");
		return -ENOMEM;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		ss_error("cannot create a temporary file for %s: %s", path, strerror(err));
		return -err;
	}
	ret = fill_temp(fd, tmp, buf, len, mode);
	if (!ret) {
		int cfd = fd;

		fd = -1;
		if (close(cfd)) {
			ret = -errno;
			ss_error("cannot write %s: %s", tmp, strerror(-ret));
		}
	}
	if (!ret && rename(tmp, path)) {
		ret = -errno;
		ss_error("cannot rename %s to %s: %s", tmp, path, strerror(-ret));
	}
	if (ret)
		unlink(tmp);
	return ret;
}

int ss_read_file(const char *path, void *buf, size_t cap, size_t *len)
{
	ss_cleanup(ss_closep) int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *p = buf;
	size_t got = 0;

	if (fd < 0) {
		int err = errno;

		ss_error("cannot open %s: %s", path, strerror(err));
		return -err;
	}
	for (;;) {
		char extra;
		ssize_t n = got < cap ? read(fd, p + got, cap - got) : read(fd, &extra, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			ss_error("cannot read %s: %s", path, strerror(err));
			return -err;
		}
		if (n == 0)
			break;
		if (got == cap) {
			ss_error("%s: larger than %zu bytes", path, cap);
			return -EFBIG;
		}
		got += (size_t)n;
	}
	*len = got;
	return 0;
}
