// SPDX-License-Identifier: MIT
/* PID 1 of the sandbox (see reaper.h). */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reaper.h"

static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

static void ignore(int sig)
{
	(void)sig;
}

void sb_reaper_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(set, forwarded[i]);
}

static void handlers(void (*h)(int))
{
	struct sigaction sa = {.sa_handler = h};

	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaction(forwarded[i], &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
}

void sb_reaper_handlers(void)
{
	handlers(ignore);
}

void sb_reaper_defaults(void)
{
	handlers(SIG_DFL);
}

int sb_reaper_code(int wstatus)
{
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
}

void sb_reaper_run(pid_t app)
{
	sigset_t set;

	/*
	 * Signals to a namespace's init with the default action are dropped:
	 * a handler (never run: they stay blocked) makes them pend for sigwaitinfo.
	 */
	sb_reaper_signals(&set);
	handlers(ignore);
	for (;;) {
		int sig = sigwaitinfo(&set, NULL);
		pid_t pid;
		int status;

		if (sig < 0)
			continue;
		if (sig != SIGCHLD) {
			kill(app, sig);
			continue;
		}
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			if (pid != app)
				continue;
			_exit(sb_reaper_code(status));
		}
		if (pid < 0 && errno == ECHILD)
			_exit(127);
	}
}
