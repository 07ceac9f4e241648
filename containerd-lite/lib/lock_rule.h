/* SPDX-License-Identifier: MIT */
/*
 * When the runtime locks the peripheral configuration (seed 002): at start-up,
 * after all apps are initialised, iff the manufacturing state is
 * DeviceComplete and the appDevelopment device capability is absent.
 */
#ifndef AZS_LOCK_RULE_H
#define AZS_LOCK_RULE_H

#include <stdbool.h>
#include <stdint.h>

/* mfg_state: AZS_MFG_*; caps_present: bit n = capability value n. */
bool azs_should_lock(uint32_t mfg_state, uint64_t caps_present);

#endif /* AZS_LOCK_RULE_H */
