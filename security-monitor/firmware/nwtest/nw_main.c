// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Normal World test program for the Secure World firmware: booted by it in
 * place of Linux (tests/host/secure_world_fw_test.sh), it calls the monitor
 * by SMC the way any Normal World code could, forged arguments included,
 * and probes the Secure-only memory. TAP on the Normal World UART, then
 * PSCI SYSTEM_OFF.
 */
#include <stdint.h>

#include "azs_inventory.h"
#include "azs_secmon_smc.h"
#include "fw_verify.h" /* struct secmon_rot_key */
#include "rot_keys.h"  /* the table the firmware was built with */

#define NW_UART 0x09000000u
#define NW_FLASH 0x04000000u
#define SECURE_FLASH 0x00000000u
#define SECURE_RAM 0x0e000000u

struct nw_smc {
	u32 r[8];
};

u32 nw_smc(struct nw_smc *c);
u32 nw_peek(u32 addr);
void nw_poke(u32 addr, u32 v);
void nw_main(void);
volatile u32 nw_aborts;

static void putc_(char c)
{
	while (*(volatile u32 *)(NW_UART + 0x18) & (1u << 5))
		;
	*(volatile u32 *)NW_UART = (u8)c;
}

static void puts_(const char *s)
{
	for (; *s; s++)
		putc_(*s);
}

static void putu(u32 v)
{
	char buf[11];
	int i = 10;

	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	puts_(buf + i);
}

static int tap_n;

static void check(const char *desc, int ok)
{
	tap_n++;
	puts_(ok ? "ok " : "not ok ");
	putu((u32)tap_n);
	puts_(" ");
	puts_(desc);
	puts_("\n");
}

static struct nw_smc call(u32 fid, u32 a1, u32 a2, u32 a3)
{
	struct nw_smc c = { { fid, a1, a2, a3, 0, 0, 0, 0 } };

	nw_smc(&c);
	return c;
}

/* The firewall registers as Normal World can see them. */
static u32 regs_digest(void)
{
	u32 h = 2166136261u, b;
	struct nw_smc c;

	for (b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		c = call(AZS_SMC_FW_GET_BLOCK, b, 0, 0);
		h = (h ^ c.r[0]) * 16777619u;
		h = (h ^ c.r[1]) * 16777619u;
		h = (h ^ c.r[2]) * 16777619u;
	}
	c = call(AZS_SMC_GET_STATUS, 0, 0, 0);
	h = (h ^ c.r[1]) * 16777619u;
	return (h ^ c.r[3]) * 16777619u;
}

