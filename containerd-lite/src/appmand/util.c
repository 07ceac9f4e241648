// SPDX-License-Identifier: MIT
/*
 * The daemon's utilities (util.h), used by every layer above them: the
 * event loop's registration, the monotonic clock, an app's log, small file
 * writes. They call nothing of the daemon's other modules.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <azs/atomic_write.h>

#include "util.h"

int appmand_watch(struct appmand *d, int fd, struct app *a)
{
	struct epoll_event ev = {.events = EPOLLIN};
	uint64_t idx = a ? (uint64_t)(a - d->apps) + 1 : 0;

	ev.data.u64 = idx << 32 | (uint32_t)fd;
	return epoll_ctl(d->epoll_fd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

void appmand_unwatch(struct appmand *d, int fd)
{
	if (fd >= 0)
		epoll_ctl(d->epoll_fd, EPOLL_CTL_DEL, fd, NULL);
}

uint64_t appmand_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void app_log(struct app *a, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "appmand: ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	azs_log_ring_append(&a->log, line, (size_t)n);
	fprintf(stderr, "[%s] %.*s", a->manifest.name, n, line);
}

int appmand_dev_ioctl(const char *path, int flags, unsigned long cmd, void *arg)
{
	int fd = open(path, flags | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = ioctl(fd, cmd, arg) ? -errno : 0;
	close(fd);
	return ret;
}

int appmand_write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

int appmand_write_file(const char *dir, const char *name, const void *data, size_t len,
		       mode_t mode)
{
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (dirfd < 0)
		return -errno;
	ret = azs_atomic_write_at(dirfd, name, data, len, mode);
	close(dirfd);
	return ret;
}
