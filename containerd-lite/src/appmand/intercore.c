// SPDX-License-Identifier: MIT
/* Application_Connect: HL app -> RT app mailbox connections (see intercore.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <azsphere/intercore.h>

#include "appmand.h"
#include "intercore.h"
#include "store.h"
#include "util.h"

static bool lists(const struct azs_manifest *m, const struct azs_guid *g)
{
	for (size_t i = 0; i < m->caps.n_app_connections; i++)
		if (azs_guid_equal(&m->caps.app_connections[i], g))
			return true;
	return false;
}

/* RFC 4122 byte order -> the messages' GUID order (data1..3 little-endian). */
static void wire_guid(const uint8_t in[16], uint8_t out[16])
{
	static const uint8_t order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

	for (int i = 0; i < 16; i++)
		out[i] = in[order[i]];
}

static int dial(const struct app *rt, const struct app *hl, int *out)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct azs_ic_hello hello = {.magic = AZS_IC_MAGIC, .version = AZS_IC_VERSION};
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	int fd, ret;

	snprintf(sa.sun_path, sizeof(sa.sun_path), AZS_IC_SOCKET_DIR "/%s.mbox", rt->cid.str);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		ret = -errno;
		close(fd);
		/* No socket, or nobody listening: the RT app is not running. */
		return ret == -ENOENT || ret == -ECONNREFUSED ? -ECONNREFUSED : ret;
	}
	/* Only the platform's core (root) listens there; anything else is not ours. */
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) || cred.uid != 0) {
		close(fd);
		return -ECONNREFUSED;
	}
	wire_guid(hl->cid.bytes, hello.cid);
	if (send(fd, &hello, sizeof(hello), MSG_DONTWAIT | MSG_NOSIGNAL) != (ssize_t)sizeof(hello) ||
	    fcntl(fd, F_SETFL, 0)) {
		ret = -errno;
		close(fd);
		return ret ? ret : -EIO;
	}
	*out = fd;
	return 0;
}

int intercore_connect(struct appmand *d, struct app *a, const struct azs_rt_app_connect *req,
		      int *fd)
{
	struct azs_guid g;
	struct app *rt;
	int ret;

	*fd = -1;
	/* The decoder checked the form; this gives the canonical (lower-case) text. */
	if (azs_guid_parse(req->component_id, AZS_RT_COMPONENT_ID_LEN, &g))
		return -EINVAL;
	if (!lists(&a->manifest, &g)) {
		app_log(a, "Application_Connect(%s): not in this app's AllowedApplicationConnections",
			g.str);
		return -EACCES;
	}
	rt = store_find(d, g.str);
	if (!rt) {
		app_log(a, "Application_Connect(%s): no such app is installed", g.str);
		return -ENOENT;
	}
	if (rt->manifest.app_type != AZS_APP_TYPE_REALTIME) {
		app_log(a, "Application_Connect(%s): not a real-time app", g.str);
		return -EACCES;
	}
	if (!lists(&rt->manifest, &a->cid)) {
		app_log(a,
			"Application_Connect(%s): the real-time app's AllowedApplicationConnections "
			"does not list this app",
			g.str);
		return -EACCES;
	}
	ret = dial(rt, a, fd);
	if (ret) {
		app_log(a, "Application_Connect(%s): %s", g.str,
			ret == -ECONNREFUSED ? "the real-time app is not running" : strerror(-ret));
		return ret;
	}
	app_log(a, "Application_Connect(%s): connected", g.str);
	return 0;
}
