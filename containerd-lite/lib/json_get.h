// SPDX-License-Identifier: MIT
/*
 * Typed reads of json-c values for strict schemas. Each check returns 0 or
 * -EINVAL having filled err with PATH and a reason ("expected an integer,
 * got a string", "must be between 1 and 64 (got 65)").
 */
#ifndef AZS_JSON_GET_H
#define AZS_JSON_GET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "azs_error.h"

/* The member KEY of object OBJ, or NULL if it has none. */
struct json_object *azs_json_member(struct json_object *obj, const char *key);

/* "an integer", "a string", ... */
const char *azs_json_type_name(struct json_object *v);

/* Refuse the first key of OBJ (document order) not in KNOWN (NULL-terminated). */
int azs_json_known_keys(struct json_object *obj, const char *path, const char *const *known,
			struct azs_error *err);

/* V (possibly NULL: missing) must be present and of TYPE. */
int azs_json_want(struct json_object *v, enum json_type type, const char *path,
		  struct azs_error *err);

int azs_json_int(struct json_object *v, const char *path, int64_t min, int64_t max, int64_t *out,
		 struct azs_error *err);
int azs_json_bool(struct json_object *v, const char *path, bool *out, struct azs_error *err);

/* String checks (flags). */
#define AZS_STR_NO_CONTROL 0x1 /* no C0 control characters, no DEL */

/*
 * A string of MIN_LEN..MAX_LEN bytes (never with a NUL inside). *OUT points
 * into V; *LEN (if not NULL) gets its length.
 */
int azs_json_string(struct json_object *v, const char *path, size_t min_len, size_t max_len,
		    unsigned int flags, const char **out, size_t *len, struct azs_error *err);

#endif /* AZS_JSON_GET_H */
