// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MT3620's GPIO pins as one gpio_chip, "mt3620-gpio": offset = MT3620
 * GPIO number (0..80); numbers that are no MT3620 GPIO (24, 25, 49-55,
 * 76-79) are invalid lines. Apps reach it through the GPIO character device
 * (/dev/gpiochipN, uAPI v1 and v2); every request of a line, whatever the
 * path (line handle, line event, line request, edge detection, sysfs
 * export), goes through gpiod_request() -> .request in the caller's context,
 * where the peripheral firewall is checked.
 *
 * Each pin is modelled as the real part's: a direction, a drive mode for
 * outputs (push-pull, open-drain, open-source), a bias (pull-up, pull-down,
 * none) and the level the outside world puts on the wire. A line reads what
 * the wire carries: what the pin drives if it drives, else the external
 * level, else the board's pull-up (buttons), else its own bias (a floating
 * pin with no pull reads 0). Edges of that level raise the line's interrupt
 * (rising/falling as requested) in a small irq domain of the chip's own,
 * which is what gpiolib's edge detection uses.
 *
 * The board (MT3620 RDB): LEDs on GPIO 8-11, 14-23, 45-48, lit when the pin
 * drives low; buttons A and B on GPIO 12 and 13, to ground, with the board's
 * pull-ups (released = high, pressed = low).
 *
 * Control (debugfs gpio/, 0600): button_a, button_b, leds and line<N>; see
 * docs/board-gpio.md.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": gpio: " fmt

#include <linux/bitmap.h>
#include <linux/fwnode.h>
#include <linux/gpio/driver.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/pinctrl/pinconf-generic.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "board.h"
#include "azs_inventory.h"

#define MT3620_NGPIO  (AZS_INV_MAX_GPIO + 1)

#define BUTTON_A_GPIO 12
#define BUTTON_B_GPIO 13

enum line_drive {
	DRIVE_PUSH_PULL,
	DRIVE_OPEN_DRAIN,
	DRIVE_OPEN_SOURCE,
};

enum line_bias {
	BIAS_NONE,
	BIAS_PULL_UP,
	BIAS_PULL_DOWN,
};

/* What the outside world does to the wire. */
enum line_ext {
	EXT_FLOAT, /* nothing: the board's pull-up or the pin's bias decide */
	EXT_LOW,
	EXT_HIGH,
};

struct board_line {
	bool out;	   /* direction register: output */
	bool value;	   /* output data register */
	u8 drive;	   /* enum line_drive */
	u8 bias;	   /* enum line_bias */
	u8 ext;		   /* enum line_ext */
	bool board_pullup; /* the board pulls the wire high (buttons) */
	bool requested;	   /* between a granted .request and .free */
};

static const struct {
	const char *name;
	u8 gpio;
} board_leds[] = {
	{"led1_red", 8},	  {"led1_green", 9},
	{"led1_blue", 10},	  {"led2_red", 15},
	{"led2_green", 16},	  {"led2_blue", 17},
	{"led3_red", 18},	  {"led3_green", 19},
	{"led3_blue", 20},	  {"led4_red", 21},
	{"led4_green", 22},	  {"led4_blue", 23},
	{"status_red", 45},	  {"status_green", 46},
	{"status_blue", 47},	  {"networking_red", 48},
	{"networking_green", 14}, {"networking_blue", 11},
};

static struct {
	struct gpio_chip chip;
	struct fwnode_handle *fwnode;
	struct irq_domain *domain;
	/*
	 * Protects lines[]: the pins' registers and the outside world's levels.
	 * Taken with interrupts off (gpiolib may call a non-sleeping chip from
	 * any context); never held while an edge is delivered.
	 */
	spinlock_t lock;
	struct board_line lines[MT3620_NGPIO];
	/* Unmasked interrupts by offset (atomic bit operations). */
	DECLARE_BITMAP(irq_unmasked, MT3620_NGPIO);
	/* Line names "GPIO<n>" (NULL for invalid offsets); set at init. */
	char name_buf[MT3620_NGPIO][8];
	const char *names[MT3620_NGPIO];
	/* Control files, removed first at exit. */
	struct dentry *files[MT3620_NGPIO + 3];
	unsigned int num_files;
} bg;

static bool mt3620_gpio_exists(unsigned int gpio)
{
	unsigned int b;

	for (b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		if (gpio >= blk->first_pin &&
		    gpio < (unsigned int)blk->first_pin + blk->num_pins)
			return true;
	}
	return false;
}

