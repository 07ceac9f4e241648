// SPDX-License-Identifier: MIT
/*
 * The security monitor's simulated firewall registers and lock latch
 * (security-monitor/core/fw_regs.c), over every block of the generated
 * inventory.
 */
#include "kselftest_harness.h"

#include "fw_regs.h"

static bool core_allowed(u32 function, u32 core)
{
	return azs_inv_function_cores[function] & AZS_INV_CORE(core);
}

static bool block_serves(u32 block, u32 function)
{
	return azs_inv_blocks[block].functions & AZS_INV_FN(function);
}

/* Read block's register back; the read itself must succeed. */
static void read_reg(struct __test_metadata *_metadata, const struct azs_fw_regs *r, u32 block,
		     u32 *core, u32 *function)
{
	*core = 0xdead;
	*function = 0xbeef;
	ASSERT_EQ(0, azs_fw_regs_read(r, block, core, function)) TH_LOG("block %u", block);
}

static void expect_reg(struct __test_metadata *_metadata, const struct azs_fw_regs *r, u32 block,
		       u32 want_core, u32 want_function)
{
	u32 core, function;

	read_reg(_metadata, r, block, &core, &function);
	EXPECT_EQ(want_core, core) TH_LOG("block %s", azs_inv_blocks[block].name);
	EXPECT_EQ(want_function, function) TH_LOG("block %s", azs_inv_blocks[block].name);
}

TEST(reset_leaves_every_block_unassigned_and_unlocked)
{
	struct azs_fw_regs r;

	memset(&r, 0xff, sizeof(r));
	azs_fw_regs_reset(&r);
	EXPECT_FALSE(r.locked);
	EXPECT_EQ(0u, r.generation);
	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++)
		expect_reg(_metadata, &r, b, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE);
}

/*
 * Every block, every function it serves, every core: allowed cores take the
 * write and read it back; the others are -EINVAL and leave it unassigned.
 */
TEST(every_block_function_and_core)
{
	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		for (u32 fn = AZS_FW_KIND_GPIO; fn <= AZS_FW_KIND_MAX; fn++) {
			if (!block_serves(b, fn))
				continue;
			for (u32 core = AZS_FW_CORE_HL; core <= AZS_FW_CORE_MAX; core++) {
				struct azs_fw_regs r;
				int want = core_allowed(fn, core) ? 0 : -EINVAL;

				azs_fw_regs_reset(&r);
				EXPECT_EQ(want, azs_fw_regs_write(&r, b, core, fn))
				TH_LOG("%s: core %u function %u", azs_inv_blocks[b].name, core, fn);
				if (want) {
					expect_reg(_metadata, &r, b, AZS_FW_CORE_NONE,
						   AZS_FW_KIND_NONE);
					EXPECT_EQ(0u, r.generation);
					continue;
				}
				expect_reg(_metadata, &r, b, core, fn);
				EXPECT_EQ(1u, r.generation);
				/* Other blocks are untouched. */
				for (u32 o = 0; o < AZS_INV_NUM_BLOCKS; o++) {
					if (o != b)
						expect_reg(_metadata, &r, o, AZS_FW_CORE_NONE,
							   AZS_FW_KIND_NONE);
				}
				/* Rewriting the same value is allowed. */
				EXPECT_EQ(0, azs_fw_regs_write(&r, b, core, fn));
				expect_reg(_metadata, &r, b, core, fn);
				/* Back to unassigned. */
				EXPECT_EQ(0, azs_fw_regs_write(&r, b, AZS_FW_CORE_NONE,
							       AZS_FW_KIND_NONE));
				expect_reg(_metadata, &r, b, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE);
				EXPECT_EQ(3u, r.generation);
			}
		}
	}
}

TEST(all_blocks_assigned_at_once)
{
	struct azs_fw_regs r;
	u32 want_core[AZS_INV_NUM_BLOCKS], want_fn[AZS_INV_NUM_BLOCKS];

	azs_fw_regs_reset(&r);
	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		/* The block's last function, on a core that may take it. */
		want_fn[b] = AZS_FW_KIND_NONE;
		for (u32 fn = AZS_FW_KIND_GPIO; fn <= AZS_FW_KIND_MAX; fn++)
			if (block_serves(b, fn))
				want_fn[b] = fn;
		want_core[b] = AZS_FW_CORE_HL + b % 3;
		if (!core_allowed(want_fn[b], want_core[b]))
			want_core[b] = AZS_FW_CORE_IO1;
		ASSERT_EQ(0, azs_fw_regs_write(&r, b, want_core[b], want_fn[b]))
		TH_LOG("%s", azs_inv_blocks[b].name);
	}
	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++)
		expect_reg(_metadata, &r, b, want_core[b], want_fn[b]);
	EXPECT_EQ((u32)AZS_INV_NUM_BLOCKS, r.generation);
}

