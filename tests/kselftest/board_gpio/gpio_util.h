/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the simulated board's GPIO kselftests: find the MT3620 chip
 * through the GPIO character device, request lines with the v2 and v1 uAPI
 * (wrappers return a line fd or -errno), and run an app-like peer process
 * under another uid that takes turns with the test (the test plays the
 * outside world through the root-only control files between the peer's
 * steps).
 */
#ifndef AZS_TEST_GPIO_UTIL_H
#define AZS_TEST_GPIO_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/gpio.h>

#define MT3620_CHIP_LABEL "mt3620-gpio"
#define MT3620_NGPIO      81

/* The MT3620 RDB's wiring. */
#define GPIO_LED1_RED      8
#define GPIO_LED1_GREEN    9
#define GPIO_BUTTON_A      12
#define GPIO_BUTTON_B      13

#define GPIO_TEST_CONSUMER "board_gpio_test"

/* Open the chip labelled "mt3620-gpio" among /dev/gpiochip*: fd or -errno. */
static inline int gpio_chip_open(void)
{
	struct dirent *e;
	int fd = -ENODEV;
	DIR *d = opendir("/dev");

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		struct gpiochip_info info;
		char path[300];
		int f;

		if (strncmp(e->d_name, "gpiochip", 8))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", e->d_name);
		f = open(path, O_RDWR | O_CLOEXEC);
		if (f < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (!ioctl(f, GPIO_GET_CHIPINFO_IOCTL, &info) &&
		    !strcmp(info.label, MT3620_CHIP_LABEL)) {
			fd = f;
			break;
		}
		close(f);
	}
	closedir(d);
	return fd;
}

/* v2: request n lines with flags; values (bit i = line i) for outputs. */
static inline int gpio_v2_request(int chip, const unsigned int *offsets, unsigned int n,
				  uint64_t flags, uint64_t values)
{
	struct gpio_v2_line_request req;
	unsigned int i;

	memset(&req, 0, sizeof(req));
	for (i = 0; i < n && i < GPIO_V2_LINES_MAX; i++)
		req.offsets[i] = offsets[i];
	req.num_lines = n;
	strcpy(req.consumer, GPIO_TEST_CONSUMER);
	req.config.flags = flags;
	if (flags & GPIO_V2_LINE_FLAG_OUTPUT) {
		req.config.num_attrs = 1;
		req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
		req.config.attrs[0].attr.values = values;
		req.config.attrs[0].mask = n >= 64 ? ~0ULL : (1ULL << n) - 1;
	}
	return ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req) ? -errno : req.fd;
}

static inline int gpio_v2_request1(int chip, unsigned int offset, uint64_t flags, int value)
{
	return gpio_v2_request(chip, &offset, 1, flags, value ? 1 : 0);
}

/* v2: the first line's level (0/1) or -errno. */
static inline int gpio_v2_get1(int line)
{
	struct gpio_v2_line_values v = {.mask = 1};

	if (ioctl(line, GPIO_V2_LINE_GET_VALUES_IOCTL, &v))
		return -errno;
	return (int)(v.bits & 1);
}

static inline int gpio_v2_set1(int line, int value)
{
	struct gpio_v2_line_values v = {.mask = 1, .bits = value ? 1 : 0};

	return ioctl(line, GPIO_V2_LINE_SET_VALUES_IOCTL, &v) ? -errno : 0;
}

/* v2: reconfigure every line of a request (flags, output values). */
static inline int gpio_v2_reconfigure(int line, uint64_t flags, int value)
{
	struct gpio_v2_line_config c;

	memset(&c, 0, sizeof(c));
	c.flags = flags;
	if (flags & GPIO_V2_LINE_FLAG_OUTPUT) {
		c.num_attrs = 1;
		c.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
		c.attrs[0].attr.values = value ? 1 : 0;
		c.attrs[0].mask = 1;
	}
	return ioctl(line, GPIO_V2_LINE_SET_CONFIG_IOCTL, &c) ? -errno : 0;
}

/*
 * Wait up to ms for an edge event: 1 (stored in *ev), 0 when none came,
 * -errno on error.
 */
static inline int gpio_v2_wait_event(int line, int ms, struct gpio_v2_line_event *ev)
{
	struct pollfd p = {.fd = line, .events = POLLIN};
	int r = poll(&p, 1, ms);

	if (r < 0)
		return -errno;
	if (r == 0)
		return 0;
	return read(line, ev, sizeof(*ev)) == (ssize_t)sizeof(*ev) ? 1 : -EIO;
}

