// SPDX-License-Identifier: GPL-2.0-only
/*
 * Peripheral firewall driver: /dev/azsphere-firewall.
 *
 * Decisions come from the pure core (core/fw_table.c); the block registers
 * themselves live in the security monitor, programmed through the conduit.
 * This driver adds the owner of each resource within the HL core, the
 * privilege checks, and the one-way lock: after AZS_FW_IOC_LOCK every change
 * fails with EPERM and neither this module nor the monitor can be unloaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/uaccess.h>

#include "azsphere/conduit.h"
#include "azsphere/firewall_check.h"
#include "azsphere/uapi_check.h"
#include "fw_table.h"

static struct {
	/* Serialises changes: table updates and register programming. */
	struct mutex lock;
	/*
	 * Lets azs_firewall_check() read the table without sleeping: writers
	 * hold lock and update the table inside table_seq's write section;
	 * readers retry if a write happened meanwhile.
	 */
	seqlock_t table_seq;
	struct azs_fw_table table;
	azs_smc_invoke_fn *invoke;
	bool pinned; /* module reference taken at lock time */
} fw;

static int fw_read_reg(int block, struct azs_fw_block_reg *reg)
{
	struct arm_smccc_res res;

	azs_call(fw.invoke, AZS_SMC_FW_GET_BLOCK, block, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return azs_smc_errno(res.a0);
	reg->core = (u8)res.a1;
	reg->function = (u8)res.a2;
	return 0;
}

static int fw_write_reg(int block, const struct azs_fw_block_reg *reg)
{
	struct arm_smccc_res res;

	azs_call(fw.invoke, AZS_SMC_FW_SET_BLOCK, block, reg->core,
		 reg->function, &res);
	return azs_smc_errno(res.a0);
}

static bool fw_monitor_locked(void)
{
	struct arm_smccc_res res;

	azs_call(fw.invoke, AZS_SMC_GET_STATUS, 0, 0, 0, &res);
	return res.a0 == AZS_SMC_OK && (res.a1 & AZS_SECMON_STATUS_LOCKED);
}

static long fw_assign(void __user *argp)
{
	struct azs_fw_block_reg cur;
	struct azs_fw_assign a;
	struct azs_fw_plan plan;
	int block, ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&a, argp, sizeof(a)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(a))
		return -EINVAL;
	block = azs_fw_resource_block(a.res.kind, a.res.index);
	if (block < 0)
		return block;

	mutex_lock(&fw.lock);
	ret = fw_read_reg(block, &cur);
	if (ret)
		goto out_unlock;
	ret = azs_fw_plan_assign(&fw.table, &cur, a.res.kind, a.res.index,
				 a.core, a.owner_uid, &plan);
	if (ret || plan.noop)
		goto out_unlock;
	if (plan.reg_changes) {
		ret = fw_write_reg(plan.block, &plan.next);
		if (ret)
			goto out_unlock;
	}
	write_seqlock(&fw.table_seq);
	azs_fw_commit_assign(&fw.table, a.res.kind, a.res.index, a.core,
			     a.owner_uid);
	write_sequnlock(&fw.table_seq);
out_unlock:
	mutex_unlock(&fw.lock);
	return ret;
}

static long fw_release(void __user *argp)
{
	struct azs_fw_block_reg cur;
	struct azs_fw_release r;
	struct azs_fw_plan plan;
	int block, ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&r, argp, sizeof(r)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(r))
		return -EINVAL;
	block = azs_fw_resource_block(r.res.kind, r.res.index);
	if (block < 0)
		return block;

	mutex_lock(&fw.lock);
	ret = fw_read_reg(block, &cur);
	if (ret)
		goto out_unlock;
	ret = azs_fw_plan_release(&fw.table, &cur, r.res.kind, r.res.index,
				  &plan);
	if (ret)
		goto out_unlock;
	if (plan.reg_changes) {
		ret = fw_write_reg(plan.block, &plan.next);
		if (ret)
			goto out_unlock;
	}
	write_seqlock(&fw.table_seq);
	azs_fw_commit_release(&fw.table, r.res.kind, r.res.index);
	write_sequnlock(&fw.table_seq);
out_unlock:
	mutex_unlock(&fw.lock);
	return ret;
}

