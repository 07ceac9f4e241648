/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated MT3620 board: shared pieces of its peripheral classes.
 *
 * Every class registers standard Linux devices (gpiochip, tty, i2c adapter,
 * spi controller, pwm chip, iio device) under the "azsphere-board" platform
 * device, checks the peripheral firewall on every request/open/transfer/
 * read path with board_check(), and offers a root-only control interface
 * for tests and demos under debugfs (azsphere-board/<class>/...).
 */
#ifndef AZS_BOARD_H
#define AZS_BOARD_H

#include <linux/cred.h>
#include <linux/debugfs.h>
#include <linux/device.h>

#include "azsphere/firewall_check.h"
#include "uapi/azsphere/firewall.h"
#include "uapi/azsphere/iocore.h"

/*
 * May the calling process use resource (kind, index) now? 0, or -EACCES
 * when its block is not mapped to the HL core in that function or the
 * caller's effective uid does not own the resource.
 */
static inline int board_check(u32 kind, u32 index)
{
	return azs_firewall_check(kind, index, current_euid());
}

/* One peripheral class of the board. */
struct board_class {
	const char *name;
	/* parent: the board device; dir: this class's debugfs directory. */
	int (*init)(struct device *parent, struct dentry *dir);
	void (*exit)(void);
};

int board_gpio_init(struct device *parent, struct dentry *dir);
void board_gpio_exit(void);
int board_uart_init(struct device *parent, struct dentry *dir);
void board_uart_exit(void);
int board_i2c_init(struct device *parent, struct dentry *dir);
void board_i2c_exit(void);
int board_spi_init(struct device *parent, struct dentry *dir);
void board_spi_exit(void);
int board_pwm_init(struct device *parent, struct dentry *dir);
void board_pwm_exit(void);
int board_iocore_init(struct device *parent, struct dentry *dir);
void board_iocore_exit(void);
/* An I/O core's access to GPIO pin gpio (AZS_IOCORE_OP_GPIO_*), once the
 * firewall allowed it: 0, or -EINVAL for no such pin or op. */
int board_gpio_core_access(u32 gpio, u32 op, u32 *value);
int board_adc_init(struct device *parent, struct dentry *dir);
void board_adc_exit(void);

/*
 * An I/O core's actions on the board (board_iocore.c), each called only
 * once the firewall allowed that core the resource; the same models and
 * validation as the A7's drivers. 0, or -EINVAL for a bad field, -ENXIO
 * for an I2C address nobody acknowledged.
 */
/* ADC controller 0: the 12-bit sample of channel (0..7). */
int board_adc_core_read(u32 channel, u32 *sample);
/* PWM controller (0..2) channel (0..3): a state as the pwm chip's apply. */
int board_pwm_core_set(u32 controller, u32 channel, u64 period_ns, u64 duty_ns,
		       bool inversed, bool enabled);
/* ISU isu's I2C bus: wlen bytes to addr, then rlen bytes read (not both 0). */
int board_i2c_core_xfer(u32 isu, u16 addr, u8 *wbuf, u16 wlen, u8 *rbuf,
			u16 rlen);
/* ISU isu's UART: transmit len bytes to the far end; *taken of them. */
int board_uart_core_write(u32 isu, const u8 *buf, u32 len, u32 *taken);
/* ISU isu's UART: up to len bytes the far end sent to core; *got of them. */
int board_uart_core_read(u32 isu, u32 core, u8 *buf, u32 len, u32 *got);

/*
 * The LSM6DS3-like accelerometer/gyroscope (board_sensor.c). It answers on
 * I2C at LSM6DS3_I2C_ADDR on one ISU and on SPI chip select A of another,
 * as the control file sensor/attach says (default: I2C on ISU2, SPI on
 * ISU1). Register access follows the part: 7-bit addresses, auto-increment
 * when CTRL3_C.IF_INC is set, read-only registers ignore writes, sample
 * registers change over time while the part is powered (ODR != 0).
 */
#define LSM6DS3_I2C_ADDR       0x6a
#define LSM6DS3_WHO_AM_I       0x0f
#define LSM6DS3_WHO_AM_I_VALUE 0x69

enum board_bus {
	BOARD_BUS_I2C,
	BOARD_BUS_SPI,
};

/* Is the sensor wired to this bus on this ISU? */
bool board_sensor_attached(enum board_bus bus, u32 isu);
/* Read or write len registers from reg (auto-increment per IF_INC). */
void board_sensor_read(u8 reg, u8 *buf, size_t len);
void board_sensor_write(u8 reg, const u8 *buf, size_t len);
int board_sensor_init(struct dentry *dir);

#endif /* AZS_BOARD_H */
