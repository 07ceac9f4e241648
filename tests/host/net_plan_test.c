// SPDX-License-Identifier: MIT
/*
 * The app network plan: per-uid links, IPv4 text, hosts-file resolution and
 * the nftables ruleset that enforces AllowedConnections and server ports.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "kselftest_harness.h"
#include "net_plan.h"
#include "net_rules.h"

TEST(link_follows_uid)
{
	struct azs_net_link a, b;
	char text[16];

	ASSERT_EQ(0, azs_net_link_for_uid(2000, &a));
	EXPECT_STREQ("azs-app2000", a.host_if);
	azs_ipv4_format(a.host_addr, text, sizeof(text));
	EXPECT_STREQ("10.213.0.1", text);
	azs_ipv4_format(a.app_addr, text, sizeof(text));
	EXPECT_STREQ("10.213.0.2", text);
	EXPECT_EQ(30, a.prefix);

	ASSERT_EQ(0, azs_net_link_for_uid(2999, &b));
	azs_ipv4_format(b.app_addr, text, sizeof(text));
	EXPECT_STREQ("10.213.15.158", text);
	EXPECT_LT(strlen(b.host_if), (size_t)AZS_NET_IFNAME_MAX);
	/* Every app's /30 is disjoint from every other's. */
	for (uint32_t u = 2000; u < 2999; u++) {
		struct azs_net_link l, m;

		ASSERT_EQ(0, azs_net_link_for_uid(u, &l));
		ASSERT_EQ(0, azs_net_link_for_uid(u + 1, &m));
		ASSERT_EQ(l.host_addr + 4, m.host_addr);
		ASSERT_EQ(0u, (l.host_addr - 1) & 3);
	}
}

TEST(link_refuses_non_app_uids)
{
	struct azs_net_link l;

	EXPECT_EQ(-ERANGE, azs_net_link_for_uid(0, &l));
	EXPECT_EQ(-ERANGE, azs_net_link_for_uid(1999, &l));
	EXPECT_EQ(-ERANGE, azs_net_link_for_uid(3000, &l));
}

TEST(ipv4_parse_is_strict)
{
	static const char *const bad[] = {"",         "1.2.3",    "1.2.3.4.5",  "256.1.1.1",
					  "01.2.3.4", "1..2.3",   "1.2.3.4 ",   " 1.2.3.4",
					  "a.b.c.d",  "1.2.3.-4", "1.2.3.4/24", "1234.1.1.1"};
	uint32_t a;

	ASSERT_EQ(0, azs_ipv4_parse("10.0.255.1", &a));
	EXPECT_EQ(0x0a00ff01u, a);
	ASSERT_EQ(0, azs_ipv4_parse("0.0.0.0", &a));
	EXPECT_EQ(0u, a);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = azs_ipv4_parse(bad[i], &a);

		EXPECT_EQ(-EINVAL, ret)
		{
			TH_LOG("accepted '%s'", bad[i]);
		}
	}
}

static const char hosts[] = "# test hosts\n"
			    "127.0.0.1 localhost\n"
			    "10.77.1.2\tallowed.test www.allowed.test # a comment allowed2.test\n"
			    "  10.77.2.2  denied.test\n"
			    "fe80::1 v6only.test\n"
			    "bogus line.test\n"
			    "10.77.3.2 Mixed.Case.Test";

TEST(hosts_lookup)
{
	uint32_t a;

	ASSERT_EQ(0, azs_hosts_lookup(hosts, strlen(hosts), "allowed.test", &a));
	EXPECT_EQ(0x0a4d0102u, a);
	ASSERT_EQ(0, azs_hosts_lookup(hosts, strlen(hosts), "www.allowed.test", &a));
	EXPECT_EQ(0x0a4d0102u, a);
	ASSERT_EQ(0, azs_hosts_lookup(hosts, strlen(hosts), "denied.test", &a));
	EXPECT_EQ(0x0a4d0202u, a);
	ASSERT_EQ(0, azs_hosts_lookup(hosts, strlen(hosts), "mixed.case.test", &a));
	EXPECT_EQ(0x0a4d0302u, a);
	/* Literals are themselves. */
	ASSERT_EQ(0, azs_hosts_lookup(hosts, strlen(hosts), "192.168.1.9", &a));
	EXPECT_EQ(0xc0a80109u, a);
	/* Comments, IPv6 lines, malformed lines and prefixes don't resolve. */
	EXPECT_EQ(-ENOENT, azs_hosts_lookup(hosts, strlen(hosts), "allowed2.test", &a));
	EXPECT_EQ(-ENOENT, azs_hosts_lookup(hosts, strlen(hosts), "v6only.test", &a));
	EXPECT_EQ(-ENOENT, azs_hosts_lookup(hosts, strlen(hosts), "line.test", &a));
	EXPECT_EQ(-ENOENT, azs_hosts_lookup(hosts, strlen(hosts), "allowed", &a));
	EXPECT_EQ(-ENOENT, azs_hosts_lookup(hosts, strlen(hosts), "test", &a));
	/* The length bounds the text: nothing past it is read. */
	EXPECT_EQ(-ENOENT, azs_hosts_lookup(hosts, strlen(hosts) - 3, "mixed.case.test", &a));
	EXPECT_EQ(-ENOENT, azs_hosts_lookup(hosts, 0, "localhost", &a));
}

