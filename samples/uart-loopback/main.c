// SPDX-License-Identifier: MIT
/*
 * UART loopback: opens ISU0 as a UART (115200 8N1), sends a message and
 * waits (EventLoop, up to 5 s) until it has read the same bytes back; with
 * TX wired to RX the message comes back whole. Exit 0 when it matched.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "applibs_versions.h"
#include <applibs/eventloop.h>
#include <applibs/log.h>
#include <applibs/uart.h>

#include <hw/mt3620_rdb.h>

static const char message[] = "Hello from the UART sample";
static char received[sizeof(message)];
static size_t received_len;

static void uart_ready(EventLoop *el, int fd, EventLoop_IoEvents events, void *context)
{
	ssize_t n;

	(void)events;
	(void)context;
	n = read(fd, received + received_len, sizeof(message) - 1 - received_len);
	if (n > 0)
		received_len += (size_t)n;
	if (received_len == sizeof(message) - 1)
		EventLoop_Stop(el);
}

int main(void)
{
	UART_Config config;
	EventLoop *el;
	ssize_t n;
	int fd;

	UART_InitConfig(&config);
	config.baudRate = 115200;
	config.flowControl = UART_FlowControl_None;
	fd = UART_Open(MT3620_RDB_HEADER2_ISU0_UART, &config);
	if (fd < 0) {
		Log_Debug("ERROR: UART_Open: %s (%d)\n", strerror(errno), errno);
		return 2;
	}
	el = EventLoop_Create();
	if (!el || !EventLoop_RegisterIo(el, fd, EventLoop_Input, uart_ready, NULL)) {
		Log_Debug("ERROR: event loop: %s (%d)\n", strerror(errno), errno);
		return 3;
	}
	n = write(fd, message, sizeof(message) - 1);
	if (n != (ssize_t)sizeof(message) - 1) {
		Log_Debug("ERROR: UART write: %s (%d)\n", strerror(errno), errno);
		return 4;
	}
	Log_Debug("UART sent %zd bytes: '%s'\n", n, message);
	if (EventLoop_Run(el, 5000, false) == EventLoop_Run_Failed) {
		Log_Debug("ERROR: EventLoop_Run: %s (%d)\n", strerror(errno), errno);
		return 5;
	}
	received[received_len] = '\0';
	Log_Debug("UART received %zu bytes: '%s'\n", received_len, received);
	EventLoop_Close(el);
	close(fd);
	return strcmp(received, message) == 0 ? 0 : 1;
}
