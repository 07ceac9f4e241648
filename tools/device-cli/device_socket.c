// SPDX-License-Identifier: MIT
/* Where the running device's channel socket is (device_socket.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "device_socket.h"

const char *azs_find_device(const char *prog, const char *explicit, char *buf, size_t size)
{
	const char *env = getenv("AZS_DEVICE_SOCKET"), *xdg = getenv("XDG_RUNTIME_DIR");
	const char *base = getenv("AZS_RUNTIME_DIR");
	char tried[3][PATH_MAX];
	struct stat st;
	int n = 0;

	if (explicit)
		return explicit;
	if (env && env[0])
		return env;
	if (base && base[0]) {
		snprintf(tried[n++], sizeof(tried[0]), "%s/device.sock", base);
	} else {
		if (xdg && xdg[0] == '/')
			snprintf(tried[n++], sizeof(tried[0]), "%s/azsphere/device.sock", xdg);
		snprintf(tried[n++], sizeof(tried[0]), "/run/azsphere/device.sock");
		snprintf(tried[n++], sizeof(tried[0]), "/tmp/azsphere-%u/device.sock",
			 (unsigned)getuid());
	}
	for (int i = 0; i < n; i++) {
		/* stat follows the link: one left by a killed device/run is skipped. */
		if (!stat(tried[i], &st) && S_ISSOCK(st.st_mode) &&
		    (size_t)snprintf(buf, size, "%s", tried[i]) < size)
			return buf;
	}
	fprintf(stderr,
		"%s: no running device found: no --device PATH, no $AZS_DEVICE_SOCKET, "
		"and no device socket at",
		prog);
	for (int i = 0; i < n; i++)
		fprintf(stderr, "%s %s", i ? (i + 1 == n ? " or" : ",") : "", tried[i]);
	fprintf(stderr, " (start one with make run)\n");
	return NULL;
}
