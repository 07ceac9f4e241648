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
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <json-c/json.h>
#include <seccomp.h>

#include <azs/cleanup.h>
#include "log.h"
#include "seccomp_policy.h"

#define MAX_POLICY_BYTES (256 * 1024)

/* One compiled filter. */
struct program {
	struct sock_filter *insns;
	unsigned short n_insns;
};

/*
 * Never allowed, whatever the policy file says (AC-12, AC-14, AC-17): a
 * policy naming one of these does not compile. socketcall and ipc are the
 * multiplexers of some 32-bit ABIs: their real arguments are in user memory,
 * where the filter cannot check them.
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
	"ipc",
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
	"socketcall",
	"swapoff",
	"swapon",
	"syslog",
	"umount2",
	"unshare",
	"userfaultfd",
};

/* Setting the clock: only in the "granted" group "SystemTime", never for every app. */
static const char *const grant_only[] = {
	"adjtimex",        "clock_adjtime", "clock_adjtime64", "clock_settime",
	"clock_settime64", "settimeofday",  "stime",
};

/* The grants a policy may name under "granted", by bit of AZS_SECCOMP_*. */
static const struct {
	const char *name;
	unsigned int bit;
} grant_names[] = {{"SystemTime", AZS_SECCOMP_SYSTEM_TIME}, {"Debug", AZS_SECCOMP_DEBUG}};

/* Forbidden to every app, but allowed to a debug-mode gdbserver under "granted" "Debug". */
static const char *const debug_only[] = {"process_vm_readv", "process_vm_writev", "ptrace"};

/* The socket families a policy may offer apps. */
static const struct {
	const char *name;
	uint32_t family;
} families[] = {{"AF_UNIX", AF_UNIX}, {"AF_INET", AF_INET}, {"AF_INET6", AF_INET6}};

#define MAX_FAMILIES (sizeof(families) / sizeof(families[0]))

/*
 * What the launcher itself does between loading the filter and the app's
 * first instruction: hand the listener over, close it, exec.
 */
static const char *const launch_needs[] = {"sendmsg", "close", "execve", "exit_group"};

/* Namespace-creating clone flags: clone with any of them is not allowed. */
#define CLONE_NS_FLAGS                                                                             \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |             \
	 CLONE_NEWPID | CLONE_NEWNET | 0x00000080 /* CLONE_NEWTIME */)

/* A validated policy: names point into the parsed JSON (or are static). */
struct plan {
	uint32_t arch;      /* SCMP_ARCH_*, never 0 */
	const char **names; /* allowed to every app */
	size_t n_names;
	const char **time; /* granted "SystemTime" */
	size_t n_time;
	const char **debug; /* granted "Debug" */
	size_t n_debug;
	uint32_t fam_all[MAX_FAMILIES], fam_net[MAX_FAMILIES];
	size_t n_fam_all, n_fam_net;
	bool has_families;
	/* Every name collected so far, hashed (validation only: the JSON's strings). */
	const char **seen;
	size_t n_seen, seen_cap; /* seen_cap: 0 or a power of two */
};

/*
 * A policy: its validated plan (names owned by the policy: ALLOWED, and the
 * granted groups' copies) and the filters compiled from it so far, by grant
 * set. A filter of a grant set no app has needed yet is not compiled
 * (azs_seccomp_policy_compile_file_lazy): n_insns 0.
 */
struct azs_seccomp_policy {
	struct program prog[AZS_SECCOMP_GRANTS_ALL + 1]; /* by grant set */
	char **allowed; /* names allowed to every app, for azs_seccomp_policy_allows */
	size_t n_allowed;
	/* ALLOWED's names hashed: the start path asks for ~30 names per app. */
	const char **allowed_set;
	size_t allowed_cap, n_allowed_set;
	struct plan plan; /* names: ALLOWED's; time and debug: the policy's copies */
	int optimize;
};

static bool in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

