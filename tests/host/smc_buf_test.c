// SPDX-License-Identifier: MIT
/*
 * Copy-in of a Normal World buffer (security-monitor/core/smc_buf.c) and
 * the capability file check on that copy (capfile.c azs_capfile_check):
 * the bounds rules, page by page fetches, and the double-fetch attack.
 *
 * "Normal World memory" is an array at a made-up physical address; the
 * fetch callback plays the monitor's page mapping and the verify callback
 * its signature check. The attacker rewrites the shared bytes while the
 * call runs (between page fetches, or while the signature is checked): the
 * monitor must never accept a capability set other than the signed one.
 */
#include "kselftest_harness.h"

#include "capfile.h"
#include "crc32.h"
#include "smc_buf.h"

#define PAGE     4096u
#define NW_BASE  0x80000000ull /* physical address of nw_mem[0] */
#define NW_PAGES 3

static u8 nw_mem[NW_PAGES * PAGE];

/* ---- fetch: the page mapping, with a log and an attacker hook ---------- */

struct fetch_log {
	int calls;
	u64 pa[8];
	u32 n[8];
	int fail_at;                      /* call number that fails, or -1 */
	void (*attack)(int call, void *); /* runs after each fetch */
	void *attack_ctx;
};

static int fetch(void *ctx, u64 pa, u8 *dst, u32 n)
{
	struct fetch_log *log = ctx;
	int call = log->calls++;

	if (call < 8) {
		log->pa[call] = pa;
		log->n[call] = n;
	}
	/* Never more than one page, never outside the memory we have. */
	if ((pa & ~(u64)(PAGE - 1)) != ((pa + n - 1) & ~(u64)(PAGE - 1)) || pa < NW_BASE ||
	    pa + n > NW_BASE + sizeof(nw_mem))
		return -EFAULT;
	if (call == log->fail_at)
		return -EFAULT;
	memcpy(dst, nw_mem + (pa - NW_BASE), n);
	if (log->attack)
		log->attack(call, log->attack_ctx);
	return 0;
}

static struct fetch_log new_log(void)
{
	struct fetch_log l;

	memset(&l, 0, sizeof(l));
	l.fail_at = -1;
	return l;
}

/* ---- bounds ------------------------------------------------------------ */

TEST(a_buffer_within_one_page_is_one_fetch)
{
	struct fetch_log log = new_log();
	u8 dst[256];

	memset(nw_mem, 0x11, sizeof(nw_mem));
	ASSERT_EQ(0, azs_smc_copy_in(NW_BASE + 64, 256, sizeof(dst), UINT64_MAX, PAGE, dst, fetch,
				     &log));
	EXPECT_EQ(1, log.calls);
	EXPECT_EQ(NW_BASE + 64, log.pa[0]);
	EXPECT_EQ(256u, log.n[0]);
}

TEST(a_buffer_across_a_page_boundary_is_fetched_per_page)
{
	struct fetch_log log = new_log();
	u8 dst[256];

	for (size_t i = 0; i < sizeof(nw_mem); i++)
		nw_mem[i] = (u8)(i * 7 + 3);
	ASSERT_EQ(0, azs_smc_copy_in(NW_BASE + PAGE - 100, 256, sizeof(dst), UINT64_MAX, PAGE, dst,
				     fetch, &log));
	ASSERT_EQ(2, log.calls);
	EXPECT_EQ(NW_BASE + PAGE - 100, log.pa[0]);
	EXPECT_EQ(100u, log.n[0]);
	EXPECT_EQ(NW_BASE + PAGE, log.pa[1]);
	EXPECT_EQ(156u, log.n[1]);
	EXPECT_EQ(0, memcmp(dst, nw_mem + PAGE - 100, 256));
}

TEST(a_buffer_over_three_pages_is_three_fetches)
{
	struct fetch_log log = new_log();
	static u8 dst[2 * PAGE];

	ASSERT_EQ(0, azs_smc_copy_in(NW_BASE + PAGE - 1, PAGE + 2, sizeof(dst), UINT64_MAX, PAGE,
				     dst, fetch, &log));
	ASSERT_EQ(3, log.calls);
	EXPECT_EQ(1u, log.n[0]);
	EXPECT_EQ(PAGE, log.n[1]);
	EXPECT_EQ(1u, log.n[2]);
	EXPECT_EQ(0, memcmp(dst, nw_mem + PAGE - 1, PAGE + 2));
}

