// SPDX-License-Identifier: MIT
/*
 * EventLoop over epoll. The wait descriptor is the epoll fd; an eventfd
 * registered in it wakes a running loop when EventLoop_Stop is called.
 * Registrations removed while callbacks run are freed after the batch, so
 * a callback may unregister anything, including itself.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>

#include <applibs/eventloop.h>

#include "internal.h"

#define EVENTLOOP_BATCH 16
#define EVENTLOOP_VALID (EventLoop_Input | EventLoop_Output | EventLoop_Error)

struct EventRegistration {
	EventLoop *el;
	int fd;
	EventLoopIoCallback *callback;
	void *context;
	bool dead;
	struct EventRegistration *next;
};

struct EventLoop {
	int epfd;
	int stopfd;
	bool running;
	bool stop;
	struct EventRegistration *regs;
};

/* The epoll data of the stop eventfd: never a registration's address. */
#define STOP_TOKEN NULL

EventLoop *EventLoop_Create(void)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = STOP_TOKEN};
	EventLoop *el = calloc(1, sizeof(*el));

	if (!el)
		return NULL;
	el->epfd = epoll_create1(EPOLL_CLOEXEC);
	el->stopfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (el->epfd < 0 || el->stopfd < 0 ||
	    epoll_ctl(el->epfd, EPOLL_CTL_ADD, el->stopfd, &ev) != 0) {
		int err = errno;

		if (el->epfd >= 0)
			close(el->epfd);
		if (el->stopfd >= 0)
			close(el->stopfd);
		free(el);
		errno = err;
		return NULL;
	}
	return el;
}

static void free_dead(EventLoop *el)
{
	struct EventRegistration **pp = &el->regs;

	while (*pp) {
		struct EventRegistration *r = *pp;

		if (r->dead) {
			*pp = r->next;
			free(r);
		} else {
			pp = &r->next;
		}
	}
}

void EventLoop_Close(EventLoop *el)
{
	if (!el)
		return;
	for (struct EventRegistration *r = el->regs; r; r = r->next)
		r->dead = true;
	free_dead(el);
	close(el->stopfd);
	close(el->epfd);
	free(el);
}

int EventLoop_GetWaitDescriptor(EventLoop *el)
{
	if (!el)
		return azs_fail(EFAULT);
	return el->epfd;
}

int EventLoop_Stop(EventLoop *el)
{
	uint64_t one = 1;

	if (!el)
		return azs_fail(EFAULT);
	el->stop = true;
	if (write(el->stopfd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		return -1;
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void drain_stop(EventLoop *el)
{
	uint64_t v;

	while (read(el->stopfd, &v, sizeof(v)) > 0)
		;
}

EventLoop_Run_Result EventLoop_Run(EventLoop *el, int duration_in_milliseconds,
				   bool process_one_event)
{
	struct epoll_event evs[EVENTLOOP_BATCH];
	bool processed = false;
	int64_t deadline = now_ms() + duration_in_milliseconds;
	int timeout = duration_in_milliseconds < 0 ? -1 : duration_in_milliseconds;

	if (!el)
		return azs_fail(EFAULT);
	if (el->running)
		return azs_fail(EBUSY);
	el->running = true;
	el->stop = false;
	drain_stop(el);
	for (;;) {
		int n = epoll_wait(el->epfd, evs, process_one_event ? 1 : EVENTLOOP_BATCH, timeout);

		if (n < 0) {
			el->running = false;
			return -1; /* EINTR: a signal arrived */
		}
		if (n == 0)
			break; /* the duration has passed */
		for (int i = 0; i < n; i++) {
			struct EventRegistration *r = evs[i].data.ptr;
			EventLoop_IoEvents e;

			if (r == STOP_TOKEN) {
				drain_stop(el);
				continue;
			}
			if (r->dead)
				continue;
			e = evs[i].events & EVENTLOOP_VALID;
			if (evs[i].events & EPOLLHUP)
				e |= EventLoop_Input;
			r->callback(el, r->fd, e, r->context);
			processed = true;
		}
		free_dead(el);
		if (el->stop || (process_one_event && processed))
			break;
		/* A finite duration is a deadline for the whole run. */
		if (timeout >= 0) {
			int64_t left = deadline - now_ms();

			if (left <= 0)
				break;
			timeout = (int)left;
		}
	}
	el->running = false;
	el->stop = false;
	return processed ? EventLoop_Run_Finished : EventLoop_Run_FinishedEmpty;
}

EventRegistration *EventLoop_RegisterIo(EventLoop *el, int fd, EventLoop_IoEvents eventBitmask,
					EventLoopIoCallback *callback, void *context)
{
	struct EventRegistration *r;
	struct epoll_event ev;

	if (!el || !callback) {
		errno = EFAULT;
		return NULL;
	}
	if (eventBitmask & ~(EventLoop_IoEvents)EVENTLOOP_VALID) {
		errno = EINVAL;
		return NULL;
	}
	if (fd < 0) {
		errno = EBADF;
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	*r = (struct EventRegistration){el, fd, callback, context, false, el->regs};
	ev.events = eventBitmask;
	ev.data.ptr = r;
	if (epoll_ctl(el->epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
		int err = errno;

		free(r);
		errno = err; /* EEXIST, EBADF, EPERM */
		return NULL;
	}
	el->regs = r;
	return r;
}

int EventLoop_ModifyIoEvents(EventLoop *el, EventRegistration *reg, EventLoop_IoEvents eventBitmask)
{
	struct epoll_event ev = {.events = eventBitmask, .data.ptr = reg};

	if (!el || !reg)
		return azs_fail(EFAULT);
	if (reg->el != el || reg->dead)
		return azs_fail(EINVAL);
	if (eventBitmask & ~(EventLoop_IoEvents)EVENTLOOP_VALID)
		return azs_fail(EINVAL);
	return epoll_ctl(el->epfd, EPOLL_CTL_MOD, reg->fd, &ev) == 0 ? 0 : -1;
}

int EventLoop_UnregisterIo(EventLoop *el, EventRegistration *reg)
{
	if (!el || !reg)
		return azs_fail(EFAULT);
	if (reg->el != el || reg->dead)
		return azs_fail(EINVAL);
	/* The fd may have been closed already: epoll forgot it then. */
	epoll_ctl(el->epfd, EPOLL_CTL_DEL, reg->fd, NULL);
	reg->dead = true;
	if (!el->running)
		free_dead(el);
	return 0;
}
