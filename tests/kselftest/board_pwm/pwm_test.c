// SPDX-License-Identifier: MIT
/*
 * The board's PWM controllers through the standard Linux PWM sysfs interface
 * (/sys/class/pwm/pwmchipN: export, pwmM/{period,duty_cycle,polarity,enable})
 * and the board's control files (azsphere-board/pwm/). The firewall is
 * checked when a channel is exported and on every state change, in the
 * caller's context: sysfs files are chowned to the acting uid first, as the
 * application manager will do. Every test leaves the firewall table empty.
 */
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "fw_util.h"
#include "pwm_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define OWNER BOARD_UID_OWNER
#define OTHER BOARD_UID_OTHER
#define NCTL  3
#define NCH   4

FIXTURE(pwm)
{
	int fw;
	char chip[NCTL][PATH_MAX];
};

static void unexport_all(const char chip[NCTL][PATH_MAX])
{
	char path[PATH_MAX + 32], val[4];

	for (unsigned int k = 0; k < NCTL; k++) {
		for (unsigned int c = 0; c < NCH; c++) {
			snprintf(path, sizeof(path), "%s/pwm%u", chip[k], c);
			if (access(path, F_OK))
				continue;
			snprintf(path, sizeof(path), "%s/unexport", chip[k]);
			snprintf(val, sizeof(val), "%u", c);
			sysfs_write(path, val);
		}
	}
}

FIXTURE_SETUP(pwm)
{
	FW_OPEN_CLEAN(self->fw);
	for (unsigned int k = 0; k < NCTL; k++) {
		int ret = pwm_find_chip(k, self->chip[k], sizeof(self->chip[k]));

		ASSERT_EQ(0, ret) TH_LOG("no pwmchip for mt3620-pwm%u", k);
	}
	unexport_all(self->chip);
}

FIXTURE_TEARDOWN(pwm)
{
	unexport_all(self->chip);
	for (unsigned int k = 0; k < NCTL; k++) {
		fw_release(self->fw, AZS_FW_KIND_PWM, k);
		sysfs_chown(self->chip[k], "export", 0);
		sysfs_chown(self->chip[k], "unexport", 0);
	}
	close(self->fw);
}

/* Write attr of channel c as uid. */
static int attr_write_as(unsigned int uid, const char *chip, unsigned int c, const char *attr,
			 const char *value)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/pwm%u/%s", chip, c, attr);
	return sysfs_write_as(uid, path, value);
}

static int attr_read(const char *chip, unsigned int c, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/pwm%u/%s", chip, c, attr);
	return sysfs_read(path, buf, len);
}

static int chip_write_as(unsigned int uid, const char *chip, const char *file, const char *value)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/%s", chip, file);
	return sysfs_write_as(uid, path, value);
}

/* Give channel c's state files to uid (as the application manager will). */
static int own_channel(const char *chip, unsigned int c, unsigned int uid)
{
	static const char *const files[] = {"period", "duty_cycle", "enable", "polarity"};
	char dir[PATH_MAX + 16];

	snprintf(dir, sizeof(dir), "%s/pwm%u", chip, c);
	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int ret = sysfs_chown(dir, files[i], uid);

		if (ret)
			return ret;
	}
	return 0;
}

/* uid exports channel c (export/unexport chowned to it first). */
static int export_as(unsigned int uid, const char *chip, unsigned int c)
{
	char val[16];
	int ret;

	ret = sysfs_chown(chip, "export", uid);
	if (!ret)
		ret = sysfs_chown(chip, "unexport", uid);
	if (ret)
		return ret;
	snprintf(val, sizeof(val), "%u", c);
	ret = chip_write_as(uid, chip, "export", val);
	if (ret)
		return ret;
	return own_channel(chip, c, uid);
}

/*
 * Bring an exported channel to a known state as uid: disabled, period
 * 500000 ns, duty 0, normal polarity. 0 or the first error.
 */
static int channel_reset(unsigned int uid, const char *chip, unsigned int c)
{
	char period[32];
	int ret;

	ret = attr_read(chip, c, "period", period, sizeof(period));
	if (ret < 0)
		return ret;
	/* Without a period, the core refuses any other change. */
	if (!strcmp(period, "0")) {
		ret = attr_write_as(uid, chip, c, "period", "500000");
		if (ret)
			return ret;
	}
	ret = attr_write_as(uid, chip, c, "enable", "0");
	if (!ret)
		ret = attr_write_as(uid, chip, c, "duty_cycle", "0");
	if (!ret)
		ret = attr_write_as(uid, chip, c, "period", "500000");
	if (!ret)
		ret = attr_write_as(uid, chip, c, "polarity", "normal");
	return ret;
}

