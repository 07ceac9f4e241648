// SPDX-License-Identifier: MIT
/*
 * The peripheral firewall's decision logic (kernel/core/fw_table.c), driven
 * the way the firewall driver drives it: the firewall registers (one
 * struct azs_fw_block_reg per block) are simulated here; every change is
 * planned, the plan's register value is written to the simulated register,
 * then the change is committed to the table. A plan marked noop is neither
 * applied nor committed.
 *
 * The inventory comes from the generated azs_inventory.h; the loops walk it
 * rather than a list of blocks written here.
 */
#include "kselftest_harness.h"

#include "fw_table.h"

#define UID_A    1000u
#define UID_B    1001u
#define NO_OWNER AZS_FW_NO_OWNER

static const char *const kind_names[] = {"NONE", "GPIO", "UART", "I2C", "SPI", "PWM", "ADC", "I2S"};

static const char *kind_name(u32 kind)
{
	return kind < ARRAY_SIZE(kind_names) ? kind_names[kind] : "?";
}

/* The owner uid a valid assignment to core uses. */
static u32 owner_for(u32 core)
{
	return core == AZS_FW_CORE_HL ? UID_A : NO_OWNER;
}

/* The index of block b's resource of a kind: a pin, or its controller. */
static u32 first_index(int b, u32 kind)
{
	return kind == AZS_FW_KIND_GPIO ? azs_inv_blocks[b].first_pin
					: azs_inv_blocks[b].controller;
}

struct sim {
	struct azs_fw_table t;
	struct azs_fw_block_reg reg[AZS_INV_NUM_BLOCKS];
	struct azs_fw_plan last; /* the last successful plan */
};

static const struct azs_fw_block_reg reg_none = {AZS_FW_CORE_NONE, AZS_FW_KIND_NONE};

static void sim_init(struct sim *s)
{
	memset(s, 0, sizeof(*s));
	azs_fw_table_init(&s->t);
}

/* The register the driver passes for a resource (NONE for an unknown one). */
static const struct azs_fw_block_reg *sim_reg(struct sim *s, u32 kind, u32 index)
{
	int b = azs_fw_resource_block(kind, index);

	return b < 0 ? &reg_none : &s->reg[b];
}

static bool reg_eq(struct azs_fw_block_reg a, struct azs_fw_block_reg b)
{
	return a.core == b.core && a.function == b.function;
}

/* Plan an assignment; on success check the plan, apply it and commit. */
static int sim_assign(struct __test_metadata *_metadata, struct sim *s, u32 kind, u32 index,
		      u32 core, u32 owner)
{
	int b = azs_fw_resource_block(kind, index);
	struct azs_fw_block_reg before = *sim_reg(s, kind, index);
	struct azs_fw_plan plan;
	int rc;

	memset(&plan, 0xa5, sizeof(plan));
	rc = azs_fw_plan_assign(&s->t, sim_reg(s, kind, index), kind, index, core, owner, &plan);
	if (rc)
		return rc;
	ASSERT_LE(0, b) TH_LOG("plan succeeded for unknown resource %s %u", kind_name(kind), index);
	ASSERT_EQ(b, plan.block) TH_LOG("%s %u", kind_name(kind), index);
	EXPECT_EQ(core, (u32)plan.next.core) TH_LOG("%s %u", kind_name(kind), index);
	EXPECT_EQ(kind, (u32)plan.next.function) TH_LOG("%s %u", kind_name(kind), index);
	EXPECT_EQ(!reg_eq(before, plan.next), plan.reg_changes)
	TH_LOG("%s %u: reg_changes", kind_name(kind), index);
	if (plan.noop) {
		EXPECT_FALSE(plan.reg_changes)
		TH_LOG("%s %u: noop plan changes the register", kind_name(kind), index);
	}
	s->last = plan;
	if (plan.noop)
		return 0;
	s->reg[b] = plan.next;
	azs_fw_commit_assign(&s->t, kind, index, core, owner);
	return 0;
}

/* Plan a release; on success check the plan, apply it and commit. */
static int sim_release(struct __test_metadata *_metadata, struct sim *s, u32 kind, u32 index)
{
	int b = azs_fw_resource_block(kind, index);
	struct azs_fw_block_reg before = *sim_reg(s, kind, index);
	struct azs_fw_plan plan;
	int rc;

	memset(&plan, 0xa5, sizeof(plan));
	rc = azs_fw_plan_release(&s->t, sim_reg(s, kind, index), kind, index, &plan);
	if (rc)
		return rc;
	ASSERT_LE(0, b)
	TH_LOG("release planned for unknown resource %s %u", kind_name(kind), index);
	ASSERT_EQ(b, plan.block) TH_LOG("%s %u", kind_name(kind), index);
	EXPECT_FALSE(plan.noop) TH_LOG("%s %u", kind_name(kind), index);
	EXPECT_EQ(!reg_eq(before, plan.next), plan.reg_changes)
	TH_LOG("%s %u: reg_changes", kind_name(kind), index);
	s->last = plan;
	s->reg[b] = plan.next;
	azs_fw_commit_release(&s->t, kind, index);
	return 0;
}

static int sim_access(struct sim *s, u32 kind, u32 index, u32 uid)
{
	return azs_fw_check_access(&s->t, sim_reg(s, kind, index), kind, index, uid);
}

