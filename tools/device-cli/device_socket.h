/* SPDX-License-Identifier: MIT */
/*
 * Where the running device's channel socket is, for the host tools that talk
 * to it (the device CLI, the Security Service's deployment deliver).
 */
#ifndef AZS_DEVICE_SOCKET_H
#define AZS_DEVICE_SOCKET_H

#include <stddef.h>

/*
 * EXPLICIT (a --device/--socket option) if not NULL, else $AZS_DEVICE_SOCKET,
 * else the first BASE/device.sock that is a socket, BASE as
 * device/runtime-dir makes it: $AZS_RUNTIME_DIR alone if set, else
 * $XDG_RUNTIME_DIR/azsphere, /run/azsphere, /tmp/azsphere-UID (device/run
 * publishes its socket there as a symlink, removed when the device is gone).
 * The path found is copied to BUF of SIZE bytes when it is one of those.
 * NULL, after a message to stderr that starts with PROG and names every
 * place looked at, when there is none.
 */
const char *azs_find_device(const char *prog, const char *explicit, char *buf, size_t size);

#endif
