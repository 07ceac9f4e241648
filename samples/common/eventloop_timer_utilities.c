// SPDX-License-Identifier: MIT
/* Timers for sample apps (see eventloop_timer_utilities.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "eventloop_timer_utilities.h"

struct EventLoopTimer {
	EventLoop *el;
	EventLoopTimerHandler handler;
	int fd;
	EventRegistration *reg;
};

static void timer_ready(EventLoop *el, int fd, EventLoop_IoEvents events, void *context)
{
	EventLoopTimer *t = context;

	(void)el;
	(void)fd;
	(void)events;
	t->handler(t);
}

static EventLoopTimer *elt_create(EventLoop *el, EventLoopTimerHandler handler)
{
	EventLoopTimer *t;

	if (!el || !handler) {
		errno = EFAULT;
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->el = el;
	t->handler = handler;
	t->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (t->fd < 0) {
		free(t);
		return NULL;
	}
	t->reg = EventLoop_RegisterIo(el, t->fd, EventLoop_Input, timer_ready, t);
	if (!t->reg) {
		int err = errno;

		close(t->fd);
		free(t);
		errno = err;
		return NULL;
	}
	return t;
}

static int elt_arm(EventLoopTimer *t, const struct timespec *first, const struct timespec *every)
{
	struct itimerspec its = {0};

	if (!t || !first) {
		errno = EFAULT;
		return -1;
	}
	its.it_value = *first;
	if (every)
		its.it_interval = *every;
	return timerfd_settime(t->fd, 0, &its, NULL);
}

EventLoopTimer *CreateEventLoopPeriodicTimer(EventLoop *el, EventLoopTimerHandler handler,
					     const struct timespec *period)
{
	EventLoopTimer *t = elt_create(el, handler);

	if (t && elt_arm(t, period, period) != 0) {
		int err = errno;

		DisposeEventLoopTimer(t);
		errno = err;
		return NULL;
	}
	return t;
}

EventLoopTimer *CreateEventLoopDisarmedTimer(EventLoop *el, EventLoopTimerHandler handler)
{
	return elt_create(el, handler);
}

int SetEventLoopTimerPeriod(EventLoopTimer *timer, const struct timespec *period)
{
	return elt_arm(timer, period, period);
}

int SetEventLoopTimerOneShot(EventLoopTimer *timer, const struct timespec *delay)
{
	return elt_arm(timer, delay, NULL);
}

int DisarmEventLoopTimer(EventLoopTimer *timer)
{
	struct timespec zero = {0, 0};

	return elt_arm(timer, &zero, NULL);
}

int ConsumeEventLoopTimerEvent(EventLoopTimer *timer)
{
	uint64_t expirations;

	if (!timer) {
		errno = EFAULT;
		return -1;
	}
	if (read(timer->fd, &expirations, sizeof(expirations)) != sizeof(expirations))
		return -1;
	return 0;
}

void DisposeEventLoopTimer(EventLoopTimer *timer)
{
	if (!timer)
		return;
	EventLoop_UnregisterIo(timer->el, timer->reg);
	close(timer->fd);
	free(timer);
}
