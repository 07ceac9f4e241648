/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * The I/O cores' initiator interface: /dev/azsphere-iocore (simulated board).
 *
 * A real-time core (IO0/IO1) reaches the board's peripherals only through
 * an fd of this device that the platform opened and bound to that core:
 * open() needs CAP_SYS_ADMIN in the initial user namespace (the device is
 * root's, 0600, and never in an app's sandbox), AZS_IOCORE_IOC_BIND ties the
 * fd to one core once (also CAP_SYS_ADMIN), and from then on whoever holds
 * the fd (the application manager passes it to that core's unprivileged
 * azs-iocore process) may act as that core and no other. Every access is
 * checked against the firewall's register of the resource's block: it must
 * be assigned to the bound core, whatever its owner table says.
 *
 * Every struct starts with its size (sizeof the struct) and a flags word
 * (0); reserved fields must be 0. Fixed layouts, the same for 32-bit and
 * 64-bit userspace.
 *
 * Errors: ENOTTY unknown command; EFAULT bad pointer; EINVAL wrong size,
 * non-zero flags/reserved/pad, unknown core/op/kind/index, a value out of
 * its range (named per field below); EPERM open or bind without
 * CAP_SYS_ADMIN; EBUSY the fd is bound to another core; ENXIO an access on
 * an fd not bound yet, or (I2C) no device acknowledged the address; EACCES
 * the resource's block is not assigned to the fd's core. A failed call
 * changes nothing on the board (an I2C transfer NACKed part-way is as on a
 * real bus: the messages before the NACK were sent).
 *
 * Every operation acts on the board's own peripheral model, the one the
 * A7's drivers use (the ADC's channels, the PWM controllers' state, the
 * ISUs' I2C buses and UART far ends), only after the firewall check.
 */
#ifndef _UAPI_AZSPHERE_IOCORE_H
#define _UAPI_AZSPHERE_IOCORE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#include "firewall.h" /* AZS_IOC_MAGIC, AZS_FW_CORE_*, AZS_FW_KIND_* */

#define AZS_IOCORE_DEVICE "/dev/azsphere-iocore"

struct azs_iocore_bind {
	__u32 size;  /* sizeof(struct azs_iocore_bind) */
	__u32 flags; /* 0 */
	__u32 core;  /* AZS_FW_CORE_IO0 or AZS_FW_CORE_IO1 (firewall.h) */
	__u32 pad;   /* 0 */
	__u64 reserved[2];
};

/*
 * What an access does (azs_iocore_access.op): CHECK only the firewall check;
 * for kind GPIO: GPIO_OUTPUT drives the pin at value (0/1), GPIO_INPUT stops
 * driving it, GPIO_GET sets value to the wire's level. For kind ADC (index:
 * the controller, 0): ADC_READ converts channel value (0..7) and sets value
 * to the 12-bit sample (0..4095), as the A7's in_voltage<value>_raw reads.
 */
#define AZS_IOCORE_OP_CHECK	  0
#define AZS_IOCORE_OP_GPIO_OUTPUT 1
#define AZS_IOCORE_OP_GPIO_INPUT  2
#define AZS_IOCORE_OP_GPIO_GET	  3
#define AZS_IOCORE_OP_ADC_READ	  4
#define AZS_IOCORE_OP_MAX	  AZS_IOCORE_OP_ADC_READ

#define AZS_IOCORE_ADC_CHANNELS	  8

struct azs_iocore_access {
	__u32 size;  /* sizeof(struct azs_iocore_access) */
	__u32 flags; /* 0 */
	__u32 op;    /* AZS_IOCORE_OP_* */
	__u32 kind;  /* AZS_FW_KIND_* (firewall.h) */
	__u32 index; /* as in struct azs_fw_resource */
	__u32 value; /* in: OUTPUT's level; out: GET's level */
	__u64 reserved[2];
};

/*
 * AZS_IOCORE_IOC_PWM: set one channel of a PWM controller (0..2, on GPIO
 * block k's pins; channel 0..3 drives GPIO 4k+channel) as the bound core,
 * the state the A7's pwm chip keeps (the board's pwm/ctl<k>/ch<c>).
 * period_ns 1000..1000000000, duty_ns <= period_ns, polarity 0 normal or 1
 * inversed, enabled 0/1.
 */
