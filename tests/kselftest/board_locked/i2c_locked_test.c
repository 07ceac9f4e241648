// SPDX-License-Identifier: MIT
/*
 * ISU2 as I2C master (the sensor) under the locked configuration of the
 * firewall_lock boot (board_util.h's board_locked_config): its owner reads
 * the sensor, another uid and root are refused, and the assignment stays.
 * Skipped when the firewall is not locked.
 */
#include <stdbool.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "../board_i2c/i2c_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

static bool fw_locked(void)
{
	struct azs_fw_status st;
	int fd = fw_open();
	bool locked = fd >= 0 && !fw_status(fd, &st) && (st.state & AZS_FW_STATUS_LOCKED);

	if (fd >= 0)
		close(fd);
	return locked;
}

TEST(the_owner_reads_the_sensor)
{
	int fd;

	if (!fw_locked())
		SKIP(return, "the firewall is not locked");
	fd = i2c_open(I2C_SENSOR_ISU);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &fd));
	close(fd);
}

TEST(another_uid_is_denied)
{
	uint8_t v = 0;
	int fd;

	if (!fw_locked())
		SKIP(return, "the firewall is not locked");
	fd = i2c_open(I2C_SENSOR_ISU);
	ASSERT_LE(0, fd);
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, i2c_who_am_i_child, &fd));
	EXPECT_EQ(-EACCES, i2c_read_regs(fd, LSM6DS3_ADDR, LSM6DS3_WHO_AM_I, &v, 1));
	/* The owner still can, after the refusals. */
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &fd));
	close(fd);
}

TEST(the_assignment_cannot_be_released)
{
	int fw, fd;

	if (!fw_locked())
		SKIP(return, "the firewall is not locked");
	fw = fw_open();
	ASSERT_LE(0, fw);
	EXPECT_EQ(-EPERM, fw_release(fw, AZS_FW_KIND_I2C, I2C_SENSOR_ISU));
	close(fw);
	fd = i2c_open(I2C_SENSOR_ISU);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &fd));
	close(fd);
}

TEST_HARNESS_MAIN
