/* SPDX-License-Identifier: MIT */
/*
 * The MT3620 reference development board's peripherals as applibs ids, the
 * C side of manifests/mt3620/mt3620_rdb.json (apps name the same peripherals
 * as "$MT3620_RDB_..." in app_manifest.json).
 */
#ifndef SAMPLES_MT3620_RDB_H
#define SAMPLES_MT3620_RDB_H

/* GPIO ids are MT3620 GPIO numbers. */
#define MT3620_RDB_LED1_RED   8
#define MT3620_RDB_LED1_GREEN 9
#define MT3620_RDB_LED1_BLUE  10
#define MT3620_RDB_BUTTON_A   12
#define MT3620_RDB_BUTTON_B   13

/* UART ids are ISU + 4; I2C and SPI interface ids are the ISU number. */
#define MT3620_RDB_HEADER2_ISU0_UART 4
#define MT3620_RDB_HEADER4_ISU2_I2C  2
#define MT3620_RDB_HEADER4_ISU1_SPI  1

/* SPI chip selects. */
#define MT3620_SPI_CS_A (-1)
#define MT3620_SPI_CS_B (-2)

/* PWM controller 2: LED1 red, green, blue on channels 0, 1, 2. */
#define MT3620_RDB_LED_PWM_CONTROLLER2  2
#define MT3620_RDB_LED1_RED_PWM_CHANNEL 0

#define MT3620_RDB_ADC_CONTROLLER0      0

/* The LSM6DS3-like accelerometer on the RDB's headers. */
#define LSM6DS3_I2C_ADDRESS 0x6a
#define LSM6DS3_WHO_AM_I    0x0f
#define LSM6DS3_WHO_AM_I_ID 0x69
#define LSM6DS3_CTRL1_XL    0x10
#define LSM6DS3_CTRL3_C     0x12
#define LSM6DS3_OUTX_L_XL   0x28

#endif /* SAMPLES_MT3620_RDB_H */