/* ---- Resource lookup ---------------------------------------------------- */

TEST(every_pin_of_every_block_maps_to_its_block)
{
	u32 pins = 0;

	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		ASSERT_LT(0, blk->num_pins) TH_LOG("block %s has no pins", blk->name);
		ASSERT_TRUE(blk->functions & AZS_INV_FN(AZS_FW_KIND_GPIO))
		TH_LOG("block %s cannot serve GPIO", blk->name);
		for (u32 pin = blk->first_pin; pin < (u32)blk->first_pin + blk->num_pins; pin++) {
			EXPECT_EQ(b, azs_fw_resource_block(AZS_FW_KIND_GPIO, pin))
			TH_LOG("block %s pin %u", blk->name, pin);
			pins++;
		}
	}
	EXPECT_EQ((u32)AZS_INV_NUM_GPIOS, pins);
}

TEST(every_controller_function_maps_to_its_block)
{
	u32 n = 0;

	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (u32 kind = AZS_FW_KIND_GPIO + 1; kind <= AZS_FW_KIND_MAX; kind++) {
			if (!(blk->functions & AZS_INV_FN(kind)))
				continue;
			EXPECT_EQ(b, azs_fw_resource_block(kind, blk->controller))
			TH_LOG("block %s %s %u", blk->name, kind_name(kind), blk->controller);
			n++;
		}
	}
	/* The MT3620 has controller functions (ISUs, PWM, ADC, I2S). */
	EXPECT_LT(0, n);
}

/*
 * A sweep over kinds and indices: everything that resolves resolves to a
 * block serving that kind and holding that pin or controller, and the
 * numbers of resolving pins and controllers match the inventory.
 */
TEST(sweep_resolves_only_inventory_resources)
{
	u32 gpios = 0, ctrls = 0, want_ctrls = 0;

	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++)
		for (u32 kind = AZS_FW_KIND_GPIO + 1; kind <= AZS_FW_KIND_MAX; kind++)
			if (azs_inv_blocks[b].functions & AZS_INV_FN(kind))
				want_ctrls++;

	for (u32 kind = 0; kind <= AZS_FW_KIND_MAX + 2; kind++) {
		for (u32 index = 0; index < 300; index++) {
			int b = azs_fw_resource_block(kind, index);
			const struct azs_inv_block *blk;

			if (b == -EINVAL)
				continue;
			ASSERT_LE(0, b) TH_LOG("%s %u: %d", kind_name(kind), index, b);
			ASSERT_GT(AZS_INV_NUM_BLOCKS, b);
			blk = &azs_inv_blocks[b];
			EXPECT_TRUE(kind >= AZS_FW_KIND_GPIO && kind <= AZS_FW_KIND_MAX)
			TH_LOG("kind %u resolved", kind);
			EXPECT_TRUE(blk->functions & AZS_INV_FN(kind))
			TH_LOG("%s %u -> %s, which cannot serve it", kind_name(kind), index,
			       blk->name);
			if (kind == AZS_FW_KIND_GPIO) {
				EXPECT_TRUE(index >= blk->first_pin &&
					    index < (u32)blk->first_pin + blk->num_pins)
				TH_LOG("pin %u -> %s", index, blk->name);
				gpios++;
			} else {
				EXPECT_EQ((u32)blk->controller, index)
				TH_LOG("%s %u -> %s", kind_name(kind), index, blk->name);
				ctrls++;
			}
		}
	}
	EXPECT_EQ((u32)AZS_INV_NUM_GPIOS, gpios);
	EXPECT_EQ(want_ctrls, ctrls);
}

TEST(pins_not_in_the_inventory_are_einval)
{
	static const u32 pins[] = {24, 25, 49, 50, 51, 52, 53,  54,
				   55, 76, 77, 78, 79, 81, 255, 0xffffffffu};

	for (size_t i = 0; i < ARRAY_SIZE(pins); i++) {
		EXPECT_EQ(-EINVAL, azs_fw_resource_block(AZS_FW_KIND_GPIO, pins[i]))
		TH_LOG("pin %u", pins[i]);
	}
}

TEST(controllers_not_in_the_inventory_are_einval)
{
	static const struct {
		u32 kind, index;
	} cases[] = {
		{AZS_FW_KIND_UART, 5},          {AZS_FW_KIND_I2C, 5},   {AZS_FW_KIND_SPI, 5},
		{AZS_FW_KIND_PWM, 3},           {AZS_FW_KIND_ADC, 1},   {AZS_FW_KIND_I2S, 2},
		{AZS_FW_KIND_UART, 255},        {AZS_FW_KIND_PWM, 256}, {AZS_FW_KIND_ADC, 0x100},
		{AZS_FW_KIND_I2S, 0xffffffffu},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(-EINVAL, azs_fw_resource_block(cases[i].kind, cases[i].index))
		TH_LOG("%s %u", kind_name(cases[i].kind), cases[i].index);
	}
}

