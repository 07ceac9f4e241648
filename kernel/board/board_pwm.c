// SPDX-License-Identifier: GPL-2.0-only
/*
 * The board's PWM controllers: PWM-CONTROLLER-0/1/2 of the MT3620, on the
 * pins of GPIO blocks 0/1/2 (GPIO 0-3, 4-7, 8-11; channel c of controller k
 * drives GPIO 4k+c), four channels each.
 *
 * Each controller is a Linux pwm_chip whose parent device is a child of the
 * board device named "mt3620-pwm<k>", so userspace finds controller k as the
 * /sys/class/pwm/pwmchipN whose "device" link resolves to mt3620-pwm<k>.
 *
 * Firewall: requesting a channel (the sysfs export, in the exporting
 * process) and applying a state (the sysfs period/duty_cycle/polarity/enable
 * writes, in the writing process) both need the caller to own
 * PWM-CONTROLLER-k on the HL core; otherwise -EACCES. Reading the state
 * back does not touch the hardware and is not checked.
 *
 * The hardware accepts periods from 1 us to 1 s (PWM_PERIOD_MIN_NS ..
 * PWM_PERIOD_MAX_NS), a duty cycle no longer than the period and either
 * polarity; anything else is -EINVAL and changes nothing. A channel keeps
 * its state when it is unexported (as real PWM hardware does).
 *
 * An I/O core sets a channel through board_pwm_core_set() (board_iocore.c,
 * after the firewall check for that core): the same validation and the same
 * state. The Linux pwm core's cached state of an exported channel is then
 * stale; the control files show the hardware's.
 *
 * Board model (MT3620 RDB): controller 2 channels 0/1/2 drive LED1
 * red/green/blue on GPIO 8/9/10. The LEDs are active low: brightness is the
 * fraction of the period during which the line is low. With normal
 * polarity the line is high for duty_cycle, so brightness is
 * (period - duty_cycle) / period; with inversed polarity it is
 * duty_cycle / period. A disabled channel stops driving its pin, the LED
 * circuit pulls it high and the LED is off.
 *
 * Control (debugfs azsphere-board/pwm/, root only, read-only: opening for
 * writing fails with -EACCES):
 *   ctl<k>/ch<c>  "enabled 1 period 1000000 duty 250000 polarity normal"
 *   leds          "led1_red 75\nled1_green 0\nled1_blue 0\n" (percent)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": pwm: " fmt

#include <linux/math64.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pwm.h>
#include <linux/slab.h>

#include "board.h"

#define PWM_CONTROLLERS	  3
#define PWM_CHANNELS	  4
#define PWM_PERIOD_MIN_NS 1000ULL	/* 1 MHz */
#define PWM_PERIOD_MAX_NS 1000000000ULL /* 1 Hz */

/* LED1 of the RDB: red, green and blue on controller 2, channels 0-2. */
#define LED_CONTROLLER 2

static const char *const led_names[] = {"led1_red", "led1_green", "led1_blue"};

struct board_pwm {
	struct pwm_chip chip;
	/* "mt3620-pwm<k>": the chip's parent device; NULL when not created. */
	struct device *dev;
	unsigned int index;
	bool added;	    /* chip registered with pwmchip_add() */
	struct dentry *dir; /* ctl<k> in the control directory */
	/* The hardware state of each channel; protected by state_lock. */
	struct pwm_state state[PWM_CHANNELS];
};

/* Protects the state[] of every controller (apply, get_state, control). */
static DEFINE_MUTEX(state_lock);
/* Zeroed at load: the reset state, every channel disabled with no period. */
static struct board_pwm board_pwms[PWM_CONTROLLERS];
static struct dentry *leds_file;

static struct board_pwm *to_board_pwm(struct pwm_chip *chip)
{
	return container_of(chip, struct board_pwm, chip);
}

static int board_pwm_request(struct pwm_chip *chip, struct pwm_device *pwm)
{
	return board_check(AZS_FW_KIND_PWM, to_board_pwm(chip)->index);
}

/* The hardware takes a state: validated, then stored. */
static int board_pwm_store(struct board_pwm *bp, unsigned int hwpwm,
			   const struct pwm_state *state)
{
	if (state->period < PWM_PERIOD_MIN_NS ||
	    state->period > PWM_PERIOD_MAX_NS ||
	    state->duty_cycle > state->period)
		return -EINVAL;
	if (state->polarity != PWM_POLARITY_NORMAL &&
	    state->polarity != PWM_POLARITY_INVERSED)
		return -EINVAL;

	mutex_lock(&state_lock);
	bp->state[hwpwm] = *state;
	mutex_unlock(&state_lock);
	return 0;
}

static int board_pwm_apply(struct pwm_chip *chip, struct pwm_device *pwm,
			   const struct pwm_state *state)
{
	struct board_pwm *bp = to_board_pwm(chip);
	int ret;

	ret = board_check(AZS_FW_KIND_PWM, bp->index);
	if (ret)
		return ret;
	return board_pwm_store(bp, pwm->hwpwm, state);
}

int board_pwm_core_set(u32 controller, u32 channel, u64 period_ns, u64 duty_ns,
		       bool inversed, bool enabled)
{
	struct pwm_state state = {
		.period = period_ns,
		.duty_cycle = duty_ns,
		.polarity =
			inversed ? PWM_POLARITY_INVERSED : PWM_POLARITY_NORMAL,
		.enabled = enabled,
	};

	if (controller >= PWM_CONTROLLERS || channel >= PWM_CHANNELS)
		return -EINVAL;
	return board_pwm_store(&board_pwms[controller], channel, &state);
}

