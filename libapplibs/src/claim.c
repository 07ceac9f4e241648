// SPDX-License-Identifier: MIT
/* One open descriptor per peripheral and app: an exclusive flock. */
#include <sys/file.h>

#include "internal.h"

int azs_claim(int fd)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	return azs_fail(errno == EWOULDBLOCK ? EBUSY : errno);
}
