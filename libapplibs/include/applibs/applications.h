/* SPDX-License-Identifier: MIT */
/* applibs applications: the calling app's memory use. */
#ifndef APPLIBS_APPLICATIONS_H
#define APPLIBS_APPLICATIONS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Attributes of z__Applications_GetMemoryInfo. */
#define z__APPLICATIONS_MEMORY_TOTAL          0u
#define z__APPLICATIONS_MEMORY_USER_MODE      1u
#define z__APPLICATIONS_MEMORY_PEAK_USER_MODE 2u

/* Writes the attribute (a size_t, in KiB) to buf. 0, or -1 and errno. */
int z__Applications_GetMemoryInfo(uint32_t attribute, void *buf, size_t len);

static inline size_t z__Applications_MemoryInKB(uint32_t attribute)
{
	size_t kb = 0;

	if (z__Applications_GetMemoryInfo(attribute, &kb, sizeof(kb)) != 0)
		return 0;
	return kb;
}

/* Each is in KiB; 0 and errno set on error. */
static inline size_t Applications_GetTotalMemoryUsageInKB(void)
{
	return z__Applications_MemoryInKB(z__APPLICATIONS_MEMORY_TOTAL);
}

static inline size_t Applications_GetUserModeMemoryUsageInKB(void)
{
	return z__Applications_MemoryInKB(z__APPLICATIONS_MEMORY_USER_MODE);
}

static inline size_t Applications_GetPeakUserModeMemoryUsageInKB(void)
{
	return z__Applications_MemoryInKB(z__APPLICATIONS_MEMORY_PEAK_USER_MODE);
}

typedef struct Applications_OsVersion {
	char version[16];
} Applications_OsVersion;

int Applications_GetOsVersion(Applications_OsVersion *outVersion);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_APPLICATIONS_H */
