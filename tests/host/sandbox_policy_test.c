// SPDX-License-Identifier: MIT
/*
 * The app seccomp policy compiler (containerd-lite/sandbox/seccomp_policy.c):
 * the real policy compiles; broken ones fail closed (AC-19). The compiled
 * filters of the real policy, for x86-64 and for ARM (32-bit EABI), run in a
 * small classic-BPF interpreter here: socket families by grant, no W+X
 * memory, setting the clock only with SystemTime, the tree-optimised filter
 * deciding as the linear one (AC-18). One filter is also loaded for real.
 * The filters precompiled when the image is built (azs-seccomp-precompile)
 * are the compiler's, byte for byte; a damaged or foreign file is refused
 * with its reason and leaves the compile.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <seccomp.h>

#include "kselftest_harness.h"

#include "deployment.h"
#include "seccomp_policy.h"

static int compile(const char *text)
{
	struct azs_seccomp_policy *p = NULL;
	int ret = azs_seccomp_policy_compile(text, strlen(text), "test.json", &p);

	azs_seccomp_policy_free(p);
	return ret;
}

TEST(real_policy_compiles)
{
	struct azs_seccomp_policy *p = NULL;

	ASSERT_EQ(0, azs_seccomp_policy_compile_file(AZS_POLICY_FILE, &p));
	EXPECT_LT(100, azs_seccomp_policy_allowed_count(p));
	EXPECT_TRUE(azs_seccomp_policy_allows(p, "read"));
	EXPECT_TRUE(azs_seccomp_policy_allows(p, "execve")); /* the launcher's own needs */
	EXPECT_FALSE(azs_seccomp_policy_allows(p, "ptrace"));
	EXPECT_FALSE(azs_seccomp_policy_allows(p, "mount"));
	azs_seccomp_policy_free(p);
}

TEST(minimal_policy_compiles)
{
	EXPECT_EQ(0, compile("{\"groups\": {\"a\": [\"read\", \"write\"], \"b\": []}}"));
}

TEST(unknown_syscall_fails)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\", \"no_such_call\"]}}"));
}

TEST(duplicate_fails)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\"], \"b\": [\"read\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"write\", \"write\"]}}"));
}

TEST(forbidden_syscalls_fail)
{
	static const char *const names[] = {"ptrace", "mount",          "unshare",
					    "bpf",    "io_uring_setup", "clone3",
					    "keyctl", "userfaultfd",    "setns"};
	char text[128];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(text, sizeof(text), "{\"groups\": {\"a\": [\"%s\"]}}", names[i]);
		EXPECT_EQ(-EINVAL, compile(text)) TH_LOG("%s was accepted", names[i]);
	}
}

TEST(bad_types_fail)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\", 3]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": \"read\"}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": [\"read\"]}"));
	EXPECT_EQ(-EINVAL, compile("[\"read\"]"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {}, \"allow-everything\": true}"));
	EXPECT_EQ(-EINVAL, compile("{}"));
}

TEST(malformed_json_fails)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\"]}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\"]}} trailing"));
	EXPECT_EQ(-EINVAL, compile(""));
}

TEST(socket_needs_families)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"socket\"]}}"));
	EXPECT_EQ(0, compile("{\"groups\": {\"a\": [\"socket\"]}, "
			     "\"socket-families\": {\"all\": [\"AF_UNIX\"]}}"));
	/* Only the families apps may have, each once. */
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"socket\"]}, "
				   "\"socket-families\": {\"all\": [\"AF_NETLINK\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"socket\"]}, "
				   "\"socket-families\": {\"all\": [\"AF_UNIX\"], "
				   "\"network\": [\"AF_UNIX\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"socket\"]}, "
				   "\"socket-families\": {\"some\": [\"AF_UNIX\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"socket\"]}, "
				   "\"socket-families\": {\"all\": [1]}}"));
}

TEST(clock_setting_only_granted)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"clock_settime\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"adjtimex\"]}}"));
	EXPECT_EQ(0, compile("{\"groups\": {}, \"granted\": {\"SystemTime\": [\"adjtimex\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {}, \"granted\": {\"Root\": [\"adjtimex\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"read\"]}, \"granted\": "
				   "{\"SystemTime\": [\"read\"]}}"));
	EXPECT_EQ(-EINVAL,
		  compile("{\"groups\": {}, \"granted\": {\"SystemTime\": [\"ptrace\"]}}"));
}

TEST(multiplexers_never_allowed)
{
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"socketcall\"]}}"));
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {\"a\": [\"ipc\"]}}"));
}

