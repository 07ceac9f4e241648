// SPDX-License-Identifier: MIT
/*
 * The app seccomp policy compiler (containerd-lite/sandbox/seccomp_policy.c):
 * the real policy compiles; broken ones fail closed (AC-19).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"

#include "seccomp_policy.h"

static int compile(const char *text)
{
	struct azs_seccomp_policy *p = NULL;
	int ret = azs_seccomp_policy_compile(text, strlen(text), "test.json", &p);

	azs_seccomp_policy_free(p);
	return ret;
}

TEST(real_policy_compiles)
{
	struct azs_seccomp_policy *p = NULL;

	ASSERT_EQ(0, azs_seccomp_policy_compile_file(AZS_POLICY_FILE, &p));
	EXPECT_LT(100, azs_seccomp_policy_allowed_count(p));
	EXPECT_TRUE(azs_seccomp_policy_allows(p, "read"));
	EXPECT_TRUE(azs_seccomp_policy_allows(p, "execve")); /* the launcher's own needs */
	EXPECT_FALSE(azs_seccomp_policy_allows(p, "ptrace"));
	EXPECT_FALSE(azs_seccomp_policy_allows(p, "mount"));
	azs_seccomp_policy_free(p);
}

TEST(minimal_policy_compiles)
{
	EXPECT_EQ(0, compile("{\"groups\": {\"a\": [\"read\", \"write\"], \"b\": []}}"));
}

TEST(unknown_syscall_fails)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\", \"no_such_call\"]}}"));
}

TEST(duplicate_fails)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\"], \"b\": [\"read\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"write\", \"write\"]}}"));
}

TEST(forbidden_syscalls_fail)
{
	static const char *const names[] = {"ptrace", "mount",          "unshare",
					    "bpf",    "io_uring_setup", "clone3",
					    "keyctl", "userfaultfd",    "setns"};
	char text[128];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(text, sizeof(text), "{\"groups\": {\"a\": [\"%s\"]}}", names[i]);
		EXPECT_EQ(-EINVAL, compile(text)) TH_LOG("%s was accepted", names[i]);
	}
}

TEST(bad_types_fail)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\", 3]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": \"read\"}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": [\"read\"]}"));
	EXPECT_EQ(-EINVAL, compile("[\"read\"]"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {}, \"allow-everything\": true}"));
	EXPECT_EQ(-EINVAL, compile("{}"));
}

TEST(malformed_json_fails)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\"]}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\"]}} trailing"));
	EXPECT_EQ(-EINVAL, compile(""));
}

TEST_HARNESS_MAIN
