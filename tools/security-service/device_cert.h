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

/* OUT (0644): the store's device CA certificate (the CA made on first use). 0 or -errno. */
int ss_device_ca_export(const char *store, const char *out);

/*
 * The device's certificate for the key of CSR (PEM, CSR_LEN bytes, from the
 * device: copied before it is parsed): the request must be signed by its own
 * P-256 key and name only CN=<device ID> (128 lower-case hex digits), the
 * device ID ID if that is not NULL. *OUT (malloc'd, NUL-terminated, *OUT_LEN
 * bytes): the certificate, then the CA's, in PEM; no key (it never leaves the
 * device). 0, or -EINVAL / -EPERM (another device's request) after a message.
 */
int ss_sign_device_csr(const char *store, const char *csr, size_t csr_len, const u8 *id,
		       unsigned int days, char **out, size_t *out_len);

/*
 * device-certificate deliver: the device's certificate request over the host
 * channel (SOCKET_PATH), signed by the store's device CA for DAYS days, sent
 * back for the device to check and store. Only if the device says its
 * certificate is missing or due for renewal, unless FORCE. 0 or -errno.
 */
int ss_device_certificate_deliver(const char *store, const char *socket_path, unsigned int days,
				  int force);

#endif /* SS_DEVICE_CERT_H */
