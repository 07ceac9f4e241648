// SPDX-License-Identifier: MIT
/*
 * http-get: once Networking_IsNetworkingReady says so, an HTTP/1.0 GET of
 * each http://HOST[:PORT]/PATH in CmdArgs, logging the status line and the
 * first line of the body, or why it failed. The manifest's
 * AllowedConnections decides which hosts can be reached at all: a name that
 * is not granted doesn't resolve, an address that is not granted is refused
 * by the device's packet filter.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <applibs/log.h>
#include <applibs/networking.h>

/* "http://host[:port]/path" into its parts: 0, or -1 if it isn't one. */
static int parse_url(const char *url, char *host, size_t hsize, char *port, size_t psize,
		     const char **path)
{
	const char *h, *end, *colon;

	if (strncmp(url, "http://", 7))
		return -1;
	h = url + 7;
	end = strchr(h, '/');
	*path = end ? end : "/";
	if (!end)
		end = h + strlen(h);
	colon = memchr(h, ':', (size_t)(end - h));
	if ((size_t)((colon ? colon : end) - h) >= hsize || end == h)
		return -1;
	snprintf(host, hsize, "%.*s", (int)((colon ? colon : end) - h), h);
	snprintf(port, psize, "%.*s", colon ? (int)(end - colon - 1) : 2, colon ? colon + 1 : "80");
	return 0;
}

static void get(const char *url)
{
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai = NULL;
	struct timeval tv = {.tv_sec = 5};
	char host[128], port[8], req[384], resp[1024];
	const char *path, *body;
	size_t got = 0;
	ssize_t n;
	int fd, ret;

	if (parse_url(url, host, sizeof(host), port, sizeof(port), &path)) {
		Log_Debug("GET %s: not an http:// URL\n", url);
		return;
	}
	ret = getaddrinfo(host, port, &hints, &ai);
	if (ret) {
		Log_Debug("GET %s: failed: cannot resolve %s (%s)\n", url, host, gai_strerror(ret));
		return;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		Log_Debug("GET %s: failed: socket: %s\n", url, strerror(errno));
		freeaddrinfo(ai);
		return;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, ai->ai_addr, ai->ai_addrlen)) {
		Log_Debug("GET %s: failed: connect: %s\n", url, strerror(errno));
		goto out;
	}
	snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n", path,
		 host);
	if (write(fd, req, strlen(req)) != (ssize_t)strlen(req)) {
		Log_Debug("GET %s: failed: send: %s\n", url, strerror(errno));
		goto out;
	}
	while (got < sizeof(resp) - 1 && (n = read(fd, resp + got, sizeof(resp) - 1 - got)) > 0)
		got += (size_t)n;
	resp[got] = 0;
	body = strstr(resp, "\r\n\r\n");
	if (!got || !body) {
		Log_Debug("GET %s: failed: no complete answer\n", url);
		goto out;
	}
	Log_Debug("GET %s: %.*s, body: %.*s\n", url, (int)strcspn(resp, "\r\n"), resp,
		  (int)strcspn(body + 4, "\r\n"), body + 4);
out:
	close(fd);
	freeaddrinfo(ai);
}

int main(int argc, char **argv)
{
	const struct timespec wait = {.tv_nsec = 100 * 1000 * 1000};
	bool ready = false;

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
	Log_Debug("INFO: networking is ready\n");
	for (int i = 1; i < argc; i++)
		get(argv[i]);
	/* Done: stay up (an app that exits is restarted). */
	for (;;)
		pause();
}
