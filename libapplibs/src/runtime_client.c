// SPDX-License-Identifier: MIT
/* The app's end of the runtime channel (see runtime_client.h). */
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>

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

/* One packet: an event is queued (returns 0), an answer returned (1). */
static int receive(int fd, int flags, struct azs_rt_hdr *h, char *buf, size_t size, ssize_t *n)
{
	*n = recv(fd, buf, size, flags | MSG_TRUNC);
	if (*n < 0)
		return -1;
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

int azs_rt_call(uint16_t op, const void *req, size_t req_len, void *out, size_t out_len)
{
	char buf[AZS_RT_MSG_MAX];
	struct azs_rt_hdr h = {.magic = AZS_RT_MAGIC, .version = AZS_RT_VERSION, .op = op};
	struct azs_rt_reply r;
	int fd = azs_rt_fd();
	ssize_t n;

	if (fd < 0)
		return -1;
	if (sizeof(h) + req_len > sizeof(buf))
		return azs_fail(EINVAL);
	h.seq = next_seq++;
	h.len = (uint32_t)req_len;
	memcpy(buf, &h, sizeof(h));
	if (req_len)
		memcpy(buf + sizeof(h), req, req_len);
	if (send(fd, buf, sizeof(h) + req_len, MSG_NOSIGNAL) < 0)
		return errno == EPIPE ? azs_fail(ENOTCONN) : -1;
	for (;;) {
		struct azs_rt_hdr a;
		int got = receive(fd, 0, &a, buf, sizeof(buf), &n);

		if (got < 0)
			return errno == EAGAIN ? azs_fail(ETIMEDOUT) : -1;
		if (!got)
			continue;
		if (a.op != (op | AZS_RT_REPLY) || a.seq != h.seq || a.len < sizeof(r))
			return azs_fail(EPROTO);
		memcpy(&r, buf + sizeof(a), sizeof(r));
		if (r.result < 0)
			return azs_fail(-r.result);
		if (r.result > 0 || a.len != sizeof(r) + out_len)
			return azs_fail(EPROTO);
		if (out_len)
			memcpy(out, buf + sizeof(a) + sizeof(r), out_len);
		return 0;
	}
}

int azs_rt_next_event(struct azs_rt_sysevent *ev)
{
	char buf[AZS_RT_MSG_MAX];
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
