// SPDX-License-Identifier: MIT
/* The update rule of seed 002 (see update_rule.h). */
#include "update_rule.h"

static bool uses_peripherals(const struct azs_resource_list *r)
{
	return r && r->n > 0;
}

enum azs_change_timing azs_update_rule(bool locked, enum azs_app_change change,
				       const struct azs_resource_list *before,
				       const struct azs_resource_list *after)
{
	if (!locked)
		return AZS_APPLY_NOW;

	switch (change) {
	case AZS_CHANGE_INSTALL:
		return uses_peripherals(after) ? AZS_APPLY_AFTER_REBOOT : AZS_APPLY_NOW;
	case AZS_CHANGE_REMOVE:
		return uses_peripherals(before) ? AZS_APPLY_AFTER_REBOOT : AZS_APPLY_NOW;
	case AZS_CHANGE_UPDATE:
		if (!before || !after)
			return AZS_APPLY_AFTER_REBOOT; /* fail closed */
		return azs_resources_equal(before, after) ? AZS_APPLY_NOW : AZS_APPLY_AFTER_REBOOT;
	}
	return AZS_APPLY_AFTER_REBOOT; /* unknown change: fail closed */
}
