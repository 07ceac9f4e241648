// SPDX-License-Identifier: MIT
/*
 * ADC: ADC-CONTROLLER-0 is the IIO device named mt3620-adc0; the fd is its
 * sysfs directory and ADC_Poll reads in_voltage<ch>_raw. The firewall checks
 * every read, so ADC_Open reads the scale once to ask it.
 */
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <applibs/adc.h>

#include "internal.h"

#define IIO_DEVICES "/sys/bus/iio/devices"
#define ADC_NAME    "mt3620-adc0"

static ssize_t read_at(int dirfd, const char *name, char *buf, size_t len)
{
	AZS_CLEANUP_FD int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* The ADC's directory; EACCES if the app can't see it (not granted: not in its /sys). */
static int adc_dev_open(void)
{
	struct dirent *de;
	int found = -1;
	DIR *d = opendir(IIO_DEVICES);

	if (!d)
		return azs_fail(EACCES);
	while (found < 0 && (de = readdir(d))) {
		char path[300], name[32];
		int fd;

		if (strncmp(de->d_name, "iio:device", 10))
			continue;
		snprintf(path, sizeof(path), IIO_DEVICES "/%s", de->d_name);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (read_at(fd, "name", name, sizeof(name)) > 0 &&
		    !strncmp(name, ADC_NAME, strlen(ADC_NAME)) &&
		    (name[strlen(ADC_NAME)] == '\n' || name[strlen(ADC_NAME)] == '\0'))
			found = fd;
		else
			close(fd);
	}
	closedir(d);
	return found >= 0 ? found : azs_fail(EACCES);
}

int ADC_Open(ADC_ControllerId id)
{
	AZS_CLEANUP_FD int fd = -1;
	char buf[32];

	if (id != 0)
		return azs_fail(ENODEV);
	fd = adc_dev_open();
	if (fd < 0)
		return -1;
	if (azs_claim(fd) != 0)
		return -1;
	if (read_at(fd, "in_voltage_scale", buf, sizeof(buf)) < 0)
		return -1; /* EACCES: the firewall */
	return azs_take_fd(&fd);
}

/* fd must be the ADC's directory (EBADF), channel one of its 8 (EINVAL). */
static int adc_check(int fd, ADC_ChannelId channel)
{
	struct stat st;

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    faccessat(fd, "in_voltage0_raw", F_OK, 0) != 0)
		return azs_fail(EBADF);
	if (channel >= AZS_MT3620_ADC_CHANNELS)
		return azs_fail(EINVAL);
	return 0;
}

int ADC_GetSampleBitCount(int fd, ADC_ChannelId channel)
{
	if (adc_check(fd, channel) != 0)
		return -1;
	return AZS_MT3620_ADC_BITS;
}

/*
 * The board's reference is fixed at 2.5 V: that value is accepted (within
 * 1 mV), anything else is EINVAL.
 */
int ADC_SetReferenceVoltage(int fd, ADC_ChannelId channel, float referenceVoltage)
{
	float diff;

	if (adc_check(fd, channel) != 0)
		return -1;
	diff = referenceVoltage - AZS_MT3620_ADC_REF_MV / 1000.0f;

	if (!(diff <= 0.001f && diff >= -0.001f)) /* also NaN */
		return azs_fail(EINVAL);
	return 0;
}

int ADC_Poll(int fd, ADC_ChannelId channel, uint32_t *outSampleValue)
{
	/* The channel files by number: no formatting per sample (musl's snprintf runs its whole
	 * printf engine, docs/performance.md). */
	static const char *const raw[AZS_MT3620_ADC_CHANNELS] = {
		"in_voltage0_raw", "in_voltage1_raw", "in_voltage2_raw", "in_voltage3_raw",
		"in_voltage4_raw", "in_voltage5_raw", "in_voltage6_raw", "in_voltage7_raw"};
	_Static_assert(AZS_MT3620_ADC_CHANNELS == 8, "a name per channel");
	char buf[32], *end;
	unsigned long v;

	if (!outSampleValue)
		return azs_fail(EFAULT);
	/*
	 * The hot path checks the fd by using it: a channel in range is read
	 * at once, and a fd that is no ADC directory fails that read (not a
	 * directory, no such channel file, not open) with EBADF, as
	 * adc_check() would have said (an fstat and a faccessat per sample
	 * before: 1.5x the read alone, docs/performance.md).
	 */
	if (fd < 0 || channel >= AZS_MT3620_ADC_CHANNELS)
		return adc_check(fd, channel) != 0 ? -1 : azs_fail(EINVAL);
	if (read_at(fd, raw[channel], buf, sizeof(buf)) < 0)
		return errno == ENOTDIR || errno == ENOENT || errno == EBADF ? azs_fail(EBADF) : -1;
	errno = 0;
	v = strtoul(buf, &end, 10);
	if (errno || end == buf || v >= (1ul << AZS_MT3620_ADC_BITS))
		return azs_fail(EIO);
	*outSampleValue = (uint32_t)v;
	return 0;
}
