// SPDX-License-Identifier: MIT
/* The manifest as packed: "$NAME" values replaced by their hardware definition values. */
#ifndef IP_RESOLVE_H
#define IP_RESOLVE_H

#include <stddef.h>

#include "hwdef.h"
#include "manifest.h"

/*
 * Check JSON (LEN bytes) with HW (may be NULL) and write it back with every
 * "$NAME" of the peripheral keys replaced by its value: *OUT (free()), *OUT_LEN
 * bytes, which parse with no hardware definition into the same resources.
 * *M gets the parsed manifest (azs_manifest_free()). 0 or -errno after a
 * message naming the manifest field.
 */
int ip_resolve_manifest(const char *json, size_t len, const struct azs_hwdef *hw, char **out,
			size_t *out_len, struct azs_manifest *m);

#endif /* IP_RESOLVE_H */
