// SPDX-License-Identifier: MIT
/* Between manifest.c (top-level keys) and manifest_caps.c (Capabilities). */
#ifndef AZS_MANIFEST_INTERNAL_H
#define AZS_MANIFEST_INTERNAL_H

#include <json-c/json.h>

#include "manifest.h"

/*
 * Parse the Capabilities object CAPS into M->caps; M's other fields (the
 * application type, the component ID) are already set.
 */
int azs_manifest_parse_caps(struct json_object *caps, struct azs_manifest *m,
			    const struct azs_hwdef *hw, struct azs_error *err);

/* Append a copy of S to the string array *ARRAY of *N entries. */
int azs_manifest_push_string(char ***array, size_t *n, const char *s);

#endif /* AZS_MANIFEST_INTERNAL_H */
