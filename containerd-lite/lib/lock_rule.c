// SPDX-License-Identifier: MIT
/* The peripheral configuration lock condition (see lock_rule.h). */
#include <azsphere/security.h>

#include "lock_rule.h"

bool azs_should_lock(uint32_t mfg_state, uint64_t caps_present)
{
	return mfg_state == AZS_MFG_DEVICE_COMPLETE &&
	       !(caps_present & (UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT));
}
