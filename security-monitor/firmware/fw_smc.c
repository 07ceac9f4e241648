// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The monitor's SMC dispatcher (Arm DEN0028 SMCCC 1.1, SMC32 fast calls):
 *   Arm Architecture service: SMCCC_VERSION, SMCCC_ARCH_FEATURES;
 *   Standard service: PSCI 1.1 for one CPU (VERSION, FEATURES,
 *     MIGRATE_INFO_TYPE, SYSTEM_OFF, SYSTEM_RESET, SYSTEM_RESET2 with the
 *     architectural warm reset only);
 *   SiP service: the security monitor's calls
 *     (security-monitor/include/azs_secmon_smc.h), with the call count /
 *     UID / revision queries.
 * Anything else answers NOT_SUPPORTED (-1) and changes nothing.
 */
#include "fw.h"
#include "fw_sip.h"

#define SMCCC_RET_NOT_SUPPORTED	0xffffffffu	/* -1 */
#define SMCCC_RET_INVALID_PARAM	0xfffffffdu	/* -3 */

#define SMCCC_VERSION		0x80000000u
#define SMCCC_ARCH_FEATURES	0x80000001u
#define SMCCC_VERSION_1_1	0x00010001u

#define PSCI_VERSION		0x84000000u
#define PSCI_CPU_OFF		0x84000002u
#define PSCI_MIGRATE_INFO_TYPE	0x84000006u
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u
#define PSCI_FEATURES		0x8400000au
#define PSCI_SYSTEM_RESET2	0x84000012u
#define PSCI_RESET2_WARM	0u	/* SYSTEM_WARM_RESET, architectural */
#define PSCI_RET_INVALID_PARAMS	0xfffffffeu	/* -2 (PSCI's, not SMCCC's -3) */
#define PSCI_VERSION_1_1	0x00010001u
#define PSCI_TOS_NOT_PRESENT_MP	2u	/* no Trusted OS needs migrating */

/* Fast call, SMC32, owner in bits 29:24 (SMCCC). */
#define SMC_FAST		(1u << 31)
#define SMC_64			(1u << 30)
#define SMC_OWNER(fid)		(((fid) >> 24) & 0x3f)
#define SMC_OWNER_SIP		2u

static int psci_implemented(u32 fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_SYSTEM_RESET2:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return 1;
	default:
		return 0;
	}
}

void fw_smc_handle(struct fw_smc_regs *regs)
{
	u32 fid = regs->r[0];

	if ((fid & SMC_FAST) && !(fid & SMC_64) && SMC_OWNER(fid) == SMC_OWNER_SIP) {
		fw_sip_handle(regs);
		return;
	}
	switch (fid) {
	case SMCCC_VERSION:
		regs->r[0] = SMCCC_VERSION_1_1;
		return;
	case SMCCC_ARCH_FEATURES:
		/* SMCCC_VERSION and ARCH_FEATURES only: no workarounds are
		 * needed on Cortex-A7, and no SoC ID is published. */
		regs->r[0] = (regs->r[1] == SMCCC_VERSION ||
			      regs->r[1] == SMCCC_ARCH_FEATURES) ?
				     0 : SMCCC_RET_NOT_SUPPORTED;
		return;
	case PSCI_VERSION:
		regs->r[0] = PSCI_VERSION_1_1;
		return;
	case PSCI_FEATURES:
		regs->r[0] = psci_implemented(regs->r[1]) ? 0 : SMCCC_RET_NOT_SUPPORTED;
		return;
	case PSCI_MIGRATE_INFO_TYPE:
		regs->r[0] = PSCI_TOS_NOT_PRESENT_MP;
		return;
	case PSCI_SYSTEM_OFF:
		fw_system_off();
	case PSCI_SYSTEM_RESET:
		fw_system_reset();
	case PSCI_SYSTEM_RESET2:
		/* Only the architectural warm reset (a full reset here): any
		 * other type, vendor-specific ones included, is refused and
		 * nothing happens. The cookie is not used. */
		if (regs->r[1] != PSCI_RESET2_WARM) {
			regs->r[0] = PSCI_RET_INVALID_PARAMS;
			return;
		}
		fw_system_reset();
	default:
		regs->r[0] = SMCCC_RET_NOT_SUPPORTED;
		return;
	}
}
