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
#include <stdatomic.h>
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

/* Write len bytes of value to the sysfs attribute name under dirfd: 0 or -1 and errno. */
static int attr_write_n(int dirfd, const char *name, const char *value, size_t len)
{
	AZS_CLEANUP_FD int fd = openat(dirfd, name, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	return write(fd, value, len) < 0 ? -1 : 0;
}

static int attr_write(int dirfd, const char *name, const char *value)
{
	return attr_write_n(dirfd, name, value, strlen(value));
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

/*
 * The duty cycle this process last applied to each channel through each
 * controller's fd, so that PWM_Apply can order its period and duty-cycle
 * writes without reading the channel first. PWM_Open claims one fd per
 * controller and app (azs_claim), so slot k holds controller k's fd (plus
 * one: 0 is none) and its channels' duty cycles (plus one: 0 is unknown).
 *
 * It is a hint, never a reason to skip a write: another writer (a dup of
 * the fd, a forked child, a fd number reused after a close) may have changed
 * the channel since. A wrong hint can only make the first of the two writes
 * fail (the kernel refuses any step with duty > period, changing nothing):
 * PWM_Apply then reads the duty cycle and makes the writes in the order it
 * asks for. Relaxed atomics: a hint read while another thread writes it is
 * old or new, either of which the fallback covers.
 */
static _Atomic int hint_fd[AZS_MT3620_NUM_PWM];
static _Atomic unsigned int hint_duty[AZS_MT3620_NUM_PWM][AZS_MT3620_PWM_CHANNELS];

#define HINT_LOAD(v)     atomic_load_explicit(&(v), memory_order_relaxed)
#define HINT_STORE(v, x) atomic_store_explicit(&(v), (x), memory_order_relaxed)

/* Slot k now belongs to fd, with nothing known of its channels. */
void azs_pwm_adopt(unsigned int k, int fd)
{
	if (k >= AZS_MT3620_NUM_PWM)
		return;
	for (unsigned int i = 0; i < AZS_MT3620_NUM_PWM; i++)
		if (HINT_LOAD(hint_fd[i]) == fd + 1)
			HINT_STORE(hint_fd[i], 0);
	for (unsigned int c = 0; c < AZS_MT3620_PWM_CHANNELS; c++)
		HINT_STORE(hint_duty[k][c], 0);
	HINT_STORE(hint_fd[k], fd + 1);
}

/* The slot of fd, or -1 (not a fd PWM_Open returned). */
static int hint_slot(int fd)
{
	for (unsigned int i = 0; i < AZS_MT3620_NUM_PWM; i++)
		if (HINT_LOAD(hint_fd[i]) == fd + 1)
			return (int)i;
	return -1;
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
	azs_pwm_adopt(pwm, fd);
	return azs_take_fd(&fd);
}

/* A channel's attributes, relative to the chip's directory. */
enum { ATTR_PERIOD, ATTR_DUTY, ATTR_POLARITY, ATTR_ENABLE };
#define PWM_ATTRS(c)                                                                               \
	{                                                                                          \
		"pwm" #c "/period", "pwm" #c "/duty_cycle", "pwm" #c "/polarity",                  \
			"pwm" #c "/enable"                                                         \
	}
static const char *const pwm_attr[AZS_MT3620_PWM_CHANNELS][4] = {PWM_ATTRS(0), PWM_ATTRS(1),
								 PWM_ATTRS(2), PWM_ATTRS(3)};

/* The full check of a fd that is not negative: a directory with an export file. */
static int pwm_fd_check(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) || faccessat(fd, "export", F_OK, 0) != 0)
		return azs_fail(EBADF);
	return 0;
}

/*
 * The first access to a channel's attribute failed (errno): 0 if the
 * channel is now exported (try again), else -1 with the error. A fd that
 * is no PWM controller's directory fails that access (not open, not a
 * directory, no such file), so it is checked here, not before every call.
 */
static int pwm_first_failed(int chip, PWM_ChannelId ch)
{
	char name[4] = {(char)('0' + ch), '\0'};

	if (errno == EBADF || errno == ENOTDIR)
		return azs_fail(EBADF);
	if (errno != ENOENT)
		return -1;
	if (pwm_fd_check(chip) != 0)
		return -1;
	if (attr_write(chip, "export", name) != 0 && errno != EBUSY)
		return -1;
	return 0;
}

/* Decimal digits of v in buf (11 bytes), not terminated: returns the first. */
static const char *utoa10(unsigned int v, char buf[static 11], size_t *len)
{
	char *p = buf + 11;

	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	*len = (size_t)(buf + 11 - p);
	return p;
}

static int attr_write_u(int chip, const char *path, unsigned int v)
{
	char buf[11];
	size_t len;
	const char *s = utoa10(v, buf, &len);

	return attr_write_n(chip, path, s, len);
}

/*
 * Period and duty cycle, in the order that keeps duty <= period after each
 * write (sysfs applies one attribute at a time) given the channel's current
 * duty cycle: the duty cycle first when it is longer than the new period.
 * Only the first write can fail for the order (after it, the second always
 * leaves duty <= period); *first says whether that one failed.
 */