static size_t name_hash(const char *name)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (; *name; name++)
		h = (h ^ (uint8_t)*name) * 16777619u;
	return h;
}

/* NAME's slot in the open-addressed set: where it is, or the empty one where it goes. */
static size_t seen_slot(const char *const *set, size_t cap, const char *name)
{
	size_t i = name_hash(name) & (cap - 1);

	while (set[i] && strcmp(set[i], name))
		i = (i + 1) & (cap - 1);
	return i;
}

/* Whether NAME is in the open-addressed SET of CAP slots (0 or a power of two). */
static bool set_has(const char *const *set, size_t cap, const char *name)
{
	return cap && set[seen_slot(set, cap, name)];
}

/* NAME (not in it yet, kept by the caller) into SET of N names, grown to keep it half empty. */
static int set_add(const char ***set, size_t *cap, size_t *n, const char *name)
{
	if ((*n + 1) * 2 > *cap) {
		size_t grown_cap = *cap ? *cap * 2 : 256;
		const char **grown = calloc(grown_cap, sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		for (size_t i = 0; i < *cap; i++)
			if ((*set)[i])
				grown[seen_slot(grown, grown_cap, (*set)[i])] = (*set)[i];
		free(*set);
		*set = grown;
		*cap = grown_cap;
	}
	(*set)[seen_slot(*set, *cap, name)] = name;
	(*n)++;
	return 0;
}

/* Whether NAME was collected already: a lookup, not a pass over every list. */
static bool seen_has(const struct plan *plan, const char *name)
{
	return set_has(plan->seen, plan->seen_cap, name);
}

static int seen_add(struct plan *plan, const char *name)
{
	return set_add(&plan->seen, &plan->seen_cap, &plan->n_seen, name);
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
	/* Names are unique (validation refuses a name given twice). */
	return set_add(&p->allowed_set, &p->allowed_cap, &p->n_allowed_set,
		       p->allowed[p->n_allowed - 1]);
}

int azs_seccomp_policy_allows(const struct azs_seccomp_policy *policy, const char *name)
{
	return set_has(policy->allowed_set, policy->allowed_cap, name);
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

/*
 * ptrace: every request but PTRACE_ATTACH (16) and PTRACE_SEIZE (0x4206), so
 * a debugger traces only the child that asked (PTRACE_TRACEME). The allowed
 * request numbers (low 32 bits: any other high bits make the kernel answer
 * EIO) in aligned blocks, one masked compare each.
 */
static int allow_ptrace(scmp_filter_ctx ctx, int nr)
{
	static const uint32_t ranges[][2] = {{0, PTRACE_ATTACH - 1},
					     {PTRACE_ATTACH + 1, 0x3fff},
					     {0x4000, PTRACE_SEIZE - 1},
					     {PTRACE_SEIZE + 1, 0x42ff}};

	_Static_assert(PTRACE_ATTACH == 16 && PTRACE_SEIZE == 0x4206, "ptrace request numbers");
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		uint32_t lo = ranges[i][0], hi = ranges[i][1];

		while (lo <= hi) {
			uint32_t size = 1;
			int ret;

			/* The largest aligned block from LO that stays within HI. */
			while (!(lo & size) && lo + 2 * size - 1 <= hi && size < 0x80000000u)
				size *= 2;
			ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
					       SCMP_A0(SCMP_CMP_MASKED_EQ, ~(size - 1), lo));
			if (ret < 0)
				return ret;
			lo += size;
		}
	}
	return 0;
}

/* socket, socketpair: the domain (first argument, an int) is one of FAM. */
static int allow_families(scmp_filter_ctx ctx, int nr, const uint32_t *fam, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
					   SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffffu, fam[i]));

		if (ret < 0)
			return ret;
	}
	return 0;
}

/*
 * mmap, mmap2, mprotect, pkey_mprotect (the protection is the third
 * argument of each): never PROT_WRITE and PROT_EXEC at once (W^X). Three
 * allowed combinations of the two bits: neither, only write, only exec.
 */
