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
int sb_landlock_restrict(int log_fd, int debug);

#endif /* AZS_SANDBOX_LANDLOCK_H */
