// SPDX-License-Identifier: MIT
/*
 * The hardware real-time clock (capability SystemTime): the runtime writes
 * the system time to the device's RTC. EACCES without the capability, ENOENT
 * if the device has no RTC.
 */
#include <applibs/rtc.h>

#include "internal.h"
#include "runtime_client.h"

int clock_systohc(void)
{
	return azs_rt_call(AZS_RT_OP_RTC_SYSTOHC, NULL, 0, NULL, 0);
}
