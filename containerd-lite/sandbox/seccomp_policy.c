// SPDX-License-Identifier: MIT
/* The app seccomp policy compiler (see seccomp_policy.h). */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <json-c/json.h>
#include <seccomp.h>

#include "cleanup.h"
#include "log.h"
#include "seccomp_policy.h"

#define MAX_POLICY_BYTES (256 * 1024)

struct azs_seccomp_policy {
	struct sock_filter *insns;
	unsigned short n_insns;
	char **allowed; /* names, for azs_seccomp_policy_allows */
	size_t n_allowed;
};

/*
 * Never allowed, whatever the policy file says (AC-12, AC-14, AC-17): a
 * policy naming one of these does not compile.
 */
static const char *const forbidden[] = {
	"add_key",
	"bpf",
	"chroot",
	"clone3",
	"delete_module",
	"finit_module",
	"fsconfig",
	"fsmount",
	"fsopen",
	"fspick",
	"init_module",
	"io_uring_enter",
	"io_uring_register",
	"io_uring_setup",
	"kexec_file_load",
	"kexec_load",
	"keyctl",
	"mount",
	"mount_setattr",
	"move_mount",
	"open_tree",
	"perf_event_open",
	"pidfd_getfd",
	"pivot_root",
	"process_vm_readv",
	"process_vm_writev",
	"ptrace",
	"reboot",
	"request_key",
	"setns",
	"swapoff",
	"swapon",
	"syslog",
	"umount2",
	"unshare",
	"userfaultfd",
};

/*
 * What the launcher itself does between loading the filter and the app's
 * first instruction: hand the listener over, close it, exec.
 */
static const char *const launch_needs[] = {"sendmsg", "close", "execve", "exit_group"};

/* Namespace-creating clone flags: clone with any of them is not allowed. */
#define CLONE_NS_FLAGS                                                                             \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |             \
	 CLONE_NEWPID | CLONE_NEWNET | 0x00000080 /* CLONE_NEWTIME */)

static bool is_forbidden(const char *name)
{
	for (size_t i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++)
		if (!strcmp(forbidden[i], name))
			return true;
	return false;
}

static void ctx_releasep(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}

static void json_putp(struct json_object **o)
{
	if (*o)
		json_object_put(*o);
}

static int add_name(struct azs_seccomp_policy *p, const char *name)
{
	char **grown = realloc(p->allowed, (p->n_allowed + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	p->allowed = grown;
	p->allowed[p->n_allowed] = strdup(name);
	if (!p->allowed[p->n_allowed])
		return -ENOMEM;
	p->n_allowed++;
	return 0;
}

int azs_seccomp_policy_allows(const struct azs_seccomp_policy *policy, const char *name)
{
	for (size_t i = 0; i < policy->n_allowed; i++)
		if (!strcmp(policy->allowed[i], name))
			return 1;
	return 0;
}

size_t azs_seccomp_policy_allowed_count(const struct azs_seccomp_policy *policy)
{
	return policy->n_allowed;
}

/* ioctl commands never allowed (AC-13): typing into a terminal, the console's ioctl. */
static const uint32_t denied_ioctls[] = {TIOCSTI, TIOCLINUX};

static bool ioctl_denied_below(uint32_t value, int len)
{
	for (size_t i = 0; i < sizeof(denied_ioctls) / sizeof(denied_ioctls[0]); i++)
		if (len == 0 || (denied_ioctls[i] >> (32 - len)) == value >> (32 - len))
			return true;
	return false;
}

/*
 * Allow ioctl for every command whose low 32 bits (the kernel truncates the
 * command to them) are not denied: the complement of the denied commands as
 * prefixes of the 32-bit value, one masked comparison each (at most 2 x 32
 * rules). A denied command falls to the default action: logged, EPERM.
 */
static int allow_ioctl(scmp_filter_ctx ctx, int nr, uint32_t value, int len)
{
	uint32_t mask;
	int ret;

	if (!ioctl_denied_below(value, len)) {
		mask = len ? (uint32_t)(0xffffffffu << (32 - len)) : 0;
		return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
					SCMP_A1(SCMP_CMP_MASKED_EQ, mask, value));
	}
	if (len == 32)
		return 0;
	ret = allow_ioctl(ctx, nr, value, len + 1);
	if (!ret)
		ret = allow_ioctl(ctx, nr, value | (1u << (31 - len)), len + 1);
	return ret;
}

/* The rule for one allowed syscall: most are plain, two get argument checks. */
static int add_allow_rule(scmp_filter_ctx ctx, const char *name, int nr)
{
	if (!strcmp(name, "clone"))
		/* x86, arm, arm64, riscv: flags are the first argument. */
		return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
					SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NS_FLAGS, 0));
	if (!strcmp(name, "ioctl"))
		return allow_ioctl(ctx, nr, 0, 0);
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
}