static int allow_wx(scmp_filter_ctx ctx, int nr)
{
	static const uint32_t ok[] = {0, PROT_WRITE, PROT_EXEC};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int ret = seccomp_rule_add(
			ctx, SCMP_ACT_ALLOW, nr, 1,
			SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_WRITE | PROT_EXEC, ok[i]));

		if (ret < 0)
			return ret;
	}
	return 0;
}

/*
 * The rules for one allowed syscall (NR: libseccomp's native number, which
 * it translates to the filter's architecture by name): most are plain, some
 * get argument checks.
 */
static int add_allow_rule(scmp_filter_ctx ctx, const struct plan *plan, unsigned int grants,
			  const char *name, int nr)
{
	if (!strcmp(name, "clone"))
		/* x86, arm, arm64, riscv: flags are the first argument. */
		return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
					SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NS_FLAGS, 0));
	if (!strcmp(name, "ioctl"))
		return allow_ioctl(ctx, nr, 0, 0);
	if (!strcmp(name, "socket") || !strcmp(name, "socketpair")) {
		int ret = allow_families(ctx, nr, plan->fam_all, plan->n_fam_all);

		if (!ret && (grants & AZS_SECCOMP_NETWORK))
			ret = allow_families(ctx, nr, plan->fam_net, plan->n_fam_net);
		return ret;
	}
	if (!strcmp(name, "ptrace"))
		return allow_ptrace(ctx, nr);
	if (!strcmp(name, "mmap") || !strcmp(name, "mmap2") || !strcmp(name, "mprotect") ||
	    !strcmp(name, "pkey_mprotect"))
		return allow_wx(ctx, nr);
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
}

/* NAME's number on the plan's architecture: -1 if it has none there, or -EINVAL. */
static int check_name(const struct plan *plan, const char *origin, const char *group,
		      const char *name, bool granted)
{
	bool debug = granted && !strcmp(group, "Debug");
	int nr;

	if (seen_has(plan, name)) {
		sb_error("%s: group \"%s\": syscall \"%s\" is listed twice", origin, group, name);
		return -EINVAL;
	}
	if (in_list(forbidden, sizeof(forbidden) / sizeof(forbidden[0]), name) &&
	    !(debug && in_list(debug_only, sizeof(debug_only) / sizeof(debug_only[0]), name))) {
		sb_error("%s: group \"%s\": syscall \"%s\" may never be allowed", origin, group,
			 name);
		return -EINVAL;
	}
	if (!granted && in_list(grant_only, sizeof(grant_only) / sizeof(grant_only[0]), name)) {
		sb_error("%s: group \"%s\": syscall \"%s\" may be allowed only under \"granted\" "
			 "(SystemTime)",
			 origin, group, name);
		return -EINVAL;
	}
	nr = seccomp_syscall_resolve_name_arch(plan->arch, name);
	if (nr == __NR_SCMP_ERROR) {
		sb_error("%s: group \"%s\": unknown syscall \"%s\"", origin, group, name);
		return -EINVAL;
	}
	return nr < 0 ? -1 : nr;
}

static int push_name(const char ***list, size_t *n, const char *name)
{
	const char **grown = realloc(*list, (*n + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	grown[(*n)++] = name;
	*list = grown;
	return 0;
}

/* The names of one JSON array into LIST. */
static int collect_names(struct plan *plan, const char *origin, const char *group,
			 struct json_object *arr, bool granted, const char ***list, size_t *n)
{
	if (!json_object_is_type(arr, json_type_array)) {
		sb_error("%s: group \"%s\": expected an array of syscall names", origin, group);
		return -EINVAL;
	}
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);
		const char *name;
		int ret;

		if (!json_object_is_type(e, json_type_string)) {
			sb_error("%s: group \"%s\": entry %zu is not a string", origin, group,
				 i + 1);
			return -EINVAL;
		}
		name = json_object_get_string(e);
		ret = check_name(plan, origin, group, name, granted);
		if (ret == -EINVAL)
			return ret;
		ret = push_name(list, n, name);
		if (!ret)
			ret = seen_add(plan, name);
		if (ret)
			return ret;
	}
	return 0;
}

