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

int sb_send_fd(int sock, int fd)
{
	char byte = 'F';
	struct iovec iov = {.iov_base = &byte, .iov_len = 1};
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;

	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	while (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

int sb_recv_fd(int sock)
{
	char byte;
	struct iovec iov = {.iov_base = &byte, .iov_len = 1};
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	ssize_t n;
	int fd;

	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	c = CMSG_FIRSTHDR(&msg);
	if (n == 0 || !c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -EBADMSG;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}
