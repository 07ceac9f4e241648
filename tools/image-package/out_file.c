// SPDX-License-Identifier: MIT
/* All-or-nothing output files and bounded whole-file reads (see out_file.h). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "file_read.h"
#include "log.h"
#include "out_file.h"

static int write_all(int fd, const uint8_t *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int ip_write_file_atomic(const char *path, const void *buf, size_t len)
{
	azs_cleanup(azs_freep) char *dir_copy = strdup(path);
	azs_cleanup(azs_freep) char *base_copy = strdup(path);
	azs_cleanup(azs_freep) char *tmp = NULL;
	int fd, ret;

	if (!dir_copy || !base_copy ||
	    asprintf(&tmp, "%s/.%s.XXXXXX", dirname(dir_copy), basename(base_copy)) < 0) {
		tmp = NULL;
		ip_error("out of memory");
		return -ENOMEM;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		ip_error("--destination %s: cannot create a temporary file: %s", path,
			 strerror(-ret));
		return ret;
	}
	ret = write_all(fd, buf, len);
	if (!ret && (fchmod(fd, 0644) || fsync(fd)))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		ip_error("--destination %s: not written: %s", path, strerror(-ret));
	}
	return ret;
}

int ip_read_file(const char *what, const char *path, size_t max, uint8_t **buf, size_t *len)
{
	struct azs_file_data f;
	int ret = azs_file_read(path, max, &f);

	if (ret) {
		ip_error("%s %s: %s", what, path,
			 ret == -EFBIG    ? "too large"
			 : ret == -EINVAL ? "not a regular file"
					  : strerror(-ret));
		return ret;
	}
	*buf = (uint8_t *)f.data;
	*len = f.len;
	return 0;
}
