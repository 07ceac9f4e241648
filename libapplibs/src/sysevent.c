// SPDX-License-Identifier: MIT
/*
 * System event notifications and update deferral.
 * Not available yet: this needs the application manager's runtime channel,
 * which does not exist yet. Every call that would reach the system fails
 * with ENOSYS; nothing pretends to succeed.
 */
#include <stddef.h>

#include <applibs/sysevent.h>

#include "internal.h"

int SysEvent_Info_GetUpdateData(const SysEvent_Info *info, SysEvent_Info_UpdateData *update_info)
{
	(void)info;
	(void)update_info;
	return azs_fail(ENOSYS);
}

EventRegistration *SysEvent_RegisterForEventNotifications(EventLoop *el,
							  SysEvent_Events eventBitmask,
							  SysEvent_EventsCallback *callback,
							  void *context)
{
	(void)el;
	(void)eventBitmask;
	(void)callback;
	(void)context;
	errno = ENOSYS;
	return NULL;
}

int SysEvent_UnregisterForEventNotifications(EventRegistration *reg)
{
	(void)reg;
	return azs_fail(ENOSYS);
}

int SysEvent_DeferEvent(SysEvent_Events event, uint32_t requested_defer_time_in_minutes)
{
	(void)event;
	(void)requested_defer_time_in_minutes;
	return azs_fail(ENOSYS);
}

int SysEvent_ResumeEvent(SysEvent_Events event)
{
	(void)event;
	return azs_fail(ENOSYS);
}