TEST(bad_kinds_are_einval)
{
	static const u32 kinds[] = {AZS_FW_KIND_NONE, AZS_FW_KIND_MAX + 1, 0xffffffffu};
	static const u32 indices[] = {0, 1, 26};
	struct azs_fw_table t;
	struct azs_fw_plan plan;
	struct azs_fw_owner owner;

	azs_fw_table_init(&t);
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		for (size_t i = 0; i < ARRAY_SIZE(indices); i++) {
			u32 kind = kinds[k], index = indices[i];

			EXPECT_EQ(-EINVAL, azs_fw_resource_block(kind, index))
			TH_LOG("kind %u index %u", kind, index);
			EXPECT_EQ(-EINVAL, azs_fw_plan_assign(&t, &reg_none, kind, index,
							      AZS_FW_CORE_HL, UID_A, &plan))
			TH_LOG("kind %u index %u", kind, index);
			EXPECT_EQ(-EINVAL, azs_fw_plan_release(&t, &reg_none, kind, index, &plan))
			TH_LOG("kind %u index %u", kind, index);
			EXPECT_EQ(-EINVAL, azs_fw_owner_of(&t, kind, index, &owner))
			TH_LOG("kind %u index %u", kind, index);
			EXPECT_EQ(-EINVAL, azs_fw_check_access(&t, &reg_none, kind, index, UID_A))
			TH_LOG("kind %u index %u", kind, index);
		}
	}
}

/* ---- Assignment --------------------------------------------------------- */

/*
 * Every resource of every block, alone on a fresh table, on every core: it
 * is assigned where its function may go and refused (-EINVAL) elsewhere;
 * assigning it again is a noop; releasing it returns the register to NONE.
 */
TEST(every_resource_on_every_core)
{
	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (u32 kind = AZS_FW_KIND_GPIO; kind <= AZS_FW_KIND_MAX; kind++) {
			u32 lo, hi;

			if (!(blk->functions & AZS_INV_FN(kind)))
				continue;
			lo = first_index(b, kind);
			hi = kind == AZS_FW_KIND_GPIO ? lo + blk->num_pins : lo + 1;
			for (u32 index = lo; index < hi; index++) {
				for (u32 core = AZS_FW_CORE_HL; core <= AZS_FW_CORE_MAX; core++) {
					bool allowed =
						azs_inv_function_cores[kind] & AZS_INV_CORE(core);
					struct azs_fw_owner o;
					struct sim s;
					int rc;

					sim_init(&s);
					rc = sim_assign(_metadata, &s, kind, index, core,
							owner_for(core));
					if (!allowed) {
						EXPECT_EQ(-EINVAL, rc)
						TH_LOG("%s: %s %u on core %u", blk->name,
						       kind_name(kind), index, core);
						EXPECT_EQ(0u, s.t.num_assigned);
						continue;
					}
					ASSERT_EQ(0, rc)
					TH_LOG("%s: %s %u on core %u", blk->name, kind_name(kind),
					       index, core);
					EXPECT_TRUE(s.last.reg_changes);
					EXPECT_FALSE(s.last.noop);
					EXPECT_EQ(core, (u32)s.reg[b].core);
					EXPECT_EQ(kind, (u32)s.reg[b].function);
					EXPECT_EQ(1u, s.t.num_assigned);
					EXPECT_EQ(1u, s.t.generation);
					EXPECT_EQ(b, azs_fw_owner_of(&s.t, kind, index, &o));
					EXPECT_EQ(core, (u32)o.core);
					EXPECT_EQ(owner_for(core), o.uid);

					/* Again, same owner: nothing to do. */
					ASSERT_EQ(0, sim_assign(_metadata, &s, kind, index, core,
								owner_for(core)));
					EXPECT_TRUE(s.last.noop)
					TH_LOG("%s: %s %u on core %u again", blk->name,
					       kind_name(kind), index, core);
					EXPECT_EQ(1u, s.t.num_assigned);
					EXPECT_EQ(1u, s.t.generation);

					/* Its only resource: the block returns to NONE. */
					ASSERT_EQ(0, sim_release(_metadata, &s, kind, index));
					EXPECT_TRUE(reg_eq(reg_none, s.last.next));
					EXPECT_TRUE(s.last.reg_changes);
					EXPECT_TRUE(reg_eq(reg_none, s.reg[b]));
					EXPECT_EQ(0u, s.t.num_assigned);
					EXPECT_EQ(2u, s.t.generation);
					EXPECT_EQ(b, azs_fw_owner_of(&s.t, kind, index, &o));
					EXPECT_EQ((u32)AZS_FW_CORE_NONE, (u32)o.core);
					EXPECT_EQ(NO_OWNER, o.uid);
				}
			}
		}
	}
}

TEST(same_pin_same_owner_twice_is_a_noop)
{
	static const u32 cores[] = {AZS_FW_CORE_HL, AZS_FW_CORE_IO0, AZS_FW_CORE_IO1};

	for (size_t i = 0; i < ARRAY_SIZE(cores); i++) {
		struct sim s;

		sim_init(&s);
		ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, cores[i],
					owner_for(cores[i])));
		ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, cores[i],
					owner_for(cores[i])));
		EXPECT_TRUE(s.last.noop) TH_LOG("core %u", cores[i]);
		EXPECT_FALSE(s.last.reg_changes) TH_LOG("core %u", cores[i]);
		EXPECT_EQ(1u, s.t.num_assigned);
		EXPECT_EQ(1u, s.t.generation);
	}
}

