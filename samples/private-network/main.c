// SPDX-License-Identifier: MIT
/*
 * private-network: the device as the head of a small private network, as
 * the public private-Ethernet sample makes it. CmdArgs: INTERFACE ADDRESS
 * NETMASK POOL-START POOL-SIZE. Gives the interface a static address (no
 * DHCP client, custom DNS: itself), then starts a DHCP server that leases
 * POOL-SIZE addresses from POOL-START and names the device as their NTP
 * server (option 42), and an SNTP server that serves the device's time.
 * Then it stays, as the servers do.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applibs_versions.h"
#include <applibs/log.h>
#include <applibs/networking.h>

static int fail(const char *what)
{
	Log_Debug("ERROR: %s: %s (%d)\n", what, strerror(errno), errno);
	return 1;
}

int main(int argc, char *argv[])
{
	struct in_addr addr, mask, start, none = {0};
	Networking_IpConfig ip;
	Networking_DhcpServerConfig dhcp;
	Networking_SntpServerConfig sntp;
	int count, ret;

	if (argc != 6 || inet_pton(AF_INET, argv[2], &addr) != 1 ||
	    inet_pton(AF_INET, argv[3], &mask) != 1 || inet_pton(AF_INET, argv[4], &start) != 1 ||
	    (count = atoi(argv[5])) < 1 || count > 255) {
		Log_Debug("ERROR: CmdArgs: INTERFACE ADDRESS NETMASK POOL-START POOL-SIZE\n");
		return 1;
	}
	Log_Debug("INFO: private-network starting on %s\n", argv[1]);

	Networking_IpConfig_Init(&ip);
	Networking_IpConfig_EnableStaticIp(&ip, addr, mask, none);
	ret = Networking_IpConfig_EnableCustomDns(&ip, &addr, 1);
	if (!ret)
		ret = Networking_IpConfig_Apply(argv[1], &ip);
	Networking_IpConfig_Destroy(&ip);
	if (ret)
		return fail("Networking_IpConfig_Apply");
	Log_Debug("INFO: %s has the static address %s\n", argv[1], argv[2]);

	Networking_DhcpServerConfig_Init(&dhcp);
	ret = Networking_DhcpServerConfig_SetLease(&dhcp, start, (uint8_t)count, mask, addr, 24);
	if (!ret)
		ret = Networking_DhcpServerConfig_SetNtpServerAddresses(&dhcp, &addr, 1);
	if (!ret)
		ret = Networking_DhcpServer_Start(argv[1], &dhcp);
	Networking_DhcpServerConfig_Destroy(&dhcp);
	if (ret)
		return fail("Networking_DhcpServer_Start");
	Log_Debug("INFO: DHCP server started: %d addresses from %s\n", count, argv[4]);

	Networking_SntpServerConfig_Init(&sntp);
	ret = Networking_SntpServer_Start(argv[1], &sntp);
	Networking_SntpServerConfig_Destroy(&sntp);
	if (ret)
		return fail("Networking_SntpServer_Start");
	Log_Debug("INFO: SNTP server started on %s\n", argv[2]);
	for (;;)
		pause();
}
