// SPDX-License-Identifier: MIT
/* Typed reads of json-c values (see json_get.h). */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "json_get.h"

struct json_object *azs_json_member(struct json_object *obj, const char *key)
{
	struct json_object *v = NULL;

	if (!json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

static const char *type_name(enum json_type type)
{
	switch (type) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
		return "a non-integer number";
	case json_type_int:
		return "an integer";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "an unknown type";
}

const char *azs_json_type_name(struct json_object *v)
{
	return type_name(json_object_get_type(v));
}

int azs_json_known_keys(struct json_object *obj, const char *path, const char *const *known,
			struct azs_error *err)
{
	char field[AZS_PATH_MAX];

	json_object_object_foreach(obj, key, val)
	{
		const char *const *k;

		(void)val;
		for (k = known; *k; k++)
			if (!strcmp(*k, key))
				break;
		if (!*k) {
			azs_path_key(field, sizeof(field), path, key);
			return azs_error_set(err, -EINVAL, field, "unknown key");
		}
	}
	return 0;
}

int azs_json_want(struct json_object *v, enum json_type type, const char *path,
		  struct azs_error *err)
{
	if (!v && type != json_type_null)
		return azs_error_set(err, -EINVAL, path, "missing required key");
	if (json_object_get_type(v) != type)
		return azs_error_set(err, -EINVAL, path, "expected %s, got %s", type_name(type),
				     azs_json_type_name(v));
	return 0;
}

int azs_json_int(struct json_object *v, const char *path, int64_t min, int64_t max, int64_t *out,
		 struct azs_error *err)
{
	int ret = azs_json_want(v, json_type_int, path, err);
	int64_t n;

	if (ret)
		return ret;
	n = json_object_get_int64(v);
	/* The strict scanner refuses integers beyond int64_t; json-c clamps them. */
	if (n < min || n > max) {
		if (min == max)
			return azs_error_set(err, -EINVAL, path,
					     "must be %" PRId64 " (got %" PRId64 ")", min, n);
		return azs_error_set(err, -EINVAL, path,
				     "must be between %" PRId64 " and %" PRId64 " (got %" PRId64
				     ")",
				     min, max, n);
	}
	*out = n;
	return 0;
}

int azs_json_bool(struct json_object *v, const char *path, bool *out, struct azs_error *err)
{
	int ret = azs_json_want(v, json_type_boolean, path, err);

	if (ret)
		return ret;
	*out = json_object_get_boolean(v);
	return 0;
}

int azs_json_string(struct json_object *v, const char *path, size_t min_len, size_t max_len,
		    unsigned int flags, const char **out, size_t *len, struct azs_error *err)
{
	int ret = azs_json_want(v, json_type_string, path, err);
	const char *s;
	size_t n;

	if (ret)
		return ret;
	s = json_object_get_string(v);
	n = (size_t)json_object_get_string_len(v);
	if (strlen(s) != n)
		return azs_error_set(err, -EINVAL, path, "NUL character in a string");
	if (n < min_len) {
		if (min_len == 1)
			return azs_error_set(err, -EINVAL, path, "must not be empty");
		return azs_error_set(err, -EINVAL, path, "shorter than %zu bytes", min_len);
	}
	if (n > max_len)
		return azs_error_set(err, -EINVAL, path, "longer than %zu bytes", max_len);
	if (flags & AZS_STR_NO_CONTROL) {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c < 0x20 || c == 0x7f)
				return azs_error_set(err, -EINVAL, path,
						     "control character 0x%02x at offset %zu", c,
						     i);
		}
	}
	*out = s;
	if (len)
		*len = n;
	return 0;
}