/* Classic BPF as the kernel runs a seccomp filter; 0xbad for anything unexpected. */
static uint32_t run_bpf(const struct sock_filter *f, size_t n, const struct seccomp_data *d,
			unsigned int *steps)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {0};
	size_t pc = 0;

	*steps = 0;
	while (pc < n) {
		const struct sock_filter *i = &f[pc++];

		(*steps)++;
		switch (i->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (i->k % 4 || i->k + 4 > sizeof(*d))
				return 0xbad;
			memcpy(&a, (const char *)d + i->k, 4);
			break;
		case BPF_LD | BPF_IMM:
			a = i->k;
			break;
		case BPF_LDX | BPF_IMM:
			x = i->k;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (i->k >= BPF_MEMWORDS)
				return 0xbad;
			if (i->code == (BPF_LD | BPF_MEM))
				a = mem[i->k];
			else if (i->code == (BPF_LDX | BPF_MEM))
				x = mem[i->k];
			else
				mem[i->k] = i->code == BPF_ST ? a : x;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= i->k;
			break;
		case BPF_ALU | BPF_OR | BPF_K:
			a |= i->k;
			break;
		case BPF_MISC | BPF_TAX:
			x = a;
			break;
		case BPF_MISC | BPF_TXA:
			a = x;
			break;
		case BPF_JMP | BPF_JA:
			pc += i->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += a > i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & i->k) ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JEQ | BPF_X:
			pc += a == x ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_X:
			pc += a > x ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_X:
			pc += a >= x ? i->jt : i->jf;
			break;
		case BPF_RET | BPF_K:
			return i->k;
		case BPF_RET | BPF_A:
			return a;
		default:
			return 0xbad;
		}
	}
	return 0xbad;
}

#define ALLOW  SECCOMP_RET_ALLOW
#define NOTIFY SECCOMP_RET_USER_NOTIF /* the supervisor answers EPERM */

/* The targets: libseccomp's token and the kernel's AUDIT_ARCH of each. */
static const struct target {
	const char *name;
	uint32_t scmp, audit;
} targets[] = {{"x86_64", SCMP_ARCH_X86_64, AUDIT_ARCH_X86_64},
	       {"arm", SCMP_ARCH_ARM, AUDIT_ARCH_ARM}};

static struct azs_seccomp_policy *real_policy(const struct target *t, int optimize)
{
	static char text[256 * 1024];
	struct azs_seccomp_policy *p = NULL;
	int fd = open(AZS_POLICY_FILE, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text));

	if (fd >= 0)
		close(fd);
	if (n <= 0 || azs_seccomp_policy_compile_for(text, (size_t)n, "seccomp-app.json", t->scmp,
						     optimize, &p))
		return NULL;
	return p;
}

/* The verdict of POLICY's filter for GRANTS on syscall NAME of T with ARGS. */
static uint32_t verdict_nr(const struct azs_seccomp_policy *p, const struct target *t,
			   unsigned int grants, int nr, uint64_t a0, uint64_t a1, uint64_t a2,
			   unsigned int *steps)
{
	const void *insns;
	size_t n = azs_seccomp_policy_program(p, grants, &insns);
	struct seccomp_data d = {.nr = nr, .arch = t->audit, .args = {a0, a1, a2}};
	unsigned int s;

	return run_bpf(insns, n, &d, steps ? steps : &s);
}

static uint32_t verdict(const struct azs_seccomp_policy *p, const struct target *t,
			unsigned int grants, const char *name, uint64_t a0, uint64_t a1,
			uint64_t a2)
{
	int nr = seccomp_syscall_resolve_name_arch(t->scmp, name);

	if (nr < 0)
		return 0xbad;
	return verdict_nr(p, t, grants, nr, a0, a1, a2, NULL);
}