TEST(length_zero_or_above_the_limit_is_refused_before_any_fetch)
{
	static const u64 lens[] = {0, 257, 4096, 0x100000000ull, UINT64_MAX};
	struct fetch_log log = new_log();
	u8 dst[256];

	for (size_t i = 0; i < ARRAY_SIZE(lens); i++) {
		EXPECT_EQ(-EMSGSIZE, azs_smc_copy_in(NW_BASE, lens[i], sizeof(dst), UINT64_MAX,
						     PAGE, dst, fetch, &log))
		TH_LOG("length %llu", (unsigned long long)lens[i]);
	}
	EXPECT_EQ(0, log.calls);
}

TEST(an_address_range_that_wraps_or_ends_beyond_the_limit_is_refused)
{
	struct fetch_log log = new_log();
	u8 dst[256];

	/* Wraps around the top of the address space. */
	EXPECT_EQ(-ERANGE, azs_smc_copy_in(UINT64_MAX - 10, 256, sizeof(dst), UINT64_MAX, PAGE, dst,
					   fetch, &log));
	EXPECT_EQ(-ERANGE,
		  azs_smc_copy_in(UINT64_MAX, 2, sizeof(dst), UINT64_MAX, PAGE, dst, fetch, &log));
	/* A 32-bit physical address space (ARM without LPAE). */
	EXPECT_EQ(-ERANGE, azs_smc_copy_in(0xffffff80ull, 256, sizeof(dst), 0xffffffffull, PAGE,
					   dst, fetch, &log));
	EXPECT_EQ(-ERANGE, azs_smc_copy_in(0x100000000ull, 16, sizeof(dst), 0xffffffffull, PAGE,
					   dst, fetch, &log));
	EXPECT_EQ(0, log.calls);
	/* The last byte exactly at the limit is fine (it reaches fetch). */
	EXPECT_EQ(-EFAULT, azs_smc_copy_in(0xffffff00ull, 256, sizeof(dst), 0xffffffffull, PAGE,
					   dst, fetch, &log));
	EXPECT_EQ(1, log.calls);
}

TEST(a_page_size_that_is_not_a_power_of_two_is_refused)
{
	struct fetch_log log = new_log();
	u8 dst[256];

	EXPECT_EQ(-EINVAL,
		  azs_smc_copy_in(NW_BASE, 16, sizeof(dst), UINT64_MAX, 0, dst, fetch, &log));
	EXPECT_EQ(-EINVAL,
		  azs_smc_copy_in(NW_BASE, 16, sizeof(dst), UINT64_MAX, 3000, dst, fetch, &log));
	EXPECT_EQ(0, log.calls);
}

TEST(a_page_that_is_not_ordinary_memory_fails_the_copy)
{
	struct fetch_log log = new_log();
	u8 dst[256];

	log.fail_at = 1; /* the second page */
	EXPECT_EQ(-EFAULT, azs_smc_copy_in(NW_BASE + PAGE - 8, 256, sizeof(dst), UINT64_MAX, PAGE,
					   dst, fetch, &log));
	EXPECT_EQ(2, log.calls);
}

/* ---- the capability file check on one copy ---------------------------- */

#define NARROW (1ull << AZS_CAP_APP_DEVELOPMENT)
#define WIDE   (NARROW | (1ull << AZS_CAP_ENABLE_PLUTON_DEBUG) | (1ull << AZS_CAP_ENABLE_HLOS_DEBUG))

static void put_le32(u8 *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)(v >> (8 * i));
}

/*
 * The stand-in signature: CRC-32 of the signed bytes (and of them with a
 * salt) in r || s. Only "does it cover exactly these bytes" matters here.
 */
static void toy_sign(const u8 *msg, u32 len, u8 sig[64])
{
	u8 salted[AZS_CAPFILE_SIGNED_LEN];

	memcpy(salted, msg, len);
	salted[0] ^= 0x5a;
	memset(sig, 0, 64);
	put_le32(sig, azs_crc32(msg, len));
	put_le32(sig + 32, azs_crc32(salted, len));
}

