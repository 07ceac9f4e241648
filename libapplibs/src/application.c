// SPDX-License-Identifier: MIT
/*
 * Connections to partner real-time apps (the application manager checks both
 * apps' AllowedApplicationConnections and passes a connected socket whose
 * peer is the RT app's mailbox channel, docs/iocore.md) and device
 * authentication state: ready once the
 * application manager has mapped the device's client certificate into the
 * app (a DeviceAuthentication app on a device that has one,
 * tlsutils/deviceauth.h).
 */

#include <string.h>
#include <unistd.h>

#include <applibs/application.h>

#include "internal.h"
#include "runtime_client.h"

/*
 * A socket to the partner RT app COMPONENTID: each send() is one message to
 * it (at most 1024 bytes), each recv() one message from it. -1 and errno:
 * EINVAL (not a component ID), EACCES (either app's manifest does not list
 * the other in AllowedApplicationConnections), ENOENT (no such app
 * installed), ECONNREFUSED (it is not running on an I/O core).
 */
int Application_Connect(const char *componentId)
{
	struct azs_rt_app_connect req;
	size_t n;
	int fd = -1;

	if (!componentId)
		return azs_fail(EINVAL);
	n = strnlen(componentId, AZS_RT_COMPONENT_ID_LEN + 1);
	if (n != AZS_RT_COMPONENT_ID_LEN)
		return azs_fail(EINVAL);
	memset(&req, 0, sizeof(req));
	memcpy(req.component_id, componentId, n);
	if (azs_rt_call_fd(AZS_RT_OP_APP_CONNECT, &req, sizeof(req), &fd))
		return -1;
	return fd;
}

int Application_IsDeviceAuthReady(bool *outIsDeviceAuthReady)
{
	if (!outIsDeviceAuthReady)
		return azs_fail(EFAULT);
	*outIsDeviceAuthReady = access("/etc/deviceauth.pem", R_OK) == 0;
	return 0;
}