TEST(socket_families_by_grant)
{
	for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		const struct target *t = &targets[k];
		struct azs_seccomp_policy *p = real_policy(t, 0);

		ASSERT_NE(NULL, p) TH_LOG("%s: the policy does not compile", t->name);
		for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
			uint32_t inet = g & AZS_SECCOMP_NETWORK ? ALLOW : NOTIFY;

			EXPECT_EQ(ALLOW, verdict(p, t, g, "read", 0, 0, 0)) TH_LOG("%s", t->name);
			EXPECT_EQ(ALLOW, verdict(p, t, g, "socket", AF_UNIX, SOCK_STREAM, 0));
			EXPECT_EQ(ALLOW, verdict(p, t, g, "socketpair", AF_UNIX, SOCK_DGRAM, 0));
			EXPECT_EQ(inet, verdict(p, t, g, "socket", AF_INET, SOCK_STREAM, 0))
			TH_LOG("%s grants %u: AF_INET", t->name, g);
			EXPECT_EQ(inet, verdict(p, t, g, "socket", AF_INET6, SOCK_DGRAM, 0));
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "socket", AF_NETLINK, SOCK_RAW, 0))
			TH_LOG("%s grants %u: AF_NETLINK", t->name, g);
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "socket", AF_PACKET, SOCK_RAW, 0));
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "socket", AF_BLUETOOTH, SOCK_RAW, 0));
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "socket", AF_ALG, SOCK_SEQPACKET, 0));
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "socket", AF_VSOCK, SOCK_STREAM, 0));
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "socketpair", AF_NETLINK, SOCK_RAW, 0));
		}
		/* ARM EABI has no socketcall (102 is the old ABI's): denied like any unknown. */
		if (t->audit == AUDIT_ARCH_ARM)
			EXPECT_EQ(NOTIFY,
				  verdict_nr(p, t, AZS_SECCOMP_NETWORK, 102, 1, 0, 0, NULL));
		azs_seccomp_policy_free(p);
	}
}

/* Debug mode: ptrace of its own child (TRACEME, then requests on it), never attaching. */
TEST(ptrace_only_in_debug_mode_and_never_attach)
{
	for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		const struct target *t = &targets[k];
		struct azs_seccomp_policy *p = real_policy(t, 0);

		ASSERT_NE(NULL, p);
		for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
			uint32_t dbg = g & AZS_SECCOMP_DEBUG ? ALLOW : NOTIFY;

			EXPECT_EQ(dbg, verdict(p, t, g, "ptrace", PTRACE_TRACEME, 0, 0))
			TH_LOG("%s grants %u: PTRACE_TRACEME", t->name, g);
			EXPECT_EQ(dbg, verdict(p, t, g, "ptrace", PTRACE_CONT, 5, 0));
			EXPECT_EQ(dbg, verdict(p, t, g, "process_vm_readv", 5, 0, 0));
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "ptrace", PTRACE_ATTACH, 1, 0))
			TH_LOG("%s grants %u: PTRACE_ATTACH", t->name, g);
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "ptrace", PTRACE_SEIZE, 1, 0));
			EXPECT_EQ(NOTIFY, verdict(p, t, g, "mount", 0, 0, 0));
		}
		azs_seccomp_policy_free(p);
	}
	/* "Debug" opens only the debugger's calls of the forbidden ones. */
	EXPECT_EQ(-EINVAL, compile("{\"groups\": {}, \"granted\": {\"Debug\": [\"mount\"]}}"));
	EXPECT_EQ(0, compile("{\"groups\": {}, \"granted\": {\"Debug\": [\"ptrace\"]}}"));
}

TEST(no_write_and_exec_at_once)
{
	static const char *const calls[] = {"mmap", "mmap2", "mprotect"};

	for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		const struct target *t = &targets[k];
		struct azs_seccomp_policy *p = real_policy(t, 0);
		int checked = 0;

		ASSERT_NE(NULL, p);
		for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
			const char *name = calls[c];

			if (seccomp_syscall_resolve_name_arch(t->scmp, name) < 0)
				continue; /* mmap on ARM EABI is mmap2 */
			checked++;
			EXPECT_EQ(ALLOW, verdict(p, t, 0, name, 0, 4096, PROT_READ | PROT_WRITE))
			TH_LOG("%s %s rw", t->name, name);
			EXPECT_EQ(ALLOW, verdict(p, t, 0, name, 0, 4096, PROT_READ | PROT_EXEC));
			EXPECT_EQ(ALLOW, verdict(p, t, 0, name, 0, 4096, PROT_NONE));
			EXPECT_EQ(NOTIFY, verdict(p, t, 0, name, 0, 4096, PROT_WRITE | PROT_EXEC))
			TH_LOG("%s %s wx", t->name, name);
			EXPECT_EQ(NOTIFY, verdict(p, t, AZS_SECCOMP_GRANTS_ALL, name, 0, 4096,
						  PROT_READ | PROT_WRITE | PROT_EXEC));
			EXPECT_EQ(NOTIFY,
				  verdict(p, t, 0, name, 0, 4096,
					  PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN));
		}
		EXPECT_EQ(2, checked) TH_LOG("%s: mmap or mmap2, and mprotect", t->name);
		EXPECT_EQ(NOTIFY,
			  verdict(p, t, 0, "pkey_mprotect", 0, 4096, PROT_READ | PROT_EXEC));
		azs_seccomp_policy_free(p);
	}
}

