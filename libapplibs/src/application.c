// SPDX-License-Identifier: MIT
/*
 * Connections to partner real-time apps (not available yet: ENOSYS, nothing
 * pretends to succeed) and device authentication state: ready once the
 * application manager has mapped the device's client certificate into the
 * app (a DeviceAuthentication app on a device that has one,
 * tlsutils/deviceauth.h).
 */

#include <unistd.h>

#include <applibs/application.h>

#include "internal.h"

int Application_Connect(const char *componentId)
{
	(void)componentId;
	return azs_fail(ENOSYS);
}

int Application_IsDeviceAuthReady(bool *outIsDeviceAuthReady)
{
	if (!outIsDeviceAuthReady)
		return azs_fail(EFAULT);
	*outIsDeviceAuthReady = access("/etc/deviceauth.pem", R_OK) == 0;
	return 0;
}
