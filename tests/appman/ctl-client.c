// SPDX-License-Identifier: MIT
/*
 * ctl-client: a control-socket client for the device suites, including the
 * badly behaved ones the application manager must not wait for.
 *
 *   ctl-client SOCKET SECONDS [MESSAGE]
 *
 * Connects to SOCKET (SOCK_SEQPACKET), writes "connected" on stderr, sends
 * MESSAGE if given (else nothing: a silent client), then waits up to SECONDS
 * for the daemon: prints its answer, or "closed after N ms" when the daemon
 * closed the connection without one, and exits 0; prints "still open after N
 * ms" and exits 1 if the daemon neither answered nor closed it in time.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	static char buf[65536];
	long long start, left;
	ssize_t n;
	int fd;

	if (argc < 3 || argc > 4 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: ctl-client SOCKET SECONDS [MESSAGE]\n");
		return 2;
	}
	strcpy(sa.sun_path, argv[1]);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "ctl-client: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	fprintf(stderr, "connected\n");
	start = now_ms();
	if (argc == 4 && send(fd, argv[3], strlen(argv[3]), MSG_NOSIGNAL) < 0) {
		fprintf(stderr, "ctl-client: send: %s\n", strerror(errno));
		return 2;
	}
	left = atoll(argv[2]) * 1000;
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		long long waited = now_ms() - start;

		if (waited >= left) {
			printf("still open after %lld ms\n", waited);
			return 1;
		}
		if (poll(&p, 1, (int)(left - waited)) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n > 0) {
			buf[n] = 0;
			printf("%s\n", buf);
		} else {
			printf("closed after %lld ms\n", now_ms() - start);
		}
		return 0;
	}
}
