// SPDX-License-Identifier: MIT
/* The app's end of the runtime channel (see runtime_client.h). */
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>

#include "internal.h"
#include "runtime_client.h"

#define EVENT_QUEUE 8

static int channel = -2; /* -2: not looked up yet */
static uint32_t next_seq = 1;
static struct azs_rt_sysevent queue[EVENT_QUEUE];
static unsigned int queued;

int azs_rt_fd(void)
{
	if (channel == -2) {
		const char *env = getenv("AZS_CHANNEL_FD");
		struct stat st;

		channel = -1;
		/* The runtime puts it at 3 and says so; anything else is not ours. */
		if (env && !strcmp(env, "3") && !fstat(AZS_RT_FD, &st) && S_ISSOCK(st.st_mode)) {
			struct timeval tv = {.tv_sec = 10};

			setsockopt(AZS_RT_FD, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
			channel = AZS_RT_FD;
		}
	}
	return channel >= 0 ? channel : azs_fail(ENOTCONN);
}

static void enqueue(const struct azs_rt_sysevent *ev)
{
	if (queued == EVENT_QUEUE) {
		memmove(queue, queue + 1, sizeof(queue[0]) * (EVENT_QUEUE - 1));
		queued--;
	}
	queue[queued++] = *ev;
}

/*
 * One packet: an event is queued (returns 0), an answer returned (1). A
 * descriptor passed with an answer (SCM_RIGHTS) goes to *PASSED when it is
 * given, else it is closed; -1 when there was none.
 */
static int receive_fd(int fd, int flags, struct azs_rt_hdr *h, char *buf, size_t size, ssize_t *n,
		      int *passed)
{
	struct iovec iov = {.iov_base = buf, .iov_len = size};
	union {
		struct cmsghdr c;
		char space[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.space, .msg_controllen = sizeof(u.space)};
	struct cmsghdr *c;
	int got = -1;

	if (passed)
		*passed = -1;
	*n = recvmsg(fd, &msg, flags | MSG_TRUNC | MSG_CMSG_CLOEXEC);
	if (*n < 0)
		return -1;
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
			int one;

			memcpy(&one, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (got < 0)
				got = one;
			else
				close(one); /* one descriptor per answer, never more */
		}
	}
	if (got >= 0 && (msg.msg_flags & MSG_CTRUNC)) {
		close(got);
		return azs_fail(EPROTO);
	}
	if (passed)
		*passed = got;
	else if (got >= 0)
		close(got);
	if (*n == 0)
		return azs_fail(ENOTCONN);
	if ((size_t)*n < sizeof(*h) || (size_t)*n > size)
		return azs_fail(EPROTO);
	memcpy(h, buf, sizeof(*h));
	if (h->magic != AZS_RT_MAGIC || h->version != AZS_RT_VERSION ||
	    h->len != (size_t)*n - sizeof(*h))
		return azs_fail(EPROTO);
	if (h->op & AZS_RT_EVENT) {
		struct azs_rt_sysevent ev;

		if (h->len != sizeof(ev))
			return azs_fail(EPROTO);
		memcpy(&ev, buf + sizeof(*h), sizeof(ev));
		enqueue(&ev);
		return 0;
	}
	return 1;
}

static int receive(int fd, int flags, struct azs_rt_hdr *h, char *buf, size_t size, ssize_t *n)
{
	return receive_fd(fd, flags, h, buf, size, n, NULL);
}

int azs_rt_call(uint16_t op, const void *req, size_t req_len, void *out, size_t out_len)
{
	struct iovec part = {.iov_base = (void *)req, .iov_len = req_len};

	return azs_rt_callv(op, &part, req_len ? 1 : 0, out, out_len);
}

static int callv(uint16_t op, const struct iovec *parts, int nparts, void *out, size_t out_len,
		 int *passed);

int azs_rt_callv(uint16_t op, const struct iovec *parts, int nparts, void *out, size_t out_len)
{
	return callv(op, parts, nparts, out, out_len, NULL);
}

int azs_rt_call_fd(uint16_t op, const void *req, size_t req_len, int *passed)
{
	struct iovec part = {.iov_base = (void *)req, .iov_len = req_len};

	return callv(op, &part, req_len ? 1 : 0, NULL, 0, passed);
}

static int callv(uint16_t op, const struct iovec *parts, int nparts, void *out, size_t out_len,
		 int *passed)
{
	/* Answers are small: the largest is a Wi-Fi list. */
	char buf[sizeof(struct azs_rt_hdr) + sizeof(struct azs_rt_reply) +
		 sizeof(struct azs_rt_wifi_list)];
	struct azs_rt_hdr h = {.magic = AZS_RT_MAGIC, .version = AZS_RT_VERSION, .op = op};
	struct iovec iov[8];
	struct msghdr msg = {.msg_iov = iov};
	struct azs_rt_reply r;
	int fd = azs_rt_fd();
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	if (nparts < 0 || nparts > 7)
		return azs_fail(EINVAL);
	for (int i = 0; i < nparts; i++) {
		iov[i + 1] = parts[i];
		len += parts[i].iov_len;
	}
	if (sizeof(h) + len > AZS_RT_MSG_MAX)
		return azs_fail(EINVAL);
	h.seq = next_seq++;
	h.len = (uint32_t)len;
	iov[0].iov_base = &h;
	iov[0].iov_len = sizeof(h);
	msg.msg_iovlen = (size_t)nparts + 1;
	if (sendmsg(fd, &msg, MSG_NOSIGNAL) < 0)
		return errno == EPIPE ? azs_fail(ENOTCONN) : -1;
	for (;;) {
		struct azs_rt_hdr a;
		int given = -1;
		int got = receive_fd(fd, 0, &a, buf, sizeof(buf), &n, passed ? &given : NULL);

		if (got < 0)
			return errno == EAGAIN ? azs_fail(ETIMEDOUT) : -1;
		if (!got) {
			if (given >= 0)
				close(given); /* an event carries no descriptor */
			continue;
		}
		if (a.op != (op | AZS_RT_REPLY) || a.seq != h.seq || a.len < sizeof(r))
			goto proto;
		memcpy(&r, buf + sizeof(a), sizeof(r));
		if (r.result < 0) {
			if (given >= 0)
				close(given);
			return azs_fail(-r.result);
		}
		if (r.result > 0 || a.len != sizeof(r) + out_len)
			goto proto;
		/* An answer that passes a descriptor carries exactly one. */
		if (passed && given < 0)
			goto proto;
		if (out_len)
			memcpy(out, buf + sizeof(a) + sizeof(r), out_len);
		if (passed)
			*passed = given;
		return 0;
	proto:
		if (given >= 0)
			close(given);
		return azs_fail(EPROTO);
	}
}

int azs_rt_next_event(struct azs_rt_sysevent *ev)
{
	char buf[sizeof(struct azs_rt_hdr) + sizeof(struct azs_rt_sysevent)];
	struct azs_rt_hdr h;
	ssize_t n;
	int fd;

	while (!queued) {
		int got;

		fd = azs_rt_fd();
		if (fd < 0)
			return -1;
		got = receive(fd, MSG_DONTWAIT, &h, buf, sizeof(buf), &n);
		if (got < 0)
			return errno == EAGAIN ? 0 : -1;
		if (got)
			return azs_fail(EPROTO); /* an answer nobody asked for */
	}
	*ev = queue[0];
	memmove(queue, queue + 1, sizeof(queue[0]) * (EVENT_QUEUE - 1));
	queued--;
	return 1;
}