static int pwm_write_pair(int chip, const char *const *a, const PwmState *s, unsigned long cur,
			  bool *first)
{
	bool duty_first = cur > s->period_nsec;

	*first = true;
	if (attr_write_u(chip, a[duty_first ? ATTR_DUTY : ATTR_PERIOD],
			 duty_first ? s->dutyCycle_nsec : s->period_nsec) != 0)
		return -1;
	*first = false;
	return attr_write_u(chip, a[duty_first ? ATTR_PERIOD : ATTR_DUTY],
			    duty_first ? s->period_nsec : s->dutyCycle_nsec);
}

/*
 * The accesses PWM_Apply makes to channel ch of chip for state s, hint the
 * duty cycle this process last applied to it plus one (0: unknown). *any
 * says whether one of them succeeded (if not, the channel may just not be
 * exported, or chip be no PWM controller).
 */
static int pwm_steps(int chip, PWM_ChannelId ch, const PwmState *s, unsigned int hint, bool *any)
{
	const char *const *a = pwm_attr[ch];
	unsigned long cur = (unsigned long)hint - 1, v;
	bool first;

	*any = false;
	/*
	 * Disable first, so the channel never runs with a part of the new
	 * state. Before a period is set the PWM core refuses every change,
	 * even one that changes nothing (EINVAL): such a channel was never
	 * enabled, as its enable file says.
	 */
	if (!s->enabled) {
		if (attr_write(chip, a[ATTR_ENABLE], "0") != 0) {
			if (errno != EINVAL || attr_read_uint(chip, a[ATTR_ENABLE], &v) != 0)
				return -1;
			if (v != 0)
				return azs_fail(EINVAL);
		}
		*any = true;
	}
	if (hint == 0) {
		if (attr_read_uint(chip, a[ATTR_DUTY], &cur) != 0)
			return -1;
		*any = true;
	}
	if (pwm_write_pair(chip, a, s, cur, &first) != 0) {
		if (!first || errno != EINVAL || hint == 0)
			return -1;
		/*
		 * Refused with the hint's order: another writer changed the
		 * channel, or the values are refused. Read what it has; only
		 * the other order can do better.
		 */
		if (attr_read_uint(chip, a[ATTR_DUTY], &v) != 0)
			return -1;
		*any = true;
		if ((v > s->period_nsec) == (cur > s->period_nsec))
			return azs_fail(EINVAL);
		if (pwm_write_pair(chip, a, s, v, &first) != 0)
			return -1;
	}
	*any = true;
	if (attr_write(chip, a[ATTR_POLARITY],
		       s->polarity == PWM_Polarity_Inversed ? "inversed" : "normal") != 0)
		return -1;
	if (s->enabled && attr_write(chip, a[ATTR_ENABLE], "1") != 0)
		return -1;
	return 0;
}

/*
 * PWM_Apply costs its writes: enable 0 (for a state that is disabled),
 * period and duty cycle (ordered), polarity, enable 1 (for one that is
 * enabled), each an open, a write and a close of the channel's attribute
 * relative to the controller's fd. It reads the duty cycle only when the
 * one this process last applied is unknown or wrong (above), and checks
 * the fd by using it (before: an fstat, a faccessat of export, an open of
 * the channel's directory and a read of its duty cycle per call, 1.66x the
 * writes alone, docs/performance.md).
 */
int PWM_Apply(int pwmFd, PWM_ChannelId pwmChannel, const PwmState *newState)
{
	unsigned int hint = 0;
	bool any;
	int slot, ret;

	/* The fd is judged first, then the arguments. */
	if (pwmFd < 0)
		return azs_fail(EBADF);
	if (!newState || pwmChannel >= AZS_MT3620_PWM_CHANNELS || newState->period_nsec == 0 ||
	    newState->dutyCycle_nsec > newState->period_nsec ||
	    newState->polarity > PWM_Polarity_Inversed) {
		if (pwm_fd_check(pwmFd) != 0)
			return -1;
		if (!newState)
			return azs_fail(EFAULT);
		return azs_fail(pwmChannel >= AZS_MT3620_PWM_CHANNELS ? ENODEV : EINVAL);
	}
	slot = hint_slot(pwmFd);
	if (slot >= 0)
		hint = HINT_LOAD(hint_duty[slot][pwmChannel]);
	ret = pwm_steps(pwmFd, pwmChannel, newState, hint, &any);
	/* Nothing reached the channel: export it on demand, or say EBADF. */
	if (ret != 0 && !any)
		ret = pwm_first_failed(pwmFd, pwmChannel) != 0
			      ? -1
			      : pwm_steps(pwmFd, pwmChannel, newState, hint, &any);
	if (slot >= 0)
		HINT_STORE(hint_duty[slot][pwmChannel],
			   ret == 0 ? newState->dutyCycle_nsec + 1 : 0);
	return ret;
}
