// SPDX-License-Identifier: GPL-2.0-only
/*
 * Security state device: /dev/azsphere-security, Normal World's window onto
 * the security monitor's flash-backed state (device ID, manufacturing state,
 * device capabilities, anti-rollback counter, root-of-trust keys). Everything
 * is decided and stored by the monitor; this driver checks privileges and
 * argument shapes and moves bytes. The monitor is the Secure World firmware
 * on ARMv7 booted through it (revision 1.1 or later: a real SMC), else the
 * stand-in module (azsphere/conduit.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "azsphere/conduit.h"
#include "azsphere/uapi_check.h"
#include "uapi/azsphere/security.h"

static azs_smc_invoke_fn *invoke;

static long sec_get_device_id(void __user *argp)
{
	struct azs_sec_device_id d;
	struct arm_smccc_res res;
	unsigned int w;

	if (copy_from_user(&d, argp, sizeof(d)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(d))
		return -EINVAL;
	for (w = 0; w < AZS_DEVICE_ID_SIZE / 4; w++) {
		azs_call(invoke, AZS_SMC_DEVICE_ID_READ, w, 0, 0, &res);
		if (res.a0 != AZS_SMC_OK)
			return azs_smc_errno(res.a0);
		d.id[4 * w] = (u8)res.a1;
		d.id[4 * w + 1] = (u8)(res.a1 >> 8);
		d.id[4 * w + 2] = (u8)(res.a1 >> 16);
		d.id[4 * w + 3] = (u8)(res.a1 >> 24);
	}
	return copy_to_user(argp, &d, sizeof(d)) ? -EFAULT : 0;
}

static long sec_mfg_state(void __user *argp, bool set)
{
	struct azs_sec_mfg_state m;
	struct arm_smccc_res res;

	if (set && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&m, argp, sizeof(m)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(m) || m.pad)
		return -EINVAL;
	if (set) {
		azs_call(invoke, AZS_SMC_MFG_SET, m.state, 0, 0, &res);
		return azs_smc_errno(res.a0);
	}
	azs_call(invoke, AZS_SMC_MFG_GET, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return azs_smc_errno(res.a0);
	m.state = (u32)res.a1;
	return copy_to_user(argp, &m, sizeof(m)) ? -EFAULT : 0;
}

static long sec_get_caps(void __user *argp)
{
	struct arm_smccc_res res;
	struct azs_sec_caps c;

	if (copy_from_user(&c, argp, sizeof(c)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(c))
		return -EINVAL;
	azs_call(invoke, AZS_SMC_CAPS_GET, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return azs_smc_errno(res.a0);
	c.present = (u32)res.a1;
	c.sequence = (u64)(u32)res.a2 | (u64)(u32)res.a3 << 32;
	return copy_to_user(argp, &c, sizeof(c)) ? -EFAULT : 0;
}

static long sec_store_caps(void __user *argp)
{
	struct azs_sec_store_caps st;
	struct arm_smccc_res res;
	phys_addr_t pa;
	u8 *shm;
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&st, argp, sizeof(st)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(st))
		return -EINVAL;
	if (st.length != AZS_CAPFILE_SIZE) {
		st.reason = AZS_CAPFILE_BAD_LENGTH;
		ret = -EINVAL;
		goto out_reason;
	}

	/*
	 * The shared buffer the monitor reads by physical address, as the
	 * OP-TEE driver passes its message buffers: our own kernel copy of the
	 * user's file (copied in once, here; user memory is never shown to
	 * the monitor). kmalloc(GFP_KERNEL) memory is lowmem, so it has a
	 * linear-map address and virt_to_phys() holds (never highmem), and is
	 * physically contiguous; a power-of-two kmalloc is aligned to its size,
	 * so the 256 bytes lie within one page. The monitor copies it once
	 * into its own memory before parsing (docs/security-monitor.md).
	 */
	BUILD_BUG_ON(!is_power_of_2(AZS_CAPFILE_SIZE) ||
		     AZS_CAPFILE_SIZE > PAGE_SIZE);
	shm = kmalloc(AZS_CAPFILE_SIZE, GFP_KERNEL);
	if (!shm)
		return -ENOMEM;
	if (WARN_ON_ONCE(!virt_addr_valid(shm) ||
			 offset_in_page(shm) + AZS_CAPFILE_SIZE > PAGE_SIZE)) {
		kfree(shm);
		return -ENOMEM;
	}
	if (copy_from_user(shm, u64_to_user_ptr(st.data), st.length)) {
		kfree(shm);
		return -EFAULT;
	}
	pa = virt_to_phys(shm);
	azs_call(invoke, AZS_SMC_CAPS_STORE, lower_32_bits((u64)pa),
		 upper_32_bits((u64)pa), st.length, &res);
	kfree(shm);
	st.reason = (u32)res.a1;
	ret = azs_smc_errno(res.a0);
