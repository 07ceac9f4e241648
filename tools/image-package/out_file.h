// SPDX-License-Identifier: MIT
/* All-or-nothing output files and bounded whole-file reads. */
#ifndef IP_OUT_FILE_H
#define IP_OUT_FILE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Write LEN bytes to PATH through a temporary file in the same directory,
 * renamed over PATH once complete (common/: azs_atomic_write_file, the
 * directory synced too). 0 or -errno (with a message naming PATH).
 */
int ip_write_file_atomic(const char *path, const void *buf, size_t len);

/*
 * Read the whole regular file PATH, at most MAX bytes, into a new buffer
 * (free()). 0 or -errno with a message naming WHAT (the option) and PATH;
 * -EFBIG if larger.
 */
int ip_read_file(const char *what, const char *path, size_t max, uint8_t **buf, size_t *len);

#endif /* IP_OUT_FILE_H */
