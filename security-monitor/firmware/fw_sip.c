// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The security monitor's SiP service in Secure World: the same function ids
 * and results as the x86-64 stand-in (security-monitor/secmon_smc.c,
 * include/azs_secmon_smc.h). Served here: the service queries (call count,
 * UID, revision), the firewall registers with their lock latch, kept by
 * the pure core (core/fw_regs.c, compiled unchanged) in Secure-only RAM,
 * and the root-of-trust keys (read-only, compiled in: fw_verify.c). The
 * flash-backed calls (manufacturing state, device ID, capabilities, update
 * counter) answer NOT_SUPPORTED until they move here. One CPU and no Secure interrupts: a call runs to its end
 * alone, so the state needs no lock.
 */
#include "azs_secmon_smc.h"
#include "fw_regs.h"
#include "fw_sip.h"
#include "fw_verify.h"

/* Function ids answered: CALL_COUNT, UID, REVISION, FW_SET_BLOCK,
 * FW_GET_BLOCK, FW_LOCK, GET_STATUS, ROT_KEY_COUNT, ROT_KEY_INFO,
 * ROT_KEY_READ. */
#define FW_SIP_NUM_CALLS 10

/* Zero (all blocks unassigned, unlocked) from reset: .bss in Secure RAM. */
static struct azs_fw_regs regs_state;

static u32 status_of(int err)
{
	switch (err) {
	case 0:
		return AZS_SMC_OK;
	case -EPERM:
		return (u32)AZS_SMC_DENIED;
	case -EBUSY:
		return (u32)AZS_SMC_BUSY;
	default:
		return (u32)AZS_SMC_INVALID_PARAM;
	}
}

/* Up to 4 bytes of p (avail of them exist) as a little-endian word. */
static u32 le_word(const u8 *p, u32 avail)
{
	u32 v = 0, i;

	for (i = 0; i < 4 && i < avail; i++)
		v |= (u32)p[i] << (8 * i);
	return v;
}

/* As the stand-in's rot_key() (secmon_smc.c). */
static void rot_key(struct fw_smc_regs *regs)
{
	const struct secmon_rot_key *key;
	u32 fid = regs->r[0], word = regs->r[2], n;

	key = fw_rot_key(regs->r[1], &n);
	if (fid == AZS_SMC_ROT_KEY_COUNT) {
		regs->r[0] = AZS_SMC_OK;
		regs->r[1] = n;
		return;
	}
	if (!key || (fid == AZS_SMC_ROT_KEY_READ &&
		     word >= (sizeof(key->pub) + 3) / 4)) {
		regs->r[0] = (u32)AZS_SMC_INVALID_PARAM;
		return;
	}
	regs->r[0] = AZS_SMC_OK;
	if (fid == AZS_SMC_ROT_KEY_INFO) {
		regs->r[1] = key->role;
		regs->r[2] = le_word(key->id, 4);
		regs->r[3] = le_word(key->id + 4, 4);
	} else {
		regs->r[1] = le_word(key->pub + 4 * word, sizeof(key->pub) - 4 * word);
	}
}

void fw_sip_handle(struct fw_smc_regs *regs)
{
	u32 core = 0, function = 0;
	int err;

	switch (regs->r[0]) {
	case AZS_SMC_CALL_COUNT:
		regs->r[0] = FW_SIP_NUM_CALLS;
		return;
	case AZS_SMC_UID:
		regs->r[0] = AZS_SECMON_UID_0;
		regs->r[1] = AZS_SECMON_UID_1;
		regs->r[2] = AZS_SECMON_UID_2;
		regs->r[3] = AZS_SECMON_UID_3;
		return;
	case AZS_SMC_REVISION:
		regs->r[0] = AZS_SECMON_REV_MAJOR;
		regs->r[1] = AZS_SECMON_REV_MINOR;
		return;
	case AZS_SMC_FW_SET_BLOCK:
		regs->r[0] = status_of(azs_fw_regs_write(&regs_state, regs->r[1],
							 regs->r[2], regs->r[3]));
		return;
	case AZS_SMC_FW_GET_BLOCK:
		err = azs_fw_regs_read(&regs_state, regs->r[1], &core, &function);
		regs->r[0] = status_of(err);
		regs->r[1] = core;
		regs->r[2] = function;
		return;
	case AZS_SMC_FW_LOCK:
		if (azs_fw_regs_lock(&regs_state) == 1)
			fw_puts("azs-secmon: peripheral configuration locked until reset\n");
		regs->r[0] = AZS_SMC_OK;
		return;
	case AZS_SMC_GET_STATUS:
		regs->r[0] = AZS_SMC_OK;
		regs->r[1] = regs_state.locked ? AZS_SECMON_STATUS_LOCKED : 0;
		regs->r[2] = AZS_INV_NUM_BLOCKS;
		regs->r[3] = regs_state.generation;
		return;
	case AZS_SMC_ROT_KEY_COUNT:
	case AZS_SMC_ROT_KEY_INFO:
	case AZS_SMC_ROT_KEY_READ:
		rot_key(regs);
		return;
	default:
		regs->r[0] = (u32)AZS_SMC_NOT_SUPPORTED;
		return;
	}
}