/* The level the pin drives (0/1), or -1 when it leaves the wire alone. */
static int line_driven(const struct board_line *l)
{
	if (!l->out)
		return -1;
	switch (l->drive) {
	case DRIVE_OPEN_DRAIN:
		return l->value ? -1 : 0;
	case DRIVE_OPEN_SOURCE:
		return l->value ? 1 : -1;
	default:
		return l->value;
	}
}

/* The level on the wire. Called with bg.lock held. */
static bool line_level(const struct board_line *l)
{
	int d = line_driven(l);

	if (d >= 0)
		return d;
	if (l->ext != EXT_FLOAT)
		return l->ext == EXT_HIGH;
	if (l->board_pullup)
		return true;
	return l->bias == BIAS_PULL_UP;
}

/*
 * Raise the line's interrupt for an edge to @level, if it is unmasked and
 * its trigger type includes that edge. Called without bg.lock, from any
 * context; the handler runs with interrupts off, as from a real controller.
 */
static void line_edge(unsigned int offset, bool level)
{
	unsigned int virq;
	u32 type;

	if (!test_bit(offset, bg.irq_unmasked))
		return;
	virq = irq_find_mapping(bg.domain, offset);
	if (!virq)
		return;
	type = irq_get_trigger_type(virq);
	if (!(type & (level ? IRQ_TYPE_EDGE_RISING : IRQ_TYPE_EDGE_FALLING)))
		return;
	generic_handle_domain_irq_safe(bg.domain, offset);
}

/*
 * Change one line with fn(line, arg) under the lock, then deliver the edge
 * if the wire's level changed.
 */
static void line_update(unsigned int offset,
			void (*fn)(struct board_line *l, int arg), int arg)
{
	struct board_line *l = &bg.lines[offset];
	unsigned long flags;
	bool before, after;

	spin_lock_irqsave(&bg.lock, flags);
	before = line_level(l);
	fn(l, arg);
	after = line_level(l);
	spin_unlock_irqrestore(&bg.lock, flags);
	if (before != after)
		line_edge(offset, after);
}

static void set_input(struct board_line *l, int unused)
{
	l->out = false;
}

static void set_output(struct board_line *l, int value)
{
	l->value = value;
	l->out = true;
}

static void set_value(struct board_line *l, int value)
{
	l->value = value;
}

static void set_drive(struct board_line *l, int drive)
{
	l->drive = drive;
}

static void set_bias(struct board_line *l, int bias)
{
	l->bias = bias;
}

static void set_ext(struct board_line *l, int ext)
{
	l->ext = ext;
}

/* gpio_chip operations */

static int bg_init_valid_mask(struct gpio_chip *gc, unsigned long *valid_mask,
			      unsigned int ngpios)
{
	unsigned int i;

	bitmap_zero(valid_mask, ngpios);
	for (i = 0; i < ngpios; i++)
		if (mt3620_gpio_exists(i))
			__set_bit(i, valid_mask);
	return 0;
}

/*
 * The firewall: gpiolib calls this for every request of a (valid, free)
 * line, in the requesting process's context and with no lock held.
 */
static int bg_request(struct gpio_chip *gc, unsigned int offset)
{
	unsigned long flags;
	int ret;

	ret = board_check(AZS_FW_KIND_GPIO, offset);
	if (ret)
		return ret;
	spin_lock_irqsave(&bg.lock, flags);
	bg.lines[offset].requested = true;
	spin_unlock_irqrestore(&bg.lock, flags);
	return 0;
}

/* A freed line keeps its configuration, as the hardware's registers do. */
static void bg_free(struct gpio_chip *gc, unsigned int offset)
{
	unsigned long flags;

	spin_lock_irqsave(&bg.lock, flags);
	bg.lines[offset].requested = false;
	spin_unlock_irqrestore(&bg.lock, flags);
}

static int bg_get_direction(struct gpio_chip *gc, unsigned int offset)
{
	unsigned long flags;
	bool out;

	spin_lock_irqsave(&bg.lock, flags);
	out = bg.lines[offset].out;
	spin_unlock_irqrestore(&bg.lock, flags);
	return out ? GPIO_LINE_DIRECTION_OUT : GPIO_LINE_DIRECTION_IN;
}

static int bg_direction_input(struct gpio_chip *gc, unsigned int offset)
{
	line_update(offset, set_input, 0);
	return 0;
}

static int bg_direction_output(struct gpio_chip *gc, unsigned int offset,
			       int value)
{
	line_update(offset, set_output, !!value);
	return 0;
}

