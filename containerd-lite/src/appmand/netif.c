// SPDX-License-Identifier: MIT
/*
 * The network interfaces apps see through applibs (Networking_* over the
 * runtime channel, docs/runtime-channel.md): the app's own link (eth0, only
 * with network capabilities: network.c) and the device's Wi-Fi interface,
 * wlan0; and the device's time-sync switch.
 *
 * wlan0 is the simulated radio's interface: a veth whose peer (azsradio0) is
 * the radio's side. netif_init creates it at start, administratively up as on
 * the device, and leaves the peer down: wlan0 has no carrier, so it is up but
 * not connected to any network and has no address. What apps read is the
 * kernel's view of it: InterfaceUp is IFF_UP, ConnectedToNetwork is carrier
 * (IFF_RUNNING), IpAvailable is an IPv4 address on it (and no DHCP release in
 * force); ConnectedToInternet never (no traffic leaves the device).
 *
 * The app's eth0 is the runtime's: an app may read it, not change it (EPERM).
 * The daemon is single-threaded: no locking.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "appmand.h"
#include "net_plan.h"

#define AZS_NET_WLAN_IFNAME "wlan0"
#define WLAN_PEER           "azsradio0"

/* An rtnetlink request with room for the attributes of a veth pair. */
struct nl_req {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	char attrs[256];
};

static struct rtattr *nl_put(struct nl_req *r, unsigned short type, const void *data,
			     size_t len)
{
	size_t at = NLMSG_ALIGN(r->nh.nlmsg_len);
	struct rtattr *rta = (struct rtattr *)((char *)r + at);

	if (at + RTA_SPACE(len) > sizeof(*r))
		return NULL;
	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	r->nh.nlmsg_len = (uint32_t)(at + RTA_SPACE(len));
	return rta;
}

static void nl_end(struct nl_req *r, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)r + r->nh.nlmsg_len - (char *)nest);
}

/* ip link add wlan0 type veth peer name azsradio0, over rtnetlink. */
static int wlan_create(void)
{
	struct nl_req r;
	struct rtattr *info, *data, *peer;
	struct ifinfomsg peer_ifi;
	char ack[512];
	ssize_t n;
	int fd, ret;

	memset(&r, 0, sizeof(r));
	memset(&peer_ifi, 0, sizeof(peer_ifi));
	r.nh.nlmsg_len = NLMSG_LENGTH(sizeof(r.ifi));
	r.nh.nlmsg_type = RTM_NEWLINK;
	r.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
	r.nh.nlmsg_seq = 1;
	r.ifi.ifi_family = AF_UNSPEC;
	if (!nl_put(&r, IFLA_IFNAME, AZS_NET_WLAN_IFNAME, sizeof(AZS_NET_WLAN_IFNAME)) ||
	    !(info = nl_put(&r, IFLA_LINKINFO, NULL, 0)) ||
	    !nl_put(&r, IFLA_INFO_KIND, "veth", sizeof("veth")) ||
	    !(data = nl_put(&r, IFLA_INFO_DATA, NULL, 0)) ||
	    !(peer = nl_put(&r, VETH_INFO_PEER, &peer_ifi, sizeof(peer_ifi))) ||
	    !nl_put(&r, IFLA_IFNAME, WLAN_PEER, sizeof(WLAN_PEER)))
		return -ENOBUFS;
	nl_end(&r, peer);
	nl_end(&r, data);
	nl_end(&r, info);

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	if (send(fd, &r, r.nh.nlmsg_len, 0) < 0) {
		ret = -errno;
		goto out;
	}
	n = recv(fd, ack, sizeof(ack), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
		ret = n < 0 ? -errno : -EPROTO;
		goto out;
	}
	{
		struct nlmsghdr h;
		struct nlmsgerr e;

		memcpy(&h, ack, sizeof(h));
		memcpy(&e, ack + NLMSG_HDRLEN, sizeof(e));
		ret = h.nlmsg_type == NLMSG_ERROR ? e.error : -EPROTO;
	}
out:
	close(fd);
	return ret;
}

static int inet_socket(void)
{
	return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

static int get_flags(const char *name, short *flags)
{
	struct ifreq ifr;
	int fd = inet_socket(), ret = 0;

	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr))
		ret = -errno;
	else
		*flags = ifr.ifr_flags;
	close(fd);
	return ret;
}

static int set_up(const char *name, bool up)
{
	struct ifreq ifr;
	int fd = inet_socket(), ret = 0;

	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr)) {
		ret = -errno;
	} else {
		if (up)
			ifr.ifr_flags |= IFF_UP;
		else
			ifr.ifr_flags &= ~IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr))
			ret = -errno;
	}
	close(fd);
	return ret;
}

/* The interface's first IPv4 address, if it has one. */
static bool has_ipv4(int fd, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_addr.sa_family = AF_INET;
	return ioctl(fd, SIOCGIFADDR, &ifr) == 0;
}

/* Drop every IPv4 address of NAME (setting 0.0.0.0 deletes the address, as ifconfig does). */
static int drop_ipv4(const char *name)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	struct ifreq ifr;
	int fd = inet_socket(), ret = 0;

	if (fd < 0)
		return -errno;
	for (int i = 0; i < 64 && has_ipv4(fd, name); i++) {
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
		memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
		if (ioctl(fd, SIOCSIFADDR, &ifr)) {
			ret = -errno;
			break;
		}
	}
	if (!ret && has_ipv4(fd, name))
		ret = -EIO;
	close(fd);
	return ret;
}

