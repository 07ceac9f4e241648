// SPDX-License-Identifier: MIT
/*
 * Mutable storage: the app counts its starts in its one mutable file (the
 * manifest's MutableStorage capability, 8 KiB). At each start it reads the
 * count, adds one, writes it back and syncs it, logs "start count N" and
 * then runs until SIGTERM. The file holds the count as decimal text; a file
 * that holds anything else is reported and counting starts again at 1.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <applibs/log.h>
#include <applibs/storage.h>

static volatile sig_atomic_t stop;

static void on_sigterm(int sig)
{
	(void)sig;
	stop = 1;
}

/* The count in the file: 0 for an empty file, -1 if it is not a count. */
static long read_count(int fd)
{
	char buf[32], *end;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long v;

	if (n < 0)
		return -1;
	if (n == 0)
		return 0;
	buf[n] = '\0';
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || end == buf || *end != '\n' || end[1] != '\0' || v < 0)
		return -1;
	return v;
}

static int write_count(int fd, long count)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%ld\n", count);

	if (pwrite(fd, buf, (size_t)len, 0) != len || ftruncate(fd, len) != 0 || fsync(fd) != 0)
		return -1;
	return 0;
}

int main(void)
{
	struct sigaction sa;
	sigset_t term, old;
	long count;
	int fd;

	/* SIGTERM is only delivered inside sigsuspend: none is missed. */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &old);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigterm;
	sigaction(SIGTERM, &sa, NULL);

	fd = Storage_OpenMutableFile();
	if (fd < 0) {
		Log_Debug("ERROR: Storage_OpenMutableFile: %s (%d)\n", strerror(errno), errno);
		return 1;
	}
	count = read_count(fd);
	if (count < 0) {
		Log_Debug("The mutable file holds no count: starting again\n");
		count = 0;
	}
	count++;
	if (write_count(fd, count) != 0) {
		Log_Debug("ERROR: writing the count: %s (%d)\n", strerror(errno), errno);
		close(fd);
		return 2;
	}
	close(fd);
	Log_Debug("Mutable storage: start count %ld\n", count);

	while (!stop)
		sigsuspend(&old);
	Log_Debug("Mutable storage: stopping after start %ld\n", count);
	return 0;
}
