// SPDX-License-Identifier: MIT
/*
 * An app that attacks its own sandbox (docs/sandbox.md, attack cases AC-xx
 * of the design notes) and prints TAP: every attack must fail. Run by
 * tests/device/suites/sandbox.sh through azs-sandbox as uid 2001 with
 * --storage ...:64, no devices and no channel.
 *   app            all the attacks
 *   app sleep S    sleep S seconds (the suite inspects it from outside)
 *   app forkbomb   fork until the pids limit stops it
 *   app memhog     allocate until the memory limit kills it
 *   app ls DIR     list DIR (the suite checks what a grant shows)
 *   app granted    (run with --grant network --grant system-time) what the
 *                  grants allow, and what they still don't
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/limits.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/ptrace.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int n_test, n_fail;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	n_test++;
	n_fail += !ok;
	printf("%s %d ", ok ? "ok" : "not ok", n_test);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* A raw syscall that must fail with one of two errnos. */
#define DENIED(e1, e2, call)                                                                       \
	do {                                                                                       \
		errno = 0;                                                                         \
		long r_ = (call);                                                                  \
		int e_ = errno;                                                                    \
		check(r_ == -1 && (e_ == (e1) || e_ == (e2)), "%s fails (%s)", #call,              \
		      r_ == -1 ? strerror(e_) : "succeeded");                                      \
	} while (0)

static int status_field(const char *key, char *out, size_t cap)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	int found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ':') {
			char *v = line + strlen(key) + 1;

			v += strspn(v, " \t");
			v[strcspn(v, "\n")] = 0;
			snprintf(out, cap, "%s", v);
			found = 1;
		}
	fclose(f);
	return found;
}

static void host_files(void)
{
	static const char *const host[] = {"/etc/azs/rcS",
					   "/init",
					   "/bin/sh",
					   "/bin/busybox",
					   "/usr/bin/azs-sandbox",
					   "/mnt/flash",
					   "/dev/azsphere-firewall",
					   "/dev/vda",
					   "/dev/ttyS0",
					   "/dev/azs-channel",
					   "/sys/kernel",
					   "/proc/sysrq-trigger",
					   "/proc/kcore",
					   "/proc/sys/kernel/hostname"};

	for (size_t i = 0; i < sizeof(host) / sizeof(host[0]); i++) {
		struct stat st;

		check(stat(host[i], &st) && errno == ENOENT, "%s does not exist", host[i]);
	}
}

static void filesystem(void)
{
	struct stat st;
	int fd;

	fd = open("/bin/app", O_WRONLY);
	check(fd < 0 && (errno == EROFS || errno == EACCES), "open /bin/app for writing fails (%s)",
	      strerror(errno));
	fd = open("/bin/new", O_CREAT | O_WRONLY, 0644);
	check(fd < 0 && (errno == EROFS || errno == EACCES), "creating a file in /bin fails (%s)",
	      strerror(errno));
	fd = open("/new", O_CREAT | O_WRONLY, 0644);
	check(fd < 0 && (errno == EROFS || errno == EACCES), "creating a file in / fails (%s)",
	      strerror(errno));
	DENIED(EPERM, EPERM, mknod("/tmp/null", S_IFCHR | 0666, makedev(1, 3)));
	DENIED(EPERM, ENOSYS, mount("none", "/tmp", "tmpfs", 0, NULL));
	DENIED(EPERM, ENOSYS, mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND, NULL));
	DENIED(EPERM, ENOSYS, umount2("/proc", MNT_DETACH));
	DENIED(EPERM, ENOSYS, chroot("/tmp"));
	DENIED(EPERM, ENOSYS, syscall(SYS_pivot_root, "/tmp", "/tmp"));
	DENIED(EPERM, ENOSYS, syscall(SYS_open_tree, AT_FDCWD, "/", 1));
	DENIED(EPERM, ENOSYS, syscall(SYS_fsopen, "tmpfs", 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_move_mount, -1, "", AT_FDCWD, "/", 0));
	check(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode), "/dev/null is there");
	fd = open("/dev/urandom", O_RDONLY);
	check(fd >= 0, "/dev/urandom opens");
	if (fd >= 0)
		close(fd);
	fd = open("/dev/new", O_CREAT | O_WRONLY, 0644);
	check(fd < 0, "creating a file in /dev fails (%s)", strerror(errno));
	fd = open("/proc/self/exe", O_WRONLY);
	check(fd < 0, "/proc/self/exe does not open for writing (%s)", strerror(errno));
	fd = open("/proc/1/exe", O_RDONLY);
	check(fd < 0, "/proc/1/exe (the reaper) does not open (%s)", strerror(errno));
}

