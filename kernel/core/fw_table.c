// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Peripheral firewall decision logic (see fw_table.h). Pure C: no kernel or
 * libc calls beyond memset, so it runs unchanged in the module and on the
 * host.
 */
#include "fw_table.h"

void azs_fw_table_init(struct azs_fw_table *t)
{
	u32 i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i <= AZS_INV_MAX_GPIO; i++)
		t->gpio[i].uid = AZS_FW_NO_OWNER;
	for (i = 0; i < AZS_INV_NUM_BLOCKS; i++)
		t->ctrl[i].uid = AZS_FW_NO_OWNER;
}

int azs_fw_resource_block(u32 kind, u32 index)
{
	int b;

	if (kind == AZS_FW_KIND_NONE || kind > AZS_FW_KIND_MAX)
		return -EINVAL;
	for (b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		if (!(blk->functions & AZS_INV_FN(kind)))
			continue;
		if (kind == AZS_FW_KIND_GPIO) {
			if (index >= blk->first_pin &&
			    index < (u32)blk->first_pin + blk->num_pins)
				return b;
		} else if (blk->controller == index) {
			return b;
		}
	}
	return -EINVAL;
}

static struct azs_fw_owner *owner_slot(struct azs_fw_table *t, int block,
				       u32 kind, u32 index)
{
	return kind == AZS_FW_KIND_GPIO ? &t->gpio[index] : &t->ctrl[block];
}

/*
 * A block's controller functions (an ISU's UART, I2C, SPI) share one slot,
 * which holds the function ctrl_kind: the block's other ones are unassigned.
 */
static const struct azs_fw_owner *
owner_slot_const(const struct azs_fw_table *t, int block, u32 kind, u32 index)
{
	static const struct azs_fw_owner unassigned = {
		.core = AZS_FW_CORE_NONE,
		.uid = AZS_FW_NO_OWNER,
	};

	if (kind != AZS_FW_KIND_GPIO && t->ctrl_kind[block] != kind)
		return &unassigned;
	return kind == AZS_FW_KIND_GPIO ? &t->gpio[index] : &t->ctrl[block];
}

/* Resources of a block still assigned, other than (kind, index). */
static u32 others_in_block(const struct azs_fw_table *t, int block, u32 kind,
			   u32 index)
{
	const struct azs_inv_block *blk = &azs_inv_blocks[block];
	u32 n = 0, pin;

	for (pin = blk->first_pin; pin < (u32)blk->first_pin + blk->num_pins;
	     pin++)
		if (t->gpio[pin].core != AZS_FW_CORE_NONE &&
		    !(kind == AZS_FW_KIND_GPIO && pin == index))
			n++;
	if (t->ctrl[block].core != AZS_FW_CORE_NONE && kind == AZS_FW_KIND_GPIO)
		n++;
	return n;
}

int azs_fw_plan_assign(const struct azs_fw_table *t,
		       const struct azs_fw_block_reg *cur, u32 kind, u32 index,
		       u32 core, u32 owner, struct azs_fw_plan *plan)
{
	const struct azs_fw_owner *slot;
	int block;

	block = azs_fw_resource_block(kind, index);
	if (block < 0)
		return block;
	if (core < AZS_FW_CORE_HL || core > AZS_FW_CORE_MAX)
		return -EINVAL;
	if (!(azs_inv_function_cores[kind] & AZS_INV_CORE(core)))
		return -EINVAL;
	if ((core == AZS_FW_CORE_HL) != (owner != AZS_FW_NO_OWNER))
		return -EINVAL;
	if (t->locked)
		return -EPERM;

	if (cur->core != AZS_FW_CORE_NONE &&
	    (cur->core != core || cur->function != kind))
		return -EBUSY;

	slot = owner_slot_const(t, block, kind, index);
	if (slot->core != AZS_FW_CORE_NONE &&
	    (slot->core != core || slot->uid != owner))
		return -EBUSY;

	plan->block = block;
	plan->next.core = (u8)core;
	plan->next.function = (u8)kind;
	plan->reg_changes = cur->core != core || cur->function != kind;
	plan->noop =
		slot->core == core && slot->uid == owner && !plan->reg_changes;
	return 0;
}

void azs_fw_commit_assign(struct azs_fw_table *t, u32 kind, u32 index, u32 core,
			  u32 owner)
{
	int block = azs_fw_resource_block(kind, index);
	struct azs_fw_owner *slot;

	if (block < 0)
		return;
	slot = owner_slot(t, block, kind, index);
	if (slot->core == AZS_FW_CORE_NONE)
		t->num_assigned++;
	slot->core = (u8)core;
	slot->uid = owner;
	if (kind != AZS_FW_KIND_GPIO)
		t->ctrl_kind[block] = (u8)kind;
	t->generation++;
}

int azs_fw_plan_release(const struct azs_fw_table *t,
			const struct azs_fw_block_reg *cur, u32 kind, u32 index,
			struct azs_fw_plan *plan)
{
	const struct azs_fw_owner *slot;
	int block;

	block = azs_fw_resource_block(kind, index);
	if (block < 0)
		return block;
	if (t->locked)
		return -EPERM;
	slot = owner_slot_const(t, block, kind, index);
	if (slot->core == AZS_FW_CORE_NONE)
		return -ENOENT;

	plan->block = block;
	plan->noop = false;
	if (others_in_block(t, block, kind, index) == 0) {
		plan->next.core = AZS_FW_CORE_NONE;
		plan->next.function = AZS_FW_KIND_NONE;
	} else {
		plan->next = *cur;
	}
	plan->reg_changes = plan->next.core != cur->core ||
			    plan->next.function != cur->function;
	return 0;
}

void azs_fw_commit_release(struct azs_fw_table *t, u32 kind, u32 index)
{
	int block = azs_fw_resource_block(kind, index);
	struct azs_fw_owner *slot;

	if (block < 0)
		return;
	if (owner_slot_const(t, block, kind, index)->core == AZS_FW_CORE_NONE)
		return;
	slot = owner_slot(t, block, kind, index);
	slot->core = AZS_FW_CORE_NONE;
	slot->uid = AZS_FW_NO_OWNER;
	if (kind != AZS_FW_KIND_GPIO)
		t->ctrl_kind[block] = AZS_FW_KIND_NONE;
	t->num_assigned--;
	t->generation++;
}

int azs_fw_owner_of(const struct azs_fw_table *t, u32 kind, u32 index,
		    struct azs_fw_owner *owner)
{
	int block = azs_fw_resource_block(kind, index);

	if (block < 0)
		return block;
	*owner = *owner_slot_const(t, block, kind, index);
	return block;
}

int azs_fw_check_access(const struct azs_fw_table *t,
			const struct azs_fw_block_reg *cur, u32 kind, u32 index,
			u32 uid)
{
	const struct azs_fw_owner *slot;
	int block;

	block = azs_fw_resource_block(kind, index);
	if (block < 0)
		return block;
	if (cur->core != AZS_FW_CORE_HL || cur->function != kind)
		return -EACCES;
	slot = owner_slot_const(t, block, kind, index);
	if (slot->core != AZS_FW_CORE_HL || slot->uid != uid)
		return -EACCES;
	return 0;
}

void azs_fw_table_lock(struct azs_fw_table *t)
{
	t->locked = true;
}
