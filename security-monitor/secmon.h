/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal state and helpers shared by the security monitor's files. */
#ifndef AZS_SECMON_H
#define AZS_SECMON_H

#include <linux/mutex.h>
#include <linux/spinlock.h>

#include "fw_regs.h"
#include "nv_record.h"

/* Roles of the root-of-trust keys (rot_keys.h): AZS_KEY_ROLE_* (uAPI). */

struct secmon_rot_key {
	u32 role;
	u8 id[8];   /* first 8 bytes of SHA-256 of pub */
	u8 pub[65]; /* uncompressed P-256 point: 0x04 || X || Y */
};

struct secmon_state {
	/* Protects regs and pinned; taken in any context that may not sleep. */
	spinlock_t regs_lock;
	struct azs_fw_regs regs;
	bool pinned; /* module reference taken at lock time */

	/* Protects nv: every change is written to flash before it is kept. */
	struct mutex nv_lock;
	struct azs_nv_state nv;

	/*
	 * The Secure World firmware serves the flash-backed state (ARMv7
	 * booted through a firmware of revision 1.1 or later): this module
	 * then holds none of it (nv stays zero, no flash is opened) and
	 * answers its calls NOT_SUPPORTED. Set once at init, before any
	 * caller can reach azs_secmon_smc() for them.
	 */
	bool nv_in_secure_world;
};

extern struct secmon_state secmon;

/* Flash record I/O (secmon_nv.c). */
int secmon_nv_open(const char *path, struct azs_nv_state *out);
int secmon_nv_commit(const struct azs_nv_state *next);
u32 secmon_nv_generation(void);
void secmon_nv_close(void);

/* ECDSA P-256 / SHA-256 verification of msg (secmon_ecdsa.c). */
int secmon_ecdsa_p256_verify(const u8 pub[65], const u8 *msg, size_t len,
			     const u8 sig[64]);

/*
 * Capability files (secmon_caps.c): returns an AZS_SMC_* status. file is
 * the monitor's own copy of the caller's buffer (secmon_smc.c copies it in
 * once); it is parsed and verified from that copy only.
 */
long secmon_caps_store(const u8 *file, u32 len, u32 *reason);
long secmon_caps_clear(void);

const struct secmon_rot_key *secmon_find_key(u32 role, const u8 id[8]);
/*
 * azs_verify_fn (core/verify.h) with the root-of-trust key of the role
 * *(u32 *)ctx.
 */
int secmon_verify(void *ctx, const u8 key_id[8], const u8 *msg, u32 len,
		  const u8 sig[64]);
/* Key in slot, or NULL past the last one. */
const struct secmon_rot_key *secmon_rot_key_slot(u32 slot, u32 *num_keys);

#endif /* AZS_SECMON_H */
