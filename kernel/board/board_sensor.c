// SPDX-License-Identifier: GPL-2.0-only
/*
 * An LSM6DS3-like accelerometer and gyroscope (ST LSM6DS3 register map, the
 * parts an app touches): WHO_AM_I = 0x69, control registers, a status
 * register, temperature, gyroscope and accelerometer samples that change
 * over time while the part is powered (ODR != 0), software reset.
 *
 * The samples are physical quantities (mg, mdps) turned into LSB with the
 * sensitivity of the full scale the app chose, as the datasheet gives it:
 * CTRL1_XL FS_XL (bits 3:2) 00 +-2 g 0.061, 10 +-4 g 0.122, 11 +-8 g 0.244,
 * 01 +-16 g 0.488 mg/LSB; CTRL2_G FS_G (bits 3:2) 00 245, 01 500, 10 1000,
 * 11 2000 dps at 8.75, 17.5, 35, 70 mdps/LSB, and FS_125 (bit 1) 125 dps at
 * 4.375 mdps/LSB. A value beyond the full scale saturates.
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

#define FS_SHIFT       2
#define FS_MASK	       0x3
#define CTRL2_FS_125   0x02

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

/* Accelerometer sensitivity in ug/LSB for CTRL1_XL's FS_XL. */
static const u32 xl_ug_per_lsb[4] = { 61, 488, 122, 244 };
/* Gyroscope sensitivity in udps/LSB for CTRL2_G's FS_G. */
static const u32 g_udps_per_lsb[4] = { 8750, 17500, 35000, 70000 };
#define G_125_UDPS_PER_LSB 4375

/* PHYS (in milli-units) as LSB at SENS micro-units per LSB, saturated. */
static s16 to_lsb(long phys, u32 sens)
{
	long v = phys * 1000 / (long)sens;

	if (v > S16_MAX)
		return S16_MAX;
	if (v < S16_MIN)
		return S16_MIN;
	return (s16)v;
}

/* Refresh the sample registers from the time, as the part's ADCs would. */
static void sensor_sample(void)
{
	unsigned long ms = jiffies_to_msecs(jiffies);
	u8 ctrl1 = regs[REG_CTRL1_XL], ctrl2 = regs[REG_CTRL2_G];
	bool xl_on = ctrl1 >> 4;
	bool g_on = ctrl2 >> 4;
	u32 xs = xl_ug_per_lsb[(ctrl1 >> FS_SHIFT) & FS_MASK];
	u32 gs = (ctrl2 & CTRL2_FS_125) ? G_125_UDPS_PER_LSB :
		 g_udps_per_lsb[(ctrl2 >> FS_SHIFT) & FS_MASK];
	u8 status = 0;

	if (xl_on) {
		/* At rest: about +-250 mg on X and Y, 1 g (+-4 mg) on Z. */
		put16(REG_OUTX_L_XL, to_lsb(wave(ms, 2000, 250), xs));
		put16(REG_OUTX_L_XL + 2, to_lsb(wave(ms + 500, 2000, 250), xs));
		put16(REG_OUTX_L_XL + 4, to_lsb(1000 + wave(ms, 700, 4), xs));
		status |= 0x01;
	}
	if (g_on) {
		/* A slow wobble: a few dps about each axis. */
		put16(REG_OUTX_L_G, to_lsb(wave(ms, 1500, 2600), gs));
		put16(REG_OUTX_L_G + 2, to_lsb(wave(ms, 1100, 1750), gs));
		put16(REG_OUTX_L_G + 4, to_lsb(wave(ms, 900, 875), gs));
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
