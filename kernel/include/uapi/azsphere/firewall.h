/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * Peripheral firewall uAPI: /dev/azsphere-firewall.
 *
 * The firewall assigns each MT3620 peripheral block to one core (HL = the
 * Cortex-A7 running Linux, IO0/IO1 = the Cortex-M4 real-time cores) and,
 * within the HL core, each resource (a GPIO pin, an ISU in one role, a PWM
 * or ADC controller) to one owner uid. After AZS_FW_IOC_LOCK no change is
 * possible until the device reboots.
 *
 * Every struct starts with its size (set it to sizeof the struct) and a flags
 * word (0); reserved fields must be 0. Layouts are fixed-size with explicit
 * padding, identical for 32-bit and 64-bit userspace.
 *
 * Errors: ENOTTY unknown command; EFAULT bad pointer; EINVAL wrong size,
 * non-zero flags/reserved, unknown kind/index/core, bad owner; EPERM caller
 * lacks CAP_SYS_ADMIN in the initial user namespace, or the configuration is
 * locked; EBUSY the block belongs to another core or serves another function,
 * or the resource has another owner; ENOENT releasing what is not assigned.
 * A failed call changes nothing.
 */
#ifndef _UAPI_AZSPHERE_FIREWALL_H
#define _UAPI_AZSPHERE_FIREWALL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define AZS_FW_DEVICE "/dev/azsphere-firewall"

/* Cores a block can be assigned to. */
#define AZS_FW_CORE_NONE 0
#define AZS_FW_CORE_HL	 1 /* high-level core (Cortex-A7, Linux) */
#define AZS_FW_CORE_IO0	 2 /* real-time core 0 (Cortex-M4) */
#define AZS_FW_CORE_IO1	 3 /* real-time core 1 (Cortex-M4) */
#define AZS_FW_CORE_MAX	 AZS_FW_CORE_IO1

/* Resource kinds; a block's function is the kind it serves. */
#define AZS_FW_KIND_NONE 0
#define AZS_FW_KIND_GPIO 1 /* index: GPIO number */
#define AZS_FW_KIND_UART 2 /* index: ISU number */
#define AZS_FW_KIND_I2C	 3 /* index: ISU number (I2C master) */
#define AZS_FW_KIND_SPI	 4 /* index: ISU number (SPI master) */
#define AZS_FW_KIND_PWM	 5 /* index: PWM controller */
#define AZS_FW_KIND_ADC	 6 /* index: ADC controller */
#define AZS_FW_KIND_I2S	 7 /* index: I2S interface (real-time cores only) */
#define AZS_FW_KIND_MAX	 AZS_FW_KIND_I2S

/* owner_uid of resources on IO cores, and of unassigned resources. */
#define AZS_FW_NO_OWNER 0xffffffffu

struct azs_fw_resource {
	__u32 kind;
	__u32 index;
};

struct azs_fw_assign {
	__u32 size;  /* sizeof(struct azs_fw_assign) */
	__u32 flags; /* 0 */
	struct azs_fw_resource res;
	__u32 core;	 /* AZS_FW_CORE_HL/IO0/IO1 */
	__u32 owner_uid; /* HL: the owning uid; IO cores: AZS_FW_NO_OWNER */
	__u64 reserved[2];
};

struct azs_fw_release {
	__u32 size;
	__u32 flags;
	struct azs_fw_resource res;
	__u64 reserved[2];
};

struct azs_fw_query {
	__u32 size;
	__u32 flags;
	struct azs_fw_resource res; /* in */
	__u32 core;		    /* out: core owning the resource, or NONE */
	__u32 owner_uid;	    /* out: owner on HL, else AZS_FW_NO_OWNER */
	__u32 block;		    /* out: index of the resource's block */
	__u32 block_core;     /* out: the block's core (firewall register) */
	__u32 block_function; /* out: AZS_FW_KIND_* the block serves, or NONE */
	__u32 pad;	      /* 0 */
	__u64 reserved[2];
};

#define AZS_FW_STATUS_LOCKED (1u << 0)

struct azs_fw_status {
	__u32 size;
	__u32 flags;
	__u32 state;	       /* out: AZS_FW_STATUS_* */
	__u32 num_blocks;      /* out: blocks in the inventory */
	__u32 num_assigned;    /* out: resources currently assigned */
	__u32 secmon_revision; /* out: major << 16 | minor */
	__u64 generation;      /* out: counts successful changes */
	__u64 reserved[2];
};

#define AZS_IOC_MAGIC	   0xA8

#define AZS_FW_IOC_ASSIGN  _IOW(AZS_IOC_MAGIC, 0x01, struct azs_fw_assign)
#define AZS_FW_IOC_RELEASE _IOW(AZS_IOC_MAGIC, 0x02, struct azs_fw_release)
#define AZS_FW_IOC_QUERY   _IOWR(AZS_IOC_MAGIC, 0x03, struct azs_fw_query)
#define AZS_FW_IOC_STATUS  _IOWR(AZS_IOC_MAGIC, 0x04, struct azs_fw_status)
/* One-way: no argument (pass 0). Repeating it succeeds and changes nothing. */
#define AZS_FW_IOC_LOCK _IO(AZS_IOC_MAGIC, 0x05)

#endif /* _UAPI_AZSPHERE_FIREWALL_H */
