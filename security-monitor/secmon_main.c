// SPDX-License-Identifier: GPL-2.0-only
/*
 * Security monitor: the Secure World stand-in of the platform.
 *
 * It alone owns the simulated firewall registers and their lock latch, and,
 * in its flash region, the manufacturing state, the device ID and the device
 * capabilities; it holds the root-of-trust public keys. Normal World reaches
 * it only through azs_secmon_smc() (include/azs_secmon_smc.h). Its only uAPI
 * is read-only status under /sys/kernel/azsphere_secmon/.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/sysfs.h>

#include "azs_secmon_smc.h"
#include "azsphere/conduit.h"
#include "mfg_state.h"
#include "secmon.h"

struct secmon_state secmon;

static char *flash;
module_param(flash, charp, 0444);
MODULE_PARM_DESC(flash,
		 "Block device holding the monitor's flash region (required "
		 "unless the Secure World firmware holds the state)");

static struct kobject *secmon_kobj;

/*
 * Who keeps the firewall registers and the lock latch: this stand-in, or on
 * ARMv7 booted through it the Secure World firmware (azs_firewall.ko calls
 * it by SMC then). Set once at init, before the sysfs files exist.
 */
static azs_smc_invoke_fn *secmon_fw_regs_invoke;
static bool secmon_secure_world;
/*
 * Who keeps the flash-backed state and the root-of-trust keys: this
 * stand-in, or the firmware of revision 1.1 or later
 * (secmon.nv_in_secure_world). The status files read it through this.
 */
static azs_smc_invoke_fn *secmon_nv_invoke;

static void secmon_call(unsigned long fid, struct arm_smccc_res *res)
{
	azs_secmon_smc(fid, 0, 0, 0, 0, 0, 0, 0, res);
}

static void secmon_nv_call(unsigned long fid, unsigned long a1,
			   unsigned long a2, struct arm_smccc_res *res)
{
	secmon_nv_invoke(fid, a1, a2, 0, 0, 0, 0, 0, res);
}

static ssize_t revision_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct arm_smccc_res res;

	secmon_call(AZS_SMC_REVISION, &res);
	return sysfs_emit(buf, "%lu.%lu\n", res.a0, res.a1);
}

static ssize_t uid_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	struct arm_smccc_res res;

	secmon_call(AZS_SMC_UID, &res);
	return sysfs_emit(buf, "%08lx-%08lx-%08lx-%08lx\n", res.a0, res.a1,
			  res.a2, res.a3);
}

static ssize_t locked_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	struct arm_smccc_res res;

	azs_call(secmon_fw_regs_invoke, AZS_SMC_GET_STATUS, 0, 0, 0, &res);
	return sysfs_emit(buf, "%d\n", !!(res.a1 & AZS_SECMON_STATUS_LOCKED));
}

static ssize_t manufacturing_state_show(struct kobject *kobj,
					struct kobj_attribute *attr, char *buf)
{
	struct arm_smccc_res res;

	secmon_nv_call(AZS_SMC_MFG_GET, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return -EIO;
	return sysfs_emit(buf, "%s\n", azs_mfg_state_name(res.a1) ?: "Unknown");
}

static ssize_t device_id_show(struct kobject *kobj, struct kobj_attribute *attr,
			      char *buf)
{
	struct arm_smccc_res res;
	u8 id[AZS_DEVICE_ID_SIZE];
	unsigned long w;

	for (w = 0; w < AZS_DEVICE_ID_SIZE / 4; w++) {
		__le32 word;

		secmon_nv_call(AZS_SMC_DEVICE_ID_READ, w, 0, &res);
		if (res.a0 != AZS_SMC_OK)
			return -EIO;
		word = cpu_to_le32((u32)res.a1);
		memcpy(id + 4 * w, &word, 4);
	}
	return sysfs_emit(buf, "%*phN\n", (int)sizeof(id), id);
}

static ssize_t capabilities_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	struct arm_smccc_res res;
	int len = 0, v;

	secmon_nv_call(AZS_SMC_CAPS_GET, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return -EIO;
	for (v = 1; v < 32; v++)
		if (res.a1 & (1ul << v))
			len += sysfs_emit_at(buf, len, "%s%d", len ? " " : "",
					     v);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}

static ssize_t flash_generation_show(struct kobject *kobj,
				     struct kobj_attribute *attr, char *buf)
{
	u32 gen;

	/* The firmware's record generation is not a call: not shown. */
	if (secmon.nv_in_secure_world)
		return sysfs_emit(buf, "secure-world\n");
	mutex_lock(&secmon.nv_lock);
	gen = secmon_nv_generation();
	mutex_unlock(&secmon.nv_lock);
	return sysfs_emit(buf, "%u\n", gen);
}

/*
 * The root-of-trust keys, one slot a line, read through the ROT_KEY calls:
 * "ROLE KEY-ID POINT" (decimal role, 8-byte id and 65-byte public point in
 * hex). The boot chain's loader takes the platform key (role 4) from here.
 */
static ssize_t rot_keys_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct arm_smccc_res res;
	unsigned long slot, n, w;
	int len = 0;

