// SPDX-License-Identifier: MIT
/*
 * applibs/networking_curl.h: the device's proxy settings for a libcurl handle
 * (capability NetworkConfig or ReadNetworkProxyConfig, through
 * Networking_Proxy_Get). Inline, as in the Azure Sphere SDK: the app links
 * libcurl itself (target_link_libraries(... curl)).
 */
#pragma once

#include <errno.h>
#include <stdint.h>

#include <curl/curl.h>

#include <applibs/networking.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Sets CURLOPT_PROXY and its companions on CURLHANDLE from the device's proxy
 * configuration; with no proxy configured (or enabled), sets none (an empty
 * CURLOPT_PROXY, so curl's environment variables are not used either).
 * Returns 0, or -1 with errno: EFAULT (CURLHANDLE is NULL), EACCES (no
 * NetworkConfig or ReadNetworkProxyConfig), ENOMEM, or an errno of
 * Networking_Proxy_Get, or EINVAL if curl refused an option.
 */
static inline int Networking_Curl_SetDefaultProxy(CURL *curlHandle)
{
	Networking_ProxyConfig *config;
	Networking_ProxyOptions options = 0;
	const char *address, *user, *password, *no_proxy;
	uint16_t port = 0;
	CURLcode res = CURLE_OK;

	if (!curlHandle) {
		errno = EFAULT;
		return -1;
	}
	config = Networking_Proxy_Create();
	if (!config || Networking_Proxy_Get(config) == -1) {
		int err = errno;

		if (config)
			Networking_Proxy_Destroy(config);
		/* ENOENT: none configured; ENOSYS: the device has no proxy support. */
		if (err != ENOENT && err != ENOSYS) {
			errno = err;
			return -1;
		}
		if (curl_easy_setopt(curlHandle, CURLOPT_PROXY, "") != CURLE_OK) {
			errno = EINVAL;
			return -1;
		}
		return 0;
	}
	address = Networking_Proxy_GetProxyAddress(config);
	if (Networking_Proxy_GetProxyOptions(config, &options) == -1 ||
	    !(options & Networking_ProxyOptions_Enabled) || !address) {
		Networking_Proxy_Destroy(config);
		if (curl_easy_setopt(curlHandle, CURLOPT_PROXY, "") != CURLE_OK) {
			errno = EINVAL;
			return -1;
		}
		return 0;
	}
	Networking_Proxy_GetProxyPort(config, &port);
	user = Networking_Proxy_GetProxyUsername(config);
	password = Networking_Proxy_GetProxyPassword(config);
	no_proxy = Networking_Proxy_GetNoProxyAddresses(config);
	res = curl_easy_setopt(curlHandle, CURLOPT_PROXY, address);
	if (res == CURLE_OK)
		res = curl_easy_setopt(curlHandle, CURLOPT_PROXYPORT, (long)port);
	if (res == CURLE_OK)
		res = curl_easy_setopt(curlHandle, CURLOPT_PROXYTYPE, (long)CURLPROXY_HTTP);
	if (res == CURLE_OK &&
	    Networking_Proxy_GetAuthType(config) == Networking_ProxyAuthType_Basic) {
		res = curl_easy_setopt(curlHandle, CURLOPT_PROXYAUTH, (long)CURLAUTH_BASIC);
		if (res == CURLE_OK && user)
			res = curl_easy_setopt(curlHandle, CURLOPT_PROXYUSERNAME, user);
		if (res == CURLE_OK && password)
			res = curl_easy_setopt(curlHandle, CURLOPT_PROXYPASSWORD, password);
	}
	if (res == CURLE_OK && no_proxy)
		res = curl_easy_setopt(curlHandle, CURLOPT_NOPROXY, no_proxy);
	Networking_Proxy_Destroy(config);
	if (res != CURLE_OK) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

#ifdef __cplusplus
}
#endif
