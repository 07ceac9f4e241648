/* SPDX-License-Identifier: MIT */
/*
 * Application_Connect (docs/iocore.md, "The mailbox"): an HL app's connection
 * to a partner RT app's mailbox, checked against both apps'
 * AllowedApplicationConnections.
 */
#ifndef APPMAND_INTERCORE_H
#define APPMAND_INTERCORE_H

#include <azsphere/runtime_proto.h>

struct appmand;
struct app;

/*
 * Connects app A to the RT app REQ names: 0 and *FD (a connected socket, the
 * RT app's mailbox channel, already introduced to it), or -EACCES (either
 * manifest does not list the other, or the target is not an RT app),
 * -ENOENT (no such app), -ECONNREFUSED (it is not running on a core). Each
 * refusal is named in A's log.
 */
int intercore_connect(struct appmand *d, struct app *a, const struct azs_rt_app_connect *req,
		      int *fd);

#endif
