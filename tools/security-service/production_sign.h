// SPDX-License-Identifier: MIT
/*
 * production-sign: the Security Service re-signs an SDK-signed image package
 * (docs/image-package.md) with its production key once the SDK signature
 * verifies; every other byte stays as it was.
 */
#ifndef SS_PRODUCTION_SIGN_H
#define SS_PRODUCTION_SIGN_H

/*
 * Verify IN against the SDK key the key store STORE trusts (sdk.pub.pem),
 * re-sign it with the store's production key and write OUT (whole or not at
 * all). 0 or -errno after a message.
 */
int ss_production_sign(const char *store, const char *in, const char *out);

#endif /* SS_PRODUCTION_SIGN_H */
