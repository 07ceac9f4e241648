// SPDX-License-Identifier: MIT
/*
 * A pid 1 kept per app (containerd-lite/sandbox/launch.h): which apps are
 * eligible, and which differences in the resolved configuration make a
 * start refuse the kept pid 1 (a fresh sandbox).
 */
#include <stddef.h>
#include <stdio.h>

#include "kselftest_harness.h"

#include "config.h"
#include "launch.h"
#include "seccomp_policy.h"

static struct azs_seccomp_policy *policy;
static const char *const argv1[] = {"/bin/app", "a", NULL};

/* An eligible app's configuration, as the application manager resolves it. */
static void base(struct azs_sandbox_config *c)
{
	if (!policy && azs_seccomp_policy_compile_file_lazy(AZS_POLICY_FILE, &policy))
		policy = NULL;
	azs_sandbox_config_init(c);
	c->name = "11111111-2222-4333-8444-000000000001";
	c->uid = c->gid = 2001;
	c->root_path = "/run/azsphere/images/app";
	c->argv = argv1;
	c->devices[0].host_path = "/dev/gpiochip0";
	c->devices[0].name = "gpiochip0";
	c->n_devices = 1;
	c->storage_dir = "/mnt/flash/azsphere/storage/app";
	c->storage_kb = 64;
	c->libs_dir = "/usr/lib/azsphere/app-lib";
	c->memory_max = 393216;
	c->seccomp = policy;
}

TEST(eligible)
{
	struct azs_sandbox_config c;

	base(&c);
	ASSERT_NE(NULL, policy);
	EXPECT_EQ(1, azs_sandbox_init_keepable(&c));
	c.net = AZS_SANDBOX_NET_LINK; /* its link is made per run */
	EXPECT_EQ(0, azs_sandbox_init_keepable(&c));
	base(&c);
	c.grants = AZS_SANDBOX_GRANT_SYSTEM_TIME; /* pid 1 keeps no capability to hand on */
	EXPECT_EQ(0, azs_sandbox_init_keepable(&c));
	base(&c);
	c.debug_dir = "/usr/lib/azsphere/gdbserver";
	EXPECT_EQ(0, azs_sandbox_init_keepable(&c));
	base(&c);
	c.hosts = "10.0.0.1 example.com\n"; /* /etc: no kept root */
	EXPECT_EQ(0, azs_sandbox_init_keepable(&c));
	base(&c);
	c.n_sysfs = 1;
	c.sysfs[0].host_path = "/sys/class/pwm/pwmchip0";
	c.sysfs[0].app_path = "/sys/class/pwm/pwmchip0";
	EXPECT_EQ(0, azs_sandbox_init_keepable(&c));
	base(&c);
	c.seccomp = NULL;
	EXPECT_EQ(0, azs_sandbox_init_keepable(&c));
}

TEST(same_configuration)
{
	struct azs_sandbox_config a, b;
	static const char *const argv_same[] = {"/bin/app", "a", NULL};

	base(&a);
	base(&b);
	/* Other strings with the same text, other descriptors: the same. */
	b.argv = argv_same;
	b.stdout_fd = b.stderr_fd = 7;
	b.channel_fd = 8;
	b.cgroup_fd = b.mntns_fd = b.netns_fd = b.ipcns_fd = b.landlock_fd = 9;
	EXPECT_EQ(1, azs_sandbox_config_same(&a, &b));
}

/* Each field that a start resolves, changed alone, is another configuration. */
TEST(each_difference_is_another)
{
	static const char *const argv_more[] = {"/bin/app", "a", "b", NULL};
	static const char *const argv_other[] = {"/bin/app", "c", NULL};
	struct azs_sandbox_config a, b;
	int changes = 0;

#define DIFF(stmt)                                                                                 \
	do {                                                                                       \
		base(&a);                                                                          \
		base(&b);                                                                          \
		stmt;                                                                              \
		EXPECT_EQ(0, azs_sandbox_config_same(&a, &b))                                      \
		{                                                                                  \
			TH_LOG("same despite: %s", #stmt);                                         \
		}                                                                                  \
		EXPECT_EQ(0, azs_sandbox_config_same(&b, &a));                                     \
		changes++;                                                                         \
	} while (0)

	DIFF(b.uid = 2002);
	DIFF(b.gid = 2002);
	DIFF(b.name = "other");
	DIFF(b.root_path = "/run/azsphere/images/other");
	DIFF(b.root_fd = 3);
	DIFF(b.argv = argv_more);
	DIFF(b.argv = argv_other);
	DIFF(b.n_devices = 0);
	DIFF(b.devices[0].host_path = "/dev/gpiochip1");
	DIFF(b.devices[0].name = "gpiochip1");
	DIFF((b.n_sysfs = 1, b.sysfs[0].host_path = "/sys/x", b.sysfs[0].app_path = "/sys/x"));
	DIFF(b.storage_dir = NULL);
	DIFF(b.storage_kb = 128);
	DIFF(b.net = AZS_SANDBOX_NET_LINK);
	DIFF(b.link.prefix = 30);
	DIFF(b.hosts = "x\n");
	DIFF(b.libs_dir = NULL);
	DIFF(b.deviceauth_cert = "/mnt/flash/azsphere/deviceauth.pem");
	DIFF(b.memory_max += 4096);
	DIFF(b.pids_max = 8);
	DIFF(b.cpu_quota_us = 50000);
	DIFF(b.cpu_period_us = 50000);
	DIFF(b.cgroup_parent = "/sys/fs/cgroup/other");
	DIFF(b.seccomp = (const struct azs_seccomp_policy *)&changes);
	DIFF(b.grants = AZS_SANDBOX_GRANT_NETWORK);
	DIFF(b.debug_dir = "/usr/lib/azsphere/gdbserver");
	DIFF(b.debug_fd = 5);
	DIFF(b.keep_init = 1);
	EXPECT_EQ(28, changes);
#undef DIFF
}

TEST_HARNESS_MAIN
