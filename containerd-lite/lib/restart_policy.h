/* SPDX-License-Identifier: MIT */
/*
 * When to restart an app that exited or crashed, and when to give up.
 *
 * After each unexpected exit the app restarts after a delay that doubles
 * from AZS_RESTART_FIRST_MS up to AZS_RESTART_MAX_MS. An app that exits
 * AZS_CRASH_LOOP_EXITS times within AZS_CRASH_LOOP_WINDOW_MS is marked
 * failed and not restarted. A run that lasted AZS_RESTART_RESET_MS or more
 * counts as healthy: the delay and the exit history start over.
 * Times are milliseconds of a monotonic clock, passed in (pure logic).
 */
#ifndef AZS_RESTART_POLICY_H
#define AZS_RESTART_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define AZS_RESTART_FIRST_MS     500
#define AZS_RESTART_MAX_MS       30000
#define AZS_RESTART_RESET_MS     60000
#define AZS_CRASH_LOOP_EXITS     5
#define AZS_CRASH_LOOP_WINDOW_MS 60000

struct azs_restart_state {
	uint64_t exits[AZS_CRASH_LOOP_EXITS]; /* times of the latest exits */
	unsigned int n_exits;
	uint32_t next_delay_ms;
	bool failed;
};

void azs_restart_init(struct azs_restart_state *s);

/*
 * The app started at started_ms exited at now_ms. Returns the delay before
 * restarting it (ms), or -1 when it is now failed (a crash loop).
 */
int64_t azs_restart_on_exit(struct azs_restart_state *s, uint64_t started_ms, uint64_t now_ms);

#endif /* AZS_RESTART_POLICY_H */
