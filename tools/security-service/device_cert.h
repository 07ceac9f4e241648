// SPDX-License-Identifier: MIT
/*
 * issue-device-certificate: a device's client certificate for TLS
 * (tlsutils/deviceauth.h in apps, docs/security-service.md). The store's
 * device CA (device-ca.key.pem 0600, device-ca.cert.pem; made on first use,
 * never replaced) signs a certificate whose subject CN is the device ID in
 * hex, for a new P-256 key: clientAuth only, not a CA, valid DAYS days.
 */
#ifndef SS_DEVICE_CERT_H
#define SS_DEVICE_CERT_H

#include "args.h"

/* OUT (0600): the device's certificate, the CA's certificate, the device's key. 0 or -errno. */
int ss_issue_device_certificate(const char *store, const u8 id[AZS_DEVICE_ID_SIZE],
				unsigned int days, const char *out);

#endif /* SS_DEVICE_CERT_H */
