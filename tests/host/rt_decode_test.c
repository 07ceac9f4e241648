// SPDX-License-Identifier: MIT
/*
 * The runtime channel decoder (containerd-lite/lib/rt_decode.c): every valid
 * request of the protocol decodes to exactly its values; malformed ones are
 * refused naming the problem; and a fuzz loop (random packets, and valid
 * packets with random bytes flipped, truncated or extended) never crashes or
 * reads out of bounds (built with AddressSanitizer and UBSan) and never
 * accepts a packet that breaks the protocol's invariants.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "rt_decode.h"

static size_t packet(void *buf, uint16_t op, uint32_t seq, const void *payload, size_t len)
{
	struct azs_rt_hdr h = {.magic = AZS_RT_MAGIC,
			       .version = AZS_RT_VERSION,
			       .op = op,
			       .seq = seq,
			       .len = (uint32_t)len};

	memcpy(buf, &h, sizeof(h));
	if (len)
		memcpy((char *)buf + sizeof(h), payload, len);
	return sizeof(h) + len;
}

static int decode(const void *buf, size_t len, struct azs_rt_request *r, char *why)
{
	return azs_rt_decode_request(buf, len, r, why, 160);
}

static struct azs_rt_wifi_set wifi(int32_t id, uint32_t attr, const char *value, size_t len)
{
	struct azs_rt_wifi_set w;

	memset(&w, 0, sizeof(w));
	w.id = id;
	w.attr = attr;
	w.len = (uint32_t)len;
	memcpy(w.value, value, len);
	return w;
}

static struct azs_rt_net_iface_req iface(const char *name, uint32_t flag)
{
	struct azs_rt_net_iface_req q;

	memset(&q, 0, sizeof(q));
	memcpy(q.name, name, strlen(name) < sizeof(q.name) ? strlen(name) : sizeof(q.name));
	q.flag = flag;
	return q;
}

TEST(valid_requests_decode)
{
	char buf[AZS_RT_MSG_MAX], why[160];
	struct azs_rt_request r;
	struct azs_rt_power reboot = {AZS_RT_POWER_REBOOT, 0}, down = {AZS_RT_POWER_POWER_DOWN, 30};
	struct azs_rt_u32 profile = {2}, mask = {0x05}, resume = {0x01};
	struct azs_rt_defer defer = {0x01, 60};
	struct azs_rt_i32 all = {-1};
	struct azs_rt_wifi_set ssid = wifi(3, AZS_RT_WIFI_SSID, "net", 3);
	struct azs_rt_wifi_set psk = wifi(3, AZS_RT_WIFI_PSK, "password1", 9);
	struct azs_rt_net_iface_req wlan_up = iface("wlan0", 1), release = iface("eth0", 0);
	struct azs_rt_u32 off = {0};
	size_t n;

	n = packet(buf, AZS_RT_OP_NET_STATUS, 7, NULL, 0);
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(AZS_RT_OP_NET_STATUS, r.op);
	EXPECT_EQ(7u, r.seq);
	n = packet(buf, AZS_RT_OP_POWER, 8, &reboot, sizeof(reboot));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(AZS_RT_POWER_REBOOT, r.p.power.state);
	n = packet(buf, AZS_RT_OP_POWER, 9, &down, sizeof(down));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(30u, r.p.power.max_residency_s);
	n = packet(buf, AZS_RT_OP_POWER_PROFILE, 1, &profile, sizeof(profile));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	n = packet(buf, AZS_RT_OP_SYSEVENT_SUBSCRIBE, 1, &mask, sizeof(mask));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(0x05u, r.p.u32.value);
	n = packet(buf, AZS_RT_OP_SYSEVENT_DEFER, 1, &defer, sizeof(defer));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(60u, r.p.defer.minutes);
	n = packet(buf, AZS_RT_OP_SYSEVENT_RESUME, 1, &resume, sizeof(resume));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	n = packet(buf, AZS_RT_OP_WIFI_FORGET, 1, &all, sizeof(all));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(-1, r.p.i32.value);
	n = packet(buf, AZS_RT_OP_WIFI_SET, 1, &ssid, sizeof(ssid));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(0, memcmp(r.p.wifi_set.value, "net", 3));
	n = packet(buf, AZS_RT_OP_WIFI_SET, 1, &psk, sizeof(psk));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	n = packet(buf, AZS_RT_OP_NET_SET_STATE, 1, &wlan_up, sizeof(wlan_up));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_STREQ("wlan0", r.p.iface.name);
	EXPECT_EQ(1u, r.p.iface.flag);
	n = packet(buf, AZS_RT_OP_NET_DHCP, 1, &release, sizeof(release));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_STREQ("eth0", r.p.iface.name);
	EXPECT_EQ(0u, r.p.iface.flag);
	n = packet(buf, AZS_RT_OP_TIMESYNC_SET, 1, &off, sizeof(off));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(0u, r.p.u32.value);
	for (unsigned int op = AZS_RT_OP_WIFI_ADD; op < AZS_RT_OP_COUNT; op++)
		if (azs_rt_request_size(op) == 0) {
			n = packet(buf, (uint16_t)op, 1, NULL, 0);
			EXPECT_EQ(0, decode(buf, n, &r, why));
		}
}

struct bad_case {
	const char *name;
	uint16_t op;
	const void *payload;
	size_t len;
	int err;
	const char *why;
};

TEST(malformed_requests_are_refused_naming_why)
{
	static const struct azs_rt_power bad_state = {7, 0}, reboot_residency = {0, 5},
					 down_zero = {1, 0}, down_long = {1, 400u * 24 * 3600};
	static const struct azs_rt_u32 profile3 = {3}, mask8 = {0x08}, resume2 = {0x02};
	static const struct azs_rt_defer defer_started = {0x02, 5}, defer_zero = {0x01, 0},
					 defer_long = {0x01, 1441};
	static const struct azs_rt_i32 minus2 = {-2};
	struct azs_rt_wifi_set ssid0 = wifi(0, AZS_RT_WIFI_SSID, "", 0);
	struct azs_rt_wifi_set ssid33 =
		wifi(0, AZS_RT_WIFI_SSID, "0123456789012345678901234567890123", 33);
	struct azs_rt_wifi_set psk7 = wifi(0, AZS_RT_WIFI_PSK, "1234567", 7);
	struct azs_rt_wifi_set psk_ctl = wifi(0, AZS_RT_WIFI_PSK, "pass\nword", 9);
	struct azs_rt_wifi_set psk64 =
		wifi(0, AZS_RT_WIFI_PSK,
		     "zz23456789012345678901234567890123456789012345678901234567890123", 64);
	struct azs_rt_wifi_set sec3 = wifi(0, AZS_RT_WIFI_SECURITY, "\x03", 1);
	struct azs_rt_wifi_set flag2 = wifi(0, AZS_RT_WIFI_ENABLED, "\x02", 1);
	struct azs_rt_wifi_set name17 = wifi(0, AZS_RT_WIFI_NAME, "01234567890123456", 17);
	struct azs_rt_wifi_set attr9 = wifi(0, 9, "x", 1);
	struct azs_rt_wifi_set neg_id = wifi(-1, AZS_RT_WIFI_SSID, "x", 1);
	struct azs_rt_wifi_set long_len = wifi(0, AZS_RT_WIFI_SSID, "x", 1);
	struct azs_rt_wifi_set garbage = wifi(0, AZS_RT_WIFI_SSID, "abc", 3);
	struct azs_rt_wifi_set padded = wifi(0, AZS_RT_WIFI_SSID, "abc", 3);
	char buf[AZS_RT_MSG_MAX + 64], why[160];
	struct azs_rt_request r;
	size_t n;

	struct azs_rt_net_iface_req if_empty = iface("", 1), if_upper = iface("WLAN0", 1),
				    if_slash = iface("../x", 0), if_long = iface("abcdefghijklmnop", 0),
				    if_flag2 = iface("wlan0", 2), if_after = iface("wlan0", 0),
				    if_pad = iface("wlan0", 1);
	static const struct azs_rt_u32 timesync2 = {2};

	if_after.name[8] = 'x';
	if_pad.pad = 1;
	long_len.len = 200;
	garbage.value[10] = 'z';
	padded.pad = 1;
	const struct bad_case cases[] = {
		{"unknown op 0", 0, NULL, 0, -EOPNOTSUPP, "unknown op 0"},
		{"unknown op", AZS_RT_OP_COUNT, NULL, 0, -EOPNOTSUPP, "unknown op"},
		{"a reply as a request", AZS_RT_OP_POWER | AZS_RT_REPLY, NULL, 0, -EOPNOTSUPP,
		 "unknown op"},
		{"payload on a bare op", AZS_RT_OP_NET_STATUS, &minus2, 4, -EBADMSG, "expected 0"},
		{"short payload", AZS_RT_OP_POWER, &profile3, 4, -EBADMSG, "expected 8"},
		{"power state", AZS_RT_OP_POWER, &bad_state, 8, -EBADMSG, "unknown state 7"},
		{"reboot residency", AZS_RT_OP_POWER, &reboot_residency, 8, -EBADMSG,
		 "no residency"},
		{"power-down 0 s", AZS_RT_OP_POWER, &down_zero, 8, -EINVAL, "residency 0"},
		{"power-down > 1 year", AZS_RT_OP_POWER, &down_long, 8, -EINVAL, "residency"},
		{"profile 3", AZS_RT_OP_POWER_PROFILE, &profile3, 4, -EINVAL, "profile 3"},
		{"event 0x8", AZS_RT_OP_SYSEVENT_SUBSCRIBE, &mask8, 4, -EINVAL, "unknown events"},
		{"defer UpdateStarted", AZS_RT_OP_SYSEVENT_DEFER, &defer_started, 8, -EINVAL,
		 "only UpdateReadyForInstall"},
		{"defer 0 min", AZS_RT_OP_SYSEVENT_DEFER, &defer_zero, 8, -EINVAL, "0 minutes"},
		{"defer 1441 min", AZS_RT_OP_SYSEVENT_DEFER, &defer_long, 8, -EINVAL,
		 "1441 minutes"},
		{"resume 0x2", AZS_RT_OP_SYSEVENT_RESUME, &resume2, 4, -EINVAL, "resumed"},
		{"forget -2", AZS_RT_OP_WIFI_FORGET, &minus2, 4, -EBADMSG, "network id -2"},
		{"empty SSID", AZS_RT_OP_WIFI_SET, &ssid0, sizeof(ssid0), -EBADMSG,
		 "SSID length 0"},
		{"33-byte SSID", AZS_RT_OP_WIFI_SET, &ssid33, sizeof(ssid33), -EBADMSG,
		 "SSID length 33"},
		{"7-char PSK", AZS_RT_OP_WIFI_SET, &psk7, sizeof(psk7), -EBADMSG, "PSK"},
		{"PSK with a newline", AZS_RT_OP_WIFI_SET, &psk_ctl, sizeof(psk_ctl), -EBADMSG,
		 "PSK"},
		{"64-char PSK not hex", AZS_RT_OP_WIFI_SET, &psk64, sizeof(psk64), -EBADMSG, "PSK"},
		{"EAP-TLS security", AZS_RT_OP_WIFI_SET, &sec3, sizeof(sec3), -EBADMSG, "security"},
		{"flag 2", AZS_RT_OP_WIFI_SET, &flag2, sizeof(flag2), -EBADMSG, "0 or 1"},
		{"17-char name", AZS_RT_OP_WIFI_SET, &name17, sizeof(name17), -EBADMSG,
		 "config name"},
		{"attribute 9", AZS_RT_OP_WIFI_SET, &attr9, sizeof(attr9), -EBADMSG, "attribute 9"},
		{"negative id", AZS_RT_OP_WIFI_SET, &neg_id, sizeof(neg_id), -EBADMSG, "negative"},
		{"length past the value", AZS_RT_OP_WIFI_SET, &long_len, sizeof(long_len), -EBADMSG,
		 "exceeds"},
		{"bytes after the value", AZS_RT_OP_WIFI_SET, &garbage, sizeof(garbage), -EBADMSG,
		 "not zero"},
		{"padding", AZS_RT_OP_WIFI_SET, &padded, sizeof(padded), -EBADMSG, "padding"},
		{"empty interface name", AZS_RT_OP_NET_SET_STATE, &if_empty, sizeof(if_empty),
		 -EBADMSG, "name length not in 1..15"},
		{"16-byte interface name", AZS_RT_OP_NET_DHCP, &if_long, sizeof(if_long), -EBADMSG,
		 "name length not in 1..15"},
		{"upper-case interface name", AZS_RT_OP_NET_SET_STATE, &if_upper, sizeof(if_upper),
		 -EBADMSG, "byte 0 (0x57) is not [a-z0-9]"},
		{"a path as interface name", AZS_RT_OP_NET_DHCP, &if_slash, sizeof(if_slash),
		 -EBADMSG, "net-dhcp: interface name byte 0 (0x2e)"},
		{"interface flag 2", AZS_RT_OP_NET_SET_STATE, &if_flag2, sizeof(if_flag2), -EBADMSG,
		 "flag 2 is not 0 or 1"},
		{"bytes after the interface name", AZS_RT_OP_NET_DHCP, &if_after, sizeof(if_after),
		 -EBADMSG, "after the interface name"},
		{"interface padding", AZS_RT_OP_NET_SET_STATE, &if_pad, sizeof(if_pad), -EBADMSG,
		 "net-set-state: padding"},
		{"short interface request", AZS_RT_OP_NET_DHCP, &if_pad, 20, -EBADMSG,
		 "expected 24"},
		{"time sync 2", AZS_RT_OP_TIMESYNC_SET, &timesync2, 4, -EBADMSG, "2 is not 0 or 1"},
		{"payload on interface listing", AZS_RT_OP_NET_IFACES, &timesync2, 4, -EBADMSG,
		 "expected 0"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		int ret;

		n = packet(buf, c->op, 42, c->payload, c->len);
		ret = decode(buf, n, &r, why);
		EXPECT_EQ(c->err, ret)
		{
			TH_LOG("%s: got %d (%s)", c->name, ret, why);
		}
		EXPECT_NE(NULL, strstr(why, c->why))
		{
			TH_LOG("%s: reason '%s' lacks '%s'", c->name, why, c->why);
		}
		/* The refusal can be answered: op and seq are known. */
		EXPECT_EQ(42u, r.seq);
	}
}

