// SPDX-License-Identifier: MIT
/*
 * Scope-bound freeing: a variable declared with sb_cleanup(fn) is released by
 * fn(&variable) when it goes out of scope. Every fn accepts "nothing to free"
 * (NULL, or -1 for a descriptor), so variables start out empty.
 */
#ifndef AZS_SANDBOX_CLEANUP_H
#define AZS_SANDBOX_CLEANUP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define sb_cleanup(fn) __attribute__((cleanup(fn)))

static inline void sb_freep(void *p)
{
	free(*(void **)p);
}

static inline void sb_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

static inline void sb_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void sb_closedirp(DIR **d)
{
	if (*d)
		closedir(*d);
}

/* Hand a descriptor over: returns it and leaves -1 behind. */
static inline int sb_take_fd(int *fd)
{
	int v = *fd;

	*fd = -1;
	return v;
}

#endif /* AZS_SANDBOX_CLEANUP_H */
