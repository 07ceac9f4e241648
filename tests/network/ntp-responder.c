// SPDX-License-Identifier: MIT
/*
 * ntp-responder ADDR OFFSET: the test NTP server of the Wi-Fi suite's
 * access point (tests/device/suites/wifi.sh). Answers NTP client requests
 * (mode 3) on ADDR:123 as a stratum 2 server whose clock is the device's
 * plus OFFSET seconds, so a client that believes it moves the clock by that
 * much; prints one line per query ("ntp-responder: query from A.B.C.D").
 * Runs until killed. The same kernel clock serves both sides of the test, so
 * the offset is what makes a synchronisation visible.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define NTP_UNIX_DELTA 2208988800ull /* 1900-01-01 to 1970-01-01, seconds */

/* The NTP timestamp (big-endian 32.32) of now + OFFSET at P. */
static void put_time(unsigned char *p, long long offset)
{
	struct timespec ts;
	uint64_t sec, frac;

	clock_gettime(CLOCK_REALTIME, &ts);
	sec = (uint64_t)((long long)ts.tv_sec + offset) + NTP_UNIX_DELTA;
	frac = ((uint64_t)ts.tv_nsec << 32) / 1000000000u;
	for (int i = 0; i < 4; i++) {
		p[i] = (unsigned char)(sec >> (24 - 8 * i));
		p[4 + i] = (unsigned char)(frac >> (24 - 8 * i));
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(123)};
	long long offset;
	char *end;
	int fd;

	if (argc != 3 || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "usage: ntp-responder ADDR OFFSET-SECONDS\n");
		return 2;
	}
	offset = strtoll(argv[2], &end, 10);
	if (*end || end == argv[2]) {
		fprintf(stderr, "ntp-responder: OFFSET: a number of seconds\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		perror("ntp-responder");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		unsigned char q[128], r[48];
		char who[INET_ADDRSTRLEN];
		ssize_t n = recvfrom(fd, q, sizeof(q), 0, (struct sockaddr *)&from, &flen);

		/* A client request: at least the 48-byte header, mode 3. */
		if (n < 48 || (q[0] & 7) != 3)
			continue;
		memset(r, 0, sizeof(r));
		put_time(r + 32, offset);                  /* receive timestamp */
		r[0] = (unsigned char)((q[0] & 0x38) | 4); /* LI 0, the client's version, mode 4 */
		r[1] = 2;                                  /* stratum */
		r[2] = q[2];                               /* poll */
		r[3] = 0xec;                               /* precision 2^-20 */
		r[10] = 0x10;                              /* root dispersion 1/16 s (16.16) */
		memcpy(r + 12, "\x7f\x00\x00\x01", 4);     /* reference id */
		put_time(r + 16, offset - 10);             /* reference timestamp */
		memcpy(r + 24, q + 40, 8);                 /* origin: the client's transmit */
		put_time(r + 40, offset);                  /* transmit timestamp */
		sendto(fd, r, sizeof(r), 0, (struct sockaddr *)&from, flen);
		printf("ntp-responder: query from %s\n",
		       inet_ntop(AF_INET, &from.sin_addr, who, sizeof(who)) ? who : "?");
	}
}
