// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Normal World test program for the Secure World firmware: booted by it in
 * place of Linux (tests/host/secure_world_fw_test.sh), it calls the monitor
 * by SMC the way any Normal World code could, forged arguments included,
 * and probes the Secure-only memory. TAP on the Normal World UART, then
 * PSCI SYSTEM_OFF.
 *
 * The flash-backed calls are checked over several boots of one Secure
 * flash file; the host passes what a boot is for, and what it must find, in
 * a blob loaded as the "initramfs" (struct nw_blob; made by
 * tests/host/secure_world_fw_test.sh, signed into the bundle like any
 * initramfs).
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
#define NV_FACTORY 0x03f00000u	/* the firmware's NV region (fw_nv.h) */
#define NV_SLOT_A 0x03f40000u
#define NW_RAM_END 0x60000000u
#define BLOB 0x48000000u	/* make-bios's initramfs load address */

/* The host's blob (all fields little-endian; ARMv7 is too). */
#define BLOB_MAGIC 0x3154574eu	/* "NWT1" */
#define PHASE_FRESH 1		/* factory-fresh flash: every call */
#define PHASE_PERSIST 2		/* the same flash again: the state persisted */
#define PHASE_REFUSED 3		/* a record tampered with on the host */
#define PHASE_RECOVERED 4	/* a signed recovery record applied */
struct nw_blob {
	u32 magic, phase, mfg, caps;
	u32 seq_lo, seq_hi, ctr_lo, ctr_hi;
	u32 ncap, pad[7];
	u8 device_id[64];
	/* Capability files, 256 bytes each (PHASE_FRESH):
	 * 0 sequence 1, 1 sequence 2 (this device, capability key),
	 * 2 a bad signature, 3 another device's, 4 signed with the sdk key. */
	u8 capfile[5][256];
};

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

#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_SYSTEM_RESET2 0x84000012u
#define PSCI_FEATURES 0x8400000au
#define PSCI_CPU_ON 0x84000003u
#define PSCI_INVALID_PARAMS 0xfffffffeu
#define NOT_SUPPORTED ((u32)AZS_SMC_NOT_SUPPORTED)
#define INVALID ((u32)AZS_SMC_INVALID_PARAM)

static const struct nw_blob *blob = (const struct nw_blob *)BLOB;

/* The flash-backed state as Normal World sees it, and a model of it. */
struct nv_model {
	u32 mfg, caps;
	u64 seq, ctr;
};

static u64 u64_of(u32 lo, u32 hi)
{
	return (u64)hi << 32 | lo;
}

static int nv_read(struct nv_model *m)
{
	struct nw_smc a = call(AZS_SMC_MFG_GET, 0, 0, 0);
	struct nw_smc b = call(AZS_SMC_CAPS_GET, 0, 0, 0);
	struct nw_smc c = call(AZS_SMC_UPDATE_COUNTER_GET, 0, 0, 0);

	m->mfg = a.r[1];
	m->caps = b.r[1];
	m->seq = u64_of(b.r[2], b.r[3]);
	m->ctr = u64_of(c.r[1], c.r[2]);
	return a.r[0] == AZS_SMC_OK && b.r[0] == AZS_SMC_OK && c.r[0] == AZS_SMC_OK;
}

static int nv_is(u32 mfg, u32 caps, u64 seq, u64 ctr)
{
	struct nv_model m;

	return nv_read(&m) && m.mfg == mfg && m.caps == caps && m.seq == seq && m.ctr == ctr;
}

static int nv_is_blob(void)
{
	return nv_is(blob->mfg, blob->caps, u64_of(blob->seq_lo, blob->seq_hi),
		     u64_of(blob->ctr_lo, blob->ctr_hi));
}

static int device_id_is_blob(void)
{
	struct nw_smc c;
	u32 w, ok = 1;

	for (w = 0; w < 16; w++) {
		const u8 *p = blob->device_id + 4 * w;

		c = call(AZS_SMC_DEVICE_ID_READ, w, 0, 0);
		ok &= c.r[0] == AZS_SMC_OK &&
		      c.r[1] == (p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24);
	}
	return ok;
}

static void print_state(void)
{
	struct nv_model m;

	nv_read(&m);
	puts_("# nv-state ");
	putu(m.mfg);
	puts_(" ");
	putu(m.caps);
	puts_(" ");
	putu((u32)m.seq);
	puts_(" ");
	putu((u32)(m.seq >> 32));
	puts_(" ");
	putu((u32)m.ctr);
	puts_(" ");
	putu((u32)(m.ctr >> 32));
	puts_("\n");
}

