// SPDX-License-Identifier: MIT
/*
 * System event notifications (capability SystemEventNotifications) and
 * update deferral (SoftwareUpdateDeferral), over the runtime channel: the
 * runtime sends the events the app subscribed to; the channel's descriptor
 * is registered in the app's EventLoop, whose callback hands each event to
 * the app's callback. One registration per app. Deferring or resuming is
 * possible only while the runtime has an update pending (else EINVAL).
 */
#include <stddef.h>
#include <string.h>

#include <applibs/sysevent.h>

#include "internal.h"
#include "runtime_client.h"

struct SysEvent_Info {
	SysEvent_Events event;
	SysEvent_Info_UpdateData update;
};

static struct {
	EventLoop *el;
	EventRegistration *reg;
	SysEvent_EventsCallback *callback;
	void *context;
} sub;

static void deliver(EventLoop *el, int fd, EventLoop_IoEvents events, void *context)
{
	struct azs_rt_sysevent ev;

	(void)el;
	(void)fd;
	(void)events;
	(void)context;
	while (sub.callback && azs_rt_next_event(&ev) == 1) {
		struct SysEvent_Info info = {
			.event = ev.event,
			.update = {.max_deferral_time_in_minutes = ev.max_deferral_minutes,
				   .update_type = ev.update_type},
		};

		sub.callback(ev.event, ev.status, &info, sub.context);
	}
}

int SysEvent_Info_GetUpdateData(const SysEvent_Info *info, SysEvent_Info_UpdateData *update_info)
{
	if (!info || !update_info)
		return azs_fail(EFAULT);
	if (!(info->event &
	      (SysEvent_Events_UpdateReadyForInstall | SysEvent_Events_UpdateStarted)))
		return azs_fail(EINVAL);
	*update_info = info->update;
	return 0;
}

EventRegistration *SysEvent_RegisterForEventNotifications(EventLoop *el,
							  SysEvent_Events eventBitmask,
							  SysEvent_EventsCallback *callback,
							  void *context)
{
	struct azs_rt_u32 mask = {.value = eventBitmask};
	EventRegistration *reg;
	int fd;

	if (!el || !callback) {
		errno = EFAULT;
		return NULL;
	}
	if (!eventBitmask || (eventBitmask & ~(SysEvent_Events)SysEvent_Events_Mask)) {
		errno = EINVAL;
		return NULL;
	}
	if (sub.reg) {
		errno = EEXIST;
		return NULL;
	}
	fd = azs_rt_fd();
	if (fd < 0 || azs_rt_call(AZS_RT_OP_SYSEVENT_SUBSCRIBE, &mask, sizeof(mask), NULL, 0))
		return NULL;
	reg = EventLoop_RegisterIo(el, fd, EventLoop_Input, deliver, NULL);
	if (!reg) {
		int err = errno;
		struct azs_rt_u32 none = {0};

		azs_rt_call(AZS_RT_OP_SYSEVENT_SUBSCRIBE, &none, sizeof(none), NULL, 0);
		errno = err;
		return NULL;
	}
	sub.el = el;
	sub.reg = reg;
	sub.callback = callback;
	sub.context = context;
	return reg;
}

int SysEvent_UnregisterForEventNotifications(EventRegistration *reg)
{
	struct azs_rt_u32 none = {0};
	EventLoop *el = sub.el;

	if (!reg)
		return azs_fail(EFAULT);
	if (reg != sub.reg)
		return azs_fail(EINVAL);
	memset(&sub, 0, sizeof(sub));
	azs_rt_call(AZS_RT_OP_SYSEVENT_SUBSCRIBE, &none, sizeof(none), NULL, 0);
	return EventLoop_UnregisterIo(el, reg);
}

int SysEvent_DeferEvent(SysEvent_Events event, uint32_t requested_defer_time_in_minutes)
{
	struct azs_rt_defer d = {.event = event, .minutes = requested_defer_time_in_minutes};

	if (event != SysEvent_Events_UpdateReadyForInstall ||
	    requested_defer_time_in_minutes == 0 ||
	    requested_defer_time_in_minutes > AZS_RT_DEFER_MAX_MINUTES)
		return azs_fail(EINVAL);
	return azs_rt_call(AZS_RT_OP_SYSEVENT_DEFER, &d, sizeof(d), NULL, 0);
}

int SysEvent_ResumeEvent(SysEvent_Events event)
{
	struct azs_rt_u32 v = {.value = event};

	if (event != SysEvent_Events_UpdateReadyForInstall)
		return azs_fail(EINVAL);
	return azs_rt_call(AZS_RT_OP_SYSEVENT_RESUME, &v, sizeof(v), NULL, 0);
}