static struct azs_rt_net_ipconfig ipconfig(uint32_t flags)
{
	struct azs_rt_net_ipconfig c;
	static const uint8_t ip[4] = {192, 168, 7, 10}, mask[4] = {255, 255, 255, 0},
			     gw[4] = {192, 168, 7, 1};

	memset(&c, 0, sizeof(c));
	memcpy(c.name, "wlan0", 5);
	c.flags = flags;
	if (flags & AZS_RT_IPCFG_STATIC) {
		memcpy(c.ip, ip, 4);
		memcpy(c.mask, mask, 4);
		memcpy(c.gw, gw, 4);
	}
	if (flags & AZS_RT_IPCFG_CUSTOM_DNS) {
		c.n_dns = 2;
		memcpy(c.dns[0], gw, 4);
		memcpy(c.dns[1], ip, 4);
	}
	return c;
}

static struct azs_rt_ntp_config ntp(uint32_t mode, uint32_t fallback, const char *primary,
				    const char *secondary)
{
	struct azs_rt_ntp_config c;

	memset(&c, 0, sizeof(c));
	c.mode = mode;
	c.fallback = fallback;
	memcpy(c.primary, primary, strlen(primary));
	memcpy(c.secondary, secondary, strlen(secondary));
	return c;
}

static struct azs_rt_net_dhcpd dhcpd(uint8_t first, uint32_t count, uint32_t n_ntp)
{
	struct azs_rt_net_dhcpd c;
	static const uint8_t mask[4] = {255, 255, 255, 0}, ntp1[4] = {192, 168, 7, 10};

