// SPDX-License-Identifier: MIT
/*
 * The board's ADC (ADC-CONTROLLER-0): the IIO device "mt3620-adc0" read
 * through sysfs as an app reads it, the peripheral firewall on every read,
 * and the control files adc/ch<i> that set each channel's input voltage.
 * Every test leaves the firewall table empty and the inputs at 0 mV.
 *
 * The IIO files are world-readable (0444): an uid that is denied is denied
 * by the firewall in read_raw, not by the file mode.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define OWNER        BOARD_UID_OWNER
#define OTHER        BOARD_UID_OTHER
#define NUM_CHANNELS 8
#define IIO_DEVICES  "/sys/bus/iio/devices"

/* The device's sysfs directory, found by name; 0 or -ENOENT. */
static int find_adc(char *dir, size_t len)
{
	struct dirent *e;
	int ret = -ENOENT;
	DIR *d = opendir(IIO_DEVICES);

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char path[PATH_MAX], name[64] = "";
		ssize_t n;
		int fd;

		if (strncmp(e->d_name, "iio:device", 10))
			continue;
		snprintf(path, sizeof(path), IIO_DEVICES "/%s/name", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, name, sizeof(name) - 1);
		close(fd);
		if (n > 0 && !strcmp(name, "mt3620-adc0\n")) {
			snprintf(dir, len, IIO_DEVICES "/%s", e->d_name);
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

/* Read an attribute of the device: length, or -errno (open or read). */
static int read_attr(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	n = n < 0 ? -errno : n;
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return (int)n;
}

/* A channel's sample: 0..4095, or -errno. */
static long read_sample(const char *dir, unsigned int ch)
{
	char attr[32], buf[32], *end;
	long v;
	int n;

	snprintf(attr, sizeof(attr), "in_voltage%u_raw", ch);
	n = read_attr(dir, attr, buf, sizeof(buf));
	if (n < 0)
		return n;
	v = strtol(buf, &end, 10);
	return end != buf && *end == '\n' ? v : -EBADMSG;
}

struct sample_arg {
	const char *dir;
	unsigned int ch;
};

/* In a child: 0 if the channel reads, else errno of the read. */
static int try_read(void *arg)
{
	const struct sample_arg *a = arg;
	long v = read_sample(a->dir, a->ch);

	return v >= 0 ? 0 : (int)-v;
}

static int try_read_scale(void *arg)
{
	const struct sample_arg *a = arg;
	char buf[32];
	int n = read_attr(a->dir, "in_voltage_scale", buf, sizeof(buf));

	return n >= 0 ? 0 : -n;
}

static int set_mv(unsigned int ch, const char *mv)
{
	char path[32];

	snprintf(path, sizeof(path), "adc/ch%u", ch);
	return board_ctl_write(path, mv);
}

static int get_mv(unsigned int ch, char *buf, size_t len)
{
	char path[32];

	snprintf(path, sizeof(path), "adc/ch%u", ch);
	return board_ctl_read(path, buf, len);
}

FIXTURE(adc)
{
	int fw;
	char dir[256];
};

FIXTURE_SETUP(adc)
{
	FW_OPEN_CLEAN(self->fw);
	ASSERT_EQ(0, find_adc(self->dir, sizeof(self->dir)))
	TH_LOG("no IIO device mt3620-adc0 under " IIO_DEVICES);
	for (unsigned int ch = 0; ch < NUM_CHANNELS; ch++) {
		ASSERT_EQ(0, set_mv(ch, "0"));
	}
}

FIXTURE_TEARDOWN(adc)
{
	/* Whatever a failed test left behind. */
	fw_release(self->fw, AZS_FW_KIND_ADC, 0);
	fw_release(self->fw, AZS_FW_KIND_GPIO, 41);
	for (unsigned int ch = 0; ch < NUM_CHANNELS; ch++)
		set_mv(ch, "0");
	close(self->fw);
}

/* Run as OWNER: the channel reads value (within tolerance). */
struct expect_arg {
	const char *dir;
	unsigned int ch;
	long value, tolerance;
};

static int read_expect(void *arg)
{
	const struct expect_arg *a = arg;
	long v = read_sample(a->dir, a->ch);

	if (v < 0)
		return 100 + (int)-v % 100;
	return labs(v - a->value) <= a->tolerance ? 0 : 1;
}

#define EXPECT_SAMPLE(ch_, value_, tolerance_)                                                     \
	do {                                                                                       \
		struct expect_arg a_ = {self->dir, (ch_), (value_), (tolerance_)};                 \
		EXPECT_EQ(0, board_run_as(OWNER, read_expect, &a_))                                \
		TH_LOG("channel %u: want %ld +- %ld", (unsigned int)(ch_), (long)(value_),         \
		       (long)(tolerance_));                                                        \
	} while (0)

TEST_F(adc, the_device_is_the_boards_adc)
{
	char path[PATH_MAX], link[PATH_MAX], *real;

	snprintf(path, sizeof(path), "%s", self->dir);
	real = realpath(path, link);
	ASSERT_NE(NULL, real);
	EXPECT_NE(NULL, strstr(real, "/azsphere-board/")) TH_LOG("%s", real);
}

TEST_F(adc, eight_channels_and_no_more)
{
	char attr[32];
	struct dirent *e;
	int raw_files = 0;
	DIR *d;

	for (unsigned int ch = 0; ch < NUM_CHANNELS; ch++) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/in_voltage%u_raw", self->dir, ch);
		EXPECT_EQ(0, access(path, R_OK)) TH_LOG("%s", path);
	}
	snprintf(attr, sizeof(attr), "in_voltage%u_raw", NUM_CHANNELS);
	{
		char buf[16];

		EXPECT_EQ(-ENOENT, read_attr(self->dir, attr, buf, sizeof(buf)));
	}
	d = opendir(self->dir);
	ASSERT_NE(NULL, d);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (!strncmp(e->d_name, "in_", 3) && n > 4 && !strcmp(e->d_name + n - 4, "_raw"))
			raw_files++;
	}
	closedir(d);
	EXPECT_EQ(NUM_CHANNELS, raw_files);
}

