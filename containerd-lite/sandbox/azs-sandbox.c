// SPDX-License-Identifier: MIT
/*
 * azs-sandbox: run one app in its sandbox, in the foreground (tests and
 * debugging). The app's stdout and stderr, and the seccomp denials, are
 * printed prefixed with "[NAME] "; at the end one line gives the app's
 * status, and azs-sandbox exits with it (exit code, or 128 + signal).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "cli_args.h"
#include "launch.h"
#include "log.h"
#include "seccomp_notify.h"
#include "seccomp_policy.h"

static const char usage[] =
	"Usage: azs-sandbox --root DIR --uid N --gid N [options] -- /APP [ARGS...]\n"
	"Run /APP (a path inside the image DIR) in its sandbox, in the foreground.\n"
	"  --name NAME           app name: hostname, cgroup, log prefix (default: DIR's name)\n"
	"  --dev HOSTPATH:NAME   expose the host's device node as /dev/NAME (repeatable)\n"
	"  --sysfs HOST:APP      expose the sysfs directory HOST (under /sys, resolved without\n"
	"                        leaving it) at APP (a plain path under /sys) (repeatable)\n"
	"  --storage DIR:KB      mutable storage at /mnt/config, at most KB KiB\n"
	"  --memory BYTES        memory.max (K, M, G suffixes; default 256K)\n"
	"  --pids N              pids.max (default 32)\n"
	"  --cpu PERCENT         cpu.max as a percentage of one CPU (default: no limit)\n"
	"  --net none            own network namespace with only lo (the default; network\n"
	"                        links with their packet filter come from azs-appmand)\n"
	"  --grant network       inet sockets (AF_INET, AF_INET6) as a network capability\n"
	"                        gives them (with --net none: over lo only)\n"
	"  --grant system-time   the SystemTime capability: the app may set the clock\n"
	"  --timeout S           stop the app after S seconds\n"
	"  --policy FILE         seccomp policy (default " SB_CLI_DEFAULT_POLICY ")\n"
	"  --cgroup-parent DIR   (default /sys/fs/cgroup/azsphere)\n"
	"Exit status: the app's (128 + signal if killed), 125 if its sandbox could not be\n"
	"set up, 2 for bad arguments, 1 for other errors.\n";

struct log_pipe {
	int fd;
	char buf[4096];
	size_t len;
};

static const char *app_name;

static void flush_lines(struct log_pipe *p, int all)
{
	char *start = p->buf, *nl;

	while ((nl = memchr(start, '\n', p->len - (size_t)(start - p->buf)))) {
		printf("[%s] %.*s\n", app_name, (int)(nl - start), start);
		start = nl + 1;
	}
	p->len -= (size_t)(start - p->buf);
	memmove(p->buf, start, p->len);
	if (p->len && (all || p->len == sizeof(p->buf))) {
		printf("[%s] %.*s\n", app_name, (int)p->len, p->buf);
		p->len = 0;
	}
	fflush(stdout);
}

/* Read what is there; returns 0 at end of file. */
static int pump(struct log_pipe *p)
{
	ssize_t n = read(p->fd, p->buf + p->len, sizeof(p->buf) - p->len);

	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 1 : 0;
	p->len += (size_t)n;
	flush_lines(p, n == 0);
	return n > 0;
}

