/* SPDX-License-Identifier: MIT */
/*
 * resolver.c: an AllowedConnections name to addresses (literal, /etc/hosts, DNS).
 * Layer: utilities (docs/application-manager.md, "Layers"): pure of the
 * daemon's state; includes none of its headers.
 */
#ifndef AZS_APPMAND_RESOLVER_H
#define AZS_APPMAND_RESOLVER_H

#include <stddef.h>
#include <stdint.h>

#define RESOLVER_MAX_SERVERS 3
struct resolver {
	char *hosts; /* /etc/hosts, or NULL */
	size_t hosts_len;
	uint32_t servers[RESOLVER_MAX_SERVERS]; /* resolv.conf's IPv4 name servers */
	size_t n_servers;
};
void resolver_open(struct resolver *r);
void resolver_close(struct resolver *r);
int resolver_lookup(const struct resolver *r, const char *name, uint32_t *addrs, size_t max,
		    size_t *n);

#endif /* AZS_APPMAND_RESOLVER_H */
