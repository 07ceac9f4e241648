// SPDX-License-Identifier: MIT
/*
 * A veth pair between the supervisor's network namespace and an app's, made
 * with one rtnetlink request: HOST_IF stays with the caller, PEER_IF is
 * created directly in the network namespace of process NETNS_PID.
 */
#ifndef AZS_SANDBOX_VETH_H
#define AZS_SANDBOX_VETH_H

#include <sys/types.h>

int sb_veth_create(const char *host_if, const char *peer_if, pid_t netns_pid);

#endif /* AZS_SANDBOX_VETH_H */
