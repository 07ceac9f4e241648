/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the simulated board's kselftests: run a check as another uid,
 * and drive the root-only control interface.
 */
#ifndef AZS_TEST_BOARD_UTIL_H
#define AZS_TEST_BOARD_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <azsphere/firewall.h>

/* The uid that owns resources in the tests, and one that doesn't. */
#define BOARD_UID_OWNER 1000
#define BOARD_UID_OTHER 1001

#define BOARD_CONTROL   "/sys/kernel/debug/azsphere-board/"

/*
 * The configuration the firewall_lock boot locks (lock_test assigns these to
 * BOARD_UID_OWNER on the HL core, plus GPIO 8 the same way and ISU0 as UART
 * on IO0); board_locked's tests check access to them after the lock.
 */
static const struct {
	unsigned int kind, index;
} board_locked_config[] __attribute__((unused)) = {
	{AZS_FW_KIND_GPIO, 12}, /* button A */
	{AZS_FW_KIND_UART, 3},  /* ISU3 as UART */
	{AZS_FW_KIND_I2C, 2},   /* ISU2 as I2C master: the sensor */
	{AZS_FW_KIND_SPI, 1},   /* ISU1 as SPI master: the sensor */
	{AZS_FW_KIND_PWM, 1},   /* PWM-CONTROLLER-1 (GPIO 4-7) */
	{AZS_FW_KIND_ADC, 0},   /* ADC-CONTROLLER-0 */
};

/*
 * Run fn(arg) in a child with uid and gid set to uid (and no supplementary
 * groups). Returns fn's result (0 = pass), or -1 if the child could not
 * run or died.
 */
static inline int board_run_as(unsigned int uid, int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
			_exit(126);
		_exit(fn(arg) & 0xff);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Write a string to a control file (path relative to BOARD_CONTROL). */
static inline int board_ctl_write(const char *path, const char *value)
{
	char full[256];
	ssize_t n;
	int fd;

	snprintf(full, sizeof(full), BOARD_CONTROL "%s", path);
	fd = open(full, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/* Read a control file into buf (NUL-terminated); returns length or -errno. */
static inline int board_ctl_read(const char *path, char *buf, size_t len)
{
	char full[256];
	ssize_t n;
	int fd;

	snprintf(full, sizeof(full), BOARD_CONTROL "%s", path);
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	n = n < 0 ? -errno : n;
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return (int)n;
}

#endif /* AZS_TEST_BOARD_UTIL_H */