TEST(bad_block_is_einval)
{
	static const u32 blocks[] = {AZS_INV_NUM_BLOCKS, AZS_INV_NUM_BLOCKS + 1, 255, 0x80000000u,
				     0xffffffffu};
	struct azs_fw_regs r, before;
	u32 core = 7, function = 7;

	azs_fw_regs_reset(&r);
	before = r;
	for (size_t i = 0; i < ARRAY_SIZE(blocks); i++) {
		EXPECT_EQ(-EINVAL,
			  azs_fw_regs_write(&r, blocks[i], AZS_FW_CORE_HL, AZS_FW_KIND_GPIO))
		TH_LOG("block %u", blocks[i]);
		EXPECT_EQ(-EINVAL,
			  azs_fw_regs_write(&r, blocks[i], AZS_FW_CORE_NONE, AZS_FW_KIND_NONE))
		TH_LOG("block %u", blocks[i]);
		EXPECT_EQ(-EINVAL, azs_fw_regs_read(&r, blocks[i], &core, &function))
		TH_LOG("block %u", blocks[i]);
	}
	EXPECT_EQ(0, memcmp(&before, &r, sizeof(r)));
}

TEST(bad_core_or_function_is_einval)
{
	static const struct {
		u32 core, function;
	} cases[] = {
		{AZS_FW_CORE_MAX + 1, AZS_FW_KIND_GPIO},
		{0xffffffffu, AZS_FW_KIND_GPIO},
		{AZS_FW_CORE_HL, AZS_FW_KIND_MAX + 1},
		{AZS_FW_CORE_IO0, 0xffffffffu},
		{AZS_FW_CORE_MAX + 1, AZS_FW_KIND_NONE},
		{AZS_FW_CORE_NONE, AZS_FW_KIND_MAX + 1},
		/* NONE is both or neither. */
		{AZS_FW_CORE_NONE, AZS_FW_KIND_GPIO},
		{AZS_FW_CORE_NONE, AZS_FW_KIND_UART},
		{AZS_FW_CORE_NONE, AZS_FW_KIND_I2S},
		{AZS_FW_CORE_HL, AZS_FW_KIND_NONE},
		{AZS_FW_CORE_IO0, AZS_FW_KIND_NONE},
		{AZS_FW_CORE_IO1, AZS_FW_KIND_NONE},
	};

	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
			struct azs_fw_regs r;

			azs_fw_regs_reset(&r);
			EXPECT_EQ(-EINVAL,
				  azs_fw_regs_write(&r, b, cases[i].core, cases[i].function))
			TH_LOG("%s: core %u function %u", azs_inv_blocks[b].name, cases[i].core,
			       cases[i].function);
			expect_reg(_metadata, &r, b, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE);
			EXPECT_EQ(0u, r.generation);
		}
	}
}

TEST(function_the_block_cannot_serve_is_einval)
{
	u32 refused = 0;

	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		for (u32 fn = AZS_FW_KIND_GPIO; fn <= AZS_FW_KIND_MAX; fn++) {
			if (block_serves(b, fn))
				continue;
			for (u32 core = AZS_FW_CORE_HL; core <= AZS_FW_CORE_MAX; core++) {
				struct azs_fw_regs r;

				azs_fw_regs_reset(&r);
				EXPECT_EQ(-EINVAL, azs_fw_regs_write(&r, b, core, fn))
				TH_LOG("%s: core %u function %u", azs_inv_blocks[b].name, core, fn);
				expect_reg(_metadata, &r, b, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE);
				refused++;
			}
		}
	}
	/* The MT3620 has GPIO-only blocks, so there is something to refuse. */
	EXPECT_LT(0u, refused);
}

TEST(i2s_on_hl_is_einval)
{
	u32 i2s_blocks = 0;

	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		struct azs_fw_regs r;

		if (!block_serves(b, AZS_FW_KIND_I2S))
			continue;
		i2s_blocks++;
		azs_fw_regs_reset(&r);
		EXPECT_EQ(-EINVAL, azs_fw_regs_write(&r, b, AZS_FW_CORE_HL, AZS_FW_KIND_I2S))
		TH_LOG("%s", azs_inv_blocks[b].name);
		expect_reg(_metadata, &r, b, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE);
		EXPECT_EQ(0, azs_fw_regs_write(&r, b, AZS_FW_CORE_IO0, AZS_FW_KIND_I2S));
		expect_reg(_metadata, &r, b, AZS_FW_CORE_IO0, AZS_FW_KIND_I2S);
	}
	EXPECT_LT(0u, i2s_blocks);
}

/*
 * An assigned block moved to any other (core, function) without being
 * released first is -EBUSY and keeps its value; released, it takes it.
 */