/* CAPS_STORE of 256 bytes at pa (hi 0): status | reason << 16. */
static u32 store_at(u32 pa, u32 hi, u32 len)
{
	struct nw_smc c = call(AZS_SMC_CAPS_STORE, pa, hi, len);

	return (c.r[0] & 0xffff) | c.r[1] << 16;
}

#define STATUS(s, reason) (((u32)(s) & 0xffff) | (u32)(reason) << 16)

static u8 scratch[256] __attribute__((aligned(4)));

/* Every flash-backed call on a factory-fresh device (PHASE_FRESH). */
static void nv_fresh(void)
{
	u32 cf0 = (u32)(uintptr_t)blob->capfile[0], cf1 = (u32)(uintptr_t)blob->capfile[1];
	u32 bad = STATUS(INVALID, AZS_CAPFILE_BAD_LENGTH), i, ok;
	struct nw_smc c;

	check("PSCI_FEATURES: SYSTEM_RESET2 is there, CPU_ON is not",
	      call(PSCI_FEATURES, PSCI_SYSTEM_RESET2, 0, 0).r[0] == 0 &&
		      call(PSCI_FEATURES, PSCI_CPU_ON, 0, 0).r[0] == NOT_SUPPORTED);
	check("SYSTEM_RESET2 with a reserved or vendor reset type is INVALID_PARAMETERS (and the device runs on)",
	      call(PSCI_SYSTEM_RESET2, 1, 0, 0).r[0] == PSCI_INVALID_PARAMS &&
		      call(PSCI_SYSTEM_RESET2, 0x80000000u, 0, 0).r[0] == PSCI_INVALID_PARAMS &&
		      call(PSCI_SYSTEM_RESET2, 0xffffffffu, 7, 0).r[0] == PSCI_INVALID_PARAMS);
	check("CALL_COUNT is 18 and the NV region is served (GET_STATUS)",
	      call(AZS_SMC_CALL_COUNT, 0, 0, 0).r[0] == 18 &&
		      !(call(AZS_SMC_GET_STATUS, 0, 0, 0).r[1] & AZS_SECMON_STATUS_NV_REFUSED));
	check("a fresh device: Blank, no capabilities, sequence 0, counter 0", nv_is(0, 0, 0, 0));
	check("DEVICE_ID_READ gives the factory record's device ID", device_id_is_blob());
	check("DEVICE_ID_READ word 16 is INVALID_PARAM",
	      call(AZS_SMC_DEVICE_ID_READ, 16, 0, 0).r[0] == INVALID);
	check("MFG_SET Blank or 3 is INVALID_PARAM",
	      call(AZS_SMC_MFG_SET, 0, 0, 0).r[0] == INVALID &&
		      call(AZS_SMC_MFG_SET, 3, 0, 0).r[0] == INVALID);
	check("MFG_SET Module1Complete, again (no-op), then DeviceComplete: OK",
	      call(AZS_SMC_MFG_SET, 1, 0, 0).r[0] == AZS_SMC_OK &&
		      call(AZS_SMC_MFG_GET, 0, 0, 0).r[1] == 1 &&
		      call(AZS_SMC_MFG_SET, 1, 0, 0).r[0] == AZS_SMC_OK &&
		      call(AZS_SMC_MFG_SET, 2, 0, 0).r[0] == AZS_SMC_OK);
	check("the manufacturing state is one-way: back to Module1Complete is DENIED",
	      call(AZS_SMC_MFG_SET, 1, 0, 0).r[0] == (u32)AZS_SMC_DENIED &&
		      call(AZS_SMC_MFG_GET, 0, 0, 0).r[1] == 2);
	check("UPDATE_COUNTER_ADVANCE to 5: OK; to 4: REPLAYED; to 5 again: OK; still 5",
	      call(AZS_SMC_UPDATE_COUNTER_ADVANCE, 5, 0, 0).r[0] == AZS_SMC_OK &&
		      call(AZS_SMC_UPDATE_COUNTER_ADVANCE, 4, 0, 0).r[0] == (u32)AZS_SMC_REPLAYED &&
		      call(AZS_SMC_UPDATE_COUNTER_ADVANCE, 5, 0, 0).r[0] == AZS_SMC_OK &&
		      nv_is(2, 0, 0, 5));
	check("the counter's high word counts: 2^32 OK, then 2^32 - 1 REPLAYED",
	      call(AZS_SMC_UPDATE_COUNTER_ADVANCE, 0, 1, 0).r[0] == AZS_SMC_OK &&
		      call(AZS_SMC_UPDATE_COUNTER_ADVANCE, 0xffffffffu, 0, 0).r[0] ==
			      (u32)AZS_SMC_REPLAYED &&
		      nv_is(2, 0, 0, u64_of(0, 1)));
	/* Shared buffers: only Normal World RAM, whole, at most 256 bytes. */
	check("CAPS_STORE from the Normal World flash is INVALID_PARAM/BAD_LENGTH",
	      store_at(NW_FLASH, 0, 256) == bad);
	check("CAPS_STORE from Secure RAM is INVALID_PARAM/BAD_LENGTH",
	      store_at(SECURE_RAM, 0, 256) == bad && store_at(SECURE_RAM + 0x1000, 0, 256) == bad);
	check("CAPS_STORE from the Secure flash (its NV region) is INVALID_PARAM/BAD_LENGTH",
	      store_at(SECURE_FLASH, 0, 256) == bad && store_at(NV_SLOT_A, 0, 256) == bad);
	check("CAPS_STORE of a range that wraps around is INVALID_PARAM/BAD_LENGTH",
	      store_at(0xffffff80u, 0xffffffffu, 256) == bad);
	check("CAPS_STORE of a range past the end of Normal World RAM is INVALID_PARAM/BAD_LENGTH",
	      store_at(NW_RAM_END - 128, 0, 256) == bad && store_at(cf0, 1, 256) == bad);
	check("CAPS_STORE of 0 or 257 bytes is INVALID_PARAM/BAD_LENGTH",
	      store_at(cf0, 0, 0) == bad && store_at(cf0, 0, 257) == bad);
	check("a capability file with a bad signature is REJECTED/BAD_SIGNATURE",
	      store_at((u32)(uintptr_t)blob->capfile[2], 0, 256) ==
		      STATUS(AZS_SMC_REJECTED, AZS_CAPFILE_BAD_SIGNATURE));
	check("a capability file for another device is WRONG_DEVICE",
	      store_at((u32)(uintptr_t)blob->capfile[3], 0, 256) ==
		      STATUS(AZS_SMC_WRONG_DEVICE, AZS_CAPFILE_WRONG_DEVICE));
	check("a capability file signed with another root-of-trust key (sdk) is REJECTED/UNKNOWN_SIGNER",
	      store_at((u32)(uintptr_t)blob->capfile[4], 0, 256) ==
		      STATUS(AZS_SMC_REJECTED, AZS_CAPFILE_UNKNOWN_SIGNER));
	for (i = 0; i < 256; i++)
		scratch[i] = blob->capfile[0][i];
	scratch[0] ^= 1;
	check("a capability file with a wrong magic is INVALID_PARAM/BAD_MAGIC",
	      store_at((u32)(uintptr_t)scratch, 0, 256) ==
		      STATUS(INVALID, AZS_CAPFILE_BAD_MAGIC));
	check("nothing refused was stored", nv_is(2, 0, 0, u64_of(0, 1)));
	check("capability file 1 is accepted: capability 11, sequence 1",
	      store_at(cf0, 0, 256) == STATUS(AZS_SMC_OK, AZS_CAPFILE_OK) &&
		      nv_is(2, 1u << 11, 1, u64_of(0, 1)));
	check("storing it again is REPLAYED",
	      store_at(cf0, 0, 256) == STATUS(AZS_SMC_REPLAYED, AZS_CAPFILE_REPLAYED));
	c = call(AZS_SMC_CAPS_CLEAR, 0, 0, 0);
	ok = c.r[0] == AZS_SMC_OK && nv_is(2, 0, 1, u64_of(0, 1));
	check("CAPS_CLEAR clears the capabilities and keeps the sequence; the file stays REPLAYED",
	      ok && store_at(cf0, 0, 256) == STATUS(AZS_SMC_REPLAYED, AZS_CAPFILE_REPLAYED));
	check("capability file 2 is accepted: capabilities 3 and 13, sequence 2",
	      store_at(cf1, 0, 256) == STATUS(AZS_SMC_OK, AZS_CAPFILE_OK) &&
		      nv_is(2, 1u << 3 | 1u << 13, 2, u64_of(0, 1)));
	(void)nw_peek(NW_FLASH);
	i = nw_aborts;
	(void)nw_peek(NV_FACTORY);
	(void)nw_peek(NV_SLOT_A);
	nw_poke(NV_SLOT_A, 0);
	nw_poke(NV_FACTORY + 16, 0);
	check("Normal World reads and writes of the NV region (factory record, slot A) abort",
	      nw_aborts == i + 4 && nv_is(2, 1u << 3 | 1u << 13, 2, u64_of(0, 1)) &&
		      device_id_is_blob());
}

