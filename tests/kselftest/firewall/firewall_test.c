// SPDX-License-Identifier: MIT
/*
 * Peripheral firewall: every ioctl's success and failure paths, the MT3620
 * block rule, permissions, bad input (each refused call must leave the whole
 * table unchanged) and concurrent use. The lock has its own collection and
 * boot (firewall_lock). Every test leaves the table empty.
 */
#include <linux/capability.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "fw_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall");

#define UID_A   1000
#define UID_B   1001
#define LED_RED 8 /* MT3620 RDB LED1 red: GPIO block 2, also PWM-CONTROLLER-2 */

FIXTURE(fw)
{
	int fd;
	struct fw_snapshot before;
};

FIXTURE_SETUP(fw)
{
	FW_OPEN_CLEAN(self->fd);
	ASSERT_EQ(0, fw_snapshot(self->fd, &self->before));
}

FIXTURE_TEARDOWN(fw)
{
	close(self->fd);
}

/* The table is exactly as it was at setup. */
#define ASSERT_TABLE_UNCHANGED()                                                                   \
	do {                                                                                       \
		struct fw_snapshot now;                                                            \
		ASSERT_EQ(0, fw_snapshot(self->fd, &now));                                         \
		ASSERT_TRUE(fw_snapshot_equal(&self->before, &now));                               \
	} while (0)

/* Back to the setup state, but for the change counter. */
#define ASSERT_TABLE_UNCHANGED_BUT_GENERATION()                                                    \
	do {                                                                                       \
		struct fw_snapshot now;                                                            \
		ASSERT_EQ(0, fw_snapshot(self->fd, &now));                                         \
		now.st.generation = self->before.st.generation;                                    \
		ASSERT_TRUE(fw_snapshot_equal(&self->before, &now));                               \
	} while (0)

TEST_F(fw, status_reports_the_inventory)
{
	struct azs_fw_status st;

	ASSERT_EQ(0, fw_status(self->fd, &st));
	EXPECT_EQ(AZS_INV_NUM_BLOCKS, st.num_blocks);
	/* Major 1; minor 0 from the stand-in, 1 from the ARMv7 Secure World
	 * firmware (it serves the flash-backed calls too:
	 * AZS_SECMON_REV_MINOR_NV, docs/security-monitor.md). */
	EXPECT_EQ(1u, st.secmon_revision >> 16);
	EXPECT_LE(st.secmon_revision & 0xffff, 1u);
	EXPECT_EQ(0, st.num_assigned);
}

TEST_F(fw, assign_query_release_a_gpio)
{
	struct azs_fw_query q;
	struct azs_fw_status st;

	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_query(self->fd, AZS_FW_KIND_GPIO, LED_RED, &q));
	EXPECT_EQ(AZS_FW_CORE_HL, q.core);
	EXPECT_EQ(UID_A, q.owner_uid);
	EXPECT_EQ(2, q.block);
	EXPECT_EQ(AZS_FW_CORE_HL, q.block_core);
	EXPECT_EQ(AZS_FW_KIND_GPIO, q.block_function);
	ASSERT_EQ(0, fw_status(self->fd, &st));
	EXPECT_EQ(1, st.num_assigned);
	EXPECT_EQ(self->before.st.generation + 1, st.generation);

	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, LED_RED));
	ASSERT_EQ(0, fw_query(self->fd, AZS_FW_KIND_GPIO, LED_RED, &q));
	EXPECT_EQ(AZS_FW_CORE_NONE, q.core);
	EXPECT_EQ(AZS_FW_NO_OWNER, q.owner_uid);
	EXPECT_EQ(AZS_FW_CORE_NONE, q.block_core);
	EXPECT_EQ(AZS_FW_KIND_NONE, q.block_function);
}

