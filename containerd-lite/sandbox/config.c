// SPDX-License-Identifier: MIT
/* Configuration defaults (see config.h). */
#include <string.h>

#include "config.h"

void azs_sandbox_config_init(struct azs_sandbox_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->name = "app";
	cfg->uid = (uid_t)-1;
	cfg->gid = (gid_t)-1;
	cfg->root_fd = -1;
	cfg->net = AZS_SANDBOX_NET_NONE;
	cfg->memory_max = AZS_SANDBOX_DEFAULT_MEMORY_MAX;
	cfg->pids_max = AZS_SANDBOX_DEFAULT_PIDS_MAX;
	cfg->cpu_period_us = 100000;
	cfg->cgroup_parent = "/sys/fs/cgroup/azsphere";
	cfg->channel_fd = -1;
	cfg->stdout_fd = -1;
	cfg->stderr_fd = -1;
	cfg->debug_fd = -1;
	cfg->netns_fd = -1;
	cfg->mntns_fd = -1;
	cfg->ipcns_fd = -1;
	cfg->cgroup_fd = -1;
	cfg->landlock_fd = -1;
}
