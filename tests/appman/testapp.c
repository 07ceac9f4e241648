// SPDX-License-Identifier: MIT
/*
 * The application manager's test app: behaves as its CmdArgs say.
 *   run NAME VERSION    print "NAME VERSION tick N" every 200 ms, forever
 *   exit CODE           print a line and exit with CODE at once
 *   ignore-term         like run, but ignore SIGTERM (needs SIGKILL)
 *   spawn               leave a daemonised grandchild running, then run
 *   count               count its starts in its mutable file
 *                       (Storage_OpenMutableFile), print "count N", then run
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <applibs/storage.h>

static void tick_forever(const char *name, const char *version)
{
	const struct timespec t = {.tv_nsec = 200 * 1000 * 1000};

	for (unsigned long n = 1;; n++) {
		printf("%s %s tick %lu\n", name, version, n);
		fflush(stdout);
		nanosleep(&t, NULL);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "run"))
		tick_forever(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "exit")) {
		printf("exiting with %s\n", argv[2]);
		return atoi(argv[2]);
	}
	if (argc == 2 && !strcmp(argv[1], "ignore-term")) {
		signal(SIGTERM, SIG_IGN);
		tick_forever("stubborn", "v1");
	}
	if (argc == 2 && !strcmp(argv[1], "spawn")) {
		if (fork() == 0) {
			setsid();
			if (fork() == 0)
				for (;;)
					pause();
			_exit(0);
		}
		tick_forever("spawner", "v1");
	}
	if (argc == 2 && !strcmp(argv[1], "count")) {
		/* The applibs way: the app's one mutable file. */
		char buf[16] = {0};
		int fd = Storage_OpenMutableFile(), n = 0;

		if (fd < 0) {
			perror("testapp: Storage_OpenMutableFile");
			return 1;
		}
		if (read(fd, buf, sizeof(buf) - 1) > 0)
			n = atoi(buf);
		snprintf(buf, sizeof(buf), "%d\n", n + 1);
		if (lseek(fd, 0, SEEK_SET) || write(fd, buf, strlen(buf)) < 0 || close(fd)) {
			perror("testapp: mutable file");
			return 1;
		}
		printf("count %d\n", n + 1);
		tick_forever("counter", "v1");
	}
	fprintf(stderr, "testapp: unknown arguments\n");
	return 2;
}