static long fw_query(void __user *argp)
{
	struct azs_fw_block_reg reg;
	struct azs_fw_owner owner;
	struct azs_fw_query q;
	int block, ret;

	if (copy_from_user(&q, argp, sizeof(q)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(q) || q.pad)
		return -EINVAL;

	mutex_lock(&fw.lock);
	block = azs_fw_owner_of(&fw.table, q.res.kind, q.res.index, &owner);
	ret = block < 0 ? block : fw_read_reg(block, &reg);
	mutex_unlock(&fw.lock);
	if (ret)
		return ret;

	q.core = owner.core;
	q.owner_uid = owner.uid;
	q.block = block;
	q.block_core = reg.core;
	q.block_function = reg.function;
	return copy_to_user(argp, &q, sizeof(q)) ? -EFAULT : 0;
}

static long fw_status(void __user *argp)
{
	struct arm_smccc_res res;
	struct azs_fw_status st;

	if (copy_from_user(&st, argp, sizeof(st)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(st))
		return -EINVAL;

	azs_call(fw.invoke, AZS_SMC_REVISION, 0, 0, 0, &res);
	st.secmon_revision = (u32)(res.a0 << 16 | (res.a1 & 0xffff));
	azs_call(fw.invoke, AZS_SMC_GET_STATUS, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return azs_smc_errno(res.a0);
	st.state =
		(res.a1 & AZS_SECMON_STATUS_LOCKED) ? AZS_FW_STATUS_LOCKED : 0;
	st.num_blocks = (u32)res.a2;
	mutex_lock(&fw.lock);
	st.num_assigned = fw.table.num_assigned;
	st.generation = fw.table.generation;
	mutex_unlock(&fw.lock);
	return copy_to_user(argp, &st, sizeof(st)) ? -EFAULT : 0;
}

static long fw_lock(unsigned long arg)
{
	struct arm_smccc_res res;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (arg)
		return -EINVAL;

	mutex_lock(&fw.lock);
	azs_call(fw.invoke, AZS_SMC_FW_LOCK, 0, 0, 0, &res);
	if (res.a0 == AZS_SMC_OK) {
		write_seqlock(&fw.table_seq);
		azs_fw_table_lock(&fw.table);
		write_sequnlock(&fw.table_seq);
		if (!fw.pinned) {
			/* Only a reboot clears the lock: stay loaded. */
			__module_get(THIS_MODULE);
			fw.pinned = true;
		}
	}
	mutex_unlock(&fw.lock);
	return azs_smc_errno(res.a0);
}

static long fw_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case AZS_FW_IOC_ASSIGN:
		return fw_assign(argp);
	case AZS_FW_IOC_RELEASE:
		return fw_release(argp);
	case AZS_FW_IOC_QUERY:
		return fw_query(argp);
	case AZS_FW_IOC_STATUS:
		return fw_status(argp);
	case AZS_FW_IOC_LOCK:
		return fw_lock(arg);
	default:
		return -ENOTTY;
	}
}

/*
 * Called on every peripheral access path of the board, possibly where
 * sleeping is not allowed: reads the block register through the conduit (the
 * monitor takes only a spinlock) and the owner table under the seqlock.
 */
/* The firewall register of the block holding resource (kind, index). Does not sleep. */
static int fw_resource_reg(u32 kind, u32 index, struct azs_fw_block_reg *reg)
{
	int block = azs_fw_resource_block(kind, index);

	return block < 0 ? block : fw_read_reg(block, reg);
}

int azs_firewall_check(u32 kind, u32 index, kuid_t uid)
{
	struct azs_fw_block_reg reg;
	unsigned int seq;
	int ret;

	ret = fw_resource_reg(kind, index, &reg);
	if (ret)
		return ret;
	do {
		seq = read_seqbegin(&fw.table_seq);
		ret = azs_fw_check_access(&fw.table, &reg, kind, index,
					  from_kuid(&init_user_ns, uid));
	} while (read_seqretry(&fw.table_seq, seq));
	return ret;
}
EXPORT_SYMBOL_GPL(azs_firewall_check);

/*
 * May core IO0/IO1 access resource (kind, index) now? 0 when the block's
 * firewall register names that core, -EACCES otherwise (-EINVAL for a
 * resource not in the inventory or a core that is no I/O core). The owner
 * table is the HL core's business: for an I/O core the register decides.
 * Does not sleep.
 */
int azs_firewall_core_check(u32 kind, u32 index, u32 core)
{
	struct azs_fw_block_reg reg;
	int ret;

	if (core != AZS_FW_CORE_IO0 && core != AZS_FW_CORE_IO1)
		return -EINVAL;
	ret = fw_resource_reg(kind, index, &reg);
	if (ret)
		return ret;
	return reg.core == core ? 0 : -EACCES;
}
EXPORT_SYMBOL_GPL(azs_firewall_core_check);

static const struct file_operations fw_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = fw_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice fw_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "azsphere-firewall",
	.fops = &fw_fops,
	.mode = 0600,
};

/* Return every block this driver assigned to unassigned. */
static void fw_release_all_blocks(void)
{
	static const struct azs_fw_block_reg none;
	struct azs_fw_block_reg reg;
	int b;

	for (b = 0; b < AZS_INV_NUM_BLOCKS; b++)
		if (!fw_read_reg(b, &reg) && reg.core != AZS_FW_CORE_NONE)
			fw_write_reg(b, &none);
}

static int __init fw_init(void)
{
	bool secure_world;
	int ret;

	ret = azs_conduit_probe(&fw.invoke, AZS_CONDUIT_FW_REGS, &secure_world);
	if (ret)
		return ret;
	if (secure_world)
		pr_info("firewall registers in Secure World (SMC conduit)\n");
	if (fw_monitor_locked()) {
		pr_err("peripheral configuration is locked: reboot to "
		       "reload\n");
		return -EPERM;
	}
	mutex_init(&fw.lock);
	seqlock_init(&fw.table_seq);
	azs_fw_table_init(&fw.table);
	/* A new driver starts from an empty configuration. */
	fw_release_all_blocks();

	ret = misc_register(&fw_misc);
	if (ret)
		return ret;
	pr_info("peripheral firewall ready: %d blocks\n", AZS_INV_NUM_BLOCKS);
	return 0;
}

static void __exit fw_exit(void)
{
	misc_deregister(&fw_misc);
	/* Unloading is impossible once locked, so the registers are free. */
	fw_release_all_blocks();
}

module_init(fw_init);
module_exit(fw_exit);

MODULE_DESCRIPTION("Azure Sphere platform: peripheral firewall driver");
MODULE_LICENSE("GPL");
