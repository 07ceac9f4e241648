/* SPDX-License-Identifier: MIT */
/*
 * applibs storage: read-only files of the app's image package, and the
 * app's mutable file (capability MutableStorage).
 */
#ifndef APPLIBS_STORAGE_H
#define APPLIBS_STORAGE_H

#ifdef __cplusplus
extern "C" {
#endif

/* A malloc'ed absolute path (free() it), or NULL: EFAULT, EINVAL, ENOMEM. */
char *Storage_GetAbsolutePathInImagePackage(const char *relativePath);
/* A read-only fd, or -1: EFAULT, EINVAL, and open(2)'s errors. */
int Storage_OpenFileInImagePackage(const char *relativePath);
/* Not available yet on this platform: -1, ENOSYS. */
int Storage_OpenMutableFile(void);
int Storage_DeleteMutableFile(void);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_STORAGE_H */
