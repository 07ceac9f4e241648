// SPDX-License-Identifier: MIT
/*
 * PWM under the locked firewall configuration (board_locked_config:
 * PWM-CONTROLLER-1 owned by BOARD_UID_OWNER on the HL core): the owner
 * exports and drives a channel, another uid (and root) can do neither.
 * Runs in the firewall_lock boot, after lock_test; SKIP if not locked.
 */
#include "kselftest_harness.h"
#include "fw_util.h"
#include "../board_pwm/pwm_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define CTL 1

/* Is the firewall configuration locked? 1, 0, or -errno. */
static int fw_locked(void)
{
	struct azs_fw_status st;
	int ret, fd = fw_open();

	if (fd < 0)
		return -errno;
	ret = fw_status(fd, &st);
	close(fd);
	return ret ? ret : !!(st.state & AZS_FW_STATUS_LOCKED);
}

static int write_as(unsigned int uid, const char *chip, const char *file, const char *value)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/%s", chip, file);
	return sysfs_write_as(uid, path, value);
}

TEST(the_owner_drives_a_channel_others_are_eacces)
{
	static const char *const files[] = {"period", "duty_cycle", "enable"};
	char chip[PATH_MAX], dir[PATH_MAX + 16], buf[128];
	int locked = fw_locked();

	ASSERT_LE(0, locked);
	if (!locked)
		SKIP(return, "the firewall is not locked");
	ASSERT_EQ(0, pwm_find_chip(CTL, chip, sizeof(chip)));

	/* Neither another uid nor root may take a channel. */
	ASSERT_EQ(0, sysfs_chown(chip, "export", BOARD_UID_OTHER));
	EXPECT_EQ(-EACCES, write_as(BOARD_UID_OTHER, chip, "export", "0"));
	EXPECT_EQ(-EACCES, write_as(0, chip, "export", "0"));

	ASSERT_EQ(0, sysfs_chown(chip, "export", BOARD_UID_OWNER));
	ASSERT_EQ(0, sysfs_chown(chip, "unexport", BOARD_UID_OWNER));
	ASSERT_EQ(0, write_as(BOARD_UID_OWNER, chip, "export", "0"));
	snprintf(dir, sizeof(dir), "%s/pwm0", chip);
	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ASSERT_EQ(0, sysfs_chown(dir, files[i], BOARD_UID_OWNER));
	EXPECT_EQ(0, write_as(BOARD_UID_OWNER, dir, "period", "2000000"));
	EXPECT_EQ(0, write_as(BOARD_UID_OWNER, dir, "duty_cycle", "500000"));
	EXPECT_EQ(0, write_as(BOARD_UID_OWNER, dir, "enable", "1"));
	ASSERT_LT(0, board_ctl_read("pwm/ctl1/ch0", buf, sizeof(buf)));
	EXPECT_STREQ("enabled 1 period 2000000 duty 500000 polarity normal\n", buf);

	/* The owner's files handed to another uid change nothing. */
	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ASSERT_EQ(0, sysfs_chown(dir, files[i], BOARD_UID_OTHER));
	EXPECT_EQ(-EACCES, write_as(BOARD_UID_OTHER, dir, "period", "1000000"));
	EXPECT_EQ(-EACCES, write_as(BOARD_UID_OTHER, dir, "enable", "0"));
	ASSERT_LT(0, board_ctl_read("pwm/ctl1/ch0", buf, sizeof(buf)));
	EXPECT_STREQ("enabled 1 period 2000000 duty 500000 polarity normal\n", buf);

	/* Back to the owner: switch off and give the channel back. */
	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ASSERT_EQ(0, sysfs_chown(dir, files[i], BOARD_UID_OWNER));
	EXPECT_EQ(0, write_as(BOARD_UID_OWNER, dir, "enable", "0"));
	EXPECT_EQ(0, write_as(BOARD_UID_OWNER, chip, "unexport", "0"));
	ASSERT_LT(0, board_ctl_read("pwm/ctl1/ch0", buf, sizeof(buf)));
	EXPECT_STREQ("enabled 0 period 2000000 duty 500000 polarity normal\n", buf);
	sysfs_chown(chip, "export", 0);
	sysfs_chown(chip, "unexport", 0);
}

TEST_HARNESS_MAIN
