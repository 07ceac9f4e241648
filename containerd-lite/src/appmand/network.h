/* SPDX-License-Identifier: MIT */
/*
 * network.c: network capabilities (veth link, hosts, packet filter).
 * Layer: services, app state (docs/application-manager.md, "Layers"): includes
 * resolver.h and the utilities' headers.
 */
#ifndef AZS_APPMAND_NETWORK_H
#define AZS_APPMAND_NETWORK_H

#include <stdbool.h>
#include <stddef.h>

#include "appmand.h"

struct azs_sandbox_config;
bool network_wanted(const struct app *a);
int network_init(struct appmand *d);
int network_prepare(struct appmand *d, struct app *a, struct azs_sandbox_config *cfg, char *hosts,
		    size_t size);
void network_release(struct appmand *d, struct app *a);

#endif /* AZS_APPMAND_NETWORK_H */