static int make_pipe(int fds[2])
{
	if (pipe2(fds, O_CLOEXEC))
		return sb_syserr("pipe");
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Follow the app until it ends; returns its wait status. */
static int supervise(struct azs_sandbox *sb, struct log_pipe logs[2], int log_w, int sigfd,
		     unsigned int timeout_s)
{
	long long deadline = timeout_s ? now_ms() + timeout_s * 1000LL : -1;

	for (;;) {
		struct pollfd p[6] = {
			{.fd = logs[0].fd, .events = POLLIN},
			{.fd = logs[1].fd, .events = POLLIN},
			{.fd = sb->notify_sock, .events = POLLIN},
			{.fd = sb->listener, .events = POLLIN},
			{.fd = sb->pidfd, .events = POLLIN},
			{.fd = sigfd, .events = POLLIN},
		};
		int wait_ms = deadline < 0 ? -1 : (int)(deadline - now_ms());

		if (deadline >= 0 && wait_ms <= 0) {
			printf("azs-sandbox: %s: timeout after %u s, stopping it\n", app_name,
			       timeout_s);
			break;
		}
		if (poll(p, 6, wait_ms) < 0 && errno != EINTR)
			break;
		if (p[0].revents)
			pump(&logs[0]);
		if (p[1].revents)
			pump(&logs[1]);
		if (p[2].revents)
			azs_sandbox_take_listener(sb);
		if (p[3].revents & POLLIN)
			azs_seccomp_deny_one(sb->listener, log_w);
		if (p[5].revents) {
			struct signalfd_siginfo si;

			if (read(sigfd, &si, sizeof(si)) > 0)
				printf("azs-sandbox: %s: signal %u, stopping it\n", app_name,
				       si.ssi_signo);
			break;
		}
		if (p[4].revents && azs_sandbox_reap(sb, 0) == 1)
			break;
	}
	return sb->status;
}

static int report(struct azs_sandbox *sb, int status, int left)
{
	long ooms = sb_cgroup_oom_kills(sb->cgroup_fd);
	int code;

	if (WIFEXITED(status)) {
		code = WEXITSTATUS(status);
		if (code == AZS_SANDBOX_SETUP_FAILED)
			printf("azs-sandbox: %s: its sandbox could not be set up\n", app_name);
		else if (code > 128)
			printf("azs-sandbox: %s: killed by signal %d\n", app_name, code - 128);
		else
			printf("azs-sandbox: %s: exited with status %d\n", app_name, code);
	} else {
		code = 128 + WTERMSIG(status);
		printf("azs-sandbox: %s: killed by signal %d\n", app_name, WTERMSIG(status));
	}
	if (ooms > 0)
		printf("azs-sandbox: %s: killed by the OOM killer (memory.max %llu bytes)\n",
		       app_name, (unsigned long long)sb->cfg->memory_max);
	printf("azs-sandbox: %s: %d processes left in its cgroup\n", app_name, left);
	return code;
}

int main(int argc, char **argv)
{
	struct azs_seccomp_policy *policy = NULL;
	struct log_pipe logs[2];
	struct azs_sandbox sb;
	int out[2], err[2], sigfd, status, left, ret;
	struct sb_cli cli;
	sigset_t set;

	if (sb_cli_parse(argc, argv, &cli))
		return 2;
	if (cli.help) {
		fputs(usage, stdout);
		return 0;
	}
	app_name = cli.cfg.name;
	if (azs_seccomp_policy_compile_file(cli.policy_path, &policy))
		return 1;
	cli.cfg.seccomp = policy;
	if (make_pipe(out) || make_pipe(err))
		return 1;
	cli.cfg.stdout_fd = out[1];
	cli.cfg.stderr_fd = err[1];

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC);

	ret = azs_sandbox_start(&cli.cfg, &sb);
	close(out[1]);
	if (ret) {
		azs_seccomp_policy_free(policy);
		return 1;
	}
	logs[0] = (struct log_pipe){.fd = out[0]};
	logs[1] = (struct log_pipe){.fd = err[0]};
	printf("azs-sandbox: %s: started (pid %d)\n", app_name, (int)sb.pid);
	fflush(stdout);

	status = supervise(&sb, logs, err[1], sigfd, cli.timeout_s);
	left = azs_sandbox_stop(&sb, 2000);
	status = sb.status;
	/* Everything is dead: the rest of the log is in the pipes. */
	close(err[1]);
	while (pump(&logs[0]))
		;
	while (pump(&logs[1]))
		;
	ret = report(&sb, status, left);
	azs_sandbox_release(&sb);
	azs_seccomp_policy_free(policy);
	return ret;
}