/* Every block, in every function it serves, on HL (with an owner) and IO0. */
TEST_F(fw, every_block_in_every_function)
{
	for (unsigned int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (uint32_t kind = AZS_FW_KIND_GPIO; kind <= AZS_FW_KIND_MAX; kind++) {
			uint32_t index =
				kind == AZS_FW_KIND_GPIO ? blk->first_pin : blk->controller;

			if (!(blk->functions & AZS_INV_FN(kind)))
				continue;
			for (uint32_t core = AZS_FW_CORE_HL; core <= AZS_FW_CORE_IO0; core++) {
				uint32_t owner = core == AZS_FW_CORE_HL ? UID_A : AZS_FW_NO_OWNER;
				struct azs_fw_query q;
				int ret = fw_assign(self->fd, kind, index, core, owner);

				if (kind == AZS_FW_KIND_I2S && core == AZS_FW_CORE_HL) {
					EXPECT_EQ(-EINVAL, ret)
					TH_LOG("I2S on HL, block %s", blk->name);
					continue;
				}
				ASSERT_EQ(0, ret)
				TH_LOG("block %s kind %u core %u", blk->name, kind, core);
				ASSERT_EQ(0, fw_query(self->fd, kind, index, &q));
				EXPECT_EQ(b, q.block);
				EXPECT_EQ(core, q.core);
				EXPECT_EQ(owner, q.owner_uid);
				EXPECT_EQ(core, q.block_core);
				EXPECT_EQ(kind, q.block_function);
				ASSERT_EQ(0, fw_release(self->fd, kind, index));
			}
		}
	}
	ASSERT_TABLE_UNCHANGED_BUT_GENERATION();
}

TEST_F(fw, same_owner_twice_changes_nothing)
{
	struct azs_fw_status st;

	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 12, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 12, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_status(self->fd, &st));
	EXPECT_EQ(1, st.num_assigned);
	EXPECT_EQ(self->before.st.generation + 1, st.generation);
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 12));
}

TEST_F(fw, a_resource_has_one_owner)
{
	struct fw_snapshot held;
	struct azs_fw_query q;

	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_snapshot(self->fd, &held));
	EXPECT_EQ(-EBUSY, fw_assign(self->fd, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_HL, UID_B));
	EXPECT_EQ(-EBUSY,
		  fw_assign(self->fd, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	ASSERT_EQ(0, fw_query(self->fd, AZS_FW_KIND_GPIO, LED_RED, &q));
	EXPECT_EQ(UID_A, q.owner_uid);
	{
		struct fw_snapshot now;

		ASSERT_EQ(0, fw_snapshot(self->fd, &now));
		EXPECT_TRUE(fw_snapshot_equal(&held, &now));
	}
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, LED_RED));
}

TEST_F(fw, a_block_is_never_split_across_cores)
{
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 8, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EBUSY,
		  fw_assign(self->fd, AZS_FW_KIND_GPIO, 9, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(-EBUSY,
		  fw_assign(self->fd, AZS_FW_KIND_GPIO, 11, AZS_FW_CORE_IO1, AZS_FW_NO_OWNER));
	/* Other blocks are free to go elsewhere. */
	EXPECT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 12, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 12));
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 8));
}

TEST_F(fw, an_isu_serves_one_role)
{
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_UART, 0, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EBUSY, fw_assign(self->fd, AZS_FW_KIND_I2C, 0, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EBUSY, fw_assign(self->fd, AZS_FW_KIND_SPI, 0, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EBUSY, fw_assign(self->fd, AZS_FW_KIND_GPIO, 26, AZS_FW_CORE_HL, UID_A));
	/* Another ISU can take another role. */
	EXPECT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_I2C, 1, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(0, fw_release(self->fd, AZS_FW_KIND_I2C, 1));
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_UART, 0));
}

TEST_F(fw, a_pwm_controller_takes_its_pins)
{
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_PWM, 2, AZS_FW_CORE_HL, UID_A));
	for (uint32_t pin = 8; pin <= 11; pin++)
		EXPECT_EQ(-EBUSY,
			  fw_assign(self->fd, AZS_FW_KIND_GPIO, pin, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_PWM, 2));
	/* Released: the pins are GPIOs again. */
	EXPECT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 8, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 8));
}

TEST_F(fw, two_apps_share_a_block_but_not_a_pin)
{
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 8, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 9, AZS_FW_CORE_HL, UID_B));
	EXPECT_EQ(-EBUSY, fw_assign(self->fd, AZS_FW_KIND_GPIO, 9, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 8));
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 9));
}

