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
 * block's FW_GET_BLOCK, the root-of-trust key count and, from revision 1.1
 * on, the flash-backed state: manufacturing state, device ID, capabilities,
 * anti-rollback counter), fires N SMCs with random function ids and
 * arguments (the SiP calls that change state, the SiP range, any id at all;
 * never PSCI SYSTEM_OFF/SYSTEM_RESET/SYSTEM_RESET2, which would end the
 * boot), and then checks: every FW_SET_BLOCK and CAPS_STORE was refused
 * (random bytes carry no valid signature), every id the firmware does not
 * implement answered NOT_SUPPORTED (PSCI ids by PSCI_FEATURES), every
 * MFG_SET and UPDATE_COUNTER_ADVANCE answered as the one-way rules say for
 * the state at that moment, and the snapshot is unchanged except for what
 * those rules permit: the manufacturing state forward, the counter up, the
 * capabilities cleared (same sequence). The write fails (EIO) on any
 * difference; the outcome is logged ("azs_smcfuzz: ...") and readable in
 * the parameter "report".
 *
 *   echo 1 > /sys/module/azs_smcfuzz/parameters/reset_bad
 *
 * asks for PSCI SYSTEM_RESET2 with reset types the firmware does not serve
 * (reserved architectural ones, an unknown vendor one): each must answer
 * INVALID_PARAMETERS and leave the state as it was (the same snapshot).
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
#define PSCI_FEATURES 0x8400000au
#define PSCI_SYSTEM_RESET2 0x84000012u
#define PSCI_SYSTEM_RESET2_64 0xc4000012u
#define PSCI_RET_INVALID_PARAMS (-2)
#define PSCI_FIRST 0x84000000u
#define PSCI_NUM 0x20u
/* Manufacturing states (security-monitor/core/mfg_state.h). */
#define MFG_MODULE1_COMPLETE 1u
#define MFG_DEVICE_COMPLETE 2u

static DEFINE_MUTEX(fuzz_lock);
static char report[256] = "not run";
module_param_string(report, report, sizeof(report), 0444);
MODULE_PARM_DESC(report, "the last run's outcome");

struct fw_snapshot {
	unsigned long flags, nblocks, generation, nkeys;
	unsigned long core[FUZZ_MAX_BLOCKS], function[FUZZ_MAX_BLOCKS];
	/* The flash-backed state (firmware revision 1.1 or later). */
	unsigned long mfg, caps, caps_seq_lo, caps_seq_hi;
	u64 counter;
	u32 device_id[16];
};

