// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The Secure flash's write side: qemu's pflash_cfi01 (the Intel/Sharp
 * command set). Commands go to both x16 chips at once (the byte replicated
 * in each half of the 32-bit word):
 *   0x50 clear status   0x40 word program, then the data
 *   0x20 block erase, then 0xd0 confirm   0xff read array
 * after which a read returns the status register: bit 7 ready, bits 5/4/3/1
 * erase error, program error, voltage error, locked block.
 *
 * While the flash is out of read-array mode a fetch from it returns status,
 * not code, and the firmware executes in place from it: so the part that
 * runs between the first command and the return to read-array is in
 * .ramfunc, copied to Secure RAM at reset (fw.ld, start.S), calls nothing
 * and reads its data only from Secure RAM. One CPU and no Secure
 * interrupts: nothing else runs meanwhile.
 */
#include "fw_flash.h"
#include "platform.h"

#define CMD(c)		((u32)(c) * 0x00010001u)
#define SR_READY	CMD(0x80)
#define SR_ERRORS	CMD(0x20 | 0x10 | 0x08 | 0x02)
#define POLL_MAX	1000000u

#define OP_ERASE	1u
#define OP_PROGRAM	2u

/*
 * One operation outside read-array mode; back in read-array mode on
 * return. The status error bits seen (both chips), or ~0 for a timeout;
 * 0 is success.
 */
static u32 __attribute__((section(".ramfunc"), noinline, long_call))
cfi_op(u32 op, volatile u32 *f, const u32 *src, u32 words)
{
	u32 i, n, sr = 0, err = 0;

	*f = CMD(0x50);
	if (op == OP_ERASE) {
		*f = CMD(0x20);
		*f = CMD(0xd0);
		for (n = 0; n < POLL_MAX && ((sr = *f) & SR_READY) != SR_READY; n++)
			;
		err = n == POLL_MAX ? ~0u : sr & SR_ERRORS;
	} else {
		for (i = 0; i < words && !err; i++) {
			f[i] = CMD(0x40);
			f[i] = src[i];
			for (n = 0; n < POLL_MAX && ((sr = f[i]) & SR_READY) != SR_READY; n++)
				;
			err = n == POLL_MAX ? ~0u : sr & SR_ERRORS;
		}
	}
	if (err)
		*f = CMD(0x50);
	*f = CMD(0xff);
	return err;
}

static int in_nv_region(u32 addr, u32 n)
{
	return addr >= PLAT_NV_OFFSET && n <= PLAT_NV_SIZE &&
	       addr - PLAT_NV_OFFSET <= PLAT_NV_SIZE - n;
}

static int report(const char *what, u32 addr, u32 err)
{
	fw_puts("azs-secmon: flash: ");
	fw_puts(what);
	fw_puts(" at ");
	fw_puthex(addr);
	fw_puts(" failed, status error bits ");
	fw_puthex(err);
	fw_puts("\n");
	return -EIO;
}

/* Only the NV region is ever written: the firmware and the bundle are not. */
int fw_flash_erase(u32 addr)
{
	u32 err;

	if (!in_nv_region(addr, 1))
		return -EINVAL;
	addr &= ~(PLAT_FLASH_SECTOR - 1);
	err = cfi_op(OP_ERASE, (volatile u32 *)(uintptr_t)addr, NULL, 0);
	return err ? report("erase", addr, err) : 0;
}

int fw_flash_program(u32 addr, const void *src, u32 n)
{
	u32 err;

	if ((addr & 3) || (n & 3) || ((uintptr_t)src & 3) || !in_nv_region(addr, n))
		return -EINVAL;
	err = cfi_op(OP_PROGRAM, (volatile u32 *)(uintptr_t)addr, src, n / 4);
	if (err)
		return report("program", addr, err);
	if (memcmp((const void *)(uintptr_t)addr, src, n))
		return report("program (read back)", addr, 0);
	return 0;
}
