// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Manufacturing state rules (see mfg_state.h). */
#include "mfg_state.h"

int azs_mfg_check_transition(u32 cur, u32 next)
{
	if (next != AZS_MFG_MODULE1_COMPLETE && next != AZS_MFG_DEVICE_COMPLETE)
		return -EINVAL;
	if (next < cur)
		return -EPERM;
	return 0;
}

const char *azs_mfg_state_name(u32 state)
{
	switch (state) {
	case AZS_MFG_BLANK:
		return "Blank";
	case AZS_MFG_MODULE1_COMPLETE:
		return "Module1Complete";
	case AZS_MFG_DEVICE_COMPLETE:
		return "DeviceComplete";
	default:
		return NULL;
	}
}
