// SPDX-License-Identifier: MIT
/* Whole-file reads and all-or-nothing writes. */
#ifndef SS_FILE_IO_H
#define SS_FILE_IO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Write LEN bytes to PATH through a temporary file in the same directory,
 * renamed over PATH once complete: PATH is either left as it was or holds
 * all of BUF (common/: azs_atomic_write_file, the directory synced too).
 * 0 or -errno (with a message naming PATH).
 */
int ss_write_file_atomic(const char *path, const void *buf, size_t len);

/* As ss_write_file_atomic, the file with MODE (0600 for a private key). */
int ss_write_file_atomic_mode(const char *path, const void *buf, size_t len, mode_t mode);

/*
 * Read the whole of PATH into BUF (at most CAP bytes); *LEN gets its size.
 * 0 or -errno (with a message); -EFBIG if PATH holds more than CAP bytes.
 */
int ss_read_file(const char *path, void *buf, size_t cap, size_t *len);

#endif /* SS_FILE_IO_H */
