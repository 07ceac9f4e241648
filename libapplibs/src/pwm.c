// SPDX-License-Identifier: MIT
/*
 * PWM: controller k is the /sys/class/pwm/pwmchipN whose device is
 * mt3620-pwm<k>; the fd is that directory. PWM_Apply exports the channel if
 * needed and writes its state through the standard PWM sysfs files. The
 * firewall checks every export and every state change.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include <applibs/pwm.h>

#include "internal.h"

#define PWM_CLASS "/sys/class/pwm"

/*
 * The pwmchip directory of controller k: an O_PATH-less directory fd or -1.
 * A controller the app can't see was not granted (the application manager
 * puts only granted ones in its /sys): EACCES.
 */
static int pwm_chip_open(unsigned int k)
{
	char want[32], link[PATH_MAX], target[PATH_MAX];
	struct dirent *de;
	int fd = -1;
	DIR *d;

	snprintf(want, sizeof(want), "mt3620-pwm%u", k);
	d = opendir(PWM_CLASS);
	if (!d)
		return azs_fail(EACCES);
	while (fd < 0 && (de = readdir(d))) {
		const char *base;
		ssize_t n;

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
			snprintf(link, sizeof(link), PWM_CLASS "/%s", de->d_name);
			fd = open(link, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0)
				fd = -2;
		}
	}
	closedir(d);
	if (fd == -2)
		return -1;
	return fd >= 0 ? fd : azs_fail(EACCES);
}

/* Write a value to a sysfs attribute under dirfd: 0 or -1 and errno. */
static int attr_write(int dirfd, const char *name, const char *value)
{
	AZS_CLEANUP_FD int fd = openat(dirfd, name, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	return n < 0 ? -1 : 0;
}

static int attr_read_uint(int dirfd, const char *name, unsigned long *value)
{
	AZS_CLEANUP_FD int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	char buf[32];
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return azs_fail(n < 0 ? errno : EIO);
	buf[n] = '\0';
	*value = strtoul(buf, NULL, 10);
	return 0;
}

static int attr_write_uint(int dirfd, const char *name, unsigned long value)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lu", value);
	return attr_write(dirfd, name, buf);
}

/*
 * Ask the firewall whether this process may use the controller: export a
 * channel that is not exported (the request is checked) and give it back.
 * A channel keeps its state across export/unexport.
 */
static int pwm_probe_access(int chip)
{
	for (unsigned int c = 0; c < AZS_MT3620_PWM_CHANNELS; c++) {
		char name[16];
		struct stat st;

		snprintf(name, sizeof(name), "pwm%u", c);
		if (fstatat(chip, name, &st, 0) == 0)
			continue; /* exported already */
		snprintf(name, sizeof(name), "%u", c);
		if (attr_write(chip, "export", name) != 0)
			return errno == EBUSY ? 0 : -1;
		return attr_write(chip, "unexport", name) == 0 ? 0 : -1;
	}
	return 0; /* every channel is exported: PWM_Apply's writes are checked */
}

int PWM_Open(PWM_ControllerId pwm)
{
	AZS_CLEANUP_FD int fd = -1;

	if (pwm >= AZS_MT3620_NUM_PWM)
		return azs_fail(ENODEV);
	fd = pwm_chip_open(pwm);
	if (fd < 0)
		return -1;
	if (azs_claim(fd) != 0 || pwm_probe_access(fd) != 0)
		return -1;
	return azs_take_fd(&fd);
}

/* The channel's directory under the chip, exported on demand. */
static int pwm_channel_open(int chip, PWM_ChannelId ch)
{
	char name[16];
	int fd;

	snprintf(name, sizeof(name), "pwm%u", ch);
	fd = openat(chip, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 || errno != ENOENT)
		return fd;
	snprintf(name, sizeof(name), "%u", ch);
	if (attr_write(chip, "export", name) != 0 && errno != EBUSY)
		return -1;
	snprintf(name, sizeof(name), "pwm%u", ch);
	return openat(chip, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int PWM_Apply(int pwmFd, PWM_ChannelId pwmChannel, const PwmState *newState)
{
	AZS_CLEANUP_FD int ch = -1;
	unsigned long duty;
	struct stat st;

	if (pwmFd < 0 || fstat(pwmFd, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    faccessat(pwmFd, "export", F_OK, 0) != 0)
		return azs_fail(EBADF);
	if (!newState)
		return azs_fail(EFAULT);
	if (pwmChannel >= AZS_MT3620_PWM_CHANNELS)
		return azs_fail(ENODEV);
	if (newState->period_nsec == 0 || newState->dutyCycle_nsec > newState->period_nsec ||
	    newState->polarity > PWM_Polarity_Inversed)
		return azs_fail(EINVAL);
	ch = pwm_channel_open(pwmFd, pwmChannel);
	if (ch < 0)
		return -1;
	/* Disable first (only if enabled: before a period is set, the PWM core
	 * refuses every change, even one that changes nothing). */
	if (!newState->enabled) {
		unsigned long enabled;

		if (attr_read_uint(ch, "enable", &enabled) != 0)
			return -1;
		if (enabled && attr_write(ch, "enable", "0") != 0)
			return -1;
	}
	/* sysfs applies one attribute at a time: keep duty <= period throughout. */
	if (attr_read_uint(ch, "duty_cycle", &duty) != 0)
		return -1;
	if (duty > newState->period_nsec) {
		if (attr_write_uint(ch, "duty_cycle", newState->dutyCycle_nsec) != 0 ||
		    attr_write_uint(ch, "period", newState->period_nsec) != 0)
			return -1;
	} else {
		if (attr_write_uint(ch, "period", newState->period_nsec) != 0 ||
		    attr_write_uint(ch, "duty_cycle", newState->dutyCycle_nsec) != 0)
			return -1;
	}
	if (attr_write(ch, "polarity",
		       newState->polarity == PWM_Polarity_Inversed ? "inversed" : "normal") != 0)
		return -1;
	if (newState->enabled && attr_write(ch, "enable", "1") != 0)
		return -1;
	return 0;
}
