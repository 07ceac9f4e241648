// SPDX-License-Identifier: MIT
/* Bounded reads of regular files. */
#ifndef AZS_FILE_READ_H
#define AZS_FILE_READ_H

#include <stddef.h>
#include <sys/types.h>

struct azs_file_data {
	char *data; /* malloc'd, NUL-terminated */
	size_t len;
	dev_t dev; /* identity, to find a file read twice */
	ino_t ino;
};

/*
 * Read the whole of PATH, which must be a regular file of at most MAX_LEN
 * bytes. 0, or -errno: the open's error (-ENOENT ...), -EINVAL not a regular
 * file, -EFBIG too large, -ENOMEM. Never blocks on a FIFO or a device.
 */
int azs_file_read(const char *path, size_t max_len, struct azs_file_data *out);

void azs_file_data_free(struct azs_file_data *f);

#endif /* AZS_FILE_READ_H */