static void build_file(u8 f[AZS_CAPFILE_SIZE], bool wide)
{
	memset(f, 0, AZS_CAPFILE_SIZE);
	put_le32(f, AZS_CAPFILE_MAGIC);
	put_le32(f + 4, AZS_CAPFILE_VERSION);
	put_le32(f + 8, AZS_CAPFILE_SIZE);
	f[16] = 9; /* sequence 9 */
	for (int i = 0; i < AZS_DEVICE_ID_SIZE; i++)
		f[24 + i] = (u8)(0x30 + i);
	f[88] = AZS_CAP_APP_DEVELOPMENT;
	if (wide) {
		f[89] = AZS_CAP_ENABLE_PLUTON_DEBUG;
		f[90] = AZS_CAP_ENABLE_HLOS_DEBUG;
	}
	memset(f + 152, 0xc1, 8); /* the capability key's id */
}

/* The signed (narrow) file and the attacker's wide edit of it. */
static u8 signed_file[AZS_CAPFILE_SIZE], wide_file[AZS_CAPFILE_SIZE];

static void make_files(void)
{
	build_file(signed_file, false);
	toy_sign(signed_file, AZS_CAPFILE_SIGNED_LEN, signed_file + AZS_CAPFILE_SIGNED_LEN);
	build_file(wide_file, true);
	/* The edit keeps the signature: only the capability slots differ. */
	memcpy(wide_file + AZS_CAPFILE_SIGNED_LEN, signed_file + AZS_CAPFILE_SIGNED_LEN, 64);
}

/* Where the file sits in Normal World memory: across a page boundary. */
#define FILE_OFF (PAGE - 90)

struct attacker {
	int flips;   /* how often the attacker swapped the shared bytes */
	int pattern; /* bit i: what to put in after step i (1 wide, 0 signed) */
	const u8 *verified_msg;
};

static void attacker_step(int step, void *ctx)
{
	struct attacker *a = ctx;

	memcpy(nw_mem + FILE_OFF, (a->pattern >> step) & 1 ? wide_file : signed_file,
	       AZS_CAPFILE_SIZE);
	a->flips++;
}

static int toy_verify(void *ctx, const u8 key_id[AZS_KEY_ID_SIZE], const u8 *msg, u32 len,
		      const u8 sig[64])
{
	struct attacker *a = ctx;
	u8 want[64];

	for (int i = 0; i < AZS_KEY_ID_SIZE; i++)
		if (key_id[i] != 0xc1)
			return -ENOKEY;
	/* The attacker swaps the signed bytes back while the check runs. */
	attacker_step(4, a);
	a->verified_msg = msg;
	toy_sign(msg, len, want);
	return memcmp(want, sig, 64) ? -EKEYREJECTED : 0;
}

TEST(the_signed_file_is_accepted_from_the_copy)
{
	struct fetch_log log = new_log();
	struct attacker a = {.pattern = 0};
	u8 copy[AZS_CAPFILE_SIZE];
	struct azs_capfile cf;
	u32 reason = 0xdead;

	make_files();
	memcpy(nw_mem + FILE_OFF, signed_file, AZS_CAPFILE_SIZE);
	ASSERT_EQ(0, azs_smc_copy_in(NW_BASE + FILE_OFF, AZS_CAPFILE_SIZE, sizeof(copy), UINT64_MAX,
				     PAGE, copy, fetch, &log));
	ASSERT_EQ(0, azs_capfile_check(copy, sizeof(copy), &cf, &reason, toy_verify, &a));
	EXPECT_EQ((u32)AZS_CAPFILE_OK, reason);
	EXPECT_EQ(NARROW, cf.present);
	EXPECT_TRUE((const u8 *)copy == a.verified_msg)
	TH_LOG("verified bytes other than the parsed copy");
}

/*
 * The attack of the old monitor, which parsed the shared buffer and then
 * verified the shared buffer again: wide bytes for the parse, the signed
 * bytes back for the signature check. Shown here on the shared memory
 * itself, so the test below is known to test something real.
 */
TEST(double_fetch_of_the_shared_buffer_would_accept_the_wide_set)
{
	struct attacker a = {.pattern = 0}; /* verify's swap puts the signed bytes back */
	const u8 *shared = nw_mem + FILE_OFF;
	struct azs_capfile cf;
	u32 reason;

	make_files();
	memcpy(nw_mem + FILE_OFF, wide_file, AZS_CAPFILE_SIZE);
	ASSERT_EQ(0, azs_capfile_parse(shared, AZS_CAPFILE_SIZE, &cf, &reason));
	EXPECT_EQ(WIDE, cf.present);
	EXPECT_EQ(0, toy_verify(&a, cf.key_id, shared, AZS_CAPFILE_SIGNED_LEN, cf.signature))
	TH_LOG("the second fetch saw the signed bytes: a wide set would be accepted");
}