static u32 xorshift(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

#define NTESTS 19
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

void nw_main(void)
{
	u32 block = AZS_INV_NUM_BLOCKS, fn = 0, b, f, before, seed = 0x2545f491u;
	u32 aborts, i, fid, gen;
	struct nw_smc c;

	puts_("TAP version 13\n1..");
	putu(NTESTS);
	puts_("\n");
	check("SMCCC_VERSION is 1.1", call(0x80000000u, 0, 0, 0).r[0] == 0x10001);
	check("PSCI_VERSION is 1.1", call(0x84000000u, 0, 0, 0).r[0] == 0x10001);
	c = call(AZS_SMC_UID, 0, 0, 0);
	check("SiP UID is the security monitor's",
	      c.r[0] == AZS_SECMON_UID_0 && c.r[1] == AZS_SECMON_UID_1 &&
		      c.r[2] == AZS_SECMON_UID_2 && c.r[3] == AZS_SECMON_UID_3);
	c = call(AZS_SMC_REVISION, 0, 0, 0);
	check("SiP revision is 1.1 (serves the flash-backed calls)",
	      c.r[0] == AZS_SECMON_REV_MAJOR && c.r[1] == AZS_SECMON_REV_MINOR_NV);
	check("an unknown SiP call is NOT_SUPPORTED",
	      call(AZS_SMC_FN(0x7777), 1, 2, 3).r[0] == (u32)AZS_SMC_NOT_SUPPORTED);

	check("ROT_KEY_COUNT is the number of compiled-in keys",
	      call(AZS_SMC_ROT_KEY_COUNT, 0, 0, 0).r[1] ==
		      sizeof(secmon_rot_keys) / sizeof(secmon_rot_keys[0]));
	f = 1;
	for (b = 0; b < sizeof(secmon_rot_keys) / sizeof(secmon_rot_keys[0]); b++) {
		const struct secmon_rot_key *k = &secmon_rot_keys[b];
		u32 w, j, v;

		c = call(AZS_SMC_ROT_KEY_INFO, b, 0, 0);
		f &= c.r[0] == AZS_SMC_OK && c.r[1] == k->role &&
		     c.r[2] == (k->id[0] | k->id[1] << 8 | k->id[2] << 16 | (u32)k->id[3] << 24) &&
		     c.r[3] == (k->id[4] | k->id[5] << 8 | k->id[6] << 16 | (u32)k->id[7] << 24);
		for (w = 0; w < 17; w++) {
			for (v = 0, j = 0; j < 4 && 4 * w + j < 65; j++)
				v |= (u32)k->pub[4 * w + j] << (8 * j);
			c = call(AZS_SMC_ROT_KEY_READ, b, w, 0);
			f &= c.r[0] == AZS_SMC_OK && c.r[1] == v;
		}
	}
	check("ROT_KEY_INFO/READ give every key's role, id and point", f);
	check("a key slot or word out of range is INVALID_PARAM",
	      call(AZS_SMC_ROT_KEY_INFO, 99, 0, 0).r[0] == (u32)AZS_SMC_INVALID_PARAM &&
		      call(AZS_SMC_ROT_KEY_READ, 0, 17, 0).r[0] == (u32)AZS_SMC_INVALID_PARAM);
	block = AZS_INV_NUM_BLOCKS;
	for (b = 0; b < AZS_INV_NUM_BLOCKS && block == AZS_INV_NUM_BLOCKS; b++)
		for (f = 1; f <= AZS_FW_KIND_MAX; f++)
			if ((azs_inv_blocks[b].functions & AZS_INV_FN(f)) &&
			    (azs_inv_function_cores[f] & AZS_INV_CORE(AZS_FW_CORE_HL))) {
				block = b;
				fn = f;
				break;
			}
	gen = call(AZS_SMC_GET_STATUS, 0, 0, 0).r[3];
	check("assigning a block to the high-level core is OK",
	      call(AZS_SMC_FW_SET_BLOCK, block, AZS_FW_CORE_HL, fn).r[0] == AZS_SMC_OK);
	c = call(AZS_SMC_FW_GET_BLOCK, block, 0, 0);
	check("the block reads back, the generation counted the write",
	      c.r[0] == AZS_SMC_OK && c.r[1] == AZS_FW_CORE_HL && c.r[2] == fn &&
		      call(AZS_SMC_GET_STATUS, 0, 0, 0).r[3] == gen + 1);
	check("a block past the inventory is INVALID_PARAM",
	      call(AZS_SMC_FW_SET_BLOCK, AZS_INV_NUM_BLOCKS, AZS_FW_CORE_HL, fn).r[0] ==
		      (u32)AZS_SMC_INVALID_PARAM);
	check("FW_LOCK is OK and GET_STATUS says locked",
	      call(AZS_SMC_FW_LOCK, 0, 0, 0).r[0] == AZS_SMC_OK &&
		      (call(AZS_SMC_GET_STATUS, 0, 0, 0).r[1] & AZS_SECMON_STATUS_LOCKED));
	before = regs_digest();
	check("after LOCK, releasing the block is DENIED",
	      call(AZS_SMC_FW_SET_BLOCK, block, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE).r[0] ==
		      (u32)AZS_SMC_DENIED);
	/* Forged calls: random function ids (any owner, both conventions) and
	 * arguments; the power calls are left out, they end the run. */
	for (i = 0; i < 3000; i++) {
		fid = xorshift(&seed);
		if (i & 1)
			fid = AZS_SMC_FN(fid & 0xff);	/* dense in the SiP range */
		if (fid == PSCI_SYSTEM_OFF || fid == PSCI_SYSTEM_RESET)
			continue;
		c.r[0] = fid;
		for (b = 1; b < 8; b++)
			c.r[b] = xorshift(&seed) % 4 ? xorshift(&seed) % 64 : xorshift(&seed);
		nw_smc(&c);
	}
	check("3000 forged SMCs after LOCK leave every register and the latch as they were",
	      regs_digest() == before);
	aborts = nw_aborts;
	(void)nw_peek(NW_FLASH);
	check("control: a Normal World flash read does not abort", nw_aborts == aborts);
	(void)nw_peek(SECURE_FLASH);
	check("a read of the Secure flash aborts", nw_aborts == aborts + 1);
	(void)nw_peek(SECURE_RAM);
	check("a read of the Secure RAM aborts", nw_aborts == aborts + 2);
	for (i = 0; i < 0x1000; i += 4)
		nw_poke(SECURE_RAM + i, 0);
	check("writes over the first 4 KiB of Secure RAM all abort", nw_aborts == aborts + 2 + 0x400);
	check("the monitor's state survived them",
	      regs_digest() == before &&
		      call(AZS_SMC_UID, 0, 0, 0).r[0] == AZS_SECMON_UID_0);
	puts_("# nwtest: done\n");
	call(PSCI_SYSTEM_OFF, 0, 0, 0);
	puts_("# nwtest: SYSTEM_OFF returned\n");
}
