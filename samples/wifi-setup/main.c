// SPDX-License-Identifier: MIT
/*
 * wifi-setup: what an app that brings a device onto a Wi-Fi network does.
 * Scans and lists the networks the radio sees, stores the network named by
 * CmdArgs (SSID, WPA2 PSK) and persists it, then waits until
 * Networking_IsNetworkingReady says wlan0 is connected with an address from
 * the access point's DHCP server, and reports the connection (SSID, BSSID,
 * frequency, signal, hardware address). HOLD seconds later it releases the
 * DHCP lease, sees the address gone, renews it and waits until networking
 * is ready again, and stays, scanning again every 2 s and listing the
 * networks in range whenever they change (a scan asks the radio each time:
 * docs/network.md). Every step logs one line; a failure logs "ERROR: ..." and exits 1.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "applibs_versions.h"
#include <applibs/log.h>
#include <applibs/networking.h>
#include <applibs/wificonfig.h>

static int fail(const char *what)
{
	Log_Debug("ERROR: %s: %s (%d)\n", what, strerror(errno), errno);
	return 1;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

/* Wait up to SECONDS for networking to be READY (or not); 0 once it is. */
static int wait_ready(bool want, int seconds)
{
	for (int i = 0; i < seconds * 4; i++) {
		bool ready = false;

		if (Networking_IsNetworkingReady(&ready) == -1)
			return -1;
		if (ready == want)
			return 0;
		sleep_ms(250);
	}
	errno = ETIMEDOUT;
	return -1;
}

static const char *security_name(WifiConfig_Security_Type s)
{
	return s == WifiConfig_Security_Open       ? "open"
	       : s == WifiConfig_Security_Wpa2_Psk ? "WPA2-PSK"
						   : "other";
}

int main(int argc, char *argv[])
{
	WifiConfig_ScannedNetwork seen[8];
	WifiConfig_ConnectedNetwork cur;
	Networking_Interface_HardwareAddress mac;
	Networking_InterfaceConnectionStatus status;
	ssize_t n;
	int id;

	if (argc != 4 || atoi(argv[3]) < 0) {
		Log_Debug("ERROR: CmdArgs: SSID PSK HOLD-SECONDS\n");
		return 1;
	}
	Log_Debug("INFO: wifi-setup starting\n");
	n = WifiConfig_TriggerScanAndGetScannedNetworkCount();
	if (n < 0)
		return fail("scan");
	n = WifiConfig_GetScannedNetworks(seen, sizeof(seen) / sizeof(seen[0]));
	if (n < 0)
		return fail("scanned networks");
	Log_Debug("INFO: %zd networks in range\n", n);
	for (ssize_t i = 0; i < n; i++)
		Log_Debug("INFO: network %.*s, %s, %u MHz, %d dBm\n", seen[i].ssidLength,
			  (const char *)seen[i].ssid, security_name(seen[i].security),
			  seen[i].frequencyMHz, seen[i].signalRssi);

	id = WifiConfig_AddNetwork();
	if (id < 0)
		return fail("WifiConfig_AddNetwork");
	if (WifiConfig_SetSSID(id, (const uint8_t *)argv[1], strlen(argv[1])) ||
	    WifiConfig_SetSecurityType(id, WifiConfig_Security_Wpa2_Psk) ||
	    WifiConfig_SetPSK(id, argv[2], strlen(argv[2])) ||
	    WifiConfig_SetNetworkEnabled(id, true))
		return fail("storing the network");
	if (WifiConfig_PersistConfig())
		return fail("WifiConfig_PersistConfig");
	Log_Debug("INFO: stored network %d (%s)\n", id, argv[1]);

	if (wait_ready(true, 60))
		return fail("waiting for networking");
	Log_Debug("INFO: networking is ready\n");
	if (WifiConfig_GetCurrentNetwork(&cur))
		return fail("WifiConfig_GetCurrentNetwork");
	Log_Debug("INFO: connected to %.*s, BSSID %02x:%02x:%02x:%02x:%02x:%02x, %u MHz, %d dBm, "
		  "network id %d\n",
		  cur.ssidLength, (const char *)cur.ssid, cur.bssid[0], cur.bssid[1], cur.bssid[2],
		  cur.bssid[3], cur.bssid[4], cur.bssid[5], cur.frequencyMHz, cur.signalRssi,
		  WifiConfig_GetConnectedNetworkId());
	if (Networking_GetHardwareAddress("wlan0", &mac))
		return fail("Networking_GetHardwareAddress");
	Log_Debug("INFO: wlan0 hardware address %02x:%02x:%02x:%02x:%02x:%02x\n", mac.address[0],
		  mac.address[1], mac.address[2], mac.address[3], mac.address[4], mac.address[5]);

	sleep((unsigned int)atoi(argv[3]));
	if (Networking_IpConfig_ReleaseIp("wlan0"))
		return fail("Networking_IpConfig_ReleaseIp");
	if (Networking_GetInterfaceConnectionStatus("wlan0", &status))
		return fail("Networking_GetInterfaceConnectionStatus");
	Log_Debug("INFO: released the lease: wlan0 %s\n",
		  (status & Networking_InterfaceConnectionStatus_IpAvailable)
			  ? "still has an address"
			  : "has no address");
	if (Networking_IpConfig_RenewIp("wlan0"))
		return fail("Networking_IpConfig_RenewIp");
	if (wait_ready(true, 30))
		return fail("waiting for the renewed lease");
	Log_Debug("INFO: renewed the lease: networking is ready again\n");
	/* Stay, as an app on a connected device does (an exit would be
	 * restarted), and watch what the radio sees. */
	for (char last[8 * 33 + 1] = ""; ; sleep(2)) {
		char names[sizeof(last)] = "";
		size_t used = 0;

		if (WifiConfig_TriggerScanAndGetScannedNetworkCount() < 0)
			return fail("rescan");
		n = WifiConfig_GetScannedNetworks(seen, sizeof(seen) / sizeof(seen[0]));
		if (n < 0)
			return fail("rescanned networks");
		for (ssize_t i = 0; i < n; i++)
			used += (size_t)snprintf(names + used, sizeof(names) - used, " %.*s",
						 seen[i].ssidLength, (const char *)seen[i].ssid);
		if (strcmp(names, last)) {
			Log_Debug("INFO: rescan: %zd networks in range:%s\n", n, names);
			memcpy(last, names, sizeof(last));
		}
	}
}
