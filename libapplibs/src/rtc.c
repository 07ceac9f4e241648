// SPDX-License-Identifier: MIT
/*
 * The hardware real-time clock.
 * Not available yet: this needs the application manager's runtime channel,
 * which does not exist yet. Every call that would reach the system fails
 * with ENOSYS; nothing pretends to succeed.
 */

#include <applibs/rtc.h>

#include "internal.h"

int clock_systohc(void)
{
	return azs_fail(ENOSYS);
}
