/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Normal World's conduit to the security monitor, shaped like the OP-TEE
 * driver's invoke_fn: a function pointer chosen at probe, then a UID and
 * revision handshake. Today the conduit is the simulated monitor's entry
 * point on every architecture; on an ARM board with a real monitor it
 * becomes arm_smccc_1_1_invoke() with the same function ids.
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

/* Pick the conduit and check we talk to the monitor we were built for. */
static inline int azs_conduit_probe(azs_smc_invoke_fn **invoke)
{
	struct arm_smccc_res res;

	*invoke = azs_secmon_smc;

	azs_call(*invoke, AZS_SMC_UID, 0, 0, 0, &res);
	if (res.a0 != AZS_SECMON_UID_0 || res.a1 != AZS_SECMON_UID_1 ||
	    res.a2 != AZS_SECMON_UID_2 || res.a3 != AZS_SECMON_UID_3) {
		pr_err("security monitor UID mismatch\n");
		return -ENODEV;
	}
	azs_call(*invoke, AZS_SMC_REVISION, 0, 0, 0, &res);
	if (res.a0 != AZS_SECMON_REV_MAJOR) {
		pr_err("security monitor revision %lu.%lu, need %d.x\n", res.a0,
		       res.a1, AZS_SECMON_REV_MAJOR);
		return -ENODEV;
	}
	return 0;
}

#endif /* AZSPHERE_CONDUIT_H */
