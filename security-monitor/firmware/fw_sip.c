// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The security monitor's SiP service in Secure World: the same function ids
 * and results as the x86-64 stand-in (security-monitor/secmon_smc.c,
 * include/azs_secmon_smc.h). Served here: the service queries (call count,
 * UID, revision), the firewall registers with their lock latch, kept by
 * the pure core (core/fw_regs.c, compiled unchanged) in Secure-only RAM,
 * the root-of-trust keys (read-only, compiled in: fw_verify.c), and the
 * flash-backed state (manufacturing state, device ID, capabilities, update
 * counter: fw_nv.c, in the Secure flash's NV region; every change written
 * to flash before OK). One CPU and no Secure interrupts: a call runs to its
 * end alone, so the state needs no lock.
 */
#include "azs_secmon_smc.h"
#include "capfile.h"
#include "fw_nv.h"
#include "fw_regs.h"
#include "fw_sip.h"
#include "fw_verify.h"
#include "mfg_state.h"
#include "platform.h"
#include "smc_buf.h"

/* Function ids answered: CALL_COUNT, UID, REVISION, FW_SET_BLOCK,
 * FW_GET_BLOCK, FW_LOCK, GET_STATUS, MFG_GET, MFG_SET, DEVICE_ID_READ,
 * CAPS_GET, CAPS_STORE, CAPS_CLEAR, UPDATE_COUNTER_GET,
 * UPDATE_COUNTER_ADVANCE, ROT_KEY_COUNT, ROT_KEY_INFO, ROT_KEY_READ (as the
 * stand-in's). */
#define FW_SIP_NUM_CALLS 18

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

/* Write next as the record, then it is in force: OK or IO_ERROR. */
static u32 commit(const struct azs_nv_state *next)
{
	return fw_nv_commit(next) ? (u32)AZS_SMC_IO_ERROR : AZS_SMC_OK;
}

static void mfg_set(const struct azs_nv_state *cur, struct fw_smc_regs *regs)
{
	struct azs_nv_state next = *cur;
	int err = azs_mfg_check_transition(cur->mfg_state, regs->r[1]);

	if (err) {
		regs->r[0] = status_of(err);
	} else if (regs->r[1] == cur->mfg_state) {
		regs->r[0] = AZS_SMC_OK;
	} else {
		next.mfg_state = regs->r[1];
		regs->r[0] = commit(&next);
		if (regs->r[0] == AZS_SMC_OK) {
			fw_puts("azs-secmon: manufacturing state is now ");
			fw_puts(azs_mfg_state_name(next.mfg_state));
			fw_puts("\n");
		}
	}
}

/* The anti-rollback counter only grows; written to flash before OK. */
static void counter_advance(const struct azs_nv_state *cur, struct fw_smc_regs *regs)
{
	struct azs_nv_state next = *cur;
	u64 value = (u64)regs->r[1] | (u64)regs->r[2] << 32;

	if (value < cur->update_counter) {
		regs->r[0] = (u32)AZS_SMC_REPLAYED;
	} else if (value == cur->update_counter) {
		regs->r[0] = AZS_SMC_OK;
	} else {
		next.update_counter = value;
		regs->r[0] = commit(&next);
	}
}

/*
 * azs_smc_fetch_fn: bytes of Normal World RAM only (not the Secure RAM, the
 * flash or any device; the firmware keeps nothing in Normal World RAM).
 * Monitor mode reads them through the Secure address space, which maps
 * Normal World RAM too.
 */
static int ns_fetch(void *ctx, u64 pa, u8 *dst, u32 n)
{
	(void)ctx;
	if (pa < PLAT_NS_RAM_BASE || pa - PLAT_NS_RAM_BASE > PLAT_NS_RAM_SIZE ||
	    n > PLAT_NS_RAM_SIZE - (pa - PLAT_NS_RAM_BASE))
		return -EFAULT;
	memcpy(dst, (const void *)(uintptr_t)pa, n);
	return 0;
}

/*
 * CAPS_STORE: the Normal World buffer (a1/a2 physical address lo/hi, a3
 * length) is copied once into Secure RAM; that copy is parsed and verified
 * with the compiled-in capability key, then bound to this device and its
 * last sequence (as the stand-in's secmon_caps_store).
 */