/* Set period, duty and enable (in that order) as uid. */
static int channel_run(unsigned int uid, const char *chip, unsigned int c, const char *period,
		       const char *duty, const char *enable)
{
	int ret = attr_write_as(uid, chip, c, "period", period);

	if (!ret)
		ret = attr_write_as(uid, chip, c, "duty_cycle", duty);
	if (!ret)
		ret = attr_write_as(uid, chip, c, "enable", enable);
	return ret;
}

/* The control file of controller k, channel c. */
static int ctl_read(unsigned int k, unsigned int c, char *buf, size_t len)
{
	char path[32];

	snprintf(path, sizeof(path), "pwm/ctl%u/ch%u", k, c);
	return board_ctl_read(path, buf, len);
}

static int channel_exists(const char *chip, unsigned int c)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/pwm%u", chip, c);
	return access(path, F_OK) == 0;
}

/* Expect the control file of (k, c) to read exactly want. */
#define EXPECT_CTL(k, c, want)                                                                     \
	do {                                                                                       \
		char _buf[128];                                                                    \
		ASSERT_LT(0, ctl_read(k, c, _buf, sizeof(_buf)));                                  \
		EXPECT_STREQ(want "\n", _buf);                                                     \
	} while (0)

#define EXPECT_ATTR(chip, c, attr, want)                                                           \
	do {                                                                                       \
		char _buf[64];                                                                     \
		ASSERT_LE(0, attr_read(chip, c, attr, _buf, sizeof(_buf)));                        \
		EXPECT_STREQ(want, _buf);                                                          \
	} while (0)

TEST_F(pwm, each_controller_is_a_root_owned_pwmchip_of_four_channels)
{
	char path[PATH_MAX + 16], buf[16];
	struct stat st;

	for (unsigned int k = 0; k < NCTL; k++) {
		snprintf(path, sizeof(path), "%s/npwm", self->chip[k]);
		ASSERT_LT(0, sysfs_read(path, buf, sizeof(buf)));
		EXPECT_STREQ("4", buf);
		for (unsigned int k2 = 0; k2 < k; k2++)
			EXPECT_STRNE(self->chip[k2], self->chip[k]);
		snprintf(path, sizeof(path), "%s/export", self->chip[k]);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_EQ(0, st.st_uid);
		EXPECT_EQ(0200, st.st_mode & 0777);
		snprintf(path, sizeof(path), "%s/unexport", self->chip[k]);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_EQ(0, st.st_uid);
		EXPECT_EQ(0200, st.st_mode & 0777);
	}
	/* There is no fourth controller. */
	EXPECT_EQ(-ENOENT, pwm_find_chip(3, path, sizeof(path)));
}

TEST_F(pwm, owner_configures_channel_0_of_each_controller)
{
	for (unsigned int k = 0; k < NCTL; k++) {
		char path[PATH_MAX + 16];
		struct stat st;

		ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, k, AZS_FW_CORE_HL, OWNER));
		ASSERT_EQ(0, export_as(OWNER, self->chip[k], 0)) TH_LOG("controller %u", k);
		ASSERT_TRUE(channel_exists(self->chip[k], 0));
		/* The kernel creates the state files root-owned 0644. */
		snprintf(path, sizeof(path), "%s/pwm0/enable", self->chip[k]);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_EQ(0644, st.st_mode & 0777);
		/* A channel is exported once. */
		EXPECT_EQ(-EBUSY, chip_write_as(OWNER, self->chip[k], "export", "0"));
		ASSERT_EQ(0, channel_reset(OWNER, self->chip[k], 0));

		EXPECT_EQ(0, attr_write_as(OWNER, self->chip[k], 0, "period", "1000000"));
		EXPECT_EQ(0, attr_write_as(OWNER, self->chip[k], 0, "duty_cycle", "250000"));
		EXPECT_EQ(0, attr_write_as(OWNER, self->chip[k], 0, "enable", "1"));
		EXPECT_CTL(k, 0, "enabled 1 period 1000000 duty 250000 polarity normal");
		EXPECT_ATTR(self->chip[k], 0, "period", "1000000");
		EXPECT_ATTR(self->chip[k], 0, "duty_cycle", "250000");
		EXPECT_ATTR(self->chip[k], 0, "enable", "1");
		EXPECT_ATTR(self->chip[k], 0, "polarity", "normal");

		/* Disabling keeps the period and duty cycle. */
		EXPECT_EQ(0, attr_write_as(OWNER, self->chip[k], 0, "enable", "0"));
		EXPECT_CTL(k, 0, "enabled 0 period 1000000 duty 250000 polarity normal");

		EXPECT_EQ(0, chip_write_as(OWNER, self->chip[k], "unexport", "0"));
		EXPECT_FALSE(channel_exists(self->chip[k], 0));
		ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_PWM, k));
	}
}

