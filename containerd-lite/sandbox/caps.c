// SPDX-License-Identifier: MIT
/* Dropping every privilege (see caps.h). */
#include <errno.h>
#include <grp.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <sys/capability.h>

#include "caps.h"
#include "log.h"

static void cap_freep(cap_t *c)
{
	if (*c)
		cap_free(*c);
}

/* Keep only CAP_SYS_TIME, in every set (after setresuid with PR_SET_KEEPCAPS). */
static int keep_sys_time(void)
{
	cap_t caps __attribute__((cleanup(cap_freep))) = cap_init();
	cap_value_t v[] = {CAP_SYS_TIME};

	if (!caps || cap_set_flag(caps, CAP_PERMITTED, 1, v, CAP_SET) ||
	    cap_set_flag(caps, CAP_EFFECTIVE, 1, v, CAP_SET) ||
	    cap_set_flag(caps, CAP_INHERITABLE, 1, v, CAP_SET) || cap_set_proc(caps))
		return sb_syserr("cannot keep CAP_SYS_TIME");
	if (cap_set_ambient(CAP_SYS_TIME, CAP_SET))
		return sb_syserr("cannot make CAP_SYS_TIME ambient");
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0))
		return sb_syserr("cannot clear keep-capabilities");
	return 0;
}

int sb_drop_bounding_set(int sys_time)
{
	/*
	 * The bounding set can only shrink while we still hold CAP_SETPCAP. It
	 * is inherited: dropped once here, before the sandbox's pid 1 forks the
	 * app, it holds for both (one prctl per capability, not two rounds).
	 */
	for (cap_value_t c = 0; c < (cap_value_t)cap_max_bits(); c++)
		if (!(sys_time && c == CAP_SYS_TIME) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0))
			return sb_syserr("cannot drop capability %d from the bounding set", c);
	return 0;
}

int sb_become_app_user(uid_t uid, gid_t gid, int dumpable, int sys_time)
{
	cap_t empty __attribute__((cleanup(cap_freep))) = NULL;

	if (uid == 0 || gid == 0) {
		sb_error("refusing to run an app as root (uid %u, gid %u)", (unsigned)uid,
			 (unsigned)gid);
		return -EPERM;
	}
	/* Fail closed if the caller skipped sb_drop_bounding_set: one read. */
	if (prctl(PR_CAPBSET_READ, CAP_SETPCAP, 0, 0, 0) != 0) {
		sb_error("the bounding set was not dropped before becoming the app's user");
		return -EPERM;
	}
	/* One call (libcap's cap_reset_ambient first probes every capability). */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0))
		return sb_syserr("cannot clear the ambient capabilities");
	if (setgroups(0, NULL))
		return sb_syserr("cannot drop the supplementary groups");
	if (sys_time && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return sb_syserr("cannot set keep-capabilities");
	if (setresgid(gid, gid, gid))
		return sb_syserr("cannot become group %u", (unsigned)gid);
	if (setresuid(uid, uid, uid))
		return sb_syserr("cannot become user %u", (unsigned)uid);
	if (sys_time) {
		int ret = keep_sys_time();

		if (ret)
			return ret;
	} else {
		empty = cap_init();
		if (!empty || cap_set_proc(empty))
			return sb_syserr("cannot clear the capability sets");
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return sb_syserr("cannot set no_new_privs");
	if (!dumpable && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		return sb_syserr("cannot make the process non-dumpable");
	return 0;
}
