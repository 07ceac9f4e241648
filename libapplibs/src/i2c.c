// SPDX-License-Identifier: MIT
/*
 * I2C master: ISU k as /dev/i2c-<k> (i2c-dev). Transfers use I2C_RDWR; the
 * firewall checks every transfer, and I2CMaster_Open asks it once with a
 * message the adapter refuses after its check (nothing reaches the bus).
 */
#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <string.h>
#include <sys/ioctl.h>

#include <applibs/i2c.h>

#include "internal.h"

#define I2C_MAX_ADDRESS 0x7f
#define I2C_MAX_LENGTH  8192

/* Is fd an I2C adapter? EBADF otherwise. */
static int i2c_check_fd(int fd)
{
	unsigned long funcs;

	if (fd < 0 || ioctl(fd, I2C_FUNCS, &funcs) != 0)
		return azs_fail(EBADF);
	return 0;
}

/*
 * Ask the firewall whether this process may use the adapter: a message to
 * an invalid address is refused by the adapter with EINVAL, but only after
 * the firewall check (EACCES), and nothing is put on the bus.
 */
static int i2c_probe_access(int fd)
{
	uint8_t byte = 0;
	struct i2c_msg m = {.addr = I2C_MAX_ADDRESS + 1, .flags = 0, .len = 0, .buf = &byte};
	struct i2c_rdwr_ioctl_data d = {.msgs = &m, .nmsgs = 1};

	if (ioctl(fd, I2C_RDWR, &d) >= 0 || errno != EACCES)
		return 0;
	return -1;
}

int I2CMaster_Open(I2C_InterfaceId id)
{
	AZS_CLEANUP_FD int fd = -1;
	char path[32];

	if (id < 0 || id >= AZS_MT3620_NUM_ISU)
		return azs_fail(ENODEV);
	snprintf(path, sizeof(path), "/dev/i2c-%d", id);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? azs_fail(EACCES) : -1; /* not granted: not in /dev */
	if (azs_claim(fd) != 0 || i2c_probe_access(fd) != 0)
		return -1;
	return azs_take_fd(&fd);
}

/*
 * The simulated bus has no timing: Linux has no per-descriptor I2C speed,
 * and the board's speed is a property of its controller. The call checks
 * the descriptor and the speed and has no other effect.
 */
int I2CMaster_SetBusSpeed(int fd, uint32_t speedInHz)
{
	if (i2c_check_fd(fd) != 0)
		return -1;
	switch (speedInHz) {
	case I2C_BUS_SPEED_STANDARD:
	case I2C_BUS_SPEED_FAST:
	case I2C_BUS_SPEED_FAST_PLUS:
	case I2C_BUS_SPEED_HIGH:
		return 0;
	default:
		return azs_fail(EINVAL);
	}
}

/* The adapter's timeout (I2C_TIMEOUT, in 10 ms units); 0 is EINVAL. */
int I2CMaster_SetTimeout(int fd, uint32_t timeoutInMs)
{
	unsigned long tens;

	if (i2c_check_fd(fd) != 0)
		return -1;
	if (timeoutInMs == 0)
		return azs_fail(EINVAL);
	tens = (timeoutInMs + 9) / 10;
	return ioctl(fd, I2C_TIMEOUT, tens) == 0 ? 0 : -1;
}

static ssize_t i2c_transfer(int fd, I2C_DeviceAddress address, const uint8_t *wr, size_t wlen,
			    uint8_t *rd, size_t rlen, bool do_write, bool do_read)
{
	struct i2c_msg m[2];
	struct i2c_rdwr_ioctl_data d = {.msgs = m, .nmsgs = 0};

	if (fd < 0)
		return azs_fail(EBADF);
	if ((do_write && !wr) || (do_read && !rd))
		return azs_fail(EFAULT);
	if (address > I2C_MAX_ADDRESS || wlen > I2C_MAX_LENGTH || rlen > I2C_MAX_LENGTH)
		return azs_fail(EINVAL);
	if (do_write)
		m[d.nmsgs++] = (struct i2c_msg){.addr = (uint16_t)address,
						.flags = 0,
						.len = (uint16_t)wlen,
						.buf = (uint8_t *)wr};
	if (do_read)
		m[d.nmsgs++] = (struct i2c_msg){.addr = (uint16_t)address,
						.flags = I2C_M_RD,
						.len = (uint16_t)rlen,
						.buf = rd};
	if (ioctl(fd, I2C_RDWR, &d) < 0) {
		if (errno == ENOTTY)
			errno = EBADF;
		return -1;
	}
	return (ssize_t)((do_write ? wlen : 0) + (do_read ? rlen : 0));
}

ssize_t I2CMaster_Read(int fd, I2C_DeviceAddress address, uint8_t *buffer, size_t maxLength)
{
	return i2c_transfer(fd, address, NULL, 0, buffer, maxLength, false, true);
}

ssize_t I2CMaster_Write(int fd, I2C_DeviceAddress address, const uint8_t *data, size_t length)
{
	return i2c_transfer(fd, address, data, length, NULL, 0, true, false);
}

ssize_t I2CMaster_WriteThenRead(int fd, I2C_DeviceAddress address, const uint8_t *writeData,
				size_t lenWriteData, uint8_t *readData, size_t lenReadData)
{
	return i2c_transfer(fd, address, writeData, lenWriteData, readData, lenReadData, true,
			    true);
}

int I2CMaster_SetDefaultTargetAddress(int fd, I2C_DeviceAddress address)
{
	if (i2c_check_fd(fd) != 0)
		return -1;
	if (address > I2C_MAX_ADDRESS)
		return azs_fail(EINVAL);
	return ioctl(fd, I2C_SLAVE, (unsigned long)address) == 0 ? 0 : -1;
}
