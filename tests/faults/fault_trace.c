// SPDX-License-Identifier: MIT
/*
 * azs-fault: the fault-injection points of suite faults (docs/testing.md),
 * without a line of fault code in the programs under test: a ptrace tracer
 * that sees every system call of one process and counts the persistent
 * write steps among them.
 *
 *   azs-fault trace --pid PID --op OP [--stop-at K] [--ready FILE]
 *       trace a running process (the application manager)
 *   azs-fault run --op OP [--stop-at K] -- COMMAND [ARG...]
 *       run a command traced from its first instruction; exit with its status
 *   azs-fault store-caps FILE
 *       store the capability file FILE (hex) in the security monitor
 *
 * A write step is a call that changes the flash, made before the call runs:
 * on a file or directory under /mnt/flash, open with O_CREAT or O_TRUNC,
 * write, pwrite, writev, fsync, fdatasync, ftruncate, fallocate, rename,
 * link, symlink, unlink, mkdir, rmdir, chmod, chown, mknod, set-xattr; and
 * sync, syncfs; and, on /dev/azsphere-security, the calls that make the
 * security monitor write its flash record (set manufacturing state, store
 * or clear capabilities, advance the update counter). Each step prints
 *   azs-fault: step OP K SYSCALL PATH...
 * (paths relative to /mnt/flash). With --stop-at K the process is held at
 * the entry of step K, after
 *   azs-fault: reached OP step K SYSCALL PATH...
 * and never resumed: the host kills the emulator (the power cut) on that
 * line. Without --stop-at, SIGTERM ends the trace: the process is detached
 * and resumes, and "azs-fault: recorded OP N steps" is printed. --ready
 * FILE is created once the process is traced.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/fs.h>

#include <azsphere/security.h>

#define FLASH "/mnt/flash"

static const char *op = "op";
static long stop_at = -1;
static long steps;
static volatile sig_atomic_t finish;

static void on_term(int sig)
{
	(void)sig;
	finish = 1;
}

/* A NUL-terminated string of the tracee at addr. */
static void read_string(pid_t pid, uint64_t addr, char *buf, size_t size)
{
	size_t got = 0;

	buf[0] = 0;
	while (got + 1 < size) {
		/* Never cross a page in one read: the next page may be unmapped. */
		size_t chunk = 4096 - ((addr + got) & 4095);
		struct iovec local, remote;
		ssize_t n;

		if (chunk > size - 1 - got)
			chunk = size - 1 - got;
		local.iov_base = buf + got;
		local.iov_len = chunk;
		remote.iov_base = (void *)(uintptr_t)(addr + got);
		remote.iov_len = chunk;
		n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
		if (n <= 0)
			break;
		buf[got + (size_t)n] = 0;
		if (memchr(buf + got, 0, (size_t)n))
			return;
		got += (size_t)n;
	}
	buf[got] = 0;
}

static void fd_path(pid_t pid, long fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	if (fd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", pid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%ld", pid, fd);
	n = readlink(link, buf, size - 1);
	buf[n < 0 ? 0 : n] = 0;
}

/* DIRFD + the tracee's path at addr, made absolute. */
static void at_path(pid_t pid, long dirfd, uint64_t addr, char *buf, size_t size)
{
	char name[4096], dir[4096];

	read_string(pid, addr, name, sizeof(name));
	if (name[0] == '/') {
		snprintf(buf, size, "%s", name);
		return;
	}
	fd_path(pid, (int)dirfd, dir, sizeof(dir));
	snprintf(buf, size, "%s/%s", dir, name);
}

static bool on_flash(const char *path)
{
	return !strncmp(path, FLASH, strlen(FLASH)) &&
	       (path[strlen(FLASH)] == '/' || path[strlen(FLASH)] == 0);
}

/* The path shown: relative to the flash. */
static const char *shown(const char *path)
{
	return path[strlen(FLASH)] ? path + strlen(FLASH) + 1 : ".";
}