/*
 * One random call's answer against the model of the flash-backed state
 * (the state itself may change only as the rules say); 1 if as expected.
 */
static int nv_fuzz_one(struct nv_model *m, const struct nw_smc *in, const struct nw_smc *out)
{
	u32 fid = in->r[0], st = out->r[0];
	u64 v;

	switch (fid) {
	case AZS_SMC_MFG_SET:
		if (in->r[1] != 1 && in->r[1] != 2)
			return st == INVALID;
		if (in->r[1] < m->mfg)
			return st == (u32)AZS_SMC_DENIED;
		if (st == AZS_SMC_OK)
			m->mfg = in->r[1];
		return st == AZS_SMC_OK;
	case AZS_SMC_DEVICE_ID_READ:
		return in->r[1] < 16 ? st == AZS_SMC_OK : st == INVALID;
	case AZS_SMC_CAPS_STORE:
		return st != AZS_SMC_OK; /* random bytes are never a signed file */
	case AZS_SMC_CAPS_CLEAR:
		m->caps = 0;
		return st == AZS_SMC_OK;
	case AZS_SMC_UPDATE_COUNTER_ADVANCE:
		v = u64_of(in->r[1], in->r[2]);
		if (v < m->ctr)
			return st == (u32)AZS_SMC_REPLAYED;
		m->ctr = v;
		return st == AZS_SMC_OK;
	case AZS_SMC_MFG_GET:
	case AZS_SMC_CAPS_GET:
	case AZS_SMC_UPDATE_COUNTER_GET:
		return st == AZS_SMC_OK;
	default:
		return 1;
	}
}

