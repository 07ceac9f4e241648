/* SPDX-License-Identifier: MIT */
/*
 * supervisor.c: sandboxes, exits, restarts, logs.
 * Layer: services, supervision (docs/application-manager.md, "Layers"): the top
 * of the services; includes store.h, network.h, runtime.h, platform.h,
 * deviceauth.h and the utilities' headers.
 */
#ifndef AZS_APPMAND_SUPERVISOR_H
#define AZS_APPMAND_SUPERVISOR_H

#include "appmand.h"

/* Debug mode: gdbserver with its loader and libraries, and its stream's socket. */
#define GDBSERVER_DIR   "/usr/lib/azsphere/gdbserver"
#define DEBUG_SOCK      "/run/azsphere/debug.sock"
#define DEBUG_MEMORY    (48ull << 20) /* gdbserver's own memory, on top of the app's limit */

/*
 * The sandbox's own kernel memory, charged to every app's cgroup though it is
 * the platform's (on the chip the kernel's memory is not in the app's 256
 * KiB): the app's and its reaper's tasks and kernel stacks, their page tables,
 * the mounts, dentries and inodes of its root and /proc, its descriptors. What
 * an empty static app's cgroup holds in the device (docs/sandbox.md, Memory),
 * rounded up; every app gets it on top of its memory.max. Only this fixed part:
 * the kernel memory an app makes grow (sockets, pipes, its own page tables)
 * stays the app's, so an app cannot exhaust the kernel's memory.
 */
#define APP_KERNEL_ALLOWANCE (128u * 1024u)

int supervisor_init(void);
int supervisor_start(struct appmand *d, struct app *a);
int supervisor_stop(struct appmand *d, struct app *a);
/*
 * Wait (at most TIMEOUT_MS) until A's sandbox, just started, has handed over
 * its seccomp listener: the app is at its execve. Returns at once for no
 * sandbox, a debug start (it waits for its debugger first) or a handover
 * already taken; whatever the outcome, the event loop takes the listener.
 */
void supervisor_await_handover(struct app *a, int timeout_ms);
void supervisor_event(struct appmand *d, struct app *a, int fd);
/*
 * Drop A's kept pid 1 (an idle sandbox kept for its next start), if it has
 * one: before an update, a removal, the daemon's exit.
 */
void supervisor_forget(struct appmand *d, struct app *a);

#endif /* AZS_APPMAND_SUPERVISOR_H */
