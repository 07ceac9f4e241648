/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the simulated board's SPI tests: the LSM6DS3-like sensor
 * through /dev/spidev<isu>.<cs> (spidev), as an app would use it. Every
 * helper returns 0 or -errno.
 */
#ifndef AZS_TEST_SPI_UTIL_H
#define AZS_TEST_SPI_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/spi/spidev.h>

#define SPI_SENSOR_ISU   1 /* default wiring (sensor/attach) */
#define SPI_CS_A         0
#define SPI_CS_B         1
#define LSM6DS3_READ     0x80
#define LSM6DS3_WHO_AM_I 0x0f
#define LSM6DS3_ID       0x69
#define SPI_MISO_IDLE    0xff /* nobody drives MISO: pulled up */

static inline int spi_open(unsigned int isu, unsigned int cs)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/spidev%u.%u", isu, cs);
	return open(path, O_RDWR | O_CLOEXEC);
}

/* SPI_IOC_MESSAGE(n); 0 when it moved every byte. */
static inline int spi_message(int fd, struct spi_ioc_transfer *xfers, unsigned int n)
{
	uint32_t total = 0;
	int ret;

	for (unsigned int i = 0; i < n; i++)
		total += xfers[i].len;
	ret = ioctl(fd, SPI_IOC_MESSAGE(n), xfers);
	if (ret < 0)
		return -errno;
	return (uint32_t)ret == total ? 0 : -EIO;
}

/* One full-duplex transfer of len bytes. */
static inline int spi_xfer(int fd, const uint8_t *tx, uint8_t *rx, uint32_t len)
{
	struct spi_ioc_transfer x = {
		.tx_buf = (uintptr_t)tx,
		.rx_buf = (uintptr_t)rx,
		.len = len,
	};

	return spi_message(fd, &x, 1);
}

/* Read len (<= 63) registers from reg: [0x80 | reg, 0...] in one frame. */
static inline int spi_read_regs(int fd, uint8_t reg, uint8_t *buf, uint32_t len)
{
	uint8_t tx[64] = {LSM6DS3_READ | reg}, rx[64];
	int ret;

	if (len >= sizeof(tx))
		return -EINVAL;
	ret = spi_xfer(fd, tx, rx, len + 1);
	if (!ret)
		memcpy(buf, rx + 1, len);
	return ret;
}

static inline int spi_write_reg(int fd, uint8_t reg, uint8_t value)
{
	uint8_t tx[2] = {reg, value};

	return spi_xfer(fd, tx, NULL, 2);
}

static inline int spi_set_mode(int fd, uint32_t mode)
{
	return ioctl(fd, SPI_IOC_WR_MODE32, &mode) ? -errno : 0;
}

/*
 * For board_run_as(): read WHO_AM_I through the fd (an int) given. 0 when
 * it reads 0x69, the errno when the transfer fails, 200 for another value.
 */
static inline int spi_who_am_i_child(void *arg)
{
	uint8_t v = 0;
	int ret = spi_read_regs(*(int *)arg, LSM6DS3_WHO_AM_I, &v, 1);

	if (ret)
		return -ret;
	return v == LSM6DS3_ID ? 0 : 200;
}

#endif /* AZS_TEST_SPI_UTIL_H */