	memset(&c, 0, sizeof(c));
	memcpy(c.name, "wlan0", 5);
	c.start[0] = 192, c.start[1] = 168, c.start[2] = 7, c.start[3] = first;
	memcpy(c.mask, mask, 4);
	c.count = count;
	c.lease_hours = 24;
	c.n_ntp = n_ntp;
	for (uint32_t i = 0; i < n_ntp && i < AZS_RT_DNS_MAX; i++)
		memcpy(c.ntp[i], ntp1, 4);
	return c;
}

/* The network configuration requests: good ones decode, each broken rule is named. */
TEST(network_config)
{
	char buf[AZS_RT_MSG_MAX + 64], why[160];
	struct azs_rt_request r;
	struct azs_rt_net_ipconfig st = ipconfig(AZS_RT_IPCFG_STATIC | AZS_RT_IPCFG_CUSTOM_DNS),
				   dyn = ipconfig(0), bad_mask = st, dyn_addr = dyn,
				   dns4 = st, dns_zero = st, dns_after = st, dyn_dns = dyn,
				   loop = st, flags = st;
	struct azs_rt_ntp_config custom = ntp(AZS_RT_NTP_CUSTOM, 1, "ntp.test", "10.88.0.1"),
				 automatic = ntp(AZS_RT_NTP_AUTOMATIC, 1, "", ""),
				 dflt = ntp(AZS_RT_NTP_DEFAULT, 0, "", ""),
				 no_name = ntp(AZS_RT_NTP_CUSTOM, 0, "", ""),
				 space = ntp(AZS_RT_NTP_CUSTOM, 0, "bad name", ""),
				 dash = ntp(AZS_RT_NTP_CUSTOM, 0, "-x.test", ""),
				 names_auto = ntp(AZS_RT_NTP_AUTOMATIC, 0, "ntp.test", ""),
				 mode3 = ntp(3, 0, "", ""), fb2 = ntp(AZS_RT_NTP_AUTOMATIC, 2, "", ""),
				 dflt_fb = ntp(AZS_RT_NTP_DEFAULT, 1, "", ""),
				 unterminated = ntp(AZS_RT_NTP_CUSTOM, 0, "a", ""),
				 after_name = ntp(AZS_RT_NTP_CUSTOM, 0, "a", "");
	struct azs_rt_net_dhcpd pool = dhcpd(20, 4, 1), pool0 = dhcpd(20, 0, 0),
				pool_over = dhcpd(250, 10, 0), ntp4 = dhcpd(20, 4, 1),
				lease0 = dhcpd(20, 4, 0), zero_start = dhcpd(0, 4, 0);
	struct azs_rt_net_hwaddr mac = {.name = "wlan0", .addr = {0x02, 0, 0x5e, 1, 2, 3}},
				 multicast = mac, zero = mac, mac_pad = mac;
	struct azs_rt_net_iface_req sntp = iface("wlan0", 0), sntp_flag = iface("wlan0", 1);
	size_t n;

	bad_mask.mask[1] = 0;
	dyn_addr.ip[0] = 10;
	dns4.n_dns = 4;
	dns_zero.n_dns = 0;
	dns_after.n_dns = 1;
	dyn_dns.n_dns = 1;
	loop.ip[0] = 127;
	flags.flags |= 4;
	memset(unterminated.primary, 'a', sizeof(unterminated.primary));
	after_name.primary[5] = 'x';
	ntp4.n_ntp = 4;
	lease0.lease_hours = 0;
	multicast.addr[0] = 1;
	memset(zero.addr, 0, 6);
	mac_pad.pad[1] = 1;

	n = packet(buf, AZS_RT_OP_NET_IPCONFIG, 1, &st, sizeof(st));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(10, r.p.ipconfig.ip[3]);
	EXPECT_EQ(2u, r.p.ipconfig.n_dns);
	n = packet(buf, AZS_RT_OP_NET_IPCONFIG, 1, &dyn, sizeof(dyn));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	n = packet(buf, AZS_RT_OP_TIMESYNC_NTP, 1, &custom, sizeof(custom));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_STREQ("ntp.test", r.p.ntp.primary);
	EXPECT_STREQ("10.88.0.1", r.p.ntp.secondary);
	n = packet(buf, AZS_RT_OP_TIMESYNC_NTP, 1, &automatic, sizeof(automatic));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(1u, r.p.ntp.fallback);
	n = packet(buf, AZS_RT_OP_TIMESYNC_NTP, 1, &dflt, sizeof(dflt));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	n = packet(buf, AZS_RT_OP_NET_DHCPD, 1, &pool, sizeof(pool));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(4u, r.p.dhcpd.count);
	n = packet(buf, AZS_RT_OP_NET_HWADDR_SET, 1, &mac, sizeof(mac));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(0x5e, r.p.hwaddr.addr[2]);
	n = packet(buf, AZS_RT_OP_NET_SNTPD, 1, &sntp, sizeof(sntp));
	ASSERT_EQ(0, decode(buf, n, &r, why));

	const struct bad_case cases[] = {
		{"non-contiguous mask", AZS_RT_OP_NET_IPCONFIG, &bad_mask, sizeof(bad_mask), -EINVAL,
		 "not contiguous"},
		{"dynamic with an address", AZS_RT_OP_NET_IPCONFIG, &dyn_addr, sizeof(dyn_addr),
		 -EBADMSG, "dynamic, but an address"},
		{"four DNS servers", AZS_RT_OP_NET_IPCONFIG, &dns4, sizeof(dns4), -EINVAL,
		 "4 DNS servers"},
		{"custom DNS without servers", AZS_RT_OP_NET_IPCONFIG, &dns_zero, sizeof(dns_zero),
		 -EINVAL, "0 DNS servers"},
		{"bytes after the DNS servers", AZS_RT_OP_NET_IPCONFIG, &dns_after,
		 sizeof(dns_after), -EBADMSG, "after the DNS servers"},
		{"automatic DNS with servers", AZS_RT_OP_NET_IPCONFIG, &dyn_dns, sizeof(dyn_dns),
		 -EBADMSG, "automatic DNS, but"},
		{"loopback address", AZS_RT_OP_NET_IPCONFIG, &loop, sizeof(loop), -EINVAL,
		 "not a host address"},
		{"unknown flags", AZS_RT_OP_NET_IPCONFIG, &flags, sizeof(flags), -EBADMSG,
		 "unknown flags"},
		{"custom NTP without a name", AZS_RT_OP_TIMESYNC_NTP, &no_name, sizeof(no_name),
		 -EINVAL, "primary server is empty"},
		{"a space in a server name", AZS_RT_OP_TIMESYNC_NTP, &space, sizeof(space), -EINVAL,
		 "not a host name's"},
		{"a name starting with '-'", AZS_RT_OP_TIMESYNC_NTP, &dash, sizeof(dash), -EINVAL,
		 "starts with '-'"},
		{"names in automatic mode", AZS_RT_OP_TIMESYNC_NTP, &names_auto, sizeof(names_auto),
		 -EBADMSG, "without custom mode"},
		{"NTP mode 3", AZS_RT_OP_TIMESYNC_NTP, &mode3, sizeof(mode3), -EBADMSG,
		 "unknown mode 3"},
		{"fallback 2", AZS_RT_OP_TIMESYNC_NTP, &fb2, sizeof(fb2), -EINVAL,
		 "fallback option 2"},
		{"the default with a fallback", AZS_RT_OP_TIMESYNC_NTP, &dflt_fb, sizeof(dflt_fb),
		 -EBADMSG, "no fallback"},
		{"an unterminated name", AZS_RT_OP_TIMESYNC_NTP, &unterminated,
		 sizeof(unterminated), -EBADMSG, "not terminated"},
		{"bytes after a name", AZS_RT_OP_TIMESYNC_NTP, &after_name, sizeof(after_name),
		 -EBADMSG, "bytes after the primary"},
		{"an empty pool", AZS_RT_OP_NET_DHCPD, &pool0, sizeof(pool0), -EINVAL,
		 "0 addresses"},
		{"a pool past .254", AZS_RT_OP_NET_DHCPD, &pool_over, sizeof(pool_over), -EINVAL,
		 "do not fit"},
		{"four NTP servers for DHCP", AZS_RT_OP_NET_DHCPD, &ntp4, sizeof(ntp4), -EINVAL,
		 "4 NTP servers"},
		{"a lease of 0 hours", AZS_RT_OP_NET_DHCPD, &lease0, sizeof(lease0), -EINVAL,
		 "0 hours"},
		{"a pool at 192.168.7.0", AZS_RT_OP_NET_DHCPD, &zero_start, sizeof(zero_start),
		 -EINVAL, "do not fit"},
		{"a multicast hardware address", AZS_RT_OP_NET_HWADDR_SET, &multicast,
		 sizeof(multicast), -EINVAL, "not a unicast"},
		{"a zero hardware address", AZS_RT_OP_NET_HWADDR_SET, &zero, sizeof(zero), -EINVAL,
		 "not a unicast"},
		{"hardware address padding", AZS_RT_OP_NET_HWADDR_SET, &mac_pad, sizeof(mac_pad),
		 -EBADMSG, "padding"},
		{"SNTP with a flag", AZS_RT_OP_NET_SNTPD, &sntp_flag, sizeof(sntp_flag), -EBADMSG,
		 "flag is not 0"},
		{"short IP config", AZS_RT_OP_NET_IPCONFIG, &st, sizeof(st) - 4, -EBADMSG,
		 "payload"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		int ret;

		n = packet(buf, c->op, 42, c->payload, c->len);
		ret = decode(buf, n, &r, why);
		EXPECT_EQ(c->err, ret)
		{
			TH_LOG("%s: got %d (%s)", c->name, ret, why);
		}
		EXPECT_NE(NULL, strstr(why, c->why))
		{
			TH_LOG("%s: reason '%s' lacks '%s'", c->name, why, c->why);
		}
	}
}

static struct azs_rt_cert_id cert_id(const char *s)
{
	struct azs_rt_cert_id id;

	memset(&id, 0, sizeof(id));
	memcpy(id.id, s, strlen(s) < sizeof(id.id) ? strlen(s) : sizeof(id.id));
	return id;
}

/* CERT_INSTALL: a fixed part, then exactly the data its lengths announce. */
TEST(cert_install)
{
	char buf[AZS_RT_MSG_MAX + 64], payload[256], why[160];
	struct azs_rt_cert_install c = {
		.id = cert_id("root-ca"), .kind = AZS_RT_CERT_ROOT_CA, .cert_len = 10};
	struct azs_rt_cert_install k = {.id = cert_id("client"),
					.kind = AZS_RT_CERT_CLIENT,
					.cert_len = 4,
					.key_len = 3,
					.pw_len = 2};
	static const char *const bad_ids[] = {"",    "../x",  ".hidden",          "a/b",
					      "a b", "x\x01", "01234567890123456"};
	struct azs_rt_request r;
	size_t n;

	memcpy(payload, &c, sizeof(c));
	memcpy(payload + sizeof(c), "0123456789", 10);
	n = packet(buf, AZS_RT_OP_CERT_INSTALL, 5, payload, sizeof(c) + 10);
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(0, memcmp(r.cert, "0123456789", 10));
	/* One byte more or less than announced. */
	EXPECT_EQ(-EBADMSG,
		  decode(buf, packet(buf, AZS_RT_OP_CERT_INSTALL, 5, payload, sizeof(c) + 9), &r,
			 why));
	EXPECT_NE(NULL, strstr(why, "lengths add up to 46 bytes, payload is 45"));
	EXPECT_EQ(-EBADMSG,
		  decode(buf, packet(buf, AZS_RT_OP_CERT_INSTALL, 5, payload, sizeof(c) + 11), &r,
			 why));
	/* Client: certificate, key and password in order. */
	memcpy(payload, &k, sizeof(k));
	memcpy(payload + sizeof(k), "CERTKEYpw", 9);
	ASSERT_EQ(0, decode(buf, packet(buf, AZS_RT_OP_CERT_INSTALL, 6, payload, sizeof(k) + 9), &r,
			    why));
	EXPECT_EQ(0, memcmp(r.cert, "CERT", 4));
	EXPECT_EQ(0, memcmp(r.key, "KEY", 3));
	EXPECT_EQ(0, memcmp(r.password, "pw", 2));
	/* A root CA with a key, a client without one, too large, unknown kind. */
	c.key_len = 1;
	memcpy(payload, &c, sizeof(c));
	EXPECT_EQ(-EBADMSG,
		  decode(buf, packet(buf, AZS_RT_OP_CERT_INSTALL, 5, payload, sizeof(c) + 11), &r,
			 why));
	k.key_len = 0;
	memcpy(payload, &k, sizeof(k));
	EXPECT_EQ(-ERANGE,
		  decode(buf, packet(buf, AZS_RT_OP_CERT_INSTALL, 5, payload, sizeof(k) + 6), &r,
			 why));
	c.key_len = 0;
	c.cert_len = AZS_RT_CERT_MAX + 1;
	memcpy(payload, &c, sizeof(c));
	EXPECT_EQ(-ERANGE,
		  decode(buf, packet(buf, AZS_RT_OP_CERT_INSTALL, 5, payload, sizeof(c)), &r, why));
	c.cert_len = 1;
	c.kind = 7;
	memcpy(payload, &c, sizeof(c));
	EXPECT_EQ(-EBADMSG,
		  decode(buf, packet(buf, AZS_RT_OP_CERT_INSTALL, 5, payload, sizeof(c) + 1), &r,
			 why));
	/* Identifiers that could name a path, or are out of range. */
	for (size_t i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++) {
		struct azs_rt_cert_id id = cert_id(bad_ids[i]);
		int ret = decode(buf, packet(buf, AZS_RT_OP_CERT_DELETE, 1, &id, sizeof(id)), &r,
				 why);

		EXPECT_TRUE(ret == -EINVAL || ret == -ERANGE)
		{
			TH_LOG("identifier '%s' accepted (%d)", bad_ids[i], ret);
		}
	}
	{
		struct azs_rt_cert_id id = cert_id("ok-id_1.pem");

		id.id[18] = 'x'; /* garbage after the NUL */
		EXPECT_EQ(-EBADMSG,
			  decode(buf, packet(buf, AZS_RT_OP_CERT_DELETE, 1, &id, sizeof(id)), &r,
				 why));
		id.id[18] = 0;
		EXPECT_EQ(0, decode(buf, packet(buf, AZS_RT_OP_CERT_DELETE, 1, &id, sizeof(id)), &r,
				    why));
	}
}

TEST(broken_headers_are_refused)
{
	char buf[AZS_RT_MSG_MAX + 64], why[160];
	struct azs_rt_request r;
	struct azs_rt_hdr h;
	size_t n = packet(buf, AZS_RT_OP_NET_STATUS, 1, NULL, 0);

	EXPECT_EQ(-EBADMSG, decode(buf, 0, &r, why));
	EXPECT_EQ(-EBADMSG, decode(buf, n - 1, &r, why));
	EXPECT_NE(NULL, strstr(why, "shorter than a header"));
	memcpy(&h, buf, sizeof(h));
	h.magic ^= 1;
	memcpy(buf, &h, sizeof(h));
	EXPECT_EQ(-EBADMSG, decode(buf, n, &r, why));
	EXPECT_NE(NULL, strstr(why, "bad magic"));
	n = packet(buf, AZS_RT_OP_NET_STATUS, 1, NULL, 0);
	memcpy(&h, buf, sizeof(h));
	h.version = 2;
	memcpy(buf, &h, sizeof(h));
	EXPECT_EQ(-EPROTONOSUPPORT, decode(buf, n, &r, why));
	/* The header's length and the packet's must agree. */
	n = packet(buf, AZS_RT_OP_NET_STATUS, 1, NULL, 0);
	memcpy(&h, buf, sizeof(h));
	h.len = 4;
	memcpy(buf, &h, sizeof(h));
	EXPECT_EQ(-EBADMSG, decode(buf, n, &r, why));
	EXPECT_NE(NULL, strstr(why, "header says 4"));
	n = packet(buf, AZS_RT_OP_NET_STATUS, 1, NULL, 0);
	EXPECT_EQ(-EBADMSG, decode(buf, AZS_RT_MSG_MAX + 1, &r, why));
	EXPECT_NE(NULL, strstr(why, "longer than"));
}

static struct azs_rt_app_connect connect_req(const char *text, size_t len)
{
	struct azs_rt_app_connect c;

	memset(&c, 0, sizeof(c));
	memcpy(c.component_id, text, len);
	return c;
}

TEST(app_connect_requests)
{
	static const struct {
		const char *name, *text;
		int err;
		const char *why;
	} bad[] = {
		{"empty", "", -EINVAL, "component ID of 0 characters, not 36"},
		{"short", "c3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8b7", -EINVAL, "35 characters"},
		{"long", "c3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8b711", -EINVAL, "37 characters"},
		{"braces", "{3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8b7}", -EINVAL,
		 "byte 0 (0x7b) is not a hex digit"},
		{"dash moved", "c3e6b1a25-d4f-4e8a-9b7c-2f1e0d9c8b71", -EINVAL,
		 "byte 8 (0x35) is not '-'"},
		{"non-hex", "c3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8bxz", -EINVAL,
		 "byte 34 (0x78) is not a hex digit"},
		{"control byte", "c3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8b7\n", -EINVAL,
		 "byte 35 (0x0a)"},
		{"no dashes", "c3e6b1a25d4f4e8a9b7c2f1e0d9c8b710000", -EINVAL, "byte 8 (0x35)"},
	};
	char buf[256], why[160];
	struct azs_rt_request r;
	struct azs_rt_app_connect c;
	size_t n;

	c = connect_req("C3E6B1A2-5d4f-4e8a-9b7c-2f1e0d9c8b71", 36);
	n = packet(buf, AZS_RT_OP_APP_CONNECT, 9, &c, sizeof(c));
	ASSERT_EQ(0, decode(buf, n, &r, why));
	EXPECT_EQ(AZS_RT_OP_APP_CONNECT, r.op);
	EXPECT_STREQ("C3E6B1A2-5d4f-4e8a-9b7c-2f1e0d9c8b71", r.p.app_connect.component_id);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c = connect_req(bad[i].text, strlen(bad[i].text) > 40 ? 40 : strlen(bad[i].text));
		n = packet(buf, AZS_RT_OP_APP_CONNECT, 9, &c, sizeof(c));
		EXPECT_EQ(bad[i].err, decode(buf, n, &r, why)) TH_LOG("%s", bad[i].name);
		EXPECT_NE(NULL, strstr(why, bad[i].why)) TH_LOG("%s: '%s'", bad[i].name, why);
		EXPECT_EQ(AZS_RT_OP_APP_CONNECT, r.op); /* answerable */
	}
	/* Bytes after the terminator, wrong sizes. */
	c = connect_req("c3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8b71", 36);
	c.component_id[38] = 'x';
	n = packet(buf, AZS_RT_OP_APP_CONNECT, 9, &c, sizeof(c));
	EXPECT_EQ(-EBADMSG, decode(buf, n, &r, why));
	EXPECT_NE(NULL, strstr(why, "bytes after the component ID are not zero"));
	c.component_id[38] = 0;
	n = packet(buf, AZS_RT_OP_APP_CONNECT, 9, &c, 36);
	EXPECT_EQ(-EBADMSG, decode(buf, n, &r, why));
	EXPECT_NE(NULL, strstr(why, "payload is 36 bytes, expected 40"));
	n = packet(buf, AZS_RT_OP_APP_CONNECT, 9, &c, 0);
	EXPECT_EQ(-EBADMSG, decode(buf, n, &r, why));
}

