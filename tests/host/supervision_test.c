// SPDX-License-Identifier: MIT
/*
 * The application manager's supervision helpers: restart backoff and crash
 * loops, the bounded per-app log, and the component ID to uid map.
 */
#include "kselftest_harness.h"
#include "log_ring.h"
#include "restart_policy.h"
#include "uidmap.h"

TEST(restart_delays_double_up_to_the_cap)
{
	struct azs_restart_state s;
	uint64_t t = 1000000;
	int64_t want = AZS_RESTART_FIRST_MS;

	azs_restart_init(&s);
	/* Exits spaced so that no crash loop is detected: every 20 s. */
	for (int i = 0; i < 12; i++) {
		EXPECT_EQ(want, azs_restart_on_exit(&s, t, t + 20000)) TH_LOG("exit %d", i);
		t += 20000;
		want = want * 2 > AZS_RESTART_MAX_MS ? AZS_RESTART_MAX_MS : want * 2;
	}
	/* 500 ms doubled eleven times is far past the cap. */
	EXPECT_EQ(AZS_RESTART_MAX_MS, s.next_delay_ms);
	EXPECT_FALSE(s.failed);
}

TEST(five_quick_exits_mark_the_app_failed)
{
	struct azs_restart_state s;
	uint64_t t = 500;

	azs_restart_init(&s);
	for (int i = 0; i < AZS_CRASH_LOOP_EXITS - 1; i++) {
		ASSERT_LE(0, azs_restart_on_exit(&s, t, t + 100));
		t += 1000;
	}
	EXPECT_EQ(-1, azs_restart_on_exit(&s, t, t + 100));
	EXPECT_TRUE(s.failed);
	/* Failed stays failed. */
	EXPECT_EQ(-1, azs_restart_on_exit(&s, t + 500000, t + 900000));
}

TEST(exits_spread_over_more_than_the_window_are_no_loop)
{
	struct azs_restart_state s;
	uint64_t t = 0;

	azs_restart_init(&s);
	for (int i = 0; i < 20; i++) {
		/* Each run is short, but exits are 16 s apart: 5 span 64 s. */
		ASSERT_LE(0, azs_restart_on_exit(&s, t, t + 1000)) TH_LOG("exit %d", i);
		t += 16000;
	}
	EXPECT_FALSE(s.failed);
}

TEST(a_long_healthy_run_resets_backoff_and_history)
{
	struct azs_restart_state s;
	uint64_t t = 0;

	azs_restart_init(&s);
	for (int i = 0; i < AZS_CRASH_LOOP_EXITS - 1; i++)
		ASSERT_LE(0, azs_restart_on_exit(&s, t + i * 10, t + i * 10 + 5));
	/* Then it runs for AZS_RESTART_RESET_MS before exiting again. */
	EXPECT_EQ(AZS_RESTART_FIRST_MS, azs_restart_on_exit(&s, 100, 100 + AZS_RESTART_RESET_MS));
	EXPECT_FALSE(s.failed);
	EXPECT_EQ(1, s.n_exits);
}

TEST(log_ring_keeps_everything_until_full)
{
	static struct azs_log_ring r;
	char out[64];

	azs_log_ring_init(&r);
	azs_log_ring_append(&r, "hello\n", 6);
	azs_log_ring_append(&r, "world\n", 6);
	EXPECT_EQ(12, azs_log_ring_read(&r, out, sizeof(out)));
	EXPECT_STREQ("hello\nworld\n", out);
	EXPECT_EQ(0, r.dropped);
	/* A small reader gets a NUL-terminated prefix. */
	EXPECT_EQ(3, azs_log_ring_read(&r, out, 4));
	EXPECT_STREQ("hel", out);
}

TEST(log_ring_drops_the_oldest_and_starts_at_a_line)
{
	static struct azs_log_ring r;
	static char out[AZS_LOG_RING_SIZE + 1];
	char line[32];
	size_t n, total = 0;
	int i;

	azs_log_ring_init(&r);
	for (i = 0; total < 3 * AZS_LOG_RING_SIZE; i++) {
		n = (size_t)snprintf(line, sizeof(line), "line %06d\n", i);
		azs_log_ring_append(&r, line, n);
		total += n;
	}
	EXPECT_EQ(AZS_LOG_RING_SIZE, r.len);
	EXPECT_EQ(total - AZS_LOG_RING_SIZE, r.dropped);
	n = azs_log_ring_read(&r, out, sizeof(out));
	ASSERT_LT(0, n);
	EXPECT_EQ(0, strncmp(out, "line ", 5)) TH_LOG("starts with '%.12s'", out);
	/* It ends with the newest line, intact. */
	snprintf(line, sizeof(line), "line %06d\n", i - 1);
	EXPECT_STREQ(line, out + n - strlen(line));
}

