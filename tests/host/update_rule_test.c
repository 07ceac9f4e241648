// SPDX-License-Identifier: MIT
/*
 * The seed-002 update rule and the lock condition, case by case: the six
 * cases of the seed while locked, the same changes while not locked, and
 * every (manufacturing state, appDevelopment) combination.
 */
#include <azsphere/security.h>

#include "kselftest_harness.h"
#include "lock_rule.h"
#include "update_rule.h"

static struct azs_resource_list list_of(size_t n, const struct azs_fw_resource *r)
{
	struct azs_resource_list l = {.n = n};

	memcpy(l.res, r, n * sizeof(*r));
	return l;
}

static const struct azs_fw_resource led[] = {{AZS_FW_KIND_GPIO, 8}};
static const struct azs_fw_resource led_and_button[] = {{AZS_FW_KIND_GPIO, 8},
							{AZS_FW_KIND_GPIO, 12}};
static const struct azs_fw_resource other_led[] = {{AZS_FW_KIND_GPIO, 9}};

FIXTURE(rule)
{
	struct azs_resource_list none, one, two, other;
};

FIXTURE_SETUP(rule)
{
	self->none = list_of(0, NULL);
	self->one = list_of(1, led);
	self->two = list_of(2, led_and_button);
	self->other = list_of(1, other_led);
}

FIXTURE_TEARDOWN(rule)
{
}

/* Seed 002: "examples of application updates that trigger a device reboot". */
TEST_F(rule, locked_new_app_with_peripherals_reboots)
{
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_INSTALL, NULL, &self->one));
}

TEST_F(rule, locked_update_to_other_peripherals_reboots)
{
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, &self->one, &self->two));
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, &self->two, &self->one));
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, &self->one, &self->other));
	/* Gaining or losing all peripherals is a change too. */
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, &self->none, &self->one));
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, &self->one, &self->none));
}

TEST_F(rule, locked_removal_of_an_app_with_peripherals_reboots)
{
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_REMOVE, &self->one, NULL));
}

/* Seed 002: "application updates that do not trigger a device reboot". */
TEST_F(rule, locked_new_app_without_peripherals_applies_now)
{
	EXPECT_EQ(AZS_APPLY_NOW, azs_update_rule(true, AZS_CHANGE_INSTALL, NULL, &self->none));
}

TEST_F(rule, locked_removal_of_an_app_without_peripherals_applies_now)
{
	EXPECT_EQ(AZS_APPLY_NOW, azs_update_rule(true, AZS_CHANGE_REMOVE, &self->none, NULL));
}

TEST_F(rule, locked_update_with_the_same_peripherals_applies_now)
{
	struct azs_resource_list same = list_of(2, led_and_button);

	EXPECT_EQ(AZS_APPLY_NOW, azs_update_rule(true, AZS_CHANGE_UPDATE, &self->two, &same));
	EXPECT_EQ(AZS_APPLY_NOW,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, &self->none, &self->none));
}

TEST_F(rule, unlocked_every_change_applies_now)
{
	EXPECT_EQ(AZS_APPLY_NOW, azs_update_rule(false, AZS_CHANGE_INSTALL, NULL, &self->one));
	EXPECT_EQ(AZS_APPLY_NOW, azs_update_rule(false, AZS_CHANGE_UPDATE, &self->one, &self->two));
	EXPECT_EQ(AZS_APPLY_NOW, azs_update_rule(false, AZS_CHANGE_REMOVE, &self->one, NULL));
}

TEST_F(rule, malformed_calls_fail_closed)
{
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, NULL, &self->one));
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, AZS_CHANGE_UPDATE, &self->one, NULL));
	EXPECT_EQ(AZS_APPLY_AFTER_REBOOT,
		  azs_update_rule(true, (enum azs_app_change)42, &self->one, &self->one));
}

TEST(lock_condition_truth_table)
{
	static const struct {
		uint32_t mfg;
		uint64_t caps;
		bool lock;
	} cases[] = {
		{AZS_MFG_BLANK, 0, false},
		{AZS_MFG_MODULE1_COMPLETE, 0, false},
		{AZS_MFG_DEVICE_COMPLETE, 0, true},
		{AZS_MFG_BLANK, UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT, false},
		{AZS_MFG_MODULE1_COMPLETE, UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT, false},
		{AZS_MFG_DEVICE_COMPLETE, UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT, false},
		/* Other capabilities don't prevent the lock. */
		{AZS_MFG_DEVICE_COMPLETE, UINT64_C(1) << AZS_CAP_FIELD_SERVICING, true},
		{AZS_MFG_DEVICE_COMPLETE,
		 (UINT64_C(1) << AZS_CAP_FIELD_SERVICING) |
			 (UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT),
		 false},
		/* An unknown state never locks by accident. */
		{3, 0, false},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		EXPECT_EQ(cases[i].lock, azs_should_lock(cases[i].mfg, cases[i].caps))
		TH_LOG("case %zu", i);
	}
}

TEST_HARNESS_MAIN
