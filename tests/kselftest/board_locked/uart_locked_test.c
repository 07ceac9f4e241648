// SPDX-License-Identifier: MIT
/*
 * The board's UARTs under the locked firewall (board_locked_config: ISU3 as
 * UART owned by BOARD_UID_OWNER on HL, ISU0 as UART on IO0): the owner
 * opens /dev/ttyISU3 and transmits, another uid is refused, and the ISU on
 * the I/O core is nobody's. Skipped when the firewall is not locked.
 */
#include <sys/stat.h>

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

/* In a child: 0 if /dev/ttyISU<*arg> opens and takes a write, else errno. */
static int open_and_write(void *arg)
{
	char path[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/dev/ttyISU%u", *(unsigned int *)arg);
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno;
	n = write(fd, "locked", 6);
	n = n == 6 ? 0 : n < 0 ? errno : 100;
	close(fd);
	return (int)n;
}

static ssize_t tx_take(char *buf, size_t len)
{
	ssize_t n;
	int fd = open(BOARD_CONTROL "uart/isu3/tx", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len);
	n = n < 0 ? -errno : n;
	close(fd);
	return n;
}

TEST(the_owner_transmits_and_others_are_refused)
{
	unsigned int isu3 = 3, isu0 = 0;
	char buf[4096];
	int state = locked();

	ASSERT_LE(0, state);
	if (!state)
		SKIP(return, "the firewall is not locked");
	/* The app manager will grant the node; here DAC lets every uid open it. */
	ASSERT_EQ(0, chmod("/dev/ttyISU3", 0666));
	ASSERT_EQ(0, chmod("/dev/ttyISU0", 0666));
	while (tx_take(buf, sizeof(buf)) > 0)
		;

	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, open_and_write, &isu3));
	ASSERT_EQ(6, tx_take(buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp("locked", buf, 6));

	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, open_and_write, &isu3));
	EXPECT_EQ(0, tx_take(buf, sizeof(buf)));
	/* ISU0 belongs to the I/O core. */
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, open_and_write, &isu0));
}

TEST_HARNESS_MAIN