/* What this firmware serves, asked once per run. */
static bool nv_served;
static bool psci_served[PSCI_NUM];

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
	if (!nv_served)
		return 0;
	smc(AZS_SMC_MFG_GET, 0, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return -EIO;
	s->mfg = res.a1;
	smc(AZS_SMC_CAPS_GET, 0, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return -EIO;
	s->caps = res.a1;
	s->caps_seq_lo = res.a2;
	s->caps_seq_hi = res.a3;
	smc(AZS_SMC_UPDATE_COUNTER_GET, 0, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return -EIO;
	s->counter = (u64)(u32)res.a1 | (u64)(u32)res.a2 << 32;
	for (i = 0; i < ARRAY_SIZE(s->device_id); i++) {
		smc(AZS_SMC_DEVICE_ID_READ, i, 0, 0, 0, &res);
		if (res.a0 != AZS_SMC_OK)
			return -EIO;
		s->device_id[i] = (u32)res.a1;
	}
	return 0;
}

/*
 * after may differ from before only as the firmware's rules permit: the
 * manufacturing state forward, the counter up, the capabilities cleared
 * with their sequence kept (no random file carries a valid signature, so
 * none is stored); everything else, device ID included, the same.
 */
static const char *snapshot_diff(const struct fw_snapshot *before,
				 const struct fw_snapshot *after)
{
	if (before->flags != after->flags || before->nblocks != after->nblocks ||
	    before->generation != after->generation || before->nkeys != after->nkeys ||
	    memcmp(before->core, after->core, sizeof(before->core)) ||
	    memcmp(before->function, after->function, sizeof(before->function)))
		return "the firewall registers, latch or key count changed";
	if (memcmp(before->device_id, after->device_id, sizeof(before->device_id)))
		return "the device ID changed";
	if (after->mfg < before->mfg)
		return "the manufacturing state went back";
	if (after->counter < before->counter)
		return "the anti-rollback counter went back";
	if (after->caps_seq_lo != before->caps_seq_lo ||
	    after->caps_seq_hi != before->caps_seq_hi)
		return "the capability sequence changed";
	if (after->caps != before->caps && after->caps != 0)
		return "the capabilities changed other than cleared";
	return NULL;
}

/* Ask the firmware what it serves: its revision, PSCI_FEATURES. */
static void probe_served(void)
{
	struct arm_smccc_res res;
	u32 i;

	smc(AZS_SMC_REVISION, 0, 0, 0, 0, &res);
	nv_served = res.a0 == AZS_SECMON_REV_MAJOR && res.a1 >= 1;
	for (i = 0; i < PSCI_NUM; i++) {
		smc(PSCI_FEATURES, PSCI_FIRST + i, 0, 0, 0, &res);
		psci_served[i] = (long)res.a0 >= 0;
	}
	psci_served[PSCI_FEATURES - PSCI_FIRST] = true;
	psci_served[0] = true; /* PSCI_VERSION */
}

/*
 * The ids the firmware implements (security-monitor/firmware/fw_smc.c,
 * fw_sip.c): PSCI's as PSCI_FEATURES says, the flash-backed state's from
 * revision 1.1.
 */
static bool implemented(u32 fid)
{
	if (fid >= PSCI_FIRST && fid < PSCI_FIRST + PSCI_NUM)
		return psci_served[fid - PSCI_FIRST];
	if (fid >= AZS_SMC_MFG_GET && fid <= AZS_SMC_UPDATE_COUNTER_ADVANCE)
		return nv_served;
	switch (fid) {
	case 0x80000000u: /* SMCCC_VERSION */
	case 0x80000001u: /* SMCCC_ARCH_FEATURES */
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
		} while (fid == PSCI_SYSTEM_OFF || fid == PSCI_SYSTEM_RESET ||
			 fid == PSCI_SYSTEM_RESET2 || fid == PSCI_SYSTEM_RESET2_64);
		return fid;
	}
}

/*
 * What a run needs first: the SMC conduit, two snapshots' memory (the caller
 * frees both, also on failure), which PSCI ids the firmware serves, and the
 * state before. 0, or a negative errno with the report written.
 */
static int begin(struct fw_snapshot **before, struct fw_snapshot **after)
{
	*before = NULL;
	*after = NULL;
	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC) {
		scnprintf(report, sizeof(report), "fail: no SMCCC 1.1 SMC conduit (not booted through the Secure World firmware)");
		return -ENODEV;
	}
	*before = kzalloc(sizeof(**before), GFP_KERNEL);
	*after = kzalloc(sizeof(**after), GFP_KERNEL);
	if (!*before || !*after)
		return -ENOMEM;
	probe_served();
	if (snapshot(*before)) {
		scnprintf(report, sizeof(report), "fail: the firmware's read calls do not answer");
		return -EIO;
	}
	return 0;
}

