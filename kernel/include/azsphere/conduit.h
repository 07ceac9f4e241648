/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Normal World's conduit to the security monitor, shaped like the OP-TEE
 * driver's invoke_fn: a function pointer chosen at probe, then a UID and
 * revision handshake. On ARMv7 booted through the Secure World firmware it
 * is arm_smccc_1_1_invoke() with the same function ids (the firewall
 * registers, and the flash-backed state from firmware revision 1.1); else
 * the simulated monitor's entry point.
 */
#ifndef AZSPHERE_CONDUIT_H
#define AZSPHERE_CONDUIT_H

#include <linux/printk.h>

#include "azs_secmon_smc.h"

static inline void azs_call(azs_smc_invoke_fn *invoke, unsigned long fid,
			    unsigned long a1, unsigned long a2,
			    unsigned long a3, struct arm_smccc_res *res)
{
	invoke(fid, a1, a2, a3, 0, 0, 0, 0, res);
}

/*
 * What a driver calls the monitor for. The Secure World firmware serves the
 * firewall registers from revision 1.0 and the flash-backed state (0x10..0x17)
 * with the root-of-trust keys (0x20..0x22) from 1.AZS_SECMON_REV_MINOR_NV
 * (azs_secmon_smc.h): the minor revision is how it says "the flash-backed
 * state is mine".
 */
enum azs_conduit_need {
	AZS_CONDUIT_FW_REGS, /* FW_SET_BLOCK, FW_GET_BLOCK, FW_LOCK, GET_STATUS */
	AZS_CONDUIT_NV,	     /* MFG_*, DEVICE_ID_READ, CAPS_*, UPDATE_COUNTER_*,
			      * ROT_KEY_* */
};

/* The monitor answering invoke is ours: its UID, major and least minor. */
static inline bool azs_conduit_identity_ok(azs_smc_invoke_fn *invoke,
					   unsigned long min_minor, bool quiet)
{
	struct arm_smccc_res res;

	azs_call(invoke, AZS_SMC_UID, 0, 0, 0, &res);
	if (res.a0 != AZS_SECMON_UID_0 || res.a1 != AZS_SECMON_UID_1 ||
	    res.a2 != AZS_SECMON_UID_2 || res.a3 != AZS_SECMON_UID_3) {
		if (!quiet)
			pr_err("security monitor UID mismatch\n");
		return false;
	}
	azs_call(invoke, AZS_SMC_REVISION, 0, 0, 0, &res);
	if (res.a0 != AZS_SECMON_REV_MAJOR || res.a1 < min_minor) {
		if (!quiet)
			pr_err("security monitor revision %lu.%lu, need %d.%lu or later\n",
			       res.a0, res.a1, AZS_SECMON_REV_MAJOR, min_minor);
		return false;
	}
	return true;
}

#if IS_ENABLED(CONFIG_HAVE_ARM_SMCCC_DISCOVERY)
/* A real SMC to the Secure World firmware (security-monitor/firmware). */
static inline void azs_smc_secure_world(unsigned long a0, unsigned long a1,
					unsigned long a2, unsigned long a3,
					unsigned long a4, unsigned long a5,
					unsigned long a6, unsigned long a7,
					struct arm_smccc_res *res)
{
	arm_smccc_1_1_invoke(a0, a1, a2, a3, a4, a5, a6, a7, res);
}
#endif

/*
 * The one probe of every driver (the OP-TEE driver's handshake): the Secure
 * World firmware when the kernel found SMCCC 1.1 with the SMC conduit (ARMv7
 * booted through it) and the SiP service there is ours (UID, major revision)
 * at a revision serving need; else the stand-in module's azs_secmon_smc()
 * (x86-64, ARMv7 with AZS_SECURE_WORLD=0, or an older firmware for
 * AZS_CONDUIT_NV). *secure_world says which. Every driver asking for the
 * same need gets the same answer: the decision depends only on the firmware.
 */
static inline int azs_conduit_probe(azs_smc_invoke_fn **invoke,
				    enum azs_conduit_need need,
				    bool *secure_world)
{
	*secure_world = false;
#if IS_ENABLED(CONFIG_HAVE_ARM_SMCCC_DISCOVERY)
	if (arm_smccc_1_1_get_conduit() == SMCCC_CONDUIT_SMC &&
	    azs_conduit_identity_ok(azs_smc_secure_world,
				    need == AZS_CONDUIT_NV ?
					    AZS_SECMON_REV_MINOR_NV : 0,
				    true)) {
		*invoke = azs_smc_secure_world;
		*secure_world = true;
		return 0;
	}
#endif
	*invoke = azs_secmon_smc;
	return azs_conduit_identity_ok(*invoke, 0, false) ? 0 : -ENODEV;
}

#endif /* AZSPHERE_CONDUIT_H */
