// SPDX-License-Identifier: MIT
/*
 * The app seccomp policy: a default-deny allowlist of syscall names in
 * groups (manifests/policy/seccomp-app.json), compiled with libseccomp once
 * per policy into BPF that every app start loads as it is.
 *
 * Verdicts of the compiled filter:
 *   - another architecture or ABI (i386 compat, x32)  kill the process
 *   - a syscall of the allowlist                       allow
 *   - clone with namespace flags                       user notification
 *   - ioctl TIOCSTI / TIOCLINUX (low 32 bits)          user notification (below)
 *   - clone3                                           ENOSYS (libc falls back to clone)
 *   - anything else                                    user notification: the supervisor
 *                                                      logs it and answers EPERM, or
 *                                                      ENOSYS for numbers libseccomp
 *                                                      does not know (azs_seccomp_deny)
 */
#ifndef AZS_SANDBOX_SECCOMP_POLICY_H
#define AZS_SANDBOX_SECCOMP_POLICY_H

#include <stddef.h>

struct azs_seccomp_policy;

/*
 * Compile the policy JSON TEXT (LEN bytes; ORIGIN names it in messages).
 * Unknown syscall names, duplicates, syscalls that may never be allowed and
 * malformed JSON fail with -EINVAL after a message naming the entry.
 */
int azs_seccomp_policy_compile(const char *text, size_t len, const char *origin,
			       struct azs_seccomp_policy **out);

/* azs_seccomp_policy_compile on the content of the file PATH. */
int azs_seccomp_policy_compile_file(const char *path, struct azs_seccomp_policy **out);

void azs_seccomp_policy_free(struct azs_seccomp_policy *policy);

/* Number of syscalls the policy allows, and whether it allows NAME. */
size_t azs_seccomp_policy_allowed_count(const struct azs_seccomp_policy *policy);
int azs_seccomp_policy_allows(const struct azs_seccomp_policy *policy, const char *name);

/*
 * Load the compiled filter into the calling thread (no_new_privs must be
 * set). Returns the user-notification listener fd (close-on-exec), or a
 * negative errno.
 */
int azs_seccomp_policy_install(const struct azs_seccomp_policy *policy);

#endif /* AZS_SANDBOX_SECCOMP_POLICY_H */