TEST(log_ring_keeps_the_tail_of_an_oversized_write)
{
	static struct azs_log_ring r;
	static char big[AZS_LOG_RING_SIZE * 2], out[AZS_LOG_RING_SIZE + 1];

	azs_log_ring_init(&r);
	azs_log_ring_append(&r, "old\n", 4);
	memset(big, 'a', sizeof(big));
	big[sizeof(big) - 2] = 'Z';
	big[sizeof(big) - 1] = '\n';
	azs_log_ring_append(&r, big, sizeof(big));
	EXPECT_EQ(AZS_LOG_RING_SIZE, r.len);
	EXPECT_EQ(4 + sizeof(big) - AZS_LOG_RING_SIZE, r.dropped);
	/* No line boundary before the end: the retained text is the last line's tail... */
	(void)azs_log_ring_read(&r, out, sizeof(out));
	EXPECT_EQ('\0', out[0]) TH_LOG("a torn first line is not handed out");
}

static struct azs_guid guid(const char *s)
{
	struct azs_guid g;

	if (azs_guid_parse(s, strlen(s), &g))
		memset(&g, 0, sizeof(g));
	return g;
}

TEST(uids_are_allocated_once_and_kept)
{
	static struct azs_uidmap m, back;
	struct azs_guid a = guid("25025d2c-66da-4448-bae1-ac26fcdd3627");
	struct azs_guid b = guid("005180bc-402f-4cb3-a662-72937dbcde47");
	struct azs_error err;
	char text[512];
	uint32_t ua, ub, again;
	bool created;
	int n;

	azs_uidmap_init(&m);
	ASSERT_EQ(0, azs_uidmap_get(&m, &a, &ua, &created));
	EXPECT_TRUE(created);
	EXPECT_EQ(AZS_APP_UID_MIN, ua);
	ASSERT_EQ(0, azs_uidmap_get(&m, &b, &ub, &created));
	EXPECT_EQ(AZS_APP_UID_MIN + 1, ub);
	ASSERT_EQ(0, azs_uidmap_get(&m, &a, &again, &created));
	EXPECT_FALSE(created);
	EXPECT_EQ(ua, again);

	n = azs_uidmap_format(&m, text, sizeof(text));
	ASSERT_LT(0, n);
	ASSERT_EQ(0, azs_uidmap_parse(text, (size_t)n, &back, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	ASSERT_EQ(0, azs_uidmap_get(&back, &b, &again, &created));
	EXPECT_FALSE(created);
	EXPECT_EQ(ub, again);
	EXPECT_EQ(-ENOSPC, azs_uidmap_format(&m, text, 10));
}

TEST(uidmap_text_is_parsed_strictly)
{
	static const struct {
		const char *text, *field, *reason;
	} bad[] = {
		{"2000 25025d2c-66da-4448-bae1-ac26fcdd3627", "line 1", "newline"},
		{"1999 25025d2c-66da-4448-bae1-ac26fcdd3627\n", "line 1", "outside"},
		{"3000 25025d2c-66da-4448-bae1-ac26fcdd3627\n", "line 1", "outside"},
		{"x 25025d2c-66da-4448-bae1-ac26fcdd3627\n", "line 1", "expected"},
		{"2000\n", "line 1", "expected"},
		{"2000 not-a-guid\n", "line 1", "component id"},
		{"2000 25025d2c-66da-4448-bae1-ac26fcdd3627 \n", "line 1", "component id"},
		{"2000 25025d2c-66da-4448-bae1-ac26fcdd3627\n"
		 "2001 25025D2C-66DA-4448-BAE1-AC26FCDD3627\n",
		 "line 2", "twice"},
		{"2000 25025d2c-66da-4448-bae1-ac26fcdd3627\n"
		 "2000 005180bc-402f-4cb3-a662-72937dbcde47\n",
		 "line 2", "two components"},
		{"\n", "line 1", "expected"},
	};
	static struct azs_uidmap m;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct azs_error err;

		EXPECT_EQ(-EINVAL, azs_uidmap_parse(bad[i].text, strlen(bad[i].text), &m, &err))
		TH_LOG("case %zu", i);
		EXPECT_STREQ(bad[i].field, err.field) TH_LOG("case %zu", i);
		EXPECT_NE(NULL, strstr(err.reason, bad[i].reason))
		TH_LOG("case %zu: %s", i, err.reason);
	}
	EXPECT_EQ(0, azs_uidmap_parse("", 0, &m, NULL));
	EXPECT_EQ(0, m.n);
}

TEST(the_uid_range_runs_out_cleanly)
{
	static struct azs_uidmap m;
	struct azs_guid g;
	uint32_t uid;
	bool created;
	char s[40];

	azs_uidmap_init(&m);
	for (int i = 0; i < AZS_UIDMAP_MAX; i++) {
		snprintf(s, sizeof(s), "00000000-0000-0000-0000-%012x", i + 1);
		g = guid(s);
		ASSERT_EQ(0, azs_uidmap_get(&m, &g, &uid, &created));
	}
	g = guid("ffffffff-0000-0000-0000-000000000001");
	EXPECT_EQ(-ENOSPC, azs_uidmap_get(&m, &g, &uid, &created));
}

TEST_HARNESS_MAIN