static int bg_get(struct gpio_chip *gc, unsigned int offset)
{
	unsigned long flags;
	bool level;

	spin_lock_irqsave(&bg.lock, flags);
	level = line_level(&bg.lines[offset]);
	spin_unlock_irqrestore(&bg.lock, flags);
	return level;
}

/* All requested lines sampled at the same instant. */
static int bg_get_multiple(struct gpio_chip *gc, unsigned long *mask,
			   unsigned long *bits)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&bg.lock, flags);
	for_each_set_bit(i, mask, MT3620_NGPIO)
		__assign_bit(i, bits, line_level(&bg.lines[i]));
	spin_unlock_irqrestore(&bg.lock, flags);
	return 0;
}

static void bg_set(struct gpio_chip *gc, unsigned int offset, int value)
{
	line_update(offset, set_value, !!value);
}

/* All lines change at the same instant; edges are delivered afterwards. */
static void bg_set_multiple(struct gpio_chip *gc, unsigned long *mask,
			    unsigned long *bits)
{
	DECLARE_BITMAP(changed, MT3620_NGPIO);
	DECLARE_BITMAP(level, MT3620_NGPIO);
	unsigned long flags;
	unsigned int i;

	bitmap_zero(changed, MT3620_NGPIO);
	bitmap_zero(level, MT3620_NGPIO);
	spin_lock_irqsave(&bg.lock, flags);
	for_each_set_bit(i, mask, MT3620_NGPIO) {
		struct board_line *l = &bg.lines[i];
		bool before = line_level(l);

		l->value = test_bit(i, bits);
		__assign_bit(i, level, line_level(l));
		if (before != test_bit(i, level))
			__set_bit(i, changed);
	}
	spin_unlock_irqrestore(&bg.lock, flags);
	for_each_set_bit(i, changed, MT3620_NGPIO)
		line_edge(i, test_bit(i, level));
}

/*
 * Drive modes and bias are the hardware's; anything else (debounce, drive
 * strength...) is -ENOTSUPP, so gpiolib emulates or refuses it.
 */
static int bg_set_config(struct gpio_chip *gc, unsigned int offset,
			 unsigned long config)
{
	switch (pinconf_to_config_param(config)) {
	case PIN_CONFIG_DRIVE_PUSH_PULL:
		line_update(offset, set_drive, DRIVE_PUSH_PULL);
		return 0;
	case PIN_CONFIG_DRIVE_OPEN_DRAIN:
		line_update(offset, set_drive, DRIVE_OPEN_DRAIN);
		return 0;
	case PIN_CONFIG_DRIVE_OPEN_SOURCE:
		line_update(offset, set_drive, DRIVE_OPEN_SOURCE);
		return 0;
	case PIN_CONFIG_BIAS_DISABLE:
		line_update(offset, set_bias, BIAS_NONE);
		return 0;
	case PIN_CONFIG_BIAS_PULL_UP:
		line_update(offset, set_bias, BIAS_PULL_UP);
		return 0;
	case PIN_CONFIG_BIAS_PULL_DOWN:
		line_update(offset, set_bias, BIAS_PULL_DOWN);
		return 0;
	default:
		return -ENOTSUPP;
	}
}

static int bg_to_irq(struct gpio_chip *gc, unsigned int offset)
{
	return irq_create_mapping(bg.domain, offset);
}

/* The interrupt controller: edge interrupts, one per line. */

static void bg_irq_mask(struct irq_data *d)
{
	clear_bit(irqd_to_hwirq(d), bg.irq_unmasked);
}

static void bg_irq_unmask(struct irq_data *d)
{
	set_bit(irqd_to_hwirq(d), bg.irq_unmasked);
}

static int bg_irq_set_type(struct irq_data *d, unsigned int type)
{
	/* Edge detection only, as gpiolib's edge events need. */
	if (type & ~IRQ_TYPE_EDGE_BOTH)
		return -EINVAL;
	irqd_set_trigger_type(d, type);
	return 0;
}

static const struct irq_chip bg_irq_chip = {
	.name = "mt3620-gpio",
	.irq_mask = bg_irq_mask,
	.irq_unmask = bg_irq_unmask,
	.irq_set_type = bg_irq_set_type,
	/* Marks the line as used for an interrupt (input, not re-driven). */
	.irq_request_resources = gpiochip_irq_reqres,
	.irq_release_resources = gpiochip_irq_relres,
	.flags = IRQCHIP_SKIP_SET_WAKE,
};

