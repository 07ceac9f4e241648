/* SPDX-License-Identifier: MIT */
/*
 * rtcore.c: real-time apps on the I/O cores (docs/iocore.md). The
 * supervisor hands RT apps here: each runs as azs-iocore, one sandboxed
 * process per core, with the platform's initiator fd bound to that core.
 */
#ifndef AZS_APPMAND_RTCORE_H
#define AZS_APPMAND_RTCORE_H

#include <stdbool.h>

#include "appmand.h"

/* The azs-iocore process's memory.max: the engine's code cache and tables. */
#define RTCORE_MEMORY_MAX (32ull << 20)
/* Where each RT app's mailbox directory is (the manager's side). */
#define RTCORE_RUN_DIR "/run/azs/iocore"

/* Start A on the core its peripherals allow. 0 or -errno (A failed, why in its log). */
int rtcore_start(struct appmand *d, struct app *a);
/* One of A's fds is ready (its output, its exit). True when the core ended
 * and A wants to run: the caller (the supervisor) applies the restart policy. */
bool rtcore_event(struct appmand *d, struct app *a, int fd);
/* Stop A's core process: SIGTERM, then the cgroup killed after the grace time. */
int rtcore_stop(struct appmand *d, struct app *a);

#endif /* AZS_APPMAND_RTCORE_H */