/* Invariants of anything the decoder accepts. */
static void check_accepted(struct __test_metadata *_metadata, const struct azs_rt_request *r,
			   size_t len)
{
	ASSERT_GE(r->op, 1);
	ASSERT_LT(r->op, AZS_RT_OP_COUNT);
	if (r->op == AZS_RT_OP_CERT_INSTALL) {
		ASSERT_EQ(sizeof(struct azs_rt_hdr) + sizeof(struct azs_rt_cert_install) +
				  r->p.cert_install.cert_len + r->p.cert_install.key_len +
				  r->p.cert_install.pw_len,
			  len);
		ASSERT_LE(r->p.cert_install.cert_len, (uint32_t)AZS_RT_CERT_MAX);
	} else {
		ASSERT_EQ(sizeof(struct azs_rt_hdr) + (size_t)azs_rt_request_size(r->op), len);
	}
	if (r->op == AZS_RT_OP_WIFI_SET) {
		ASSERT_LE(r->p.wifi_set.len, sizeof(r->p.wifi_set.value));
		ASSERT_GE(r->p.wifi_set.id, 0);
	}
	if (r->op == AZS_RT_OP_SYSEVENT_DEFER)
		ASSERT_LE(r->p.defer.minutes, (uint32_t)AZS_RT_DEFER_MAX_MINUTES);
	if (r->op == AZS_RT_OP_NET_SET_STATE || r->op == AZS_RT_OP_NET_DHCP) {
		size_t k = strnlen(r->p.iface.name, sizeof(r->p.iface.name));

		ASSERT_GE(k, 1u);
		ASSERT_LE(k, (size_t)AZS_RT_IFNAME_MAX);
		ASSERT_LE(r->p.iface.flag, 1u);
	}
	if (r->op == AZS_RT_OP_TIMESYNC_SET)
		ASSERT_LE(r->p.u32.value, 1u);
	if (r->op == AZS_RT_OP_APP_CONNECT) {
		const char *t = r->p.app_connect.component_id;

		ASSERT_EQ(36u, strnlen(t, sizeof(r->p.app_connect.component_id)));
		ASSERT_TRUE(t[8] == '-' && t[13] == '-' && t[18] == '-' && t[23] == '-');
	}
	if (r->op == AZS_RT_OP_NET_IPCONFIG) {
		ASSERT_LE(r->p.ipconfig.n_dns, (uint32_t)AZS_RT_DNS_MAX);
		ASSERT_GE(strnlen(r->p.ipconfig.name, 16), 1u);
	}
	if (r->op == AZS_RT_OP_TIMESYNC_NTP) {
		ASSERT_LE(r->p.ntp.mode, (uint32_t)AZS_RT_NTP_CUSTOM);
		ASSERT_LE(strnlen(r->p.ntp.primary, sizeof(r->p.ntp.primary)),
			  (size_t)AZS_RT_NTP_NAME_MAX);
	}
	if (r->op == AZS_RT_OP_NET_DHCPD) {
		ASSERT_GE(r->p.dhcpd.count, 1u);
		ASSERT_LE(r->p.dhcpd.start[3] + r->p.dhcpd.count, 255u);
		ASSERT_LE(r->p.dhcpd.n_ntp, (uint32_t)AZS_RT_DNS_MAX);
	}
}

