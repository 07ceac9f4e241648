// SPDX-License-Identifier: MIT
/*
 * intercore-hl: the high-level half of the intercore pair. It connects to
 * the real-time app echo-rt (samples/rt/echo-rt) with Application_Connect,
 * sends three messages and prints each answer (echo-rt upper-cases them).
 *
 *   app [RT-COMPONENT-ID [oversize]]
 *
 * (CmdArgs) another partner's component ID; "oversize" first sends a
 * message over the 1 KiB maximum, which the core refuses (the answers that
 * follow still come). After its messages it idles until stopped.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <applibs/application.h>

#define ECHO_RT "c3e6b1a2-5d4f-4e8a-9b7c-2f1e0d9c8b71"

int main(int argc, char **argv)
{
	const char *rt = argc > 1 ? argv[1] : ECHO_RT;
	struct timeval tv = {.tv_sec = 10};
	char out[64], in[1100];
	int fd, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = Application_Connect(rt);
	if (fd < 0) {
		printf("intercore-hl: Application_Connect(%s): %s (errno %d)\n", rt,
		       strerror(errno), errno);
		return 1;
	}
	printf("intercore-hl: connected to %s\n", rt);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (argc > 2 && !strcmp(argv[2], "oversize")) {
		static char big[1025];

		memset(big, 'x', sizeof(big));
		printf("intercore-hl: sending %zu bytes: %s\n", sizeof(big),
		       send(fd, big, sizeof(big), 0) < 0 ? strerror(errno) : "sent");
	}
	for (int i = 1; i <= 3; i++) {
		ssize_t n;

		snprintf(out, sizeof(out), "hello from hl %d", i);
		if (send(fd, out, strlen(out), 0) < 0) {
			printf("intercore-hl: send: %s\n", strerror(errno));
			failed = 1;
			break;
		}
		n = recv(fd, in, sizeof(in) - 1, 0);
		if (n <= 0) {
			printf("intercore-hl: no answer to '%s': %s\n", out,
			       n < 0 ? strerror(errno) : "connection closed");
			failed = 1;
			break;
		}
		in[n] = 0;
		printf("intercore-hl: sent '%s', got '%s'\n", out, in);
	}
	printf("intercore-hl: %s\n", failed ? "failed" : "done");
	for (;;)
		pause();
}
