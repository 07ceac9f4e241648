// SPDX-License-Identifier: MIT
/*
 * time-sync: points the device's time-sync service at NTP servers and
 * reports the synchronisation it makes. CmdArgs: "automatic" (the servers
 * the DHCP lease names) or "custom SERVER". Time sync is enabled if it was
 * not; the app then waits (up to 90 s) for Networking_TimeSync_GetLastNtpSyncInfo
 * to name a server, logs the server, the time before and the time after,
 * and stays.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
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
	char server[256], before[32], after[32];
	struct tm tb, ta;
	bool enabled = false;
	int ret = -1;

	Log_Debug("INFO: time-sync starting\n");
	if (argc == 2 && !strcmp(argv[1], "automatic"))
		ret = Networking_TimeSync_EnableAutomaticNtp(
			Networking_NtpOption_FallbackServerDisabled);
	else if (argc == 3 && !strcmp(argv[1], "custom"))
		ret = Networking_TimeSync_EnableCustomNtp(
			argv[2], NULL, Networking_NtpOption_FallbackServerDisabled);
	else
		Log_Debug("ERROR: CmdArgs: automatic | custom SERVER\n");
	if (ret)
		return fail("choosing the NTP servers");
	if (Networking_TimeSync_GetEnabled(&enabled))
		return fail("Networking_TimeSync_GetEnabled");
	if (!enabled && Networking_TimeSync_SetEnabled(true))
		return fail("Networking_TimeSync_SetEnabled");
	Log_Debug("INFO: NTP servers: %s%s%s\n", argv[1], argc == 3 ? " " : "",
		  argc == 3 ? argv[2] : "");
	for (int i = 0; i < 90; i++) {
		size_t len = sizeof(server);

		if (Networking_TimeSync_GetLastNtpSyncInfo(server, &len, &tb, &ta) == 0) {
			strftime(before, sizeof(before), "%Y-%m-%d %H:%M:%S", &tb);
			strftime(after, sizeof(after), "%Y-%m-%d %H:%M:%S", &ta);
			Log_Debug("INFO: synchronised with %s: the clock was %s, NTP time %s UTC\n",
				  server, before, after);
			/* Stay (an exit would be restarted, and choose the servers again). */
			for (;;)
				pause();
		}
		if (errno != ENOENT)
			return fail("Networking_TimeSync_GetLastNtpSyncInfo");
		sleep(1);
	}
	errno = ETIMEDOUT;
	return fail("waiting for a synchronisation");
}
