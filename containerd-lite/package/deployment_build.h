// SPDX-License-Identifier: MIT
/* Making a deployment manifest (host tools: the Security Service). */
#ifndef AZS_DEPLOYMENT_BUILD_H
#define AZS_DEPLOYMENT_BUILD_H

#include <openssl/evp.h>

#include "deployment.h"

/*
 * Lay out and sign the manifest of DEP (id and entries; signer fields are
 * set from KEY, which signs in the production role) in a new buffer *OUT of
 * *OUT_LEN bytes (free()). 0, -EINVAL, -ENOMEM.
 */
int azs_deployment_build(struct azs_deployment *dep, EVP_PKEY *key, uint8_t **out, size_t *out_len,
			 struct azs_error *err);

#endif /* AZS_DEPLOYMENT_BUILD_H */
