// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The security monitor's SiP service in Secure World: the same function ids
 * and results as the x86-64 stand-in (security-monitor/secmon_smc.c,
 * include/azs_secmon_smc.h). So far the service queries: call count, UID
 * and revision; the state calls answer NOT_SUPPORTED until they move here.
 */
#include "azs_secmon_smc.h"
#include "fw_sip.h"

/* Function ids answered: CALL_COUNT, UID, REVISION. */
#define FW_SIP_NUM_CALLS 3

void fw_sip_handle(struct fw_smc_regs *regs)
{
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
	default:
		regs->r[0] = (u32)AZS_SMC_NOT_SUPPORTED;
		return;
	}
}
