/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the simulated board's I2C tests: the LSM6DS3-like sensor
 * through /dev/i2c-<isu> (i2c-dev), as an app would use it. Every helper
 * returns 0 or -errno.
 */
#ifndef AZS_TEST_I2C_UTIL_H
#define AZS_TEST_I2C_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/i2c-dev.h>
#include <linux/i2c.h>

#define I2C_SENSOR_ISU   2 /* default wiring (sensor/attach) */
#define LSM6DS3_ADDR     0x6a
#define LSM6DS3_WHO_AM_I 0x0f
#define LSM6DS3_ID       0x69

static inline int i2c_open(unsigned int isu)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/i2c-%u", isu);
	return open(path, O_RDWR | O_CLOEXEC);
}

/* I2C_RDWR with n messages; 0 when all n went through. */
static inline int i2c_rdwr(int fd, struct i2c_msg *msgs, unsigned int n)
{
	struct i2c_rdwr_ioctl_data d = {.msgs = msgs, .nmsgs = n};
	int ret = ioctl(fd, I2C_RDWR, &d);

	if (ret < 0)
		return -errno;
	return ret == (int)n ? 0 : -EIO;
}

/* Write the register address, then read len bytes (repeated start). */
static inline int i2c_read_regs(int fd, uint16_t addr, uint8_t reg, uint8_t *buf, uint16_t len)
{
	struct i2c_msg msgs[2] = {
		{.addr = addr, .flags = 0, .len = 1, .buf = &reg},
		{.addr = addr, .flags = I2C_M_RD, .len = len, .buf = buf},
	};

	return i2c_rdwr(fd, msgs, 2);
}

static inline int i2c_write_reg(int fd, uint16_t addr, uint8_t reg, uint8_t value)
{
	uint8_t buf[2] = {reg, value};
	struct i2c_msg msg = {.addr = addr, .flags = 0, .len = 2, .buf = buf};

	return i2c_rdwr(fd, &msg, 1);
}

/*
 * For board_run_as(): read WHO_AM_I through the fd (an int) given. 0 when
 * it reads 0x69, the errno when the transfer fails, 200 for another value.
 */
static inline int i2c_who_am_i_child(void *arg)
{
	uint8_t v = 0;
	int ret = i2c_read_regs(*(int *)arg, LSM6DS3_ADDR, LSM6DS3_WHO_AM_I, &v, 1);

	if (ret)
		return -ret;
	return v == LSM6DS3_ID ? 0 : 200;
}

#endif /* AZS_TEST_I2C_UTIL_H */
