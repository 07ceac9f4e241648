// SPDX-License-Identifier: MIT
/*
 * Scope-bound freeing for all of the userspace (common/): a variable declared
 * with azs_cleanup(fn) is released by fn(&variable) when it goes out of
 * scope. Every fn here accepts "nothing to free" (NULL, or -1 for a
 * descriptor), so variables start out empty, and leaves errno as it was (a
 * cleanup on an error path must not replace the error being returned).
 * Library-specific ones (json-c, OpenSSL) build on this: cleanup_ossl.h,
 * containerd-lite/lib/cleanup.h.
 */
#ifndef AZS_COMMON_CLEANUP_H
#define AZS_COMMON_CLEANUP_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define azs_cleanup(fn) __attribute__((cleanup(fn)))

static inline void azs_freep(void *p)
{
	free(*(void **)p);
}

static inline void azs_closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;

		close(*fd);
		errno = saved;
	}
}

static inline void azs_fclosep(FILE **f)
{
	if (*f) {
		int saved = errno;

		fclose(*f);
		errno = saved;
	}
}

static inline void azs_closedirp(DIR **d)
{
	if (*d) {
		int saved = errno;

		closedir(*d);
		errno = saved;
	}
}

/* Hand a descriptor over (to a caller, a struct): returns it, leaves -1. */
static inline int azs_take_fd(int *fd)
{
	int v = *fd;

	*fd = -1;
	return v;
}

/* Hand a pointer over so cleanup skips it: returns it, leaves NULL. */
#define azs_steal(p)                                                                               \
	({                                                                                         \
		__typeof__(p) _stolen = (p);                                                       \
		(p) = NULL;                                                                        \
		_stolen;                                                                           \
	})

#endif /* AZS_COMMON_CLEANUP_H */
