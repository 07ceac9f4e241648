// SPDX-License-Identifier: MIT
/*
 * PID 1 of the sandbox (AC-21): a function of the launcher that runs after
 * the fork, never an exec of the supervisor inside the sandbox (AC-01). It
 * forwards SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 to the app,
 * reaps every orphan, and exits with the app's status (its exit code, or 128
 * + the signal that killed it) as soon as the app itself has ended; the
 * kernel then kills whatever is left in the pid namespace.
 */
#ifndef AZS_SANDBOX_REAPER_H
#define AZS_SANDBOX_REAPER_H

#include <signal.h>
#include <sys/types.h>

/* The signals the reaper handles: blocked before the app is forked. */
void sb_reaper_signals(sigset_t *set);

/* Run the reaper for APP with the signals of sb_reaper_signals blocked. */
__attribute__((noreturn)) void sb_reaper_run(pid_t app);

/*
 * A kept pid 1 (launch.h) waits for them with signalfd: the same handlers
 * (never run: they stay blocked) so that they pend; the app, between its
 * vfork and its execve, puts the defaults back.
 */
void sb_reaper_handlers(void);
void sb_reaper_defaults(void);

/* What the reaper exits with for the app's wait status WSTATUS: its exit code, or 128 + signal. */
int sb_reaper_code(int wstatus);

#endif /* AZS_SANDBOX_REAPER_H */
