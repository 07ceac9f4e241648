/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The MT3620 peripheral inventory as C data. The table itself is generated
 * at build time from manifests/mt3620/inventory.json (azs_inventory.h); this
 * header describes its rows.
 */
#ifndef AZSPHERE_INVENTORY_H
#define AZSPHERE_INVENTORY_H

#include "azsphere/types.h"
#include "uapi/azsphere/firewall.h"

/* The generated tables are static data; a file may use only some of them. */
#define AZS_INV_TABLE	   __attribute__((__unused__))

#define AZS_INV_FN(kind)   (1u << (kind))
#define AZS_INV_CORE(core) (1u << (core))

struct azs_inv_block {
	const char *name;
	u8 first_pin; /* the block's pins are first_pin .. first_pin + num_pins
			 - 1 */
	u8 num_pins;
	u16 functions; /* AZS_INV_FN() of every kind the block can serve */
	u8 controller; /* index of the block's non-GPIO functions (ISU n, PWM
			  n...) */
	u8 channels;   /* PWM/ADC channels */
};

#endif /* AZSPHERE_INVENTORY_H */