static bool family_listed(const struct plan *plan, uint32_t family)
{
	for (size_t i = 0; i < plan->n_fam_all; i++)
		if (plan->fam_all[i] == family)
			return true;
	for (size_t i = 0; i < plan->n_fam_net; i++)
		if (plan->fam_net[i] == family)
			return true;
	return false;
}

/* "socket-families": {"all": [...], "network": [...]}. */
static int collect_families(struct plan *plan, const char *origin, struct json_object *obj)
{
	if (!json_object_is_type(obj, json_type_object)) {
		sb_error("%s: \"socket-families\": expected an object", origin);
		return -EINVAL;
	}
	json_object_object_foreach(obj, key, arr)
	{
		bool net = !strcmp(key, "network");
		uint32_t *out = net ? plan->fam_net : plan->fam_all;
		size_t *n = net ? &plan->n_fam_net : &plan->n_fam_all;

		if (!net && strcmp(key, "all")) {
			sb_error("%s: \"socket-families\": unknown key \"%s\" (\"all\", "
				 "\"network\")",
				 origin, key);
			return -EINVAL;
		}
		if (!json_object_is_type(arr, json_type_array)) {
			sb_error("%s: \"socket-families\".%s: expected an array", origin, key);
			return -EINVAL;
		}
		for (size_t i = 0; i < json_object_array_length(arr); i++) {
			struct json_object *e = json_object_array_get_idx(arr, i);
			const char *name = json_object_get_string(e);
			size_t k;

			for (k = 0; k < MAX_FAMILIES; k++)
				if (json_object_is_type(e, json_type_string) &&
				    !strcmp(name, families[k].name))
					break;
			if (k == MAX_FAMILIES) {
				sb_error("%s: \"socket-families\".%s: entry %zu is not a family "
					 "apps may have (AF_UNIX, AF_INET, AF_INET6)",
					 origin, key, i + 1);
				return -EINVAL;
			}
			if (family_listed(plan, families[k].family)) {
				sb_error("%s: \"socket-families\": %s is listed twice", origin,
					 name);
				return -EINVAL;
			}
			out[(*n)++] = families[k].family;
		}
	}
	plan->has_families = true;
	return 0;
}

/* "granted": {"SystemTime": [...]}. */
static int collect_granted(struct plan *plan, const char *origin, struct json_object *obj)
{
	if (!json_object_is_type(obj, json_type_object)) {
		sb_error("%s: \"granted\": expected an object", origin);
		return -EINVAL;
	}
	json_object_object_foreach(obj, key, arr)
	{
		size_t k;
		int ret;

		for (k = 0; k < sizeof(grant_names) / sizeof(grant_names[0]); k++)
			if (!strcmp(key, grant_names[k].name))
				break;
		if (k == sizeof(grant_names) / sizeof(grant_names[0])) {
			sb_error("%s: \"granted\": unknown capability \"%s\" (SystemTime, Debug)",
				 origin, key);
			return -EINVAL;
		}
		if (grant_names[k].bit == AZS_SECCOMP_DEBUG)
			ret = collect_names(plan, origin, key, arr, true, &plan->debug,
					    &plan->n_debug);
		else
			ret = collect_names(plan, origin, key, arr, true, &plan->time,
					    &plan->n_time);
		if (ret)
			return ret;
	}
	return 0;
}

