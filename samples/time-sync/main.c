// SPDX-License-Identifier: MIT
/*
 * time-sync: points the device's time-sync service at NTP servers and
 * reports the synchronisation it makes. CmdArgs: "automatic" (the servers
 * the DHCP lease names) or "custom SERVER". Time sync is enabled if it was
 * not; the app then waits (up to 90 s) for Networking_TimeSync_GetLastNtpSyncInfo
 * to name a synchronisation other than the one it named when the app started
 * (if any: the servers before the change may have synchronised the clock
 * already), logs the server, the time before and the time after, and stays.
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

static bool same_time(const struct tm *a, const struct tm *b)
{
	return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon && a->tm_mday == b->tm_mday &&
	       a->tm_hour == b->tm_hour && a->tm_min == b->tm_min && a->tm_sec == b->tm_sec;
}

int main(int argc, char *argv[])
{
	char server[256], before[32], after[32], server0[256] = "";
	struct tm tb, ta, tb0, ta0;
	size_t len0 = sizeof(server0);
	bool enabled = false, had = false;
	int ret = -1;

	Log_Debug("INFO: time-sync starting\n");
	/* The last synchronisation before this app's choice, if any: not the one to report. */
	memset(&tb0, 0, sizeof(tb0));
	memset(&ta0, 0, sizeof(ta0));
	if (Networking_TimeSync_GetLastNtpSyncInfo(server0, &len0, &tb0, &ta0) == 0)
		had = true;
	else if (errno != ENOENT)
		return fail("Networking_TimeSync_GetLastNtpSyncInfo");
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

		int got = Networking_TimeSync_GetLastNtpSyncInfo(server, &len, &tb, &ta);

		if (got == -1 && errno != ENOENT)
			return fail("Networking_TimeSync_GetLastNtpSyncInfo");
		if (got == 0 && (!had || strcmp(server, server0) || !same_time(&tb, &tb0) ||
				 !same_time(&ta, &ta0))) {
			strftime(before, sizeof(before), "%Y-%m-%d %H:%M:%S", &tb);
			strftime(after, sizeof(after), "%Y-%m-%d %H:%M:%S", &ta);
			Log_Debug("INFO: synchronised with %s: the clock was %s, NTP time %s UTC\n",
				  server, before, after);
			/* Stay (an exit would be restarted, and choose the servers again). */
			for (;;)
				pause();
		}
		sleep(1);
	}
	errno = ETIMEDOUT;
	return fail("waiting for a synchronisation");
}
