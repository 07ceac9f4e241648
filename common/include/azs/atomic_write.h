// SPDX-License-Identifier: MIT
/*
 * All-or-nothing file writes, the one way the userspace writes a file that
 * must survive a crash or power loss whole (common/atomic_write.c):
 *
 *   a new temporary name in the same directory (O_EXCL, not following
 *   links), all of the data written, fsync, close, rename over the name,
 *   fsync of the directory.
 *
 * After a crash at any point the name holds either its old content or all
 * of the new. An error at any step is returned as -errno and the temporary
 * file is removed; up to the rename the old file is untouched. (A failure of
 * the directory's fsync is reported too, though the new file is then in
 * place: its rename may not be durable.)
 *
 * The temporary name is ".NAME.PID.N.tmp": after a crash, a directory's
 * reader recognises a leftover with azs_atomic_write_is_temp() and removes
 * it (the old file stands beside it).
 */
#ifndef AZS_COMMON_ATOMIC_WRITE_H
#define AZS_COMMON_ATOMIC_WRITE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Write LEN bytes of DATA as NAME in the directory DIRFD, the file with
 * exactly MODE (not masked by the umask). NAME is one path component (no
 * '/', not "." or ".."): -EINVAL otherwise, -ENAMETOOLONG if its temporary
 * name would exceed NAME_MAX. 0 or -errno.
 */
int azs_atomic_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode);

/*
 * The same with the bytes [0, LEN) of the file SRC (its file offset is not
 * used or moved), copied in the kernel (sendfile): a large file already in a
 * file descriptor (a sealed package's memfd) is neither mapped nor copied
 * through the caller. -EIO if SRC has fewer than LEN bytes, -EBADF if SRC < 0.
 */
int azs_atomic_copy_at(int dirfd, const char *name, int src, size_t len, mode_t mode);

/*
 * The same in two steps, for bytes that are not yet known to be wanted (a
 * package still being verified): azs_atomic_stage_copy() makes the temporary
 * in DIRFD beside NAME and copies [0, LEN) of SRC into it with MODE while
 * the caller works; azs_atomic_stage_commit() waits for the copy, fsyncs it,
 * renames it to NAME in DIRFD (the staging directory or another on the same
 * file system) and fsyncs that directory (not the staging one: a cut that
 * undoes the temporary's removal there leaves a temporary, which its reader
 * removes as after any cut); azs_atomic_stage_abort() waits for it and
 * removes it. Until the commit's rename the name is untouched, and a cut
 * leaves only the temporary (azs_atomic_write_is_temp()). On an error the
 * temporary is gone.
 *
 * A source sealed against shrinking and writing (a sealed memfd, whose
 * bytes nothing can change) of at least AZS_ATOMIC_STAGE_BACKGROUND bytes
 * is written by a thread, with direct I/O where the file system has it: the
 * flash takes the pages of SRC themselves (no copy into the page cache,
 * no CPU spent on it) while the caller verifies them; the thread's error,
 * if any, is the commit's. Any other source is copied before
 * azs_atomic_stage_copy() returns (as azs_atomic_copy_at), its writeback
 * started. The caller must not close SRC before the commit or the abort.
 */
#define AZS_ATOMIC_STAGE_BACKGROUND (256u * 1024)
struct azs_atomic_stage {
	int dirfd, fd;
	char tmp[256]; /* NAME_MAX + 1 */
	/* The background copy: its thread (if writing), source, length, result. */
	pthread_t writer;
	bool writing;
	int src, result;
	size_t len;
};
int azs_atomic_stage_copy(struct azs_atomic_stage *st, int dirfd, const char *name, int src,
			  size_t len, mode_t mode);
int azs_atomic_stage_commit(struct azs_atomic_stage *st, int dirfd, const char *name);
void azs_atomic_stage_abort(struct azs_atomic_stage *st);

/*
 * The same for PATH (its directory, then azs_atomic_write_at); PATH must
 * name a file (-EINVAL for "", a trailing '/', "." or ".."). 0 or -errno.
 */
int azs_atomic_write_file(const char *path, const void *data, size_t len, mode_t mode);

/* Whether the directory entry NAME is a temporary of this write (".*.tmp"). */
bool azs_atomic_write_is_temp(const char *name);

#endif /* AZS_COMMON_ATOMIC_WRITE_H */
