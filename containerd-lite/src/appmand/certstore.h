/* SPDX-License-Identifier: MIT */
/*
 * certstore.c: the certificate store (CertStore_*), on the flash.
 * Layer: services, the device (docs/application-manager.md, "Layers"): includes
 * only the utilities' headers.
 */
#ifndef AZS_APPMAND_CERTSTORE_H
#define AZS_APPMAND_CERTSTORE_H

#include <stddef.h>

#include "appmand.h"

/* At start: temporary files of an interrupted write removed, every entry parsed. */
int certstore_check(struct appmand *d);
int certstore_request(struct appmand *d, const struct azs_rt_request *r, void *out,
		      size_t *out_len);

#endif /* AZS_APPMAND_CERTSTORE_H */