TEST(clock_only_with_system_time)
{
	static const char *const calls[] = {"clock_settime", "clock_settime64", "settimeofday",
					    "adjtimex", "clock_adjtime"};

	for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		const struct target *t = &targets[k];
		struct azs_seccomp_policy *p = real_policy(t, 0);

		ASSERT_NE(NULL, p);
		for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
			if (seccomp_syscall_resolve_name_arch(t->scmp, calls[c]) < 0)
				continue;
			for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
				EXPECT_EQ(g & AZS_SECCOMP_SYSTEM_TIME ? ALLOW : NOTIFY,
					  verdict(p, t, g, calls[c], CLOCK_REALTIME, 0, 0))
				TH_LOG("%s %s grants %u", t->name, calls[c], g);
			}
		}
		EXPECT_EQ(ALLOW, verdict(p, t, 0, "clock_gettime", CLOCK_REALTIME, 0, 0));
		EXPECT_FALSE(azs_seccomp_policy_allows(p, "clock_settime"));
		azs_seccomp_policy_free(p);
	}
}

TEST(other_architecture_killed)
{
	struct azs_seccomp_policy *p = real_policy(&targets[0], 0);
	struct target i386 = {"i386", SCMP_ARCH_X86, AUDIT_ARCH_I386};

	ASSERT_NE(NULL, p);
	EXPECT_EQ(SECCOMP_RET_KILL_PROCESS, verdict_nr(p, &i386, 0, 3, 0, 0, 0, NULL));
	EXPECT_EQ(SECCOMP_RET_KILL_PROCESS,
		  verdict_nr(p, &targets[1], 0, 3, 0, 0, 0, NULL)); /* arm on x86-64 */
	azs_seccomp_policy_free(p);
}

/*
 * AC-18: the binary tree decides as the linear list, for every syscall
 * number and the arguments the rules look at; it runs fewer instructions.
 */
TEST(tree_decides_as_list)
{
	static const uint64_t probes[][3] = {
		{0, 0, 0},
		{AF_UNIX, 0, PROT_READ},
		{AF_INET, 0, PROT_WRITE | PROT_EXEC},
		{AF_NETLINK, 0x5412 /* TIOCSTI */, PROT_READ | PROT_WRITE},
		{0x10000 /* CLONE_NEWUSER... */ | 0x20000000, 0x541c /* TIOCLINUX */, PROT_EXEC},
		{0x100000001ull, 0x100005412ull, 7},
	};

	for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		const struct target *t = &targets[k];
		struct azs_seccomp_policy *list = real_policy(t, 1), *tree = real_policy(t, 2);
		unsigned long steps_list = 0, steps_tree = 0, n_allowed = 0;

		ASSERT_NE(NULL, list);
		ASSERT_NE(NULL, tree);
		for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++)
			for (int nr = 0; nr < 1100; nr++)
				for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
					unsigned int s1, s2;
					uint32_t v1 = verdict_nr(list, t, g, nr, probes[i][0],
								 probes[i][1], probes[i][2], &s1);
					uint32_t v2 = verdict_nr(tree, t, g, nr, probes[i][0],
								 probes[i][1], probes[i][2], &s2);

					ASSERT_EQ(v1, v2)
					TH_LOG("%s grants %u nr %d probe %zu", t->name, g, nr, i);
					ASSERT_NE(0xbad, v1);
					if (v1 == ALLOW && i == 0) {
						steps_list += s1;
						steps_tree += s2;
						n_allowed++;
					}
				}
		{
			const void *insns;
			size_t n1 = azs_seccomp_policy_program(list, 0, &insns);
			size_t n2 = azs_seccomp_policy_program(tree, 0, &insns);

			TH_LOG("%s: %zu instructions as a list, %zu as a tree; an allowed syscall "
			       "runs %.1f of them on average as a list, %.1f as a tree",
			       t->name, n1, n2, (double)steps_list / n_allowed,
			       (double)steps_tree / n_allowed);
		}
		EXPECT_LT(steps_tree, steps_list / 2);
		azs_seccomp_policy_free(list);
		azs_seccomp_policy_free(tree);
	}
}

/*
 * Whether the kernel can prove that the filter allows syscall NR of ARCH
 * whatever its arguments and instruction pointer: the kernel's own analysis
 * (kernel/seccomp.c, seccomp_is_const_allow, Linux >= 5.11), which fills the
 * per-syscall "always allow" bitmap that lets an allowed call skip the
 * filter. Only loads of nr and arch, jumps against constants, AND with a
 * constant and constant returns are understood; anything else (a load of an
 * argument, the X register, scratch memory) makes the call not constant.
 */
