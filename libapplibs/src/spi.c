// SPDX-License-Identifier: MIT
/*
 * SPI master: ISU k chip select A (-1) / B (-2) as /dev/spidev<k>.<0|1>.
 * Settings and transfers are spidev ioctls; the firewall checks every
 * setting change and message, so SPIMaster_Open's first setting asks it.
 */
#include <fcntl.h>
#include <linux/spi/spidev.h>
#include <string.h>
#include <sys/ioctl.h>

#include <applibs/spi.h>

#include "internal.h"

#define SPI_CS_A (-1)
#define SPI_CS_B (-2)

int z__SPIMaster_InitConfig(struct z__SPIMaster_Config_Base *config, uint32_t structVersion)
{
	struct z__SPIMaster_Config_v1 *c = (struct z__SPIMaster_Config_v1 *)config;

	if (!config)
		return azs_fail(EFAULT);
	if (structVersion != 1)
		return azs_fail(EINVAL);
	memset(c, 0, sizeof(*c));
	c->z__magicAndVersion = z__SPI_MASTER_CONFIG_MAGIC | 1;
	c->csPolarity = SPI_ChipSelectPolarity_ActiveLow;
	return 0;
}

int z__SPIMaster_Open(int interfaceId, int chipSelectId,
		      const struct z__SPIMaster_Config_Base *config)
{
	const struct z__SPIMaster_Config_v1 *c = (const struct z__SPIMaster_Config_v1 *)config;
	AZS_CLEANUP_FD int fd = -1;
	uint32_t mode = SPI_MODE_0;
	uint8_t bits = 8, lsb = 0;
	char path[32];
	int cs;

	if (!config)
		return azs_fail(EFAULT);
	if (!azs_struct_ok(c->z__magicAndVersion, z__SPI_MASTER_CONFIG_MAGIC, 1))
		return azs_fail(EINVAL);
	if (c->csPolarity == SPI_ChipSelectPolarity_ActiveHigh)
		mode |= SPI_CS_HIGH;
	else if (c->csPolarity != SPI_ChipSelectPolarity_ActiveLow)
		return azs_fail(EINVAL);
	if (interfaceId < 0 || interfaceId >= AZS_MT3620_NUM_ISU)
		return azs_fail(ENODEV);
	if (chipSelectId == SPI_CS_A)
		cs = 0;
	else if (chipSelectId == SPI_CS_B)
		cs = 1;
	else
		return azs_fail(EINVAL);

	snprintf(path, sizeof(path), "/dev/spidev%d.%d", interfaceId, cs);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? azs_fail(EACCES) : -1; /* not granted: not in /dev */
	if (azs_claim(fd) != 0)
		return -1;
	/* Each setting reaches the controller's setup: EACCES from the firewall. */
	if (ioctl(fd, SPI_IOC_WR_MODE32, &mode) != 0 ||
	    ioctl(fd, SPI_IOC_WR_LSB_FIRST, &lsb) != 0 ||
	    ioctl(fd, SPI_IOC_WR_BITS_PER_WORD, &bits) != 0)
		return -1;
	return azs_take_fd(&fd);
}

/* Read the fd's mode; EBADF if it is no spidev. */
static int spi_get_mode(int fd, uint32_t *mode)
{
	if (fd < 0 || ioctl(fd, SPI_IOC_RD_MODE32, mode) != 0)
		return azs_fail(EBADF);
	return 0;
}

int SPIMaster_SetBusSpeed(int fd, uint32_t speedInHz)
{
	uint32_t mode;

	if (spi_get_mode(fd, &mode) != 0)
		return -1;
	if (speedInHz == 0)
		return azs_fail(EINVAL);
	return ioctl(fd, SPI_IOC_WR_MAX_SPEED_HZ, &speedInHz) == 0 ? 0 : -1;
}