static int collect(struct plan *plan, struct json_object *root, const char *origin)
{
	struct json_object *groups, *o;
	int ret;

	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "groups", &groups) ||
	    !json_object_is_type(groups, json_type_object)) {
		sb_error("%s: expected an object with an object \"groups\"", origin);
		return -EINVAL;
	}
	json_object_object_foreach(root, key, val)
	{
		(void)val;
		if (strcmp(key, "groups") && strcmp(key, "description") &&
		    strcmp(key, "socket-families") && strcmp(key, "granted")) {
			sb_error("%s: unknown key \"%s\"", origin, key);
			return -EINVAL;
		}
	}
	json_object_object_foreach(groups, group, list)
	{
		ret = collect_names(plan, origin, group, list, false, &plan->names, &plan->n_names);
		if (ret)
			return ret;
	}
	if (json_object_object_get_ex(root, "granted", &o)) {
		ret = collect_granted(plan, origin, o);
		if (ret)
			return ret;
	}
	if (json_object_object_get_ex(root, "socket-families", &o)) {
		ret = collect_families(plan, origin, o);
		if (ret)
			return ret;
	}
	if (!plan->has_families && (in_list(plan->names, plan->n_names, "socket") ||
				    in_list(plan->names, plan->n_names, "socketpair"))) {
		sb_error("%s: socket and socketpair need \"socket-families\"", origin);
		return -EINVAL;
	}
	for (size_t i = 0; i < sizeof(launch_needs) / sizeof(launch_needs[0]); i++)
		if (!in_list(plan->names, plan->n_names, launch_needs[i])) {
			ret = push_name(&plan->names, &plan->n_names, launch_needs[i]);
			if (ret)
				return ret;
		}
	return 0;
}

/* libseccomp 2.5 exports only to a descriptor: go through a memfd. */
static int export_bpf(scmp_filter_ctx ctx, struct program *prog)
{
	azs_cleanup(azs_closep) int fd = memfd_create("azs-seccomp", MFD_CLOEXEC);
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
	prog->insns = malloc((size_t)st.st_size);
	if (!prog->insns)
		return -ENOMEM;
	if (pread(fd, prog->insns, (size_t)st.st_size, 0) != st.st_size)
		return sb_syserr("cannot read the seccomp filter back");
	prog->n_insns = (unsigned short)(st.st_size / sizeof(struct sock_filter));
	return 0;
}

static int add_list(scmp_filter_ctx ctx, const struct plan *plan, unsigned int grants,
		    const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ret;

		if (seccomp_syscall_resolve_name_arch(plan->arch, names[i]) < 0)
			continue; /* a real syscall, but not of this architecture */
		ret = add_allow_rule(ctx, plan, grants, names[i],
				     seccomp_syscall_resolve_name(names[i]));
		if (ret < 0)
			return sb_errno(ret, "cannot add a rule for \"%s\"", names[i]);
	}
	return 0;
}

/* The filter of PLAN for GRANTS into PROG. */
static int emit(const struct plan *plan, unsigned int grants, int optimize, struct program *prog)
{
	azs_cleanup(ctx_releasep) scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_NOTIFY);
	int ret;

	if (!ctx) {
		sb_error("out of memory");
		return -ENOMEM;
	}
	ret = 0;
	if (plan->arch != seccomp_arch_native()) {
		ret = seccomp_arch_add(ctx, plan->arch);
		if (!ret)
			ret = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	}
	/* Only the filter's architecture (seccomp_init's default); anything else kills. */
	if (!ret)
		ret = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (!ret)
		ret = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0); /* set by the launcher */
	/*
	 * A binary tree of syscall numbers instead of a linear list: far fewer
	 * instructions run per syscall. Never on a small rule set (libseccomp
	 * #370), so tiny policies keep the list.
	 */
	if (!ret)
		ret = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE,
				       optimize             ? optimize
				       : plan->n_names > 32 ? 2
							    : 1);
	if (ret < 0)
		return sb_errno(ret, "cannot set the seccomp filter's attributes");
	ret = add_list(ctx, plan, grants, plan->names, plan->n_names);
	if (!ret && (grants & AZS_SECCOMP_SYSTEM_TIME))
		ret = add_list(ctx, plan, grants, plan->time, plan->n_time);
	if (!ret && (grants & AZS_SECCOMP_DEBUG))
		ret = add_list(ctx, plan, grants, plan->debug, plan->n_debug);
	if (ret)
		return ret;
	if (seccomp_syscall_resolve_name_arch(plan->arch, "clone3") >= 0) {
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
				       seccomp_syscall_resolve_name("clone3"), 0);
		if (ret < 0)
			return sb_errno(ret, "cannot add the clone3 rule");
	}
	return export_bpf(ctx, prog);
}

