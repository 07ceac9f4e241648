/* SPDX-License-Identifier: MIT */
/* applibs power management. Capability PowerControls. */
#ifndef APPLIBS_POWERMANAGEMENT_H
#define APPLIBS_POWERMANAGEMENT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t PowerManagement_System_PowerProfile;
enum {
	PowerManagement_PowerSaver = 0,
	PowerManagement_Balanced = 1,
	PowerManagement_HighPerformance = 2,
};

/* System power states of z__PowerManagement_TransitionToSystemPowerState. */
#define z__POWERMANAGEMENT_STATE_FORCE_REBOOT     0u
#define z__POWERMANAGEMENT_STATE_FORCE_POWER_DOWN 1u

struct z__PowerManagement_PowerDownParams {
	unsigned int maximum_residency_in_seconds;
};

int z__PowerManagement_TransitionToSystemPowerState(uint32_t state, void *params);

static inline int PowerManagement_ForceSystemReboot(void)
{
	return z__PowerManagement_TransitionToSystemPowerState(
		z__POWERMANAGEMENT_STATE_FORCE_REBOOT, (void *)0);
}

static inline int PowerManagement_ForceSystemPowerDown(unsigned int maximum_residency_in_seconds)
{
	struct z__PowerManagement_PowerDownParams p = {maximum_residency_in_seconds};

	return z__PowerManagement_TransitionToSystemPowerState(
		z__POWERMANAGEMENT_STATE_FORCE_POWER_DOWN, &p);
}

int PowerManagement_SetSystemPowerProfile(PowerManagement_System_PowerProfile desired_profile);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_POWERMANAGEMENT_H */