int SPIMaster_SetMode(int fd, SPI_Mode mode)
{
	uint32_t m;

	if (spi_get_mode(fd, &m) != 0)
		return -1;
	if (mode < SPI_Mode_0 || mode > SPI_Mode_3)
		return azs_fail(EINVAL);
	m &= ~(uint32_t)(SPI_CPHA | SPI_CPOL);
	m |= (uint32_t)(mode - SPI_Mode_0); /* SPI_MODE_0..3 */
	return ioctl(fd, SPI_IOC_WR_MODE32, &m) == 0 ? 0 : -1;
}

int SPIMaster_SetBitOrder(int fd, SPI_BitOrder order)
{
	uint32_t m;
	uint8_t lsb;

	if (spi_get_mode(fd, &m) != 0)
		return -1;
	if (order != SPI_BitOrder_LsbFirst && order != SPI_BitOrder_MsbFirst)
		return azs_fail(EINVAL);
	lsb = order == SPI_BitOrder_LsbFirst;
	return ioctl(fd, SPI_IOC_WR_LSB_FIRST, &lsb) == 0 ? 0 : -1;
}

int z__SPIMaster_InitTransfers(struct z__SPIMaster_Transfer_Base *transfers, size_t transferCount,
			       uint32_t transferStructVersion)
{
	struct z__SPIMaster_Transfer_v1 *t = (struct z__SPIMaster_Transfer_v1 *)transfers;

	if (!transfers)
		return azs_fail(EFAULT);
	if (transferStructVersion != 1)
		return azs_fail(EINVAL);
	for (size_t i = 0; i < transferCount; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].z__magicAndVersion = z__SPI_MASTER_TRANSFER_MAGIC | 1;
	}
	return 0;
}

ssize_t z__SPIMaster_TransferSequential(int fd, const struct z__SPIMaster_Transfer_Base *transfers,
					size_t transferCount, uint32_t transferStructVersion)
{
	const struct z__SPIMaster_Transfer_v1 *t =
		(const struct z__SPIMaster_Transfer_v1 *)transfers;
	struct spi_ioc_transfer x[SPI_MASTER_MAX_TRANSFERS];
	size_t total = 0;
	int ret;

	if (!transfers)
		return azs_fail(EFAULT);
	if (transferStructVersion != 1 || transferCount == 0 ||
	    transferCount > SPI_MASTER_MAX_TRANSFERS)
		return azs_fail(EINVAL);
	memset(x, 0, sizeof(x[0]) * transferCount);
	for (size_t i = 0; i < transferCount; i++) {
		if (!azs_struct_ok(t[i].z__magicAndVersion, z__SPI_MASTER_TRANSFER_MAGIC, 1))
			return azs_fail(EINVAL);
		if (t[i].flags == SPI_TransferFlags_None ||
		    (t[i].flags & ~(SPI_TransferFlags_Read | SPI_TransferFlags_Write)))
			return azs_fail(EINVAL);
		if (((t[i].flags & SPI_TransferFlags_Read) && !t[i].readData) ||
		    ((t[i].flags & SPI_TransferFlags_Write) && !t[i].writeData))
			return azs_fail(EFAULT);
		if (t[i].length == 0 || t[i].length > UINT32_MAX)
			return azs_fail(EINVAL);
		if (t[i].flags & SPI_TransferFlags_Write)
			x[i].tx_buf = (uintptr_t)t[i].writeData;
		if (t[i].flags & SPI_TransferFlags_Read)
			x[i].rx_buf = (uintptr_t)t[i].readData;
		x[i].len = (uint32_t)t[i].length;
		total += t[i].length;
	}
	/*
	 * The fd is checked by the transfer itself: on anything but a spidev
	 * the ioctl is not that file's (ENOTTY), which is EBADF here, as
	 * spi_get_mode() says for the other calls (a second ioctl per
	 * transfer before: 1.2x the raw SPI_IOC_MESSAGE, docs/performance.md).
	 */
	if (fd < 0)
		return azs_fail(EBADF);
	ret = ioctl(fd, SPI_IOC_MESSAGE(transferCount), x);
	if (ret < 0)
		return errno == ENOTTY || errno == EBADF ? azs_fail(EBADF) : -1;
	return (ssize_t)total;
}
