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

#ifdef __KERNEL__
#include <linux/arm-smccc.h>
#include <linux/errno.h>
#else
/* The Secure World firmware (security-monitor/firmware): the same ids from
 * the SMCCC field layout (DEN0028), without the kernel's headers. */
#include <errno.h>
#define ARM_SMCCC_FAST_CALL  1UL
#define ARM_SMCCC_SMC_32     0UL
#define ARM_SMCCC_OWNER_SIP  2UL
#define ARM_SMCCC_CALL_VAL(type, conv, owner, fn)                              \
	(((type) << 31) | ((conv) << 30) | (((owner) & 0x3fUL) << 24) |        \
	 ((fn) & 0xffffUL))
struct arm_smccc_res {
	unsigned long a0, a1, a2, a3;
};
#endif

#define AZS_SMC_FN(fn)                                                         \
	ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_32,              \
			   ARM_SMCCC_OWNER_SIP, (fn))

/* Standard service queries (SMCCC reserved function numbers). */
#define AZS_SMC_CALL_COUNT AZS_SMC_FN(0xff00)
#define AZS_SMC_UID	   AZS_SMC_FN(0xff01)
#define AZS_SMC_REVISION   AZS_SMC_FN(0xff03)

/*
 * Firewall registers and their lock latch.
 *   FW_SET_BLOCK  a1 block, a2 core, a3 function        -> a0 status
 *   FW_GET_BLOCK  a1 block                  -> a0 status, a1 core, a2 function
 *   FW_LOCK                                              -> a0 status
 *   GET_STATUS    -> a0 status, a1 AZS_SECMON_STATUS_*, a2 blocks, a3
 * generation
 */
#define AZS_SMC_FW_SET_BLOCK AZS_SMC_FN(0x01)
#define AZS_SMC_FW_GET_BLOCK AZS_SMC_FN(0x02)
#define AZS_SMC_FW_LOCK	     AZS_SMC_FN(0x03)
#define AZS_SMC_GET_STATUS   AZS_SMC_FN(0x04)

/*
 * Flash-backed security state.
 *   MFG_GET                              -> a0 status, a1 state
 *   MFG_SET         a1 state             -> a0 status
 *   DEVICE_ID_READ  a1 word 0..15        -> a0 status, a1 bytes 4*w..4*w+3 (LE)
 *   CAPS_GET        -> a0 status, a1 present bitmap, a2/a3 sequence lo/hi
 *   CAPS_STORE      a1/a2 physical address lo/hi of a shared buffer,
 *                   a3 length            -> a0 status, a1 AZS_CAPFILE_* reason
 *   CAPS_CLEAR                           -> a0 status
 *   UPDATE_COUNTER_GET                   -> a0 status, a1/a2 counter lo/hi
 *   UPDATE_COUNTER_ADVANCE a1/a2 new counter lo/hi -> a0 status: OK if not
 *                   below the stored one (equal changes nothing), REPLAYED
 *                   if below: the counter only grows (anti-rollback)
 */
#define AZS_SMC_MFG_GET		       AZS_SMC_FN(0x10)
#define AZS_SMC_MFG_SET		       AZS_SMC_FN(0x11)
#define AZS_SMC_DEVICE_ID_READ	       AZS_SMC_FN(0x12)
#define AZS_SMC_CAPS_GET	       AZS_SMC_FN(0x13)
#define AZS_SMC_CAPS_STORE	       AZS_SMC_FN(0x14)
#define AZS_SMC_CAPS_CLEAR	       AZS_SMC_FN(0x15)
#define AZS_SMC_UPDATE_COUNTER_GET     AZS_SMC_FN(0x16)
#define AZS_SMC_UPDATE_COUNTER_ADVANCE AZS_SMC_FN(0x17)

/*
 * Root-of-trust public keys (read-only: they are compiled into the monitor).
 *   ROT_KEY_COUNT                 -> a0 status, a1 number of key slots
 *   ROT_KEY_INFO  a1 slot         -> a0 status, a1 role, a2/a3 key id (LE
 * words) ROT_KEY_READ  a1 slot, a2 word 0..16
 *                                 -> a0 status, a1 bytes 4w..4w+3 of the
 * 65-byte public point (LE, zero past its end) A slot or word out of range is
 * AZS_SMC_INVALID_PARAM.
 */
