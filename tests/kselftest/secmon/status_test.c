// SPDX-License-Identifier: MIT
/*
 * The security monitor's only uAPI is read-only status in sysfs. Check that
 * it answers through the SMC-shaped call path and cannot be written.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_secmon");

#define SECMON_SYSFS "/sys/kernel/azsphere_secmon/"

static int read_attr(const char *name, char *buf, size_t len)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), SECMON_SYSFS "%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return (int)n;
}

TEST(module_is_loaded)
{
	ASSERT_EQ(0, access("/sys/module/azs_secmon", F_OK));
}

TEST(revision_answers_1_0)
{
	char buf[64];

	ASSERT_LT(0, read_attr("revision", buf, sizeof(buf)));
	EXPECT_STREQ("1.0\n", buf);
}

TEST(uid_identifies_the_service)
{
	char buf[64];

	ASSERT_LT(0, read_attr("uid", buf, sizeof(buf)));
	/* "azsp" "here" "-sem" "on\0\1" as four SMC result words. */
	EXPECT_STREQ("617a7370-68657265-2d73656d-6f6e0001\n", buf);
}

TEST(status_cannot_be_written)
{
	const char *attrs[] = {"revision", "uid"};

	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		char path[256];
		int fd;

		snprintf(path, sizeof(path), SECMON_SYSFS "%s", attrs[i]);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		EXPECT_EQ(-1, fd);
		EXPECT_EQ(EACCES, errno);
		if (fd >= 0)
			close(fd);
	}
}

TEST_HARNESS_MAIN
