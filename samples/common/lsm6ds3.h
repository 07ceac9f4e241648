/* SPDX-License-Identifier: MIT */
/*
 * The LSM6DS3-like accelerometer on the simulated RDB's headers (I2C on
 * ISU2, SPI on ISU1 chip select A): the registers the samples use.
 */
#ifndef SAMPLES_LSM6DS3_H
#define SAMPLES_LSM6DS3_H

#define LSM6DS3_I2C_ADDRESS 0x6a
#define LSM6DS3_WHO_AM_I    0x0f
#define LSM6DS3_WHO_AM_I_ID 0x69
#define LSM6DS3_CTRL1_XL    0x10
#define LSM6DS3_CTRL3_C     0x12
#define LSM6DS3_OUTX_L_XL   0x28

#endif /* SAMPLES_LSM6DS3_H */
