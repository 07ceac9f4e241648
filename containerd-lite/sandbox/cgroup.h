// SPDX-License-Identifier: MIT
/*
 * One cgroup v2 group per app, under a supervisor-owned parent (AC-20,
 * AC-21): created with its limits before the app runs, killed as a whole at
 * stop, removed afterwards.
 */
#ifndef AZS_SANDBOX_CGROUP_H
#define AZS_SANDBOX_CGROUP_H

#include <stdint.h>

struct azs_sandbox_config;

/*
 * Create PARENT/NAME (removing a stale empty one), enable the memory, pids
 * and cpu controllers on the way (checked once per process and parent),
 * set memory.max, memory.oom.group,
 * pids.max and cpu.max from CFG. Returns an O_DIRECTORY fd of the group or a
 * negative errno.
 */
int sb_cgroup_create(const struct azs_sandbox_config *cfg);

/* Kill every process of the group (cgroup.kill). */
int sb_cgroup_kill(int cgfd);

/* Number of processes in the group, or a negative errno. */
int sb_cgroup_count(int cgfd);

/* memory.events' oom_kill counter, or a negative errno. */
long sb_cgroup_oom_kills(int cgfd);

/* Remove PARENT/NAME (empty). */
int sb_cgroup_remove(const struct azs_sandbox_config *cfg);

#endif /* AZS_SANDBOX_CGROUP_H */
