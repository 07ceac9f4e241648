/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A short log of recent bus activity for the control interface: the last
 * BOARD_LOG_LINES lines, readable as <dir>/log (0600); writing "clear"
 * empties it.
 */
#ifndef AZS_BOARD_LOG_H
#define AZS_BOARD_LOG_H

#include <linux/debugfs.h>
#include <linux/mutex.h>

#define BOARD_LOG_LINES 16
#define BOARD_LOG_LEN	48

struct board_log {
	struct mutex lock; /* protects line, next and count */
	char line[BOARD_LOG_LINES][BOARD_LOG_LEN];
	unsigned int next;  /* slot the next line goes to */
	unsigned int count; /* lines held, up to BOARD_LOG_LINES */
};

void board_log_init(struct board_log *log);
__printf(2, 3) void board_log_add(struct board_log *log, const char *fmt, ...);
void board_log_create_file(struct dentry *dir, struct board_log *log);

#endif /* AZS_BOARD_LOG_H */
