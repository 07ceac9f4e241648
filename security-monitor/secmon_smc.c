// SPDX-License-Identifier: GPL-2.0-only
/*
 * The security monitor's call dispatcher: the only way Normal World reaches
 * Secure World state. Every call is a function id plus register arguments
 * (include/azs_secmon_smc.h); a bulk argument travels in a shared buffer
 * whose physical address is passed, as with a real SMC. A handler copies
 * such a buffer into its own memory once (secmon_copy_in) and works on that
 * copy only: Normal World may rewrite the buffer during the call.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/string.h>

#include "azs_secmon_smc.h"
#include "mfg_state.h"
#include "secmon.h"
#include "smc_buf.h"

/* Function ids answered, for AZS_SMC_CALL_COUNT. */
#define SECMON_NUM_CALLS 18

static long status_of(int err)
{
	switch (err) {
	case 0:
		return AZS_SMC_OK;
	case -EPERM:
		return AZS_SMC_DENIED;
	case -EBUSY:
		return AZS_SMC_BUSY;
	default:
		return AZS_SMC_INVALID_PARAM;
	}
}

static void fw_set_block(unsigned long block, unsigned long core,
			 unsigned long function, struct arm_smccc_res *res)
{
	unsigned long flags;
	int err;

	if (block > U32_MAX || core > U32_MAX || function > U32_MAX) {
		res->a0 = (unsigned long)AZS_SMC_INVALID_PARAM;
		return;
	}
	spin_lock_irqsave(&secmon.regs_lock, flags);
	err = azs_fw_regs_write(&secmon.regs, block, core, function);
	spin_unlock_irqrestore(&secmon.regs_lock, flags);
	res->a0 = (unsigned long)status_of(err);
}

static void fw_get_block(unsigned long block, struct arm_smccc_res *res)
{
	unsigned long flags;
	u32 core = 0, function = 0;
	int err;

	if (block > U32_MAX) {
		res->a0 = (unsigned long)AZS_SMC_INVALID_PARAM;
		return;
	}
	spin_lock_irqsave(&secmon.regs_lock, flags);
	err = azs_fw_regs_read(&secmon.regs, block, &core, &function);
	spin_unlock_irqrestore(&secmon.regs_lock, flags);
	res->a0 = (unsigned long)status_of(err);
	res->a1 = core;
	res->a2 = function;
}

static void fw_lock(struct arm_smccc_res *res)
{
	unsigned long flags;
	bool first;

	spin_lock_irqsave(&secmon.regs_lock, flags);
	first = azs_fw_regs_lock(&secmon.regs) == 1;
	if (first)
		secmon.pinned = true;
	spin_unlock_irqrestore(&secmon.regs_lock, flags);
	if (first) {
		/* Until reset: nothing may unload the monitor and its latch. */
		__module_get(THIS_MODULE);
		pr_info("peripheral configuration locked until reboot\n");
	}
	res->a0 = AZS_SMC_OK;
}

static void get_status(struct arm_smccc_res *res)
{
	unsigned long flags;

	spin_lock_irqsave(&secmon.regs_lock, flags);
	res->a1 = secmon.regs.locked ? AZS_SECMON_STATUS_LOCKED : 0;
	res->a3 = secmon.regs.generation;
	spin_unlock_irqrestore(&secmon.regs_lock, flags);
	res->a0 = AZS_SMC_OK;
	res->a2 = AZS_INV_NUM_BLOCKS;
}

static void mfg_set(unsigned long state, struct arm_smccc_res *res)
{
	struct azs_nv_state next;
	int err;

	if (state > U32_MAX) {
		res->a0 = (unsigned long)AZS_SMC_INVALID_PARAM;
		return;
	}
	mutex_lock(&secmon.nv_lock);
	err = azs_mfg_check_transition(secmon.nv.mfg_state, state);
	if (err) {
		res->a0 = (unsigned long)status_of(err);
	} else if (state == secmon.nv.mfg_state) {
		res->a0 = AZS_SMC_OK;
	} else {
		next = secmon.nv;
		next.mfg_state = state;
		if (secmon_nv_commit(&next)) {
			res->a0 = (unsigned long)AZS_SMC_IO_ERROR;
		} else {
			secmon.nv = next;
			res->a0 = AZS_SMC_OK;
			pr_info("manufacturing state is now %s\n",
				azs_mfg_state_name(state));
		}
	}
	mutex_unlock(&secmon.nv_lock);
}

