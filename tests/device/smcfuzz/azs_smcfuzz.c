// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test-only module (never in the device image): a fuzz of the Secure World
 * firmware's SMC interface from Normal World Linux, for device.secure_world
 * (tests/device/secure-world loads it in an overlay, before the boot chain
 * disables module loading).
 *
 *   echo N > /sys/module/azs_smcfuzz/parameters/run
 *
 * needs the SMCCC 1.1 SMC conduit and a locked firewall (FW_LOCK first). It
 * snapshots the firmware's state through its read calls (GET_STATUS, every
 * block's FW_GET_BLOCK, the root-of-trust key count), fires N SMCs with
 * random function ids and arguments (the SiP calls that change state, the
 * SiP range, any id at all; never PSCI SYSTEM_OFF/SYSTEM_RESET, which would
 * end the boot), and then checks: every FW_SET_BLOCK was refused (DENIED or
 * INVALID_PARAM), every id the firmware does not implement answered
 * NOT_SUPPORTED, and the snapshot is unchanged. The write fails (EIO) on
 * any difference; the outcome is logged ("azs_smcfuzz: ...") and readable
 * in the parameter "report".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "azs_secmon_smc.h"

#define FUZZ_MAX_CALLS 1000000u
#define FUZZ_MAX_BLOCKS 64u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

static DEFINE_MUTEX(fuzz_lock);
static char report[160] = "not run";
module_param_string(report, report, sizeof(report), 0444);
MODULE_PARM_DESC(report, "the last run's outcome");

struct fw_snapshot {
	unsigned long flags, nblocks, generation, nkeys;
	unsigned long core[FUZZ_MAX_BLOCKS], function[FUZZ_MAX_BLOCKS];
};

static void smc(unsigned long fid, unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, struct arm_smccc_res *res)
{
	arm_smccc_1_1_invoke(fid, a1, a2, a3, a4, 0, 0, 0, res);
}

