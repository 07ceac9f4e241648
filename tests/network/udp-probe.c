// SPDX-License-Identifier: MIT
/*
 * udp-probe ADDR PORT: send one datagram to ADDR:PORT, print the answer.
 * Exit 0 if an answer came within 2 s, 1 if none, 2 on bad arguments.
 * (busybox's nc has no UDP mode.)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in to = {.sin_family = AF_INET};
	char buf[256];
	struct pollfd p;
	long port;
	ssize_t n;
	int fd;

	if (argc != 3 || inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 ||
	    (port = strtol(argv[2], NULL, 10)) <= 0 || port > 65535) {
		fprintf(stderr, "usage: udp-probe IPV4ADDR PORT\n");
		return 2;
	}
	to.sin_port = htons((uint16_t)port);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || sendto(fd, "ping\n", 5, 0, (struct sockaddr *)&to, sizeof(to)) != 5) {
		perror("udp-probe");
		return 1;
	}
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, 2000) != 1 || (n = recv(fd, buf, sizeof(buf) - 1, 0)) < 0) {
		fprintf(stderr, "udp-probe: no answer from %s:%ld\n", argv[1], port);
		return 1;
	}
	fwrite(buf, 1, (size_t)n, stdout);
	return 0;
}