static int bg_irq_map(struct irq_domain *d, unsigned int virq,
		      irq_hw_number_t hwirq)
{
	irq_set_chip_data(virq, &bg.chip);
	irq_set_chip_and_handler(virq, &bg_irq_chip, handle_simple_irq);
	irq_modify_status(virq, IRQ_NOREQUEST | IRQ_NOAUTOEN, IRQ_NOPROBE);
	return 0;
}

static void bg_irq_unmap(struct irq_domain *d, unsigned int virq)
{
	irq_set_chip_and_handler(virq, NULL, NULL);
	irq_set_chip_data(virq, NULL);
}

static const struct irq_domain_ops bg_irq_ops = {
	.map = bg_irq_map,
	.unmap = bg_irq_unmap,
};

static int bg_irq_init(void)
{
	bg.fwnode = irq_domain_alloc_named_fwnode("mt3620-gpio");
	if (!bg.fwnode)
		return -ENOMEM;
	bg.domain = irq_domain_create_linear(bg.fwnode, MT3620_NGPIO,
					     &bg_irq_ops, NULL);
	if (!bg.domain) {
		irq_domain_free_fwnode(bg.fwnode);
		return -ENOMEM;
	}
	return 0;
}

static void bg_irq_exit(void)
{
	unsigned int i;

	for (i = 0; i < MT3620_NGPIO; i++) {
		unsigned int virq = irq_find_mapping(bg.domain, i);

		if (virq)
			irq_dispose_mapping(virq);
	}
	irq_domain_remove(bg.domain);
	irq_domain_free_fwnode(bg.fwnode);
}

/*
 * An I/O core's access to a pin (board_iocore.c, after the firewall check
 * for that core): drive it at value, stop driving it, or read the wire.
 * The pin behaves as for the HL core: the LEDs light, edges are raised.
 */
int board_gpio_core_access(u32 gpio, u32 op, u32 *value)
{
	unsigned long flags;

	if (gpio >= MT3620_NGPIO || !mt3620_gpio_exists(gpio))
		return -EINVAL;
	switch (op) {
	case AZS_IOCORE_OP_GPIO_OUTPUT:
		line_update(gpio, set_output, !!*value);
		return 0;
	case AZS_IOCORE_OP_GPIO_INPUT:
		line_update(gpio, set_input, 0);
		return 0;
	case AZS_IOCORE_OP_GPIO_GET:
		spin_lock_irqsave(&bg.lock, flags);
		*value = line_level(&bg.lines[gpio]);
		spin_unlock_irqrestore(&bg.lock, flags);
		return 0;
	default:
		return -EINVAL;
	}
}

/* Control interface */

/* Copy a short control write into buf (NUL-terminated). */
static int ctl_input(char *buf, size_t size, const char __user *ubuf,
		     size_t count)
{
	if (!count || count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	return 0;
}

/* The GPIO number a control file stands for. */
static unsigned int ctl_gpio(struct file *file)
{
	return (uintptr_t)file->private_data;
}

static ssize_t button_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	unsigned int gpio = ctl_gpio(file);
	unsigned long flags;
	const char *s;
	bool pressed;

	spin_lock_irqsave(&bg.lock, flags);
	pressed = bg.lines[gpio].ext == EXT_LOW;
	spin_unlock_irqrestore(&bg.lock, flags);
	s = pressed ? "pressed\n" : "released\n";
	return simple_read_from_buffer(ubuf, count, ppos, s, strlen(s));
}

/* A pressed button shorts the wire to ground; released, the pull-up wins. */
static ssize_t button_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char buf[16];
	int ret, ext;

	ret = ctl_input(buf, sizeof(buf), ubuf, count);
	if (ret)
		return ret;
	if (sysfs_streq(buf, "press") || sysfs_streq(buf, "1"))
		ext = EXT_LOW;
	else if (sysfs_streq(buf, "release") || sysfs_streq(buf, "0"))
		ext = EXT_FLOAT;
	else
		return -EINVAL;
	line_update(ctl_gpio(file), set_ext, ext);
	return count;
}

static const struct file_operations button_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = button_read,
	.write = button_write,
	.llseek = default_llseek,
};