/* v1: a line handle (GPIOHANDLE_REQUEST_* flags): fd or -errno. */
static inline int gpio_v1_handle(int chip, unsigned int offset, uint32_t flags, int value)
{
	struct gpiohandle_request req;

	memset(&req, 0, sizeof(req));
	req.lineoffsets[0] = offset;
	req.lines = 1;
	req.flags = flags;
	req.default_values[0] = value ? 1 : 0;
	strcpy(req.consumer_label, GPIO_TEST_CONSUMER);
	return ioctl(chip, GPIO_GET_LINEHANDLE_IOCTL, &req) ? -errno : req.fd;
}

static inline int gpio_v1_get(int handle)
{
	struct gpiohandle_data d;

	memset(&d, 0, sizeof(d));
	if (ioctl(handle, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &d))
		return -errno;
	return d.values[0];
}

/* v1: a line event request (GPIOEVENT_REQUEST_* edges): fd or -errno. */
static inline int gpio_v1_event(int chip, unsigned int offset, uint32_t eventflags)
{
	struct gpioevent_request req;

	memset(&req, 0, sizeof(req));
	req.lineoffset = offset;
	req.handleflags = GPIOHANDLE_REQUEST_INPUT;
	req.eventflags = eventflags;
	strcpy(req.consumer_label, GPIO_TEST_CONSUMER);
	return ioctl(chip, GPIO_GET_LINEEVENT_IOCTL, &req) ? -errno : req.fd;
}

static inline int gpio_v1_wait_event(int line, int ms, struct gpioevent_data *ev)
{
	struct pollfd p = {.fd = line, .events = POLLIN};
	int r = poll(&p, 1, ms);

	if (r < 0)
		return -errno;
	if (r == 0)
		return 0;
	return read(line, ev, sizeof(*ev)) == (ssize_t)sizeof(*ev) ? 1 : -EIO;
}

/* v2 line info of one offset (flags), or -errno. */
static inline int gpio_line_info(int chip, unsigned int offset, struct gpio_v2_line_info *info)
{
	memset(info, 0, sizeof(*info));
	info->offset = offset;
	return ioctl(chip, GPIO_V2_GET_LINEINFO_IOCTL, info) ? -errno : 0;
}

/*
 * A peer: a child process running as another uid (an app) that takes turns
 * with the test. The child calls peer_step() to hand over and waits until
 * the test calls peer_go(); peer_wait() waits for the child's hand-over.
 */
struct peer {
	pid_t pid;
	int to_child, from_child; /* the test's ends */
	int in, out;              /* the child's ends */
};

static inline int peer_start(struct peer *p, unsigned int uid, int (*fn)(struct peer *p, void *arg),
			     void *arg)
{
	int down[2], up[2];

	if (pipe2(down, O_CLOEXEC))
		return -errno;
	if (pipe2(up, O_CLOEXEC)) {
		close(down[0]);
		close(down[1]);
		return -errno;
	}
	p->pid = fork();
	if (p->pid == 0) {
		close(down[1]);
		close(up[0]);
		p->in = down[0];
		p->out = up[1];
		if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
			_exit(126);
		_exit(fn(p, arg) & 0xff);
	}
	close(down[0]);
	close(up[1]);
	p->to_child = down[1];
	p->from_child = up[0];
	return p->pid < 0 ? -1 : 0;
}

/* In the child: hand over to the test and wait for it. 0, or -1. */
static inline int peer_step(struct peer *p)
{
	char c = 's';

	if (write(p->out, &c, 1) != 1)
		return -1;
	return read(p->in, &c, 1) == 1 ? 0 : -1;
}

/* In the test: wait (up to 10 s) for the child's hand-over. 0, or -1. */
static inline int peer_wait(struct peer *p)
{
	struct pollfd pf = {.fd = p->from_child, .events = POLLIN};
	char c;

	if (poll(&pf, 1, 10000) != 1)
		return -1;
	return read(p->from_child, &c, 1) == 1 ? 0 : -1;
}

static inline int peer_go(struct peer *p)
{
	char c = 'g';

	return write(p->to_child, &c, 1) == 1 ? 0 : -1;
}

/* In the test: wait for the child's end; its exit status, or -1. */
static inline int peer_end(struct peer *p)
{
	int status;

	if (p->pid <= 0)
		return -1;
	close(p->to_child);
	close(p->from_child);
	if (waitpid(p->pid, &status, 0) != p->pid)
		status = -1;
	p->pid = 0;
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Stop a peer left running by a failed test. */
static inline void peer_kill(struct peer *p)
{
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		peer_end(p);
	}
}

/*
 * In a child: fail with a non-zero exit status naming the line, after
 * saying which check failed.
 */
#define CHILD_CHECK(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "#   uid %u: %s:%d: %s (errno %d)\n", getuid(), __FILE__,  \
				__LINE__, #cond, errno);                                           \
			return __LINE__ % 250 + 1;                                                 \
		}                                                                                  \
	} while (0)

#endif /* AZS_TEST_GPIO_UTIL_H */