TEST_F(fw, the_last_release_frees_the_block)
{
	struct azs_fw_query q;

	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 16, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 17, AZS_FW_CORE_HL, UID_B));
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 16));
	ASSERT_EQ(0, fw_query(self->fd, AZS_FW_KIND_GPIO, 16, &q));
	EXPECT_EQ(AZS_FW_CORE_NONE, q.core);
	EXPECT_EQ(AZS_FW_CORE_HL, q.block_core);
	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 17));
	ASSERT_EQ(0, fw_query(self->fd, AZS_FW_KIND_GPIO, 16, &q));
	EXPECT_EQ(AZS_FW_CORE_NONE, q.block_core);
	/* Now the block can go to another core. */
	EXPECT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, 18, AZS_FW_CORE_IO1, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, 18));
}

TEST_F(fw, releasing_what_is_not_assigned_is_enoent)
{
	EXPECT_EQ(-ENOENT, fw_release(self->fd, AZS_FW_KIND_GPIO, 12));
	EXPECT_EQ(-ENOENT, fw_release(self->fd, AZS_FW_KIND_UART, 3));
	ASSERT_TABLE_UNCHANGED();
}

TEST_F(fw, unknown_ioctls_are_enotty)
{
	char buf[64] = {0};

	EXPECT_EQ(-ENOTTY, fw_ioctl(self->fd, _IO(AZS_IOC_MAGIC, 0x7f), NULL));
	EXPECT_EQ(-ENOTTY, fw_ioctl(self->fd, _IO('x', 1), NULL));
	/* The right number with the wrong size or direction is another command. */
	EXPECT_EQ(-ENOTTY, fw_ioctl(self->fd, _IOW(AZS_IOC_MAGIC, 0x01, char[16]), buf));
	EXPECT_EQ(-ENOTTY,
		  fw_ioctl(self->fd, _IOR(AZS_IOC_MAGIC, 0x01, struct azs_fw_assign), buf));
	/* The security device's commands are not the firewall's. */
	EXPECT_EQ(-ENOTTY, fw_ioctl(self->fd, _IOWR(AZS_IOC_MAGIC, 0x20, char[88]), buf));
	ASSERT_TABLE_UNCHANGED();
}

TEST_F(fw, bad_pointers_are_efault)
{
	const unsigned long cmds[] = {AZS_FW_IOC_ASSIGN, AZS_FW_IOC_RELEASE, AZS_FW_IOC_QUERY,
				      AZS_FW_IOC_STATUS};

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, cmds[i], NULL));
		EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, cmds[i], (void *)1));
		EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, cmds[i], (void *)-4096L));
	}
	ASSERT_TABLE_UNCHANGED();
}

/* One malformed ASSIGN per line: each must fail with EINVAL, changing nothing. */
static const struct bad_assign {
	const char *what;
	struct azs_fw_assign a;
} bad_assigns[] = {
	{"size 0", {.size = 0, .res = {1, 8}, .core = 1, .owner_uid = 1000}},
	{"size - 1",
	 {.size = sizeof(struct azs_fw_assign) - 1, .res = {1, 8}, .core = 1, .owner_uid = 1000}},
	{"size + 8",
	 {.size = sizeof(struct azs_fw_assign) + 8, .res = {1, 8}, .core = 1, .owner_uid = 1000}},
	{"flags", {.size = 40, .flags = 1, .res = {1, 8}, .core = 1, .owner_uid = 1000}},
	{"reserved[0]",
	 {.size = 40, .res = {1, 8}, .core = 1, .owner_uid = 1000, .reserved = {1, 0}}},
	{"reserved[1]",
	 {.size = 40, .res = {1, 8}, .core = 1, .owner_uid = 1000, .reserved = {0, 1ull << 63}}},
	{"kind 0", {.size = 40, .res = {0, 8}, .core = 1, .owner_uid = 1000}},
	{"kind 8", {.size = 40, .res = {8, 0}, .core = 1, .owner_uid = 1000}},
	{"kind max", {.size = 40, .res = {0xffffffff, 0}, .core = 1, .owner_uid = 1000}},
	{"gpio 24 (not on MT3620)", {.size = 40, .res = {1, 24}, .core = 1, .owner_uid = 1000}},
	{"gpio 49", {.size = 40, .res = {1, 49}, .core = 1, .owner_uid = 1000}},
	{"gpio 81", {.size = 40, .res = {1, 81}, .core = 1, .owner_uid = 1000}},
	{"gpio max", {.size = 40, .res = {1, 0xffffffff}, .core = 1, .owner_uid = 1000}},
	{"uart isu 5", {.size = 40, .res = {2, 5}, .core = 1, .owner_uid = 1000}},
	{"pwm 3", {.size = 40, .res = {5, 3}, .core = 1, .owner_uid = 1000}},
	{"adc 1", {.size = 40, .res = {6, 1}, .core = 1, .owner_uid = 1000}},
	{"i2s 2", {.size = 40, .res = {7, 2}, .core = 2, .owner_uid = AZS_FW_NO_OWNER}},
	{"core none", {.size = 40, .res = {1, 8}, .core = 0, .owner_uid = 1000}},
	{"core 4", {.size = 40, .res = {1, 8}, .core = 4, .owner_uid = AZS_FW_NO_OWNER}},
	{"core max", {.size = 40, .res = {1, 8}, .core = 0xffffffff, .owner_uid = AZS_FW_NO_OWNER}},
	{"HL without owner", {.size = 40, .res = {1, 8}, .core = 1, .owner_uid = AZS_FW_NO_OWNER}},
	{"IO core with owner", {.size = 40, .res = {1, 8}, .core = 2, .owner_uid = 1000}},
	{"i2s on HL", {.size = 40, .res = {7, 0}, .core = 1, .owner_uid = 1000}},
};