static ssize_t leds_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	char buf[ARRAY_SIZE(board_leds) * 24];
	unsigned long flags;
	size_t i, n = 0;

	spin_lock_irqsave(&bg.lock, flags);
	for (i = 0; i < ARRAY_SIZE(board_leds); i++) {
		const struct board_line *l = &bg.lines[board_leds[i].gpio];

		/* Active low: lit while the pin sinks current. */
		n += scnprintf(buf + n, sizeof(buf) - n, "%s %s\n",
			       board_leds[i].name,
			       line_driven(l) == 0 ? "on" : "off");
	}
	spin_unlock_irqrestore(&bg.lock, flags);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static const struct file_operations leds_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = leds_read,
	.llseek = default_llseek,
};

static const char *const drive_names[] = {
	[DRIVE_PUSH_PULL] = "push-pull",
	[DRIVE_OPEN_DRAIN] = "open-drain",
	[DRIVE_OPEN_SOURCE] = "open-source",
};

static ssize_t line_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	const struct board_line *l = &bg.lines[ctl_gpio(file)];
	unsigned long flags;
	char buf[48];
	int n;

	spin_lock_irqsave(&bg.lock, flags);
	n = scnprintf(buf, sizeof(buf), "%s %d %s %s\n", l->out ? "out" : "in",
		      line_level(l), drive_names[l->drive],
		      l->requested ? "requested" : "free");
	spin_unlock_irqrestore(&bg.lock, flags);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

/* The outside world drives the wire low ("0"), high ("1") or not ("z"). */
static ssize_t line_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	char buf[8];
	int ret, ext;

	ret = ctl_input(buf, sizeof(buf), ubuf, count);
	if (ret)
		return ret;
	if (sysfs_streq(buf, "0"))
		ext = EXT_LOW;
	else if (sysfs_streq(buf, "1"))
		ext = EXT_HIGH;
	else if (sysfs_streq(buf, "z"))
		ext = EXT_FLOAT;
	else
		return -EINVAL;
	line_update(ctl_gpio(file), set_ext, ext);
	return count;
}

static const struct file_operations line_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = line_read,
	.write = line_write,
	.llseek = default_llseek,
};

static void bg_add_file(const char *name, struct dentry *dir, uintptr_t data,
			const struct file_operations *fops)
{
	bg.files[bg.num_files++] =
		debugfs_create_file(name, 0600, dir, (void *)data, fops);
}

static void bg_create_files(struct dentry *dir)
{
	unsigned int i;
	char name[16];

	bg_add_file("button_a", dir, BUTTON_A_GPIO, &button_fops);
	bg_add_file("button_b", dir, BUTTON_B_GPIO, &button_fops);
	bg_add_file("leds", dir, 0, &leds_fops);
	for (i = 0; i < MT3620_NGPIO; i++) {
		if (!bg.names[i])
			continue;
		snprintf(name, sizeof(name), "line%u", i);
		bg_add_file(name, dir, i, &line_fops);
	}
}

static void bg_remove_files(void)
{
	while (bg.num_files)
		debugfs_remove(bg.files[--bg.num_files]);
}

int board_gpio_init(struct device *parent, struct dentry *dir)
{
	unsigned int i;
	int ret;

	spin_lock_init(&bg.lock);
	for (i = 0; i < MT3620_NGPIO; i++) {
		if (!mt3620_gpio_exists(i))
			continue;
		snprintf(bg.name_buf[i], sizeof(bg.name_buf[i]), "GPIO%u", i);
		bg.names[i] = bg.name_buf[i];
	}
	bg.lines[BUTTON_A_GPIO].board_pullup = true;
	bg.lines[BUTTON_B_GPIO].board_pullup = true;

	ret = bg_irq_init();
	if (ret)
		return ret;

	bg.chip = (struct gpio_chip){
		.label = "mt3620-gpio",
		.parent = parent,
		.owner = THIS_MODULE,
		.base = -1,
		.ngpio = MT3620_NGPIO,
		.names = bg.names,
		.can_sleep = false,
		.init_valid_mask = bg_init_valid_mask,
		.request = bg_request,
		.free = bg_free,
		.get_direction = bg_get_direction,
		.direction_input = bg_direction_input,
		.direction_output = bg_direction_output,
		.get = bg_get,
		.get_multiple = bg_get_multiple,
		.set = bg_set,
		.set_multiple = bg_set_multiple,
		.set_config = bg_set_config,
		.to_irq = bg_to_irq,
	};
	ret = gpiochip_add_data(&bg.chip, NULL);
	if (ret)
		goto out_irq;

	bg_create_files(dir);
	return 0;

out_irq:
	bg_irq_exit();
	return ret;
}

void board_gpio_exit(void)
{
	bg_remove_files();
	gpiochip_remove(&bg.chip);
	bg_irq_exit();
}