static int snapshot(struct fw_snapshot *s)
{
	struct arm_smccc_res res;
	unsigned long i;

	smc(AZS_SMC_GET_STATUS, 0, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK || res.a2 > FUZZ_MAX_BLOCKS)
		return -EIO;
	s->flags = res.a1;
	s->nblocks = res.a2;
	s->generation = res.a3;
	for (i = 0; i < s->nblocks; i++) {
		smc(AZS_SMC_FW_GET_BLOCK, i, 0, 0, 0, &res);
		if (res.a0 != AZS_SMC_OK)
			return -EIO;
		s->core[i] = res.a1;
		s->function[i] = res.a2;
	}
	smc(AZS_SMC_ROT_KEY_COUNT, 0, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return -EIO;
	s->nkeys = res.a1;
	return 0;
}

/* The ids the firmware implements (security-monitor/firmware/fw_smc.c). */
static bool implemented(u32 fid)
{
	switch (fid) {
	case 0x80000000u: /* SMCCC_VERSION */
	case 0x80000001u: /* SMCCC_ARCH_FEATURES */
	case 0x84000000u: /* PSCI_VERSION */
	case 0x84000006u: /* PSCI_MIGRATE_INFO_TYPE */
	case 0x8400000au: /* PSCI_FEATURES */
	case AZS_SMC_CALL_COUNT:
	case AZS_SMC_UID:
	case AZS_SMC_REVISION:
	case AZS_SMC_FW_SET_BLOCK:
	case AZS_SMC_FW_GET_BLOCK:
	case AZS_SMC_FW_LOCK:
	case AZS_SMC_GET_STATUS:
	case AZS_SMC_ROT_KEY_COUNT:
	case AZS_SMC_ROT_KEY_INFO:
	case AZS_SMC_ROT_KEY_READ:
		return true;
	default:
		return false;
	}
}

static const u32 changing[] = {
	AZS_SMC_FW_SET_BLOCK, AZS_SMC_FW_LOCK, AZS_SMC_MFG_SET, AZS_SMC_CAPS_STORE,
	AZS_SMC_CAPS_CLEAR, AZS_SMC_UPDATE_COUNTER_ADVANCE,
};

static u32 random_fid(void)
{
	u32 r = get_random_u32(), fid;

	switch (r & 3) {
	case 0: /* a call that changes state, in range or not */
		return changing[(r >> 2) % ARRAY_SIZE(changing)];
	case 1: /* the SiP fast SMC32 range: our calls and their neighbours */
		return AZS_SMC_FN((r >> 2) & 1 ? (r >> 3) & 0x3f : 0xff00 | ((r >> 3) & 0xf));
	default: /* any id at all, but not the two that end the boot */
		do {
			fid = get_random_u32();
		} while (fid == PSCI_SYSTEM_OFF || fid == PSCI_SYSTEM_RESET);
		return fid;
	}
}

static int fuzz(unsigned int calls)
{
	struct fw_snapshot *before, *after;
	struct arm_smccc_res res;
	unsigned int i, sets = 0, unknown = 0;
	int ret = -EIO;

	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC) {
		scnprintf(report, sizeof(report), "fail: no SMCCC 1.1 SMC conduit (not booted through the Secure World firmware)");
		return -ENODEV;
	}
	before = kzalloc(sizeof(*before), GFP_KERNEL);
	after = kzalloc(sizeof(*after), GFP_KERNEL);
	if (!before || !after) {
		ret = -ENOMEM;
		goto out;
	}
	if (snapshot(before)) {
		scnprintf(report, sizeof(report), "fail: the firmware's read calls do not answer");
		goto out;
	}
	if (!(before->flags & AZS_SECMON_STATUS_LOCKED)) {
		scnprintf(report, sizeof(report), "fail: the firewall is not locked (FW_LOCK first)");
		ret = -EPERM;
		goto out;
	}
	for (i = 0; i < calls; i++) {
		u32 fid = random_fid();

		smc(fid, get_random_u32(), get_random_u32(), get_random_u32(),
		    get_random_u32(), &res);
		if (fid == AZS_SMC_FW_SET_BLOCK) {
			sets++;
			if (res.a0 == AZS_SMC_OK) {
				scnprintf(report, sizeof(report),
					  "fail: FW_SET_BLOCK succeeded after LOCK (call %u)", i);
				goto out;
			}
		} else if (!implemented(fid)) {
			unknown++;
			if ((u32)res.a0 != (u32)AZS_SMC_NOT_SUPPORTED) {
				scnprintf(report, sizeof(report),
					  "fail: unimplemented id 0x%08x answered 0x%08lx, not NOT_SUPPORTED",
					  fid, res.a0);
				goto out;
			}
		}
		if (!(i & 1023))
			cond_resched();
	}
	if (snapshot(after) || memcmp(before, after, sizeof(*before))) {
		scnprintf(report, sizeof(report),
			  "fail: the firmware's state changed (generation %lu -> %lu)",
			  before->generation, after->generation);
		goto out;
	}
	scnprintf(report, sizeof(report),
		  "pass: %u SMCs (%u FW_SET_BLOCK refused, %u unknown ids NOT_SUPPORTED), %lu blocks and the latch unchanged",
		  calls, sets, unknown, before->nblocks);
	ret = 0;
out:
	kfree(before);
	kfree(after);
	pr_info("%s\n", report);
	return ret;
}

static int run_set(const char *val, const struct kernel_param *kp)
{
	unsigned int calls;
	int ret;

	ret = kstrtouint(val, 0, &calls);
	if (ret || calls == 0 || calls > FUZZ_MAX_CALLS) {
		pr_err("run: '%s' is not a call count 1..%u\n", val, FUZZ_MAX_CALLS);
		return -EINVAL;
	}
	mutex_lock(&fuzz_lock);
	ret = fuzz(calls);
	mutex_unlock(&fuzz_lock);
	return ret;
}

static const struct kernel_param_ops run_ops = { .set = run_set };
module_param_cb(run, &run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write N: N random SMCs to the locked Secure World, then check its state");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test only: SMC fuzz of the Secure World firmware from Normal World");
