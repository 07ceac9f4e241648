// SPDX-License-Identifier: MIT
/*
 * Manufacturing state rules (security-monitor/core/mfg_state.c): every
 * (cur, next) pair over the three states, one value past them and the
 * largest u32, against a table written out by hand.
 *
 * Rules: only Module1Complete and DeviceComplete can be set (-EINVAL),
 * never backwards (-EPERM), setting the current state again is fine.
 */
#include "kselftest_harness.h"

#include "mfg_state.h"

#define NUM_STATES 5

static const u32 states[NUM_STATES] = {AZS_MFG_BLANK, AZS_MFG_MODULE1_COMPLETE,
				       AZS_MFG_DEVICE_COMPLETE, 3, 0xffffffffu};

FIXTURE(transition){};

/* The harness defines these without prototypes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
FIXTURE_SETUP(transition)
{
}

FIXTURE_TEARDOWN(transition)
{
}
#pragma GCC diagnostic pop

/* One row of the table: the current state, the result for each next state. */
FIXTURE_VARIANT(transition)
{
	u32 cur;
	int want[NUM_STATES]; /* next = Blank, Module1, Device, 3, 0xffffffff */
};

FIXTURE_VARIANT_ADD(transition, from_blank){
	.cur = AZS_MFG_BLANK,
	.want = {-EINVAL, 0, 0, -EINVAL, -EINVAL},
};

FIXTURE_VARIANT_ADD(transition, from_module1_complete){
	.cur = AZS_MFG_MODULE1_COMPLETE,
	.want = {-EINVAL, 0, 0, -EINVAL, -EINVAL},
};

FIXTURE_VARIANT_ADD(transition, from_device_complete){
	.cur = AZS_MFG_DEVICE_COMPLETE,
	.want = {-EINVAL, -EPERM, 0, -EINVAL, -EINVAL},
};

FIXTURE_VARIANT_ADD(transition, from_3){
	.cur = 3,
	.want = {-EINVAL, -EPERM, -EPERM, -EINVAL, -EINVAL},
};

FIXTURE_VARIANT_ADD(transition, from_u32_max){
	.cur = 0xffffffffu,
	.want = {-EINVAL, -EPERM, -EPERM, -EINVAL, -EINVAL},
};

TEST_F(transition, every_next_state)
{
	for (int i = 0; i < NUM_STATES; i++) {
		EXPECT_EQ(variant->want[i], azs_mfg_check_transition(variant->cur, states[i]))
		TH_LOG("cur %u next %u", variant->cur, states[i]);
	}
}

TEST(state_names)
{
	EXPECT_STREQ("Blank", azs_mfg_state_name(AZS_MFG_BLANK));
	EXPECT_STREQ("Module1Complete", azs_mfg_state_name(AZS_MFG_MODULE1_COMPLETE));
	EXPECT_STREQ("DeviceComplete", azs_mfg_state_name(AZS_MFG_DEVICE_COMPLETE));
	EXPECT_EQ(NULL, azs_mfg_state_name(3));
	EXPECT_EQ(NULL, azs_mfg_state_name(0xffffffffu));
}

TEST(state_values_are_the_uapi_ones)
{
	EXPECT_EQ(0, AZS_MFG_BLANK);
	EXPECT_EQ(1, AZS_MFG_MODULE1_COMPLETE);
	EXPECT_EQ(2, AZS_MFG_DEVICE_COMPLETE);
}

TEST_HARNESS_MAIN
