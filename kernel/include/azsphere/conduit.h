/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Normal World's conduit to the security monitor, shaped like the OP-TEE
 * driver's invoke_fn: a function pointer chosen at probe, then a UID and
 * revision handshake. The conduit is the simulated monitor's entry point,
 * except for the firewall registers on ARMv7 booted through the Secure
 * World firmware: arm_smccc_1_1_invoke() with the same function ids.
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

/* The monitor answering invoke is ours: its UID and major revision. */
static inline bool azs_conduit_identity_ok(azs_smc_invoke_fn *invoke)
{
	struct arm_smccc_res res;

	azs_call(invoke, AZS_SMC_UID, 0, 0, 0, &res);
	if (res.a0 != AZS_SECMON_UID_0 || res.a1 != AZS_SECMON_UID_1 ||
	    res.a2 != AZS_SECMON_UID_2 || res.a3 != AZS_SECMON_UID_3) {
		pr_err("security monitor UID mismatch\n");
		return false;
	}
	azs_call(invoke, AZS_SMC_REVISION, 0, 0, 0, &res);
	if (res.a0 != AZS_SECMON_REV_MAJOR) {
		pr_err("security monitor revision %lu.%lu, need %d.x\n", res.a0,
		       res.a1, AZS_SECMON_REV_MAJOR);
		return false;
	}
	return true;
}

/* Pick the conduit and check we talk to the monitor we were built for. */
static inline int azs_conduit_probe(azs_smc_invoke_fn **invoke)
{
	*invoke = azs_secmon_smc;
	return azs_conduit_identity_ok(*invoke) ? 0 : -ENODEV;
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
 * The firewall registers and their lock latch: the Secure World firmware
 * when one answers by SMC (ARMv7 booted through it: SMCCC 1.1 with the SMC
 * conduit, our UID and revision), else the stand-in module. The firmware
 * serves FW_SET_BLOCK, FW_GET_BLOCK, FW_LOCK and GET_STATUS; the
 * flash-backed calls stay with the stand-in (azs_conduit_probe) for now.
 */
static inline int azs_conduit_probe_fw_regs(azs_smc_invoke_fn **invoke,
					    bool *secure_world)
{
	*secure_world = false;
#if IS_ENABLED(CONFIG_HAVE_ARM_SMCCC_DISCOVERY)
	if (arm_smccc_1_1_get_conduit() == SMCCC_CONDUIT_SMC &&
	    azs_conduit_identity_ok(azs_smc_secure_world)) {
		*invoke = azs_smc_secure_world;
		*secure_world = true;
		return 0;
	}
#endif
	return azs_conduit_probe(invoke);
}

#endif /* AZSPHERE_CONDUIT_H */