/*
 * Is this system call entry a write step? If so, describe it in desc.
 * Syscall numbers are the build architecture's (<sys/syscall.h>).
 */
static bool write_step(pid_t pid, const struct __ptrace_syscall_info *si, char *desc, size_t size)
{
	const uint64_t *a = si->entry.args;
	long nr = (long)si->entry.nr;
	char p1[4096], p2[4096];
	const char *name = NULL;

	switch (nr) {
	/* On a descriptor. */
	case SYS_write:
		name = "write";
		goto fd0;
	case SYS_pwrite64:
		name = "pwrite";
		goto fd0;
	case SYS_writev:
		name = "writev";
		goto fd0;
	case SYS_pwritev:
		name = "pwritev";
		goto fd0;
	case SYS_fsync:
		name = "fsync";
		goto fd0;
	case SYS_fdatasync:
		name = "fdatasync";
		goto fd0;
	case SYS_ftruncate:
		name = "ftruncate";
		goto fd0;
	case SYS_fallocate:
		name = "fallocate";
		goto fd0;
	case SYS_fchmod:
		name = "fchmod";
		goto fd0;
	case SYS_fchown:
		name = "fchown";
		goto fd0;
	case SYS_fsetxattr:
		name = "fsetxattr";
		goto fd0;
	case SYS_syncfs:
		name = "syncfs";
		goto fd0;
#ifdef SYS_sync_file_range
	case SYS_sync_file_range:
		name = "sync_file_range";
		goto fd0;
#endif
#ifdef SYS_sync_file_range2
	case SYS_sync_file_range2:
		name = "sync_file_range";
		goto fd0;
#endif
#ifdef SYS_ftruncate64
	case SYS_ftruncate64:
		name = "ftruncate";
		goto fd0;
#endif
#ifdef SYS_fchown32
	case SYS_fchown32:
		name = "fchown";
		goto fd0;
#endif
#ifdef SYS_truncate64
	case SYS_truncate64:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = "truncate";
		goto path1;
#endif
	case SYS_sync:
		snprintf(desc, size, "sync");
		return true;
	case SYS_ioctl:
		fd_path(pid, (long)a[0], p1, sizeof(p1));
		if (on_flash(p1) && a[1] == FS_IOC_FSSETXATTR) {
			snprintf(desc, size, "ioctl FS_IOC_FSSETXATTR %s", shown(p1));
			return true;
		}
		if (strcmp(p1, AZS_SEC_DEVICE))
			return false;
		if (a[1] == AZS_SEC_IOC_SET_MFG_STATE)
			name = "SET_MFG_STATE";
		else if (a[1] == AZS_SEC_IOC_STORE_CAPS)
			name = "STORE_CAPS";
		else if (a[1] == AZS_SEC_IOC_CLEAR_CAPS)
			name = "CLEAR_CAPS";
		else if (a[1] == AZS_SEC_IOC_UPDATE_COUNTER) {
			struct azs_sec_update_counter c = {0};
			struct iovec l = {&c, sizeof(c)}, r = {(void *)(uintptr_t)a[2], sizeof(c)};

			if (process_vm_readv(pid, &l, 1, &r, 1, 0) == sizeof(c) &&
			    (c.flags & AZS_SEC_COUNTER_ADVANCE))
				name = "UPDATE_COUNTER_ADVANCE";
		}
		if (!name)
			return false;
		snprintf(desc, size, "ioctl %s (the security monitor's flash record)", name);
		return true;
	/* On paths. */
	case SYS_openat:
		if (!(a[2] & (O_CREAT | O_TRUNC)))
			return false;
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		name = a[2] & O_CREAT ? "open-create" : "open-truncate";
		goto path1;
	case SYS_mkdirat:
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		name = "mkdir";
		goto path1;
	case SYS_unlinkat:
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		name = a[2] & AT_REMOVEDIR ? "rmdir" : "unlink";
		goto path1;
	case SYS_fchmodat:
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		name = "chmod";
		goto path1;
	case SYS_fchownat:
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		name = "chown";
		goto path1;
	case SYS_mknodat:
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		name = "mknod";
		goto path1;
	case SYS_symlinkat:
		at_path(pid, (long)(int)a[1], a[2], p1, sizeof(p1));
		name = "symlink";
		goto path1;
	case SYS_renameat:
#ifdef SYS_renameat2
	case SYS_renameat2:
#endif
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		at_path(pid, (long)(int)a[2], a[3], p2, sizeof(p2));
		name = "rename";
		goto path2;
	case SYS_linkat:
		at_path(pid, (long)(int)a[0], a[1], p1, sizeof(p1));
		at_path(pid, (long)(int)a[2], a[3], p2, sizeof(p2));
		name = "link";
		goto path2;
#ifdef SYS_open
	case SYS_open:
		if (!(a[1] & (O_CREAT | O_TRUNC)))
			return false;
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = a[1] & O_CREAT ? "open-create" : "open-truncate";
		goto path1;
#endif
#ifdef SYS_creat
	case SYS_creat:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = "open-create";
		goto path1;
#endif
#ifdef SYS_mkdir
	case SYS_mkdir:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = "mkdir";
		goto path1;
#endif
#ifdef SYS_rmdir
	case SYS_rmdir:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = "rmdir";
		goto path1;
#endif
#ifdef SYS_unlink
	case SYS_unlink:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = "unlink";
		goto path1;
#endif
#ifdef SYS_rename
	case SYS_rename:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		at_path(pid, AT_FDCWD, a[1], p2, sizeof(p2));
		name = "rename";
		goto path2;
#endif
#ifdef SYS_chmod
	case SYS_chmod:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = "chmod";
		goto path1;
#endif
#ifdef SYS_truncate
	case SYS_truncate:
		at_path(pid, AT_FDCWD, a[0], p1, sizeof(p1));
		name = "truncate";
		goto path1;
#endif
	default:
		return false;
	}
fd0:
	fd_path(pid, (long)a[0], p1, sizeof(p1));
	if (!on_flash(p1))
		return false;
	snprintf(desc, size, "%s %s", name, shown(p1));
	return true;
path1:
	if (!on_flash(p1))
		return false;
	snprintf(desc, size, "%s %s", name, shown(p1));
	return true;
path2:
	if (!on_flash(p1) && !on_flash(p2))
		return false;
	snprintf(desc, size, "%s %s -> %s", name, on_flash(p1) ? shown(p1) : p1,
		 on_flash(p2) ? shown(p2) : p2);
	return true;
}