/* The names of LIST (N, pointing into the JSON) as copies owned by the policy. */
static int own_names(const char **list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		list[i] = strdup(list[i]);
		if (!list[i]) {
			while (i--)
				free((char *)list[i]);
			return -ENOMEM;
		}
	}
	return 0;
}

/*
 * Validate the policy (every name, family and group: collect) and keep its
 * plan; compile the filters of every grant set, or with LAZY none (each is
 * compiled when an app first needs it: azs_seccomp_policy_prepare).
 */
static int build(struct azs_seccomp_policy *p, struct json_object *root, const char *origin,
		 uint32_t arch, int optimize, bool lazy)
{
	struct plan *plan = &p->plan;
	int ret;

	plan->arch = arch ? arch : seccomp_arch_native();
	p->optimize = optimize;
	ret = collect(plan, root, origin);
	free(plan->seen); /* its names are the JSON's */
	plan->seen = NULL;
	plan->n_seen = plan->seen_cap = 0;
	for (size_t i = 0; !ret && i < plan->n_names; i++)
		ret = add_name(p, plan->names[i]);
	/* The JSON goes: the plan's names become the policy's own. */
	for (size_t i = 0; !ret && i < plan->n_names; i++)
		plan->names[i] = p->allowed[i];
	if (!ret)
		ret = own_names(plan->time, plan->n_time);
	if (ret) {
		plan->n_time = 0; /* not owned: nothing to free */
		plan->n_debug = 0;
	}
	if (!ret && own_names(plan->debug, plan->n_debug)) {
		plan->n_debug = 0;
		ret = -ENOMEM;
	}
	for (unsigned int g = 0; !ret && !lazy && g <= AZS_SECCOMP_GRANTS_ALL; g++)
		ret = emit(plan, g, optimize, &p->prog[g]);
	return ret;
}

static int compile(const char *text, size_t len, const char *origin, uint32_t arch, int optimize,
		   bool lazy, struct azs_seccomp_policy **out)
{
	azs_cleanup(json_putp) struct json_object *root = NULL;
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

	p = calloc(1, sizeof(*p));
	if (!p) {
		sb_error("out of memory");
		return -ENOMEM;
	}
	ret = build(p, root, origin, arch, optimize, lazy);
	if (ret) {
		azs_seccomp_policy_free(p);
		return ret;
	}
	*out = p;
	return 0;
}

int azs_seccomp_policy_compile_for(const char *text, size_t len, const char *origin, uint32_t arch,
				   int optimize, struct azs_seccomp_policy **out)
{
	return compile(text, len, origin, arch, optimize, false, out);
}

int azs_seccomp_policy_compile(const char *text, size_t len, const char *origin,
			       struct azs_seccomp_policy **out)
{
	return compile(text, len, origin, 0, 0, false, out);
}

static int compile_file(const char *path, bool lazy, struct azs_seccomp_policy **out,
			char **text, size_t *len)
{
	azs_cleanup(azs_closep) int fd = open(path, O_RDONLY | O_CLOEXEC);
	azs_cleanup(azs_freep) char *buf = malloc(MAX_POLICY_BYTES);
	int ret;
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
	ret = compile(buf, got, path, 0, 0, lazy, out);
	if (!ret && text) {
		*text = buf;
		*len = got;
		buf = NULL;
	}
	return ret;
}

