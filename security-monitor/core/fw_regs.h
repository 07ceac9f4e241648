/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The simulated firewall registers and their lock latch, as the security
 * monitor keeps them: for every block of the inventory, the core it is
 * assigned to and the function it serves. Pure C (module + host tests).
 */
#ifndef AZS_FW_REGS_H
#define AZS_FW_REGS_H

#include "azsphere/types.h"
#include "azs_inventory.h"

struct azs_fw_regs {
	u8 core[AZS_INV_NUM_BLOCKS];
	u8 function[AZS_INV_NUM_BLOCKS];
	bool locked;	/* set-only: cleared by a reset (reboot) alone */
	u32 generation; /* counts register writes */
};

void azs_fw_regs_reset(struct azs_fw_regs *r);

/*
 * Write block's register. Allowed: unassigned -> (core, function),
 * (core, function) -> unassigned, and rewriting the same value. Returns
 * -EINVAL (bad block/core/function, or a function the block or core can't
 * serve), -EPERM (locked), -EBUSY (assigned block moved to another core or
 * function without being released first).
 */
int azs_fw_regs_write(struct azs_fw_regs *r, u32 block, u32 core, u32 function);

/* Read block's register; -EINVAL for a bad block. */
int azs_fw_regs_read(const struct azs_fw_regs *r, u32 block, u32 *core,
		     u32 *function);

/* Latch the lock. Returns 1 the first time, 0 if it was already set. */
int azs_fw_regs_lock(struct azs_fw_regs *r);

#endif /* AZS_FW_REGS_H */
