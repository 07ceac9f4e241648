// SPDX-License-Identifier: MIT
/*
 * tlsutils: the device's client certificate for wolfSSL (deviceauth.h). The
 * application manager maps the certificate that the Security Service issued
 * for this device into a DeviceAuthentication app at DEVICEAUTH_PATH,
 * read-only. Built only for the SDK (it needs wolfSSL's headers) into
 * libapplibs.a and libtlsutils.a.
 */
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

#include <tlsutils/deviceauth.h>

#define DEVICEAUTH_PATH "/etc/deviceauth.pem"

const char *DeviceAuth_GetCertificatePath(void)
{
	return DEVICEAUTH_PATH;
}

DeviceAuthSslResult DeviceAuth_SslCtxFunc(void *sslctx)
{
	WOLFSSL_CTX *ctx = sslctx;

	if (!ctx || wolfSSL_CTX_use_certificate_chain_file(ctx, DEVICEAUTH_PATH) != WOLFSSL_SUCCESS)
		return DeviceAuthSslResult_GetTenantCertificateError;
	if (wolfSSL_CTX_use_PrivateKey_file(ctx, DEVICEAUTH_PATH, WOLFSSL_FILETYPE_PEM) !=
	    WOLFSSL_SUCCESS)
		return DeviceAuthSslResult_EnableHwSignError;
	return DeviceAuthSslResult_Success;
}
