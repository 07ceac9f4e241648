// SPDX-License-Identifier: MIT
/*
 * The supervisor's side of the seccomp user notifications: every syscall the
 * policy does not allow arrives here, is written to the app's log and is
 * answered with an error. Nothing is ever allowed from a notification
 * (AC-16): the answer depends only on the syscall number.
 */
#ifndef AZS_SANDBOX_SECCOMP_NOTIFY_H
#define AZS_SANDBOX_SECCOMP_NOTIFY_H

/*
 * Receive one notification from LISTENER, write "seccomp: denied NAME (nr N)"
 * to LOG_FD and answer EPERM, or ENOSYS for a number libseccomp does not know.
 * Returns 0, -ENOENT if the caller died meanwhile, or a negative errno.
 */
int azs_seccomp_deny_one(int listener, int log_fd);

#endif /* AZS_SANDBOX_SECCOMP_NOTIFY_H */
