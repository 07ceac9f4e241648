// SPDX-License-Identifier: MIT
/*
 * I2C accelerometer: reads the LSM6DS3's WHO_AM_I over ISU2, turns the
 * accelerometer on (104 Hz, +-2 g) and logs a few samples in g.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <applibs/i2c.h>
#include <applibs/log.h>

#include <hw/mt3620_rdb.h>

#include "lsm6ds3.h"

#define SAMPLES 5

int main(void)
{
	const uint8_t who = LSM6DS3_WHO_AM_I, ctrl1[2] = {LSM6DS3_CTRL1_XL, 0x40};
	const uint8_t out = LSM6DS3_OUTX_L_XL;
	uint8_t id, raw[6];
	int fd;

	fd = I2CMaster_Open(MT3620_RDB_HEADER4_ISU2_I2C);
	if (fd < 0) {
		Log_Debug("ERROR: I2CMaster_Open: %s (%d)\n", strerror(errno), errno);
		return 2;
	}
	if (I2CMaster_SetBusSpeed(fd, I2C_BUS_SPEED_STANDARD) != 0 ||
	    I2CMaster_SetTimeout(fd, 100) != 0) {
		Log_Debug("ERROR: I2C settings: %s (%d)\n", strerror(errno), errno);
		return 3;
	}
	if (I2CMaster_WriteThenRead(fd, LSM6DS3_I2C_ADDRESS, &who, 1, &id, 1) != 2) {
		Log_Debug("ERROR: WHO_AM_I: %s (%d)\n", strerror(errno), errno);
		return 4;
	}
	Log_Debug("INFO: WHO_AM_I=0x%02x\n", id);
	if (id != LSM6DS3_WHO_AM_I_ID)
		return 5;
	if (I2CMaster_Write(fd, LSM6DS3_I2C_ADDRESS, ctrl1, sizeof(ctrl1)) != sizeof(ctrl1)) {
		Log_Debug("ERROR: CTRL1_XL: %s (%d)\n", strerror(errno), errno);
		return 6;
	}
	for (int i = 0; i < SAMPLES; i++) {
		const struct timespec wait = {0, 100 * 1000 * 1000};
		int16_t x, y, z;

		nanosleep(&wait, NULL);
		if (I2CMaster_WriteThenRead(fd, LSM6DS3_I2C_ADDRESS, &out, 1, raw, 6) != 7) {
			Log_Debug("ERROR: sample: %s (%d)\n", strerror(errno), errno);
			return 7;
		}
		x = (int16_t)(raw[0] | raw[1] << 8);
		y = (int16_t)(raw[2] | raw[3] << 8);
		z = (int16_t)(raw[4] | raw[5] << 8);
		/* +-2 g: 0.061 mg per LSB. */
		Log_Debug("INFO: acceleration [g]: %.3f %.3f %.3f\n", x * 0.000061, y * 0.000061,
			  z * 0.000061);
	}
	close(fd);
	return 0;
}