TEST(same_resource_to_another_uid_is_ebusy)
{
	static const struct {
		u32 kind, index;
	} res[] = {{AZS_FW_KIND_GPIO, 0},
		   {AZS_FW_KIND_UART, 0},
		   {AZS_FW_KIND_PWM, 1},
		   {AZS_FW_KIND_ADC, 0}};

	for (size_t i = 0; i < ARRAY_SIZE(res); i++) {
		struct azs_fw_owner o;
		struct sim s;

		sim_init(&s);
		ASSERT_EQ(0, sim_assign(_metadata, &s, res[i].kind, res[i].index, AZS_FW_CORE_HL,
					UID_A));
		EXPECT_EQ(-EBUSY, sim_assign(_metadata, &s, res[i].kind, res[i].index,
					     AZS_FW_CORE_HL, UID_B))
		TH_LOG("%s %u", kind_name(res[i].kind), res[i].index);
		EXPECT_EQ(-EBUSY,
			  sim_assign(_metadata, &s, res[i].kind, res[i].index, AZS_FW_CORE_HL, 0))
		TH_LOG("%s %u to root", kind_name(res[i].kind), res[i].index);
		EXPECT_EQ(1u, s.t.num_assigned);
		EXPECT_EQ(1u, s.t.generation);
		ASSERT_LE(0, azs_fw_owner_of(&s.t, res[i].kind, res[i].index, &o));
		EXPECT_EQ(UID_A, o.uid);
	}
}

TEST(pins_of_one_hl_block_may_have_different_owners)
{
	struct sim s;

	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 1, AZS_FW_CORE_HL, UID_B));
	EXPECT_FALSE(s.last.reg_changes);
	EXPECT_FALSE(s.last.noop);
	EXPECT_EQ(2u, s.t.num_assigned);
	EXPECT_EQ(0, sim_access(&s, AZS_FW_KIND_GPIO, 0, UID_A));
	EXPECT_EQ(0, sim_access(&s, AZS_FW_KIND_GPIO, 1, UID_B));
	EXPECT_EQ(-EACCES, sim_access(&s, AZS_FW_KIND_GPIO, 0, UID_B));
	EXPECT_EQ(-EACCES, sim_access(&s, AZS_FW_KIND_GPIO, 1, UID_A));
}

TEST(block_split_across_cores_is_ebusy)
{
	static const struct {
		u32 first_core, second_core;
	} cases[] = {
		{AZS_FW_CORE_HL, AZS_FW_CORE_IO0},  {AZS_FW_CORE_HL, AZS_FW_CORE_IO1},
		{AZS_FW_CORE_IO0, AZS_FW_CORE_HL},  {AZS_FW_CORE_IO0, AZS_FW_CORE_IO1},
		{AZS_FW_CORE_IO1, AZS_FW_CORE_IO0},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 c1 = cases[i].first_core, c2 = cases[i].second_core;
		struct sim s;

		sim_init(&s);
		ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, c1, owner_for(c1)));
		EXPECT_EQ(-EBUSY, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 1, c2, owner_for(c2)))
		TH_LOG("pin 0 on core %u, pin 1 on core %u", c1, c2);
		/* The same pin moved to another core without a release. */
		EXPECT_EQ(-EBUSY, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, c2, owner_for(c2)))
		TH_LOG("pin 0 on core %u, then on core %u", c1, c2);
		EXPECT_EQ(c1, (u32)s.reg[0].core);
		EXPECT_EQ(1u, s.t.num_assigned);
		EXPECT_EQ(1u, s.t.generation);
	}
}

TEST(isu_in_two_roles_is_ebusy)
{
	static const u32 cores[] = {AZS_FW_CORE_HL, AZS_FW_CORE_IO0};
	int isu0 = azs_fw_resource_block(AZS_FW_KIND_UART, 0);

	ASSERT_LE(0, isu0);
	for (size_t i = 0; i < ARRAY_SIZE(cores); i++) {
		u32 core = cores[i], pin = azs_inv_blocks[isu0].first_pin;
		struct sim s;

		sim_init(&s);
		ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_UART, 0, core, owner_for(core)));
		EXPECT_EQ(-EBUSY,
			  sim_assign(_metadata, &s, AZS_FW_KIND_I2C, 0, core, owner_for(core)))
		TH_LOG("core %u", core);
		EXPECT_EQ(-EBUSY,
			  sim_assign(_metadata, &s, AZS_FW_KIND_SPI, 0, core, owner_for(core)))
		TH_LOG("core %u", core);
		/* Its pins as GPIOs are another role too. */
		EXPECT_EQ(-EBUSY,
			  sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, pin, core, owner_for(core)))
		TH_LOG("core %u pin %u", core, pin);
		EXPECT_EQ((u32)AZS_FW_KIND_UART, (u32)s.reg[isu0].function);
		EXPECT_EQ(1u, s.t.num_assigned);
		EXPECT_EQ(1u, s.t.generation);

		/* Another ISU is independent. */
		EXPECT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_I2C, 1, core, owner_for(core)));
	}
}

