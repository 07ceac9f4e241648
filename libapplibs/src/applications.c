// SPDX-License-Identifier: MIT
/*
 * Applications: the calling app's memory use in KiB. Total: everything its
 * cgroup is charged (memory.current, from the runtime: kernel memory
 * included, as the real platform counts); user mode and its peak: VmRSS and
 * VmHWM of /proc/self/status. The OS version is not available: ENOSYS.
 */
#include <fcntl.h>
#include <string.h>

#include <applibs/applications.h>

#include "internal.h"
#include "runtime_client.h"

static int status_kb(const char *key, size_t *kb)
{
	AZS_CLEANUP_FD int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	char buf[2048], *at;
	size_t klen = strlen(key);
	ssize_t n;

	if (fd < 0)
		return azs_fail(EAGAIN);
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return azs_fail(EAGAIN);
	buf[n] = '\0';
	for (at = buf; at && *at; at = strchr(at, '\n'), at = at ? at + 1 : NULL) {
		if (!strncmp(at, key, klen) && at[klen] == ':') {
			*kb = (size_t)strtoull(at + klen + 1, NULL, 10);
			return 0;
		}
	}
	return azs_fail(EAGAIN);
}

int z__Applications_GetMemoryInfo(uint32_t attribute, void *buf, size_t len)
{
	size_t kb;

	if (!buf)
		return azs_fail(EFAULT);
	if (len != sizeof(size_t))
		return azs_fail(EINVAL);
	switch (attribute) {
	case z__APPLICATIONS_MEMORY_TOTAL: {
		struct azs_rt_memory m;

		if (azs_rt_call(AZS_RT_OP_MEMORY, NULL, 0, &m, sizeof(m)))
			return azs_fail(EAGAIN);
		kb = m.total_kb;
		break;
	}
	case z__APPLICATIONS_MEMORY_USER_MODE:
		if (status_kb("VmRSS", &kb) != 0)
			return -1;
		break;
	case z__APPLICATIONS_MEMORY_PEAK_USER_MODE:
		if (status_kb("VmHWM", &kb) != 0)
			return -1;
		break;
	default:
		return azs_fail(EINVAL);
	}
	memcpy(buf, &kb, sizeof(kb));
	return 0;
}

int Applications_GetOsVersion(Applications_OsVersion *outVersion)
{
	if (!outVersion)
		return azs_fail(EFAULT);
	return azs_fail(ENOSYS);
}