static int board_pwm_get_state(struct pwm_chip *chip, struct pwm_device *pwm,
			       struct pwm_state *state)
{
	struct board_pwm *bp = to_board_pwm(chip);

	mutex_lock(&state_lock);
	*state = bp->state[pwm->hwpwm];
	mutex_unlock(&state_lock);
	return 0;
}

static const struct pwm_ops board_pwm_ops = {
	.request = board_pwm_request,
	.apply = board_pwm_apply,
	.get_state = board_pwm_get_state,
	.owner = THIS_MODULE,
};

/* Percent of the period the line is low, i.e. the LED's brightness. */
static unsigned int led_brightness(const struct pwm_state *s)
{
	u64 low;

	if (!s->enabled || !s->period)
		return 0;
	low = s->polarity == PWM_POLARITY_NORMAL ? s->period - s->duty_cycle
						 : s->duty_cycle;
	return (unsigned int)div64_u64(low * 100 + s->period / 2, s->period);
}

/* The control files are read-only, even for root. */
static int control_open(struct inode *inode, struct file *file)
{
	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	file->private_data = inode->i_private;
	return 0;
}

static ssize_t channel_read(struct file *file, char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	const struct pwm_state *s = file->private_data;
	struct pwm_state copy;
	char buf[96];
	int n;

	mutex_lock(&state_lock);
	copy = *s;
	mutex_unlock(&state_lock);
	n = scnprintf(buf, sizeof(buf),
		      "enabled %d period %llu duty %llu polarity %s\n",
		      copy.enabled, copy.period, copy.duty_cycle,
		      copy.polarity == PWM_POLARITY_NORMAL ? "normal"
							   : "inversed");
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static const struct file_operations channel_fops = {
	.owner = THIS_MODULE,
	.open = control_open,
	.read = channel_read,
	.llseek = default_llseek,
};

static ssize_t leds_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	const struct board_pwm *bp = &board_pwms[LED_CONTROLLER];
	char buf[96];
	unsigned int c;
	int n = 0;

	mutex_lock(&state_lock);
	for (c = 0; c < ARRAY_SIZE(led_names); c++)
		n += scnprintf(buf + n, sizeof(buf) - n, "%s %u\n",
			       led_names[c], led_brightness(&bp->state[c]));
	mutex_unlock(&state_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static const struct file_operations leds_fops = {
	.owner = THIS_MODULE,
	.open = control_open,
	.read = leds_read,
	.llseek = default_llseek,
};

static void board_pwm_dev_release(struct device *dev)
{
	kfree(dev);
}

/* The parent device of controller k's chip: <board>/mt3620-pwm<k>. */
static struct device *board_pwm_dev_create(struct device *parent,
					   unsigned int k)
{
	struct device *dev;
	int ret;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	device_initialize(dev);
	dev->parent = parent;
	dev->release = board_pwm_dev_release;
	ret = dev_set_name(dev, "mt3620-pwm%u", k);
	if (ret)
		goto out_put;
	ret = device_add(dev);
	if (ret)
		goto out_put;
	return dev;

out_put:
	put_device(dev);
	return ERR_PTR(ret);
}

static void board_pwm_remove_one(struct board_pwm *bp)
{
	debugfs_remove_recursive(bp->dir);
	bp->dir = NULL;
	if (bp->added)
		pwmchip_remove(&bp->chip);
	bp->added = false;
	if (bp->dev)
		device_unregister(bp->dev);
	bp->dev = NULL;
}

static int board_pwm_add_one(struct device *parent, struct dentry *dir,
			     unsigned int k)
{
	struct board_pwm *bp = &board_pwms[k];
	char name[16];
	int c, ret;

	bp->index = k;
	bp->dev = board_pwm_dev_create(parent, k);
	if (IS_ERR(bp->dev)) {
		ret = PTR_ERR(bp->dev);
		bp->dev = NULL;
		return ret;
	}

	bp->chip.dev = bp->dev;
	bp->chip.ops = &board_pwm_ops;
	bp->chip.npwm = PWM_CHANNELS;
	ret = pwmchip_add(&bp->chip);
	if (ret)
		goto out_remove;
	bp->added = true;

	snprintf(name, sizeof(name), "ctl%u", k);
	bp->dir = debugfs_create_dir(name, dir);
	for (c = 0; c < PWM_CHANNELS; c++) {
		snprintf(name, sizeof(name), "ch%d", c);
		debugfs_create_file(name, 0400, bp->dir, &bp->state[c],
				    &channel_fops);
	}
	return 0;

out_remove:
	board_pwm_remove_one(bp);
	return ret;
}

int board_pwm_init(struct device *parent, struct dentry *dir)
{
	int k, ret;

	for (k = 0; k < PWM_CONTROLLERS; k++) {
		ret = board_pwm_add_one(parent, dir, k);
		if (ret)
			goto out_remove;
	}
	leds_file = debugfs_create_file("leds", 0400, dir, NULL, &leds_fops);
	return 0;

out_remove:
	while (k-- > 0)
		board_pwm_remove_one(&board_pwms[k]);
	return ret;
}

void board_pwm_exit(void)
{
	int k;

	debugfs_remove(leds_file);
	leds_file = NULL;
	for (k = PWM_CONTROLLERS - 1; k >= 0; k--)
		board_pwm_remove_one(&board_pwms[k]);
}