TEST(rules_for_two_apps)
{
	static const uint32_t allowed[] = {0x0a4d0102u, 0x0a4d0302u};
	static const uint16_t tcp[] = {8080, 9000};
	static const uint16_t udp[] = {5353};
	struct azs_net_app apps[2] = {
		{.allowed = allowed, .n_allowed = 2},
		{.tcp_ports = tcp, .n_tcp = 2, .udp_ports = udp, .n_udp = 1},
	};
	char buf[4096];
	int n;

	ASSERT_EQ(0, azs_net_link_for_uid(2000, &apps[0].link));
	ASSERT_EQ(0, azs_net_link_for_uid(2001, &apps[1].link));
	n = azs_net_rules_render(apps, 2, buf, sizeof(buf));
	ASSERT_GT(n, 0);
	EXPECT_EQ((size_t)n, strlen(buf));
	/* Atomic replacement of the one table. */
	EXPECT_EQ(0, strncmp(buf, "table inet azsphere\ndelete table inet azsphere\n", 39));
	EXPECT_NE(NULL, strstr(buf, "hook forward priority filter; policy drop;"));
	EXPECT_NE(NULL, strstr(buf, "iifname \"azs-app2000\" ip saddr != 10.213.0.2 drop\n"));
	EXPECT_NE(
		NULL,
		strstr(buf, "iifname \"azs-app2000\" ip daddr { 10.77.1.2, 10.77.3.2 } accept\n"));
	EXPECT_NE(NULL, strstr(buf, "oifname \"azs-app2001\" ip daddr 10.213.0.6 tcp dport "
				    "{ 8080, 9000 } ct state new accept\n"));
	EXPECT_NE(NULL, strstr(buf, "oifname \"azs-app2001\" ip daddr 10.213.0.6 udp dport "
				    "{ 5353 } ct state new accept\n"));
	/* App 2000 has no server ports, app 2001 no connections. */
	EXPECT_EQ(NULL, strstr(buf, "oifname \"azs-app2000\" ip"));
	EXPECT_EQ(NULL, strstr(buf, "iifname \"azs-app2001\" ip daddr"));
	/* The catch-alls come after every accept. */
	EXPECT_LT((uintptr_t)strstr(buf, "ct state new accept"),
		  (uintptr_t)strstr(buf, "iifname \"azs-app*\" reject"));
	EXPECT_NE(NULL, strstr(buf, "hook input priority filter; policy accept;\n"
				    "\t\tiifname \"azs-app*\" reject"));
}

TEST(rules_without_apps_still_close_the_door)
{
	char buf[1024];

	ASSERT_GT(azs_net_rules_render(NULL, 0, buf, sizeof(buf)), 0);
	EXPECT_EQ(NULL, strstr(buf, "accept\n\t\tiifname \"azs-app2"));
	EXPECT_NE(NULL, strstr(buf, "iifname \"azs-app*\" reject"));
	EXPECT_NE(NULL, strstr(buf, "oifname \"azs-app*\" meta l4proto tcp reject"));
}

TEST(rules_refuse_a_small_buffer)
{
	char buf[64];

	EXPECT_EQ(-ENOSPC, azs_net_rules_render(NULL, 0, buf, sizeof(buf)));
	EXPECT_EQ(-ENOSPC, azs_net_rules_render(NULL, 0, buf, 0));
}

TEST_HARNESS_MAIN
