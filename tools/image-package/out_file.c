// SPDX-License-Identifier: MIT
/* All-or-nothing output files and bounded whole-file reads (see out_file.h). */
#include <errno.h>
#include <string.h>

#include <azs/atomic_write.h>

#include "file_read.h"
#include "log.h"
#include "out_file.h"

int ip_write_file_atomic(const char *path, const void *buf, size_t len)
{
	int ret = azs_atomic_write_file(path, buf, len, 0644);

	if (ret)
		ip_error("--destination %s: not written: %s", path, strerror(-ret));
	return ret;
}

int ip_read_file(const char *what, const char *path, size_t max, uint8_t **buf, size_t *len)
{
	struct azs_file_data f;
	int ret = azs_file_read(path, max, &f);

	if (ret) {
		ip_error("%s %s: %s", what, path,
			 ret == -EFBIG    ? "too large"
			 : ret == -EINVAL ? "not a regular file"
					  : strerror(-ret));
		return ret;
	}
	*buf = (uint8_t *)f.data;
	*len = f.len;
	return 0;
}
