/* SPDX-License-Identifier: MIT */
/*
 * The Wi-Fi store's file on the flash (STATE/wifi-networks.json, 0600): its
 * writer and its strict reader. Pure (host.appmand_stores).
 *
 *   {"SchemaVersion":1,"Networks":[{"id":0,"ssid":"<hex>","security":2,
 *     "enabled":true,"targeted":false,"name":"home","psk":"<hex>"}, ...]}
 *
 * Every key is required and no other is allowed; ids 0..36, each once; ssid
 * 0..32 bytes and psk 0 or 8..64 bytes as lower- or upper-case hex; security
 * 0 (not set yet), 1 (Open) or 2 (WPA2-PSK); name 0..16 printable ASCII, a
 * non-empty name once. Anything else is refused naming the field; nothing is
 * half-loaded.
 */
#ifndef AZS_APPMAND_WIFI_STORE_H
#define AZS_APPMAND_WIFI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "azs_error.h"
#include <azsphere/runtime_proto.h>

#define WIFI_STORE_MAX_BYTES (64 * 1024)

/* One stored Wi-Fi network. */
struct wifi_net {
	bool used;
	struct azs_rt_wifi_net pub; /* what apps may read */
	uint8_t psk[AZS_RT_WIFI_PSK_MAX];
	uint8_t psk_len;
};

/* TEXT (LEN bytes) into NETS (all AZS_RT_WIFI_MAX_NETWORKS, cleared first). 0 or -EINVAL / -EFBIG /
 * -ENOMEM. */
int wifi_store_parse(const char *text, size_t len, struct wifi_net *nets, struct azs_error *err);

/* NETS as the file's text: a new string in *TEXT (free()). 0 or -ENOMEM. */
int wifi_store_format(const struct wifi_net *nets, char **text);

#endif /* AZS_APPMAND_WIFI_STORE_H */