int azs_seccomp_policy_compile_file(const char *path, struct azs_seccomp_policy **out)
{
	return compile_file(path, false, out, NULL, NULL);
}

int azs_seccomp_policy_compile_file_lazy(const char *path, struct azs_seccomp_policy **out)
{
	return compile_file(path, true, out, NULL, NULL);
}

int azs_seccomp_policy_compile_file_lazy_text(const char *path, struct azs_seccomp_policy **out,
					      char **text, size_t *len)
{
	return compile_file(path, true, out, text, len);
}

#define BPF_HEADER_SIZE (8 + 4 + 4 + AZS_SECCOMP_BPF_HASH_SIZE + 4)
#define BPF_INSN_SIZE   8

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int azs_seccomp_policy_bpf_export(const struct azs_seccomp_policy *policy,
				  const uint8_t policy_sha256[AZS_SECCOMP_BPF_HASH_SIZE],
				  uint8_t **out, size_t *len)
{
	size_t size = BPF_HEADER_SIZE;
	uint8_t *buf, *p;

	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		if (!policy->prog[g].n_insns)
			return -ENOEXEC;
		size += 4 + (size_t)policy->prog[g].n_insns * BPF_INSN_SIZE;
	}
	buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, AZS_SECCOMP_BPF_MAGIC, 8);
	put_le32(buf + 8, AZS_SECCOMP_BPF_VERSION);
	put_le32(buf + 12, policy->plan.arch);
	memcpy(buf + 16, policy_sha256, AZS_SECCOMP_BPF_HASH_SIZE);
	put_le32(buf + 16 + AZS_SECCOMP_BPF_HASH_SIZE, AZS_SECCOMP_GRANTS_ALL + 1);
	p = buf + BPF_HEADER_SIZE;
	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		const struct program *prog = &policy->prog[g];

		put_le32(p, prog->n_insns);
		p += 4;
		for (size_t i = 0; i < prog->n_insns; i++, p += BPF_INSN_SIZE) {
			put_le16(p, prog->insns[i].code);
			p[2] = prog->insns[i].jt;
			p[3] = prog->insns[i].jf;
			put_le32(p + 4, prog->insns[i].k);
		}
	}
	*out = buf;
	*len = size;
	return 0;
}

/* The offset of each grant set's program in BUF, or a reason it isn't usable. */
static const char *bpf_check(const struct azs_seccomp_policy *policy, const uint8_t *buf,
			     size_t len, const uint8_t *sha256,
			     size_t offset[AZS_SECCOMP_GRANTS_ALL + 1])
{
	size_t pos = BPF_HEADER_SIZE;

	if (len < BPF_HEADER_SIZE)
		return "shorter than its header";
	if (memcmp(buf, AZS_SECCOMP_BPF_MAGIC, 8))
		return "bad magic";
	if (get_le32(buf + 8) != AZS_SECCOMP_BPF_VERSION)
		return "unknown format version";
	if (get_le32(buf + 12) != policy->plan.arch)
		return "compiled for another architecture";
	if (memcmp(buf + 16, sha256, AZS_SECCOMP_BPF_HASH_SIZE))
		return "compiled from another policy (SHA-256)";
	if (get_le32(buf + 16 + AZS_SECCOMP_BPF_HASH_SIZE) != AZS_SECCOMP_GRANTS_ALL + 1)
		return "wrong number of grant sets";
	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		uint32_t n;

		if (len - pos < 4)
			return "truncated (a program's count)";
		n = get_le32(buf + pos);
		pos += 4;
		if (n == 0 || n > BPF_MAXINSNS)
			return "a program of 0 or more than BPF_MAXINSNS instructions";
		if ((len - pos) / BPF_INSN_SIZE < n)
			return "truncated (a program's instructions)";
		offset[g] = pos;
		pos += (size_t)n * BPF_INSN_SIZE;
	}
	if (pos != len)
		return "trailing bytes after the last program";
	return NULL;
}

