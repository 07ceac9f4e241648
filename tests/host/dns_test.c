// SPDX-License-Identifier: MIT
/*
 * The runtime's DNS client (containerd-lite/lib/dns.c): the query's bytes,
 * answers read strictly (the id, the question, A records for the name or
 * its CNAME chain only, compression, NXDOMAIN, truncation), and malformed or
 * hostile answers (pointer loops, lengths past the end, records for other
 * names) refused; a fuzz loop under AddressSanitizer and UBSan.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "kselftest_harness.h"

/* An answer to QNAME with ID, built by hand: header, question, then RRs appended. */
struct msg {
	uint8_t b[AZS_DNS_MSG_MAX];
	size_t n;
};

static void put(struct msg *m, const void *p, size_t n)
{
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void put16(struct msg *m, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};

	put(m, b, 2);
}

static void put_name(struct msg *m, const char *name)
{
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t l = dot ? (size_t)(dot - name) : strlen(name);
		uint8_t c = (uint8_t)l;

		put(m, &c, 1);
		put(m, name, l);
		name += l + (dot ? 1 : 0);
	}
	put(m, "", 1);
}

static void start(struct msg *m, uint16_t id, uint16_t flags, uint16_t an, const char *qname)
{
	m->n = 0;
	put16(m, id);
	put16(m, flags);
	put16(m, 1);
	put16(m, an);
	put16(m, 0);
	put16(m, 0);
	put_name(m, qname);
	put16(m, 1);
	put16(m, 1);
}

static void rr_a(struct msg *m, const uint8_t *owner, size_t owner_len, uint32_t addr)
{
	put(m, owner, owner_len);
	put16(m, 1);
	put16(m, 1);
	put16(m, 0);
	put16(m, 60);
	put16(m, 4);
	put16(m, (uint16_t)(addr >> 16));
	put16(m, (uint16_t)addr);
}

static const uint8_t at_question[2] = {0xc0, 12}; /* a pointer to the question's name */

TEST(query_bytes)
{
	uint8_t b[AZS_DNS_MSG_MAX];
	static const uint8_t want[] = {0x12, 0x34, 0x01, 0x00, 0,   1,   0,   0,   0,   0,
				       0,    0,    7,    'a',  'l', 'l', 'o', 'w', 'e', 'd',
				       4,    't',  'e',  's',  't', 0,   0,   1,   0,   1};
	int n = azs_dns_query("allowed.test", 0x1234, b, sizeof(b));

	ASSERT_EQ((int)sizeof(want), n);
	EXPECT_EQ(0, memcmp(want, b, sizeof(want)));
	EXPECT_EQ(-EINVAL, azs_dns_query("10.1.2.3", 1, b, sizeof(b)));
	EXPECT_EQ(-EINVAL, azs_dns_query("bad name", 1, b, sizeof(b)));
	EXPECT_EQ(-EINVAL, azs_dns_query("a..b", 1, b, sizeof(b)));
	EXPECT_EQ(-ENOSPC, azs_dns_query("allowed.test", 1, b, 20));
}

TEST(a_records_with_compression)
{
	uint32_t addrs[4];
	struct msg m;
	size_t n;

	start(&m, 7, 0x8180, 2, "allowed.test");
	rr_a(&m, at_question, 2, 0x0a4d0102);
	rr_a(&m, at_question, 2, 0x0a4d0103);
	ASSERT_EQ(0, azs_dns_answer(m.b, m.n, 7, "allowed.test", addrs, 4, &n));
	ASSERT_EQ(2u, n);
	EXPECT_EQ(0x0a4d0102u, addrs[0]);
	EXPECT_EQ(0x0a4d0103u, addrs[1]);
	/* Case differs: the same name. At most MAX addresses. */
	ASSERT_EQ(0, azs_dns_answer(m.b, m.n, 7, "Allowed.TEST", addrs, 1, &n));
	EXPECT_EQ(1u, n);
	/* Another id, another question: not our answer. */
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 8, "allowed.test", addrs, 4, &n));
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 7, "other.test", addrs, 4, &n));
}

TEST(a_cname_chain_is_followed_other_names_ignored)
{
	uint32_t addrs[4];
	struct msg m;
	size_t n, cname_target;

	start(&m, 9, 0x8180, 3, "www.allowed.test");
	/* A record for a name nobody asked about: ignored. */
	put_name(&m, "evil.test");
	put16(&m, 1), put16(&m, 1), put16(&m, 0), put16(&m, 60), put16(&m, 4);
	put16(&m, 0x0101), put16(&m, 0x0101);
	/* www.allowed.test CNAME edge.allowed.test */
	put(&m, at_question, 2);
	put16(&m, 5), put16(&m, 1), put16(&m, 0), put16(&m, 60), put16(&m, 5 + 2);
	cname_target = m.n;
	put(&m,
	    "\x04"
	    "edge",
	    5);
	put16(&m, 0xc000 | (12 + 4)); /* "allowed.test" inside the question */
	/* edge.allowed.test A 10.77.1.9 (by pointer to the CNAME's target) */
	put16(&m, (uint16_t)(0xc000 | cname_target));
	put16(&m, 1), put16(&m, 1), put16(&m, 0), put16(&m, 60), put16(&m, 4);
	put16(&m, 0x0a4d), put16(&m, 0x0109);
	ASSERT_EQ(0, azs_dns_answer(m.b, m.n, 9, "www.allowed.test", addrs, 4, &n));
	ASSERT_EQ(1u, n);
	EXPECT_EQ(0x0a4d0109u, addrs[0]);
}

