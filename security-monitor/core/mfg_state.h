/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Manufacturing state rules: Blank -> Module1Complete -> DeviceComplete. */
#ifndef AZS_MFG_STATE_H
#define AZS_MFG_STATE_H

#include "azsphere/types.h"
#include "uapi/azsphere/security.h"

/*
 * May the state move from cur to next? 0 (next == cur is a no-op),
 * -EINVAL (next is not a settable state: only Module1Complete and
 * DeviceComplete are), -EPERM (backwards: the states are one-way).
 */
int azs_mfg_check_transition(u32 cur, u32 next);

/* "Blank", "Module1Complete", "DeviceComplete" or NULL. */
const char *azs_mfg_state_name(u32 state);

#endif /* AZS_MFG_STATE_H */
