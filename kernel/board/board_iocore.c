// SPDX-License-Identifier: GPL-2.0-only
/*
 * The I/O cores' initiator interface, /dev/azsphere-iocore (uAPI:
 * uapi/azsphere/iocore.h, docs/iocore.md). The platform is the only one who
 * may make the board act for IO0/IO1: open() and AZS_IOCORE_IOC_BIND need
 * CAP_SYS_ADMIN in the initial user namespace, and the bound fd is the
 * authority from then on (the application manager hands it to that core's
 * unprivileged azs-iocore process). Each access is checked against the
 * firewall register of the resource's block with the bound core as the
 * initiator; a block that is not that core's is -EACCES and changes nothing.
 * The actions themselves are the board's own models' (GPIO pins, the ADC's
 * channels, the PWM controllers' state, the ISUs' I2C buses and UART far
 * ends: board_*_core_*()), the ones the A7's drivers use.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": iocore: " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "azsphere/uapi_check.h"
#include "board.h"

/* What an open fd stands for: no core yet, or the core it is bound to. */
struct iocore_file {
	u32 core; /* AZS_FW_CORE_NONE until bound */
};

static int iocore_open(struct inode *inode, struct file *file)
{
	struct iocore_file *f;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	file->private_data = f;
	return 0;
}

