/* SPDX-License-Identifier: MIT */
/*
 * Timers for sample apps: a timerfd registered with an applibs EventLoop.
 * The handler must call ConsumeEventLoopTimerEvent() first.
 */
#ifndef SAMPLES_EVENTLOOP_TIMER_UTILITIES_H
#define SAMPLES_EVENTLOOP_TIMER_UTILITIES_H

#include <time.h>

#include <applibs/eventloop.h>

typedef struct EventLoopTimer EventLoopTimer;
typedef void (*EventLoopTimerHandler)(EventLoopTimer *timer);

/* A timer firing every *period (first after one period), or NULL and errno. */
EventLoopTimer *CreateEventLoopPeriodicTimer(EventLoop *el, EventLoopTimerHandler handler,
					     const struct timespec *period);
/* A timer that fires once, when armed with SetEventLoopTimerOneShot. */
EventLoopTimer *CreateEventLoopDisarmedTimer(EventLoop *el, EventLoopTimerHandler handler);
/* Change a timer's period (it next fires one new period from now). 0 or -1. */
int SetEventLoopTimerPeriod(EventLoopTimer *timer, const struct timespec *period);
int SetEventLoopTimerOneShot(EventLoopTimer *timer, const struct timespec *delay);
int DisarmEventLoopTimer(EventLoopTimer *timer);
/* Acknowledge the expiry in the handler. 0 or -1. */
int ConsumeEventLoopTimerEvent(EventLoopTimer *timer);
void DisposeEventLoopTimer(EventLoopTimer *timer);

#endif /* SAMPLES_EVENTLOOP_TIMER_UTILITIES_H */
