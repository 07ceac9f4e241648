// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The flash-backed security state in Secure World (fw_nv.h for the layout):
 * the stand-in's record format and verdicts (core/nv_record.c, compiled
 * unchanged), two slots + generation, each record authenticated with an
 * HMAC keyed from the device-unique secret in the factory record, which
 * only Secure World can read.
 *
 * At boot: the factory record must be intact (else nothing is served: no
 * secret, no MAC). Each slot's 8 KiB is copied into Secure RAM once and
 * judged there: erased, valid (a record that decodes, its MAC verifies, the
 * rest erased) or corrupt. A valid slot is in force (the newer if both);
 * both erased is a new device, provisioned with the factory's device ID,
 * unless the provisioned word says a record was written before (then the
 * slots were erased behind the firmware's back: corrupt). Anything else is
 * corrupt: the firmware refuses the flash-backed calls and writes nothing,
 * unless the mailbox holds a recovery record signed with the platform key
 * for exactly this region. It never starts over on its own.
 */
#include "bytes.h"
#include "crc32.h"
#include "fw_flash.h"
#include "fw_nv.h"
#include "fw_verify.h"
#include "mfg_state.h"

static struct {
	int ready;		/* the record is in force and served */
	struct azs_nv_state s;
	int slot;		/* slot holding it, -1 before the first */
	u32 gen;
	u8 mac_key[32];
} nv = { .slot = -1 };

/* Each slot's 8 KiB and the mailbox, copied from flash once. */
static u8 area[AZS_NV_NUM_SLOTS][FW_NV_SLOT_AREA] __attribute__((aligned(4)));
static u8 mailbox[AZS_NV_RECOVERY_SIZE] __attribute__((aligned(4)));
static u8 factory[FW_NV_FACTORY_SIZE] __attribute__((aligned(4)));
/* What gets programmed: Secure RAM, never flash (fw_flash.h). */
static u8 rec[AZS_NV_SLOT_SIZE] __attribute__((aligned(4)));
static u8 mac[FW_NV_MAC_SIZE] __attribute__((aligned(4)));
static u32 word __attribute__((aligned(4)));

static void flash_read(u32 addr, void *dst, u32 n)
{
	memcpy(dst, (const void *)(uintptr_t)addr, n);
}

static void puthexbytes(const u8 *p, u32 n)
{
	static const char digits[] = "0123456789abcdef";
	char c[3] = { 0, 0, 0 };
	u32 i;

	for (i = 0; i < n; i++) {
		c[0] = digits[p[i] >> 4];
		c[1] = digits[p[i] & 15];
		fw_puts(c);
	}
}

static void put_u64(u64 v)
{
	u8 be[8];
	int i;

	/* No 64-bit division helpers: hex above 32 bits. */
	if (!(v >> 32)) {
		fw_putdec((u32)v);
		return;
	}
	for (i = 0; i < 8; i++)
		be[i] = (u8)(v >> (56 - 8 * i));
	fw_puts("0x");
	puthexbytes(be, 8);
}

/* The MAC of a 512-byte record in a slot (fw_nv.h). */
static int record_mac(u32 slot, const u8 *record, u8 out[FW_NV_MAC_SIZE])
{
	static u8 msg[4 + AZS_NV_SLOT_SIZE];

	azs_put_le32(msg, slot);
	memcpy(msg + 4, record, AZS_NV_SLOT_SIZE);
	return fw_hmac_sha256(nv.mac_key, sizeof(nv.mac_key), msg, sizeof(msg), out);
}

static int equal_ct(const u8 *a, const u8 *b, u32 n)
{
	u8 d = 0;
	u32 i;

	for (i = 0; i < n; i++)
		d |= a[i] ^ b[i];
	return d == 0;
}

/* Classify slot i's copied 8 KiB (AZS_NV_SLOT_*). */
static int classify(u32 i, struct azs_nv_state *s, u32 *gen)
{
	const u8 *a = area[i];
	u8 want[FW_NV_MAC_SIZE];
	int kind = azs_nv_classify(a, s, gen);

	if (kind == AZS_NV_SLOT_ERASED)
		return azs_nv_erased(a + FW_NV_MAC_OFFSET, FW_NV_SLOT_AREA - FW_NV_MAC_OFFSET) ?
			       kind : AZS_NV_SLOT_CORRUPT;
	if (kind != AZS_NV_SLOT_VALID)
		return kind;
	if (record_mac(i, a, want) ||
	    !equal_ct(want, a + FW_NV_MAC_OFFSET, FW_NV_MAC_SIZE) ||
	    !azs_nv_erased(a + FW_NV_MAC_OFFSET + FW_NV_MAC_SIZE,
			   FW_NV_SLOT_AREA - FW_NV_MAC_OFFSET - FW_NV_MAC_SIZE))
		return AZS_NV_SLOT_CORRUPT;
	return kind;
}

/* Erase slot i's sector and program record + MAC there. */
static int write_slot(u32 i, const struct azs_nv_state *s, u32 gen)
{
	int ret;

	azs_nv_encode(s, gen, rec);
	if (record_mac(i, rec, mac))
		return -EIO;
	ret = fw_flash_erase(FW_NV_SLOT(i));
	if (!ret)
		ret = fw_flash_program(FW_NV_SLOT(i), rec, sizeof(rec));
	if (!ret)
		ret = fw_flash_program(FW_NV_SLOT(i) + FW_NV_MAC_OFFSET, mac, sizeof(mac));
	return ret;
}

/* Program the provisioned word once (it is never erased). */
static int mark_provisioned(void)
{
	u32 v;

	flash_read(FW_NV_FACTORY + FW_NV_MARKER_OFFSET, &v, 4);
	if (v == FW_NV_PROVISIONED)
		return 0;
	word = FW_NV_PROVISIONED;
	return fw_flash_program(FW_NV_FACTORY + FW_NV_MARKER_OFFSET, &word, 4);
}

int fw_nv_commit(const struct azs_nv_state *next)
{
	u32 slot = nv.slot < 0 ? 0 : !nv.slot;
	int ret = write_slot(slot, next, nv.gen + 1);

	if (ret) {
		/* The other slot still holds the record in force. */
		fw_puts("azs-secmon: NV: record write failed; the previous record stays in force\n");
		return -EIO;
	}
	/*
	 * The older record goes: a torn write before this point leaves it in
	 * force, and after it only the newest record is on flash, so putting
	 * an old slot back needs a copy of the whole region (fw_nv.h).
	 */
	if (nv.slot >= 0 && fw_flash_erase(FW_NV_SLOT(nv.slot)))
		fw_puts("azs-secmon: NV: erasing the older record failed (the newer one is in force)\n");
	nv.slot = (int)slot;
	nv.gen++;
	nv.s = *next;
	return 0;
}

const struct azs_nv_state *fw_nv_state(void)
{
	return nv.ready ? &nv.s : NULL;
}

static int factory_load(void)
{
	flash_read(FW_NV_FACTORY, factory, sizeof(factory));
	if (azs_get_le32(factory) != FW_NV_FACTORY_MAGIC ||
	    azs_get_le32(factory + 4) != 1 ||
	    azs_get_le32(factory + 8) != FW_NV_FACTORY_SIZE ||
	    azs_get_le32(factory + 12) != 0 ||
	    !azs_all_zero(factory + 112, 12) ||
	    azs_get_le32(factory + 124) != azs_crc32(factory, 124))
		return -EINVAL;
	return fw_hmac_sha256(factory + 16, FW_NV_SECRET_SIZE,
			      (const u8 *)FW_NV_MAC_LABEL, sizeof(FW_NV_MAC_LABEL) - 1,
			      nv.mac_key);
}

static void refuse_corrupt(const char *a, const char *b, const char *why,
			   const u8 digest[32])
{
	fw_puts("azs-secmon: NV: FATAL: the secure flash record is corrupt (slot A ");
	fw_puts(a);
	fw_puts(", slot B ");
	fw_puts(b);
	fw_puts(")");
	if (why) {
		fw_puts(" and the recovery record is refused: ");
		fw_puts(why);
	}
	fw_puts(": refusing to serve; device identity and anti-rollback counter are kept, not reset\n");
	fw_puts("azs-secmon: NV: recovery needs a recovery record signed with the platform key for region digest ");
	puthexbytes(digest, 32);
	fw_puts("\n");
}

static void announce(const char *what)
{
	fw_puts("azs-secmon: NV: ");
	fw_puts(what);
	fw_puts(": device ");
	puthexbytes(nv.s.device_id, 8);
	fw_puts("..., ");
	fw_puts(azs_mfg_state_name(nv.s.mfg_state));
	fw_puts(", capability sequence ");
	put_u64(nv.s.caps_sequence);
	fw_puts(", update counter ");
	put_u64(nv.s.update_counter);
	fw_puts(", generation ");
	fw_putdec(nv.gen);
	fw_puts("\n");
}

/*
 * The record is corrupt: apply a signed recovery record meant for exactly
 * this region (the digest of both slots' 8 KiB), or refuse. Nothing is
 * written unless it is accepted.
 */
static void recover(const char *a, const char *b)
{
	u32 role = AZS_KEY_ROLE_PLATFORM, reason;
	struct azs_nv_state s;
	u8 digest[32];
	int ret;

	fw_sha256(area, sizeof(area), digest);
	flash_read(FW_NV_MAILBOX, mailbox, sizeof(mailbox));
	if (azs_nv_erased(mailbox, sizeof(mailbox))) {
		refuse_corrupt(a, b, NULL, digest);
		return;
	}
	ret = azs_nv_recovery_check(mailbox, digest, &s, &reason, fw_verify_key, &role);
	if (ret) {
		refuse_corrupt(a, b, ret == -ENOMEM ? "out of memory" :
				      azs_nv_recovery_reason_str(reason), digest);
		return;
	}
	/* Slot A gets it (generation 1), then slot B and the mailbox go. A
	 * cut after slot A leaves A valid: chosen, the rest erased next time. */
	ret = write_slot(0, &s, 1);
	if (!ret)
		ret = fw_flash_erase(FW_NV_SLOT(1));
	if (!ret)
		ret = fw_flash_erase(FW_NV_MAILBOX);
	if (!ret)
		ret = mark_provisioned();
	if (ret) {
		fw_puts("azs-secmon: NV: FATAL: recovery: flash write failed; refusing to serve\n");
		return;
	}
	nv.s = s;
	nv.slot = 0;
	nv.gen = 1;
	nv.ready = 1;
	announce("the secure flash record was corrupt and is recovered from a signed recovery record");
}

void fw_nv_load(void)
{
	struct azs_nv_state s[AZS_NV_NUM_SLOTS];
	u32 gen[AZS_NV_NUM_SLOTS] = { 0, 0 }, marker, i;
	int kind[AZS_NV_NUM_SLOTS], verdict;

	if (factory_load()) {
		fw_puts("azs-secmon: NV: FATAL: the factory record (secret, device ID) is missing or corrupt: refusing to serve the flash-backed calls\n");
		return;
	}
	flash_read(FW_NV_FACTORY + FW_NV_MARKER_OFFSET, &marker, 4);
	if (marker != 0xffffffffu && marker != FW_NV_PROVISIONED) {
		fw_puts("azs-secmon: NV: FATAL: the provisioned word is neither erased nor set: refusing to serve the flash-backed calls\n");
		return;
	}
	for (i = 0; i < AZS_NV_NUM_SLOTS; i++) {
		flash_read(FW_NV_SLOT(i), area[i], FW_NV_SLOT_AREA);
		kind[i] = classify(i, &s[i], &gen[i]);
	}
	verdict = azs_nv_verdict(kind[0], gen[0], kind[1], gen[1]);
	if (verdict == AZS_NV_BLANK && marker == FW_NV_PROVISIONED)
		verdict = AZS_NV_CORRUPT; /* erased after provisioning */

	if (verdict >= 0) {
		nv.s = s[verdict];
		nv.slot = verdict;
		nv.gen = gen[verdict];
		if (mark_provisioned()) {
			fw_puts("azs-secmon: NV: FATAL: cannot write the provisioned word: refusing to serve\n");
			return;
		}
		nv.ready = 1;
		announce(verdict ? "record in slot B" : "record in slot A");
	} else if (verdict == AZS_NV_BLANK) {
		struct azs_nv_state fresh;

		memset(&fresh, 0, sizeof(fresh));
		fresh.mfg_state = AZS_MFG_BLANK;
		memcpy(fresh.device_id, factory + 48, AZS_DEVICE_ID_SIZE);
		if (fw_nv_commit(&fresh) || mark_provisioned()) {
			fw_puts("azs-secmon: NV: FATAL: provisioning write failed: refusing to serve\n");
			return;
		}
		nv.ready = 1;
		announce("factory-fresh: provisioned with the factory device ID");
	} else {
		recover(azs_nv_kind_name(kind[0]), azs_nv_kind_name(kind[1]));
		return;
	}
	/* A recovery record next to a readable record is not for it. */
	flash_read(FW_NV_MAILBOX, mailbox, sizeof(mailbox));
	if (!azs_nv_erased(mailbox, sizeof(mailbox))) {
		fw_puts("azs-secmon: NV: recovery mailbox not empty, but the record is readable: erasing it unused\n");
		if (fw_flash_erase(FW_NV_MAILBOX))
			nv.ready = 0;
	}
}