static int fuzz(unsigned int calls)
{
	struct fw_snapshot *before, *after;
	struct arm_smccc_res res;
	unsigned int i, sets = 0, unknown = 0, stores = 0;
	const char *diff;
	unsigned long mfg;
	u64 counter;
	int ret;

	ret = begin(&before, &after);
	if (ret)
		goto out;
	ret = -EIO;
	if (!(before->flags & AZS_SECMON_STATUS_LOCKED)) {
		scnprintf(report, sizeof(report), "fail: the firewall is not locked (FW_LOCK first)");
		ret = -EPERM;
		goto out;
	}
	mfg = before->mfg;
	counter = before->counter;
	for (i = 0; i < calls; i++) {
		u32 fid = random_fid(), a1 = get_random_u32(), a2 = get_random_u32();
		const char *bad = NULL;

		/*
		 * Some state changes near the valid values, so that some pass
		 * (an eighth: each accepted one is a flash write).
		 */
		if (fid == AZS_SMC_MFG_SET && !(a2 & 7))
			a1 &= 3;
		if (fid == AZS_SMC_UPDATE_COUNTER_ADVANCE && !(a1 & 7)) {
			u64 v = counter + (a2 & 7);

			if (v >= 3)
				v -= 3;
			a1 = lower_32_bits(v);
			a2 = upper_32_bits(v);
		}
		smc(fid, a1, a2, get_random_u32(), get_random_u32(), &res);
		if (nv_served && fid == AZS_SMC_MFG_SET) {
			/* core/mfg_state.c: only the last two can be set, never back. */
			long want = (a1 != MFG_MODULE1_COMPLETE && a1 != MFG_DEVICE_COMPLETE) ?
				    AZS_SMC_INVALID_PARAM :
				    a1 < mfg ? AZS_SMC_DENIED : AZS_SMC_OK;

			if ((long)res.a0 != want)
				bad = "MFG_SET";
			else if (want == AZS_SMC_OK)
				mfg = a1;
		} else if (nv_served && fid == AZS_SMC_UPDATE_COUNTER_ADVANCE) {
			u64 v = (u64)a1 | (u64)a2 << 32;
			long want = v < counter ? AZS_SMC_REPLAYED : AZS_SMC_OK;

			if ((long)res.a0 != want)
				bad = "UPDATE_COUNTER_ADVANCE";
			else if (want == AZS_SMC_OK)
				counter = v;
		} else if (nv_served && fid == AZS_SMC_CAPS_STORE) {
			stores++;
			if (res.a0 == AZS_SMC_OK)
				bad = "CAPS_STORE";
		}
		if (bad) {
			scnprintf(report, sizeof(report),
				  "fail: %s(0x%x, 0x%x) answered %ld against the one-way rules (call %u)",
				  bad, a1, a2, (long)res.a0, i);
			goto out;
		}
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
	if (snapshot(after)) {
		scnprintf(report, sizeof(report), "fail: the firmware's read calls stopped answering");
		goto out;
	}
	diff = snapshot_diff(before, after);
	if (!diff && nv_served && (after->mfg != mfg || after->counter != counter))
		diff = "the manufacturing state or counter is not what the accepted calls set";
	if (diff) {
		scnprintf(report, sizeof(report), "fail: %s (generation %lu -> %lu)", diff,
			  before->generation, after->generation);
		goto out;
	}
	scnprintf(report, sizeof(report),
		  "pass: %u SMCs (%u FW_SET_BLOCK refused, %u CAPS_STORE refused, %u unknown ids NOT_SUPPORTED), %lu blocks and the latch unchanged%s",
		  calls, sets, stores, unknown, before->nblocks,
		  nv_served ? ", device ID kept, state changed only by the one-way rules" : "");
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

/* PSCI SYSTEM_RESET2 with reset types the firmware must refuse. */
static int reset_bad(void)
{
	static const u32 types[] = {
		0x00000001u, /* architectural, reserved */
		0x7fffffffu, /* architectural, reserved */
		0x8000abcdu, /* vendor-specific, not served */
		0xffffffffu, /* vendor-specific, not served */
	};
	struct fw_snapshot *before, *after;
	struct arm_smccc_res res;
	const char *diff;
	unsigned int i;
	int ret;

	ret = begin(&before, &after);
	if (ret)
		goto out;
	ret = -EIO;
	if (!psci_served[PSCI_SYSTEM_RESET2 - PSCI_FIRST]) {
		scnprintf(report, sizeof(report), "fail: PSCI_FEATURES says SYSTEM_RESET2 is not served");
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		smc(PSCI_SYSTEM_RESET2, types[i], get_random_u32(), 0, 0, &res);
		if ((long)res.a0 != PSCI_RET_INVALID_PARAMS) {
			scnprintf(report, sizeof(report),
				  "fail: SYSTEM_RESET2 type 0x%08x answered %ld, not INVALID_PARAMETERS",
				  types[i], (long)res.a0);
			goto out;
		}
	}
	if (snapshot(after)) {
		scnprintf(report, sizeof(report), "fail: the firmware's read calls stopped answering");
		goto out;
	}
	diff = memcmp(before, after, sizeof(*before)) ? "the state changed" : NULL;
	if (diff) {
		scnprintf(report, sizeof(report), "fail: after the refused resets %s", diff);
		goto out;
	}
	scnprintf(report, sizeof(report),
		  "pass: SYSTEM_RESET2 with %zu bad reset types refused (INVALID_PARAMETERS), state unchanged",
		  ARRAY_SIZE(types));
	ret = 0;
out:
	kfree(before);
	kfree(after);
	pr_info("%s\n", report);
	return ret;
}

static int reset_bad_set(const char *val, const struct kernel_param *kp)
{
	bool yes;
	int ret;

	ret = kstrtobool(val, &yes);
	if (ret || !yes) {
		pr_err("reset_bad: write 1\n");
		return -EINVAL;
	}
	mutex_lock(&fuzz_lock);
	ret = reset_bad();
	mutex_unlock(&fuzz_lock);
	return ret;
}

static const struct kernel_param_ops reset_bad_ops = { .set = reset_bad_set };
module_param_cb(reset_bad, &reset_bad_ops, NULL, 0200);
MODULE_PARM_DESC(reset_bad, "write 1: PSCI SYSTEM_RESET2 with bad reset types must be refused");

static const struct kernel_param_ops run_ops = { .set = run_set };
module_param_cb(run, &run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write N: N random SMCs to the locked Secure World, then check its state");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test only: SMC fuzz of the Secure World firmware from Normal World");
