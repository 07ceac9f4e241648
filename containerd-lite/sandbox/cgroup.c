// SPDX-License-Identifier: MIT
/* The app's cgroup (see cgroup.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <linux/magic.h>

#include "cgroup.h"
#include <azs/cleanup.h>
#include "config.h"
#include "log.h"

static int write_at(int dirfd, const char *dir, const char *file, const char *value)
{
	azs_cleanup(azs_closep) int fd = openat(dirfd, file, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(value);

	if (fd < 0)
		return sb_syserr("cannot open %s/%s", dir, file);
	if (write(fd, value, len) != (ssize_t)len)
		return sb_syserr("cannot write '%s' to %s/%s", value, dir, file);
	return 0;
}

static ssize_t read_at(int dirfd, const char *file, char *buf, size_t cap)
{
	azs_cleanup(azs_closep) int fd = openat(dirfd, file, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, cap - 1);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return n;
}

/* Whether the space-separated LIST names controller NAME. */
static int lists(const char *list, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = list; (p = strstr(p, name)); p += len)
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\n' || !p[len]))
			return 1;
	return 0;
}

/*
 * Enable the controllers for the children of DIR: once. The application
 * manager enables them at its start, so a start normally only reads
 * cgroup.subtree_control; a write (which re-applies the whole subtree's
 * control under the cgroup lock) only for what is missing, in one write.
 */
static int enable_controllers(const char *dir)
{
	static const char *const ctrl[] = {"memory", "pids", "cpu"};
	azs_cleanup(azs_closep) int fd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	char have[256], want[64] = "";
	ssize_t n;

	if (fd < 0)
		return sb_syserr("cannot open %s", dir);
	n = read_at(fd, "cgroup.subtree_control", have, sizeof(have));
	if (n < 0) {
		errno = (int)-n;
		return sb_syserr("cannot read %s/cgroup.subtree_control", dir);
	}
	for (size_t i = 0; i < sizeof(ctrl) / sizeof(ctrl[0]); i++)
		if (!lists(have, ctrl[i]))
			snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s+%s",
				 want[0] ? " " : "", ctrl[i]);
	return want[0] ? write_at(fd, dir, "cgroup.subtree_control", want) : 0;
}

static int set_limits(int cgfd, const char *dir, const struct azs_sandbox_config *cfg)
{
	char v[64];
	int ret = 0;

	if (cfg->memory_max) {
		snprintf(v, sizeof(v), "%" PRIu64, cfg->memory_max);
		ret = write_at(cgfd, dir, "memory.max", v);
		/* An OOM kill takes the whole app, its reaper included. */
		if (!ret)
			ret = write_at(cgfd, dir, "memory.oom.group", "1");
	}
	if (!ret && cfg->pids_max) {
		snprintf(v, sizeof(v), "%" PRIu64, cfg->pids_max);
		ret = write_at(cgfd, dir, "pids.max", v);
	}
	if (!ret && cfg->cpu_quota_us) {
		snprintf(v, sizeof(v), "%" PRIu64 " %" PRIu64, cfg->cpu_quota_us,
			 cfg->cpu_period_us);
		ret = write_at(cgfd, dir, "cpu.max", v);
	}
	return ret;
}

static int group_path(const struct azs_sandbox_config *cfg, char *path, size_t cap)
{
	if (!cfg->name[0] || strchr(cfg->name, '/') || !strcmp(cfg->name, ".") ||
	    !strcmp(cfg->name, "..")) {
		sb_error("'%s' cannot name a cgroup", cfg->name);
		return -EINVAL;
	}
	if ((size_t)snprintf(path, cap, "%s/%s", cfg->cgroup_parent, cfg->name) >= cap) {
		sb_error("cgroup path too long");
		return -ENAMETOOLONG;
	}
	return 0;
}

/*
 * The parent made, in cgroup v2, its controllers enabled: once per process
 * and parent (a supervisor starts every app under the same one), not at
 * every start. Should they be disabled later, the limits can't be written
 * and the start fails, naming the file.
 */
static int parent_ready(const char *parent)
{
	static char done[PATH_MAX];
	char up[PATH_MAX];
	struct statfs sf;
	int ret;

	if (done[0] && !strcmp(done, parent))
		return 0;
	snprintf(up, sizeof(up), "%s", parent);
	if (mkdir(parent, 0755) && errno != EEXIST)
		return sb_syserr("cannot create %s", parent);
	if (statfs(parent, &sf) || sf.f_type != CGROUP2_SUPER_MAGIC) {
		sb_error("%s is not in a cgroup v2 hierarchy", parent);
		return -ENOTSUP;
	}
	ret = enable_controllers(dirname(up));
	if (!ret)
		ret = enable_controllers(parent);
	if (!ret && strlen(parent) < sizeof(done))
		snprintf(done, sizeof(done), "%s", parent);
	return ret;
}

int sb_cgroup_create(const struct azs_sandbox_config *cfg)
{
	char path[PATH_MAX];
	azs_cleanup(azs_closep) int cgfd = -1;
	int ret;

	ret = group_path(cfg, path, sizeof(path));
	if (ret)
		return ret;
	ret = parent_ready(cfg->cgroup_parent);
	if (ret)
		return ret;
	/* A group left by an earlier run of this app goes first. */
	if (rmdir(path) && errno != ENOENT) {
		int err = errno;

		sb_error("cannot remove the stale cgroup %s: %s", path, strerror(err));
		return -err;
	}
	if (mkdir(path, 0755))
		return sb_syserr("cannot create %s", path);
	cgfd = open(path, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (cgfd < 0)
		return sb_syserr("cannot open %s", path);
	ret = set_limits(cgfd, path, cfg);
	if (ret) {
		rmdir(path);
		return ret;
	}
	return azs_take_fd(&cgfd);
}

int sb_cgroup_kill(int cgfd)
{
	return write_at(cgfd, "(app cgroup)", "cgroup.kill", "1");
}

int sb_cgroup_count(int cgfd)
{
	char buf[4096];
	ssize_t n = read_at(cgfd, "cgroup.procs", buf, sizeof(buf));
	int count = 0;

	if (n < 0)
		return (int)n;
	for (ssize_t i = 0; i < n; i++)
		count += buf[i] == '\n';
	return count;
}

long sb_cgroup_oom_kills(int cgfd)
{
	char buf[1024];
	ssize_t n = read_at(cgfd, "memory.events", buf, sizeof(buf));
	const char *p;

	if (n < 0)
		return (long)n;
	p = strstr(buf, "oom_kill ");
	return p ? strtol(p + 9, NULL, 10) : 0;
}

int sb_cgroup_remove(const struct azs_sandbox_config *cfg)
{
	char path[PATH_MAX];
	int ret = group_path(cfg, path, sizeof(path));

	if (ret)
		return ret;
	if (rmdir(path) && errno != ENOENT)
		return sb_syserr("cannot remove %s", path);
	return 0;
}
