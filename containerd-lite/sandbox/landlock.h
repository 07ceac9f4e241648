// SPDX-License-Identifier: MIT
/*
 * Landlock, where the kernel has it: a second fence around the paths of the
 * sandbox's own root, independent of the mount flags (AC-09, AC-10).
 */
#ifndef AZS_SANDBOX_LANDLOCK_H
#define AZS_SANDBOX_LANDLOCK_H

/*
 * Restrict the calling process (inside its final root, no_new_privs set):
 * the image read and execute, /proc read, /dev nodes read and write, /tmp
 * and /mnt/config read and write without execute. Without Landlock in the
 * kernel, writes one line to LOG_FD and returns 0. Returns 0 or a negative errno.
 */
/*
 * DEBUG (debug mode): /proc is writable too, since gdbserver reads and
 * writes its child's memory through /proc/PID/mem (the kernel still checks
 * that it is the tracer).
 */
/*
 * KEPT: a ruleset this function returned in KEEP at an earlier run in the
 * same mount namespace (its root kept from one run to the next, launch.h):
 * the rules of the root's entries, /dev and /mnt/config are on inodes that
 * are still there and still the app's; only this run's /proc and /tmp (new
 * file systems) are added to it before it is enforced. -1: a new ruleset.
 * KEEP (NULL: not wanted): the new ruleset, once enforced, for the next
 * run (close-on-exec), or -1. Each reuse adds two rules whose inodes are
 * gone after the run (a few hundred bytes): the caller makes a new one
 * after a bounded number of runs.
 */
int sb_landlock_restrict(int log_fd, int debug, int kept, int *keep);

#endif /* AZS_SANDBOX_LANDLOCK_H */
