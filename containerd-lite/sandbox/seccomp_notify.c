// SPDX-License-Identifier: MIT
/* Denying what the policy does not allow (see seccomp_notify.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

#include "seccomp_notify.h"

int azs_seccomp_deny_one(int listener, int log_fd)
{
	struct seccomp_notif *req = NULL;
	struct seccomp_notif_resp *resp = NULL;
	char line[128];
	char *name;
	int ret, len;

	ret = seccomp_notify_alloc(&req, &resp);
	if (ret)
		return ret;
	ret = seccomp_notify_receive(listener, req);
	if (ret)
		goto out;
	name = seccomp_syscall_resolve_num_arch(req->data.arch, req->data.nr);
	if (req->data.nr == -1 /* the kernel's own "no syscall" */)
		name = NULL;
	len = snprintf(line, sizeof(line), "seccomp: denied %s (nr %d)\n",
		       name ? name : "unknown syscall", req->data.nr);
	if (log_fd >= 0 && len > 0)
		(void)!write(log_fd, line, (size_t)len);
	resp->id = req->id;
	resp->val = 0;
	resp->flags = 0;
	resp->error = name ? -EPERM : -ENOSYS;
	free(name);
	ret = seccomp_notify_respond(listener, resp);
out:
	seccomp_notify_free(req, resp);
	return ret;
}
