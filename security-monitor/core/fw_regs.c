// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Simulated firewall registers and lock latch (see fw_regs.h). */
#include "fw_regs.h"

void azs_fw_regs_reset(struct azs_fw_regs *r)
{
	memset(r, 0, sizeof(*r));
}

int azs_fw_regs_write(struct azs_fw_regs *r, u32 block, u32 core, u32 function)
{
	if (block >= AZS_INV_NUM_BLOCKS || core > AZS_FW_CORE_MAX ||
	    function > AZS_FW_KIND_MAX)
		return -EINVAL;
	if ((core == AZS_FW_CORE_NONE) != (function == AZS_FW_KIND_NONE))
		return -EINVAL;
	if (core != AZS_FW_CORE_NONE &&
	    (!(azs_inv_blocks[block].functions & AZS_INV_FN(function)) ||
	     !(azs_inv_function_cores[function] & AZS_INV_CORE(core))))
		return -EINVAL;
	if (r->locked)
		return -EPERM;
	if (core != AZS_FW_CORE_NONE && r->core[block] != AZS_FW_CORE_NONE &&
	    (r->core[block] != core || r->function[block] != function))
		return -EBUSY;

	r->core[block] = (u8)core;
	r->function[block] = (u8)function;
	r->generation++;
	return 0;
}

int azs_fw_regs_read(const struct azs_fw_regs *r, u32 block, u32 *core,
		     u32 *function)
{
	if (block >= AZS_INV_NUM_BLOCKS)
		return -EINVAL;
	*core = r->core[block];
	*function = r->function[block];
	return 0;
}

int azs_fw_regs_lock(struct azs_fw_regs *r)
{
	if (r->locked)
		return 0;
	r->locked = true;
	return 1;
}