TEST_F(pwm, the_four_channels_are_independent)
{
	const char *chip = self->chip[1];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 1, AZS_FW_CORE_HL, OWNER));
	for (unsigned int c = 0; c < NCH; c++) {
		ASSERT_EQ(0, export_as(OWNER, chip, c));
		ASSERT_EQ(0, channel_reset(OWNER, chip, c));
	}
	ASSERT_EQ(0, channel_run(OWNER, chip, 0, "1000", "10", "1"));
	ASSERT_EQ(0, channel_run(OWNER, chip, 1, "20000", "2000", "0"));
	ASSERT_EQ(0, channel_run(OWNER, chip, 2, "300000", "300000", "1"));
	ASSERT_EQ(0, channel_run(OWNER, chip, 3, "1000000000", "4", "1"));
	EXPECT_CTL(1, 0, "enabled 1 period 1000 duty 10 polarity normal");
	EXPECT_CTL(1, 1, "enabled 0 period 20000 duty 2000 polarity normal");
	EXPECT_CTL(1, 2, "enabled 1 period 300000 duty 300000 polarity normal");
	EXPECT_CTL(1, 3, "enabled 1 period 1000000000 duty 4 polarity normal");
	for (unsigned int c = 0; c < NCH; c++)
		ASSERT_EQ(0, channel_reset(OWNER, chip, c));
}

TEST_F(pwm, polarity_inversed)
{
	const char *chip = self->chip[1];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 1, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, chip, 2));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 2));
	ASSERT_EQ(0, channel_run(OWNER, chip, 2, "1000000", "100000", "1"));
	EXPECT_EQ(0, attr_write_as(OWNER, chip, 2, "polarity", "inversed"));
	EXPECT_CTL(1, 2, "enabled 1 period 1000000 duty 100000 polarity inversed");
	EXPECT_ATTR(chip, 2, "polarity", "inversed");
	EXPECT_EQ(0, attr_write_as(OWNER, chip, 2, "polarity", "normal"));
	EXPECT_CTL(1, 2, "enabled 1 period 1000000 duty 100000 polarity normal");
	EXPECT_ATTR(chip, 2, "polarity", "normal");
	ASSERT_EQ(0, channel_reset(OWNER, chip, 2));
}

TEST_F(pwm, duty_cycle_longer_than_the_period_is_einval)
{
	const char *chip = self->chip[0];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 0, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, chip, 1));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 1));
	ASSERT_EQ(0, channel_run(OWNER, chip, 1, "1000000", "250000", "1"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "duty_cycle", "1000001"));
	/* Shortening the period under the duty cycle is the same mistake. */
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "period", "200000"));
	EXPECT_CTL(0, 1, "enabled 1 period 1000000 duty 250000 polarity normal");
	EXPECT_ATTR(chip, 1, "duty_cycle", "250000");
	/* The whole period is fine. */
	EXPECT_EQ(0, attr_write_as(OWNER, chip, 1, "duty_cycle", "1000000"));
	EXPECT_CTL(0, 1, "enabled 1 period 1000000 duty 1000000 polarity normal");
	ASSERT_EQ(0, channel_reset(OWNER, chip, 1));
}

TEST_F(pwm, zero_period_is_einval)
{
	const char *chip = self->chip[0];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 0, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, chip, 2));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 2));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 2, "period", "0"));
	EXPECT_CTL(0, 2, "enabled 0 period 500000 duty 0 polarity normal");
	EXPECT_ATTR(chip, 2, "period", "500000");
}