static int allow_one(scmp_filter_ctx ctx, struct azs_seccomp_policy *p, const char *origin,
		     const char *group, const char *name, bool from_policy)
{
	int nr, ret;

	if (azs_seccomp_policy_allows(p, name)) {
		if (!from_policy)
			return 0;
		sb_error("%s: group \"%s\": syscall \"%s\" is listed twice", origin, group, name);
		return -EINVAL;
	}
	if (is_forbidden(name)) {
		sb_error("%s: group \"%s\": syscall \"%s\" may never be allowed", origin, group,
			 name);
		return -EINVAL;
	}
	nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR) {
		sb_error("%s: group \"%s\": unknown syscall \"%s\"", origin, group, name);
		return -EINVAL;
	}
	if (nr < 0)
		/* A real syscall, but not of this architecture (e.g. "open" on arm64). */
		return add_name(p, name);
	ret = add_allow_rule(ctx, name, nr);
	if (ret < 0)
		return sb_errno(ret, "%s: group \"%s\": cannot add a rule for \"%s\"", origin,
				group, name);
	return add_name(p, name);
}

static int add_groups(scmp_filter_ctx ctx, struct azs_seccomp_policy *p, struct json_object *root,
		      const char *origin)
{
	struct json_object *groups;

	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "groups", &groups) ||
	    !json_object_is_type(groups, json_type_object)) {
		sb_error("%s: expected an object with an object \"groups\"", origin);
		return -EINVAL;
	}
	json_object_object_foreach(root, key, val)
	{
		(void)val;
		if (strcmp(key, "groups") && strcmp(key, "description")) {
			sb_error("%s: unknown key \"%s\"", origin, key);
			return -EINVAL;
		}
	}
	json_object_object_foreach(groups, group, list)
	{
		if (!json_object_is_type(list, json_type_array)) {
			sb_error("%s: group \"%s\": expected an array of syscall names", origin,
				 group);
			return -EINVAL;
		}
		for (size_t i = 0; i < json_object_array_length(list); i++) {
			struct json_object *e = json_object_array_get_idx(list, i);
			int ret;

			if (!json_object_is_type(e, json_type_string)) {
				sb_error("%s: group \"%s\": entry %zu is not a string", origin,
					 group, i + 1);
				return -EINVAL;
			}
			ret = allow_one(ctx, p, origin, group, json_object_get_string(e), true);
			if (ret)
				return ret;
		}
	}
	for (size_t i = 0; i < sizeof(launch_needs) / sizeof(launch_needs[0]); i++) {
		int ret = allow_one(ctx, p, origin, "(launcher)", launch_needs[i], false);

		if (ret)
			return ret;
	}
	return 0;
}