TEST(wide_bytes_copied_in_are_refused_although_the_shared_buffer_changes_back)
{
	struct fetch_log log = new_log();
	struct attacker a = {.pattern = 0};
	u8 copy[AZS_CAPFILE_SIZE];
	struct azs_capfile cf;
	u32 reason = 0xdead;

	make_files();
	memcpy(nw_mem + FILE_OFF, wide_file, AZS_CAPFILE_SIZE);
	ASSERT_EQ(0, azs_smc_copy_in(NW_BASE + FILE_OFF, AZS_CAPFILE_SIZE, sizeof(copy), UINT64_MAX,
				     PAGE, copy, fetch, &log));
	EXPECT_EQ(-EKEYREJECTED,
		  azs_capfile_check(copy, sizeof(copy), &cf, &reason, toy_verify, &a));
	EXPECT_EQ((u32)AZS_CAPFILE_BAD_SIGNATURE, reason);
	EXPECT_EQ(1, a.flips) TH_LOG("the attacker did not run");
	EXPECT_EQ(0, memcmp(nw_mem + FILE_OFF, signed_file, AZS_CAPFILE_SIZE));
	EXPECT_TRUE((const u8 *)copy == a.verified_msg);
}

/*
 * Every schedule of swaps between the two page fetches and the signature
 * check: accepted only ever with the signed (narrow) set, from the bytes
 * that were parsed.
 */
TEST(no_schedule_of_swaps_gets_a_wider_set_accepted)
{
	int accepted = 0, refused = 0;

	make_files();
	for (int start = 0; start < 2; start++) {
		for (int pattern = 0; pattern < 32; pattern++) {
			struct fetch_log log = new_log();
			struct attacker a = {.pattern = pattern};
			u8 copy[AZS_CAPFILE_SIZE];
			struct azs_capfile cf;
			u32 reason;
			int ret;

			memcpy(nw_mem + FILE_OFF, start ? wide_file : signed_file,
			       AZS_CAPFILE_SIZE);
			log.attack = attacker_step;
			log.attack_ctx = &a;
			ret = azs_smc_copy_in(NW_BASE + FILE_OFF, AZS_CAPFILE_SIZE, sizeof(copy),
					      UINT64_MAX, PAGE, copy, fetch, &log);
			ASSERT_EQ(0, ret);
			ASSERT_EQ(2, log.calls);
			ret = azs_capfile_check(copy, sizeof(copy), &cf, &reason, toy_verify, &a);
			if (ret == 0) {
				accepted++;
				EXPECT_EQ(NARROW, cf.present)
				TH_LOG("start %d pattern %#x: a wider set was accepted", start,
				       pattern);
			} else {
				refused++;
				EXPECT_EQ((u32)AZS_CAPFILE_BAD_SIGNATURE, reason);
			}
			EXPECT_TRUE((const u8 *)copy == a.verified_msg);
		}
	}
	/* Both outcomes occur: torn copies are refused, whole ones accepted. */
	EXPECT_LT(0, accepted);
	EXPECT_LT(0, refused);
}

TEST(an_unknown_signer_is_named)
{
	struct attacker a = {0};
	u8 copy[AZS_CAPFILE_SIZE];
	struct azs_capfile cf;
	u32 reason;

	make_files();
	memcpy(copy, signed_file, sizeof(copy));
	copy[152] ^= 1;
	EXPECT_EQ(-EKEYREJECTED,
		  azs_capfile_check(copy, sizeof(copy), &cf, &reason, toy_verify, &a));
	EXPECT_EQ((u32)AZS_CAPFILE_UNKNOWN_SIGNER, reason);
}

TEST(a_structural_error_is_refused_before_the_signature_check)
{
	struct attacker a = {0};
	u8 copy[AZS_CAPFILE_SIZE];
	struct azs_capfile cf;
	u32 reason;

	make_files();
	memcpy(copy, signed_file, sizeof(copy));
	copy[0] ^= 1;
	EXPECT_EQ(-EINVAL, azs_capfile_check(copy, sizeof(copy), &cf, &reason, toy_verify, &a));
	EXPECT_EQ((u32)AZS_CAPFILE_BAD_MAGIC, reason);
	EXPECT_TRUE(a.verified_msg == NULL);
}

TEST_HARNESS_MAIN
