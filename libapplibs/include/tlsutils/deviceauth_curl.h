// SPDX-License-Identifier: MIT
/*
 * tlsutils/deviceauth_curl.h: the device's client certificate for a libcurl
 * handle: curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, DeviceAuth_CurlSslFunc).
 */
#pragma once

#include <curl/curl.h>

#include <tlsutils/deviceauth.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CURLE_OK, or CURLE_SSL_CERTPROBLEM if the certificate could not be set (DeviceAuth_SslCtxFunc).
 */
static inline CURLcode DeviceAuth_CurlSslFunc(CURL *curl, void *sslctx, void *userCtx)
{
	(void)curl;
	(void)userCtx;
	return DeviceAuth_SslCtxFunc(sslctx) == DeviceAuthSslResult_Success ? CURLE_OK
									    : CURLE_SSL_CERTPROBLEM;
}

#ifdef __cplusplus
}
#endif