TEST(moving_an_assigned_block_is_ebusy_until_released)
{
	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		for (u32 fn1 = AZS_FW_KIND_GPIO; fn1 <= AZS_FW_KIND_MAX; fn1++) {
			for (u32 c1 = AZS_FW_CORE_HL; c1 <= AZS_FW_CORE_MAX; c1++) {
				if (!block_serves(b, fn1) || !core_allowed(fn1, c1))
					continue;
				for (u32 fn2 = AZS_FW_KIND_GPIO; fn2 <= AZS_FW_KIND_MAX; fn2++) {
					for (u32 c2 = AZS_FW_CORE_HL; c2 <= AZS_FW_CORE_MAX; c2++) {
						struct azs_fw_regs r;

						if (!block_serves(b, fn2) || !core_allowed(fn2, c2))
							continue;
						if (fn1 == fn2 && c1 == c2)
							continue;
						azs_fw_regs_reset(&r);
						ASSERT_EQ(0, azs_fw_regs_write(&r, b, c1, fn1));
						EXPECT_EQ(-EBUSY, azs_fw_regs_write(&r, b, c2, fn2))
						TH_LOG("%s: %u/%u -> %u/%u", azs_inv_blocks[b].name,
						       c1, fn1, c2, fn2);
						expect_reg(_metadata, &r, b, c1, fn1);
						EXPECT_EQ(1u, r.generation);

						ASSERT_EQ(0,
							  azs_fw_regs_write(&r, b, AZS_FW_CORE_NONE,
									    AZS_FW_KIND_NONE));
						EXPECT_EQ(0, azs_fw_regs_write(&r, b, c2, fn2))
						TH_LOG("%s: released, then %u/%u",
						       azs_inv_blocks[b].name, c2, fn2);
						expect_reg(_metadata, &r, b, c2, fn2);
					}
				}
			}
		}
	}
}

TEST(releasing_an_unassigned_block_is_allowed)
{
	struct azs_fw_regs r;

	azs_fw_regs_reset(&r);
	EXPECT_EQ(0, azs_fw_regs_write(&r, 0, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE));
	expect_reg(_metadata, &r, 0, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE);
}

TEST(lock_returns_1_then_0)
{
	struct azs_fw_regs r;

	azs_fw_regs_reset(&r);
	EXPECT_FALSE(r.locked);
	EXPECT_EQ(1, azs_fw_regs_lock(&r));
	EXPECT_TRUE(r.locked);
	EXPECT_EQ(0, azs_fw_regs_lock(&r));
	EXPECT_EQ(0, azs_fw_regs_lock(&r));
	EXPECT_TRUE(r.locked);
	/* Only a reset (reboot) clears it. */
	azs_fw_regs_reset(&r);
	EXPECT_FALSE(r.locked);
	EXPECT_EQ(1, azs_fw_regs_lock(&r));
}

/*
 * After the lock every valid write (assign, release, rewrite, move) is
 * -EPERM and every register reads back as it was.
 */
TEST(after_lock_every_write_is_eperm)
{
	u32 want_core[AZS_INV_NUM_BLOCKS], want_fn[AZS_INV_NUM_BLOCKS];
	struct azs_fw_regs r;
	u32 gen;

	azs_fw_regs_reset(&r);
	/* Half the blocks assigned (first function, HL or IO0), half not. */
	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		want_core[b] = AZS_FW_CORE_NONE;
		want_fn[b] = AZS_FW_KIND_NONE;
		if (b % 2)
			continue;
		want_fn[b] = AZS_FW_KIND_GPIO;
		want_core[b] = b % 4 ? AZS_FW_CORE_IO0 : AZS_FW_CORE_HL;
		ASSERT_EQ(0, azs_fw_regs_write(&r, b, want_core[b], want_fn[b]));
	}
	ASSERT_EQ(1, azs_fw_regs_lock(&r));
	gen = r.generation;

	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		EXPECT_EQ(-EPERM, azs_fw_regs_write(&r, b, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE))
		TH_LOG("%s: release", azs_inv_blocks[b].name);
		for (u32 fn = AZS_FW_KIND_GPIO; fn <= AZS_FW_KIND_MAX; fn++) {
			for (u32 core = AZS_FW_CORE_HL; core <= AZS_FW_CORE_MAX; core++) {
				if (!block_serves(b, fn) || !core_allowed(fn, core))
					continue;
				EXPECT_EQ(-EPERM, azs_fw_regs_write(&r, b, core, fn))
				TH_LOG("%s: core %u function %u", azs_inv_blocks[b].name, core, fn);
			}
		}
	}
	EXPECT_EQ(0, azs_fw_regs_lock(&r));
	EXPECT_TRUE(r.locked);
	EXPECT_EQ(gen, r.generation);
	for (u32 b = 0; b < AZS_INV_NUM_BLOCKS; b++)
		expect_reg(_metadata, &r, b, want_core[b], want_fn[b]);
}

TEST_HARNESS_MAIN
