// SPDX-License-Identifier: MIT
/*
 * The app's own network namespace: the loopback interface, up (AC-30), and
 * for an app with network capabilities its end of a veth pair to the
 * device (veth.h) with its address and a default route through the device.
 */
#ifndef AZS_SANDBOX_NET_H
#define AZS_SANDBOX_NET_H

#include <stdint.h>

/* Bring lo up in the caller's network namespace. Returns 0 or a negative errno. */
int sb_loopback_up(void);

/* Give interface NAME the IPv4 address ADDR/PREFIX (host byte order) and bring it up. */
int sb_if_configure(const char *name, uint32_t addr, unsigned int prefix);

/* A default route through GW (host byte order). */
int sb_default_route(uint32_t gw);

#endif /* AZS_SANDBOX_NET_H */
