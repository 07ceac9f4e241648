// SPDX-License-Identifier: MIT
/*
 * Blink: LED1 red blinks; each press of button A cycles the blink interval
 * through 500, 250 and 125 ms. The LED toggles on a periodic timer and the
 * button is polled every 100 ms, both on an applibs EventLoop. SIGTERM ends
 * the app (logging its peak memory use).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <applibs/applications.h>
#include <applibs/eventloop.h>
#include <applibs/gpio.h>
#include <applibs/log.h>

#include "eventloop_timer_utilities.h"
#include <hw/mt3620_rdb.h>

enum exit_code {
	EXIT_OK = 0,
	EXIT_TERMINATED = 0,
	EXIT_LED_OPEN = 2,
	EXIT_BUTTON_OPEN = 3,
	EXIT_EVENTLOOP = 4,
	EXIT_TIMER = 5,
	EXIT_GPIO = 6,
};

static const struct timespec intervals[] = {
	{0, 500 * 1000 * 1000},
	{0, 250 * 1000 * 1000},
	{0, 125 * 1000 * 1000},
};
#define NUM_INTERVALS (sizeof(intervals) / sizeof(intervals[0]))

static volatile sig_atomic_t exit_code = -1;
static int led_fd = -1, button_fd = -1;
static GPIO_Value_Type led_state = GPIO_Value_High; /* off: LED1 is active low */
static GPIO_Value_Type button_state = GPIO_Value_High;
static unsigned int interval;
static EventLoopTimer *blink_timer, *button_timer;

static void on_sigterm(int sig)
{
	(void)sig;
	exit_code = EXIT_TERMINATED;
}

static void blink_tick(EventLoopTimer *t)
{
	if (ConsumeEventLoopTimerEvent(t) != 0) {
		exit_code = EXIT_TIMER;
		return;
	}
	led_state = led_state == GPIO_Value_High ? GPIO_Value_Low : GPIO_Value_High;
	if (GPIO_SetValue(led_fd, led_state) != 0) {
		Log_Debug("ERROR: GPIO_SetValue: %s (%d)\n", strerror(errno), errno);
		exit_code = EXIT_GPIO;
	}
}

static void button_tick(EventLoopTimer *t)
{
	GPIO_Value_Type v;

	if (ConsumeEventLoopTimerEvent(t) != 0) {
		exit_code = EXIT_TIMER;
		return;
	}
	if (GPIO_GetValue(button_fd, &v) != 0) {
		Log_Debug("ERROR: GPIO_GetValue: %s (%d)\n", strerror(errno), errno);
		exit_code = EXIT_GPIO;
		return;
	}
	/* A press pulls the line low. */
	if (v != button_state && v == GPIO_Value_Low) {
		interval = (interval + 1) % NUM_INTERVALS;
		SetEventLoopTimerPeriod(blink_timer, &intervals[interval]);
		Log_Debug("Blink interval: %ld ms\n", intervals[interval].tv_nsec / 1000000);
	}
	button_state = v;
}

int main(void)
{
	static const struct timespec button_poll = {0, 100 * 1000 * 1000};
	struct sigaction sa;
	EventLoop *el;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigterm;
	sigaction(SIGTERM, &sa, NULL);

	Log_Debug("Blink sample: press button A to change the blink rate\n");
	led_fd = GPIO_OpenAsOutput(MT3620_RDB_LED1_RED, GPIO_OutputMode_PushPull, GPIO_Value_High);
	if (led_fd < 0) {
		Log_Debug("ERROR: GPIO_OpenAsOutput(LED1 red): %s (%d)\n", strerror(errno), errno);
		return EXIT_LED_OPEN;
	}
	button_fd = GPIO_OpenAsInput(MT3620_RDB_BUTTON_A);
	if (button_fd < 0) {
		Log_Debug("ERROR: GPIO_OpenAsInput(button A): %s (%d)\n", strerror(errno), errno);
		return EXIT_BUTTON_OPEN;
	}
	el = EventLoop_Create();
	if (!el) {
		Log_Debug("ERROR: EventLoop_Create: %s (%d)\n", strerror(errno), errno);
		return EXIT_EVENTLOOP;
	}
	blink_timer = CreateEventLoopPeriodicTimer(el, blink_tick, &intervals[0]);
	button_timer = CreateEventLoopPeriodicTimer(el, button_tick, &button_poll);
	if (!blink_timer || !button_timer) {
		Log_Debug("ERROR: timer: %s (%d)\n", strerror(errno), errno);
		return EXIT_TIMER;
	}
	Log_Debug("Blink interval: %ld ms\n", intervals[0].tv_nsec / 1000000);

	while (exit_code < 0) {
		EventLoop_Run_Result r = EventLoop_Run(el, -1, true);

		if (r == EventLoop_Run_Failed && errno != EINTR) {
			Log_Debug("ERROR: EventLoop_Run: %s (%d)\n", strerror(errno), errno);
			exit_code = EXIT_EVENTLOOP;
		}
	}

	Log_Debug("Blink sample exiting; peak memory %zu KiB\n",
		  Applications_GetPeakUserModeMemoryUsageInKB());
	DisposeEventLoopTimer(blink_timer);
	DisposeEventLoopTimer(button_timer);
	EventLoop_Close(el);
	GPIO_SetValue(led_fd, GPIO_Value_High);
	close(led_fd);
	close(button_fd);
	return exit_code;
}