TEST(fuzz)
{
	char buf[AZS_RT_MSG_MAX + 64], why[160];
	struct azs_rt_wifi_set w = wifi(1, AZS_RT_WIFI_PSK, "password1", 9);
	struct azs_rt_net_iface_req q = iface("wlan0", 1);
	struct azs_rt_net_ipconfig ipc = ipconfig(AZS_RT_IPCFG_STATIC | AZS_RT_IPCFG_CUSTOM_DNS);
	struct azs_rt_net_dhcpd dc = dhcpd(20, 4, 1);
	struct azs_rt_request r;
	unsigned int seed = 20261121, accepted = 0;

	for (int i = 0; i < 200000; i++) {
		size_t n;

		if (i % 2) {
			/* A valid packet, mutated. */
			if (i % 8 == 1)
				n = packet(buf, AZS_RT_OP_WIFI_SET, (uint32_t)i, &w, sizeof(w));
			else if (i % 8 == 3)
				n = packet(buf, AZS_RT_OP_NET_DHCP, (uint32_t)i, &q, sizeof(q));
			else if (i % 8 == 5)
				n = packet(buf, AZS_RT_OP_NET_IPCONFIG, (uint32_t)i, &ipc, sizeof(ipc));
			else
				n = packet(buf, AZS_RT_OP_NET_DHCPD, (uint32_t)i, &dc, sizeof(dc));
			for (int k = rand_r(&seed) % 4; k >= 0; k--)
				buf[rand_r(&seed) % n] ^= (char)(1 << (rand_r(&seed) % 8));
			if (rand_r(&seed) % 8 == 0)
				n = (size_t)rand_r(&seed) % (n + 16);
		} else {
			/* Random bytes under a plausible header. */
			n = (size_t)rand_r(&seed) % 128;
			for (size_t k = 0; k < n; k++)
				buf[k] = (char)rand_r(&seed);
			if (n >= sizeof(struct azs_rt_hdr) && rand_r(&seed) % 2) {
				struct azs_rt_hdr h = {AZS_RT_MAGIC, AZS_RT_VERSION,
						       (uint16_t)(rand_r(&seed) % (AZS_RT_OP_COUNT + 2)), 0,
						       (uint32_t)(n - sizeof(h))};

				memcpy(buf, &h, sizeof(h));
			}
		}
		if (decode(buf, n, &r, why) == 0) {
			accepted++;
			check_accepted(_metadata, &r, n);
		} else {
			ASSERT_NE(0, why[0]);
		}
	}
	/* The mutations leave some packets valid: the decoder isn't refusing everything. */
	EXPECT_LT(0u, accepted);
}

TEST_HARNESS_MAIN