TEST(failures)
{
	uint32_t addrs[4];
	struct msg m;
	size_t n;

	start(&m, 1, 0x8183, 0, "nowhere.test"); /* NXDOMAIN */
	EXPECT_EQ(-ENOENT, azs_dns_answer(m.b, m.n, 1, "nowhere.test", addrs, 4, &n));
	start(&m, 1, 0x8180, 0, "empty.test"); /* no A record */
	EXPECT_EQ(-ENOENT, azs_dns_answer(m.b, m.n, 1, "empty.test", addrs, 4, &n));
	start(&m, 1, 0x8182, 0, "x.test"); /* SERVFAIL */
	EXPECT_EQ(-EAGAIN, azs_dns_answer(m.b, m.n, 1, "x.test", addrs, 4, &n));
	start(&m, 1, 0x8380, 0, "x.test"); /* truncated */
	EXPECT_EQ(-EAGAIN, azs_dns_answer(m.b, m.n, 1, "x.test", addrs, 4, &n));
	start(&m, 1, 0x0100, 0, "x.test"); /* a query, not a response */
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 1, "x.test", addrs, 4, &n));
}

TEST(hostile_answers)
{
	uint32_t addrs[4];
	struct msg m;
	size_t n, base;

	/* A pointer to itself. */
	start(&m, 2, 0x8180, 1, "a.test");
	base = m.n;
	put16(&m, (uint16_t)(0xc000 | base));
	put16(&m, 1), put16(&m, 1), put16(&m, 0), put16(&m, 60), put16(&m, 4), put16(&m, 1),
		put16(&m, 1);
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 2, "a.test", addrs, 4, &n));
	/* A pointer forwards. */
	m.b[base] = 0xc0;
	m.b[base + 1] = (uint8_t)(base + 4);
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 2, "a.test", addrs, 4, &n));
	/* RDLENGTH past the end, and an A record of 5 bytes. */
	start(&m, 3, 0x8180, 1, "a.test");
	rr_a(&m, at_question, 2, 1);
	m.b[m.n - 5] = 40;
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 3, "a.test", addrs, 4, &n));
	m.b[m.n - 5] = 5;
	put(&m, "x", 1);
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 3, "a.test", addrs, 4, &n));
	/* Fewer records than announced. */
	start(&m, 4, 0x8180, 3, "a.test");
	rr_a(&m, at_question, 2, 1);
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, m.n, 4, "a.test", addrs, 4, &n));
	/* Longer than a UDP answer may be. */
	EXPECT_EQ(-EBADMSG, azs_dns_answer(m.b, AZS_DNS_MSG_MAX + 1, 4, "a.test", addrs, 4, &n));
}

TEST(nameservers)
{
	static const char conf[] =
		"# comment\nnameserver 10.77.3.2\nsearch x\n"
		"nameserver fe80::1\n  nameserver   192.168.0.1  \nnameserver 1.2.3\n";
	uint32_t s[4];

	ASSERT_EQ(2u, azs_dns_nameservers(conf, strlen(conf), s, 4));
	EXPECT_EQ(0x0a4d0302u, s[0]);
	EXPECT_EQ(0xc0a80001u, s[1]);
	EXPECT_EQ(1u, azs_dns_nameservers(conf, strlen(conf), s, 1));
	EXPECT_EQ(0u, azs_dns_nameservers(conf, 0, s, 4));
}

TEST(fuzz)
{
	unsigned int seed = 53;
	uint32_t addrs[4];
	struct msg good, m;
	size_t n;

	start(&good, 5, 0x8180, 2, "allowed.test");
	rr_a(&good, at_question, 2, 0x0a4d0102);
	put(&good, at_question, 2);
	put16(&good, 5), put16(&good, 1), put16(&good, 0), put16(&good, 60), put16(&good, 2);
	put16(&good, 0xc00c);
	for (int i = 0; i < 200000; i++) {
		m = good;
		for (int k = rand_r(&seed) % 4; k >= 0; k--)
			m.b[rand_r(&seed) % m.n] ^= (uint8_t)(1 << (rand_r(&seed) % 8));
		if (rand_r(&seed) % 8 == 0)
			m.n = (size_t)rand_r(&seed) % (m.n + 1);
		if (azs_dns_answer(m.b, m.n, 5, "allowed.test", addrs, 4, &n) == 0)
			ASSERT_LE(n, 4u);
	}
}

TEST_HARNESS_MAIN
