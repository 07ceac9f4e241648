/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The signature check the pure core asks its caller for: the module uses
 * the root-of-trust keys and the kernel's ECC library, host tests a stand-in.
 */
#ifndef AZS_VERIFY_H
#define AZS_VERIFY_H

#include "azsphere/types.h"
#include "uapi/azsphere/security.h" /* AZS_KEY_ID_SIZE */

/*
 * Does sig (ECDSA P-256 r || s) verify msg[0..len) with the key named
 * key_id (of the role the caller expects)? 0 yes, -ENOKEY no such key,
 * -EKEYREJECTED no, -ENOMEM.
 */
typedef int azs_verify_fn(void *ctx, const u8 key_id[AZS_KEY_ID_SIZE],
			  const u8 *msg, u32 len, const u8 sig[64]);

#endif /* AZS_VERIFY_H */