static bool kernel_const_allow(const struct sock_filter *f, size_t n, uint32_t nr, uint32_t arch)
{
	uint32_t a = 0;

	for (size_t pc = 0; pc < n; pc++) {
		const struct sock_filter *i = &f[pc];

		switch (i->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (i->k == offsetof(struct seccomp_data, nr))
				a = nr;
			else if (i->k == offsetof(struct seccomp_data, arch))
				a = arch;
			else
				return false;
			break;
		case BPF_RET | BPF_K:
			return i->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += i->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += a > i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & i->k) ? i->jt : i->jf;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= i->k;
			break;
		default:
			return false;
		}
	}
	return false;
}

/*
 * The allowed set is constant-action: every syscall the filter allows
 * whatever its arguments is one the kernel's analysis proves allowed, so it
 * costs no filter run at all (the target: an argument-free allowed
 * call within 1.05x of bare). Only the calls the policy checks arguments of
 * (socket families, W+X protections, clone flags, ioctl requests) may run
 * the filter. For both architectures, every grant, the tree the daemon uses.
 */
TEST(allowed_set_is_constant_action)
{
	static const char *const by_args[] = {"socket",   "socketpair",    "mmap",  "mmap2",
					      "mprotect", "pkey_mprotect", "clone", "ioctl"};
	static const uint64_t probes[][3] = {
		{0, 0, 0},
		{AF_INET, 0x5412, PROT_WRITE | PROT_EXEC},
		{0x7fffffff, 0x541c, 0x10000 | 0x20000000},
		{0xffffffffffffffffull, 0x100005412ull, 7},
	};

	for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		const struct target *t = &targets[k];
		struct azs_seccomp_policy *p = real_policy(t, 0);
		int arg_nr[sizeof(by_args) / sizeof(by_args[0])];

		ASSERT_NE(NULL, p);
		for (size_t j = 0; j < sizeof(by_args) / sizeof(by_args[0]); j++)
			arg_nr[j] = seccomp_syscall_resolve_name_arch(t->scmp, by_args[j]);
		for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
			const void *insns;
			size_t n = azs_seccomp_policy_program(p, g, &insns);
			unsigned long allowed = 0, constant = 0;

			for (int nr = 0; nr < 1100; nr++) {
				bool always = true, checks_args = false;

				for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
					always &=
						verdict_nr(p, t, g, nr, probes[i][0], probes[i][1],
							   probes[i][2], NULL) == ALLOW;
				for (size_t j = 0; j < sizeof(arg_nr) / sizeof(arg_nr[0]); j++)
					checks_args |= arg_nr[j] == nr;
				if (!always || checks_args)
					continue;
				allowed++;
				if (kernel_const_allow(insns, n, (uint32_t)nr, t->audit))
					constant++;
				else
					TH_LOG("%s grants %u: %s (nr %d) runs the filter", t->name,
					       g, seccomp_syscall_resolve_num_arch(t->scmp, nr),
					       nr);
			}
			EXPECT_LT(100, allowed);
			EXPECT_EQ(allowed, constant) TH_LOG("%s grants %u", t->name, g);
			if (g == 0)
				TH_LOG("%s: %lu argument-free allowed calls, %lu constant-action "
				       "(%zu instructions)",
				       t->name, allowed, constant, n);
		}
		azs_seccomp_policy_free(p);
	}
}

/* The native filter, loaded for real: without a listener a denial is ENOSYS. */
TEST(loaded_filter_denies)
{
	struct azs_seccomp_policy *p = NULL;
	int st = 0;
	pid_t pid;

	ASSERT_EQ(0, azs_seccomp_policy_compile_file(AZS_POLICY_FILE, &p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fail = 0, fd, sv[2];
		void *m;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			_exit(100);
		fd = azs_seccomp_policy_install(p, 0);
		if (fd < 0)
			_exit(101);
		close(fd);
		fd = socket(AF_UNIX, SOCK_DGRAM, 0);
		fail |= (fd < 0) << 0;
		fail |= !(socket(AF_NETLINK, SOCK_RAW, 0) < 0 && errno == ENOSYS) << 1;
		fail |= !(socket(AF_INET, SOCK_DGRAM, 0) < 0 && errno == ENOSYS) << 2;
		fail |= !(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) << 3;
		m = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		fail |= !(m == MAP_FAILED && errno == ENOSYS) << 4;
		m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		fail |= (m == MAP_FAILED) << 5;
		if (m != MAP_FAILED) {
			fail |= !(mprotect(m, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) &&
				  errno == ENOSYS)
				<< 6;
			/* W^X, not "never executable again": dropping W for X is allowed. */
			fail |= (mprotect(m, 4096, PROT_READ | PROT_EXEC) != 0) << 7;
		}
		_exit(fail);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st)) TH_LOG("failed checks (bits): 0x%x", WEXITSTATUS(st));
	azs_seccomp_policy_free(p);
}

