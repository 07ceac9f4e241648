/* SPDX-License-Identifier: MIT */
/*
 * lifecycle.c: the one path of each operation on an app, for the control
 * socket and cloud updates alike.
 * Layer: operations (docs/application-manager.md, "Layers"): below control.h
 * and cloud.h, which call it; includes the services' and utilities' headers.
 */
#ifndef AZS_APPMAND_LIFECYCLE_H
#define AZS_APPMAND_LIFECYCLE_H

#include <stdbool.h>

#include "appmand.h"

struct json_object;
/* Start A (by request): it should run; its peripherals, its trust, its sandbox. 0 or -errno. */
int lifecycle_start(struct appmand *d, struct app *a);
/* Stop A (by request): it stays stopped, also after a reboot. */
void lifecycle_stop(struct appmand *d, struct app *a);
/* After an install or update stored on the flash: apply it now (restart the app); into O. */
void lifecycle_apply(struct appmand *d, struct app *a, bool is_update,
		     const struct azs_resource_list *before, struct json_object *o);
/* The same; START false leaves it installed and stopped (sideload deploy --manual-start). */
void lifecycle_apply_ex(struct appmand *d, struct app *a, bool is_update,
			const struct azs_resource_list *before, struct json_object *o, bool start);
/*
 * Remove A: always stop it first (its sandbox, timers and channel leave the
 * event loop), then release its peripherals if RELEASE_NOW (else the reboot
 * that follows configures the firewall without it), then delete it from the
 * flash. The slot is free afterwards.
 */
void lifecycle_remove(struct appmand *d, struct app *a, bool release_now);

#endif /* AZS_APPMAND_LIFECYCLE_H */
