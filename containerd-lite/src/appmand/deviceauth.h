/* SPDX-License-Identifier: MIT */
/*
 * deviceauth.c: the device's client certificate, from the Security Service.
 * Layer: services, the device (docs/application-manager.md, "Layers"): includes
 * only the utilities' headers.
 */
#ifndef AZS_APPMAND_DEVICEAUTH_H
#define AZS_APPMAND_DEVICEAUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "appmand.h"

/*
 * The device's client certificate under the state directory
 * (DeviceAuthentication apps see it at /etc/deviceauth.pem).
 */
#define DEVICEAUTH_CERT "deviceauth/client.pem"
/* The device CA whose certificates the device accepts as its own (deviceauth.c). */
#define DEVICEAUTH_CA "/usr/share/azsphere/deviceauth-ca.pem"
#define DEVICEAUTH_ID_LEN 129 /* the device ID in hex, with its NUL */

/*
 * deviceauth_csr: a certificate request for the device's key (made on first
 * use) in *CSR (malloc'd PEM), the device ID, the stored certificate's end
 * ("none") and whether it is due for renewal. deviceauth_install: PEM (the
 * certificate, then its CA's) checked and stored; its end in UNTIL. 0 or
 * -errno with WHY.
 */
int deviceauth_csr(struct appmand *d, char **csr, char id[DEVICEAUTH_ID_LEN],
		   char *until, size_t until_size, bool *renew, char *why, size_t size);
int deviceauth_install(struct appmand *d, const char *pem, size_t pem_len, char *until,
		       size_t until_size, char id[DEVICEAUTH_ID_LEN], char *why,
		       size_t size);

#endif /* AZS_APPMAND_DEVICEAUTH_H */
