// SPDX-License-Identifier: MIT
/*
 * tlsutils/deviceauth.h: the device's client certificate for TLS (capability
 * DeviceAuthentication). The certificate is the device's own, issued for its
 * device ID by the Security Service (docs/sdk.md, "Device authentication").
 */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

typedef enum DeviceAuthSslResult {
	DeviceAuthSslResult_Success = 0,
	DeviceAuthSslResult_GetTenantIdError = 1,
	DeviceAuthSslResult_GetTenantCertificateError = 2,
	DeviceAuthSslResult_EnableHwSignError = 3
} DeviceAuthSslResult;

/*
 * The path of the device's client certificate (PEM: the certificate, the
 * issuing chain and its key), valid for the process's lifetime. The file
 * exists only for an app with DeviceAuthentication once the device has a
 * certificate (Application_IsDeviceAuthReady).
 */
const char *DeviceAuth_GetCertificatePath(void);

/*
 * Loads the device's client certificate and key into SSLCTX, a WOLFSSL_CTX *.
 * DeviceAuthSslResult_GetTenantCertificateError if there is no certificate
 * (or SSLCTX is NULL), DeviceAuthSslResult_EnableHwSignError if its key does
 * not load.
 */
DeviceAuthSslResult DeviceAuth_SslCtxFunc(void *sslctx);

#ifdef __cplusplus
}
#endif
