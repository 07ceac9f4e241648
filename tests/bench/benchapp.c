// SPDX-License-Identifier: MIT
/*
 * The benchmark's app (tests/bench, docs/performance.md): it prints the
 * CLOCK_MONOTONIC time at which its main() runs, so a start is measured from
 * the request to main() whatever started it (the application manager,
 * fork+exec, bwrap, crun). With "exit" it ends there; otherwise it waits, as
 * an app does, until it is stopped.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	char line[64];
	int n;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	n = snprintf(line, sizeof(line), "azs-bench-main %llu\n",
		     (unsigned long long)ts.tv_sec * 1000000000ull +
			     (unsigned long long)ts.tv_nsec);
	if (write(1, line, (size_t)n) != n)
		return 1;
	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	for (;;)
		pause();
}
