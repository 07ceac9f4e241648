// SPDX-License-Identifier: GPL-2.0-only
/*
 * The security monitor's call dispatcher: the only way Normal World reaches
 * Secure World state. Every call is a function id plus register arguments.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/string.h>

#include "azs_secmon_smc.h"
#include "secmon.h"

void azs_secmon_smc(unsigned long a0, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4, unsigned long a5,
		    unsigned long a6, unsigned long a7,
		    struct arm_smccc_res *res)
{
	memset(res, 0, sizeof(*res));

	switch ((u32)a0) {
	case AZS_SMC_CALL_COUNT:
		res->a0 = AZS_SECMON_NUM_CALLS;
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
	default:
		res->a0 = (unsigned long)AZS_SMC_NOT_SUPPORTED;
		break;
	}
}
EXPORT_SYMBOL_GPL(azs_secmon_smc);
