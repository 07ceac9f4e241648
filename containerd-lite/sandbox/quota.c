// SPDX-License-Identifier: MIT
/* Mutable storage size limits with ext4 project quotas (see quota.h). */
#include <errno.h>
#include <linux/fs.h>
#include <linux/quota.h>
#include <sys/ioctl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "quota.h"

int sb_storage_quota(int dirfd, uint32_t projid, unsigned long kb)
{
	struct if_dqblk dq = {
		.dqb_bhardlimit = kb, /* quota blocks are 1 KiB */
		.dqb_bsoftlimit = kb,
		.dqb_valid = QIF_BLIMITS,
	};
	struct fsxattr fsx;

	if (ioctl(dirfd, FS_IOC_FSGETXATTR, &fsx))
		return sb_syserr("the storage directory's file system has no project ids");
	fsx.fsx_projid = projid;
	fsx.fsx_xflags |= FS_XFLAG_PROJINHERIT;
	if (ioctl(dirfd, FS_IOC_FSSETXATTR, &fsx))
		return sb_syserr("cannot give the storage directory project id %u", projid);
#ifdef SYS_quotactl_fd
	if (syscall(SYS_quotactl_fd, dirfd, QCMD(Q_SETQUOTA, PRJQUOTA), projid, &dq)) {
		int err = errno;

		sb_error("cannot limit the storage to %lu KiB: %s (is the file system mounted "
			 "with prjquota?)",
			 kb, strerror(err));
		return -err;
	}
	return 0;
#else
	(void)dq;
	sb_error("this C library has no quotactl_fd: storage limits are unavailable");
	return -EOPNOTSUPP;
#endif
}
