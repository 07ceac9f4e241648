// SPDX-License-Identifier: MIT
/*
 * The size limit of an app's mutable storage directory: an ext4 project
 * quota (the real platform uses a disk quota too). The directory gets the
 * project id and PROJINHERIT, so everything the app creates in it counts.
 */
#ifndef AZS_SANDBOX_QUOTA_H
#define AZS_SANDBOX_QUOTA_H

#include <stdint.h>

/*
 * Limit the directory DIRFD to KB KiB under project PROJID. Fails closed
 * (-EOPNOTSUPP and a message) on a filesystem without project quotas.
 */
int sb_storage_quota(int dirfd, uint32_t projid, unsigned long kb);

#endif /* AZS_SANDBOX_QUOTA_H */