static void exec_from(const char *dir)
{
	char path[64];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/x", dir);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0755);
	if (fd < 0) {
		check(0, "exec from %s: cannot create %s: %s", dir, path, strerror(errno));
		return;
	}
	ret = (int)write(fd, "#!/bin/app\n", 11);
	close(fd);
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = {path, NULL}, *envp[] = {NULL};

		execve(path, argv, envp);
		_exit(errno == EACCES ? 0 : 1);
	}
	int st = 0;

	waitpid(pid, &st, 0);
	check(ret == 11 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "exec from %s fails with EACCES (noexec)", dir);
	unlink(path);
}

static void storage(void)
{
	static char chunk[4096];
	int fd = open("/mnt/config/fill", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	long total = 0;
	int err = 0;

	check(fd >= 0, "/mnt/config is writable (%s)", fd < 0 ? strerror(errno) : "yes");
	if (fd < 0)
		return;
	memset(chunk, 'x', sizeof(chunk));
	while (total < 1024 * 1024) {
		ssize_t n = write(fd, chunk, sizeof(chunk));

		if (n < 0) {
			err = errno;
			break;
		}
		total += n;
	}
	close(fd);
	check((err == ENOSPC || err == EDQUOT) && total <= 64 * 1024,
	      "writing past the storage limit fails after %ld bytes (%s)", total, strerror(err));
	unlink("/mnt/config/fill");
	exec_from("/mnt/config");
	exec_from("/tmp");
}

static void privileges(void)
{
	static const char *const zero_caps[] = {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"};
	char v[128];

	for (size_t i = 0; i < sizeof(zero_caps) / sizeof(zero_caps[0]); i++)
		check(status_field(zero_caps[i], v, sizeof(v)) && !strcmp(v, "0000000000000000"),
		      "%s is 0 (%s)", zero_caps[i], v);
	check(status_field("NoNewPrivs", v, sizeof(v)) && !strcmp(v, "1"), "NoNewPrivs is 1");
	check(status_field("Seccomp", v, sizeof(v)) && !strcmp(v, "2"), "Seccomp is 2 (filter)");
	check(status_field("Uid", v, sizeof(v)) && !strcmp(v, "2001\t2001\t2001\t2001"),
	      "uid 2001 in every slot (%s)", v);
	check(status_field("Gid", v, sizeof(v)) && !strcmp(v, "2001\t2001\t2001\t2001"),
	      "gid 2001 in every slot (%s)", v);
	check(status_field("Groups", v, sizeof(v)) && !strcmp(v, ""), "no supplementary groups");
	DENIED(EPERM, EPERM, setuid(0));
	DENIED(EPERM, EPERM, setgid(0));
	DENIED(EPERM, ENOSYS, ptrace(PTRACE_TRACEME, 0, 0, 0));
	DENIED(EPERM, ENOSYS, ptrace(PTRACE_ATTACH, 1, 0, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_process_vm_readv, 1, NULL, 0, NULL, 0, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_pidfd_getfd, 0, 0, 0));
}

static void escapes(void)
{
	DENIED(EPERM, ENOSYS, unshare(CLONE_NEWUSER));
	DENIED(EPERM, ENOSYS, unshare(CLONE_NEWNS));
	DENIED(EPERM, ENOSYS, syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0));
	DENIED(ENOSYS, ENOSYS, syscall(SYS_clone3, NULL, 0));
	DENIED(EPERM, ENOSYS, setns(0, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_io_uring_setup, 1, NULL));
	DENIED(EPERM, ENOSYS, syscall(SYS_bpf, 0, NULL, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_userfaultfd, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_keyctl, 0, 0, 0, 0, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_add_key, "user", "x", "y", 1, -3));
	DENIED(EPERM, ENOSYS, syscall(SYS_kexec_load, 0, 0, NULL, 0));
	DENIED(EPERM, ENOSYS, syscall(SYS_syslog, 3, NULL, 0));
	DENIED(EPERM, EPERM, ioctl(0, TIOCSTI, "x"));
	DENIED(EPERM, EPERM, syscall(SYS_ioctl, 0, 0x100000000UL | TIOCSTI, "x"));
	DENIED(EPERM, EPERM, ioctl(0, TIOCLINUX, "x"));
	DENIED(ENOSYS, ENOSYS, syscall(1000));
}

/* Socket families (AC-30): only AF_UNIX without a network capability; never raw netlink or packet.
 */
static void sockets(int network)
{
	int sv[2], fd;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	check(fd >= 0, "an AF_UNIX socket opens (%s)", fd < 0 ? strerror(errno) : "yes");
	if (fd >= 0)
		close(fd);
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "an AF_UNIX socketpair opens");
	close(sv[0]);
	close(sv[1]);
	DENIED(EPERM, EPERM, socket(AF_NETLINK, SOCK_RAW, 0 /* NETLINK_ROUTE */));
	DENIED(EPERM, EPERM, socket(AF_NETLINK, SOCK_DGRAM, 15 /* NETLINK_KOBJECT_UEVENT */));
	DENIED(EPERM, EPERM, socket(AF_PACKET, SOCK_RAW, 0));
	DENIED(EPERM, EPERM, socket(AF_PACKET, SOCK_DGRAM, 0));
	DENIED(EPERM, EPERM, socket(AF_ALG, SOCK_SEQPACKET, 0));
	DENIED(EPERM, EPERM, socket(AF_VSOCK, SOCK_STREAM, 0));
	DENIED(EPERM, EPERM, socket(AF_BLUETOOTH, SOCK_RAW, 0));
	DENIED(EPERM, EPERM, socketpair(AF_NETLINK, SOCK_RAW, 0, sv));
	if (network) {
		fd = socket(AF_INET, SOCK_DGRAM, 0);
		check(fd >= 0, "with a network capability an AF_INET socket opens (%s)",
		      fd < 0 ? strerror(errno) : "yes");
		if (fd >= 0)
			close(fd);
		fd = socket(AF_INET6, SOCK_STREAM, 0);
		check(fd >= 0 || errno == EAFNOSUPPORT,
		      "with a network capability AF_INET6 is not refused by the filter (%s)",
		      fd < 0 ? strerror(errno) : "opens");
		if (fd >= 0)
			close(fd);
	} else {
		DENIED(EPERM, EPERM, socket(AF_INET, SOCK_DGRAM, 0));
		DENIED(EPERM, EPERM, socket(AF_INET6, SOCK_STREAM, 0));
	}
}

