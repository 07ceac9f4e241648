/* SPDX-License-Identifier: MIT */
/*
 * wifi.c: the Wi-Fi store and the simulated radio.
 * Layer: services, app state (docs/application-manager.md, "Layers"): includes
 * netif.h (the radio moves wlan0's end) and the utilities' headers.
 */
#ifndef AZS_APPMAND_WIFI_H
#define AZS_APPMAND_WIFI_H

#include <stddef.h>

#include "appmand.h"

/* 0, or -errno with d->wifi_broken saying why (the store then refuses requests). */
int wifi_load(struct appmand *d);
/* Connect wlan0 to, or disconnect it from, the simulated radio's access points as the store says. */
void wifi_radio_update(struct appmand *d);
int wifi_radio_request(struct appmand *d, const struct azs_rt_request *r,
		       struct azs_rt_wifi_scan *scan, struct azs_rt_wifi_current *cur, size_t *out_len);
int wifi_request(struct appmand *d, const struct azs_rt_request *r, struct azs_rt_i32 *id,
		 struct azs_rt_wifi_list *list, size_t *out_len);

#endif /* AZS_APPMAND_WIFI_H */
