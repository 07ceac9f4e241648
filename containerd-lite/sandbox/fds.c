// SPDX-License-Identifier: MIT
/* Descriptor hygiene and passing (see fds.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/close_range.h>

#include "fds.h"

static int range(unsigned int first, unsigned int last, unsigned int flags)
{
	if (first > last)
		return 0;
	if (syscall(SYS_close_range, first, last, flags))
		return -errno;
	return 0;
}

static int all_but(int keep, unsigned int flags)
{
	int ret;

	if (keep < 3)
		return range(3, UINT_MAX, flags);
	ret = range(3, (unsigned int)keep - 1, flags);
	if (!ret)
		ret = range((unsigned int)keep + 1, UINT_MAX, flags);
	return ret;
}

int sb_cloexec_all_but(int keep)
{
	int ret = all_but(keep, CLOSE_RANGE_CLOEXEC);

	if (!ret && keep >= 0) {
		int fl = fcntl(keep, F_GETFD);

		if (fl < 0 || fcntl(keep, F_SETFD, fl & ~FD_CLOEXEC))
			return -errno;
	}
	return ret;
}

int sb_close_all_but(int keep)
{
	return all_but(keep, 0);
}

int sb_send_fds(int sock, const int *fds, size_t n)
{
	char byte = 'F';

	if (n < 1)
		return -EINVAL;
	return sb_send_msg(sock, &byte, 1, fds, n);
}

int sb_send_msg(int sock, const void *buf, size_t len, const int *fds, size_t n)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(SB_MAX_PASSED_FDS * sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = n ? u.buf : NULL,
		.msg_controllen = n ? CMSG_SPACE(n * sizeof(int)) : 0,
	};
	struct cmsghdr *c;

	if (n > SB_MAX_PASSED_FDS || !len)
		return -EINVAL;
	if (n) {
		memset(&u, 0, sizeof(u));
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(n * sizeof(int));
		memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	}
	while (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

int sb_send_fd(int sock, int fd)
{
	return sb_send_fds(sock, &fd, 1);
}

int sb_recv_fds(int sock, int *fds, size_t max)
{
	char byte;
	size_t n;
	int ret = sb_recv_msg(sock, &byte, 1, fds, max, &n);

	if (ret)
		return ret == -EPIPE ? -EBADMSG : ret;
	return n ? (int)n : -EBADMSG;
}

/* Close the N descriptors of message C (one that is refused). */
static void close_passed(const struct cmsghdr *c, size_t n)
{
	for (size_t i = 0; i < n && i < SB_MAX_PASSED_FDS; i++) {
		int fd;

		memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
		close(fd);
	}
}

int sb_recv_msg(int sock, void *buf, size_t len, int *fds, size_t max, size_t *nfds)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(SB_MAX_PASSED_FDS * sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	size_t n = 0;
	ssize_t got;

	*nfds = 0;
	do
		got = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return -errno;
	c = CMSG_FIRSTHDR(&msg);
	if (c) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len < CMSG_LEN(sizeof(int)))
			return -EBADMSG;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
	}
	if (got == 0 && !c)
		return -EPIPE;
	if ((size_t)got != len || n > max || (msg.msg_flags & (MSG_CTRUNC | MSG_TRUNC)) ||
	    (c && c->cmsg_len != CMSG_LEN(n * sizeof(int)))) {
		if (c)
			close_passed(c, n);
		return -EBADMSG;
	}
	if (n)
		memcpy(fds, CMSG_DATA(c), n * sizeof(int));
	*nfds = n;
	return 0;
}