/* W^X: never writable and executable at once; a written page may become executable once it is no
 * longer writable. */
static void memory(void)
{
	char *p;

	DENIED(EPERM, EPERM,
	       (long)mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	DENIED(EPERM, EPERM,
	       (long)mmap(NULL, 4096, PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "a read-write anonymous mapping is made");
	if (p == MAP_FAILED)
		return;
	p[0] = (char)0xc3;
	DENIED(EPERM, EPERM, mprotect(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC));
	DENIED(EPERM, EPERM, syscall(SYS_pkey_mprotect, p, 4096, PROT_READ | PROT_EXEC, 0));
	errno = 0;
	check(mprotect(p, 4096, PROT_READ | PROT_EXEC) == 0,
	      "the written page may become read-exec once it is no longer writable (%s)",
	      errno ? strerror(errno) : "yes");
	DENIED(EPERM, EPERM, mprotect(p, 4096, PROT_WRITE | PROT_EXEC));
	munmap(p, 4096);
}

/* Setting the clock needs the SystemTime capability: without it EPERM, not a kill. */
static void clock_setting(int granted)
{
	struct timespec now;
	struct timeval tv;

	clock_gettime(CLOCK_REALTIME, &now);
	if (!granted) {
		DENIED(EPERM, EPERM, clock_settime(CLOCK_REALTIME, &now));
		gettimeofday(&tv, NULL);
		DENIED(EPERM, EPERM, settimeofday(&tv, NULL));
		DENIED(EPERM, EPERM, syscall(SYS_adjtimex, &(struct timex){.modes = ADJ_OFFSET}));
		return;
	}
	errno = 0;
	check(clock_settime(CLOCK_REALTIME, &now) == 0,
	      "with SystemTime clock_settime(CLOCK_REALTIME) works (%s)", strerror(errno));
	gettimeofday(&tv, NULL);
	errno = 0;
	check(settimeofday(&tv, NULL) == 0, "with SystemTime settimeofday works (%s)",
	      strerror(errno));
	/* Only the realtime clock is settable, as for anyone. */
	DENIED(EINVAL, EPERM, clock_settime(CLOCK_MONOTONIC, &now));
}

static int granted(void)
{
	char v[128];

	printf("TAP version 13\n");
	check(status_field("CapEff", v, sizeof(v)) && !strcmp(v, "0000000002000000"),
	      "CapEff is CAP_SYS_TIME alone (%s)", v);
	check(status_field("CapBnd", v, sizeof(v)) && !strcmp(v, "0000000002000000"),
	      "CapBnd is CAP_SYS_TIME alone (%s)", v);
	check(status_field("NoNewPrivs", v, sizeof(v)) && !strcmp(v, "1"), "NoNewPrivs is 1");
	sockets(1);
	memory();
	clock_setting(1);
	DENIED(EPERM, EPERM, setuid(0));
	printf("1..%d\n", n_test);
	return n_fail ? 1 : 0;
}

/*
 * Another ABI or syscall path (AC-15). x86-64: the filter kills the process
 * (x32, int 0x80). ARMv7 (EABI, no OABI_COMPAT in Debian's armmp kernel): an
 * OABI-encoded call is served by its r7 number, so it meets the same filter;
 * ARM's private syscalls (0x0f0000 and up) are outside the policy.
 */
#ifdef __x86_64__
static void killed_by(const char *what, void (*attack)(void))
{
	pid_t pid = fork();
	int st = 0;

	if (pid == 0) {
		attack();
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "%s kills the process (status 0x%x)", what,
	      st);
}

static void x32_getpid(void)
{
	syscall(0x40000000 | SYS_getpid);
}

static void i386_getpid(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	(void)ret;
}
#endif

#ifdef __arm__
/* The raw result of ATTACK (a -errno), from a child: a call the filter let
 * through may end it with a signal, which is reported as such. */
static void denied_in_child(const char *what, long (*attack)(void))
{
	int fds[2];
	long ret = 0;
	pid_t pid;
	int st = 0;

	if (pipe(fds)) {
		check(0, "%s: pipe: %s", what, strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		ret = attack();
		if (write(fds[1], &ret, sizeof(ret)) != (ssize_t)sizeof(ret))
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &ret, sizeof(ret)) != (ssize_t)sizeof(ret))
		ret = 1;
	close(fds[0]);
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && (ret == -EPERM || ret == -ENOSYS), "%s is denied (result %ld, status 0x%x)",
	      what, ret, st);
}

/* mount(NULL, NULL, NULL, 0, NULL) the OABI way, swi #0x900000+21 (ARM
 * state: Thumb's svc has an 8-bit immediate); EFAULT would mean the kernel
 * ran it. */
__attribute__((target("arm"), noinline)) static long oabi_mount(void)
{
	register long r0 __asm__("r0") = 0;
	register long r1 __asm__("r1") = 0;
	register long r2 __asm__("r2") = 0;
	register long r3 __asm__("r3") = 0;
	register long r4 __asm__("r4") = 0;
	register long r7 __asm__("r7") = SYS_mount;

	__asm__ volatile("swi #0x900015"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r7)
			 : "memory");
	return r0;
}

