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

#endif /* AZSPHERE_FIREWALL_CHECK_H */
