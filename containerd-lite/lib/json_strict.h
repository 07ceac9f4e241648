// SPDX-License-Identifier: MIT
/*
 * Strict JSON documents. json-c alone accepts more than JSON (single-quoted
 * strings, NaN and Infinity, "1.", raw control characters in strings, lone
 * surrogates), clamps integers that don't fit, and keeps the last of two
 * members with the same key without a word. Documents read here go first
 * through a strict scanner that refuses all of that, names duplicate keys
 * with their path, and only then through json-c.
 *
 * null is refused wherever it appears: no key of our schemas takes it, and
 * json-c gives a null member as a NULL pointer, which reads as "absent".
 */
#ifndef AZS_JSON_STRICT_H
#define AZS_JSON_STRICT_H

#include <stddef.h>

#include <json-c/json.h>

#include "azs_error.h"

/* Objects and arrays nest at most this deep. */
#define AZS_JSON_MAX_DEPTH 16

/*
 * Parse TEXT (LEN bytes, no NUL byte) as one JSON object with nothing but
 * whitespace after it. On success *OUT holds a new reference. -EFBIG if LEN
 * exceeds MAX_LEN; -EINVAL for anything malformed, a top level that is not an
 * object, a null anywhere, or a key twice in one object (the field names the
 * second one);
 * -ENOMEM. Every refusal fills err.
 */
int azs_json_parse_object(const char *text, size_t len, size_t max_len, struct json_object **out,
			  struct azs_error *err);

#endif /* AZS_JSON_STRICT_H */