/*
 * The daemon's way (azs_seccomp_policy_compile_file_lazy): the policy is
 * validated, no filter compiled; one that isn't prepared is never loaded;
 * a prepared one is exactly the eagerly compiled filter of its grant set.
 */
TEST(lazy_policy_compiles_on_demand)
{
	struct azs_seccomp_policy *eager = NULL, *lazy = NULL;
	const void *a, *b;

	ASSERT_EQ(0, azs_seccomp_policy_compile_file(AZS_POLICY_FILE, &eager));
	ASSERT_EQ(0, azs_seccomp_policy_compile_file_lazy(AZS_POLICY_FILE, &lazy));
	EXPECT_EQ(azs_seccomp_policy_allowed_count(eager), azs_seccomp_policy_allowed_count(lazy));
	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		EXPECT_FALSE(azs_seccomp_policy_ready(lazy, g));
		EXPECT_EQ(0, azs_seccomp_policy_program(lazy, g, &b));
		/* Refused before anything is loaded: the caller is not filtered by it. */
		EXPECT_EQ(-ENOEXEC, azs_seccomp_policy_install(lazy, g));
	}
	EXPECT_EQ(-EINVAL, azs_seccomp_policy_prepare(lazy, AZS_SECCOMP_GRANTS_ALL + 1));
	for (unsigned int g = AZS_SECCOMP_GRANTS_ALL + 1; g-- > 0;) {
		size_t n1, n2;

		ASSERT_EQ(0, azs_seccomp_policy_prepare(lazy, g));
		EXPECT_TRUE(azs_seccomp_policy_ready(lazy, g));
		EXPECT_EQ(0, azs_seccomp_policy_prepare(lazy, g)); /* once */
		n1 = azs_seccomp_policy_program(eager, g, &a);
		n2 = azs_seccomp_policy_program(lazy, g, &b);
		ASSERT_LT(0, n2);
		ASSERT_EQ(n1, n2);
		EXPECT_EQ(0, memcmp(a, b, n1 * sizeof(struct sock_filter))) TH_LOG("grants %u", g);
		/* The others not compiled by it. */
		if (g)
			EXPECT_FALSE(azs_seccomp_policy_ready(lazy, g - 1));
	}
	azs_seccomp_policy_free(eager);
	azs_seccomp_policy_free(lazy);
}

/* A policy the eager compiler refuses, the lazy one refuses (nothing compiled either way). */
TEST(lazy_policy_fails_closed)
{
	static const char *const bad[] = {
		"{\"groups\": {\"a\": [\"read\", \"no_such_call\"]}}",
		"{\"groups\": {\"a\": [\"mount\"]}}",
		"{\"groups\": {\"a\": [\"socket\"]}}",
		"{\"groups\": {\"a\": [\"read\"]}, \"granted\": {\"Nope\": []}}",
		"{\"groups\": ",
	};
	char path[] = "/tmp/azs-policy-XXXXXX";

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct azs_seccomp_policy *p = NULL;
		int fd = mkstemp(path);

		ASSERT_LE(0, fd);
		ASSERT_EQ((ssize_t)strlen(bad[i]), write(fd, bad[i], strlen(bad[i])));
		close(fd);
		EXPECT_EQ(-EINVAL, azs_seccomp_policy_compile_file_lazy(path, &p))
		TH_LOG("%s", bad[i]);
		EXPECT_TRUE(p == NULL);
		unlink(path);
		strcpy(path, "/tmp/azs-policy-XXXXXX");
	}
}

/* PATH's bytes into a malloc'd buffer (*LEN), or NULL. */
static uint8_t *read_all(const char *path, size_t *len)
{
	size_t cap = 1 << 20;
	uint8_t *buf = malloc(cap);
	int fd = open(path, O_RDONLY);
	ssize_t n = 0;

	*len = 0;
	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + *len, cap - *len)) > 0)
		*len += (size_t)n;
	close(fd);
	return n < 0 ? (free(buf), NULL) : buf;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * The tool's file for x86-64 and for ARM: the header (magic, version, the
 * target's token, the policy file's SHA-256, 8 grant sets), then each grant
 * set's program, decoded here from its explicit little-endian layout, equal
 * instruction for instruction to what azs_seccomp_policy_compile_for makes.
 */
