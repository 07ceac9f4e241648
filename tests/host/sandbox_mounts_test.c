// SPDX-License-Identifier: MIT
/*
 * The supervisor's side of the app's file system view
 * (containerd-lite/sandbox/mounts.c): a refused device node or sysfs tree
 * leaves no descriptor behind in the supervisor, and a sysfs host path
 * cannot lead out of /sys, by "..", by symlink or by a /proc magic link
 * (AC-06, AC-07).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "config.h"
#include "mounts.h"

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n - 1; /* the directory's own descriptor */
}

FIXTURE(root)
{
	char dir[64];
	int image;
	struct azs_sandbox_config cfg;
	struct sb_root root;
};

FIXTURE_SETUP(root)
{
	char path[128];
	int fd;

	/* Cloning mounts needs CAP_SYS_ADMIN over a mount namespace of our own. */
	if (unshare(CLONE_NEWNS) && unshare(CLONE_NEWUSER | CLONE_NEWNS))
		SKIP(return, "no mount namespace of our own: %s", strerror(errno));
	snprintf(self->dir, sizeof(self->dir), "/tmp/azs-mounts-test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(path, sizeof(path), "%s/image", self->dir);
	ASSERT_EQ(0, mkdir(path, 0755));
	self->image = open(path, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, self->image);
	snprintf(path, sizeof(path), "%s/not-a-device", self->dir);
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	azs_sandbox_config_init(&self->cfg);
}

FIXTURE_TEARDOWN(root)
{
	char cmd[128];

	if (self->image > 0)
		close(self->image);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (self->dir[0])
		(void)!system(cmd);
}

TEST_F(root, refused_device_keeps_no_fd)
{
	char path[128];
	int before;

	snprintf(path, sizeof(path), "%s/not-a-device", self->dir);
	self->cfg.devices[0].host_path = "/dev/null";
	self->cfg.devices[0].name = "mynull";
	self->cfg.devices[1].host_path = path;
	self->cfg.devices[1].name = "gpiochip0";
	self->cfg.n_devices = 2;
	before = open_fds();
	EXPECT_EQ(-EINVAL, sb_root_prepare(&self->cfg, self->image, &self->root));
	EXPECT_EQ(before, open_fds()) TH_LOG("a refused device node leaked its descriptor");

	/* A bad name, and then a good set: everything is closed on release. */
	self->cfg.devices[1].name = "../gpiochip0";
	EXPECT_EQ(-EINVAL, sb_root_prepare(&self->cfg, self->image, &self->root));
	EXPECT_EQ(before, open_fds());
	self->cfg.n_devices = 1;
	ASSERT_EQ(0, sb_root_prepare(&self->cfg, self->image, &self->root));
	EXPECT_LT(before, open_fds());
	sb_root_release(&self->root);
	EXPECT_EQ(before, open_fds());
}

TEST_F(root, sysfs_cannot_leave_sys)
{
	static const char *const escapes[] = {"/sys/class/../../etc", "/sys/../etc",
					      "/sys/class/../../proc/self/root"};
	int before = open_fds();

	for (size_t i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
		self->cfg.sysfs[0].host_path = escapes[i];
		self->cfg.sysfs[0].app_path = "/sys/class/pwm/pwmchip0";
		self->cfg.n_sysfs = 1;
		EXPECT_EQ(-EXDEV, sb_root_prepare(&self->cfg, self->image, &self->root))
		TH_LOG("%s was accepted", escapes[i]);
		EXPECT_EQ(before, open_fds());
	}
	/* Not a sysfs directory, or not under /sys at all. */
	self->cfg.sysfs[0].host_path = "/sys/kernel/uevent_seqnum";
	EXPECT_EQ(-EINVAL, sb_root_prepare(&self->cfg, self->image, &self->root));
	self->cfg.sysfs[0].host_path = "/proc/self";
	EXPECT_EQ(-EINVAL, sb_root_prepare(&self->cfg, self->image, &self->root));
	self->cfg.sysfs[0].host_path = "/sysx/class";
	EXPECT_EQ(-EINVAL, sb_root_prepare(&self->cfg, self->image, &self->root));
	EXPECT_EQ(before, open_fds());

	/* A symlink that stays inside /sys (as every class entry is) is fine. */
	self->cfg.sysfs[0].host_path = "/sys/class/net/lo";
	self->cfg.sysfs[0].app_path = "/sys/class/net/lo";
	ASSERT_EQ(0, sb_root_prepare(&self->cfg, self->image, &self->root));
	sb_root_release(&self->root);
	EXPECT_EQ(before, open_fds());
}

/* sb_open_beneath on a tree of our own: symlinks out, in, absolute, magic. */
TEST(open_beneath)
{
	char top[64] = "/tmp/azs-beneath-test.XXXXXX", p[PATH_MAX], q[PATH_MAX], cmd[128];
	static const char *const out[] = {"a/up",    "a/up/etc", "a/abs",       "a/magic",
					  "a/../..", "../tmp",   "a/b/../../.."};
	static const char *const in[] = {"a/b", "a/in", "a/b/..", "a"};
	int fd;

	ASSERT_NE(NULL, mkdtemp(top));
	snprintf(p, sizeof(p), "%s/a", top);
	ASSERT_EQ(0, mkdir(p, 0755));
	snprintf(p, sizeof(p), "%s/a/b", top);
	ASSERT_EQ(0, mkdir(p, 0755));
	snprintf(p, sizeof(p), "%s/a/up", top);
	ASSERT_EQ(0, symlink("../../..", p));
	snprintf(p, sizeof(p), "%s/a/abs", top);
	ASSERT_EQ(0, symlink("/etc", p));
	snprintf(p, sizeof(p), "%s/a/magic", top);
	ASSERT_EQ(0, symlink("/proc/self/root", p));
	snprintf(p, sizeof(p), "%s/a/in", top);
	ASSERT_EQ(0, symlink("../a/b", p));

	for (size_t i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
		snprintf(q, sizeof(q), "%s/%s", top, out[i]);
		fd = sb_open_beneath(top, q);
		EXPECT_EQ(-EXDEV, fd) TH_LOG("%s was opened", out[i]);
		if (fd >= 0)
			close(fd);
	}
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		snprintf(q, sizeof(q), "%s/%s", top, in[i]);
		fd = sb_open_beneath(top, q);
		EXPECT_LE(0, fd) TH_LOG("%s was refused", in[i]);
		if (fd >= 0)
			close(fd);
	}
	EXPECT_EQ(-EINVAL, sb_open_beneath(top, top));
	snprintf(q, sizeof(q), "%s/", top);
	EXPECT_EQ(-EINVAL, sb_open_beneath(top, q));
	snprintf(q, sizeof(q), "%sx/a", top);
	EXPECT_EQ(-EINVAL, sb_open_beneath(top, q));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", top);
	(void)!system(cmd);
}

TEST_HARNESS_MAIN
