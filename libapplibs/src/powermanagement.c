// SPDX-License-Identifier: MIT
/*
 * Power controls (capability PowerControls), carried out by the runtime:
 * reboot and power-down of the device, the CPU power profile (cpufreq
 * governor; EOPNOTSUPP on a device without cpufreq, as the emulated one).
 * The emulated device has no wake-up alarm: a power-down stays down.
 */
#include <applibs/powermanagement.h>

#include "internal.h"
#include "runtime_client.h"

int z__PowerManagement_TransitionToSystemPowerState(uint32_t state, void *params)
{
	struct azs_rt_power p = {.state = state};

	if (state == z__POWERMANAGEMENT_STATE_FORCE_POWER_DOWN) {
		const struct z__PowerManagement_PowerDownParams *down = params;

		if (!down)
			return azs_fail(EFAULT);
		p.max_residency_s = down->maximum_residency_in_seconds;
		if (p.max_residency_s < 1 || p.max_residency_s > AZS_RT_POWER_MAX_RESIDENCY)
			return azs_fail(EINVAL);
	} else if (state != z__POWERMANAGEMENT_STATE_FORCE_REBOOT) {
		return azs_fail(EINVAL);
	}
	return azs_rt_call(AZS_RT_OP_POWER, &p, sizeof(p), NULL, 0);
}

int PowerManagement_SetSystemPowerProfile(PowerManagement_System_PowerProfile desired_profile)
{
	struct azs_rt_u32 v = {.value = desired_profile};

	if (desired_profile > PowerManagement_HighPerformance)
		return azs_fail(EINVAL);
	return azs_rt_call(AZS_RT_OP_POWER_PROFILE, &v, sizeof(v), NULL, 0);
}
