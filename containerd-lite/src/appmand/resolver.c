// SPDX-License-Identifier: MIT
/*
 * Name resolution for AllowedConnections, the runtime's job (network.c):
 * an IPv4 literal is itself; then the device's /etc/hosts; then DNS, an A
 * query over UDP to each IPv4 "nameserver" of /etc/resolv.conf (1 s per try,
 * two tries each), the answer read strictly (lib/dns.c). No resolv.conf, no
 * DNS: nothing is waited for. The two files are read once per app start.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "resolver.h"
#include "dns.h"
#include "file_read.h"
#include "net_plan.h"

#define HOSTS_PATH  "/etc/hosts"
#define RESOLV_PATH "/etc/resolv.conf"
#define MAX_SERVERS 3
#define TRY_MS      1000
#define TRIES       2

static int ask(uint32_t server, const char *name, uint32_t *addrs, size_t max, size_t *n)
{
	struct sockaddr_in to = {
		.sin_family = AF_INET, .sin_port = htons(53), .sin_addr.s_addr = htonl(server)};
	uint8_t query[AZS_DNS_MSG_MAX], answer[AZS_DNS_MSG_MAX];
	int fd, qlen, ret = -ETIMEDOUT;
	uint16_t id;

	if (getrandom(&id, sizeof(id), 0) != sizeof(id))
		return -EIO;
	qlen = azs_dns_query(name, id, query, sizeof(query));
	if (qlen < 0)
		return qlen;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* Connected: the kernel drops datagrams from anyone but the server. */
	if (connect(fd, (struct sockaddr *)&to, sizeof(to)) ||
	    send(fd, query, (size_t)qlen, 0) != qlen) {
		ret = -errno;
		close(fd);
		return ret;
	}
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t got;

		if (poll(&p, 1, TRY_MS) <= 0)
			break;
		got = recv(fd, answer, sizeof(answer), MSG_TRUNC);
		if (got < 0 || (size_t)got > sizeof(answer))
			continue; /* oversized: not a plain DNS answer */
		ret = azs_dns_answer(answer, (size_t)got, id, name, addrs, max, n);
		if (ret != -EBADMSG)
			break; /* a spoofed or stray packet is ignored; keep waiting */
	}
	close(fd);
	return ret;
}

static int dns(const struct resolver *r, const char *name, uint32_t *addrs, size_t max, size_t *n)
{
	int ret = -ENOENT;

	for (int t = 0; t < TRIES; t++)
		for (size_t s = 0; s < r->n_servers; s++) {
			ret = ask(r->servers[s], name, addrs, max, n);
			if (ret == 0 || ret == -ENOENT)
				return ret;
		}
	return ret;
}

void resolver_open(struct resolver *r)
{
	struct azs_file_data f = {0};

	memset(r, 0, sizeof(*r));
	if (!azs_file_read(HOSTS_PATH, 1 << 20, &f)) {
		r->hosts = f.data;
		r->hosts_len = f.len;
	}
	if (!azs_file_read(RESOLV_PATH, 64 * 1024, &f)) {
		r->n_servers = azs_dns_nameservers(f.data, f.len, r->servers, RESOLVER_MAX_SERVERS);
		azs_file_data_free(&f);
	}
}

void resolver_close(struct resolver *r)
{
	free(r->hosts);
	r->hosts = NULL;
}

int resolver_lookup(const struct resolver *r, const char *name, uint32_t *addrs, size_t max,
		    size_t *n)
{
	*n = 0;
	if (!max)
		return -ENOSPC;
	if (!azs_ipv4_parse(name, &addrs[0]) ||
	    (r->hosts && !azs_hosts_lookup(r->hosts, r->hosts_len, name, &addrs[0]))) {
		*n = 1;
		return 0;
	}
	return dns(r, name, addrs, max, n);
}
