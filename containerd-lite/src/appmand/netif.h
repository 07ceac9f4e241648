/* SPDX-License-Identifier: MIT */
/*
 * netif.c: wlan0 (the simulated radio's interface), interface state, DHCP,
 * time sync, the device's proxy.
 * Layer: services, the device (docs/application-manager.md, "Layers"): includes
 * only the utilities' headers (the radio, wifi.h, is above it: it calls
 * netif_radio_join/leave, never the other way).
 */
#ifndef AZS_APPMAND_NETIF_H
#define AZS_APPMAND_NETIF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "appmand.h"

int netif_init(struct appmand *d);
/*
 * The device's proxy from the host (azsphere device network proxy): P checked
 * as an app's Networking_Proxy_Apply, stored and set; NULL deletes it. 0, or
 * -EINVAL with the rule in WHY (SIZE bytes), or -errno.
 */
int netif_proxy_set(struct appmand *d, const struct azs_rt_proxy *p, char *why, size_t size);
void netif_list(const struct appmand *d, const struct app *a, struct azs_rt_net_ifaces *out);
int netif_request(struct appmand *d, struct app *a, const struct azs_rt_request *r, void *out,
		  size_t *out_len);
/* The radio's end of wlan0 into / out of the access point's namespace (process AP's). */
int netif_radio_join(struct appmand *d, pid_t ap);
int netif_radio_leave(struct appmand *d, pid_t ap);
/* wlan0 is administratively up. */
bool netif_wlan_up(void);
/* Start or stop wlan0's services (DHCP client, time sync) as the configuration says. */
void netif_update(struct appmand *d);
/* Run PATH with ARGV, waited for: 0 if it exited 0, else -EPROTO (or -errno). */
int netif_run(const char *path, char *const argv[]);

#endif /* AZS_APPMAND_NETIF_H */