TEST_F(adc, the_owner_reads_the_input_voltage)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, set_mv(3, "1250"));
	EXPECT_SAMPLE(3, 2048, 1);
	/* The other channels stay at 0 V. */
	for (unsigned int ch = 0; ch < NUM_CHANNELS; ch++)
		if (ch != 3)
			EXPECT_SAMPLE(ch, 0, 0);
	/* The ends of the range. */
	ASSERT_EQ(0, set_mv(3, "2500"));
	EXPECT_SAMPLE(3, 4095, 0);
	ASSERT_EQ(0, set_mv(3, "0"));
	EXPECT_SAMPLE(3, 0, 0);
	/* Every channel on its own, with a voltage of its own. */
	for (unsigned int ch = 0; ch < NUM_CHANNELS; ch++) {
		char mv[16];

		snprintf(mv, sizeof(mv), "%u", 100 + 300 * ch);
		ASSERT_EQ(0, set_mv(ch, mv));
	}
	for (unsigned int ch = 0; ch < NUM_CHANNELS; ch++)
		EXPECT_SAMPLE(ch, ((100 + 300 * ch) * 4095 + 1250) / 2500, 0);
	/* 1 mV is 1.6 steps of 0.61 mV: it rounds to 2. */
	ASSERT_EQ(0, set_mv(0, "1"));
	EXPECT_SAMPLE(0, 2, 0);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));
}

static int scale_is_right(void *arg)
{
	const char *dir = arg;
	char buf[32];
	double scale;

	if (read_attr(dir, "in_voltage_scale", buf, sizeof(buf)) < 0)
		return 2;
	/* 2500 mV / 2^12 steps, as IIO prints it. */
	if (strcmp(buf, "0.610351562\n"))
		return 3;
	scale = strtod(buf, NULL);
	/* A full-scale sample is the reference voltage, to one step. */
	return 4095 * scale > 2499.0 && 4095 * scale <= 2500.0 ? 0 : 4;
}