TEST(gpio_pins_of_a_block_in_pwm_mode_are_ebusy)
{
	int b = azs_fw_resource_block(AZS_FW_KIND_PWM, 0);
	struct sim s;

	ASSERT_LE(0, b);
	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_PWM, 0, AZS_FW_CORE_HL, UID_A));
	for (u32 pin = azs_inv_blocks[b].first_pin;
	     pin < (u32)azs_inv_blocks[b].first_pin + azs_inv_blocks[b].num_pins; pin++) {
		EXPECT_EQ(-EBUSY,
			  sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, pin, AZS_FW_CORE_HL, UID_A))
		TH_LOG("pin %u", pin);
	}
	EXPECT_EQ(1u, s.t.num_assigned);

	/* And the other way round: a pin in use keeps the block out of PWM. */
	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, azs_inv_blocks[b].first_pin,
				AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EBUSY, sim_assign(_metadata, &s, AZS_FW_KIND_PWM, 0, AZS_FW_CORE_HL, UID_A));
}

TEST(i2s_on_hl_is_einval)
{
	struct sim s;

	sim_init(&s);
	EXPECT_EQ(-EINVAL, sim_assign(_metadata, &s, AZS_FW_KIND_I2S, 0, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-EINVAL, sim_assign(_metadata, &s, AZS_FW_KIND_I2S, 1, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(0u, s.t.num_assigned);
	EXPECT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_I2S, 0, AZS_FW_CORE_IO0, NO_OWNER));
	EXPECT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_I2S, 1, AZS_FW_CORE_IO1, NO_OWNER));
}

TEST(owner_must_match_the_core)
{
	static const struct {
		u32 core, owner;
	} cases[] = {
		{AZS_FW_CORE_IO0, UID_A}, {AZS_FW_CORE_IO1, UID_A},   {AZS_FW_CORE_IO0, 0},
		{AZS_FW_CORE_IO1, 0},     {AZS_FW_CORE_HL, NO_OWNER},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sim s;

		sim_init(&s);
		EXPECT_EQ(-EINVAL, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, cases[i].core,
					      cases[i].owner))
		TH_LOG("core %u owner %u", cases[i].core, cases[i].owner);
		EXPECT_EQ(-EINVAL, sim_assign(_metadata, &s, AZS_FW_KIND_UART, 0, cases[i].core,
					      cases[i].owner))
		TH_LOG("core %u owner %u", cases[i].core, cases[i].owner);
		EXPECT_EQ(0u, s.t.num_assigned);
	}
}

TEST(bad_cores_are_einval)
{
	static const u32 cores[] = {AZS_FW_CORE_NONE, AZS_FW_CORE_MAX + 1, 0xffffffffu};
	static const u32 owners[] = {UID_A, NO_OWNER};

	for (size_t i = 0; i < ARRAY_SIZE(cores); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(owners); j++) {
			struct sim s;

			sim_init(&s);
			EXPECT_EQ(-EINVAL, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, cores[i],
						      owners[j]))
			TH_LOG("core %u owner %u", cores[i], owners[j]);
			EXPECT_EQ(-EINVAL, sim_assign(_metadata, &s, AZS_FW_KIND_ADC, 0, cores[i],
						      owners[j]))
			TH_LOG("core %u owner %u", cores[i], owners[j]);
			EXPECT_EQ(0u, s.t.num_assigned);
		}
	}
}

/* ---- Lock ----------------------------------------------------------------- */

TEST(after_lock_every_plan_is_eperm)
{
	struct azs_fw_block_reg saved[AZS_INV_NUM_BLOCKS];
	struct azs_fw_plan plan;
	struct sim s;
	u64 gen;

	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_UART, 0, AZS_FW_CORE_IO0, NO_OWNER));
	azs_fw_table_lock(&s.t);
	memcpy(saved, s.reg, sizeof(saved));
	gen = s.t.generation;

	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (u32 kind = AZS_FW_KIND_GPIO; kind <= AZS_FW_KIND_MAX; kind++) {
			u32 index = first_index(b, kind);

			if (!(blk->functions & AZS_INV_FN(kind)))
				continue;
			for (u32 core = AZS_FW_CORE_HL; core <= AZS_FW_CORE_MAX; core++) {
				if (!(azs_inv_function_cores[kind] & AZS_INV_CORE(core)))
					continue;
				EXPECT_EQ(-EPERM, azs_fw_plan_assign(&s.t, &s.reg[b], kind, index,
								     core, owner_for(core), &plan))
				TH_LOG("%s: %s %u core %u", blk->name, kind_name(kind), index,
				       core);
			}
			EXPECT_EQ(-EPERM, azs_fw_plan_release(&s.t, &s.reg[b], kind, index, &plan))
			TH_LOG("%s: release %s %u", blk->name, kind_name(kind), index);
		}
	}
	/* Even what would have been a noop. */
	EXPECT_EQ(-EPERM, azs_fw_plan_assign(&s.t, &s.reg[0], AZS_FW_KIND_GPIO, 0, AZS_FW_CORE_HL,
					     UID_A, &plan));
	azs_fw_table_lock(&s.t);
	EXPECT_EQ(-EPERM, azs_fw_plan_release(&s.t, &s.reg[0], AZS_FW_KIND_GPIO, 0, &plan));
	EXPECT_EQ(0, memcmp(saved, s.reg, sizeof(saved)));
	EXPECT_EQ(gen, s.t.generation);
	EXPECT_EQ(2u, s.t.num_assigned);
	/* Access checks still answer. */
	EXPECT_EQ(0, sim_access(&s, AZS_FW_KIND_GPIO, 0, UID_A));
	EXPECT_EQ(-EACCES, sim_access(&s, AZS_FW_KIND_GPIO, 0, UID_B));
}

