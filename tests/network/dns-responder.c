// SPDX-License-Identifier: MIT
/*
 * dns-responder ADDR NAME=IPV4...: a DNS server for the network suite's
 * test hosts (busybox has none). Answers A queries on ADDR:53 for the given
 * names (case-insensitive), NXDOMAIN for any other name; runs until killed.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(53)};
	unsigned char q[512], r[512];
	int fd;

	if (argc < 2 || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "usage: dns-responder ADDR NAME=IPV4...\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		perror("dns-responder");
		return 1;
	}
	for (;;) {
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		char name[256] = "";
		size_t p = 12, nl = 0, rl;
		struct in_addr found = {0};
		int hit = 0;
		ssize_t n = recvfrom(fd, q, sizeof(q), 0, (struct sockaddr *)&from, &flen);

		if (n < 17)
			continue;
		/* The question's name, plain labels only. */
		while (p < (size_t)n && q[p] && q[p] < 64 && p + 1 + q[p] < (size_t)n &&
		       nl + q[p] + 1 < sizeof(name)) {
			memcpy(name + nl, q + p + 1, q[p]);
			nl += q[p];
			name[nl++] = '.';
			p += 1 + q[p];
		}
		if (p + 5 > (size_t)n || q[p])
			continue;
		name[nl ? nl - 1 : 0] = 0;
		p += 5; /* the root label, QTYPE, QCLASS */
		for (int i = 2; i < argc && !hit; i++) {
			const char *eq = strchr(argv[i], '=');

			if (eq && (size_t)(eq - argv[i]) == strlen(name) &&
			    !strncasecmp(argv[i], name, strlen(name)) &&
			    inet_pton(AF_INET, eq + 1, &found) == 1)
				hit = 1;
		}
		memcpy(r, q, p);
		r[2] = 0x81;
		r[3] = hit ? 0x80 : 0x83;
		r[6] = 0;
		r[7] = (unsigned char)hit;
		r[8] = r[9] = r[10] = r[11] = 0;
		rl = p;
		if (hit) {
			static const unsigned char rr[] = {0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4};

			memcpy(r + rl, rr, sizeof(rr));
			rl += sizeof(rr);
			memcpy(r + rl, &found, 4);
			rl += 4;
		}
		sendto(fd, r, rl, 0, (struct sockaddr *)&from, flen);
	}
}