#define AZS_SMC_ROT_KEY_COUNT	 AZS_SMC_FN(0x20)
#define AZS_SMC_ROT_KEY_INFO	 AZS_SMC_FN(0x21)
#define AZS_SMC_ROT_KEY_READ	 AZS_SMC_FN(0x22)

#define AZS_SECMON_STATUS_LOCKED (1u << 0)
/*
 * GET_STATUS a1, the Secure World firmware only: its NV region is refused
 * (a corrupt record without an accepted recovery record, or no factory
 * record), so every flash-backed call (0x10..0x17) answers IO_ERROR.
 */
#define AZS_SECMON_STATUS_NV_REFUSED (1u << 1)

/* Result status in res.a0 (SMCCC uses negative values for errors). */
#define AZS_SMC_OK	      0
#define AZS_SMC_NOT_SUPPORTED (-1) /* SMCCC_RET_NOT_SUPPORTED */
#define AZS_SMC_INVALID_PARAM (-3) /* SMCCC_RET_INVALID_PARAMETER */
#define AZS_SMC_DENIED	      (-4) /* locked, or a one-way rule */
#define AZS_SMC_BUSY	      (-5) /* block held by another core/function */
#define AZS_SMC_REJECTED      (-6) /* unknown signer or bad signature */
#define AZS_SMC_WRONG_DEVICE  (-7) /* issued for another device */
#define AZS_SMC_REPLAYED      (-8) /* not newer than what is stored */
#define AZS_SMC_IO_ERROR      (-9) /* flash write failed */
#define AZS_SMC_NO_MEMORY     (-10)

/* Service identity: UID words returned by AZS_SMC_UID, and revision. */
#define AZS_SECMON_UID_0     0x617a7370u /* "azsp" */
#define AZS_SECMON_UID_1     0x68657265u /* "here" */
#define AZS_SECMON_UID_2     0x2d73656du /* "-sem" */
#define AZS_SECMON_UID_3     0x6f6e0001u /* "on" + 1 */
#define AZS_SECMON_REV_MAJOR 1
#define AZS_SECMON_REV_MINOR 0
/*
 * The ARMv7 Secure World firmware answers REVISION with minor 1: it serves
 * the flash-backed calls (0x10..0x17) itself, from its Secure flash. The
 * rule for Normal World: major == AZS_SECMON_REV_MAJOR and minor >=
 * AZS_SECMON_REV_MINOR_NV means "call 0x10..0x17 over this conduit"; minor 0
 * (the firmware before, or the stand-in) means those calls are the
 * stand-in's. The ids, arguments, results and statuses are the same.
 */
#define AZS_SECMON_REV_MINOR_NV 1

typedef void azs_smc_invoke_fn(unsigned long a0, unsigned long a1,
			       unsigned long a2, unsigned long a3,
			       unsigned long a4, unsigned long a5,
			       unsigned long a6, unsigned long a7,
			       struct arm_smccc_res *res);

/* The simulated monitor's entry point (the "SMC" conduit on x86). */
azs_smc_invoke_fn azs_secmon_smc;

/* errno for a status in res.a0 (Normal World side). */
static inline int azs_smc_errno(unsigned long a0)
{
	switch ((long)a0) {
	case AZS_SMC_OK:
		return 0;
	case AZS_SMC_INVALID_PARAM:
		return -EINVAL;
	case AZS_SMC_DENIED:
		return -EPERM;
	case AZS_SMC_BUSY:
		return -EBUSY;
	case AZS_SMC_REJECTED:
		return -EKEYREJECTED;
	case AZS_SMC_WRONG_DEVICE:
		return -ENODEV;
	case AZS_SMC_REPLAYED:
		return -ESTALE;
	case AZS_SMC_NO_MEMORY:
		return -ENOMEM;
	case AZS_SMC_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	default:
		return -EIO;
	}
}

#endif /* AZS_SECMON_SMC_H */