#define AZS_IOCORE_PWM_CONTROLLERS 3
#define AZS_IOCORE_PWM_CHANNELS	   4

struct azs_iocore_pwm {
	__u32 size;	  /* sizeof(struct azs_iocore_pwm) */
	__u32 flags;	  /* 0 */
	__u32 controller; /* 0..2 (AZS_FW_KIND_PWM index) */
	__u32 channel;	  /* 0..3 */
	__u32 period_ns;
	__u32 duty_ns;
	__u32 polarity; /* 0 normal, 1 inversed */
	__u32 enabled;	/* 0 or 1 */
	__u64 reserved[2];
};

/*
 * AZS_IOCORE_IOC_I2C: one transfer as the I2C master of an ISU (0..4), the
 * bus the A7's /dev/i2c-<isu> reaches: write_len bytes from write_buf to the
 * 7-bit address addr, then (repeated start) read_len bytes into read_buf;
 * each length 0..AZS_IOCORE_I2C_MAX, not both 0 (a probe is write_len 0 with
 * read_len 0: refused, use a 1-byte read). The bytes written are copied in
 * once, before anything reaches the bus.
 */
#define AZS_IOCORE_I2C_MAX 64
#define AZS_IOCORE_ISUS	   5 /* ISU0..ISU4 */

struct azs_iocore_i2c {
	__u32 size;  /* sizeof(struct azs_iocore_i2c) */
	__u32 flags; /* 0 */
	__u32 isu;   /* 0..4 (AZS_FW_KIND_I2C index) */
	__u32 addr;  /* 0..0x7f */
	__u32 write_len;
	__u32 read_len;
	__u64 write_buf; /* user pointer */
	__u64 read_buf;	 /* user pointer */
	__u64 reserved[2];
};

/*
 * AZS_IOCORE_IOC_UART: the UART of an ISU (0..4) as the bound core. op
 * WRITE transmits len bytes (1..AZS_IOCORE_UART_MAX) from buf to the
 * port's far end (the board's uart/isu<k>/tx capture, as the A7's
 * /dev/ttyISU<k> writes do); sets len to the bytes taken. op READ takes
 * up to len bytes (1..AZS_IOCORE_UART_MAX) the far end sent (the board's
 * uart/isu<k>/rx) while the block was this core's into buf; sets len to
 * the bytes read (0: none waiting).
 */
#define AZS_IOCORE_UART_WRITE 1
#define AZS_IOCORE_UART_READ  2
#define AZS_IOCORE_UART_MAX   64

struct azs_iocore_uart {
	__u32 size;  /* sizeof(struct azs_iocore_uart) */
	__u32 flags; /* 0 */
	__u32 isu;   /* 0..4 (AZS_FW_KIND_UART index) */
	__u32 op;    /* AZS_IOCORE_UART_WRITE or AZS_IOCORE_UART_READ */
	__u32 len;   /* in: bytes in (room of) buf; out: bytes taken (read) */
	__u32 pad;   /* 0 */
	__u64 buf;   /* user pointer */
	__u64 reserved[2];
};

#define AZS_IOCORE_IOC_BIND _IOW(AZS_IOC_MAGIC, 0x40, struct azs_iocore_bind)
#define AZS_IOCORE_IOC_ACCESS                                                  \
	_IOWR(AZS_IOC_MAGIC, 0x41, struct azs_iocore_access)
#define AZS_IOCORE_IOC_PWM  _IOW(AZS_IOC_MAGIC, 0x42, struct azs_iocore_pwm)
#define AZS_IOCORE_IOC_I2C  _IOW(AZS_IOC_MAGIC, 0x43, struct azs_iocore_i2c)
#define AZS_IOCORE_IOC_UART _IOWR(AZS_IOC_MAGIC, 0x44, struct azs_iocore_uart)

#endif /* _UAPI_AZSPHERE_IOCORE_H */