TEST_F(fw, malformed_assign_is_einval)
{
	for (size_t i = 0; i < sizeof(bad_assigns) / sizeof(bad_assigns[0]); i++) {
		struct azs_fw_assign a = bad_assigns[i].a;

		EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_ASSIGN, &a))
		TH_LOG("%s", bad_assigns[i].what);
	}
	ASSERT_TABLE_UNCHANGED();
}

TEST_F(fw, malformed_release_query_status_lock_are_einval)
{
	struct azs_fw_release r = {.size = sizeof(r), .res = {AZS_FW_KIND_GPIO, LED_RED}};
	struct azs_fw_query q = {.size = sizeof(q), .res = {AZS_FW_KIND_GPIO, LED_RED}};
	struct azs_fw_status st = {.size = sizeof(st)};

	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_HL, UID_A));

	r.size = 0;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_RELEASE, &r));
	r.size = sizeof(r);
	r.flags = 2;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_RELEASE, &r));
	r.flags = 0;
	r.reserved[1] = 5;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_RELEASE, &r));
	r.reserved[1] = 0;
	r.res.index = 24;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_RELEASE, &r));

	q.pad = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_QUERY, &q));
	q.pad = 0;
	q.size = sizeof(q) + 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_QUERY, &q));
	q.size = sizeof(q);
	q.res.kind = 9;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_QUERY, &q));

	st.reserved[0] = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_STATUS, &st));
	st.reserved[0] = 0;
	st.size = 8;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_FW_IOC_STATUS, &st));

	/* LOCK takes no argument: anything else is refused and nothing locks. */
	EXPECT_EQ(-EINVAL, ioctl(self->fd, AZS_FW_IOC_LOCK, 1UL) ? -errno : 0);
	ASSERT_EQ(0, fw_status(self->fd, &st));
	EXPECT_EQ(0, st.state & AZS_FW_STATUS_LOCKED);
	EXPECT_EQ(1, st.num_assigned);

	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, LED_RED));
}