/* ---- Release -------------------------------------------------------------- */

TEST(release_of_anything_unassigned_is_enoent)
{
	struct azs_fw_plan plan;
	struct sim s;

	sim_init(&s);
	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (u32 pin = blk->first_pin; pin < (u32)blk->first_pin + blk->num_pins; pin++) {
			EXPECT_EQ(-ENOENT, azs_fw_plan_release(&s.t, &s.reg[b], AZS_FW_KIND_GPIO,
							       pin, &plan))
			TH_LOG("%s pin %u", blk->name, pin);
		}
		for (u32 kind = AZS_FW_KIND_GPIO + 1; kind <= AZS_FW_KIND_MAX; kind++) {
			if (!(blk->functions & AZS_INV_FN(kind)))
				continue;
			EXPECT_EQ(-ENOENT, azs_fw_plan_release(&s.t, &s.reg[b], kind,
							       blk->controller, &plan))
			TH_LOG("%s %s %u", blk->name, kind_name(kind), blk->controller);
		}
	}
}

TEST(release_of_an_unassigned_pin_of_a_used_block_is_enoent)
{
	struct sim s;

	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(-ENOENT, sim_release(_metadata, &s, AZS_FW_KIND_GPIO, 1));
	EXPECT_EQ(-ENOENT, sim_release(_metadata, &s, AZS_FW_KIND_PWM, 0));
	EXPECT_EQ(1u, s.t.num_assigned);
	EXPECT_EQ(1u, s.t.generation);
}

/*
 * An ISU serving one role: its other roles are not assigned. Releasing them
 * is -ENOENT and their owner is nobody.
 */
TEST(other_roles_of_an_assigned_isu_are_unassigned)
{
	static const u32 roles[] = {AZS_FW_KIND_UART, AZS_FW_KIND_I2C, AZS_FW_KIND_SPI};

	for (size_t r = 0; r < ARRAY_SIZE(roles); r++) {
		int b = azs_fw_resource_block(roles[r], 0);
		struct azs_fw_owner o;
		struct sim s;

		ASSERT_LE(0, b);
		sim_init(&s);
		ASSERT_EQ(0, sim_assign(_metadata, &s, roles[r], 0, AZS_FW_CORE_HL, UID_A));
		for (size_t other = 0; other < ARRAY_SIZE(roles); other++) {
			if (other == r)
				continue;
			EXPECT_EQ(-ENOENT, sim_release(_metadata, &s, roles[other], 0))
			TH_LOG("%s assigned, release %s", kind_name(roles[r]),
			       kind_name(roles[other]));
			EXPECT_EQ(b, azs_fw_owner_of(&s.t, roles[other], 0, &o));
			EXPECT_EQ((u32)AZS_FW_CORE_NONE, (u32)o.core)
			TH_LOG("%s assigned, owner of %s", kind_name(roles[r]),
			       kind_name(roles[other]));
			EXPECT_EQ(NO_OWNER, o.uid);
			EXPECT_EQ(-EACCES, sim_access(&s, roles[other], 0, UID_A));
		}
		/* The assigned role is untouched. */
		EXPECT_EQ(1u, s.t.num_assigned);
		EXPECT_EQ(0, sim_access(&s, roles[r], 0, UID_A));
		EXPECT_EQ(b, azs_fw_owner_of(&s.t, roles[r], 0, &o));
		EXPECT_EQ((u32)AZS_FW_CORE_HL, (u32)o.core);
		EXPECT_EQ(UID_A, o.uid);
	}
}

/*
 * For every block: all its pins assigned, then released one by one. Every
 * release but the last keeps the register; the last plans it back to NONE.
 */
TEST(release_of_the_last_resource_frees_the_block)
{
	static const u32 cores[] = {AZS_FW_CORE_HL, AZS_FW_CORE_IO1};

	for (size_t c = 0; c < ARRAY_SIZE(cores); c++) {
		u32 core = cores[c];

		for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
			const struct azs_inv_block *blk = &azs_inv_blocks[b];
			struct azs_fw_block_reg used = {(u8)core, AZS_FW_KIND_GPIO};
			struct sim s;

			sim_init(&s);
			for (u32 i = 0; i < blk->num_pins; i++) {
				u32 owner = core == AZS_FW_CORE_HL ? UID_A + i : NO_OWNER;

				ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO,
							blk->first_pin + i, core, owner));
			}
			ASSERT_EQ((u32)blk->num_pins, s.t.num_assigned);
			/* Release from the last pin down, so "last" is not "first". */
			for (u32 i = blk->num_pins; i-- > 0;) {
				bool last = i == 0;

				ASSERT_EQ(0, sim_release(_metadata, &s, AZS_FW_KIND_GPIO,
							 blk->first_pin + i))
				TH_LOG("%s pin %u", blk->name, blk->first_pin + i);
				EXPECT_TRUE(reg_eq(last ? reg_none : used, s.last.next))
				TH_LOG("%s pin %u (last %d): next %u/%u", blk->name,
				       blk->first_pin + i, last, s.last.next.core,
				       s.last.next.function);
				EXPECT_EQ(last, s.last.reg_changes)
				TH_LOG("%s pin %u", blk->name, blk->first_pin + i);
				EXPECT_EQ(i, s.t.num_assigned);
			}
			EXPECT_TRUE(reg_eq(reg_none, s.reg[b]));
			EXPECT_EQ(2u * blk->num_pins, s.t.generation);
			/* Released is released: a second release is -ENOENT. */
			EXPECT_EQ(-ENOENT,
				  sim_release(_metadata, &s, AZS_FW_KIND_GPIO, blk->first_pin));
		}
	}
}