static void device_id_read(unsigned long word, struct arm_smccc_res *res)
{
	const u8 *p;

	if (word >= AZS_DEVICE_ID_SIZE / 4) {
		res->a0 = (unsigned long)AZS_SMC_INVALID_PARAM;
		return;
	}
	mutex_lock(&secmon.nv_lock);
	p = secmon.nv.device_id + 4 * word;
	res->a1 =
		(u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
	mutex_unlock(&secmon.nv_lock);
	res->a0 = AZS_SMC_OK;
}

static void caps_get(struct arm_smccc_res *res)
{
	mutex_lock(&secmon.nv_lock);
	res->a1 = (u32)secmon.nv.caps_present;
	res->a2 = (u32)secmon.nv.caps_sequence;
	res->a3 = (u32)(secmon.nv.caps_sequence >> 32);
	mutex_unlock(&secmon.nv_lock);
	res->a0 = AZS_SMC_OK;
}

static void update_counter_get(struct arm_smccc_res *res)
{
	mutex_lock(&secmon.nv_lock);
	res->a1 = (u32)secmon.nv.update_counter;
	res->a2 = (u32)(secmon.nv.update_counter >> 32);
	mutex_unlock(&secmon.nv_lock);
	res->a0 = AZS_SMC_OK;
}

/* The anti-rollback counter only grows; it is written to flash before OK. */
static void update_counter_advance(unsigned long lo, unsigned long hi,
				   struct arm_smccc_res *res)
{
	struct azs_nv_state next;
	u64 value;

	if (lo > U32_MAX || hi > U32_MAX) {
		res->a0 = (unsigned long)AZS_SMC_INVALID_PARAM;
		return;
	}
	value = (u64)lo | (u64)hi << 32;
	mutex_lock(&secmon.nv_lock);
	if (value < secmon.nv.update_counter) {
		res->a0 = (unsigned long)AZS_SMC_REPLAYED;
	} else if (value == secmon.nv.update_counter) {
		res->a0 = AZS_SMC_OK;
	} else {
		next = secmon.nv;
		next.update_counter = value;
		if (secmon_nv_commit(&next)) {
			res->a0 = (unsigned long)AZS_SMC_IO_ERROR;
		} else {
			secmon.nv = next;
			res->a0 = AZS_SMC_OK;
		}
	}
	mutex_unlock(&secmon.nv_lock);
}

/*
 * azs_smc_fetch_fn: n bytes within one page of ordinary memory (System RAM
 * with a struct page), mapped with kmap_local_page for the copy only: this
 * works for ARM highmem too, which has no permanent kernel mapping.
 */
static int secmon_fetch(void *ctx, u64 pa, u8 *dst, u32 n)
{
	unsigned long pfn = PHYS_PFN(pa);
	void *page;

	if (!pfn_valid(pfn) ||
	    region_intersects(pa, n, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) !=
		    REGION_INTERSECTS)
		return -EFAULT;
	page = kmap_local_page(pfn_to_page(pfn));
	memcpy(dst, page + offset_in_page(pa), n);
	kunmap_local(page);
	return 0;
}

/*
 * Copy the Normal World buffer at physical address lo/hi (32-bit halves),
 * len bytes, into dst (max bytes): 0, -EMSGSIZE (len 0 or above max),
 * -ERANGE (bad halves, wrapping or unmappable range), -EFAULT (not ordinary
 * memory). It may cross pages; each is mapped on its own.
 */
static int secmon_copy_in(unsigned long lo, unsigned long hi, unsigned long len,
			  u8 *dst, u32 max)
{
	if (lo > U32_MAX || hi > U32_MAX)
		return -ERANGE;
	return azs_smc_copy_in((u64)lo | (u64)hi << 32, len, max,
			       (u64)PHYS_ADDR_MAX, PAGE_SIZE, dst, secmon_fetch,
			       NULL);
}

static void caps_store(unsigned long lo, unsigned long hi, unsigned long len,
		       struct arm_smccc_res *res)
{
	u8 file[AZS_CAPFILE_SIZE];
	u32 reason = AZS_CAPFILE_OK;
	int ret;

	/* One copy, parsed and verified; the shared bytes aren't read again. */
	ret = secmon_copy_in(lo, hi, len, file, sizeof(file));
	if (ret) {
		pr_info("capability file refused: shared buffer (%lu bytes): %s\n",
			len,
			ret == -EMSGSIZE ? "wrong length"
					 : "not ordinary memory in range");
		res->a0 = (unsigned long)AZS_SMC_INVALID_PARAM;
		res->a1 = AZS_CAPFILE_BAD_LENGTH;
		return;
	}
	res->a0 = (unsigned long)secmon_caps_store(file, (u32)len, &reason);
	res->a1 = reason;
}

static u32 le_word(const u8 *p, size_t avail)
{
	u32 w = 0;
	size_t i;

	for (i = 0; i < 4 && i < avail; i++)
		w |= (u32)p[i] << (8 * i);
	return w;
}

static void rot_key(unsigned long fid, unsigned long slot, unsigned long word,
		    struct arm_smccc_res *res)
{
	const struct secmon_rot_key *key;
	u32 n;

	key = secmon_rot_key_slot(slot > U32_MAX ? U32_MAX : (u32)slot, &n);
	if (fid == AZS_SMC_ROT_KEY_COUNT) {
		res->a0 = AZS_SMC_OK;
		res->a1 = n;
		return;
	}
	if (!key || (fid == AZS_SMC_ROT_KEY_READ &&
		     word >= DIV_ROUND_UP(sizeof(key->pub), 4))) {
		res->a0 = (unsigned long)AZS_SMC_INVALID_PARAM;
		return;
	}
	res->a0 = AZS_SMC_OK;
	if (fid == AZS_SMC_ROT_KEY_INFO) {
		res->a1 = key->role;
		res->a2 = le_word(key->id, 4);
		res->a3 = le_word(key->id + 4, 4);
	} else {
		res->a1 = le_word(key->pub + 4 * word,
				  sizeof(key->pub) - 4 * word);
	}
}

/*
 * The flash-backed state's calls: not served (not even held) when the
 * Secure World firmware serves them.
 */
static void nv_call(unsigned long a0, unsigned long a1, unsigned long a2,
		    unsigned long a3, struct arm_smccc_res *res)
{
	if (secmon.nv_in_secure_world) {
		res->a0 = (unsigned long)AZS_SMC_NOT_SUPPORTED;
		return;
	}
	switch ((u32)a0) {
	case AZS_SMC_MFG_GET:
		mutex_lock(&secmon.nv_lock);
		res->a1 = secmon.nv.mfg_state;
		mutex_unlock(&secmon.nv_lock);
		res->a0 = AZS_SMC_OK;
		break;
	case AZS_SMC_MFG_SET:
		mfg_set(a1, res);
		break;
	case AZS_SMC_DEVICE_ID_READ:
		device_id_read(a1, res);
		break;
	case AZS_SMC_CAPS_GET:
		caps_get(res);
		break;
	case AZS_SMC_CAPS_STORE:
		caps_store(a1, a2, a3, res);
		break;
	case AZS_SMC_CAPS_CLEAR:
		res->a0 = (unsigned long)secmon_caps_clear();
		break;
	case AZS_SMC_UPDATE_COUNTER_GET:
		update_counter_get(res);
		break;
	case AZS_SMC_UPDATE_COUNTER_ADVANCE:
		update_counter_advance(a1, a2, res);
		break;
	}
}

void azs_secmon_smc(unsigned long a0, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4, unsigned long a5,
		    unsigned long a6, unsigned long a7,
		    struct arm_smccc_res *res)
{
	memset(res, 0, sizeof(*res));

	switch ((u32)a0) {
	case AZS_SMC_CALL_COUNT:
		res->a0 = SECMON_NUM_CALLS;
		break;
	case AZS_SMC_UID:
		res->a0 = AZS_SECMON_UID_0;
		res->a1 = AZS_SECMON_UID_1;
		res->a2 = AZS_SECMON_UID_2;
		res->a3 = AZS_SECMON_UID_3;
		break;
	case AZS_SMC_REVISION:
		res->a0 = AZS_SECMON_REV_MAJOR;
		res->a1 = AZS_SECMON_REV_MINOR;
		break;
	case AZS_SMC_FW_SET_BLOCK:
		fw_set_block(a1, a2, a3, res);
		break;
	case AZS_SMC_FW_GET_BLOCK:
		fw_get_block(a1, res);
		break;
	case AZS_SMC_FW_LOCK:
		fw_lock(res);
		break;
	case AZS_SMC_GET_STATUS:
		get_status(res);
		break;
	case AZS_SMC_MFG_GET ... AZS_SMC_UPDATE_COUNTER_ADVANCE:
		nv_call(a0, a1, a2, a3, res);
		break;
	case AZS_SMC_ROT_KEY_COUNT:
	case AZS_SMC_ROT_KEY_INFO:
	case AZS_SMC_ROT_KEY_READ:
		rot_key((u32)a0, a1, a2, res);
		break;
	default:
		res->a0 = (unsigned long)AZS_SMC_NOT_SUPPORTED;
		break;
	}
}
EXPORT_SYMBOL_GPL(azs_secmon_smc);
