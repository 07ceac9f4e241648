/* SPDX-License-Identifier: MIT */
/*
 * applibs SPI master: open an ISU's chip select as an SPI master and run
 * transfers. Manifest capability: SpiMaster.
 *
 * Define SPI_STRUCTS_VERSION (only 1 exists) before including this header,
 * usually in the app's applibs_versions.h; it defaults to 1.
 */
#ifndef APPLIBS_SPI_H
#define APPLIBS_SPI_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <applibs/spi_structs_v1.h>
#include <applibs/spi_internal.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef SPI_STRUCTS_VERSION
#define SPI_STRUCTS_VERSION 1
#endif

#if SPI_STRUCTS_VERSION == 1
typedef struct z__SPIMaster_Config_v1 SPIMaster_Config;
typedef struct z__SPIMaster_Transfer_v1 SPIMaster_Transfer;
#else
#error "unsupported SPI_STRUCTS_VERSION (this SDK has version 1)"
#endif

#define SPI_MASTER_MAX_TRANSFERS 256

/* The ISU number (0..4). */
typedef int SPI_InterfaceId;
/* MT3620 chip selects: A is -1, B is -2. */
typedef int SPI_ChipSelectId;

typedef enum SPI_Mode {
	SPI_Mode_Invalid = 0,
	SPI_Mode_0 = 1,
	SPI_Mode_1 = 2,
	SPI_Mode_2 = 3,
	SPI_Mode_3 = 4,
} SPI_Mode;

typedef enum SPI_BitOrder {
	SPI_BitOrder_Invalid = 0,
	SPI_BitOrder_LsbFirst = 1,
	SPI_BitOrder_MsbFirst = 2,
} SPI_BitOrder;

/* Defaults: chip select active low. 0, or -1: EFAULT, EINVAL. */
static inline int SPIMaster_InitConfig(SPIMaster_Config *config)
{
	return z__SPIMaster_InitConfig((struct z__SPIMaster_Config_Base *)config,
				       SPI_STRUCTS_VERSION);
}

/* An fd (mode 0, MSB first), or -1: EACCES, ENODEV, EINVAL, EBUSY, EFAULT. */
static inline int SPIMaster_Open(SPI_InterfaceId interfaceId, SPI_ChipSelectId chipSelectId,
				 const SPIMaster_Config *config)
{
	return z__SPIMaster_Open(interfaceId, chipSelectId,
				 (const struct z__SPIMaster_Config_Base *)config);
}

int SPIMaster_SetBusSpeed(int fd, uint32_t speedInHz);
int SPIMaster_SetMode(int fd, SPI_Mode mode);
int SPIMaster_SetBitOrder(int fd, SPI_BitOrder order);

/* Zeroes the transfers and stamps their version. 0, or -1: EFAULT, EINVAL. */
static inline int SPIMaster_InitTransfers(SPIMaster_Transfer *transfers, size_t transferCount)
{
	return z__SPIMaster_InitTransfers((struct z__SPIMaster_Transfer_Base *)transfers,
					  transferCount, SPI_STRUCTS_VERSION);
}

/* Runs the transfers in one chip-select frame: the bytes moved, or -1. */
static inline ssize_t SPIMaster_TransferSequential(int fd, const SPIMaster_Transfer *transfers,
						   size_t transferCount)
{
	return z__SPIMaster_TransferSequential(fd,
					       (const struct z__SPIMaster_Transfer_Base *)transfers,
					       transferCount, SPI_STRUCTS_VERSION);
}

/* A write then a read in one frame: the bytes moved, or -1. */
static inline ssize_t SPIMaster_WriteThenRead(int fd, const uint8_t *writeData, size_t lenWriteData,
					      uint8_t *readData, size_t lenReadData)
{
	SPIMaster_Transfer transfers[2];

	if (SPIMaster_InitTransfers(transfers, 2) != 0)
		return -1;
	transfers[0].flags = SPI_TransferFlags_Write;
	transfers[0].writeData = writeData;
	transfers[0].length = lenWriteData;
	transfers[1].flags = SPI_TransferFlags_Read;
	transfers[1].readData = readData;
	transfers[1].length = lenReadData;
	return SPIMaster_TransferSequential(fd, transfers, 2);
}

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_SPI_H */