/* The controller runs periods from 1 us to 1 s; the duty cycle is 0 here. */
TEST_F(pwm, period_outside_1us_to_1s_is_einval)
{
	const char *chip = self->chip[2];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 2, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, chip, 3));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 3));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 3, "period", "999"));
	EXPECT_CTL(2, 3, "enabled 0 period 500000 duty 0 polarity normal");
	EXPECT_EQ(0, attr_write_as(OWNER, chip, 3, "period", "1000"));
	EXPECT_CTL(2, 3, "enabled 0 period 1000 duty 0 polarity normal");
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 3, "period", "1000000001"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 3, "period", "18446744073709551615"));
	EXPECT_CTL(2, 3, "enabled 0 period 1000 duty 0 polarity normal");
	EXPECT_EQ(0, attr_write_as(OWNER, chip, 3, "period", "1000000000"));
	EXPECT_CTL(2, 3, "enabled 0 period 1000000000 duty 0 polarity normal");
	EXPECT_ATTR(chip, 3, "period", "1000000000");
	ASSERT_EQ(0, channel_reset(OWNER, chip, 3));
}

/* LED1 is active low: brightness = the share of the period the line is low. */
TEST_F(pwm, led1_follows_controller_2)
{
	const char *chip = self->chip[2];
	char buf[128];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 2, AZS_FW_CORE_HL, OWNER));
	for (unsigned int c = 0; c < 3; c++) {
		ASSERT_EQ(0, export_as(OWNER, chip, c));
		ASSERT_EQ(0, channel_reset(OWNER, chip, c));
	}
	ASSERT_LT(0, board_ctl_read("pwm/leds", buf, sizeof(buf)));
	EXPECT_STREQ("led1_red 0\nled1_green 0\nled1_blue 0\n", buf);

	/* High for 25% of the period: low, so lit, for 75%. */
	ASSERT_EQ(0, channel_run(OWNER, chip, 0, "1000000", "250000", "1"));
	ASSERT_EQ(0, channel_run(OWNER, chip, 1, "1000000", "500000", "1"));
	ASSERT_EQ(0, channel_run(OWNER, chip, 2, "1000", "1000", "1"));
	ASSERT_LT(0, board_ctl_read("pwm/leds", buf, sizeof(buf)));
	EXPECT_STREQ("led1_red 75\nled1_green 50\nled1_blue 0\n", buf);

	/* Inversed: low for the duty cycle. */
	ASSERT_EQ(0, attr_write_as(OWNER, chip, 0, "polarity", "inversed"));
	ASSERT_EQ(0, attr_write_as(OWNER, chip, 2, "duty_cycle", "100"));
	ASSERT_LT(0, board_ctl_read("pwm/leds", buf, sizeof(buf)));
	EXPECT_STREQ("led1_red 25\nled1_green 50\nled1_blue 90\n", buf);

	/* A disabled channel leaves its LED off. */
	ASSERT_EQ(0, attr_write_as(OWNER, chip, 1, "enable", "0"));
	ASSERT_LT(0, board_ctl_read("pwm/leds", buf, sizeof(buf)));
	EXPECT_STREQ("led1_red 25\nled1_green 0\nled1_blue 90\n", buf);

	/* Controller 0 does not drive LED1. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 0, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, self->chip[0], 0));
	ASSERT_EQ(0, channel_reset(OWNER, self->chip[0], 0));
	ASSERT_EQ(0, channel_run(OWNER, self->chip[0], 0, "1000000", "0", "1"));
	ASSERT_LT(0, board_ctl_read("pwm/leds", buf, sizeof(buf)));
	EXPECT_STREQ("led1_red 25\nled1_green 0\nled1_blue 90\n", buf);

	ASSERT_EQ(0, channel_reset(OWNER, self->chip[0], 0));
	for (unsigned int c = 0; c < 3; c++)
		ASSERT_EQ(0, channel_reset(OWNER, chip, c));
	ASSERT_LT(0, board_ctl_read("pwm/leds", buf, sizeof(buf)));
	EXPECT_STREQ("led1_red 0\nled1_green 0\nled1_blue 0\n", buf);
}

/* Root does not own the controller: its export is refused like anyone's. */
TEST_F(pwm, root_export_is_eacces)
{
	char path[PATH_MAX + 16];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 1, AZS_FW_CORE_HL, OWNER));
	snprintf(path, sizeof(path), "%s/export", self->chip[1]);
	EXPECT_EQ(-EACCES, sysfs_write(path, "0"));
	EXPECT_FALSE(channel_exists(self->chip[1], 0));
}

