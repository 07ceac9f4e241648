// SPDX-License-Identifier: MIT
/*
 * SPI accelerometer: reads the LSM6DS3's WHO_AM_I over ISU1 chip select A
 * (mode 3, MSB first), turns the accelerometer on and logs a few samples.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "applibs_versions.h"
#include <applibs/log.h>
#include <applibs/spi.h>

#include <hw/mt3620_rdb.h>

#include "lsm6ds3.h"

#define SAMPLES  5
#define SPI_READ 0x80

int main(void)
{
	const uint8_t who = SPI_READ | LSM6DS3_WHO_AM_I, out = SPI_READ | LSM6DS3_OUTX_L_XL;
	const uint8_t ctrl1[2] = {LSM6DS3_CTRL1_XL, 0x40};
	SPIMaster_Transfer xfer;
	SPIMaster_Config config;
	uint8_t id, raw[6];
	int fd;

	if (SPIMaster_InitConfig(&config) != 0)
		return 2;
	config.csPolarity = SPI_ChipSelectPolarity_ActiveLow;
	fd = SPIMaster_Open(MT3620_RDB_HEADER4_ISU1_SPI, MT3620_SPI_CS_A, &config);
	if (fd < 0) {
		Log_Debug("ERROR: SPIMaster_Open: %s (%d)\n", strerror(errno), errno);
		return 2;
	}
	if (SPIMaster_SetBusSpeed(fd, 400000) != 0 || SPIMaster_SetMode(fd, SPI_Mode_3) != 0 ||
	    SPIMaster_SetBitOrder(fd, SPI_BitOrder_MsbFirst) != 0) {
		Log_Debug("ERROR: SPI settings: %s (%d)\n", strerror(errno), errno);
		return 3;
	}
	if (SPIMaster_WriteThenRead(fd, &who, 1, &id, 1) != 2) {
		Log_Debug("ERROR: WHO_AM_I: %s (%d)\n", strerror(errno), errno);
		return 4;
	}
	Log_Debug("INFO: WHO_AM_I=0x%02x\n", id);
	if (id != LSM6DS3_WHO_AM_I_ID)
		return 5;
	if (SPIMaster_InitTransfers(&xfer, 1) != 0)
		return 6;
	xfer.flags = SPI_TransferFlags_Write;
	xfer.writeData = ctrl1;
	xfer.length = sizeof(ctrl1);
	if (SPIMaster_TransferSequential(fd, &xfer, 1) != sizeof(ctrl1)) {
		Log_Debug("ERROR: CTRL1_XL: %s (%d)\n", strerror(errno), errno);
		return 6;
	}
	for (int i = 0; i < SAMPLES; i++) {
		const struct timespec wait = {0, 100 * 1000 * 1000};
		int16_t x, y, z;

		nanosleep(&wait, NULL);
		if (SPIMaster_WriteThenRead(fd, &out, 1, raw, 6) != 7) {
			Log_Debug("ERROR: sample: %s (%d)\n", strerror(errno), errno);
			return 7;
		}
		x = (int16_t)(raw[0] | raw[1] << 8);
		y = (int16_t)(raw[2] | raw[3] << 8);
		z = (int16_t)(raw[4] | raw[5] << 8);
		Log_Debug("INFO: acceleration [g]: %.3f %.3f %.3f\n", x * 0.000061, y * 0.000061,
			  z * 0.000061);
	}
	close(fd);
	return 0;
}
