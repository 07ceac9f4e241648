// SPDX-License-Identifier: MIT
/* azs-sandbox's command line (containerd-lite/sandbox/cli_args.c). */
#include <errno.h>
#include <string.h>

#include "kselftest_harness.h"

#include "cli_args.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

/* The parser splits "A:B" in place, as in a real argv: give it writable copies. */
static char **writable(char **argv, int argc)
{
	static char *copy[64];

	for (int i = 0; i < argc && i < 63; i++)
		copy[i] = strdup(argv[i]);
	copy[argc < 63 ? argc : 63] = NULL;
	return copy;
}

TEST(full_command_line)
{
	char *argv[] = {"azs-sandbox", "--root",    "/apps/blink",
			"--uid",       "2001",      "--gid",
			"2002",        "--dev",     "/dev/gpiochip0:gpiochip0",
			"--storage",   "/run/s:64", "--memory",
			"16M",         "--pids",    "8",
			"--net",       "none",      "--timeout",
			"5",           "--cpu",     "50",
			"--",          "/bin/app",  "x",
			NULL};
	struct sb_cli cli;

	ASSERT_EQ(0, sb_cli_parse(ARGC(argv), writable(argv, ARGC(argv)), &cli));
	EXPECT_STREQ("blink", cli.cfg.name);
	EXPECT_EQ(2001, cli.cfg.uid);
	EXPECT_EQ(2002, cli.cfg.gid);
	ASSERT_EQ(1, cli.cfg.n_devices);
	EXPECT_STREQ("/dev/gpiochip0", cli.cfg.devices[0].host_path);
	EXPECT_STREQ("gpiochip0", cli.cfg.devices[0].name);
	EXPECT_STREQ("/run/s", cli.cfg.storage_dir);
	EXPECT_EQ(64, cli.cfg.storage_kb);
	EXPECT_EQ(16 * 1024 * 1024, cli.cfg.memory_max);
	EXPECT_EQ(8, cli.cfg.pids_max);
	EXPECT_EQ(50000, cli.cfg.cpu_quota_us);
	EXPECT_EQ(AZS_SANDBOX_NET_NONE, cli.cfg.net);
	EXPECT_EQ(5, cli.timeout_s);
	EXPECT_STREQ("/bin/app", cli.cfg.argv[0]);
	EXPECT_STREQ("x", cli.cfg.argv[1]);
	EXPECT_EQ(NULL, cli.cfg.argv[2]);
}

TEST(defaults)
{
	char *argv[] = {"azs-sandbox", "--root", "/apps/a", "--uid",    "5",
			"--gid",       "5",      "--",      "/bin/app", NULL};
	struct sb_cli cli;

	ASSERT_EQ(0, sb_cli_parse(ARGC(argv), writable(argv, ARGC(argv)), &cli));
	EXPECT_EQ(AZS_SANDBOX_DEFAULT_MEMORY_MAX, cli.cfg.memory_max);
	EXPECT_EQ(AZS_SANDBOX_NET_NONE, cli.cfg.net);
	EXPECT_EQ(0, cli.cfg.storage_kb);
	EXPECT_EQ(0, cli.cfg.grants);
	EXPECT_STREQ(SB_CLI_DEFAULT_POLICY, cli.policy_path);
}

TEST(grants)
{
	char *argv[] = {"azs-sandbox", "--root",      "/apps/a", "--uid",   "5",  "--gid",    "5",
			"--grant",     "system-time", "--grant", "network", "--", "/bin/app", NULL};
	struct sb_cli cli;

	ASSERT_EQ(0, sb_cli_parse(ARGC(argv), writable(argv, ARGC(argv)), &cli));
	EXPECT_EQ(AZS_SANDBOX_GRANT_SYSTEM_TIME | AZS_SANDBOX_GRANT_NETWORK, cli.cfg.grants);
}

static int parse_bad(char **argv, int argc)
{
	struct sb_cli cli;

	return sb_cli_parse(argc, writable(argv, argc), &cli);
}

#define BAD(...)                                                                                   \
	do {                                                                                       \
		char *argv_[] = {"azs-sandbox", __VA_ARGS__, NULL};                                \
		EXPECT_EQ(-EINVAL, parse_bad(argv_, ARGC(argv_)));                                 \
	} while (0)

TEST(bad_arguments)
{
	BAD("--root", "/a", "--uid", "0", "--gid", "5", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "0", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "-5", "--gid", "5", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5x", "--gid", "5", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--", "/bin/app");
	BAD("--uid", "5", "--gid", "5", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--", "bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--net", "all", "--", "/bin/app");
	/* Never the supervisor's own network namespace. */
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--net", "host", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--dev", "/dev/x", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--dev", "/dev/x:a/b", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--dev", "/dev/x:..", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--dev", "x:y", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--storage", "/s", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--storage", "/s:0", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--memory", "1X", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--cpu", "101", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--bogus", "1", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--name", "../x", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--timeout", "--", "/bin/app");
}

TEST(bad_grant)
{
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--grant", "everything", "--", "/bin/app");
	BAD("--root", "/a", "--uid", "5", "--gid", "5", "--grant", "SystemTime", "--", "/bin/app");
}

TEST_HARNESS_MAIN
