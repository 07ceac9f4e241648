// SPDX-License-Identifier: MIT
/*
 * Connections to partner real-time apps and device authentication state.
 * Not available yet: this needs the application manager's runtime channel,
 * which does not exist yet. Every call that would reach the system fails
 * with ENOSYS; nothing pretends to succeed.
 */

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
	return azs_fail(ENOSYS);
}
