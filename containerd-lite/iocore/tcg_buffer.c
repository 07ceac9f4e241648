// SPDX-License-Identifier: MIT
/*
 * Unicorn 2.0.1 (Debian's) maps its translated-code buffer as one anonymous
 * executable mapping of 1 GiB on 64-bit hosts, and has no control to make it
 * smaller (uc_ctl's TCG buffer size came with 2.0.2). A device with 512 MiB
 * and the kernel's heuristic overcommit refuses that mapping ("Could not
 * allocate dynamic translator buffer"). Linked with -Wl,--wrap=mmap64, the
 * engine's mmap64 calls come here: an anonymous executable mapping is made
 * MAP_NORESERVE, so only the pages the translator really fills are
 * charged. Every other mapping is passed through unchanged.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/mman.h>
#include <sys/types.h>

void *__real_mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off);
void *__wrap_mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off);

void *__wrap_mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
	if ((flags & MAP_ANONYMOUS) && (prot & PROT_EXEC))
		flags |= MAP_NORESERVE;
	return __real_mmap64(addr, len, prot, flags, fd, off);
}
