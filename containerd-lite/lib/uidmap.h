/* SPDX-License-Identifier: MIT */
/*
 * Each app's own Linux uid, by component ID. The map only grows: a
 * component that is removed and installed again gets its old uid back, and
 * a uid is never handed to another component. Persisted as text, one
 * "<uid> <component id>" line per app, parsed strictly.
 */
#ifndef AZS_UIDMAP_H
#define AZS_UIDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "azs_error.h"
#include "guid.h"

#define AZS_APP_UID_MIN 2000
#define AZS_APP_UID_MAX 2999
#define AZS_UIDMAP_MAX  256

struct azs_uidmap {
	size_t n;
	struct {
		struct azs_guid cid;
		uint32_t uid;
	} e[AZS_UIDMAP_MAX];
};

void azs_uidmap_init(struct azs_uidmap *m);

/* Parse the persisted text: 0, or -EINVAL naming the line and the problem. */
int azs_uidmap_parse(const char *text, size_t len, struct azs_uidmap *m, struct azs_error *err);

/* Write the text form into buf: its length, or -ENOSPC if it doesn't fit. */
int azs_uidmap_format(const struct azs_uidmap *m, char *buf, size_t size);

/*
 * The uid of component cid, allocating the next free one if it has none
 * (*created tells). -ENOSPC when the uid range or the map is full.
 */
int azs_uidmap_get(struct azs_uidmap *m, const struct azs_guid *cid, uint32_t *uid, bool *created);

#endif /* AZS_UIDMAP_H */
