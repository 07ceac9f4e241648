/* SPDX-License-Identifier: MIT */
/*
 * The trust decision at every start of a packaged app. The package's bytes
 * were verified once (at install, or at the first start after a boot) into a
 * sealed memfd the app runs from; what can change afterwards is the device's
 * trust: the appDevelopment capability (SDK-signed packages) and the keys the
 * security monitor holds. The signer found at verification is kept, and at
 * every start it is checked against the device's state of that moment,
 * without hashing the package again. Pure: host-tested (host.appmand_trust).
 */
#ifndef AZS_APPMAND_TRUST_H
#define AZS_APPMAND_TRUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "azs_error.h"
#include "package.h"

/* Who signed an installed package, as its verification found it. */
struct app_signer {
	bool known;        /* set once the package was verified */
	unsigned int role; /* AZS_PKG_ROLE_* */
	uint8_t key_id[AZS_PKG_KEY_ID_SIZE];
	uint8_t pub[AZS_PKG_PUBKEY_SIZE];
};

/* The roles a device with capabilities CAPS (a bit per AZS_CAP_*) trusts packages of. */
unsigned int trust_allowed_roles(uint64_t caps);

/* SIGNER from a verified package's INFO and the key among KEYS[0..N) that signed it. */
void trust_signer_from(struct app_signer *signer, const struct azs_package_info *info,
		       const struct azs_trusted_key *keys, size_t n);

/*
 * May a package signed by SIGNER start now, on a device whose trusted keys are
 * KEYS[0..N) and whose capabilities are CAPS? 0, or a refusal naming why in ERR:
 * -EACCES never verified; -ENOKEY its key is no longer among the trusted keys
 * (or holds another role or public key now); -EPERM SDK-signed without the
 * appDevelopment capability.
 */
int trust_decide(const struct app_signer *signer, const struct azs_trusted_key *keys, size_t n,
		 uint64_t caps, struct azs_error *err);

#endif /* AZS_APPMAND_TRUST_H */