TEST(released_resource_can_be_reassigned_elsewhere)
{
	struct sim s;

	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_UART, 0, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, sim_release(_metadata, &s, AZS_FW_KIND_UART, 0));
	EXPECT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_I2C, 0, AZS_FW_CORE_IO0, NO_OWNER));
	ASSERT_EQ(0, sim_release(_metadata, &s, AZS_FW_KIND_I2C, 0));
	EXPECT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_SPI, 0, AZS_FW_CORE_HL, UID_B));
	EXPECT_EQ(0, sim_access(&s, AZS_FW_KIND_SPI, 0, UID_B));
	EXPECT_EQ(1u, s.t.num_assigned);
	EXPECT_EQ(5u, s.t.generation);
}

/* ---- Access --------------------------------------------------------------- */

TEST(check_access_only_for_the_owner_on_hl_in_that_function)
{
	int isu0 = azs_fw_resource_block(AZS_FW_KIND_UART, 0);
	int pwm2 = azs_fw_resource_block(AZS_FW_KIND_PWM, 2);
	int adc = azs_fw_resource_block(AZS_FW_KIND_ADC, 0);
	struct sim s;

	ASSERT_LE(0, isu0);
	ASSERT_LE(0, pwm2);
	ASSERT_LE(0, adc);
	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 4, AZS_FW_CORE_IO0, NO_OWNER));
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_PWM, 2, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_UART, 0, AZS_FW_CORE_HL, UID_A));
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_IO1, NO_OWNER));

	const struct {
		u32 kind, index, uid;
		int want;
	} cases[] = {
		{AZS_FW_KIND_GPIO, 0, UID_A, 0},
		{AZS_FW_KIND_GPIO, 0, UID_B, -EACCES}, /* other uid */
		{AZS_FW_KIND_GPIO, 0, 0, -EACCES},     /* root is not the owner */
		{AZS_FW_KIND_GPIO, 0, NO_OWNER, -EACCES},
		{AZS_FW_KIND_GPIO, 1, UID_A, -EACCES},    /* pin of the block, not assigned */
		{AZS_FW_KIND_GPIO, 4, UID_A, -EACCES},    /* IO core */
		{AZS_FW_KIND_GPIO, 4, NO_OWNER, -EACCES}, /* IO core */
		{AZS_FW_KIND_GPIO, 12, UID_A, -EACCES},   /* unassigned block */
		{AZS_FW_KIND_GPIO, azs_inv_blocks[pwm2].first_pin, UID_A, -EACCES}, /* PWM mode */
		{AZS_FW_KIND_PWM, 2, UID_A, 0},
		{AZS_FW_KIND_PWM, 2, UID_B, -EACCES},
		{AZS_FW_KIND_PWM, 0, UID_A, -EACCES}, /* GPIO0 serves GPIO */
		{AZS_FW_KIND_UART, 0, UID_A, 0},
		{AZS_FW_KIND_I2C, 0, UID_A, -EACCES}, /* ISU0 serves UART */
		{AZS_FW_KIND_SPI, 0, UID_A, -EACCES},
		{AZS_FW_KIND_GPIO, azs_inv_blocks[isu0].first_pin, UID_A, -EACCES},
		{AZS_FW_KIND_UART, 1, UID_A, -EACCES},   /* unassigned ISU */
		{AZS_FW_KIND_ADC, 0, NO_OWNER, -EACCES}, /* IO core */
		{AZS_FW_KIND_ADC, 0, UID_A, -EACCES},
		{AZS_FW_KIND_GPIO, 24, UID_A, -EINVAL}, /* not in the inventory */
		{AZS_FW_KIND_NONE, 0, UID_A, -EINVAL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(cases[i].want,
			  sim_access(&s, cases[i].kind, cases[i].index, cases[i].uid))
		TH_LOG("case %zu: %s %u uid %u", i, kind_name(cases[i].kind), cases[i].index,
		       cases[i].uid);
	}

	/* After release, the former owner has no access. */
	ASSERT_EQ(0, sim_release(_metadata, &s, AZS_FW_KIND_GPIO, 0));
	EXPECT_EQ(-EACCES, sim_access(&s, AZS_FW_KIND_GPIO, 0, UID_A));
	ASSERT_EQ(0, sim_release(_metadata, &s, AZS_FW_KIND_UART, 0));
	EXPECT_EQ(-EACCES, sim_access(&s, AZS_FW_KIND_UART, 0, UID_A));
	EXPECT_EQ(0, sim_access(&s, AZS_FW_KIND_PWM, 2, UID_A));
}

