// SPDX-License-Identifier: MIT
/*
 * The I/O cores' initiator device, /dev/azsphere-iocore (uapi
 * azsphere/iocore.h): who may open and bind it, the validation of every
 * field, the firewall check for the bound core on every access (a refused
 * access changes neither the firewall nor the pin) and GPIO driven on the
 * board as the core. Every test leaves the firewall table empty.
 */
#include <linux/capability.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <azsphere/iocore.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define LED_RED 8 /* MT3620 RDB LED1 red: GPIO block 2 */

static int io_open(void)
{
	return open(AZS_IOCORE_DEVICE, O_RDWR | O_CLOEXEC);
}

static int io_bind(int fd, uint32_t core)
{
	struct azs_iocore_bind b = {.size = sizeof(b), .core = core};

	return fw_ioctl(fd, AZS_IOCORE_IOC_BIND, &b);
}

static int io_access(int fd, uint32_t op, uint32_t kind, uint32_t index, uint32_t *value)
{
	struct azs_iocore_access a = {.size = sizeof(a),
				      .op = op,
				      .kind = kind,
				      .index = index,
				      .value = value ? *value : 0};
	int ret = fw_ioctl(fd, AZS_IOCORE_IOC_ACCESS, &a);

	if (!ret && value)
		*value = a.value;
	return ret;
}

/* "on"/"off" of LED1 red on the board, or "?". */
static const char *led1_red(char *buf, size_t len)
{
	char *p;

	if (board_ctl_read("gpio/leds", buf, len) < 0 || !(p = strstr(buf, "led1_red ")))
		return "?";
	p += strlen("led1_red ");
	p[strcspn(p, "\n")] = '\0';
	return p;
}

FIXTURE(io)
{
	int fw, fd;
	struct fw_snapshot before;
};

FIXTURE_SETUP(io)
{
	FW_OPEN_CLEAN(self->fw);
	self->fd = io_open();
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", AZS_IOCORE_DEVICE, strerror(errno));
}

FIXTURE_TEARDOWN(io)
{
	fw_release(self->fw, AZS_FW_KIND_GPIO, LED_RED);
	fw_release(self->fw, AZS_FW_KIND_ADC, 0);
	close(self->fd);
	close(self->fw);
}

TEST_F(io, an_unbound_fd_acts_as_no_core)
{
	uint32_t v = 0;

	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(-ENXIO,
		  io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
	EXPECT_EQ(-ENXIO,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
}

TEST_F(io, bind_validates_every_field)
{
	struct azs_iocore_bind b;

	memset(&b, 0, sizeof(b));
	b.size = sizeof(b) - 1;
	b.core = AZS_FW_CORE_IO0;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	b.size = sizeof(b);
	b.flags = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	b.flags = 0;
	b.pad = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	b.pad = 0;
	b.reserved[1] = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	EXPECT_EQ(-EINVAL, io_bind(self->fd, AZS_FW_CORE_NONE));
	EXPECT_EQ(-EINVAL, io_bind(self->fd, AZS_FW_CORE_HL));
	EXPECT_EQ(-EINVAL, io_bind(self->fd, AZS_FW_CORE_IO1 + 1));
	EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, NULL));
	EXPECT_EQ(-ENOTTY, fw_ioctl(self->fd, AZS_FW_IOC_QUERY, &b));
	/* None of it bound the fd. */
	EXPECT_EQ(-ENXIO,
		  io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
}

TEST_F(io, an_fd_binds_to_one_core_once)
{
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(-EBUSY, io_bind(self->fd, AZS_FW_CORE_IO1));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
}

TEST_F(io, access_validates_every_field)
{
	struct azs_iocore_access a;
	uint32_t v = 2;

	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a) + 8;
	a.kind = AZS_FW_KIND_GPIO;
	a.index = LED_RED;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, &a));
	a.size = sizeof(a);
	a.flags = 4;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, &a));
	a.flags = 0;
	a.reserved[0] = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, &a));
	EXPECT_EQ(-EINVAL,
		  io_access(self->fd, AZS_IOCORE_OP_MAX + 1, AZS_FW_KIND_GPIO, LED_RED, NULL));
	EXPECT_EQ(-EINVAL,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(-EINVAL, io_access(self->fd, AZS_IOCORE_OP_GPIO_GET, AZS_FW_KIND_ADC, 0, NULL));
	EXPECT_EQ(-EINVAL, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, 24, NULL));
	EXPECT_EQ(-EINVAL, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_MAX + 1, 0, NULL));
	EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, NULL));
}

TEST_F(io, a_block_not_the_cores_is_refused_and_nothing_changes)
{
	struct fw_snapshot now;
	char buf[1024];
	uint32_t v = 0;

	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	ASSERT_STREQ("off", led1_red(buf, sizeof(buf)));
	/* Unassigned, the other I/O core's, the HL core's. */
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO1, AZS_FW_NO_OWNER));
	ASSERT_EQ(0, fw_snapshot(self->fw, &self->before));
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
	ASSERT_EQ(0, fw_snapshot(self->fw, &now));
	EXPECT_TRUE(fw_snapshot_equal(&self->before, &now));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, LED_RED));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_HL, 0));
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_STREQ("off", led1_red(buf, sizeof(buf)));
}

TEST_F(io, the_bound_core_drives_its_pins_on_the_board)
{
	char buf[1024];
	uint32_t v;

	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	v = 0; /* active low: lit */
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_STREQ("on", led1_red(buf, sizeof(buf)));
	v = 7;
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_GET, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(0, v);
	v = 1;
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_STREQ("off", led1_red(buf, sizeof(buf)));
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_GET, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(1, v);
	EXPECT_EQ(0,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_INPUT, AZS_FW_KIND_GPIO, LED_RED, NULL));
	EXPECT_STREQ("off", led1_red(buf, sizeof(buf)));
	/* A non-GPIO block of the core: the check only. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_ADC, 0, NULL));
}

/* Clear CAP_SYS_ADMIN from this process's capability sets (stay root). */
static int drop_cap_sys_admin(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective &= ~(1u << CAP_SYS_ADMIN);
	d[0].permitted &= ~(1u << CAP_SYS_ADMIN);
	d[0].inheritable &= ~(1u << CAP_SYS_ADMIN);
	return (int)syscall(SYS_capset, &h, d);
}

/* In a child without CAP_SYS_ADMIN: what it may do with FD (bound to IO0 or not). */
static int without_cap(int fd, bool bound)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		uint32_t v = 1;

		if (drop_cap_sys_admin() || getuid() != 0)
			_exit(2);
		if (io_open() >= 0 || errno != EPERM)
			_exit(3); /* root's node, but no CAP_SYS_ADMIN */
		if (!bound)
			_exit(io_bind(fd, AZS_FW_CORE_IO0) == -EPERM ? 0 : 4);
		if (io_bind(fd, AZS_FW_CORE_IO0) || io_bind(fd, AZS_FW_CORE_IO1) != -EBUSY)
			_exit(5);
		/* The holder of a bound fd acts as its core. */
		_exit(io_access(fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v) ? 6
											      : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST_F(io, only_cap_sys_admin_opens_and_binds)
{
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, without_cap(self->fd, false));
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(0, without_cap(self->fd, true));
}

static int open_in_user_namespace(void *arg)
{
	(void)arg;
	if (unshare(CLONE_NEWUSER))
		return 2;
	return io_open() < 0 ? 0 : 1;
}

TEST_F(io, no_app_uid_or_user_namespace_opens_it)
{
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, open_in_user_namespace, NULL));
}

TEST_HARNESS_MAIN
