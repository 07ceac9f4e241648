// SPDX-License-Identifier: MIT
/* A read-only loop device over part of a file (see package.h). */
#include <errno.h>
#include <fcntl.h>
#include <linux/loop.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cleanup.h"
#include "package.h"

#define LOOP_ATTEMPTS 16 /* another process may take the free device first */

int azs_package_attach_loop(int fd, uint64_t offset, uint64_t size, int *loopfd, char *devpath,
			    size_t devpath_size)
{
	azs_cleanup(azs_closep) int ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	struct loop_config cfg;

	*loopfd = -1;
	if (ctl < 0)
		return -errno;
	memset(&cfg, 0, sizeof(cfg));
	cfg.fd = (uint32_t)fd;
	cfg.info.lo_offset = offset;
	cfg.info.lo_sizelimit = size;
	cfg.info.lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
	for (int i = 0; i < LOOP_ATTEMPTS; i++) {
		int nr = ioctl(ctl, LOOP_CTL_GET_FREE);
		azs_cleanup(azs_closep) int lfd = -1;

		if (nr < 0)
			return -errno;
		if (snprintf(devpath, devpath_size, "/dev/loop%d", nr) >= (int)devpath_size)
			return -ENAMETOOLONG;
		lfd = open(devpath, O_RDONLY | O_CLOEXEC);
		if (lfd < 0)
			return -errno;
		if (ioctl(lfd, LOOP_CONFIGURE, &cfg) == 0) {
			*loopfd = lfd;
			lfd = -1;
			return 0;
		}
		if (errno != EBUSY)
			return -errno;
	}
	return -EBUSY;
}
