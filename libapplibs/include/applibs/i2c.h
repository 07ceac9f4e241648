/* SPDX-License-Identifier: MIT */
/*
 * applibs I2C master: open an ISU as an I2C master and talk to targets.
 * Manifest capability: I2cMaster. After I2CMaster_SetDefaultTargetAddress,
 * read(2)/write(2) on the fd address that target.
 */
#ifndef APPLIBS_I2C_H
#define APPLIBS_I2C_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define I2C_BUS_SPEED_STANDARD  100000
#define I2C_BUS_SPEED_FAST      400000
#define I2C_BUS_SPEED_FAST_PLUS 1000000
#define I2C_BUS_SPEED_HIGH      3400000

/* The ISU number (0..4). */
typedef int I2C_InterfaceId;
/* A 7-bit target address. */
typedef uint32_t I2C_DeviceAddress;

int I2CMaster_Open(I2C_InterfaceId id);
int I2CMaster_SetBusSpeed(int fd, uint32_t speedInHz);
int I2CMaster_SetTimeout(int fd, uint32_t timeoutInMs);
ssize_t I2CMaster_Read(int fd, I2C_DeviceAddress address, uint8_t *buffer, size_t maxLength);
ssize_t I2CMaster_Write(int fd, I2C_DeviceAddress address, const uint8_t *data, size_t length);
ssize_t I2CMaster_WriteThenRead(int fd, I2C_DeviceAddress address, const uint8_t *writeData,
				size_t lenWriteData, uint8_t *readData, size_t lenReadData);
int I2CMaster_SetDefaultTargetAddress(int fd, I2C_DeviceAddress address);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_I2C_H */
