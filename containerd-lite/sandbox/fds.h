// SPDX-License-Identifier: MIT
/* Descriptor hygiene (AC-02) and descriptor passing between the launcher's processes. */
#ifndef AZS_SANDBOX_FDS_H
#define AZS_SANDBOX_FDS_H

#include <stddef.h>

/*
 * Mark every descriptor from 3 up close-on-exec, except KEEP (-1: none),
 * which is made inheritable. Returns 0 or a negative errno.
 */
int sb_cloexec_all_but(int keep);

/* Close every descriptor from 3 up except KEEP (-1: none). */
int sb_close_all_but(int keep);

/* Send FD over the unix socket SOCK (SCM_RIGHTS). */
int sb_send_fd(int sock, int fd);

/* At most this many descriptors in one message. */
#define SB_MAX_PASSED_FDS 3

/*
 * Send N (1..SB_MAX_PASSED_FDS) descriptors in one message (of one byte);
 * receive one such message of at least one and at most MAX of them into FDS
 * (close-on-exec): returns how many, or a negative errno (-EBADMSG for any
 * other message, its descriptors closed; sb_recv_msg).
 */
int sb_send_fds(int sock, const int *fds, size_t n);
int sb_recv_fds(int sock, int *fds, size_t max);

/*
 * The same with a message of LEN bytes: N (0..SB_MAX_PASSED_FDS) descriptors
 * sent with BUF; a message of exactly LEN bytes received into BUF with at
 * most MAX descriptors into FDS (close-on-exec, *NFDS of them). The receive
 * returns 0, -EPIPE at the end of the stream, or a negative errno (another
 * size or too many descriptors: -EBADMSG, every descriptor closed).
 */
int sb_send_msg(int sock, const void *buf, size_t len, const int *fds, size_t n);
int sb_recv_msg(int sock, void *buf, size_t len, int *fds, size_t max, size_t *nfds);

#endif /* AZS_SANDBOX_FDS_H */