out_reason:
	if (copy_to_user(argp, &st, sizeof(st)))
		return -EFAULT;
	return ret;
}

static long sec_update_counter(void __user *argp)
{
	struct azs_sec_update_counter c;
	struct arm_smccc_res res;

	if (copy_from_user(&c, argp, sizeof(c)))
		return -EFAULT;
	if (c.size != sizeof(c) || (c.flags & ~AZS_SEC_COUNTER_ADVANCE) ||
	    !azs_reserved_zero(c.reserved, ARRAY_SIZE(c.reserved)))
		return -EINVAL;
	if (c.flags & AZS_SEC_COUNTER_ADVANCE) {
		if (!capable(CAP_SYS_ADMIN))
			return -EPERM;
		azs_call(invoke, AZS_SMC_UPDATE_COUNTER_ADVANCE,
			 lower_32_bits(c.counter), upper_32_bits(c.counter), 0,
			 &res);
		return azs_smc_errno(res.a0);
	}
	azs_call(invoke, AZS_SMC_UPDATE_COUNTER_GET, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return azs_smc_errno(res.a0);
	c.counter = (u64)(u32)res.a1 | (u64)(u32)res.a2 << 32;
	return copy_to_user(argp, &c, sizeof(c)) ? -EFAULT : 0;
}

static long sec_clear_caps(unsigned long arg)
{
	struct arm_smccc_res res;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (arg)
		return -EINVAL;
	azs_call(invoke, AZS_SMC_CAPS_CLEAR, 0, 0, 0, &res);
	return azs_smc_errno(res.a0);
}

static long sec_get_rot_key(void __user *argp)
{
	struct azs_sec_rot_key k;
	struct arm_smccc_res res;
	unsigned int w, i;

	if (copy_from_user(&k, argp, sizeof(k)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(k) || k.pad[0] || k.pad[1] || k.pad[2])
		return -EINVAL;

	azs_call(invoke, AZS_SMC_ROT_KEY_COUNT, 0, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return azs_smc_errno(res.a0);
	k.num_keys = (u32)res.a1;
	azs_call(invoke, AZS_SMC_ROT_KEY_INFO, k.slot, 0, 0, &res);
	if (res.a0 != AZS_SMC_OK)
		return azs_smc_errno(res.a0);
	k.role = (u32)res.a1;
	for (i = 0; i < 4; i++) {
		k.key_id[i] = (u8)(res.a2 >> (8 * i));
		k.key_id[4 + i] = (u8)(res.a3 >> (8 * i));
	}
	for (w = 0; w < DIV_ROUND_UP(AZS_KEY_PUB_SIZE, 4); w++) {
		azs_call(invoke, AZS_SMC_ROT_KEY_READ, k.slot, w, 0, &res);
		if (res.a0 != AZS_SMC_OK)
			return azs_smc_errno(res.a0);
		for (i = 0; i < 4 && 4 * w + i < AZS_KEY_PUB_SIZE; i++)
			k.pub[4 * w + i] = (u8)(res.a1 >> (8 * i));
	}
	return copy_to_user(argp, &k, sizeof(k)) ? -EFAULT : 0;
}

static long sec_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case AZS_SEC_IOC_GET_DEVICE_ID:
		return sec_get_device_id(argp);
	case AZS_SEC_IOC_GET_MFG_STATE:
		return sec_mfg_state(argp, false);
	case AZS_SEC_IOC_SET_MFG_STATE:
		return sec_mfg_state(argp, true);
	case AZS_SEC_IOC_GET_CAPS:
		return sec_get_caps(argp);
	case AZS_SEC_IOC_STORE_CAPS:
		return sec_store_caps(argp);
	case AZS_SEC_IOC_CLEAR_CAPS:
		return sec_clear_caps(arg);
	case AZS_SEC_IOC_UPDATE_COUNTER:
		return sec_update_counter(argp);
	case AZS_SEC_IOC_GET_ROT_KEY:
		return sec_get_rot_key(argp);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations sec_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = sec_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice sec_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "azsphere-security",
	.fops = &sec_fops,
	.mode = 0644,
};

static int __init sec_init(void)
{
	bool secure_world;
	int ret;

	ret = azs_conduit_probe(&invoke, AZS_CONDUIT_NV, &secure_world);
	if (ret)
		return ret;
	if (secure_world)
		pr_info("flash-backed state in Secure World (SMC conduit)\n");
	return misc_register(&sec_misc);
}

static void __exit sec_exit(void)
{
	misc_deregister(&sec_misc);
}

module_init(sec_init);
module_exit(sec_exit);

MODULE_DESCRIPTION("Azure Sphere platform: security state device");
MODULE_LICENSE("GPL");
