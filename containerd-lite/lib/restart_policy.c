// SPDX-License-Identifier: MIT
/* Restart with backoff and crash-loop detection (see restart_policy.h). */
#include <string.h>

#include "restart_policy.h"

void azs_restart_init(struct azs_restart_state *s)
{
	memset(s, 0, sizeof(*s));
	s->next_delay_ms = AZS_RESTART_FIRST_MS;
}

int64_t azs_restart_on_exit(struct azs_restart_state *s, uint64_t started_ms, uint64_t now_ms)
{
	uint64_t ran = now_ms >= started_ms ? now_ms - started_ms : 0;
	uint32_t delay;

	if (s->failed)
		return -1;
	if (ran >= AZS_RESTART_RESET_MS) {
		s->n_exits = 0;
		s->next_delay_ms = AZS_RESTART_FIRST_MS;
	}

	/* Keep the latest exits, oldest first. */
	if (s->n_exits == AZS_CRASH_LOOP_EXITS) {
		memmove(s->exits, s->exits + 1, sizeof(s->exits[0]) * (AZS_CRASH_LOOP_EXITS - 1));
		s->n_exits--;
	}
	s->exits[s->n_exits++] = now_ms;
	if (s->n_exits == AZS_CRASH_LOOP_EXITS &&
	    now_ms - s->exits[0] <= AZS_CRASH_LOOP_WINDOW_MS) {
		s->failed = true;
		return -1;
	}

	delay = s->next_delay_ms;
	s->next_delay_ms = delay >= AZS_RESTART_MAX_MS / 2 ? AZS_RESTART_MAX_MS : delay * 2;
	return delay;
}
