// SPDX-License-Identifier: MIT
/* The azs-sandbox command line (see azs-sandbox.c for the usage). */
#ifndef AZS_SANDBOX_CLI_ARGS_H
#define AZS_SANDBOX_CLI_ARGS_H

#include "config.h"

#define SB_CLI_DEFAULT_POLICY "/etc/azs/policy/seccomp-app.json"

struct sb_cli {
	struct azs_sandbox_config cfg;
	const char *policy_path;
	unsigned int timeout_s; /* 0: none */
	int help;
};

/*
 * Parse ARGV into CLI (whose cfg keeps pointers into ARGV). Returns 0, or
 * -EINVAL after a message naming the bad argument.
 */
int sb_cli_parse(int argc, char **argv, struct sb_cli *cli);

#endif /* AZS_SANDBOX_CLI_ARGS_H */
