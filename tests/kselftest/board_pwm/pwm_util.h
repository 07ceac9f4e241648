/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the board's PWM tests: find the pwmchip of a controller, and
 * write/read/chown its sysfs files, as root or as another uid.
 */
#ifndef AZS_TEST_PWM_UTIL_H
#define AZS_TEST_PWM_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board_util.h"

#define PWM_CLASS "/sys/class/pwm"

/*
 * The /sys/class/pwm/pwmchipN of controller k: the chip whose "device" link
 * resolves to the board's mt3620-pwm<k>. 0 or -errno.
 */
static inline int pwm_find_chip(unsigned int k, char *path, size_t len)
{
	char want[32], link[PATH_MAX], target[PATH_MAX];
	struct dirent *de;
	int ret = -ENOENT;
	DIR *d;

	snprintf(want, sizeof(want), "mt3620-pwm%u", k);
	d = opendir(PWM_CLASS);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		ssize_t n;
		const char *base;

		if (strncmp(de->d_name, "pwmchip", 7))
			continue;
		snprintf(link, sizeof(link), PWM_CLASS "/%s/device", de->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		base = strrchr(target, '/');
		base = base ? base + 1 : target;
		if (!strcmp(base, want)) {
			snprintf(path, len, PWM_CLASS "/%s", de->d_name);
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

/* Write value to path: 0 or -errno. */
static inline int sysfs_write(const char *path, const char *value)
{
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/* Read path into buf (NUL-terminated, trailing newline removed). */
static inline int sysfs_read(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	n = n < 0 ? -errno : n;
	close(fd);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return (int)n;
}

struct pwm_write_req {
	const char *path;
	const char *value;
};

static inline int pwm_do_write(void *arg)
{
	const struct pwm_write_req *r = arg;

	return -sysfs_write(r->path, r->value);
}

/* Write value to path as uid: 0, -errno, or -1000 if the child failed. */
static inline int sysfs_write_as(unsigned int uid, const char *path, const char *value)
{
	struct pwm_write_req r = {path, value};
	int ret = board_run_as(uid, pwm_do_write, &r);

	if (ret < 0 || ret >= 126)
		return -1000;
	return -ret;
}

/* chown path (relative to dir) to uid:uid. 0 or -errno. */
static inline int sysfs_chown(const char *dir, const char *name, unsigned int uid)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return chown(path, uid, uid) ? -errno : 0;
}

#endif /* AZS_TEST_PWM_UTIL_H */
