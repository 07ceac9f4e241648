// SPDX-License-Identifier: MIT
/* Descriptor hygiene (AC-02) and descriptor passing between the launcher's processes. */
#ifndef AZS_SANDBOX_FDS_H
#define AZS_SANDBOX_FDS_H

/*
 * Mark every descriptor from 3 up close-on-exec, except KEEP (-1: none),
 * which is made inheritable. Returns 0 or a negative errno.
 */
int sb_cloexec_all_but(int keep);

/* Close every descriptor from 3 up except KEEP (-1: none). */
int sb_close_all_but(int keep);

/* Send FD over the unix socket SOCK (SCM_RIGHTS); receive one. */
int sb_send_fd(int sock, int fd);
int sb_recv_fd(int sock);

#endif /* AZS_SANDBOX_FDS_H */