static void firewall_and_fuzz(void)
{
	u32 block = AZS_INV_NUM_BLOCKS, fn = 0, b, f, before, seed = 0x2545f491u;
	u32 aborts, i, fid, gen, nv_calls = 0, nv_bad = 0;
	struct nv_model m;
	struct nw_smc c, in;

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
	      call(AZS_SMC_FW_SET_BLOCK, AZS_INV_NUM_BLOCKS, AZS_FW_CORE_HL, fn).r[0] == INVALID);
	check("FW_LOCK is OK and GET_STATUS says locked",
	      call(AZS_SMC_FW_LOCK, 0, 0, 0).r[0] == AZS_SMC_OK &&
		      (call(AZS_SMC_GET_STATUS, 0, 0, 0).r[1] & AZS_SECMON_STATUS_LOCKED));
	before = regs_digest();
	check("after LOCK, releasing the block is DENIED",
	      call(AZS_SMC_FW_SET_BLOCK, block, AZS_FW_CORE_NONE, AZS_FW_KIND_NONE).r[0] ==
		      (u32)AZS_SMC_DENIED);
	/* Forged calls: random function ids (any owner, both conventions) and
	 * arguments; the power calls are left out, they end the run. Every
	 * answer of a flash-backed call is checked against the model. */
	nv_read(&m);
	for (i = 0; i < 3000; i++) {
		fid = xorshift(&seed);
		if (i & 1)
			fid = AZS_SMC_FN(fid & 0xff);	/* dense in the SiP range */
		else if (i % 4 == 2)
			fid = AZS_SMC_FN(0x10 + (fid & 7)); /* the flash-backed calls */
		if (fid == PSCI_SYSTEM_OFF || fid == PSCI_SYSTEM_RESET ||
		    fid == PSCI_SYSTEM_RESET2)
			continue;
		c.r[0] = fid;
		for (b = 1; b < 8; b++)
			c.r[b] = xorshift(&seed) % 4 ? xorshift(&seed) % 64 : xorshift(&seed);
		in = c;
		nw_smc(&c);
		if (fid >= AZS_SMC_MFG_GET && fid <= AZS_SMC_UPDATE_COUNTER_ADVANCE) {
			nv_calls++;
			nv_bad += !nv_fuzz_one(&m, &in, &c);
		}
	}
	check("3000 forged SMCs after LOCK leave every register and the latch as they were",
	      regs_digest() == before);
	check("... and every flash-backed call among them answered as the rules say",
	      nv_calls > 700 && nv_bad == 0);
	check("... and the flash-backed state is what those rules allow, the device ID unchanged",
	      nv_is(m.mfg, m.caps, m.seq, m.ctr) && device_id_is_blob());
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
		      call(AZS_SMC_UID, 0, 0, 0).r[0] == AZS_SECMON_UID_0 &&
		      nv_is(m.mfg, m.caps, m.seq, m.ctr));
}