/* In a child: the fd was opened by root; the child then loses privileges. */
static int child_tries_changes(int fd)
{
	struct azs_fw_query q;
	struct azs_fw_status st;

	if (fw_assign(fd, AZS_FW_KIND_GPIO, 12, AZS_FW_CORE_HL, UID_A) != -EPERM)
		return 10;
	if (fw_release(fd, AZS_FW_KIND_GPIO, LED_RED) != -EPERM)
		return 11;
	if ((ioctl(fd, AZS_FW_IOC_LOCK, 0UL) ? -errno : 0) != -EPERM)
		return 12;
	/* Reading stays open to the holder of the fd. */
	if (fw_query(fd, AZS_FW_KIND_GPIO, LED_RED, &q) || q.owner_uid != UID_A)
		return 13;
	if (fw_status(fd, &st))
		return 14;
	return 0;
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

enum who { ORDINARY_USER, ROOT_WITHOUT_CAP, USER_NAMESPACE };

static int run_child(int (*fn)(int), int fd, enum who who)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		switch (who) {
		case ORDINARY_USER:
			if (setgid(65534) || setuid(65534))
				_exit(2);
			break;
		case ROOT_WITHOUT_CAP:
			if (drop_cap_sys_admin() || getuid() != 0)
				_exit(3);
			break;
		case USER_NAMESPACE:
			/* Full capabilities, but only in the new namespace. */
			if (setgid(65534) || setuid(65534) || unshare(CLONE_NEWUSER))
				_exit(4);
			break;
		}
		_exit(fn(fd));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST_F(fw, changes_need_cap_sys_admin_in_the_initial_namespace)
{
	ASSERT_EQ(0, fw_assign(self->fd, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, fw_snapshot(self->fd, &self->before));

	EXPECT_EQ(0, run_child(child_tries_changes, self->fd, ORDINARY_USER));
	EXPECT_EQ(0, run_child(child_tries_changes, self->fd, ROOT_WITHOUT_CAP));
	EXPECT_EQ(0, run_child(child_tries_changes, self->fd, USER_NAMESPACE));
	ASSERT_TABLE_UNCHANGED();

	ASSERT_EQ(0, fw_release(self->fd, AZS_FW_KIND_GPIO, LED_RED));
}

static int child_opens(int fd)
{
	(void)fd;
	return fw_open() < 0 && errno == EACCES ? 0 : 20;
}

TEST_F(fw, an_ordinary_user_cannot_open_the_device)
{
	EXPECT_EQ(0, run_child(child_opens, self->fd, ORDINARY_USER));
}

/* Many threads fight over a few pins; afterwards the books must balance. */
#define THREADS 8
#define ROUNDS  150

struct racer {
	int fd;
	uint32_t uid;
	bool io_core;
	unsigned int won;
	unsigned int errors;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	static const uint32_t pins[] = {8, 9, 12, 13};

	for (unsigned int i = 0; i < ROUNDS; i++) {
		uint32_t pin = pins[(i + r->uid) % 4];
		/*
		 * One thread acts for the IO0 core: resources there have no
		 * owner uid, so two such threads would be the same owner.
		 */
		uint32_t core = r->io_core ? AZS_FW_CORE_IO0 : AZS_FW_CORE_HL;
		uint32_t owner = core == AZS_FW_CORE_HL ? r->uid : AZS_FW_NO_OWNER;
		struct azs_fw_query q;
		int ret = fw_assign(r->fd, AZS_FW_KIND_GPIO, pin, core, owner);

		if (ret == -EBUSY)
			continue;
		if (ret) {
			r->errors++;
			continue;
		}
		r->won++;
		/* While we hold it, nobody else does. */
		if (fw_query(r->fd, AZS_FW_KIND_GPIO, pin, &q) || q.core != core ||
		    q.owner_uid != owner || q.block_core != core)
			r->errors++;
		if (fw_release(r->fd, AZS_FW_KIND_GPIO, pin))
			r->errors++;
	}
	return NULL;
}

TEST_F(fw, concurrent_assign_and_release_keep_the_table_consistent)
{
	struct racer racers[THREADS];
	pthread_t threads[THREADS];
	struct azs_fw_status st;
	unsigned int won = 0;

	for (int i = 0; i < THREADS; i++) {
		racers[i] = (struct racer){.fd = self->fd, .uid = 2000 + i, .io_core = i == 1};
		ASSERT_EQ(0, pthread_create(&threads[i], NULL, race, &racers[i]));
	}
	for (int i = 0; i < THREADS; i++) {
		ASSERT_EQ(0, pthread_join(threads[i], NULL));
		EXPECT_EQ(0, racers[i].errors) TH_LOG("thread %d", i);
		won += racers[i].won;
	}
	EXPECT_LT(0, won);
	ASSERT_EQ(0, fw_status(self->fd, &st));
	EXPECT_EQ(0, st.num_assigned);
	/* Each won assignment is one change, its release another. */
	EXPECT_EQ(self->before.st.generation + 2 * won, st.generation);
	ASSERT_TABLE_UNCHANGED_BUT_GENERATION();
}

TEST_HARNESS_MAIN
