// SPDX-License-Identifier: MIT
/*
 * https-curl: once Networking_IsNetworkingReady says so, an HTTPS GET with
 * libcurl of each URL in CmdArgs, written as the SDK's HTTPS_Curl_Easy sample
 * is: the server is checked against the CA in the image package
 * (certs/ca.pem), the device presents its client certificate
 * (DeviceAuth_CurlSslFunc), the proxy is the device's
 * (Networking_Curl_SetDefaultProxy). Logs the status and the first line of
 * the body, or curl's error. AllowedConnections decides which hosts can be
 * reached at all.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "applibs_versions.h"
#include <applibs/application.h>
#include <applibs/log.h>
#include <applibs/networking.h>
#include <applibs/networking_curl.h>
#include <applibs/storage.h>
#include <tlsutils/deviceauth_curl.h>

struct body {
	char data[512];
	size_t len;
};

/* Keeps the start of the body (the rest is counted and dropped). */
static size_t on_data(void *chunk, size_t size, size_t n, void *user)
{
	struct body *b = user;
	size_t len = size * n, room = sizeof(b->data) - 1 - b->len;

	memcpy(b->data + b->len, chunk, len < room ? len : room);
	b->len += len < room ? len : room;
	b->data[b->len] = 0;
	return len;
}

static void get(const char *url, const char *ca)
{
	struct body body = {.len = 0};
	CURL *curl = curl_easy_init();
	CURLcode res;
	long status = 0;

	if (!curl) {
		Log_Debug("GET %s: failed: curl_easy_init\n", url);
		return;
	}
	if (Networking_Curl_SetDefaultProxy(curl) == -1)
		Log_Debug("GET %s: no proxy settings: %s (%d)\n", url, strerror(errno), errno);
	if ((res = curl_easy_setopt(curl, CURLOPT_URL, url)) != CURLE_OK ||
	    (res = curl_easy_setopt(curl, CURLOPT_CAINFO, ca)) != CURLE_OK ||
	    (res = curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L)) != CURLE_OK ||
	    (res = curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, DeviceAuth_CurlSslFunc)) !=
		    CURLE_OK ||
	    (res = curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data)) != CURLE_OK ||
	    (res = curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body)) != CURLE_OK ||
	    (res = curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L)) != CURLE_OK ||
	    (res = curl_easy_perform(curl)) != CURLE_OK) {
		Log_Debug("GET %s: failed: %s\n", url, curl_easy_strerror(res));
		goto out;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	Log_Debug("GET %s: HTTP %ld, body: %.*s\n", url, status, (int)strcspn(body.data, "\r\n"),
		  body.data);
out:
	curl_easy_cleanup(curl);
}

int main(int argc, char **argv)
{
	const struct timespec wait = {.tv_nsec = 100 * 1000 * 1000};
	bool ready = false, auth = false;
	char *ca;

	for (int i = 0; i < 100 && !ready; i++) {
		if (Networking_IsNetworkingReady(&ready)) {
			Log_Debug("ERROR: Networking_IsNetworkingReady: %s (%d)\n", strerror(errno),
				  errno);
			return 1;
		}
		if (!ready)
			nanosleep(&wait, NULL);
	}
	if (!ready) {
		Log_Debug("ERROR: networking is not ready\n");
		return 1;
	}
	if (Application_IsDeviceAuthReady(&auth) == -1 || !auth)
		Log_Debug("WARNING: device authentication is not ready: no client certificate\n");
	ca = Storage_GetAbsolutePathInImagePackage("certs/ca.pem");
	if (!ca) {
		Log_Debug("ERROR: certs/ca.pem: %s (%d)\n", strerror(errno), errno);
		return 1;
	}
	if (curl_global_init(CURL_GLOBAL_ALL) != CURLE_OK) {
		Log_Debug("ERROR: curl_global_init\n");
		return 1;
	}
	Log_Debug("INFO: networking is ready, %s\n", curl_version());
	for (int i = 1; i < argc; i++)
		get(argv[i], ca);
	curl_global_cleanup();
	free(ca);
	/* Done: stay up (an app that exits is restarted). */
	for (;;)
		pause();
}