/* libseccomp 2.5 exports only to a descriptor: go through a memfd. */
static int export_bpf(scmp_filter_ctx ctx, struct azs_seccomp_policy *p)
{
	sb_cleanup(sb_closep) int fd = memfd_create("azs-seccomp", MFD_CLOEXEC);
	struct stat st;
	int ret;

	if (fd < 0)
		return sb_syserr("cannot create a memfd for the seccomp filter");
	ret = seccomp_export_bpf(ctx, fd);
	if (ret < 0)
		return sb_errno(ret, "cannot export the seccomp filter");
	if (fstat(fd, &st))
		return sb_syserr("cannot size the seccomp filter");
	if (st.st_size <= 0 || st.st_size % sizeof(struct sock_filter) ||
	    st.st_size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		sb_error("seccomp filter has an unusable size (%lld bytes)", (long long)st.st_size);
		return -E2BIG;
	}
	p->insns = malloc((size_t)st.st_size);
	if (!p->insns)
		return -ENOMEM;
	if (pread(fd, p->insns, (size_t)st.st_size, 0) != st.st_size)
		return sb_syserr("cannot read the seccomp filter back");
	p->n_insns = (unsigned short)(st.st_size / sizeof(struct sock_filter));
	return 0;
}

static int build(scmp_filter_ctx ctx, struct azs_seccomp_policy *p, struct json_object *root,
		 const char *origin)
{
	int ret;

	/* Native architecture only (seccomp_init's default); anything else kills. */
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (!ret)
		ret = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0); /* set by the launcher */
	if (ret < 0)
		return sb_errno(ret, "cannot set the seccomp filter's attributes");
	ret = add_groups(ctx, p, root, origin);
	if (ret)
		return ret;
	ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	if (ret < 0)
		return sb_errno(ret, "cannot add the clone3 rule");
	return export_bpf(ctx, p);
}

int azs_seccomp_policy_compile(const char *text, size_t len, const char *origin,
			       struct azs_seccomp_policy **out)
{
	sb_cleanup(json_putp) struct json_object *root = NULL;
	sb_cleanup(ctx_releasep) scmp_filter_ctx ctx = NULL;
	struct json_tokener *tok = json_tokener_new();
	struct azs_seccomp_policy *p;
	enum json_tokener_error jerr;
	int ret;

	if (!tok)
		return -ENOMEM;
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	if (!root || jerr != json_tokener_success || tok->char_offset != (int)len) {
		sb_error("%s: not valid JSON near byte %d: %s", origin, (int)tok->char_offset,
			 jerr == json_tokener_continue  ? "unexpected end"
			 : jerr == json_tokener_success ? "unexpected text after the policy"
							: json_tokener_error_desc(jerr));
		json_tokener_free(tok);
		return -EINVAL;
	}
	json_tokener_free(tok);

	ctx = seccomp_init(SCMP_ACT_NOTIFY);
	p = calloc(1, sizeof(*p));
	if (!ctx || !p) {
		free(p);
		sb_error("out of memory");
		return -ENOMEM;
	}
	ret = build(ctx, p, root, origin);
	if (ret) {
		azs_seccomp_policy_free(p);
		return ret;
	}
	*out = p;
	return 0;
}

int azs_seccomp_policy_compile_file(const char *path, struct azs_seccomp_policy **out)
{
	sb_cleanup(sb_closep) int fd = open(path, O_RDONLY | O_CLOEXEC);
	sb_cleanup(sb_freep) char *buf = malloc(MAX_POLICY_BYTES);
	size_t got = 0;

	if (fd < 0)
		return sb_syserr("cannot open %s", path);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n = read(fd, buf + got, MAX_POLICY_BYTES - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return sb_syserr("cannot read %s", path);
		if (n == 0)
			break;
		got += (size_t)n;
		if (got == MAX_POLICY_BYTES) {
			sb_error("%s: larger than %d bytes", path, MAX_POLICY_BYTES);
			return -EFBIG;
		}
	}
	return azs_seccomp_policy_compile(buf, got, path, out);
}

void azs_seccomp_policy_free(struct azs_seccomp_policy *policy)
{
	if (!policy)
		return;
	for (size_t i = 0; i < policy->n_allowed; i++)
		free(policy->allowed[i]);
	free(policy->allowed);
	free(policy->insns);
	free(policy);
}

int azs_seccomp_policy_install(const struct azs_seccomp_policy *policy)
{
	struct sock_fprog prog = {
		.len = policy->n_insns,
		.filter = policy->insns,
	};
	long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
			  &prog);

	if (fd < 0)
		return -errno;
	return (int)fd;
}