static void caps_store(const struct azs_nv_state *cur, struct fw_smc_regs *regs)
{
	static u8 file[AZS_CAPFILE_SIZE] __attribute__((aligned(4)));
	u32 role = AZS_KEY_ROLE_CAPABILITY, reason = AZS_CAPFILE_OK, len = regs->r[3];
	struct azs_nv_state next = *cur;
	struct azs_capfile cf;
	int ret;

	memset(file, 0, sizeof(file));
	ret = azs_smc_copy_in((u64)regs->r[1] | (u64)regs->r[2] << 32, len, sizeof(file),
			      PLAT_NS_RAM_BASE + (PLAT_NS_RAM_SIZE - 1), 4096, file,
			      ns_fetch, NULL);
	if (ret) {
		regs->r[0] = (u32)AZS_SMC_INVALID_PARAM;
		regs->r[1] = AZS_CAPFILE_BAD_LENGTH;
		return;
	}
	ret = azs_capfile_check(file, len, &cf, &reason, fw_verify_key, &role);
	if (ret == -ENOMEM) {
		regs->r[0] = (u32)AZS_SMC_NO_MEMORY;
	} else if (ret) {
		regs->r[0] = ret == -EINVAL ? (u32)AZS_SMC_INVALID_PARAM : (u32)AZS_SMC_REJECTED;
	} else if ((ret = azs_capfile_check_binding(&cf, cur->device_id, cur->caps_sequence,
						    &reason))) {
		regs->r[0] = ret == -ENODEV ? (u32)AZS_SMC_WRONG_DEVICE : (u32)AZS_SMC_REPLAYED;
	} else {
		next.caps_present = cf.present;
		next.caps_sequence = cf.sequence;
		regs->r[0] = commit(&next);
	}
	regs->r[1] = reason;
	if (regs->r[0] != AZS_SMC_OK) {
		fw_puts("azs-secmon: capability file refused: ");
		fw_puts(regs->r[0] == (u32)AZS_SMC_IO_ERROR ? "flash write failed" :
			regs->r[0] == (u32)AZS_SMC_NO_MEMORY ? "out of memory" :
			azs_capfile_reason_str(reason));
		fw_puts("\n");
	}
}

/* The flash-backed calls (0x10..0x17); refused with IO_ERROR when the NV
 * region is (fw_nv_state() NULL: corrupt record or no factory record). */
static void nv_call(struct fw_smc_regs *regs)
{
	const struct azs_nv_state *cur = fw_nv_state();
	struct azs_nv_state next;
	const u8 *p;

	if (!cur) {
		regs->r[0] = (u32)AZS_SMC_IO_ERROR;
		return;
	}
	switch (regs->r[0]) {
	case AZS_SMC_MFG_GET:
		regs->r[0] = AZS_SMC_OK;
		regs->r[1] = cur->mfg_state;
		return;
	case AZS_SMC_MFG_SET:
		mfg_set(cur, regs);
		return;
	case AZS_SMC_DEVICE_ID_READ:
		if (regs->r[1] >= AZS_DEVICE_ID_SIZE / 4) {
			regs->r[0] = (u32)AZS_SMC_INVALID_PARAM;
			return;
		}
		p = cur->device_id + 4 * regs->r[1];
		regs->r[0] = AZS_SMC_OK;
		regs->r[1] = le_word(p, 4);
		return;
	case AZS_SMC_CAPS_GET:
		regs->r[0] = AZS_SMC_OK;
		regs->r[1] = (u32)cur->caps_present;
		regs->r[2] = (u32)cur->caps_sequence;
		regs->r[3] = (u32)(cur->caps_sequence >> 32);
		return;
	case AZS_SMC_CAPS_STORE:
		caps_store(cur, regs);
		return;
	case AZS_SMC_CAPS_CLEAR:
		/* The sequence stays: the cleared file can't be replayed. */
		next = *cur;
		next.caps_present = 0;
		regs->r[0] = cur->caps_present ? commit(&next) : AZS_SMC_OK;
		return;
	case AZS_SMC_UPDATE_COUNTER_GET:
		regs->r[0] = AZS_SMC_OK;
		regs->r[1] = (u32)cur->update_counter;
		regs->r[2] = (u32)(cur->update_counter >> 32);
		return;
	case AZS_SMC_UPDATE_COUNTER_ADVANCE:
		counter_advance(cur, regs);
		return;
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
		regs->r[1] = AZS_SECMON_REV_MINOR_NV;
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
		regs->r[1] = (regs_state.locked ? AZS_SECMON_STATUS_LOCKED : 0) |
			     (fw_nv_state() ? 0 : AZS_SECMON_STATUS_NV_REFUSED);
		regs->r[2] = AZS_INV_NUM_BLOCKS;
		regs->r[3] = regs_state.generation;
		return;
	case AZS_SMC_MFG_GET:
	case AZS_SMC_MFG_SET:
	case AZS_SMC_DEVICE_ID_READ:
	case AZS_SMC_CAPS_GET:
	case AZS_SMC_CAPS_STORE:
	case AZS_SMC_CAPS_CLEAR:
	case AZS_SMC_UPDATE_COUNTER_GET:
	case AZS_SMC_UPDATE_COUNTER_ADVANCE:
		nv_call(regs);
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
