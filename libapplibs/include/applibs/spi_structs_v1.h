/* SPDX-License-Identifier: MIT */
/* Version 1 of the SPI master structs (see spi.h). */
#ifndef APPLIBS_SPI_STRUCTS_V1_H
#define APPLIBS_SPI_STRUCTS_V1_H

#include <stddef.h>
#include <stdint.h>

typedef enum SPI_ChipSelectPolarity {
	SPI_ChipSelectPolarity_Invalid = 0,
	SPI_ChipSelectPolarity_ActiveLow = 1,
	SPI_ChipSelectPolarity_ActiveHigh = 2,
} SPI_ChipSelectPolarity;

typedef enum SPI_TransferFlags {
	SPI_TransferFlags_None = 0,
	SPI_TransferFlags_Read = 1,
	SPI_TransferFlags_Write = 2,
} SPI_TransferFlags;

struct z__SPIMaster_Config_v1 {
	uint32_t z__magicAndVersion;
	SPI_ChipSelectPolarity csPolarity;
};

struct z__SPIMaster_Transfer_v1 {
	uint32_t z__magicAndVersion;
	SPI_TransferFlags flags;
	const uint8_t *writeData;
	uint8_t *readData;
	size_t length;
};

#endif /* APPLIBS_SPI_STRUCTS_V1_H */
