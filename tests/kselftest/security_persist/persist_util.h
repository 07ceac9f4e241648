/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * What the security_persist collection's tests share: the boot they are in
 * (AZS_PHASE, set by the suite), and the security driver's calls they read
 * the flash-backed state with (the monitor's: the stand-in's flash, or the
 * ARMv7 Secure World firmware's).
 */
#ifndef AZS_KSFT_PERSIST_UTIL_H
#define AZS_KSFT_PERSIST_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include <azsphere/security.h>

static inline int phase(void)
{
	const char *p = getenv("AZS_PHASE");

	return p ? atoi(p) : 0;
}

static inline int sec_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) == 0 ? 0 : -errno;
}

static inline uint32_t get_mfg(int fd)
{
	struct azs_sec_mfg_state m = {.size = sizeof(m)};

	return sec_ioctl(fd, AZS_SEC_IOC_GET_MFG_STATE, &m) ? 0xffffffff : m.state;
}

static inline uint64_t get_counter(int fd)
{
	struct azs_sec_update_counter c = {.size = sizeof(c)};

	return sec_ioctl(fd, AZS_SEC_IOC_UPDATE_COUNTER, &c) ? ~0ull : c.counter;
}

static inline int advance(int fd, uint64_t value)
{
	struct azs_sec_update_counter c = {
		.size = sizeof(c), .flags = AZS_SEC_COUNTER_ADVANCE, .counter = value};

	return sec_ioctl(fd, AZS_SEC_IOC_UPDATE_COUNTER, &c);
}

/* The device ID as 128 hex digits ("" if the call fails). */
static inline void device_id_hex(int fd, char out[129])
{
	struct azs_sec_device_id d = {.size = sizeof(d)};

	out[0] = '\0';
	if (sec_ioctl(fd, AZS_SEC_IOC_GET_DEVICE_ID, &d))
		return;
	for (int i = 0; i < 64; i++)
		snprintf(out + 2 * i, 3, "%02x", d.id[i]);
}

#endif /* AZS_KSFT_PERSIST_UTIL_H */
