/* SPDX-License-Identifier: MIT */
/*
 * applibs' end of the runtime channel (runtime_proto.h). Apps are
 * single-threaded per the SDK: one request at a time, answered in order;
 * system events that arrive meanwhile are queued for sysevent.c.
 */
#ifndef APPLIBS_RUNTIME_CLIENT_H
#define APPLIBS_RUNTIME_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <azsphere/runtime_proto.h>

/*
 * Send request OP with REQ (REQ_LEN bytes, the op's exact request size) and
 * wait for its answer; OUT receives OUT_LEN bytes of the reply. 0, or -1
 * and errno: the runtime's refusal (EACCES without the capability ...),
 * ENOTCONN when the app runs without the application manager, EPROTO on a
 * malformed answer.
 */
int azs_rt_call(uint16_t op, const void *req, size_t req_len, void *out, size_t out_len);

/* As azs_rt_call, with the request in N pieces (sent as one packet, not copied). */
struct iovec;
int azs_rt_callv(uint16_t op, const struct iovec *parts, int n, void *out, size_t out_len);

/*
 * As azs_rt_call for a request whose answer passes a descriptor (SCM_RIGHTS):
 * 0 and *PASSED (close-on-exec), or -1 and errno.
 */
int azs_rt_call_fd(uint16_t op, const void *req, size_t req_len, int *passed);

/* The channel's descriptor (for an event loop), or -1 and errno ENOTCONN. */
int azs_rt_fd(void);

/* The next queued or pending system event without blocking: 1, 0 if none, -1 and errno. */
int azs_rt_next_event(struct azs_rt_sysevent *ev);

#endif /* APPLIBS_RUNTIME_CLIENT_H */
