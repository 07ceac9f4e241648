// SPDX-License-Identifier: MIT
/*
 * The device's packet filter for apps, as an nftables ruleset (text for
 * `nft -f -`), rendered from the apps that have network capabilities. One
 * table, `inet azsphere`, replaced atomically as a whole:
 *
 *   forward (policy drop)  replies to accepted flows; from app A only to
 *                          A's AllowedConnections addresses, with A's own
 *                          source address; to app A only new flows to A's
 *                          AllowedTcpServerPorts / AllowedUdpServerPorts;
 *                          everything else from or to an app is rejected
 *   input                  nothing from an app reaches the device itself
 *
 * Pure: no I/O, so the rules are unit-tested on the host.
 */
#ifndef AZS_NET_RULES_H
#define AZS_NET_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "net_plan.h"

#define AZS_NET_RULES_TABLE "azsphere"

struct azs_net_app {
	struct azs_net_link link;
	const uint32_t *allowed; /* resolved AllowedConnections addresses */
	size_t n_allowed;
	const uint16_t *tcp_ports; /* AllowedTcpServerPorts */
	size_t n_tcp;
	const uint16_t *udp_ports; /* AllowedUdpServerPorts */
	size_t n_udp;
};

/* The ruleset into BUF: its length, or -ENOSPC if SIZE is too small. */
int azs_net_rules_render(const struct azs_net_app *apps, size_t n, char *buf, size_t size);

#endif /* AZS_NET_RULES_H */
