// SPDX-License-Identifier: MIT
/*
 * The app seccomp policy: a default-deny allowlist of syscall names in
 * groups (manifests/policy/seccomp-app.json), compiled with libseccomp once
 * per policy into BPF that every app start loads as it is. One policy holds
 * a filter per combination of grants (AZS_SECCOMP_*): an app gets the one of
 * its manifest. The daemon compiles each only when an app first needs it
 * (azs_seccomp_policy_compile_file_lazy).
 *
 * Verdicts of the compiled filter:
 *   - another architecture or ABI (i386 compat, x32)  kill the process
 *   - a syscall of the allowlist                       allow
 *   - socket, socketpair                               allow for the families of
 *                                                      "socket-families": "all" always,
 *                                                      "network" with AZS_SECCOMP_NETWORK
 *   - mmap, mmap2, mprotect, pkey_mprotect             allow unless the protection has
 *                                                      PROT_WRITE and PROT_EXEC at once
 *   - the "granted" groups ("SystemTime": setting      allow only with the grant
 *     the clock; "Debug": ptrace and
 *     process_vm_readv/writev for gdbserver)
 *   - ptrace PTRACE_ATTACH, PTRACE_SEIZE               never: a debug-mode gdbserver traces
 *                                                      only the child it started (TRACEME)
 *   - clone with namespace flags                       user notification
 *   - ioctl TIOCSTI / TIOCLINUX (low 32 bits)          user notification (below)
 *   - clone3                                           ENOSYS (libc falls back to clone)
 *   - anything else                                    user notification: the supervisor
 *                                                      logs it and answers EPERM, or
 *                                                      ENOSYS for numbers libseccomp
 *                                                      does not know (azs_seccomp_deny)
 * socketcall and ipc, the multiplexers of some 32-bit ABIs (i386; not ARM
 * EABI, where libseccomp and the kernel have the direct calls only), may
 * never be allowed: their arguments are in user memory, out of the filter's
 * reach.
 */
#ifndef AZS_SANDBOX_SECCOMP_POLICY_H
#define AZS_SANDBOX_SECCOMP_POLICY_H

#include <stddef.h>
#include <stdint.h>

struct azs_seccomp_policy;

/* Grants that select an app's filter (a bit set). */
#define AZS_SECCOMP_NETWORK     (1u << 0) /* a network capability: "network" socket families */
#define AZS_SECCOMP_SYSTEM_TIME (1u << 1) /* SystemTime: the "granted" group "SystemTime" */
/* Debug mode (appDevelopment, gdbserver in the app's sandbox): the "granted"
 * group "Debug", ptrace of its own traced child (never PTRACE_ATTACH/SEIZE). */
#define AZS_SECCOMP_DEBUG      (1u << 2)
#define AZS_SECCOMP_GRANTS_ALL (AZS_SECCOMP_NETWORK | AZS_SECCOMP_SYSTEM_TIME | AZS_SECCOMP_DEBUG)

/*
 * Compile the policy JSON TEXT (LEN bytes; ORIGIN names it in messages).
 * Unknown syscall names or socket families, duplicates, syscalls that may
 * never be allowed and malformed JSON fail with -EINVAL after a message
 * naming the entry.
 */
int azs_seccomp_policy_compile(const char *text, size_t len, const char *origin,
			       struct azs_seccomp_policy **out);

/*
 * As azs_seccomp_policy_compile, for the libseccomp architecture ARCH
 * (SCMP_ARCH_*; 0: the native one) and with libseccomp's optimisation level
 * OPTIMIZE (0: the default choice, 1: a linear list, 2: a binary tree). For
 * tests: the filter of another architecture can only be exported.
 */
int azs_seccomp_policy_compile_for(const char *text, size_t len, const char *origin, uint32_t arch,
				   int optimize, struct azs_seccomp_policy **out);

/* azs_seccomp_policy_compile on the content of the file PATH. */
int azs_seccomp_policy_compile_file(const char *path, struct azs_seccomp_policy **out);

/*
 * As azs_seccomp_policy_compile_file, but the policy is only validated (the
 * same refusals, the same messages): no filter is compiled yet. Each grant
 * set's is compiled when it is first needed (azs_seccomp_policy_prepare),
 * so a daemon whose apps all have the same grants compiles one filter, not
 * one per grant set. A filter not prepared is never loaded
 * (azs_seccomp_policy_install fails).
 */
