// SPDX-License-Identifier: MIT
/* The trust decision at every start of a packaged app (trust.h). */
#include <errno.h>
#include <string.h>

#include <azsphere/security.h>

#include "trust.h"

#define SDK_REFUSED                                                                                \
	"the package is SDK-signed: the device trusts SDK-signed packages only with the "          \
	"appDevelopment capability"

unsigned int trust_allowed_roles(uint64_t caps)
{
	unsigned int roles = AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION);

	if (caps & (UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT))
		roles |= AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK);
	return roles;
}

void trust_signer_from(struct app_signer *signer, const struct azs_package_info *info,
		       const struct azs_trusted_key *keys, size_t n)
{
	memset(signer, 0, sizeof(*signer));
	for (size_t i = 0; i < n; i++) {
		if (memcmp(keys[i].id, info->signer_key_id, AZS_PKG_KEY_ID_SIZE))
			continue;
		signer->known = info->verified;
		signer->role = info->signer_role;
		memcpy(signer->key_id, keys[i].id, sizeof(signer->key_id));
		memcpy(signer->pub, keys[i].pub, sizeof(signer->pub));
		return;
	}
}

int trust_decide(const struct app_signer *signer, const struct azs_trusted_key *keys, size_t n,
		 uint64_t caps, struct azs_error *err)
{
	const struct azs_trusted_key *key = NULL;

	if (!signer->known)
		return azs_error_set(err, -EACCES, "signature", "the package was never verified");
	for (size_t i = 0; i < n && !key; i++)
		if (!memcmp(keys[i].id, signer->key_id, AZS_PKG_KEY_ID_SIZE))
			key = &keys[i];
	if (!key || key->role != signer->role || memcmp(key->pub, signer->pub, sizeof(key->pub)))
		return azs_error_set(err, -ENOKEY, "signature",
				     "the key that signed the package is no longer trusted by the "
				     "device");
	if (!(trust_allowed_roles(caps) & AZS_PKG_ROLE_BIT(signer->role)))
		return azs_error_set(err, -EPERM, "signature", "%s",
				     signer->role == AZS_PKG_ROLE_SDK
					     ? SDK_REFUSED
					     : "the signer's role is not trusted");
	return 0;
}
