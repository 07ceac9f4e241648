// SPDX-License-Identifier: MIT
/*
 * The syntax of AllowedConnections entries: a host name (RFC 1123 labels),
 * a DNS-SD name (labels may start with '_', as in "_sample-service._tcp.local")
 * or an IPv4 address in dotted-quad form. No wildcards, ports, URLs, IPv6.
 */
#ifndef AZS_HOSTNAME_H
#define AZS_HOSTNAME_H

#include <stddef.h>

/* The longest accepted name, as DNS allows. */
#define AZS_HOSTNAME_MAX 253

/*
 * 0 if NAME (LEN bytes) is an acceptable AllowedConnections entry, otherwise
 * -EINVAL and the reason in REASON (SIZE bytes).
 */
int azs_connection_name_check(const char *name, size_t len, char *reason, size_t size);

#endif /* AZS_HOSTNAME_H */
