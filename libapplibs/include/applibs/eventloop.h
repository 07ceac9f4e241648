/* SPDX-License-Identifier: MIT */
/*
 * applibs event loop: dispatch I/O readiness of file descriptors to
 * callbacks. One EventLoop is used by one thread.
 */
#ifndef APPLIBS_EVENTLOOP_H
#define APPLIBS_EVENTLOOP_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct EventLoop EventLoop;
typedef struct EventRegistration EventRegistration;

typedef int EventLoop_Run_Result;
enum {
	EventLoop_Run_Failed = -1,
	EventLoop_Run_FinishedEmpty = 0,
	EventLoop_Run_Finished = 1,
};

typedef uint32_t EventLoop_IoEvents;
enum {
	EventLoop_None = 0x00,
	EventLoop_Input = 0x01,
	EventLoop_Output = 0x04,
	EventLoop_Error = 0x08,
};

typedef void EventLoopIoCallback(EventLoop *el, int fd, EventLoop_IoEvents events, void *context);

EventLoop *EventLoop_Create(void);
void EventLoop_Close(EventLoop *el);
EventLoop_Run_Result EventLoop_Run(EventLoop *el, int duration_in_milliseconds,
				   bool process_one_event);
int EventLoop_Stop(EventLoop *el);
int EventLoop_GetWaitDescriptor(EventLoop *el);
EventRegistration *EventLoop_RegisterIo(EventLoop *el, int fd, EventLoop_IoEvents eventBitmask,
					EventLoopIoCallback *callback, void *context);
int EventLoop_ModifyIoEvents(EventLoop *el, EventRegistration *reg,
			     EventLoop_IoEvents eventBitmask);
int EventLoop_UnregisterIo(EventLoop *el, EventRegistration *reg);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_EVENTLOOP_H */
