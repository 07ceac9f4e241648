// SPDX-License-Identifier: MIT
/* A veth pair by rtnetlink (see veth.h). */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <azs/cleanup.h>
#include "log.h"
#include "veth.h"

/* One rtnetlink request: the header, then attributes, in one buffer. */
struct request {
	union {
		struct {
			struct nlmsghdr h;
			struct ifinfomsg ifi;
		};
		char bytes[320];
	};
};

/* Append attribute TYPE (LEN bytes of DATA) at the end of the message. */
static struct rtattr *attr_put(struct request *req, unsigned short type, const void *data,
			       size_t len)
{
	size_t at = NLMSG_ALIGN(req->h.nlmsg_len);
	struct rtattr a = {.rta_type = type, .rta_len = (unsigned short)RTA_LENGTH(len)};

	if (at + RTA_SPACE(len) > sizeof(req->bytes))
		return NULL;
	memcpy(req->bytes + at, &a, sizeof(a));
	if (len)
		memcpy(req->bytes + at + RTA_LENGTH(0), data, len);
	req->h.nlmsg_len = (unsigned int)(at + RTA_SPACE(len));
	return (struct rtattr *)(req->bytes + at);
}

/* Close the nested attribute NEST: it spans to the end of the message. */
static void attr_end(struct request *req, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)(req->bytes + req->h.nlmsg_len - (char *)nest);
}

static int build(struct request *req, const char *host_if, const char *peer_if, pid_t pid)
{
	struct nlmsghdr *h = &req->h;
	struct rtattr *linkinfo, *data, *peer;
	struct ifinfomsg peer_ifi = {.ifi_family = AF_UNSPEC};
	uint32_t ns_pid = (uint32_t)pid;

	memset(req, 0, sizeof(*req));
	h->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	h->nlmsg_type = RTM_NEWLINK;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	h->nlmsg_seq = 1;
	req->ifi.ifi_family = AF_UNSPEC;
	if (!attr_put(req, IFLA_IFNAME, host_if, strlen(host_if) + 1) ||
	    !(linkinfo = attr_put(req, IFLA_LINKINFO, NULL, 0)) ||
	    !attr_put(req, IFLA_INFO_KIND, "veth", 5) ||
	    !(data = attr_put(req, IFLA_INFO_DATA, NULL, 0)) ||
	    !(peer = attr_put(req, VETH_INFO_PEER, &peer_ifi, sizeof(peer_ifi))) ||
	    !attr_put(req, IFLA_IFNAME, peer_if, strlen(peer_if) + 1) ||
	    !attr_put(req, IFLA_NET_NS_PID, &ns_pid, sizeof(ns_pid)))
		return -ENOSPC;
	attr_end(req, peer);
	attr_end(req, data);
	attr_end(req, linkinfo);
	return 0;
}

/* Send one request, return the kernel's answer: 0 or a negative errno. */
static int transact(const struct request *req)
{
	azs_cleanup(azs_closep) int s = -1;
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	union {
		struct nlmsghdr h;
		char buf[512];
	} reply;
	const struct nlmsgerr *e;
	ssize_t n;

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (s < 0)
		return -errno;
	if (sendto(s, req, req->h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;
	do
		n = recv(s, &reply, sizeof(reply), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n < NLMSG_LENGTH(sizeof(struct nlmsgerr)) || reply.h.nlmsg_type != NLMSG_ERROR)
		return -EPROTO;
	e = NLMSG_DATA(&reply.h);
	return e->error;
}

/* Delete interface NAME (a veth left over from the app's last run). */
static int delete_link(const char *name)
{
	struct request req;

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	req.h.nlmsg_type = RTM_DELLINK;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.h.nlmsg_seq = 2;
	req.ifi.ifi_family = AF_UNSPEC;
	if (!attr_put(&req, IFLA_IFNAME, name, strlen(name) + 1))
		return -ENOSPC;
	return transact(&req);
}

int sb_veth_create(const char *host_if, const char *peer_if, pid_t netns_pid)
{
	struct request req;
	int ret;

	if (strlen(host_if) >= IFNAMSIZ || strlen(peer_if) >= IFNAMSIZ) {
		sb_error("interface names %s/%s are too long", host_if, peer_if);
		return -EINVAL;
	}
	if (build(&req, host_if, peer_if, netns_pid))
		return sb_errno(-ENOSPC, "veth %s: request too large", host_if);
	ret = transact(&req);
	/* The last run's pair goes away with its namespace, asynchronously. */
	if (ret == -EEXIST && !delete_link(host_if))
		ret = transact(&req);
	if (ret)
		return sb_errno(ret, "cannot create the veth pair %s/%s", host_if, peer_if);
	return 0;
}
