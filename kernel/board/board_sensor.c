// SPDX-License-Identifier: GPL-2.0-only
/*
 * An LSM6DS3-like accelerometer and gyroscope (ST LSM6DS3 register map, the
 * parts an app touches): WHO_AM_I = 0x69, control registers, a status
 * register, temperature, gyroscope and accelerometer samples that change
 * over time while the part is powered (ODR != 0), software reset.
 *
 * Control: sensor/attach (0600) reads "i2c <isu|none> spi <isu|none>" and
 * takes "i2c N", "spi N", "i2c none" or "spi none".
 */
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "board.h"

#define REG_CTRL1_XL   0x10
#define REG_CTRL2_G    0x11
#define REG_CTRL3_C    0x12
#define REG_STATUS     0x1e
#define REG_OUT_TEMP_L 0x20
#define REG_OUTX_L_G   0x22
#define REG_OUTX_L_XL  0x28
#define REG_OUTZ_H_XL  0x2d

#define CTRL3_BOOT     0x80
#define CTRL3_IF_INC   0x04
#define CTRL3_SW_RESET 0x01

#define NO_ISU	       0xff

static DEFINE_MUTEX(sensor_lock); /* protects regs and the wiring */
static u8 regs[0x80];
static u8 i2c_isu = 2, spi_isu = 1;

static void sensor_reset(void)
{
	memset(regs, 0, sizeof(regs));
	regs[LSM6DS3_WHO_AM_I] = LSM6DS3_WHO_AM_I_VALUE;
	regs[REG_CTRL3_C] = CTRL3_IF_INC;
}

static bool read_only(u8 reg)
{
	return reg == LSM6DS3_WHO_AM_I || reg == REG_STATUS ||
	       (reg >= REG_OUT_TEMP_L && reg <= REG_OUTZ_H_XL);
}

static void put16(u8 reg, s16 v)
{
	regs[reg] = (u8)v;
	regs[reg + 1] = (u8)((u16)v >> 8);
}

/* A triangle wave of the given period (ms) and amplitude. */
static s16 wave(unsigned long ms, unsigned long period, int amplitude)
{
	unsigned long t = ms % period;
	long half = period / 2;
	long v = t < half ? (long)t : (long)period - (long)t;

	return (s16)(v * 2 * amplitude / half - amplitude);
}

/* Refresh the sample registers from the time, as the part's ADCs would. */
static void sensor_sample(void)
{
	unsigned long ms = jiffies_to_msecs(jiffies);
	bool xl_on = regs[REG_CTRL1_XL] >> 4;
	bool g_on = regs[REG_CTRL2_G] >> 4;
	u8 status = 0;

	if (xl_on) {
		/* About +-0.25 g on X and Y, 1 g on Z at the +-2 g scale. */
		put16(REG_OUTX_L_XL, wave(ms, 2000, 4096));
		put16(REG_OUTX_L_XL + 2, wave(ms + 500, 2000, 4096));
		put16(REG_OUTX_L_XL + 4, (s16)(16384 + wave(ms, 700, 64)));
		status |= 0x01;
	}
	if (g_on) {
		put16(REG_OUTX_L_G, wave(ms, 1500, 300));
		put16(REG_OUTX_L_G + 2, wave(ms, 1100, 200));
		put16(REG_OUTX_L_G + 4, wave(ms, 900, 100));
		status |= 0x02;
	}
	if (xl_on || g_on) {
		/* 25 C +- 2 C at 16 LSB per degree. */
		put16(REG_OUT_TEMP_L, wave(ms, 10000, 32));
		status |= 0x04;
	}
	regs[REG_STATUS] = status;
}

bool board_sensor_attached(enum board_bus bus, u32 isu)
{
	bool on;

	mutex_lock(&sensor_lock);
	on = (bus == BOARD_BUS_I2C ? i2c_isu : spi_isu) == isu;
	mutex_unlock(&sensor_lock);
	return on;
}

void board_sensor_read(u8 reg, u8 *buf, size_t len)
{
	size_t i;

	mutex_lock(&sensor_lock);
	sensor_sample();
	for (i = 0; i < len; i++) {
		buf[i] = regs[reg & 0x7f];
		if (regs[REG_CTRL3_C] & CTRL3_IF_INC)
			reg++;
	}
	mutex_unlock(&sensor_lock);
}

void board_sensor_write(u8 reg, const u8 *buf, size_t len)
{
	size_t i;

	mutex_lock(&sensor_lock);
	for (i = 0; i < len; i++) {
		u8 r = reg & 0x7f;

		if (r == REG_CTRL3_C &&
		    (buf[i] & (CTRL3_SW_RESET | CTRL3_BOOT)))
			sensor_reset();
		else if (!read_only(r))
			regs[r] = buf[i];
		if (regs[REG_CTRL3_C] & CTRL3_IF_INC)
			reg++;
	}
	mutex_unlock(&sensor_lock);
}

static int show_isu(char *buf, size_t len, const char *bus, u8 isu)
{
	if (isu == NO_ISU)
		return scnprintf(buf, len, "%s none", bus);
	return scnprintf(buf, len, "%s %u", bus, isu);
}

static ssize_t attach_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	char buf[32];
	int n;

	mutex_lock(&sensor_lock);
	n = show_isu(buf, sizeof(buf), "i2c", i2c_isu);
	buf[n++] = ' ';
	n += show_isu(buf + n, sizeof(buf) - n, "spi", spi_isu);
	mutex_unlock(&sensor_lock);
	buf[n++] = '\n';
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static ssize_t attach_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char buf[16], bus[4], where[8];
	unsigned int isu;
	u8 *slot;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%3s %7s", bus, where) != 2)
		return -EINVAL;
	if (!strcmp(bus, "i2c"))
		slot = &i2c_isu;
	else if (!strcmp(bus, "spi"))
		slot = &spi_isu;
	else
		return -EINVAL;
	if (!strcmp(where, "none"))
		isu = NO_ISU;
	else if (kstrtouint(where, 10, &isu) || isu > 4)
		return -EINVAL;

	mutex_lock(&sensor_lock);
	*slot = (u8)isu;
	mutex_unlock(&sensor_lock);
	return count;
}

static const struct file_operations attach_fops = {
	.owner = THIS_MODULE,
	.read = attach_read,
	.write = attach_write,
	.llseek = default_llseek,
};

int board_sensor_init(struct dentry *dir)
{
	struct dentry *d = debugfs_create_dir("sensor", dir);

	sensor_reset();
	debugfs_create_file("attach", 0600, d, NULL, &attach_fops);
	return 0;
}