TEST_F(adc, the_scale_gives_millivolts)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(0, board_run_as(OWNER, scale_is_right, self->dir));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));
}

TEST_F(adc, unassigned_is_eacces)
{
	struct sample_arg a = {self->dir, 0};

	ASSERT_EQ(0, set_mv(0, "1000"));
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_read, &a));
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_read_scale, &a));
	EXPECT_EQ(EACCES, board_run_as(OTHER, try_read, &a));
	/* Root is no owner either. */
	EXPECT_EQ(-EACCES, read_sample(self->dir, 0));
}

TEST_F(adc, io_core_is_eacces)
{
	struct sample_arg a = {self->dir, 5};

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_read, &a));
	EXPECT_EQ(EACCES, board_run_as(OTHER, try_read, &a));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));
}

/* The block's pins used as GPIOs: no ADC, even for the pins' owner. */
TEST_F(adc, the_block_as_gpio_is_eacces)
{
	struct sample_arg a = {self->dir, 0};

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, 41, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_read, &a));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, 41));
}

TEST_F(adc, another_uid_is_eacces)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_HL, OWNER));
	for (unsigned int ch = 0; ch < NUM_CHANNELS; ch++) {
		struct sample_arg a = {self->dir, ch};

		EXPECT_EQ(EACCES, board_run_as(OTHER, try_read, &a)) TH_LOG("channel %u", ch);
		/* Same files, same modes: the owner reads. */
		EXPECT_EQ(0, board_run_as(OWNER, try_read, &a)) TH_LOG("channel %u", ch);
	}
	{
		struct sample_arg a = {self->dir, 0};

		EXPECT_EQ(EACCES, board_run_as(OTHER, try_read_scale, &a));
	}
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));
}

TEST_F(adc, released_is_eacces)
{
	struct sample_arg a = {self->dir, 2};
	char path[PATH_MAX];
	char buf[16];
	int fd;

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(0, board_run_as(OWNER, try_read, &a));
	/* A file opened while owned: every read checks again. */
	snprintf(path, sizeof(path), "%s/in_voltage2_raw", self->dir);
	ASSERT_EQ(0, seteuid(OWNER));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_EQ(0, seteuid(0));
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));

	EXPECT_EQ(EACCES, board_run_as(OWNER, try_read, &a));
	ASSERT_EQ(0, seteuid(OWNER));
	EXPECT_EQ(-1, pread(fd, buf, sizeof(buf), 0));
	EXPECT_EQ(EACCES, errno);
	ASSERT_EQ(0, seteuid(0));
	close(fd);
}

TEST_F(adc, control_round_trips_and_refuses_bad_input)
{
	const char *bad[] = {"2501", "-1", "abc", "", "12x", "1 2", "99999999999", "0x10"};
	char buf[32];

	ASSERT_EQ(0, set_mv(6, "1234"));
	ASSERT_LT(0, get_mv(6, buf, sizeof(buf)));
	EXPECT_STREQ("1234\n", buf);
	ASSERT_EQ(0, set_mv(6, "2500\n"));
	ASSERT_LT(0, get_mv(6, buf, sizeof(buf)));
	EXPECT_STREQ("2500\n", buf);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EINVAL, set_mv(6, bad[i])) TH_LOG("'%s'", bad[i]);
	}
	/* Refused input changes nothing. */
	ASSERT_LT(0, get_mv(6, buf, sizeof(buf)));
	EXPECT_STREQ("2500\n", buf);
	/* Other channels untouched. */
	ASSERT_LT(0, get_mv(5, buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	/* No channel 8. */
	EXPECT_EQ(-ENOENT, set_mv(8, "1"));
}

TEST_F(adc, samples_cannot_be_written)
{
	char path[PATH_MAX];
	int fd;

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_HL, OWNER));
	snprintf(path, sizeof(path), "%s/in_voltage0_raw", self->dir);
	/* Even root, who may open anything, gets no write through. */
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		EXPECT_EQ(-1, write(fd, "5", 1));
		close(fd);
	}
	EXPECT_SAMPLE(0, 0, 0);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));
}

TEST_HARNESS_MAIN