static int iocore_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static long iocore_bind(struct iocore_file *f, void __user *argp)
{
	struct azs_iocore_bind b;
	u32 old;

	if (copy_from_user(&b, argp, sizeof(b)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(b) || b.pad)
		return -EINVAL;
	if (b.core != AZS_FW_CORE_IO0 && b.core != AZS_FW_CORE_IO1)
		return -EINVAL;
	/* Binding again to the same core is a check anyone holding it may make;
	 * an fd bound to the other core stays so (EBUSY, whoever asks). */
	old = READ_ONCE(f->core);
	if (old == b.core)
		return 0;
	if (old != AZS_FW_CORE_NONE)
		return -EBUSY;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	old = cmpxchg(&f->core, AZS_FW_CORE_NONE, b.core);
	if (old != AZS_FW_CORE_NONE && old != b.core)
		return -EBUSY;
	return 0;
}

static long iocore_access(struct iocore_file *f, void __user *argp)
{
	struct azs_iocore_access a;
	u32 core = READ_ONCE(f->core);
	int ret;

	if (copy_from_user(&a, argp, sizeof(a)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(a) || a.op > AZS_IOCORE_OP_MAX)
		return -EINVAL;
	if (a.op == AZS_IOCORE_OP_ADC_READ) {
		if (a.kind != AZS_FW_KIND_ADC ||
		    a.value >= AZS_IOCORE_ADC_CHANNELS)
			return -EINVAL;
	} else if (a.op != AZS_IOCORE_OP_CHECK && a.kind != AZS_FW_KIND_GPIO) {
		return -EINVAL;
	}
	if (a.op == AZS_IOCORE_OP_GPIO_OUTPUT && a.value > 1)
		return -EINVAL;
	if (core == AZS_FW_CORE_NONE)
		return -ENXIO;
	ret = azs_firewall_core_check(a.kind, a.index, core);
	if (ret)
		return ret;
	switch (a.op) {
	case AZS_IOCORE_OP_CHECK:
		return 0;
	case AZS_IOCORE_OP_ADC_READ:
		ret = board_adc_core_read(a.value, &a.value);
		break;
	default:
		ret = board_gpio_core_access(a.index, a.op, &a.value);
		if (!ret && a.op != AZS_IOCORE_OP_GPIO_GET)
			return 0;
		break;
	}
	if (ret)
		return ret;
	return copy_to_user(argp, &a, sizeof(a)) ? -EFAULT : 0;
}

/* The fd's core, or -ENXIO when it is not bound yet. */
static int iocore_core(struct iocore_file *f, u32 *core)
{
	*core = READ_ONCE(f->core);
	return *core == AZS_FW_CORE_NONE ? -ENXIO : 0;
}

static long iocore_pwm(struct iocore_file *f, void __user *argp)
{
	struct azs_iocore_pwm p;
	u32 core;
	int ret;

	if (copy_from_user(&p, argp, sizeof(p)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(p) ||
	    p.controller >= AZS_IOCORE_PWM_CONTROLLERS ||
	    p.channel >= AZS_IOCORE_PWM_CHANNELS || p.polarity > 1 ||
	    p.enabled > 1)
		return -EINVAL;
	ret = iocore_core(f, &core);
	if (ret)
		return ret;
	ret = azs_firewall_core_check(AZS_FW_KIND_PWM, p.controller, core);
	if (ret)
		return ret;
	/* The period and duty ranges are the board's (board_pwm.c). */
	return board_pwm_core_set(p.controller, p.channel, p.period_ns,
				  p.duty_ns, p.polarity, p.enabled);
}

static long iocore_i2c(struct iocore_file *f, void __user *argp)
{
	u8 wbuf[AZS_IOCORE_I2C_MAX], rbuf[AZS_IOCORE_I2C_MAX];
	struct azs_iocore_i2c x;
	u32 core;
	int ret;

	if (copy_from_user(&x, argp, sizeof(x)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(x) || x.isu >= AZS_IOCORE_ISUS ||
	    x.addr > 0x7f || x.write_len > AZS_IOCORE_I2C_MAX ||
	    x.read_len > AZS_IOCORE_I2C_MAX || (!x.write_len && !x.read_len))
		return -EINVAL;
	ret = iocore_core(f, &core);
	if (ret)
		return ret;
	ret = azs_firewall_core_check(AZS_FW_KIND_I2C, x.isu, core);
	if (ret)
		return ret;
	/* Copied in once, before anything reaches the bus. */
	if (x.write_len &&
	    copy_from_user(wbuf, u64_to_user_ptr(x.write_buf), x.write_len))
		return -EFAULT;
	/* A read buffer that can't take the bytes fails before the bus. */
	if (x.read_len && clear_user(u64_to_user_ptr(x.read_buf), x.read_len))
		return -EFAULT;
	ret = board_i2c_core_xfer(x.isu, x.addr, wbuf, x.write_len, rbuf,
				  x.read_len);
	if (ret)
		return ret;
	if (x.read_len &&
	    copy_to_user(u64_to_user_ptr(x.read_buf), rbuf, x.read_len))
		return -EFAULT;
	return 0;
}

static long iocore_uart(struct iocore_file *f, void __user *argp)
{
	u8 buf[AZS_IOCORE_UART_MAX];
	struct azs_iocore_uart u;
	u32 core;
	int ret;

	if (copy_from_user(&u, argp, sizeof(u)))
		return -EFAULT;
	if (!AZS_UAPI_HEADER_OK(u) || u.pad || u.isu >= AZS_IOCORE_ISUS ||
	    (u.op != AZS_IOCORE_UART_WRITE && u.op != AZS_IOCORE_UART_READ) ||
	    !u.len || u.len > AZS_IOCORE_UART_MAX)
		return -EINVAL;
	ret = iocore_core(f, &core);
	if (ret)
		return ret;
	ret = azs_firewall_core_check(AZS_FW_KIND_UART, u.isu, core);
	if (ret)
		return ret;
	if (u.op == AZS_IOCORE_UART_READ) {
		/* A buffer that can't take them fails before any is taken. */
		if (clear_user(u64_to_user_ptr(u.buf), u.len))
			return -EFAULT;
		ret = board_uart_core_read(u.isu, core, buf, u.len, &u.len);
		if (ret)
			return ret;
		if (u.len && copy_to_user(u64_to_user_ptr(u.buf), buf, u.len))
			return -EFAULT;
		return copy_to_user(argp, &u, sizeof(u)) ? -EFAULT : 0;
	}
	if (copy_from_user(buf, u64_to_user_ptr(u.buf), u.len))
		return -EFAULT;
	ret = board_uart_core_write(u.isu, buf, u.len, &u.len);
	if (ret)
		return ret;
	return copy_to_user(argp, &u, sizeof(u)) ? -EFAULT : 0;
}

static long iocore_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct iocore_file *f = file->private_data;
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case AZS_IOCORE_IOC_BIND:
		return iocore_bind(f, argp);
	case AZS_IOCORE_IOC_ACCESS:
		return iocore_access(f, argp);
	case AZS_IOCORE_IOC_PWM:
		return iocore_pwm(f, argp);
	case AZS_IOCORE_IOC_I2C:
		return iocore_i2c(f, argp);
	case AZS_IOCORE_IOC_UART:
		return iocore_uart(f, argp);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations iocore_fops = {
	.owner = THIS_MODULE,
	.open = iocore_open,
	.release = iocore_release,
	.unlocked_ioctl = iocore_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice iocore_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "azsphere-iocore",
	.fops = &iocore_fops,
	.mode = 0600,
};

int board_iocore_init(struct device *parent, struct dentry *dir)
{
	return misc_register(&iocore_misc);
}

void board_iocore_exit(void)
{
	misc_deregister(&iocore_misc);
}
