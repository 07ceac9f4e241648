/* SPDX-License-Identifier: MIT */
/*
 * runtime.c: each app's runtime channel (docs/runtime-channel.md): its
 * requests served by the services below, system events to the apps.
 * Layer: services, the apps' channel (docs/application-manager.md, "Layers"):
 * includes wifi.h, netif.h, certstore.h and the utilities' headers.
 */
#ifndef AZS_APPMAND_RUNTIME_H
#define AZS_APPMAND_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "appmand.h"

int runtime_open(struct app *a, int *app_end);
void runtime_close(struct appmand *d, struct app *a);
void runtime_event(struct appmand *d, struct app *a);
void runtime_broadcast(struct appmand *d, uint32_t event, uint32_t status, uint32_t type);
size_t runtime_subscribers(struct appmand *d, uint32_t event);

#endif /* AZS_APPMAND_RUNTIME_H */
