// SPDX-License-Identifier: MIT
/*
 * The network plan for apps with network capabilities (docs/network.md):
 * every such app has a network namespace of its own, linked to the device's
 * by a veth pair on a /30 of its own, derived from its uid:
 *
 *   uid U (AZS_APP_UID_MIN + k)  subnet 10.213.0.0 + 4k /30
 *                                device side  .1  interface "azs-app<U>"
 *                                app side     .2  interface "eth0"
 *
 * AllowedConnections names are resolved by the runtime from a hosts file
 * (the device's /etc/hosts): the app sees exactly the names it was granted
 * in its own /etc/hosts, and the kernel (nftables, net_rules.h) lets its
 * packets reach exactly those addresses.
 */
#ifndef AZS_NET_PLAN_H
#define AZS_NET_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "azs_error.h"

#define AZS_NET_SUBNET       0x0ad50000u /* 10.213.0.0/16 */
#define AZS_NET_PREFIX       30
#define AZS_NET_IFNAME_MAX   16 /* IFNAMSIZ */
#define AZS_NET_APP_IFNAME   "eth0"
#define AZS_NET_IFNAME_MATCH "azs-app*"

struct azs_net_link {
	char host_if[AZS_NET_IFNAME_MAX];
	uint32_t host_addr; /* host byte order */
	uint32_t app_addr;
	unsigned int prefix;
};

/* The link of the app with uid UID: 0, or -ERANGE outside the app uid range. */
int azs_net_link_for_uid(uint32_t uid, struct azs_net_link *link);

/* Dotted quad of ADDR (host byte order) into BUF (at least 16 bytes). */
void azs_ipv4_format(uint32_t addr, char *buf, size_t size);

/* Strict dotted quad (no leading zeros, no shorthand): 0 or -EINVAL. */
int azs_ipv4_parse(const char *text, uint32_t *addr);

/*
 * Resolve NAME through a hosts file's text (LEN bytes): an IPv4 literal is
 * itself; otherwise the first IPv4 line that lists NAME (case-insensitive)
 * as its canonical name or an alias. 0 and *addr, or -ENOENT.
 */
int azs_hosts_lookup(const char *text, size_t len, const char *name, uint32_t *addr);

#endif /* AZS_NET_PLAN_H */
