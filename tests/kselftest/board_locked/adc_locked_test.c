// SPDX-License-Identifier: MIT
/*
 * The board's ADC under the locked firewall (board_locked_config:
 * ADC-CONTROLLER-0 owned by BOARD_UID_OWNER on HL): the owner reads a
 * sample, another uid is refused. Skipped when the firewall is not locked.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

static int locked(void)
{
	struct azs_fw_status st;
	int fd = fw_open(), ret;

	if (fd < 0)
		return -errno;
	ret = fw_status(fd, &st);
	close(fd);
	return ret ? ret : !!(st.state & AZS_FW_STATUS_LOCKED);
}

/* The sysfs path of mt3620-adc0's attribute attr. */
static int adc_attr(const char *attr, char *path, size_t len)
{
	DIR *d = opendir("/sys/bus/iio/devices");
	struct dirent *e;
	int ret = -ENOENT;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char name[64] = "";

		if (strncmp(e->d_name, "iio:device", 10))
			continue;
		snprintf(path, len, "/sys/bus/iio/devices/%s/name", e->d_name);
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			continue;
		if (read(fd, name, sizeof(name) - 1) > 0 && !strcmp(name, "mt3620-adc0\n")) {
			snprintf(path, len, "/sys/bus/iio/devices/%s/%s", e->d_name, attr);
			ret = 0;
		}
		close(fd);
		if (!ret)
			break;
	}
	closedir(d);
	return ret;
}

/* In a child: the sample read from the path in arg is 4095 (0), or errno. */
static int read_full_scale(void *arg)
{
	char buf[16] = "";
	ssize_t n;
	int fd = open(arg, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		n = errno;
	else
		n = strcmp(buf, "4095\n") ? 100 : 0;
	close(fd);
	return (int)n;
}

TEST(the_owner_reads_and_others_are_refused)
{
	char path[PATH_MAX];
	int state = locked();

	ASSERT_LE(0, state);
	if (!state)
		SKIP(return, "the firewall is not locked");
	ASSERT_EQ(0, adc_attr("in_voltage0_raw", path, sizeof(path)));
	ASSERT_EQ(0, board_ctl_write("adc/ch0", "2500"));
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, read_full_scale, path));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, read_full_scale, path));
	EXPECT_EQ(0, board_ctl_write("adc/ch0", "0"));
}

TEST_HARNESS_MAIN