int netif_init(struct appmand *d)
{
	int ret = 0;

	d->timesync_enabled = true;
	d->wlan_released = false;
	if (!if_nametoindex(AZS_NET_WLAN_IFNAME))
		ret = wlan_create();
	if (!ret)
		ret = set_up(AZS_NET_WLAN_IFNAME, true);
	if (ret)
		fprintf(stderr, "appmand: cannot make the Wi-Fi interface %s: %s\n",
			AZS_NET_WLAN_IFNAME, strerror(-ret));
	return ret;
}

static void wlan_entry(const struct appmand *d, struct azs_rt_net_iface *e)
{
	short flags = 0;
	int fd;

	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", AZS_NET_WLAN_IFNAME);
	e->ip_type = AZS_RT_NET_DHCP_CLIENT;
	e->medium = AZS_RT_NET_MEDIUM_WIFI;
	if (get_flags(AZS_NET_WLAN_IFNAME, &flags))
		return;
	e->enabled = (flags & IFF_UP) != 0;
	if (flags & IFF_UP)
		e->status |= AZS_RT_NET_UP;
	if ((flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING))
		e->status |= AZS_RT_NET_CONNECTED;
	fd = inet_socket();
	if (fd >= 0) {
		if ((e->status & AZS_RT_NET_UP) && !d->wlan_released &&
		    has_ipv4(fd, AZS_NET_WLAN_IFNAME))
			e->status |= AZS_RT_NET_IP;
		close(fd);
	}
}

void netif_list(const struct appmand *d, const struct app *a, struct azs_rt_net_ifaces *out)
{
	memset(out, 0, sizeof(*out));
	if (a->net_active) {
		struct azs_rt_net_iface *e = &out->ifs[out->n++];

		snprintf(e->name, sizeof(e->name), "%s", AZS_NET_APP_IFNAME);
		e->status = AZS_RT_NET_UP | AZS_RT_NET_CONNECTED | AZS_RT_NET_IP;
		/* "Internet": at least one of its granted hosts is resolved and routed. */
		if (a->n_net_allowed)
			e->status |= AZS_RT_NET_INTERNET;
		e->enabled = 1;
		e->ip_type = AZS_RT_NET_DHCP_NONE; /* the runtime's static address */
		e->medium = AZS_RT_NET_MEDIUM_ETHERNET;
	}
	if (if_nametoindex(AZS_NET_WLAN_IFNAME))
		wlan_entry(d, &out->ifs[out->n++]);
}

/* 0 for wlan0, -EPERM for the app's own link, -ENOENT for anything else. */
static int which(const struct app *a, const char *name)
{
	if (!strcmp(name, AZS_NET_WLAN_IFNAME) && if_nametoindex(AZS_NET_WLAN_IFNAME))
		return 0;
	if (a->net_active && !strcmp(name, AZS_NET_APP_IFNAME))
		return -EPERM;
	return -ENOENT;
}

int netif_request(struct appmand *d, struct app *a, const struct azs_rt_request *r,
		  struct azs_rt_u32 *out, size_t *out_len)
{
	const uint32_t net_config = AZS_MCAP_NETWORK_CONFIG, time_sync = AZS_MCAP_TIME_SYNC_CONFIG;
	const uint32_t caps = a->manifest.caps.flags;
	int ret;

	switch (r->op) {
	case AZS_RT_OP_TIMESYNC_GET:
		if (!(caps & time_sync))
			return -EACCES;
		out->value = d->timesync_enabled;
		*out_len = sizeof(*out);
		return 0;
	case AZS_RT_OP_TIMESYNC_SET:
		if (!(caps & time_sync))
			return -EACCES;
		d->timesync_enabled = r->p.u32.value != 0;
		app_log(a, "runtime: time sync %s", d->timesync_enabled ? "enabled" : "disabled");
		return 0;
	case AZS_RT_OP_NET_SET_STATE:
		if (!(caps & net_config))
			return -EACCES;
		ret = which(a, r->p.iface.name);
		if (ret)
			return ret;
		ret = set_up(AZS_NET_WLAN_IFNAME, r->p.iface.flag != 0);
		if (!ret)
			app_log(a, "runtime: %s %s", AZS_NET_WLAN_IFNAME,
				r->p.iface.flag ? "enabled" : "disabled");
		return ret;
	case AZS_RT_OP_NET_DHCP:
		if (!(caps & net_config))
			return -EACCES;
		ret = which(a, r->p.iface.name);
		if (ret)
			return ret;
		if (r->p.iface.flag) {
			/* Renew: the lease may come back (a DHCP client acts when connected). */
			d->wlan_released = false;
			app_log(a, "runtime: %s: DHCP renew", AZS_NET_WLAN_IFNAME);
			return 0;
		}
		ret = drop_ipv4(AZS_NET_WLAN_IFNAME);
		if (!ret) {
			d->wlan_released = true;
			app_log(a, "runtime: %s: DHCP release, no address until renewed",
				AZS_NET_WLAN_IFNAME);
		}
		return ret;
	default:
		return -EOPNOTSUPP;
	}
}