	secmon_nv_call(AZS_SMC_ROT_KEY_COUNT, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return -EIO;
	n = res.a1;
	for (slot = 0; slot < n; slot++) {
		u8 point[68];
		__le32 id[2];

		secmon_nv_call(AZS_SMC_ROT_KEY_INFO, slot, 0, &res);
		if (res.a0 != AZS_SMC_OK)
			return -EIO;
		id[0] = cpu_to_le32((u32)res.a2);
		id[1] = cpu_to_le32((u32)res.a3);
		len += sysfs_emit_at(buf, len, "%lu %*phN ", res.a1,
				     (int)sizeof(id), id);
		for (w = 0; w < sizeof(point) / 4; w++) {
			__le32 word;

			secmon_nv_call(AZS_SMC_ROT_KEY_READ, slot, w, &res);
			if (res.a0 != AZS_SMC_OK)
				return -EIO;
			word = cpu_to_le32((u32)res.a1);
			memcpy(point + 4 * w, &word, 4);
		}
		/* %*ph prints at most 64 bytes. */
		len += sysfs_emit_at(buf, len, "%*phN%*phN\n", 33, point, 32,
				     point + 33);
	}
	return len;
}

static struct kobj_attribute revision_attr = __ATTR_RO(revision);
static struct kobj_attribute uid_attr = __ATTR_RO(uid);
static struct kobj_attribute locked_attr = __ATTR_RO(locked);
static struct kobj_attribute manufacturing_state_attr =
	__ATTR_RO(manufacturing_state);
static struct kobj_attribute device_id_attr = __ATTR_RO(device_id);
static struct kobj_attribute capabilities_attr = __ATTR_RO(capabilities);
static struct kobj_attribute flash_generation_attr =
	__ATTR_RO(flash_generation);
static struct kobj_attribute rot_keys_attr = __ATTR_RO(rot_keys);

static struct attribute *secmon_attrs[] = {
	&revision_attr.attr,
	&uid_attr.attr,
	&locked_attr.attr,
	&manufacturing_state_attr.attr,
	&device_id_attr.attr,
	&capabilities_attr.attr,
	&flash_generation_attr.attr,
	&rot_keys_attr.attr,
	NULL,
};

static const struct attribute_group secmon_attr_group = {
	.attrs = secmon_attrs,
};

/*
 * The firmware says it serves the flash-backed state: it must answer it now.
 * A firmware that refuses (a corrupt or forged record, a flash it can't
 * read) stops the boot chain here, as the stand-in's own corrupt record
 * does: nothing in Normal World replaces the state it keeps.
 */
static int secmon_check_secure_world_nv(void)
{
	static const struct {
		unsigned long fid;
		const char *name;
	} calls[] = {
		{ AZS_SMC_MFG_GET, "MFG_GET" },
		{ AZS_SMC_DEVICE_ID_READ, "DEVICE_ID_READ" },
		{ AZS_SMC_CAPS_GET, "CAPS_GET" },
		{ AZS_SMC_UPDATE_COUNTER_GET, "UPDATE_COUNTER_GET" },
	};
	struct arm_smccc_res res;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		secmon_nv_call(calls[i].fid, 0, 0, &res);
		if (res.a0 != AZS_SMC_OK) {
			pr_err("FATAL: the Secure World firmware holds the flash-backed state but refuses %s (status %ld): refusing to serve; the device identity and anti-rollback counter are its, nothing in Normal World replaces them\n",
			       calls[i].name, (long)res.a0);
			return -EUCLEAN;
		}
	}
	secmon_nv_call(AZS_SMC_MFG_GET, 0, 0, &res);
	if (!azs_mfg_state_name(res.a1)) {
		pr_err("FATAL: the Secure World firmware answers manufacturing state %lu: refusing to serve\n",
		       res.a1);
		return -EUCLEAN;
	}
	return 0;
}

static int __init secmon_init(void)
{
	struct arm_smccc_res res;
	int ret;

	spin_lock_init(&secmon.regs_lock);
	mutex_init(&secmon.nv_lock);
	azs_fw_regs_reset(&secmon.regs);

	/*
	 * Secure World first: if the firmware holds the flash-backed state,
	 * this module holds none and never opens the Normal World flash
	 * region (flash= is then unused).
	 */
	ret = azs_conduit_probe(&secmon_nv_invoke, AZS_CONDUIT_NV,
				&secmon.nv_in_secure_world);
	if (ret)
		return ret;
	if (secmon.nv_in_secure_world) {
		ret = secmon_check_secure_world_nv();
		if (ret)
			return ret;
	} else {
		if (!flash || !*flash) {
			pr_err("no flash= given: the monitor needs its flash region\n");
			return -EINVAL;
		}
		ret = secmon_nv_open(flash, &secmon.nv);
		if (ret)
			return ret;
	}
	ret = azs_conduit_probe(&secmon_fw_regs_invoke, AZS_CONDUIT_FW_REGS,
				&secmon_secure_world);
	if (ret)
		goto out_close_nv;

	secmon_kobj = kobject_create_and_add("azsphere_secmon", kernel_kobj);
	if (!secmon_kobj) {
		ret = -ENOMEM;
		goto out_close_nv;
	}
	ret = sysfs_create_group(secmon_kobj, &secmon_attr_group);
	if (ret)
		goto out_put_kobj;

	secmon_nv_call(AZS_SMC_MFG_GET, 0, 0, &res);
	pr_info("security monitor %d.%d ready: %s, %u blocks%s%s\n",
		AZS_SECMON_REV_MAJOR, AZS_SECMON_REV_MINOR,
		azs_mfg_state_name(res.a1), AZS_INV_NUM_BLOCKS,
		secmon_secure_world ?
			"; firewall registers in Secure World (SMC)" : "",
		secmon.nv_in_secure_world ?
			"; flash-backed state in Secure World (SMC), the Normal World flash region unused" :
			"");
	return 0;

out_put_kobj:
	kobject_put(secmon_kobj);
out_close_nv:
	if (!secmon.nv_in_secure_world)
		secmon_nv_close();
	return ret;
}

static void __exit secmon_exit(void)
{
	kobject_put(secmon_kobj);
	if (!secmon.nv_in_secure_world)
		secmon_nv_close();
}

module_init(secmon_init);
module_exit(secmon_exit);

MODULE_DESCRIPTION(
	"Azure Sphere platform: simulated Secure World security monitor");
MODULE_LICENSE("GPL");
