// SPDX-License-Identifier: MIT
/*
 * ISU1 as SPI master (the sensor) under the locked configuration of the
 * firewall_lock boot (board_util.h's board_locked_config): its owner reads
 * the sensor, another uid and root are refused (transfers and settings),
 * and the assignment stays.
 * Skipped when the firewall is not locked.
 */
#include <stdbool.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "../board_spi/spi_util.h"
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

static int set_mode_child(void *arg)
{
	return -spi_set_mode(*(int *)arg, SPI_MODE_3);
}

TEST(the_owner_reads_the_sensor)
{
	int fd;

	if (!fw_locked())
		SKIP(return, "the firewall is not locked");
	fd = spi_open(SPI_SENSOR_ISU, SPI_CS_A);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &fd));
	close(fd);
}

TEST(another_uid_is_denied)
{
	uint8_t v = 0;
	int fd;

	if (!fw_locked())
		SKIP(return, "the firewall is not locked");
	fd = spi_open(SPI_SENSOR_ISU, SPI_CS_A);
	ASSERT_LE(0, fd);
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, spi_who_am_i_child, &fd));
	EXPECT_EQ(-EACCES, spi_read_regs(fd, LSM6DS3_WHO_AM_I, &v, 1));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, set_mode_child, &fd));
	/* The owner still can, after the refusals. */
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &fd));
	close(fd);
}

TEST(the_assignment_cannot_be_released)
{
	int fw, fd;

	if (!fw_locked())
		SKIP(return, "the firewall is not locked");
	fw = fw_open();
	ASSERT_LE(0, fw);
	EXPECT_EQ(-EPERM, fw_release(fw, AZS_FW_KIND_SPI, SPI_SENSOR_ISU));
	close(fw);
	fd = spi_open(SPI_SENSOR_ISU, SPI_CS_A);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &fd));
	close(fd);
}

TEST_HARNESS_MAIN
