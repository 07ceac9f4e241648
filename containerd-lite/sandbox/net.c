// SPDX-License-Identifier: MIT
/* Interfaces and routes in a network namespace (see net.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <azs/cleanup.h>
#include "log.h"
#include "net.h"

static int inet_socket(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return s < 0 ? sb_syserr("cannot open a socket to configure the network") : s;
}

static void set_sin(struct sockaddr *sa, uint32_t addr)
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(addr)};

	memcpy(sa, &sin, sizeof(sin));
}

static int set_up(int s, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	if (ioctl(s, SIOCGIFFLAGS, &ifr))
		return sb_syserr("cannot read %s's flags", name);
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr))
		return sb_syserr("cannot set %s up", name);
	return 0;
}

int sb_loopback_up(void)
{
	azs_cleanup(azs_closep) int s = inet_socket();

	return s < 0 ? s : set_up(s, "lo");
}

int sb_if_configure(const char *name, uint32_t addr, unsigned int prefix)
{
	azs_cleanup(azs_closep) int s = inet_socket();
	struct ifreq ifr;

	if (s < 0)
		return s;
	if (strlen(name) >= IFNAMSIZ || prefix == 0 || prefix > 32) {
		sb_error("bad interface %s/%u", name, prefix);
		return -EINVAL;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	set_sin(&ifr.ifr_addr, addr);
	if (ioctl(s, SIOCSIFADDR, &ifr))
		return sb_syserr("cannot set %s's address", name);
	set_sin(&ifr.ifr_netmask, (uint32_t)(0xffffffffull << (32 - prefix)));
	if (ioctl(s, SIOCSIFNETMASK, &ifr))
		return sb_syserr("cannot set %s's netmask", name);
	return set_up(s, name);
}

int sb_default_route(uint32_t gw)
{
	azs_cleanup(azs_closep) int s = inet_socket();
	struct rtentry rt;

	if (s < 0)
		return s;
	memset(&rt, 0, sizeof(rt));
	set_sin(&rt.rt_dst, 0);
	set_sin(&rt.rt_genmask, 0);
	set_sin(&rt.rt_gateway, gw);
	rt.rt_flags = RTF_UP | RTF_GATEWAY;
	if (ioctl(s, SIOCADDRT, &rt))
		return sb_syserr("cannot add the default route");
	return 0;
}
