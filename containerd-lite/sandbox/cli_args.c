// SPDX-License-Identifier: MIT
/* The azs-sandbox command line (see cli_args.h). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "log.h"

/* A decimal number, optionally followed by K, M or G (units of 1024) if SUFFIX. */
static int parse_number(const char *opt, const char *arg, int suffix, uint64_t max, uint64_t *out)
{
	uint64_t v, mult = 1;
	char *end;

	if (!isdigit((unsigned char)arg[0]))
		goto bad;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno)
		goto bad;
	if (suffix && *end && !end[1]) {
		switch (*end) {
		case 'k':
		case 'K':
			mult = 1024;
			break;
		case 'm':
		case 'M':
			mult = 1024 * 1024;
			break;
		case 'g':
		case 'G':
			mult = 1024 * 1024 * 1024;
			break;
		default:
			goto bad;
		}
		end++;
	}
	if (*end || v > max / mult)
		goto bad;
	*out = v * mult;
	return 0;
bad:
	sb_error("%s: '%s' is not a number from 0 to %" PRIu64 "%s", opt, arg, max,
		 suffix ? " (optionally with K, M or G)" : "");
	return -EINVAL;
}

static int parse_id(const char *opt, const char *arg, unsigned int *out)
{
	uint64_t v;
	int ret = parse_number(opt, arg, 0, 65534, &v);

	if (ret)
		return ret;
	if (v == 0) {
		sb_error("%s: an app never runs as 0 (root)", opt);
		return -EINVAL;
	}
	*out = (unsigned int)v;
	return 0;
}

/* "LEFT:RIGHT" split at the last ':' (so a host path may hold one). */
static int split(const char *opt, char *arg, char **left, char **right)
{
	char *colon = strrchr(arg, ':');

	if (!colon || colon == arg || !colon[1]) {
		sb_error("%s: expected A:B, got '%s'", opt, arg);
		return -EINVAL;
	}
	*colon = 0;
	*left = arg;
	*right = colon + 1;
	return 0;
}

static int parse_option(struct sb_cli *cli, const char *opt, char *val)
{
	struct azs_sandbox_config *cfg = &cli->cfg;
	uint64_t v;
	int ret = 0;

	if (!strcmp(opt, "--root")) {
		cfg->root_path = val;
	} else if (!strcmp(opt, "--name")) {
		cfg->name = val;
	} else if (!strcmp(opt, "--uid")) {
		unsigned int id = 0;

		ret = parse_id(opt, val, &id);
		cfg->uid = id;
	} else if (!strcmp(opt, "--gid")) {
		unsigned int id = 0;

		ret = parse_id(opt, val, &id);
		cfg->gid = id;
	} else if (!strcmp(opt, "--dev")) {
		char *host, *name;

		if (cfg->n_devices == AZS_SANDBOX_MAX_DEVICES) {
			sb_error("--dev: at most %d devices", AZS_SANDBOX_MAX_DEVICES);
			return -EINVAL;
		}
		ret = split(opt, val, &host, &name);
		if (!ret && (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))) {
			sb_error("--dev: '%s' is not a name in /dev", name);
			ret = -EINVAL;
		}
		if (!ret && host[0] != '/') {
			sb_error("--dev: '%s' is not an absolute host path", host);
			ret = -EINVAL;
		}
		if (!ret) {
			cfg->devices[cfg->n_devices].host_path = host;
			cfg->devices[cfg->n_devices++].name = name;
		}
	} else if (!strcmp(opt, "--sysfs")) {
		char *host, *app;

		if (cfg->n_sysfs == AZS_SANDBOX_MAX_SYSFS) {
			sb_error("--sysfs: at most %d trees", AZS_SANDBOX_MAX_SYSFS);
			return -EINVAL;
		}
		ret = split(opt, val, &host, &app);
		if (!ret) {
			cfg->sysfs[cfg->n_sysfs].host_path = host;
			cfg->sysfs[cfg->n_sysfs++].app_path = app;
		}
	} else if (!strcmp(opt, "--storage")) {
		char *dir, *kb;

		ret = split(opt, val, &dir, &kb);
		if (!ret)
			ret = parse_number(opt, kb, 0, 1024 * 1024, &v);
		if (!ret && v == 0) {
			sb_error("--storage: the size must be 1 KiB or more");
			ret = -EINVAL;
		}
		if (!ret) {
			cfg->storage_dir = dir;
			cfg->storage_kb = (unsigned long)v;
		}
	} else if (!strcmp(opt, "--memory")) {
		ret = parse_number(opt, val, 1, UINT64_C(1) << 40, &cfg->memory_max);
	} else if (!strcmp(opt, "--pids")) {
		ret = parse_number(opt, val, 0, 1 << 22, &cfg->pids_max);
	} else if (!strcmp(opt, "--cpu")) {
		ret = parse_number(opt, val, 0, 100, &v);
		cfg->cpu_quota_us = v * cfg->cpu_period_us / 100;
	} else if (!strcmp(opt, "--net")) {
		/* Network links come with the supervisor's packet filter
		 * (azs-appmand); on its own the sandbox offers only lo. */
		if (!strcmp(val, "none")) {
			cfg->net = AZS_SANDBOX_NET_NONE;
		} else {
			sb_error("--net: only 'none' (lo only) is offered here, got '%s'", val);
			ret = -EINVAL;
		}
	} else if (!strcmp(opt, "--grant")) {
		/* What a manifest's capabilities grant beyond devices and storage. */
		if (!strcmp(val, "network")) {
			cfg->grants |= AZS_SANDBOX_GRANT_NETWORK;
		} else if (!strcmp(val, "system-time")) {
			cfg->grants |= AZS_SANDBOX_GRANT_SYSTEM_TIME;
		} else {
			sb_error("--grant: 'network' or 'system-time', got '%s'", val);
			ret = -EINVAL;
		}
	} else if (!strcmp(opt, "--timeout")) {
		ret = parse_number(opt, val, 0, 86400, &v);
		cli->timeout_s = (unsigned int)v;
	} else if (!strcmp(opt, "--policy")) {
		cli->policy_path = val;
	} else if (!strcmp(opt, "--cgroup-parent")) {
		cfg->cgroup_parent = val;
	} else {
		sb_error("unknown option '%s' (try --help)", opt);
		ret = -EINVAL;
	}
	return ret;
}

