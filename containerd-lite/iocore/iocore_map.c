// SPDX-License-Identifier: MIT
/* The emulated I/O core's memory map (see iocore_map.h). */
#include <string.h>

#include "iocore_map.h"

/* Same values as <azsphere/firewall.h>; spelled here so the map stays pure. */
#define FW_KIND_GPIO 1u
#define FW_KIND_UART 2u
#define FW_KIND_ADC  6u

static int within(uint32_t addr, uint32_t size, uint32_t base, uint32_t len)
{
	/* [addr, addr + size) inside [base, base + len), without overflow. */
	return size <= len && addr >= base && addr - base <= len - size;
}

enum azs_ioc_region azs_ioc_decode(uint32_t addr, uint32_t size, struct azs_ioc_target *t)
{
	static const struct {
		enum azs_ioc_region region;
		uint32_t base, len;
	} fixed[] = {
		{AZS_IOC_TCM, AZS_IOC_TCM_BASE, AZS_IOC_TCM_SIZE},
		{AZS_IOC_FLASH, AZS_IOC_FLASH_BASE, AZS_IOC_FLASH_SIZE},
		{AZS_IOC_SYSRAM, AZS_IOC_SYSRAM_BASE, AZS_IOC_SYSRAM_SIZE},
		{AZS_IOC_GPT, AZS_IOC_GPT_BASE, AZS_IOC_DEV_SIZE},
		{AZS_IOC_UART, AZS_IOC_UART_BASE, AZS_IOC_DEV_SIZE},
		{AZS_IOC_MBOX, AZS_IOC_MBOX_BASE, AZS_IOC_DEV_SIZE},
		{AZS_IOC_SCS, AZS_IOC_SCS_BASE, AZS_IOC_DEV_SIZE},
		{AZS_IOC_ADC, AZS_IOC_ADC_BASE, AZS_IOC_BLOCK_REG_SIZE},
		{AZS_IOC_SHARED, AZS_IOC_SHARED_BASE, AZS_IOC_SHARED_SIZE},
	};
	size_t i;

	memset(t, 0, sizeof(*t));
	if (size == 0)
		return AZS_IOC_UNMAPPED;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		if (within(addr, size, fixed[i].base, fixed[i].len)) {
			t->region = fixed[i].region;
			t->base = fixed[i].base;
			t->offset = addr - fixed[i].base;
			if (t->region == AZS_IOC_ADC) {
				t->fw_kind = FW_KIND_ADC;
				t->fw_index = 0;
			}
			return t->region;
		}
	}
	if (addr >= AZS_IOC_GPIO_BASE &&
	    addr - AZS_IOC_GPIO_BASE < AZS_IOC_GPIO_BLOCKS * AZS_IOC_BLOCK_STRIDE) {
		uint32_t n = (addr - AZS_IOC_GPIO_BASE) / AZS_IOC_BLOCK_STRIDE;
		uint32_t base = AZS_IOC_GPIO_BASE + n * AZS_IOC_BLOCK_STRIDE;

		if (!within(addr, size, base, AZS_IOC_BLOCK_REG_SIZE))
			return AZS_IOC_UNMAPPED;
		t->region = AZS_IOC_GPIO;
		t->base = base;
		t->offset = addr - base;
		t->block = n;
		t->fw_kind = FW_KIND_GPIO;
		t->fw_index = n * 4; /* the block's first pin */
		return t->region;
	}
	if (addr >= AZS_IOC_ISU_BASE &&
	    addr - AZS_IOC_ISU_BASE < AZS_IOC_ISU_BLOCKS * AZS_IOC_BLOCK_STRIDE) {
		uint32_t n = (addr - AZS_IOC_ISU_BASE) / AZS_IOC_BLOCK_STRIDE;
		uint32_t base = AZS_IOC_ISU_BASE + n * AZS_IOC_BLOCK_STRIDE;

		if (!within(addr, size, base, AZS_IOC_BLOCK_REG_SIZE))
			return AZS_IOC_UNMAPPED;
		t->region = AZS_IOC_ISU;
		t->base = base;
		t->offset = addr - base;
		t->block = n;
		t->fw_kind = FW_KIND_UART; /* the ISU block, whatever its role */
		t->fw_index = n;
		return t->region;
	}
	return AZS_IOC_UNMAPPED;
}

const char *azs_ioc_region_name(enum azs_ioc_region r)
{
	static const char *const names[] = {
		[AZS_IOC_UNMAPPED] = "unmapped", [AZS_IOC_TCM] = "tcm",
		[AZS_IOC_FLASH] = "flash",       [AZS_IOC_SYSRAM] = "sysram",
		[AZS_IOC_GPT] = "gpt",           [AZS_IOC_UART] = "debug-uart",
		[AZS_IOC_MBOX] = "mailbox",      [AZS_IOC_SCS] = "scs",
		[AZS_IOC_GPIO] = "gpio-block",   [AZS_IOC_ISU] = "isu",
		[AZS_IOC_ADC] = "adc",           [AZS_IOC_SHARED] = "shared-buffers",
	};

	if ((unsigned int)r >= sizeof(names) / sizeof(names[0]) || !names[r])
		return "?";
	return names[r];
}