/* The register is what decides: a table entry alone does not grant access. */
TEST(check_access_follows_the_register)
{
	struct azs_fw_block_reg io0 = {AZS_FW_CORE_IO0, AZS_FW_KIND_GPIO};
	struct azs_fw_block_reg pwm = {AZS_FW_CORE_HL, AZS_FW_KIND_PWM};
	struct sim s;

	sim_init(&s);
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 0, AZS_FW_CORE_HL, UID_A));
	EXPECT_EQ(0, azs_fw_check_access(&s.t, &s.reg[0], AZS_FW_KIND_GPIO, 0, UID_A));
	EXPECT_EQ(-EACCES, azs_fw_check_access(&s.t, &reg_none, AZS_FW_KIND_GPIO, 0, UID_A));
	EXPECT_EQ(-EACCES, azs_fw_check_access(&s.t, &io0, AZS_FW_KIND_GPIO, 0, UID_A));
	EXPECT_EQ(-EACCES, azs_fw_check_access(&s.t, &pwm, AZS_FW_KIND_GPIO, 0, UID_A));
}

/* ---- Bookkeeping ---------------------------------------------------------- */

TEST(num_assigned_and_generation_count_changes)
{
	u32 n = 0;
	struct sim s;

	sim_init(&s);
	EXPECT_EQ(0u, s.t.num_assigned);
	EXPECT_EQ(0u, s.t.generation);
	EXPECT_FALSE(s.t.locked);

	/* Every pin of every block on HL, each block with its own owner. */
	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (u32 pin = blk->first_pin; pin < (u32)blk->first_pin + blk->num_pins; pin++) {
			ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, pin,
						AZS_FW_CORE_HL, UID_A + (u32)b));
			n++;
			EXPECT_EQ(n, s.t.num_assigned);
			EXPECT_EQ((u64)n, s.t.generation);
			/* A noop and a refusal change nothing. */
			ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, pin,
						AZS_FW_CORE_HL, UID_A + (u32)b));
			ASSERT_TRUE(s.last.noop);
			ASSERT_EQ(-EBUSY, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, pin,
						     AZS_FW_CORE_HL, UID_B + 100));
			EXPECT_EQ(n, s.t.num_assigned);
			EXPECT_EQ((u64)n, s.t.generation);
		}
	}
	EXPECT_EQ((u32)AZS_INV_NUM_GPIOS, s.t.num_assigned);

	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (u32 pin = blk->first_pin; pin < (u32)blk->first_pin + blk->num_pins; pin++) {
			ASSERT_EQ(0, sim_release(_metadata, &s, AZS_FW_KIND_GPIO, pin));
			ASSERT_EQ(-ENOENT, sim_release(_metadata, &s, AZS_FW_KIND_GPIO, pin));
		}
		EXPECT_TRUE(reg_eq(reg_none, s.reg[b])) TH_LOG("%s", blk->name);
	}
	EXPECT_EQ(0u, s.t.num_assigned);
	EXPECT_EQ(2u * AZS_INV_NUM_GPIOS, s.t.generation);

	/* Every controller function: first one per block, on an IO core. */
	n = 0;
	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		for (u32 kind = AZS_FW_KIND_GPIO + 1; kind <= AZS_FW_KIND_MAX; kind++) {
			if (!(azs_inv_blocks[b].functions & AZS_INV_FN(kind)))
				continue;
			ASSERT_EQ(0, sim_assign(_metadata, &s, kind, azs_inv_blocks[b].controller,
						AZS_FW_CORE_IO0, NO_OWNER));
			n++;
			break;
		}
	}
	EXPECT_EQ(n, s.t.num_assigned);
	EXPECT_EQ(2u * AZS_INV_NUM_GPIOS + n, s.t.generation);
}

TEST(owner_of_reports_block_and_owner)
{
	struct azs_fw_owner o;
	struct sim s;

	sim_init(&s);
	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		memset(&o, 0x5a, sizeof(o));
		EXPECT_EQ(b,
			  azs_fw_owner_of(&s.t, AZS_FW_KIND_GPIO, azs_inv_blocks[b].first_pin, &o));
		EXPECT_EQ((u32)AZS_FW_CORE_NONE, (u32)o.core);
		EXPECT_EQ(NO_OWNER, o.uid);
	}
	EXPECT_EQ(-EINVAL, azs_fw_owner_of(&s.t, AZS_FW_KIND_GPIO, 24, &o));
	ASSERT_EQ(0, sim_assign(_metadata, &s, AZS_FW_KIND_GPIO, 2, AZS_FW_CORE_HL, UID_B));
	ASSERT_EQ(0, azs_fw_owner_of(&s.t, AZS_FW_KIND_GPIO, 2, &o));
	EXPECT_EQ((u32)AZS_FW_CORE_HL, (u32)o.core);
	EXPECT_EQ(UID_B, o.uid);
	ASSERT_EQ(0, azs_fw_owner_of(&s.t, AZS_FW_KIND_GPIO, 3, &o));
	EXPECT_EQ((u32)AZS_FW_CORE_NONE, (u32)o.core);
}

TEST_HARNESS_MAIN