int sb_cli_parse(int argc, char **argv, struct sb_cli *cli)
{
	int i;

	memset(cli, 0, sizeof(*cli));
	azs_sandbox_config_init(&cli->cfg);
	cli->policy_path = SB_CLI_DEFAULT_POLICY;
	cli->cfg.name = NULL;
	for (i = 1; i < argc; i++) {
		int ret;

		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			cli->help = 1;
			return 0;
		}
		if (strncmp(argv[i], "--", 2) || i + 1 >= argc || !strcmp(argv[i + 1], "--")) {
			sb_error("'%s': expected an option with a value (try --help)", argv[i]);
			return -EINVAL;
		}
		ret = parse_option(cli, argv[i], argv[i + 1]);
		if (ret)
			return ret;
		i++;
	}
	if (i >= argc - 1) {
		sb_error("no app: expected -- /PATH/IN/IMAGE [ARGS...]");
		return -EINVAL;
	}
	cli->cfg.argv = (const char *const *)&argv[i + 1];
	if (!cli->cfg.root_path || cli->cfg.uid == (uid_t)-1 || cli->cfg.gid == (gid_t)-1) {
		sb_error("--root, --uid and --gid are required");
		return -EINVAL;
	}
	if (cli->cfg.argv[0][0] != '/') {
		sb_error("'%s': the app must be an absolute path inside its image",
			 cli->cfg.argv[0]);
		return -EINVAL;
	}
	if (!cli->cfg.name) {
		const char *slash = strrchr(cli->cfg.root_path, '/');
		const char *base = slash ? slash + 1 : cli->cfg.root_path;

		cli->cfg.name = base[0] ? base : "app";
	}
	for (const char *p = cli->cfg.name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.') {
			sb_error("--name: '%s' is not an app name (letters, digits, '-', '_', '.')",
				 cli->cfg.name);
			return -EINVAL;
		}
	if (!strcmp(cli->cfg.name, ".") || !strcmp(cli->cfg.name, "..") ||
	    strlen(cli->cfg.name) > 64) {
		sb_error("--name: '%s' is not an app name", cli->cfg.name);
		return -EINVAL;
	}
	return 0;
}