static void basics(void)
{
	u32 b;
	struct nw_smc c;

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
	      call(AZS_SMC_FN(0x7777), 1, 2, 3).r[0] == NOT_SUPPORTED);
	check("ROT_KEY_COUNT is the number of compiled-in keys",
	      call(AZS_SMC_ROT_KEY_COUNT, 0, 0, 0).r[1] ==
		      sizeof(secmon_rot_keys) / sizeof(secmon_rot_keys[0]));
	{
		u32 f = 1;

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
	}
	check("a key slot or word out of range is INVALID_PARAM",
	      call(AZS_SMC_ROT_KEY_INFO, 99, 0, 0).r[0] == INVALID &&
		      call(AZS_SMC_ROT_KEY_READ, 0, 17, 0).r[0] == INVALID);
}

/* Results each phase produces (its TAP plan). */
#define N_BASICS 8
#define N_FRESH 27
#define N_FIREWALL 13
#define N_PERSIST 4
#define N_REFUSED 4
#define N_RECOVERED 3

static void plan(u32 n)
{
	puts_("TAP version 13\n1..");
	putu(n);
	puts_("\n");
}

void nw_main(void)
{
	u32 phase = blob->magic == BLOB_MAGIC ? blob->phase : 0, i, ok;
	u64 ctr;
	struct nw_smc c;

	switch (phase) {
	case PHASE_FRESH:
		plan(N_BASICS + N_FRESH + N_FIREWALL);
		basics();
		nv_fresh();
		firewall_and_fuzz();
		break;
	case PHASE_PERSIST:
		plan(N_PERSIST);
		check("after a new boot of the same flash: the device ID is the same",
		      device_id_is_blob());
		check("... and the manufacturing state, capabilities, sequence and counter are those of the last boot",
		      nv_is_blob());
		ctr = u64_of(blob->ctr_lo, blob->ctr_hi);
		check("the counter still refuses to go back (REPLAYED)",
		      ctr == 0 || call(AZS_SMC_UPDATE_COUNTER_ADVANCE, (u32)(ctr - 1),
				       (u32)((ctr - 1) >> 32), 0).r[0] == (u32)AZS_SMC_REPLAYED);
		ctr = ctr == ~0ull ? ctr : ctr + 1;
		check("and advances by one (OK)",
		      call(AZS_SMC_UPDATE_COUNTER_ADVANCE, (u32)ctr, (u32)(ctr >> 32), 0).r[0] ==
				      AZS_SMC_OK &&
			      nv_is(blob->mfg, blob->caps, u64_of(blob->seq_lo, blob->seq_hi), ctr));
		break;
	case PHASE_REFUSED:
		plan(N_REFUSED);
		check("GET_STATUS says the NV region is refused",
		      (call(AZS_SMC_GET_STATUS, 0, 0, 0).r[1] & AZS_SECMON_STATUS_NV_REFUSED) != 0);
		for (ok = 1, i = 0x10; i <= 0x17; i++)
			ok &= call(AZS_SMC_FN(i), i == 0x11 ? 2 : 1, 0, 0).r[0] ==
			      (u32)AZS_SMC_IO_ERROR;
		check("every flash-backed call (0x10..0x17) answers IO_ERROR", ok);
		c = call(AZS_SMC_FW_GET_BLOCK, 0, 0, 0);
		check("the firewall registers and the keys are still served",
		      c.r[0] == AZS_SMC_OK && call(AZS_SMC_ROT_KEY_COUNT, 0, 0, 0).r[0] == AZS_SMC_OK);
		check("the manufacturing state can't be set either (no write, no reset)",
		      call(AZS_SMC_MFG_SET, 1, 0, 0).r[0] == (u32)AZS_SMC_IO_ERROR);
		break;
	case PHASE_RECOVERED:
		plan(N_RECOVERED);
		check("the NV region is served again (GET_STATUS)",
		      !(call(AZS_SMC_GET_STATUS, 0, 0, 0).r[1] & AZS_SECMON_STATUS_NV_REFUSED));
		check("with the recovery record's device ID, state, capabilities and counter",
		      device_id_is_blob() && nv_is_blob());
		ctr = u64_of(blob->ctr_lo, blob->ctr_hi);
		check("and its counter refuses to go back",
		      call(AZS_SMC_UPDATE_COUNTER_ADVANCE, (u32)(ctr - 1), (u32)((ctr - 1) >> 32), 0)
				      .r[0] == (u32)AZS_SMC_REPLAYED);
		break;
	default:
		plan(1);
		check("the host's blob (NWT1) is at 0x48000000", 0);
		break;
	}
	print_state();
	puts_("# nwtest: done\n");
	call(PSCI_SYSTEM_OFF, 0, 0, 0);
	puts_("# nwtest: SYSTEM_OFF returned\n");
}
