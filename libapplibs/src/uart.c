// SPDX-License-Identifier: MIT
/*
 * UART: ISU k as /dev/ttyISU<k> (UART_Id = k + 4), raw termios from the
 * UART_Config, non-blocking. The firewall checks open and every write.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>

#include <applibs/uart.h>

#include "internal.h"

#define UART_ID_ISU0 4

void z__UART_InitConfig(struct z__UART_Config_Base *uartConfig, uint32_t uartConfigStructVersion)
{
	struct z__UART_Config_v1 *c = (struct z__UART_Config_v1 *)uartConfig;

	/* The call has no error return: unknown versions and NULL are ignored. */
	if (!uartConfig || uartConfigStructVersion != 1)
		return;
	memset(c, 0, sizeof(*c));
	c->z__magicAndVersion = z__UART_CONFIG_MAGIC | 1;
	c->baudRate = 115200;
	c->blockingMode = UART_BlockingMode_NonBlocking;
	c->dataBits = UART_DataBits_Eight;
	c->parity = UART_Parity_None;
	c->stopBits = UART_StopBits_One;
	c->flowControl = UART_FlowControl_None;
}

speed_t azs_uart_speed(uint32_t baud)
{
	static const struct {
		uint32_t baud;
		speed_t speed;
	} rates[] = {
		{1200, B1200},       {1800, B1800},       {2400, B2400},       {4800, B4800},
		{9600, B9600},       {19200, B19200},     {38400, B38400},     {57600, B57600},
		{115200, B115200},   {230400, B230400},   {460800, B460800},   {500000, B500000},
		{576000, B576000},   {921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
		{1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000},
	};

	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		if (rates[i].baud == baud)
			return rates[i].speed;
	return 0;
}

int azs_uart_config_to_termios(const struct z__UART_Config_v1 *c, struct termios *t)
{
	speed_t speed;

	if (!c || !t)
		return azs_fail(EFAULT);
	if (!azs_struct_ok(c->z__magicAndVersion, z__UART_CONFIG_MAGIC, 1))
		return azs_fail(EINVAL);
	speed = azs_uart_speed(c->baudRate);
	if (!speed || c->blockingMode != UART_BlockingMode_NonBlocking ||
	    c->dataBits < UART_DataBits_Five || c->dataBits > UART_DataBits_Eight ||
	    c->parity > UART_Parity_Odd || c->stopBits < UART_StopBits_One ||
	    c->stopBits > UART_StopBits_Two || c->flowControl > UART_FlowControl_XONXOFF)
		return azs_fail(EINVAL);

	memset(t, 0, sizeof(*t));
	cfmakeraw(t);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS | CMSPAR);
	t->c_cflag |= CREAD | CLOCAL;
	switch (c->dataBits) {
	case UART_DataBits_Five:
		t->c_cflag |= CS5;
		break;
	case UART_DataBits_Six:
		t->c_cflag |= CS6;
		break;
	case UART_DataBits_Seven:
		t->c_cflag |= CS7;
		break;
	default:
		t->c_cflag |= CS8;
		break;
	}
	if (c->parity != UART_Parity_None) {
		t->c_cflag |= PARENB;
		t->c_iflag |= INPCK;
		if (c->parity == UART_Parity_Odd)
			t->c_cflag |= PARODD;
	}
	if (c->stopBits == UART_StopBits_Two)
		t->c_cflag |= CSTOPB;
	t->c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
	if (c->flowControl == UART_FlowControl_RTSCTS)
		t->c_cflag |= CRTSCTS;
	else if (c->flowControl == UART_FlowControl_XONXOFF)
		t->c_iflag |= IXON | IXOFF;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
	cfsetispeed(t, speed);
	cfsetospeed(t, speed);
	return 0;
}

int z__UART_Open(int uartId, const struct z__UART_Config_Base *uartConfig)
{
	AZS_CLEANUP_FD int fd = -1;
	struct termios t;
	char path[32];

	if (!uartConfig)
		return azs_fail(EFAULT);
	if (uartId < UART_ID_ISU0 || uartId >= UART_ID_ISU0 + AZS_MT3620_NUM_ISU)
		return azs_fail(ENODEV);
	if (azs_uart_config_to_termios((const struct z__UART_Config_v1 *)uartConfig, &t) != 0)
		return -1;
	snprintf(path, sizeof(path), "/dev/ttyISU%d", uartId - UART_ID_ISU0);
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		/* No node: not in the app's manifest, so not in its /dev. */
		return errno == ENOENT ? azs_fail(EACCES) : -1; /* EACCES: the firewall */
	if (azs_claim(fd) != 0)
		return -1;
	if (tcsetattr(fd, TCSANOW, &t) != 0 || tcflush(fd, TCIOFLUSH) != 0)
		return -1;
	return azs_take_fd(&fd);
}