/* Hold the tracee where it is until the emulator is killed. */
static void hold(void)
{
	for (;;)
		pause();
}

/* Follow pid's system calls until it exits or (record mode) SIGTERM. */
static int follow(pid_t pid, bool seized)
{
	int status, sig = 0;
	bool interrupted = false;

	for (;;) {
		pid_t w;

		if (ptrace(PTRACE_SYSCALL, pid, 0, sig) && errno != ESRCH)
			return -1;
		sig = 0;
	again:
		if (finish && seized && !interrupted) {
			ptrace(PTRACE_INTERRUPT, pid, 0, 0);
			interrupted = true;
		}
		w = waitpid(pid, &status, __WALL);
		if (w < 0 && errno == EINTR)
			goto again;
		if (w < 0)
			return -1;
		if (WIFEXITED(status) || WIFSIGNALED(status))
			return status;
		if (!WIFSTOPPED(status))
			continue;
		if (finish && seized) {
			/* Any stop will do: resume it untraced. */
			int pass = WSTOPSIG(status) == (SIGTRAP | 0x80) || status >> 16
					   ? 0
					   : WSTOPSIG(status);

			ptrace(PTRACE_DETACH, pid, 0, pass);
			return 0;
		}
		if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			struct __ptrace_syscall_info si;
			char desc[8300];

			if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(si), &si) <= 0 ||
			    si.op != PTRACE_SYSCALL_INFO_ENTRY)
				continue;
			if (!write_step(pid, &si, desc, sizeof(desc)))
				continue;
			steps++;
			if (steps == stop_at) {
				printf("azs-fault: reached %s step %ld %s\n", op, steps, desc);
				fflush(stdout);
				hold();
			}
			printf("azs-fault: step %s %ld %s\n", op, steps, desc);
			fflush(stdout);
			continue;
		}
		if (status >> 16) /* ptrace event stops (exec, group stop): no signal */
			continue;
		sig = WSTOPSIG(status);
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: azs-fault trace --pid PID --op OP [--stop-at K] [--ready FILE]\n"
			"       azs-fault run --op OP [--stop-at K] -- COMMAND [ARG...]\n"
			"       azs-fault store-caps FILE\n");
	return 2;
}

