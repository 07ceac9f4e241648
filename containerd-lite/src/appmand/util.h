/* SPDX-License-Identifier: MIT */
/*
 * The daemon's utilities, used by every layer above: the event loop's
 * registration, the clock, the apps' logs, small file writes.
 * Layer: utilities (docs/application-manager.md, "Layers"): includes only
 * appmand.h; calls nothing of the daemon's other modules.
 */
#ifndef AZS_APPMAND_UTIL_H
#define AZS_APPMAND_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "appmand.h"

/* epoll registration tag: which app (or none) and which descriptor. */
int appmand_watch(struct appmand *d, int fd, struct app *a);
void appmand_unwatch(struct appmand *d, int fd);

uint64_t appmand_now_ms(void);

/* A line of A's log (its ring, what app-logs shows) and the console. */
void app_log(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Open the device node PATH (open FLAGS), one ioctl CMD with ARG, close it: 0 or -errno. */
int appmand_dev_ioctl(const char *path, int flags, unsigned long cmd, void *arg);

/* Write TEXT to the existing file PATH (sysfs, procfs, cgroupfs): 0 or -errno. */
int appmand_write_text(const char *path, const char *text);

/*
 * A file of the daemon's persistent or runtime state, written the one way:
 * a temporary name, synced, renamed over NAME in the directory DIR, the
 * directory synced; on any failure the old file stays and the temporary one
 * is removed. 0 or -errno.
 */
int appmand_write_file(const char *dir, const char *name, const void *data, size_t len,
		       mode_t mode);

#endif /* AZS_APPMAND_UTIL_H */
