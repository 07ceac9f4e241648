/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The platform the Secure World firmware runs on: qemu's ARM "virt" board
 * with secure=on (one Cortex-A7, no EL2). Addresses from qemu 7.2's
 * hw/arm/virt.c memory map; the Secure-only regions are mapped in the
 * Secure address space only, so a Normal World access to them aborts.
 */
#ifndef AZS_FW_PLATFORM_H
#define AZS_FW_PLATFORM_H

/*
 * Secure-only flash (flash0, a -drive if=pflash file: qemu's CFI01 model,
 * two x16 chips on a 32-bit bus, 256 KiB erase sectors): the firmware, then
 * the boot bundle, and in the last 1 MiB the NV region (fw_nv.h), which
 * make-bios keeps when it rewrites the rest.
 */
#define PLAT_SECURE_FLASH_BASE	0x00000000u
#define PLAT_SECURE_FLASH_SIZE	0x04000000u
#define PLAT_BUNDLE_OFFSET	0x00100000u	/* firmware image is below */
#define PLAT_FLASH_SECTOR	0x00040000u
#define PLAT_NV_OFFSET		0x03f00000u
#define PLAT_NV_SIZE		0x00100000u

/* Secure-only RAM: the firmware's data, stacks and the monitor's state. */
#define PLAT_SECURE_RAM_BASE	0x0e000000u
#define PLAT_SECURE_RAM_SIZE	0x01000000u

/* Normal World RAM (device/run gives the device -m 512). */
#define PLAT_NS_RAM_BASE	0x40000000u
#define PLAT_NS_RAM_SIZE	0x20000000u

/* GICv2 (shared; the firmware hands every interrupt to Group 1). */
#define PLAT_GICD_BASE		0x08000000u
#define PLAT_GICC_BASE		0x08010000u

/* Secure-only PL011 UART (the second -serial) and PL061 power controls:
 * pin 0 is power off, pin 1 is reset (qemu's "gpio-pwr"). */
#define PLAT_SECURE_UART_BASE	0x09040000u
#define PLAT_SECURE_GPIO_BASE	0x090b0000u
#define PLAT_GPIO_PIN_RESET	1
#define PLAT_GPIO_PIN_POWEROFF	0

/* The generic timer's frequency (qemu's fixed 62.5 MHz counter). */
#define PLAT_CNTFRQ		62500000u

#endif /* AZS_FW_PLATFORM_H */
