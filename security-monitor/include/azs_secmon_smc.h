/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Normal World -> Secure World call interface of the security monitor.
 *
 * Calls are shaped like Arm SMCCC (DEN0028) SiP fast calls with the SMC32
 * convention: a function id in a0 and arguments in a1..a7, results in
 * a0..a3 of struct arm_smccc_res. a0 of the result is a status (AZS_SMC_*).
 * On x86 the conduit is the simulated monitor's handler; on ARM it becomes a
 * real SMC through arm_smccc_1_1_invoke() with the same ids.
 */
#ifndef AZS_SECMON_SMC_H
#define AZS_SECMON_SMC_H

#include <linux/arm-smccc.h>

#define AZS_SMC_FN(fn) \
	ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_32, \
			   ARM_SMCCC_OWNER_SIP, (fn))

/* Standard service queries (SMCCC reserved function numbers). */
#define AZS_SMC_CALL_COUNT AZS_SMC_FN(0xff00)
#define AZS_SMC_UID	   AZS_SMC_FN(0xff01)
#define AZS_SMC_REVISION   AZS_SMC_FN(0xff03)

/* Result status in res.a0 (SMCCC uses negative values for errors). */
#define AZS_SMC_OK		0
#define AZS_SMC_NOT_SUPPORTED	(-1) /* SMCCC_RET_NOT_SUPPORTED */
#define AZS_SMC_INVALID_PARAM	(-3) /* SMCCC_RET_INVALID_PARAMETER */

/* Service identity: UID words returned by AZS_SMC_UID, and revision. */
#define AZS_SECMON_UID_0 0x617a7370u /* "azsp" */
#define AZS_SECMON_UID_1 0x68657265u /* "here" */
#define AZS_SECMON_UID_2 0x2d73656du /* "-sem" */
#define AZS_SECMON_UID_3 0x6f6e0001u /* "on" + 1 */
#define AZS_SECMON_REV_MAJOR 1
#define AZS_SECMON_REV_MINOR 0

typedef void azs_smc_invoke_fn(unsigned long a0, unsigned long a1,
			       unsigned long a2, unsigned long a3,
			       unsigned long a4, unsigned long a5,
			       unsigned long a6, unsigned long a7,
			       struct arm_smccc_res *res);

/* The simulated monitor's entry point (the "SMC" conduit on x86). */
azs_smc_invoke_fn azs_secmon_smc;

#endif /* AZS_SECMON_SMC_H */
