// SPDX-License-Identifier: MIT
/* Becoming the app's user with nothing more (AC-03, AC-04, AC-05). */
#ifndef AZS_SANDBOX_CAPS_H
#define AZS_SANDBOX_CAPS_H

#include <sys/types.h>

/*
 * Drop every capability but CAP_SYS_TIME (with SYS_TIME) from the bounding
 * set; it is inherited, so the sandbox's pid 1 does it once before forking
 * the app. Returns 0 or a negative errno.
 */
int sb_drop_bounding_set(int sys_time);

/*
 * With the bounding set dropped (sb_drop_bounding_set; refused otherwise),
 * drop the ambient set, become UID/GID in every slot
 * (real, effective, saved, fs) with no supplementary groups, clear the
 * inheritable, permitted and effective sets, set no_new_privs and make the
 * process non-dumpable if DUMPABLE is 0. With SYS_TIME, CAP_SYS_TIME alone
 * stays in every set, ambient included, so that it survives the app's
 * execve (the SystemTime capability: the app sets the clock itself, as on
 * the real platform; the seccomp filter decides which calls reach it).
 * Returns 0 or a negative errno.
 */
int sb_become_app_user(uid_t uid, gid_t gid, int dumpable, int sys_time);

#endif /* AZS_SANDBOX_CAPS_H */
