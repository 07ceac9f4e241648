// SPDX-License-Identifier: MIT
/*
 * The runtime's DNS client, the pure half: an A query for a name, and a
 * strict reading of the answer (RFC 1035). AllowedConnections names the
 * device's hosts file doesn't know are resolved with it (net_plan.h). The
 * answer comes from the network, so nothing in it is trusted: every length
 * and pointer is bounds-checked, compression pointers must point backwards
 * (no loops), and only A records for the queried name, or for the CNAME
 * chain the answer itself starts at that name, are taken.
 */
#ifndef AZS_DNS_H
#define AZS_DNS_H

#include <stddef.h>
#include <stdint.h>

#define AZS_DNS_MSG_MAX  512 /* UDP without EDNS */
#define AZS_DNS_MAX_ADDR 8

/* The query for NAME's A records with ID into BUF: its length, or -EINVAL (a bad name), -ENOSPC. */
int azs_dns_query(const char *name, uint16_t id, uint8_t *buf, size_t size);

/*
 * Read the answer MSG (LEN bytes) to query ID for NAME: 0 and the addresses
 * (host byte order) in ADDRS[0..*N), at most MAX; -ENOENT for a name that
 * doesn't exist or has no A record; -EBADMSG for anything malformed or not
 * the answer to this query; -EAGAIN for a server failure or a truncated answer.
 */
int azs_dns_answer(const uint8_t *msg, size_t len, uint16_t id, const char *name, uint32_t *addrs,
		   size_t max, size_t *n);

/* The IPv4 "nameserver" lines of resolv.conf TEXT (LEN bytes), at most MAX: their count. */
size_t azs_dns_nameservers(const char *text, size_t len, uint32_t *servers, size_t max);

#endif /* AZS_DNS_H */
