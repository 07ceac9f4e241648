// SPDX-License-Identifier: GPL-2.0-only
/*
 * Security monitor: the Secure World stand-in of the platform.
 *
 * Normal World reaches it only through azs_secmon_smc() (see
 * include/azs_secmon_smc.h). Its only uAPI is read-only status under
 * /sys/kernel/azsphere_secmon/.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/sysfs.h>

#include "azs_secmon_smc.h"
#include "secmon.h"

static struct kobject *secmon_kobj;

static void secmon_call(unsigned long fid, struct arm_smccc_res *res)
{
	azs_secmon_smc(fid, 0, 0, 0, 0, 0, 0, 0, res);
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

static struct kobj_attribute revision_attr = __ATTR_RO(revision);
static struct kobj_attribute uid_attr = __ATTR_RO(uid);

static struct attribute *secmon_attrs[] = {
	&revision_attr.attr,
	&uid_attr.attr,
	NULL,
};

static const struct attribute_group secmon_attr_group = {
	.attrs = secmon_attrs,
};

static int __init secmon_init(void)
{
	int ret;

	secmon_kobj = kobject_create_and_add("azsphere_secmon", kernel_kobj);
	if (!secmon_kobj)
		return -ENOMEM;

	ret = sysfs_create_group(secmon_kobj, &secmon_attr_group);
	if (ret)
		goto out_put_kobj;

	pr_info("security monitor revision %d.%d ready\n",
		AZS_SECMON_REV_MAJOR, AZS_SECMON_REV_MINOR);
	return 0;

out_put_kobj:
	kobject_put(secmon_kobj);
	return ret;
}

static void __exit secmon_exit(void)
{
	kobject_put(secmon_kobj);
}

module_init(secmon_init);
module_exit(secmon_exit);

MODULE_DESCRIPTION("Azure Sphere platform: simulated Secure World security monitor");
MODULE_LICENSE("GPL");
