// SPDX-License-Identifier: MIT
/*
 * GPIO over the GPIO character device (uAPI v2). The pin's fd is a line
 * request on the chip labelled mt3620-gpio; the firewall checks the request.
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/gpio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <applibs/gpio.h>

#include "internal.h"

#define MT3620_GPIO_LABEL "mt3620-gpio"

bool azs_gpio_id_valid(int n)
{
	return (n >= 0 && n <= 23) || (n >= 26 && n <= 48) || (n >= 56 && n <= 75) || n == 80;
}

/*
 * Open the MT3620 GPIO chip: an fd or -1. The chip is always there on the
 * platform; the application manager puts its node in the app's /dev only
 * if the manifest grants a GPIO. So no chip the app can open means no Gpio
 * capability: EACCES, as for a pin another app owns (not ENODEV, which
 * is for ids that are no MT3620 GPIO).
 */
static int gpio_chip_open(void)
{
	struct dirent *de;
	DIR *d = opendir("/dev");
	int found = -1;

	if (!d)
		return azs_fail(EACCES);
	while (found < 0 && (de = readdir(d))) {
		struct gpiochip_info info;
		char path[300];
		int fd;

		if (strncmp(de->d_name, "gpiochip", 8))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", de->d_name);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &info) == 0 &&
		    !strncmp(info.label, MT3620_GPIO_LABEL, sizeof(info.label)))
			found = fd;
		else
			close(fd);
	}
	closedir(d);
	return found >= 0 ? found : azs_fail(EACCES);
}

static int gpio_request(GPIO_Id id, uint64_t flags, bool value)
{
	struct gpio_v2_line_request req;
	AZS_CLEANUP_FD int chip = -1;

	if (!azs_gpio_id_valid(id))
		return azs_fail(ENODEV);
	chip = gpio_chip_open();
	if (chip < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	req.offsets[0] = (uint32_t)id;
	req.num_lines = 1;
	snprintf(req.consumer, sizeof(req.consumer), "applibs");
	req.config.flags = flags;
	if (flags & GPIO_V2_LINE_FLAG_OUTPUT) {
		req.config.num_attrs = 1;
		req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
		req.config.attrs[0].attr.values = value ? 1 : 0;
		req.config.attrs[0].mask = 1;
	}
	if (ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req) != 0)
		return -1; /* EACCES (firewall), EBUSY (held), ... */
	return req.fd;
}

int GPIO_OpenAsInput(GPIO_Id gpioId)
{
	return gpio_request(gpioId, GPIO_V2_LINE_FLAG_INPUT, false);
}

int GPIO_OpenAsOutput(GPIO_Id gpioId, GPIO_OutputMode_Type outputMode, GPIO_Value_Type initialValue)
{
	uint64_t flags = GPIO_V2_LINE_FLAG_OUTPUT;

	if (!azs_gpio_id_valid(gpioId))
		return azs_fail(ENODEV);
	switch (outputMode) {
	case GPIO_OutputMode_PushPull:
		break;
	case GPIO_OutputMode_OpenDrain:
		flags |= GPIO_V2_LINE_FLAG_OPEN_DRAIN;
		break;
	case GPIO_OutputMode_OpenSource:
		flags |= GPIO_V2_LINE_FLAG_OPEN_SOURCE;
		break;
	default:
		return azs_fail(EINVAL);
	}
	if (initialValue > GPIO_Value_High)
		return azs_fail(EINVAL);
	return gpio_request(gpioId, flags, initialValue == GPIO_Value_High);
}

/* A line fd answers the v2 line ioctls; anything else is EBADF to the app. */
static int gpio_line_ioctl(int fd, unsigned long cmd, struct gpio_v2_line_values *v)
{
	if (fd < 0)
		return azs_fail(EBADF);
	if (ioctl(fd, cmd, v) == 0)
		return 0;
	if (errno == ENOTTY || errno == EINVAL)
		errno = EBADF;
	return -1;
}

int GPIO_GetValue(int gpioFd, GPIO_Value_Type *outValue)
{
	struct gpio_v2_line_values v = {.mask = 1};

	if (!outValue)
		return azs_fail(EFAULT);
	if (gpio_line_ioctl(gpioFd, GPIO_V2_LINE_GET_VALUES_IOCTL, &v) != 0)
		return -1;
	*outValue = (v.bits & 1) ? GPIO_Value_High : GPIO_Value_Low;
	return 0;
}

int GPIO_SetValue(int gpioFd, GPIO_Value_Type value)
{
	struct gpio_v2_line_values v = {.mask = 1, .bits = value ? 1 : 0};

	if (value > GPIO_Value_High)
		return azs_fail(EINVAL);
	if (gpioFd < 0)
		return azs_fail(EBADF);
	if (ioctl(gpioFd, GPIO_V2_LINE_SET_VALUES_IOCTL, &v) == 0)
		return 0;
	/* gpiolib refuses to set an input line: the call has no effect. */
	if (errno == EPERM)
		return 0;
	if (errno == ENOTTY || errno == EINVAL)
		errno = EBADF;
	return -1;
}
