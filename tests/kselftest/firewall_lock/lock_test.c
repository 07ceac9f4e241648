// SPDX-License-Identifier: MIT
/*
 * The one-way lock of the peripheral configuration. This collection runs in
 * a boot of its own (suite firewall_lock): once locked, only a reboot clears
 * it. The harness runs the tests in the order written.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_secmon", "azs_firewall", "azs_board");

#define UID_A BOARD_UID_OWNER

static int sysfs_locked(void)
{
	char c = 0;
	int fd = open("/sys/kernel/azsphere_secmon/locked", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c == '1' ? 1 : c == '0' ? 0 : -1;
}

static int unload(const char *module)
{
	return syscall(SYS_delete_module, module, O_NONBLOCK) == 0 ? 0 : -errno;
}

TEST(configure_then_lock)
{
	struct azs_fw_status st;
	int fd = fw_open();

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, sysfs_locked());
	ASSERT_EQ(0, fw_assign(fd, AZS_FW_KIND_GPIO, 8, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_assign(fd, AZS_FW_KIND_UART, 0, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	/* The locked configuration that board_locked's tests expect. */
	for (size_t i = 0; i < sizeof(board_locked_config) / sizeof(board_locked_config[0]); i++)
		ASSERT_EQ(0,
			  fw_assign(fd, board_locked_config[i].kind, board_locked_config[i].index,
				    AZS_FW_CORE_HL, BOARD_UID_OWNER));
	ASSERT_EQ(0, ioctl(fd, AZS_FW_IOC_LOCK, 0UL));
	ASSERT_EQ(0, fw_status(fd, &st));
	EXPECT_EQ(AZS_FW_STATUS_LOCKED, st.state & AZS_FW_STATUS_LOCKED);
	EXPECT_EQ(2 + sizeof(board_locked_config) / sizeof(board_locked_config[0]),
		  st.num_assigned);
	EXPECT_EQ(1, sysfs_locked());
	close(fd);
}

TEST(every_change_fails_with_eperm_and_changes_nothing)
{
	struct fw_snapshot before, after;
	int fd = fw_open();

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fw_snapshot(fd, &before));
	EXPECT_EQ(-EPERM, fw_assign(fd, AZS_FW_KIND_GPIO, 16, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EPERM, fw_assign(fd, AZS_FW_KIND_GPIO, 9, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EPERM, fw_assign(fd, AZS_FW_KIND_GPIO, 8, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EPERM, fw_assign(fd, AZS_FW_KIND_PWM, 0, AZS_FW_CORE_IO1, AZS_FW_NO_OWNER));
	EXPECT_EQ(-EPERM, fw_release(fd, AZS_FW_KIND_GPIO, 8));
	EXPECT_EQ(-EPERM, fw_release(fd, AZS_FW_KIND_UART, 0));
	ASSERT_EQ(0, fw_snapshot(fd, &after));
	EXPECT_TRUE(fw_snapshot_equal(&before, &after));
	close(fd);
}

TEST(queries_still_work)
{
	struct azs_fw_query q;
	int fd = fw_open();

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fw_query(fd, AZS_FW_KIND_GPIO, 8, &q));
	EXPECT_EQ(AZS_FW_CORE_HL, q.core);
	EXPECT_EQ(UID_A, q.owner_uid);
	ASSERT_EQ(0, fw_query(fd, AZS_FW_KIND_UART, 0, &q));
	EXPECT_EQ(AZS_FW_CORE_IO0, q.block_core);
	EXPECT_EQ(AZS_FW_KIND_UART, q.block_function);
	ASSERT_EQ(0, fw_query(fd, AZS_FW_KIND_GPIO, 12, &q));
	EXPECT_EQ(UID_A, q.owner_uid);
	ASSERT_EQ(0, fw_query(fd, AZS_FW_KIND_GPIO, 16, &q));
	EXPECT_EQ(AZS_FW_CORE_NONE, q.block_core);
	close(fd);
}

TEST(lock_cannot_be_undone)
{
	struct azs_fw_status st;
	int fd = fw_open();

	ASSERT_LE(0, fd);
	/* Locking again succeeds and changes nothing; there is no unlock. */
	EXPECT_EQ(0, ioctl(fd, AZS_FW_IOC_LOCK, 0UL));
	EXPECT_EQ(-ENOTTY, ioctl(fd, _IO(AZS_IOC_MAGIC, 0x06), 0UL) ? -errno : 0);
	EXPECT_EQ(-EINVAL, ioctl(fd, AZS_FW_IOC_LOCK, 1UL) ? -errno : 0);
	ASSERT_EQ(0, fw_status(fd, &st));
	EXPECT_EQ(AZS_FW_STATUS_LOCKED, st.state & AZS_FW_STATUS_LOCKED);
	close(fd);
}

TEST(an_unprivileged_lock_is_eperm)
{
	int status, fd = fw_open();
	pid_t pid;

	ASSERT_LE(0, fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		_exit(ioctl(fd, AZS_FW_IOC_LOCK, 0UL) == -1 && errno == EPERM ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(fd);
}

/* 1 once the boot chain latched kernel.modules_disabled (docs/boot-chain.md). */
static int modules_disabled(void)
{
	FILE *f = fopen("/proc/sys/kernel/modules_disabled", "re");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/*
 * The locked modules refuse to go (EWOULDBLOCK); on a device booted through
 * the boot chain, the kernel's module latch refuses first (EPERM).
 */
TEST(the_modules_cannot_be_unloaded)
{
	int want = modules_disabled() == 1 ? -EPERM : -EWOULDBLOCK;

	EXPECT_EQ(want, unload("azs_firewall"));
	EXPECT_EQ(want, unload("azs_secmon"));
	EXPECT_EQ(0, access("/sys/module/azs_firewall", F_OK));
	EXPECT_EQ(0, access("/sys/module/azs_secmon", F_OK));
	EXPECT_EQ(0, access(AZS_FW_DEVICE, F_OK));
	EXPECT_EQ(1, sysfs_locked());
}

TEST_HARNESS_MAIN
