// SPDX-License-Identifier: MIT
/* Loopback in a new network namespace (see net.h). */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "cleanup.h"
#include "log.h"
#include "net.h"

int sb_loopback_up(void)
{
	sb_cleanup(sb_closep) int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;

	if (s < 0)
		return sb_syserr("cannot open a socket to set lo up");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr))
		return sb_syserr("cannot read lo's flags");
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr))
		return sb_syserr("cannot set lo up");
	return 0;
}
