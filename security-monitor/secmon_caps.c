// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device capabilities: a capability file is accepted only when it parses,
 * is signed by the Security Service's capability key, names this device and
 * is newer than the one in force. Only then is it written to flash.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>

#include "azs_secmon_smc.h"
#include "capfile.h"
#include "secmon.h"

#include "rot_keys.h" /* generated: the root-of-trust public keys */

const struct secmon_rot_key *secmon_find_key(u32 role, const u8 id[8])
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(secmon_rot_keys); i++)
		if (secmon_rot_keys[i].role == role &&
		    !memcmp(secmon_rot_keys[i].id, id, 8))
			return &secmon_rot_keys[i];
	return NULL;
}

const struct secmon_rot_key *secmon_rot_key_slot(u32 slot, u32 *num_keys)
{
	*num_keys = ARRAY_SIZE(secmon_rot_keys);
	return slot < ARRAY_SIZE(secmon_rot_keys) ? &secmon_rot_keys[slot]
						  : NULL;
}

static long refuse(u32 *reason, u32 why, long status)
{
	*reason = why;
	pr_info("capability file refused: %s\n", azs_capfile_reason_str(why));
	return status;
}

int secmon_verify(void *ctx, const u8 key_id[8], const u8 *msg, u32 len,
		  const u8 sig[64])
{
	const struct secmon_rot_key *key = secmon_find_key(*(u32 *)ctx, key_id);

	if (!key)
		return -ENOKEY;
	return secmon_ecdsa_p256_verify(key->pub, msg, len, sig);
}

long secmon_caps_store(const u8 *file, u32 len, u32 *reason)
{
	u32 role = AZS_KEY_ROLE_CAPABILITY;
	struct azs_nv_state next;
	struct azs_capfile cf;
	long status = AZS_SMC_OK;
	int ret;

	/* Parse and signature check read the one copy the caller made. */
	ret = azs_capfile_check(file, len, &cf, reason, secmon_verify, &role);
	if (ret == -ENOMEM)
		return AZS_SMC_NO_MEMORY;
	if (ret)
		return refuse(reason, *reason,
			      ret == -EINVAL ? AZS_SMC_INVALID_PARAM
					     : AZS_SMC_REJECTED);

	mutex_lock(&secmon.nv_lock);
	ret = azs_capfile_check_binding(&cf, secmon.nv.device_id,
					secmon.nv.caps_sequence, reason);
	if (ret) {
		status = ret == -ENODEV ? AZS_SMC_WRONG_DEVICE
					: AZS_SMC_REPLAYED;
		refuse(reason, *reason, status);
		goto out_unlock;
	}
	next = secmon.nv;
	next.caps_present = cf.present;
	next.caps_sequence = cf.sequence;
	if (secmon_nv_commit(&next)) {
		status = AZS_SMC_IO_ERROR;
		goto out_unlock;
	}
	secmon.nv = next;
	pr_info("capability file %llu accepted: capabilities %#llx\n",
		cf.sequence, cf.present);
out_unlock:
	mutex_unlock(&secmon.nv_lock);
	return status;
}

long secmon_caps_clear(void)
{
	struct azs_nv_state next;
	long status = AZS_SMC_OK;

	mutex_lock(&secmon.nv_lock);
	if (secmon.nv.caps_present) {
		/* The sequence stays: the cleared file can't be replayed. */
		next = secmon.nv;
		next.caps_present = 0;
		if (secmon_nv_commit(&next))
			status = AZS_SMC_IO_ERROR;
		else
			secmon.nv = next;
	}
	mutex_unlock(&secmon.nv_lock);
	return status;
}