int azs_seccomp_policy_bpf_use(struct azs_seccomp_policy *policy, const uint8_t *buf, size_t len,
			       const uint8_t policy_sha256[AZS_SECCOMP_BPF_HASH_SIZE],
			       const char **reason)
{
	size_t offset[AZS_SECCOMP_GRANTS_ALL + 1];
	struct program progs[AZS_SECCOMP_GRANTS_ALL + 1] = {0};

	*reason = bpf_check(policy, buf, len, policy_sha256, offset);
	if (*reason)
		return -EINVAL;
	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		const uint8_t *p = buf + offset[g];
		uint32_t n = get_le32(p - 4);

		progs[g].insns = malloc((size_t)n * sizeof(struct sock_filter));
		if (!progs[g].insns) {
			while (g--)
				free(progs[g].insns);
			*reason = "out of memory";
			return -ENOMEM;
		}
		progs[g].n_insns = (unsigned short)n;
		for (uint32_t i = 0; i < n; i++, p += BPF_INSN_SIZE) {
			progs[g].insns[i].code = get_le16(p);
			progs[g].insns[i].jt = p[2];
			progs[g].insns[i].jf = p[3];
			progs[g].insns[i].k = get_le32(p + 4);
		}
	}
	for (unsigned int g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++) {
		free(policy->prog[g].insns);
		policy->prog[g] = progs[g];
	}
	return 0;
}

int azs_seccomp_policy_prepare(struct azs_seccomp_policy *policy, unsigned int grants)
{
	struct program *prog;

	if (grants & ~AZS_SECCOMP_GRANTS_ALL)
		return -EINVAL;
	prog = &policy->prog[grants];
	if (prog->n_insns)
		return 0;
	free(prog->insns); /* a failed earlier attempt's, if any */
	prog->insns = NULL;
	return emit(&policy->plan, grants, policy->optimize, prog);
}

int azs_seccomp_policy_ready(const struct azs_seccomp_policy *policy, unsigned int grants)
{
	return !(grants & ~AZS_SECCOMP_GRANTS_ALL) && policy->prog[grants].n_insns > 0;
}

void azs_seccomp_policy_free(struct azs_seccomp_policy *policy)
{
	if (!policy)
		return;
	for (size_t i = 0; i < policy->n_allowed; i++)
		free(policy->allowed[i]);
	free(policy->allowed);
	free(policy->allowed_set);
	for (size_t g = 0; g <= AZS_SECCOMP_GRANTS_ALL; g++)
		free(policy->prog[g].insns);
	for (size_t i = 0; i < policy->plan.n_time; i++)
		free((char *)policy->plan.time[i]);
	for (size_t i = 0; i < policy->plan.n_debug; i++)
		free((char *)policy->plan.debug[i]);
	free(policy->plan.names);
	free(policy->plan.time);
	free(policy->plan.debug);
	free(policy);
}

size_t azs_seccomp_policy_program(const struct azs_seccomp_policy *policy, unsigned int grants,
				  const void **insns)
{
	const struct program *prog = &policy->prog[grants & AZS_SECCOMP_GRANTS_ALL];

	*insns = prog->insns;
	return prog->n_insns;
}

int azs_seccomp_policy_install(const struct azs_seccomp_policy *policy, unsigned int grants)
{
	const struct program *p = &policy->prog[grants & AZS_SECCOMP_GRANTS_ALL];
	struct sock_fprog prog = {
		.len = p->n_insns,
		.filter = p->insns,
	};
	long fd;

	if (grants & ~AZS_SECCOMP_GRANTS_ALL)
		return -EINVAL;
	if (!p->n_insns)
		return -ENOEXEC; /* not compiled (azs_seccomp_policy_prepare): never unfiltered */
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd < 0)
		return -errno;
	return (int)fd;
}
