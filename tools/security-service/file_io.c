// SPDX-License-Identifier: MIT
/* Whole-file reads and all-or-nothing writes (see file_io.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <azs/atomic_write.h>
#include <azs/cleanup.h>
#include "file_io.h"
#include "log.h"

int ss_write_file_atomic(const char *path, const void *buf, size_t len)
{
	/* Public data: the usual mode rather than mkstemp's 0600. */
	return ss_write_file_atomic_mode(path, buf, len, 0644);
}

int ss_write_file_atomic_mode(const char *path, const void *buf, size_t len, mode_t mode)
{
	int ret = azs_atomic_write_file(path, buf, len, mode);

	if (ret)
		ss_error("cannot write %s: %s", path, strerror(-ret));
	return ret;
}

int ss_read_file(const char *path, void *buf, size_t cap, size_t *len)
{
	azs_cleanup(azs_closep) int fd = open(path, O_RDONLY | O_CLOEXEC);
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
