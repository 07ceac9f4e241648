// SPDX-License-Identifier: MIT
/*
 * Power controls (reboot, power down, power profile).
 * Not available yet: this needs the application manager's runtime channel,
 * which does not exist yet. Every call that would reach the system fails
 * with ENOSYS; nothing pretends to succeed.
 */

#include <applibs/powermanagement.h>

#include "internal.h"

int z__PowerManagement_TransitionToSystemPowerState(uint32_t state, void *params)
{
	(void)state;
	(void)params;
	return azs_fail(ENOSYS);
}

int PowerManagement_SetSystemPowerProfile(PowerManagement_System_PowerProfile desired_profile)
{
	(void)desired_profile;
	return azs_fail(ENOSYS);
}
