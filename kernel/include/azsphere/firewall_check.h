/* SPDX-License-Identifier: GPL-2.0-only */
/* In-kernel API of the peripheral firewall, for the simulated board. */
#ifndef AZSPHERE_FIREWALL_CHECK_H
#define AZSPHERE_FIREWALL_CHECK_H

#include <linux/uidgid.h>

/*
 * May uid use resource (kind, index) now? 0 when the resource's block is
 * assigned to the HL core in that function and uid owns the resource,
 * -EACCES otherwise (-EINVAL for a resource not in the inventory). Does not
 * sleep: callable from any context the board needs.
 */
int azs_firewall_check(u32 kind, u32 index, kuid_t uid);

/*
 * May I/O core CORE (AZS_FW_CORE_IO0/IO1) access resource (kind, index)
 * now? 0 when the block's firewall register names that core, -EACCES
 * otherwise, -EINVAL for an unknown resource or a core that is no I/O core.
 * Does not sleep. Only the board's initiator device calls it, for an fd the
 * platform bound to CORE (board_iocore.c).
 */
int azs_firewall_core_check(u32 kind, u32 index, u32 core);

#endif /* AZSPHERE_FIREWALL_CHECK_H */
