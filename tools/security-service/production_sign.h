// SPDX-License-Identifier: MIT
/*
 * production-sign: the Security Service re-signs an SDK-signed image package
 * (docs/image-package.md) with its production key once the SDK signature
 * verifies; every other byte stays as it was.
 */
#ifndef SS_PRODUCTION_SIGN_H
#define SS_PRODUCTION_SIGN_H

/*
 * Verify IN against KEYS/sdk.pub.pem, re-sign it with KEYS/production.key.pem
 * and write OUT (whole or not at all). 0 or -errno after a message.
 */
int ss_production_sign(const char *keys, const char *in, const char *out);

#endif /* SS_PRODUCTION_SIGN_H */
