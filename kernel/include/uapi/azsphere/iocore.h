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
 * non-zero flags/reserved/pad, unknown core/op/kind/index, a value other
 * than 0/1; EPERM open or bind without CAP_SYS_ADMIN; EBUSY the fd is bound
 * to another core; ENXIO an access on an fd not bound yet; EACCES the
 * resource's block is not assigned to the fd's core. A failed call changes
 * nothing.
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
 * driving it, GPIO_GET sets value to the wire's level.
 */
#define AZS_IOCORE_OP_CHECK	  0
#define AZS_IOCORE_OP_GPIO_OUTPUT 1
#define AZS_IOCORE_OP_GPIO_INPUT  2
#define AZS_IOCORE_OP_GPIO_GET	  3
#define AZS_IOCORE_OP_MAX	  AZS_IOCORE_OP_GPIO_GET

struct azs_iocore_access {
	__u32 size;  /* sizeof(struct azs_iocore_access) */
	__u32 flags; /* 0 */
	__u32 op;    /* AZS_IOCORE_OP_* */
	__u32 kind;  /* AZS_FW_KIND_* (firewall.h) */
	__u32 index; /* as in struct azs_fw_resource */
	__u32 value; /* in: OUTPUT's level; out: GET's level */
	__u64 reserved[2];
};

#define AZS_IOCORE_IOC_BIND _IOW(AZS_IOC_MAGIC, 0x40, struct azs_iocore_bind)
#define AZS_IOCORE_IOC_ACCESS                                                  \
	_IOWR(AZS_IOC_MAGIC, 0x41, struct azs_iocore_access)

#endif /* _UAPI_AZSPHERE_IOCORE_H */