TEST_F(pwm, export_of_an_unassigned_controller_is_eacces)
{
	for (unsigned int k = 0; k < NCTL; k++) {
		EXPECT_EQ(-EACCES, export_as(OWNER, self->chip[k], 0)) TH_LOG("controller %u", k);
		EXPECT_FALSE(channel_exists(self->chip[k], 0));
	}
}

TEST_F(pwm, export_of_a_controller_on_io0_is_eacces)
{
	for (unsigned int k = 0; k < NCTL; k++) {
		ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, k, AZS_FW_CORE_IO0,
				       AZS_FW_NO_OWNER));
		EXPECT_EQ(-EACCES, export_as(OWNER, self->chip[k], 3)) TH_LOG("controller %u", k);
		EXPECT_FALSE(channel_exists(self->chip[k], 3));
		ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_PWM, k));
	}
}

TEST_F(pwm, another_uid_can_neither_export_nor_apply)
{
	const char *chip = self->chip[0];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 0, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(-EACCES, export_as(OTHER, chip, 0));
	EXPECT_FALSE(channel_exists(chip, 0));

	/* The owner's channel, with its files handed to the other uid. */
	ASSERT_EQ(0, export_as(OWNER, chip, 0));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 0));
	ASSERT_EQ(0, channel_run(OWNER, chip, 0, "1000000", "250000", "0"));
	ASSERT_EQ(0, own_channel(chip, 0, OTHER));
	EXPECT_EQ(-EACCES, attr_write_as(OTHER, chip, 0, "period", "2000000"));
	EXPECT_EQ(-EACCES, attr_write_as(OTHER, chip, 0, "duty_cycle", "100000"));
	EXPECT_EQ(-EACCES, attr_write_as(OTHER, chip, 0, "enable", "1"));
	EXPECT_EQ(-EACCES, attr_write_as(OTHER, chip, 0, "polarity", "inversed"));
	EXPECT_CTL(0, 0, "enabled 0 period 1000000 duty 250000 polarity normal");
	/* Root is not the owner either. */
	ASSERT_EQ(0, own_channel(chip, 0, 0));
	EXPECT_EQ(-EACCES, attr_write_as(0, chip, 0, "enable", "1"));
	EXPECT_CTL(0, 0, "enabled 0 period 1000000 duty 250000 polarity normal");

	/* The owner still can. */
	ASSERT_EQ(0, own_channel(chip, 0, OWNER));
	EXPECT_EQ(0, attr_write_as(OWNER, chip, 0, "enable", "1"));
	EXPECT_CTL(0, 0, "enabled 1 period 1000000 duty 250000 polarity normal");
	ASSERT_EQ(0, channel_reset(OWNER, chip, 0));
}

TEST_F(pwm, released_controller_is_eacces)
{
	const char *chip = self->chip[2];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 2, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, chip, 3));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 3));
	ASSERT_EQ(0, attr_write_as(OWNER, chip, 3, "period", "1000000"));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_PWM, 2));

	/* Still exported, but no state change gets through. */
	EXPECT_EQ(-EACCES, attr_write_as(OWNER, chip, 3, "period", "2000000"));
	EXPECT_EQ(-EACCES, attr_write_as(OWNER, chip, 3, "duty_cycle", "1000"));
	EXPECT_EQ(-EACCES, attr_write_as(OWNER, chip, 3, "enable", "1"));
	EXPECT_EQ(-EACCES, attr_write_as(OWNER, chip, 3, "polarity", "inversed"));
	EXPECT_CTL(2, 3, "enabled 0 period 1000000 duty 0 polarity normal");

	/* Giving the channel back works; taking it again does not. */
	EXPECT_EQ(0, chip_write_as(OWNER, chip, "unexport", "3"));
	EXPECT_FALSE(channel_exists(chip, 3));
	EXPECT_EQ(-EACCES, chip_write_as(OWNER, chip, "export", "3"));
	EXPECT_FALSE(channel_exists(chip, 3));
}

