/* SPDX-License-Identifier: MIT */
/*
 * The memory map of an emulated MT3620 I/O core (Cortex-M4F), as azs-iocore
 * builds it (docs/iocore.md): the core's memories, its private devices and
 * the peripheral blocks the firewall assigns to cores. Pure: no emulator,
 * no I/O, so host tests and the loader share it.
 */
#ifndef AZS_IOCORE_MAP_H
#define AZS_IOCORE_MAP_H

#include <stddef.h>
#include <stdint.h>

/* Memories. */
#define AZS_IOC_TCM_BASE    0x00100000u
#define AZS_IOC_TCM_SIZE    (192u * 1024u)
#define AZS_IOC_FLASH_BASE  0x10000000u
#define AZS_IOC_FLASH_SIZE  (1024u * 1024u)
#define AZS_IOC_SYSRAM_BASE 0x22000000u
#define AZS_IOC_SYSRAM_SIZE (64u * 1024u)
/* The intercore shared buffers (with --mailbox): inbound (A7 -> M4) at the
 * base, outbound (M4 -> A7) at base + AZS_IOC_SHARED_BUF; each a 64-byte
 * header and a data area (iocore_ring.h). */
#define AZS_IOC_SHARED_BASE 0x20000000u
#define AZS_IOC_SHARED_BUF  0x1000u
#define AZS_IOC_SHARED_SIZE (2u * AZS_IOC_SHARED_BUF)

/* The core's own devices (not firewalled: every core has its own). */
#define AZS_IOC_GPT_BASE  0x21030000u
#define AZS_IOC_UART_BASE 0x21040000u
#define AZS_IOC_MBOX_BASE 0x21050000u
#define AZS_IOC_SCS_BASE  0xE000E000u
#define AZS_IOC_DEV_SIZE  0x1000u

/* Peripheral blocks (each behind the firewall). */
#define AZS_IOC_ADC_BASE       0x38000000u
#define AZS_IOC_GPIO_BASE      0x38010000u /* + N * 0x10000: GPIO/PWM block N */
#define AZS_IOC_GPIO_BLOCKS    6u
#define AZS_IOC_ISU_BASE       0x38070000u /* + N * 0x10000: ISU N */
#define AZS_IOC_ISU_BLOCKS     5u
#define AZS_IOC_BLOCK_STRIDE   0x10000u
#define AZS_IOC_BLOCK_REG_SIZE 0x100u /* registers modelled per block */

enum azs_ioc_region {
	AZS_IOC_UNMAPPED = 0,
	AZS_IOC_TCM,
	AZS_IOC_FLASH,
	AZS_IOC_SYSRAM,
	AZS_IOC_GPT,
	AZS_IOC_UART,
	AZS_IOC_MBOX,
	AZS_IOC_SCS,
	AZS_IOC_GPIO, /* a GPIO/PWM block */
	AZS_IOC_ISU,
	AZS_IOC_ADC,
	AZS_IOC_SHARED, /* the intercore shared buffers */
};

/* What an address is. For a peripheral block, fw_kind/fw_index name a
 * resource of the block (AZS_FW_KIND_*, as the firewall's query takes it). */
struct azs_ioc_target {
	enum azs_ioc_region region;
	uint32_t base;    /* the region's (block's) first address */
	uint32_t offset;  /* ADDR - base */
	uint32_t block;   /* GPIO/ISU block number */
	uint32_t fw_kind; /* 0 for memories and the core's own devices */
	uint32_t fw_index;
};

/* Decodes ADDR; an access of SIZE bytes must lie in one region (else
 * AZS_IOC_UNMAPPED). Returns the region. */
enum azs_ioc_region azs_ioc_decode(uint32_t addr, uint32_t size, struct azs_ioc_target *t);

/* "tcm", "gpio", ... for messages. */
const char *azs_ioc_region_name(enum azs_ioc_region r);

#endif
