/* SPDX-License-Identifier: MIT */
/*
 * The platform modules a kselftest program needs. Kernel developers run the
 * collections on kernels and images of their own (docs/integrating.md):
 * where one of the modules is not loaded, the program does not fail test by
 * test but skips as a whole, before any test runs, naming the module:
 *
 *   TAP version 13
 *   1..0 # SKIP firewall_test: kernel module azs_firewall is not loaded (...)
 *
 * and exits with KSFT_SKIP (4), which the kselftest runner reports as
 * "ok N ... # SKIP". Use once per program, at file scope:
 *
 *   AZS_KSFT_NEEDS_MODULES("azs_secmon", "azs_firewall");
 */
#ifndef AZS_TEST_KSFT_MODULES_H
#define AZS_TEST_KSFT_MODULES_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest.h"

/*
 * Skip the whole program unless every module in the NULL-terminated list is
 * loaded (/sys/module/<name> exists). Without /sys mounted nothing can be
 * told: that skips too, with its own reason.
 */
static inline void azs_ksft_require_modules(const char *prog, const char *const *mods)
{
	char path[128];

	if (access("/sys/module", F_OK) != 0) {
		ksft_print_header();
		ksft_exit_skip("%s: /sys/module is not readable (%s): cannot tell whether the "
			       "azsphere platform modules are loaded\n",
			       prog, strerror(errno));
	}
	for (; *mods; mods++) {
		snprintf(path, sizeof(path), "/sys/module/%s", *mods);
		if (access(path, F_OK) == 0)
			continue;
		ksft_print_header();
		ksft_exit_skip("%s: kernel module %s is not loaded (the azsphere platform modules "
			       "are absent: load them, docs/integrating.md)\n",
			       prog, *mods);
	}
}

#define AZS_KSFT_NEEDS_MODULES(...)                                                                \
	static void __attribute__((constructor)) azs_ksft_needs_modules(void)                      \
	{                                                                                          \
		static const char *const azs_ksft_mods[] = {__VA_ARGS__, NULL};                    \
		azs_ksft_require_modules(program_invocation_short_name, azs_ksft_mods);            \
	}

#endif /* AZS_TEST_KSFT_MODULES_H */