/* __ARM_NR_breakpoint: outside the policy (served, it would raise SIGTRAP). */
static long arm_private_breakpoint(void)
{
	long r = syscall(0x0f0001);

	return r == -1 ? -errno : r;
}
#endif

static void other_abis(void)
{
#ifdef __x86_64__
	killed_by("an x32 syscall", x32_getpid);
	killed_by("an i386 syscall (int 0x80)", i386_getpid);
#elif defined(__arm__)
	denied_in_child("an OABI-encoded mount (swi #0x900015)", oabi_mount);
	denied_in_child("an ARM private syscall (__ARM_NR_breakpoint)", arm_private_breakpoint);
#else
#error "the attacker has no other-ABI cases for this architecture"
#endif
}

static void ipc_and_signals(void)
{
	DENIED(EPERM, ENOSYS, shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600));
	DENIED(EPERM, ENOSYS, msgget(IPC_PRIVATE, IPC_CREAT | 0600));
	DENIED(EPERM, ENOSYS, mq_open("/azs-attack", O_CREAT | O_RDWR, 0600, NULL));
	DENIED(ESRCH, EPERM, kill(-1, SIGKILL));
	/* The shell that runs the suite is pid 1 of the host; any host pid is absent here. */
	DENIED(ESRCH, ESRCH, kill(4242, SIGKILL));
	check(getpid() == 2, "the app is pid 2 of its own pid namespace (pid %d)", getpid());
}

