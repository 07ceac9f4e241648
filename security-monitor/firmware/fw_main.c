// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Secure World firmware for the ARMv7 device: from reset in Secure SVC it
 * prepares what a Non-secure Linux kernel needs, loads the boot bundle from
 * the Secure flash into Normal World RAM, judges its NV region (fw_nv.c)
 * and enters the kernel in
 * Non-secure SVC. Afterwards it runs only in Monitor mode, for SMCs
 * (fw_smc.c).
 */
#include "fw.h"
#include "fw_nv.h"
#include "platform.h"

#define GICD_CTLR	0x000
#define GICD_TYPER	0x004
#define GICD_IGROUPR(n)	(0x080 + 4 * (n))
#define GICC_CTLR	0x000
#define GICC_PMR	0x004

#define NSACR_CP10	(1u << 10)
#define NSACR_CP11	(1u << 11)
#define NSACR_NS_SMP	(1u << 18)

/*
 * Every interrupt to Group 1 (Non-secure): the firmware takes no
 * interrupts. The priority mask is opened to the Non-secure range, which
 * Linux then sets through its own (banked) view.
 */
static void gic_init_nonsecure(void)
{
	u32 lines = ((mmio_read32(PLAT_GICD_BASE + GICD_TYPER) & 0x1f) + 1) * 32;
	u32 i;

	for (i = 0; i < lines / 32; i++)
		mmio_write32(PLAT_GICD_BASE + GICD_IGROUPR(i), 0xffffffffu);
	mmio_write32(PLAT_GICD_BASE + GICD_CTLR, 0x3);
	mmio_write32(PLAT_GICC_BASE + GICC_PMR, 0xff);
	mmio_write32(PLAT_GICC_BASE + GICC_CTLR, 0x3);
}

static void cpu_init_nonsecure(void)
{
	u32 v;

	/* Normal World may use VFP/NEON (CP10/CP11) and set ACTLR.SMP. */
	__asm__ volatile("mrc p15, 0, %0, c1, c1, 2" : "=r"(v));
	v |= NSACR_CP10 | NSACR_CP11 | NSACR_NS_SMP;
	__asm__ volatile("mcr p15, 0, %0, c1, c1, 2" : : "r"(v));
	/* CNTFRQ is writable from Secure PL1 only. */
	v = PLAT_CNTFRQ;
	__asm__ volatile("mcr p15, 0, %0, c14, c0, 0" : : "r"(v));
	__asm__ volatile("isb");
}

void fw_main(void)
{
	u32 entry = 0, dtb = 0;
	const char *why;
	u64 t0;

	fw_puts("\nazs-secmon: Secure World firmware (ARMv7 TrustZone, monitor mode)\n");
	gic_init_nonsecure();
	cpu_init_nonsecure();
	t0 = fw_counter();
	why = fw_bundle_load(&entry, &dtb);
	if (why) {
		fw_puts("azs-secmon: boot chain: ");
		fw_puts(why);
		fw_puts("; not booting\n");
		fw_system_off();
	}
	fw_puts("azs-secmon: boot chain: bundle verified with the platform key (kernel, dtb, initramfs) in ");
	fw_putdec((u32)(fw_counter() - t0) / (PLAT_CNTFRQ / 1000));
	fw_puts(" ms\n");
	/* The flash-backed state, judged before Normal World runs. */
	fw_nv_load();
	fw_puts("azs-secmon: entering Normal World: kernel ");
	fw_puthex(entry);
	fw_puts(", dtb ");
	fw_puthex(dtb);
	fw_puts("\n");
	fw_enter_normal_world(entry, dtb);
}