TEST(precompiled_file_is_the_compilers)
{
	uint8_t sha[AZS_DEPLOY_SHA256_SIZE];
	size_t text_len;
	uint8_t *text = read_all(AZS_POLICY_FILE, &text_len);

	ASSERT_NE(NULL, text);
	ASSERT_EQ(0, azs_sha256(text, text_len, sha));
	free(text);
	for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		const struct target *t = &targets[k];
		struct azs_seccomp_policy *p = real_policy(t, 0);
		char out[] = "/tmp/azs-bpf-XXXXXX", cmd[512];
		int fd = mkstemp(out);
		size_t len, pos;
		uint8_t *buf;

		ASSERT_NE(NULL, p);
		ASSERT_LE(0, fd);
		close(fd);
		snprintf(cmd, sizeof(cmd), "'%s' '%s' '%s' --arch %s", AZS_PRECOMPILE,
			 AZS_POLICY_FILE, out, t->name);
		ASSERT_EQ(0, system(cmd)) TH_LOG("%s", cmd);
		buf = read_all(out, &len);
		unlink(out);
		ASSERT_NE(NULL, buf);
		ASSERT_LE(52, len);
		EXPECT_EQ(0, memcmp(buf, "AZSSBPF", 8));
		EXPECT_EQ(1, le32(buf + 8));
		EXPECT_EQ(t->scmp, le32(buf + 12)) TH_LOG("%s", t->name);
		EXPECT_EQ(0, memcmp(buf + 16, sha, sizeof(sha)));
		EXPECT_EQ(AZS_SECCOMP_GRANTS_ALL + 1, le32(buf + 48));
		pos = 52;
		for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
			const struct sock_filter *insns;
			size_t n = azs_seccomp_policy_program(p, g, (const void **)&insns);

			ASSERT_LE(pos + 4, len);
			ASSERT_EQ(n, le32(buf + pos)) TH_LOG("%s grants %u", t->name, g);
			pos += 4;
			ASSERT_LE(pos + n * 8, len);
			for (size_t i = 0; i < n; i++, pos += 8) {
				const uint8_t *b = buf + pos;

				ASSERT_EQ(insns[i].code, (uint16_t)(b[0] | b[1] << 8))
				TH_LOG("%s grants %u insn %zu", t->name, g, i);
				ASSERT_EQ(insns[i].jt, b[2]);
				ASSERT_EQ(insns[i].jf, b[3]);
				ASSERT_EQ(insns[i].k, le32(b + 4));
			}
		}
		EXPECT_EQ(len, pos) TH_LOG("%s: trailing bytes", t->name);
		free(buf);
		azs_seccomp_policy_free(p);
	}
}

/* The daemon's way with the native file: every grant set ready, the compiler's programs. */
TEST(precompiled_file_used)
{
	struct azs_seccomp_policy *eager = NULL, *lazy = NULL;
	uint8_t sha[AZS_DEPLOY_SHA256_SIZE], *bpf;
	const char *reason = NULL;
	char *text = NULL;
	size_t text_len, len;

	ASSERT_EQ(0, azs_seccomp_policy_compile_file(AZS_POLICY_FILE, &eager));
	ASSERT_EQ(0, azs_seccomp_policy_compile_file_lazy_text(AZS_POLICY_FILE, &lazy, &text,
							       &text_len));
	ASSERT_EQ(0, azs_sha256((const uint8_t *)text, text_len, sha));
	ASSERT_EQ(0, azs_seccomp_policy_bpf_export(eager, sha, &bpf, &len));
	/* Not every grant set compiled: nothing to export. */
	EXPECT_EQ(-ENOEXEC, azs_seccomp_policy_bpf_export(lazy, sha, &(uint8_t *){NULL}, &len));
	ASSERT_EQ(0, azs_seccomp_policy_bpf_use(lazy, bpf, len, sha, &reason)) TH_LOG("%s", reason);
	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		const void *a, *b;
		size_t n = azs_seccomp_policy_program(eager, g, &a);

		EXPECT_TRUE(azs_seccomp_policy_ready(lazy, g));
		ASSERT_EQ(n, azs_seccomp_policy_program(lazy, g, &b));
		EXPECT_EQ(0, memcmp(a, b, n * sizeof(struct sock_filter))) TH_LOG("grants %u", g);
		EXPECT_EQ(0, azs_seccomp_policy_prepare(lazy, g)); /* nothing left to compile */
	}
	free(bpf);
	free(text);
	azs_seccomp_policy_free(eager);
	azs_seccomp_policy_free(lazy);
}