static void exec_outside(void)
{
	static const char *const shells[] = {"/bin/sh", "/bin/busybox", "/usr/bin/azs-sandbox",
					     "/init"};

	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++) {
		char *argv[] = {(char *)shells[i], NULL}, *envp[] = {NULL};
		pid_t pid = fork();
		int st = 0;

		if (pid == 0) {
			execve(shells[i], argv, envp);
			_exit(errno == ENOENT ? 0 : 1);
		}
		waitpid(pid, &st, 0);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "execve %s fails with ENOENT",
		      shells[i]);
	}
}

static void views(void)
{
	struct utsname u;
	DIR *d = opendir("/proc");
	struct dirent *e;
	int others = 0, fds = 0, extra = -1;
	char line[256];
	FILE *f;

	while (d && (e = readdir(d)))
		if (atoi(e->d_name) > 0 && atoi(e->d_name) != getpid())
			others++;
	if (d)
		closedir(d);
	/* Our own forks are gone; pid 1 (the reaper) runs as another user, hidden. */
	check(d && others == 0, "/proc shows only the app itself (%d others)", others);
	check(uname(&u) == 0 && !strcmp(u.nodename, "attacker"), "hostname is its own (%s)",
	      u.nodename);
	for (int fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0) {
			fds++;
			if (fd > 2)
				extra = fd;
		}
	check(fds == 3 && extra < 0, "only fds 0, 1, 2 are open (%d, extra %d)", fds, extra);
	f = fopen("/proc/self/net/dev", "r");
	int ifaces = 0, lo = 0;

	while (f && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!colon)
			continue;
		ifaces++;
		lo += strstr(line, "lo:") != NULL;
	}
	if (f)
		fclose(f);
	check(ifaces == 1 && lo == 1, "only lo in its network namespace (%d interfaces)", ifaces);
	check(isatty(0) == 0 && isatty(1) == 0 && isatty(2) == 0, "no terminal on stdio");
	check(getsid(0) == 1, "in the sandbox's own session (sid %d)", (int)getsid(0));
	check(open("/dev/tty", O_RDWR) < 0, "/dev/tty does not open (%s)", strerror(errno));
}

static int forkbomb(void)
{
	int n = 0;

	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0) {
			printf("fork failed after %d children: %s\n", n, strerror(errno));
			return errno == EAGAIN ? 0 : 1;
		}
		if (++n > 10000)
			return 1;
	}
}

static int memhog(void)
{
	for (size_t total = 0; total < ((size_t)1 << 30); total += 1 << 20) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED)
			return 1;
		memset(p, 1, 1 << 20);
	}
	printf("allocated 1 GiB without being stopped\n");
	return 1;
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "sleep")) {
		sleep((unsigned)atoi(argv[2]));
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "forkbomb"))
		return forkbomb();
	if (argc > 1 && !strcmp(argv[1], "memhog"))
		return memhog();
	if (argc > 1 && !strcmp(argv[1], "granted"))
		return granted();
	if (argc > 2 && !strcmp(argv[1], "ls")) {
		DIR *d = opendir(argv[2]);
		struct dirent *e;

		while (d && (e = readdir(d)))
			printf("%s\n", e->d_name);
		return d ? closedir(d) : 1;
	}

	printf("TAP version 13\n");
	host_files();
	filesystem();
	storage();
	privileges();
	escapes();
	sockets(0);
	memory();
	clock_setting(0);
	other_abis();
	ipc_and_signals();
	exec_outside();
	views();
	printf("1..%d\n", n_test);
	return n_fail ? 1 : 0;
}