static int store_caps(const char *path)
{
	uint8_t file[AZS_CAPFILE_SIZE];
	struct azs_sec_store_caps st = {.size = sizeof(st), .data = (uintptr_t)file};
	char hex[2 * AZS_CAPFILE_SIZE + 8];
	size_t n = 0;
	FILE *f = fopen(path, "re");
	int fd;

	if (!f || !fgets(hex, sizeof(hex), f)) {
		fprintf(stderr, "azs-fault: cannot read %s\n", path);
		return 1;
	}
	fclose(f);
	for (char *p = hex; p[0] && p[1] && p[0] != '\n' && n < sizeof(file); p += 2) {
		unsigned int b;

		if (sscanf(p, "%2x", &b) != 1)
			break;
		file[n++] = (uint8_t)b;
	}
	st.length = (uint32_t)n;
	fd = open(AZS_SEC_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, AZS_SEC_IOC_STORE_CAPS, &st)) {
		fprintf(stderr, "azs-fault: the capability file was refused: %s (reason %u)\n",
			strerror(errno), st.reason);
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *ready = NULL;
	struct sigaction sa = {.sa_handler = on_term};
	pid_t pid = 0;
	int i, status;

	if (argc == 3 && !strcmp(argv[1], "store-caps"))
		return store_caps(argv[2]);
	if (argc < 2 || (strcmp(argv[1], "trace") && strcmp(argv[1], "run")))
		return usage();
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--") && !strcmp(argv[1], "run")) {
			i++;
			break;
		} else if (i + 1 >= argc) {
			return usage();
		} else if (!strcmp(argv[i], "--pid")) {
			pid = (pid_t)atol(argv[++i]);
		} else if (!strcmp(argv[i], "--op")) {
			op = argv[++i];
		} else if (!strcmp(argv[i], "--stop-at")) {
			stop_at = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--ready")) {
			ready = argv[++i];
		} else {
			return usage();
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	sigaction(SIGTERM, &sa, NULL); /* no SA_RESTART: waitpid returns EINTR */
	sigaction(SIGINT, &sa, NULL);

	if (!strcmp(argv[1], "trace")) {
		if (pid <= 0)
			return usage();
		if (ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESYSGOOD) ||
		    ptrace(PTRACE_INTERRUPT, pid, 0, 0) || waitpid(pid, &status, __WALL) != pid) {
			fprintf(stderr, "azs-fault: cannot trace %d: %s\n", pid, strerror(errno));
			return 1;
		}
		if (ready)
			close(open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
		if (follow(pid, true) < 0) {
			fprintf(stderr, "azs-fault: tracing %d: %s\n", pid, strerror(errno));
			return 1;
		}
		printf("azs-fault: recorded %s %ld steps\n", op, steps);
		return 0;
	}
	if (i >= argc)
		return usage();
	pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		execvp(argv[i], argv + i);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    ptrace(PTRACE_SETOPTIONS, pid, 0,
		   PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)) {
		fprintf(stderr, "azs-fault: cannot run %s: %s\n", argv[i], strerror(errno));
		return 1;
	}
	if (ready)
		close(open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	status = follow(pid, false);
	printf("azs-fault: recorded %s %ld steps\n", op, steps);
	if (status < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
