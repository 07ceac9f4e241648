/* SPDX-License-Identifier: MIT */
/* The versioned ABI behind spi.h's inline functions. */
#ifndef APPLIBS_SPI_INTERNAL_H
#define APPLIBS_SPI_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define z__SPI_MASTER_CONFIG_MAGIC   0x45170000u
#define z__SPI_MASTER_TRANSFER_MAGIC 0x22130000u

struct z__SPIMaster_Config_Base {
	uint32_t z__magicAndVersion;
};

struct z__SPIMaster_Transfer_Base {
	uint32_t z__magicAndVersion;
};

int z__SPIMaster_InitConfig(struct z__SPIMaster_Config_Base *config, uint32_t structVersion);
int z__SPIMaster_Open(int interfaceId, int chipSelectId,
		      const struct z__SPIMaster_Config_Base *config);
int z__SPIMaster_InitTransfers(struct z__SPIMaster_Transfer_Base *transfers, size_t transferCount,
			       uint32_t transferStructVersion);
ssize_t z__SPIMaster_TransferSequential(int fd, const struct z__SPIMaster_Transfer_Base *transfers,
					size_t transferCount, uint32_t transferStructVersion);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_SPI_INTERNAL_H */
