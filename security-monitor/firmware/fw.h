/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* The Secure World firmware's internal interfaces. */
#ifndef AZS_FW_H
#define AZS_FW_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;

static inline u32 mmio_read32(u32 addr)
{
	return *(volatile u32 *)(uintptr_t)addr;
}

static inline void mmio_write32(u32 addr, u32 v)
{
	*(volatile u32 *)(uintptr_t)addr = v;
}

/* Registers of an SMC as saved by smc_entry: r0..r7 in, r0..r3 out. */
struct fw_smc_regs {
	u32 r[8];
};

void fw_smc_handle(struct fw_smc_regs *regs);
void fw_enter_normal_world(u32 entry, u32 dtb) __attribute__((noreturn));
void fw_main(void);
void fw_fatal(u32 from_monitor) __attribute__((noreturn));

/* Secure UART. */
void fw_puts(const char *s);
void fw_puthex(u32 v);
void fw_putdec(u32 v);

/* The generic timer's physical count (CNTPCT, PLAT_CNTFRQ ticks a second). */
static inline u64 fw_counter(void)
{
	u32 lo, hi;

	__asm__ volatile("isb\n\tmrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (u64)hi << 32 | lo;
}

/* Power controls (secure PL061): never return. */
void fw_system_off(void) __attribute__((noreturn));
void fw_system_reset(void) __attribute__((noreturn));

/* Boot bundle (fw_bundle.c): checks and loads it; NULL or why not. */
const char *fw_bundle_load(u32 *entry, u32 *dtb);

#endif /* AZS_FW_H */
