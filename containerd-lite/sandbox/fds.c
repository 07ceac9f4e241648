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
	struct iovec iov = {.iov_base = &byte, .iov_len = 1};
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(SB_MAX_PASSED_FDS * sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = CMSG_SPACE(n * sizeof(int)),
	};
	struct cmsghdr *c;

	if (n < 1 || n > SB_MAX_PASSED_FDS)
		return -EINVAL;
	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
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
	struct iovec iov = {.iov_base = &byte, .iov_len = 1};
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
	size_t n, i;
	ssize_t got;

	do
		got = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return -errno;
	c = CMSG_FIRSTHDR(&msg);
	if (got == 0 || !c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len < CMSG_LEN(sizeof(int)) || (msg.msg_flags & MSG_CTRUNC))
		return -EBADMSG;
	n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
	if (n > max || c->cmsg_len != CMSG_LEN(n * sizeof(int))) {
		/* More than asked for: none is kept. */
		for (i = 0; i < n && i < SB_MAX_PASSED_FDS; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			close(fd);
		}
		return -EBADMSG;
	}
	memcpy(fds, CMSG_DATA(c), n * sizeof(int));
	return (int)n;
}

int sb_recv_fd(int sock)
{
	int fd, n = sb_recv_fds(sock, &fd, 1);

	return n < 0 ? n : fd;
}
