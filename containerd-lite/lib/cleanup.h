// SPDX-License-Identifier: MIT
/*
 * Scope-bound freeing: a variable declared with azs_cleanup(fn) is released
 * by fn(&variable) when it goes out of scope. Every fn here accepts "nothing
 * to free" (NULL, or -1 for a descriptor), so variables start out empty.
 */
#ifndef AZS_CLEANUP_H
#define AZS_CLEANUP_H

#include <stdlib.h>
#include <unistd.h>

#include <json-c/json.h>

#define azs_cleanup(fn) __attribute__((cleanup(fn)))

static inline void azs_freep(void *p)
{
	free(*(void **)p);
}

static inline void azs_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void azs_json_putp(struct json_object **o)
{
	json_object_put(*o);
}

static inline void azs_tokener_freep(struct json_tokener **t)
{
	if (*t)
		json_tokener_free(*t);
}

/* Hand a variable's value over (to a caller, a struct) so cleanup skips it. */
#define azs_steal(p)                                                                               \
	({                                                                                         \
		__typeof__(p) _stolen = (p);                                                       \
		(p) = NULL;                                                                        \
		_stolen;                                                                           \
	})

#endif /* AZS_CLEANUP_H */
