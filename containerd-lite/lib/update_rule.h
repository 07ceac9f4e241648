/* SPDX-License-Identifier: MIT */
/*
 * The update rule of seed 002: while the peripheral configuration is locked,
 * an application change that acquires or releases peripherals can only take
 * effect after a device reboot; every other change applies at once (the app
 * is simply (re)started or stopped).
 *
 *   locked, install of an app that uses peripherals           -> reboot
 *   locked, update to a different set of peripherals          -> reboot
 *   locked, removal (cloud update) of an app using peripherals -> reboot
 *   locked, install or removal of an app without peripherals  -> now
 *   locked, update with exactly the same peripherals          -> now
 *   not locked: every change                                  -> now
 */
#ifndef AZS_UPDATE_RULE_H
#define AZS_UPDATE_RULE_H

#include <stdbool.h>

#include "resources.h"

enum azs_app_change {
	AZS_CHANGE_INSTALL, /* a new app */
	AZS_CHANGE_UPDATE,  /* a new version of an installed app */
	AZS_CHANGE_REMOVE,  /* an installed app deleted */
};

enum azs_change_timing {
	AZS_APPLY_NOW,
	AZS_APPLY_AFTER_REBOOT,
};

/*
 * before: the installed version's resources (NULL for an install); after:
 * the new version's (NULL for a removal).
 */
enum azs_change_timing azs_update_rule(bool locked, enum azs_app_change change,
				       const struct azs_resource_list *before,
				       const struct azs_resource_list *after);

#endif /* AZS_UPDATE_RULE_H */
