/* SPDX-License-Identifier: MIT */
/* applibs RTC. Capability SystemTime. */
#ifndef APPLIBS_RTC_H
#define APPLIBS_RTC_H

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the system time (UTC) to the hardware RTC. 0, or -1 and errno. */
int clock_systohc(void);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_RTC_H */
