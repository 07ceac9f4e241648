// SPDX-License-Identifier: MIT
/* Bounded reads of regular files (see file_read.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "file_read.h"

int azs_file_read(const char *path, size_t max_len, struct azs_file_data *out)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	azs_cleanup(azs_closep) int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	azs_cleanup(azs_freep) char *buf = NULL;
	struct stat st;
	size_t got = 0;

	out->data = NULL;
	out->len = 0;
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if ((size_t)st.st_size > max_len)
		return -EFBIG;
	buf = malloc(max_len + 1);
	if (!buf)
		return -ENOMEM;
	/* Read to EOF, not to st_size: the file may have grown since fstat. */
	for (;;) {
		ssize_t n = read(fd, buf + got, max_len + 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > max_len)
			return -EFBIG;
	}
	buf[got] = '\0';
	out->data = azs_steal(buf);
	out->len = got;
	out->dev = st.st_dev;
	out->ino = st.st_ino;
	return 0;
}

void azs_file_data_free(struct azs_file_data *f)
{
	free(f->data);
	f->data = NULL;
	f->len = 0;
}