int azs_seccomp_policy_compile_file_lazy(const char *path, struct azs_seccomp_policy **out);

/*
 * Compile POLICY's filter for GRANTS if it isn't yet (0 if it is, or a
 * negative errno after a message; a failed one is tried again at the next
 * call).
 */
int azs_seccomp_policy_prepare(struct azs_seccomp_policy *policy, unsigned int grants);

/* Whether POLICY's filter for GRANTS is compiled (azs_seccomp_policy_prepare). */
int azs_seccomp_policy_ready(const struct azs_seccomp_policy *policy, unsigned int grants);

/*
 * The filters compiled when the image is built (azs-seccomp-precompile), a
 * cache the daemon may use instead of compiling at an app's first start.
 * Little-endian throughout:
 *   magic "AZSSBPF\0" (8 bytes), format version u32 (AZS_SECCOMP_BPF_VERSION),
 *   libseccomp architecture token u32 (SCMP_ARCH_*), SHA-256 of the policy
 *   file's exact bytes (32), number of grant sets u32 (AZS_SECCOMP_GRANTS_ALL + 1),
 *   then by grant set: instruction count u32 (1..BPF_MAXINSNS), and each
 *   instruction as code u16, jt u8, jf u8, k u32.
 */
#define AZS_SECCOMP_BPF_MAGIC     "AZSSBPF"
#define AZS_SECCOMP_BPF_VERSION   1u
#define AZS_SECCOMP_BPF_HASH_SIZE 32

/*
 * POLICY's filters of every grant set (compiled: azs_seccomp_policy_compile_for)
 * in that format, POLICY_SHA256 the policy bytes' hash: *OUT (malloc'd),
 * *LEN. -ENOEXEC if a grant set's filter isn't compiled.
 */
int azs_seccomp_policy_bpf_export(const struct azs_seccomp_policy *policy,
				  const uint8_t policy_sha256[AZS_SECCOMP_BPF_HASH_SIZE],
				  uint8_t **out, size_t *len);

/*
 * Take POLICY's filters from BUF (LEN bytes, that format) if the file is
 * whole and well formed, of POLICY's architecture and of the policy whose
 * bytes hash to POLICY_SHA256: then every grant set counts as prepared.
 * Otherwise -EINVAL, *REASON names what is wrong, and POLICY is unchanged
 * (its filters are compiled when needed, as without the file).
 */
int azs_seccomp_policy_bpf_use(struct azs_seccomp_policy *policy, const uint8_t *buf, size_t len,
			       const uint8_t policy_sha256[AZS_SECCOMP_BPF_HASH_SIZE],
			       const char **reason);

/*
 * As azs_seccomp_policy_compile_file_lazy, and *TEXT (malloc'd), *LEN: the
 * exact bytes read and validated (for their hash).
 */
int azs_seccomp_policy_compile_file_lazy_text(const char *path, struct azs_seccomp_policy **out,
					      char **text, size_t *len);

void azs_seccomp_policy_free(struct azs_seccomp_policy *policy);

/* Number of syscalls the policy allows every app, and whether it allows NAME to every app. */
size_t azs_seccomp_policy_allowed_count(const struct azs_seccomp_policy *policy);
int azs_seccomp_policy_allows(const struct azs_seccomp_policy *policy, const char *name);

/*
 * The compiled filter for GRANTS: *INSNS points to N struct sock_filter
 * (owned by POLICY). Returns N; 0 (and NULL) if it isn't compiled.
 */
size_t azs_seccomp_policy_program(const struct azs_seccomp_policy *policy, unsigned int grants,
				  const void **insns);

/*
 * Load the filter for GRANTS into the calling thread (no_new_privs must be
 * set). Returns the user-notification listener fd (close-on-exec), or a
 * negative errno (-ENOEXEC: that filter isn't compiled).
 */
int azs_seccomp_policy_install(const struct azs_seccomp_policy *policy, unsigned int grants);

#endif /* AZS_SANDBOX_SECCOMP_POLICY_H */
