/* SPDX-License-Identifier: MIT */
/*
 * cloud.c: cloud updates (deployments from the Security Service).
 * Layer: operations (docs/application-manager.md, "Layers"): above lifecycle.h,
 * whose operations it applies; called by control.c only, never calling up
 * into it.
 */
#ifndef AZS_APPMAND_CLOUD_H
#define AZS_APPMAND_CLOUD_H

#include <stdbool.h>

#include "appmand.h"

struct json_object;
struct json_object *cloud_update(struct appmand *d, const char *dir, bool *reboot);
/* The last applied deployment's targeted images: {"ok":true,"images":[...],...}. */
struct json_object *cloud_targeted(struct appmand *d);

#endif /* AZS_APPMAND_CLOUD_H */
