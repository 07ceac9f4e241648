// SPDX-License-Identifier: MIT
/*
 * Scope-bound freeing (common/include/azs/cleanup.h: azs_cleanup, azs_freep,
 * azs_closep, ...), and the json-c objects' helpers on top of it.
 */
#ifndef AZS_CLEANUP_H
#define AZS_CLEANUP_H

#include <json-c/json.h>

#include <azs/cleanup.h>

static inline void azs_json_putp(struct json_object **o)
{
	json_object_put(*o);
}

static inline void azs_tokener_freep(struct json_tokener **t)
{
	if (*t)
		json_tokener_free(*t);
}

#endif /* AZS_CLEANUP_H */