/* A damaged or foreign file: refused with its reason, nothing taken, the compile as without. */
TEST(precompiled_file_refused)
{
	struct azs_seccomp_policy *eager = NULL, *lazy = NULL;
	uint8_t sha[AZS_DEPLOY_SHA256_SIZE], other[AZS_DEPLOY_SHA256_SIZE], *good, *bad;
	char *text = NULL;
	size_t text_len, len;
	const struct {
		size_t at;    /* offset of the u32 (or byte) changed */
		uint32_t val; /* its new value */
		bool byte;
		const char *reason;
	} edits[] = {
		{0, 'X', true, "bad magic"},
		{7, 1, true, "bad magic"},
		{8, 2, false, "unknown format version"},
		{8, 0, false, "unknown format version"},
		{12, SCMP_ARCH_ARM, false, "compiled for another architecture"},
		{12, SCMP_ARCH_X86, false, "compiled for another architecture"},
		{16, 0xff, true, "compiled from another policy (SHA-256)"},
		{47, 0x01, true, "compiled from another policy (SHA-256)"},
		{48, AZS_SECCOMP_GRANTS_ALL, false, "wrong number of grant sets"},
		{48, AZS_SECCOMP_GRANTS_ALL + 2, false, "wrong number of grant sets"},
		{52, 0, false, "a program of 0 or more than BPF_MAXINSNS instructions"},
		{52, BPF_MAXINSNS + 1, false,
		 "a program of 0 or more than BPF_MAXINSNS instructions"},
		{52, 0xffffffffu, false, "a program of 0 or more than BPF_MAXINSNS instructions"},
		{52, BPF_MAXINSNS, false, "truncated (a program's instructions)"},
	};

	ASSERT_EQ(0, azs_seccomp_policy_compile_file(AZS_POLICY_FILE, &eager));
	ASSERT_EQ(0, azs_seccomp_policy_compile_file_lazy_text(AZS_POLICY_FILE, &lazy, &text,
							       &text_len));
	ASSERT_EQ(0, azs_sha256((const uint8_t *)text, text_len, sha));
	memcpy(other, sha, sizeof(sha));
	other[31] ^= 1;
	ASSERT_EQ(0, azs_seccomp_policy_bpf_export(eager, sha, &good, &len));
	bad = malloc(len + 1);
	ASSERT_NE(NULL, bad);

	/* Cut at every length: each refused (the header's, a count's, the instructions'). */
	for (size_t cut = 0; cut < len; cut++) {
		const char *reason = NULL;

		EXPECT_EQ(-EINVAL, azs_seccomp_policy_bpf_use(lazy, good, cut, sha, &reason))
		TH_LOG("cut at %zu", cut);
		ASSERT_NE(NULL, reason);
		if (cut < 52) {
			EXPECT_STREQ("shorter than its header", reason);
		} else {
			EXPECT_EQ(0, strncmp(reason, "truncated (", 11)) TH_LOG("%s", reason);
		}
	}
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		const char *reason = NULL;

		memcpy(bad, good, len);
		if (edits[i].byte)
			bad[edits[i].at] ^= (uint8_t)edits[i].val;
		else
			for (int b = 0; b < 4; b++)
				bad[edits[i].at + b] = (uint8_t)(edits[i].val >> (8 * b));
		EXPECT_EQ(-EINVAL, azs_seccomp_policy_bpf_use(lazy, bad, len, sha, &reason))
		TH_LOG("edit %zu", i);
		EXPECT_STREQ(edits[i].reason, reason ? reason : "(none)") TH_LOG("edit %zu", i);
	}
	{
		const char *reason = NULL;

		memcpy(bad, good, len);
		bad[len] = 0;
		EXPECT_EQ(-EINVAL, azs_seccomp_policy_bpf_use(lazy, bad, len + 1, sha, &reason));
		EXPECT_STREQ("trailing bytes after the last program", reason ? reason : "(none)");
		EXPECT_EQ(-EINVAL, azs_seccomp_policy_bpf_use(lazy, good, len, other, &reason));
		EXPECT_STREQ("compiled from another policy (SHA-256)", reason ? reason : "(none)");
	}
	/* Nothing was taken: no filter ready; each compiles as without the file. */
	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		const void *a, *b;
		size_t n = azs_seccomp_policy_program(eager, g, &a);

		EXPECT_FALSE(azs_seccomp_policy_ready(lazy, g));
		EXPECT_EQ(-ENOEXEC, azs_seccomp_policy_install(lazy, g));
		ASSERT_EQ(0, azs_seccomp_policy_prepare(lazy, g));
		ASSERT_EQ(n, azs_seccomp_policy_program(lazy, g, &b));
		EXPECT_EQ(0, memcmp(a, b, n * sizeof(struct sock_filter)));
	}
	free(bad);
	free(good);
	free(text);
	azs_seccomp_policy_free(eager);
	azs_seccomp_policy_free(lazy);
}

TEST_HARNESS_MAIN