TEST_F(pwm, controller_moved_to_io0_is_eacces)
{
	const char *chip = self->chip[1];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 1, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, chip, 0));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 0));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_PWM, 1));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 1, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(-EACCES, attr_write_as(OWNER, chip, 0, "period", "1000000"));
	EXPECT_EQ(-EACCES, attr_write_as(OWNER, chip, 0, "enable", "1"));
	EXPECT_CTL(1, 0, "enabled 0 period 500000 duty 0 polarity normal");
	EXPECT_EQ(-EACCES, chip_write_as(OWNER, chip, "export", "1"));
}

TEST_F(pwm, garbage_in_sysfs_is_refused)
{
	const char *chip = self->chip[1];
	char huge[8192];
	char path[PATH_MAX + 32];
	int fd;

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_PWM, 1, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(0, export_as(OWNER, chip, 1));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 1));
	ASSERT_EQ(0, channel_run(OWNER, chip, 1, "1000000", "250000", "1"));

	/* Channel numbers. */
	EXPECT_EQ(-EINVAL, chip_write_as(OWNER, chip, "export", "abc"));
	EXPECT_EQ(-EINVAL, chip_write_as(OWNER, chip, "export", "-1"));
	EXPECT_EQ(-ENODEV, chip_write_as(OWNER, chip, "export", "4"));
	EXPECT_EQ(-ERANGE, chip_write_as(OWNER, chip, "export", "99999999999"));
	EXPECT_EQ(-ENODEV, chip_write_as(OWNER, chip, "unexport", "7"));
	EXPECT_EQ(-ENODEV, chip_write_as(OWNER, chip, "unexport", "2"));
	EXPECT_FALSE(channel_exists(chip, 2));

	/* State values. */
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "period", "abc"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "period", "1e6"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "period", "-5"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "duty_cycle", "12abc"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "enable", "2"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "enable", "yes"));
	EXPECT_EQ(-EINVAL, attr_write_as(OWNER, chip, 1, "polarity", "sideways"));
	EXPECT_EQ(-ERANGE, attr_write_as(OWNER, chip, 1, "period", "99999999999999999999999"));

	/* A huge write (more than a page of digits) and an empty one. */
	memset(huge, '9', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	EXPECT_EQ(-ERANGE, attr_write_as(OWNER, chip, 1, "period", huge));
	snprintf(path, sizeof(path), "%s/pwm1/period", chip);
	ASSERT_EQ(0, chown(path, 0, 0));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, write(fd, "", 0));
	close(fd);

	EXPECT_CTL(1, 1, "enabled 1 period 1000000 duty 250000 polarity normal");
	ASSERT_EQ(0, chown(path, OWNER, OWNER));
	ASSERT_EQ(0, channel_reset(OWNER, chip, 1));
}

TEST_F(pwm, control_files_are_read_only)
{
	static const char *const files[] = {
		"pwm/ctl0/ch0", "pwm/ctl0/ch3", "pwm/ctl1/ch1", "pwm/ctl2/ch2", "pwm/leds",
	};
	char path[256], buf[128];
	struct stat st;

	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), BOARD_CONTROL "%s", files[i]);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s", path);
		EXPECT_EQ(0400, st.st_mode & 0777);
		EXPECT_EQ(-1, open(path, O_WRONLY | O_CLOEXEC));
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(-1, open(path, O_RDWR | O_CLOEXEC));
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(-EACCES, board_ctl_write(files[i], "enabled 1"));
		EXPECT_LT(0, board_ctl_read(files[i], buf, sizeof(buf)));
	}
	/* Every channel has a parseable file; there are no others. */
	for (unsigned int k = 0; k < NCTL; k++) {
		for (unsigned int c = 0; c < NCH; c++) {
			unsigned long long period, duty;
			char polarity[16];
			int enabled;

			ASSERT_LT(0, ctl_read(k, c, buf, sizeof(buf)));
			ASSERT_EQ(4, sscanf(buf, "enabled %d period %llu duty %llu polarity %15s",
					    &enabled, &period, &duty, polarity));
			EXPECT_TRUE(enabled == 0 || enabled == 1);
			EXPECT_LE(duty, period);
			EXPECT_TRUE(!strcmp(polarity, "normal") || !strcmp(polarity, "inversed"));
		}
		EXPECT_EQ(-ENOENT, ctl_read(k, NCH, buf, sizeof(buf)));
	}
	EXPECT_EQ(-ENOENT, ctl_read(NCTL, 0, buf, sizeof(buf)));
}

TEST_HARNESS_MAIN
