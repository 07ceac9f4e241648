// SPDX-License-Identifier: MIT
/*
 * applibs on the host: the parts that need no device. Argument checks come
 * before any device is touched, so every errno here is the library's own:
 * versioned structs (wrong magic or version: EINVAL), UART_Config to termios,
 * the EventLoop, Log_Debug, image-package paths, networking.h's configuration
 * objects, and the areas that are not available yet (ENOSYS).
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <termios.h>
#include <unistd.h>

#include <applibs/adc.h>
#include <applibs/application.h>
#include <applibs/applications.h>
#include <applibs/certstore.h>
#include <applibs/eventloop.h>
#include <applibs/gpio.h>
#include <applibs/i2c.h>
#include <applibs/log.h>
#include <applibs/networking.h>
#include <applibs/powermanagement.h>
#include <applibs/pwm.h>
#include <applibs/rtc.h>
#include <applibs/spi.h>
#include <applibs/storage.h>
#include <applibs/sysevent.h>
#include <applibs/uart.h>
#include <applibs/wificonfig.h>

#include "internal.h"
#include "kselftest_harness.h"

#define EXPECT_ERR(err, expr)                                                                      \
	do {                                                                                       \
		errno = 0;                                                                         \
		EXPECT_EQ(-1, (long)(expr));                                                       \
		EXPECT_EQ((err), errno);                                                           \
	} while (0)

/* ---- Versioned structs ---- */

TEST(uart_init_config)
{
	UART_Config c;

	memset(&c, 0xa5, sizeof(c));
	UART_InitConfig(&c);
	EXPECT_EQ(0xde2a0001u, c.z__magicAndVersion);
	EXPECT_EQ(115200u, c.baudRate);
	EXPECT_EQ(UART_BlockingMode_NonBlocking, c.blockingMode);
	EXPECT_EQ(UART_DataBits_Eight, c.dataBits);
	EXPECT_EQ(UART_Parity_None, c.parity);
	EXPECT_EQ(UART_StopBits_One, c.stopBits);
	EXPECT_EQ(UART_FlowControl_None, c.flowControl);
	/* An unknown version is left alone (the call cannot fail). */
	memset(&c, 0xa5, sizeof(c));
	z__UART_InitConfig((struct z__UART_Config_Base *)&c, 2);
	EXPECT_EQ(0xa5a5a5a5u, c.z__magicAndVersion);
	EXPECT_EQ(16u, sizeof(UART_Config));
	EXPECT_EQ(4u, offsetof(UART_Config, baudRate));
	EXPECT_EQ(8u, offsetof(UART_Config, blockingMode));
	EXPECT_EQ(12u, offsetof(UART_Config, flowControl));
}

TEST(uart_open_checks_config_first)
{
	UART_Config c;

	UART_InitConfig(&c);
	EXPECT_ERR(EFAULT, UART_Open(4, NULL));
	EXPECT_ERR(ENODEV, UART_Open(3, &c));
	EXPECT_ERR(ENODEV, UART_Open(9, &c));
	c.z__magicAndVersion = 0xde2b0001u;
	EXPECT_ERR(EINVAL, UART_Open(4, &c));
	c.z__magicAndVersion = 0xde2a0002u;
	EXPECT_ERR(EINVAL, UART_Open(4, &c));
	c.z__magicAndVersion = 0xde2a0000u;
	EXPECT_ERR(EINVAL, UART_Open(4, &c));
}

TEST(spi_structs)
{
	SPIMaster_Transfer t[4];
	SPIMaster_Config c;

	memset(&c, 0xa5, sizeof(c));
	ASSERT_EQ(0, SPIMaster_InitConfig(&c));
	EXPECT_EQ(0x45170001u, c.z__magicAndVersion);
	EXPECT_EQ(SPI_ChipSelectPolarity_ActiveLow, c.csPolarity);
	EXPECT_ERR(EFAULT, SPIMaster_InitConfig(NULL));
	EXPECT_ERR(EINVAL, z__SPIMaster_InitConfig((struct z__SPIMaster_Config_Base *)&c, 2));
	memset(t, 0xa5, sizeof(t));
	ASSERT_EQ(0, SPIMaster_InitTransfers(t, 4));
	for (int i = 0; i < 4; i++) {
		EXPECT_EQ(0x22130001u, t[i].z__magicAndVersion);
		EXPECT_EQ(SPI_TransferFlags_None, t[i].flags);
		EXPECT_EQ(NULL, t[i].writeData);
		EXPECT_EQ(NULL, t[i].readData);
		EXPECT_EQ(0u, t[i].length);
	}
	EXPECT_ERR(EFAULT, SPIMaster_InitTransfers(NULL, 1));
	EXPECT_ERR(EINVAL,
		   z__SPIMaster_InitTransfers((struct z__SPIMaster_Transfer_Base *)t, 1, 0));
	EXPECT_EQ(32u, sizeof(SPIMaster_Transfer));
	EXPECT_EQ(8u, offsetof(SPIMaster_Transfer, writeData));
	EXPECT_EQ(24u, offsetof(SPIMaster_Transfer, length));
}

TEST(spi_open_checks_config_first)
{
	SPIMaster_Config c;

	SPIMaster_InitConfig(&c);
	EXPECT_ERR(EFAULT, SPIMaster_Open(1, -1, NULL));
	EXPECT_ERR(ENODEV, SPIMaster_Open(5, -1, &c));
	EXPECT_ERR(ENODEV, SPIMaster_Open(-1, -1, &c));
	EXPECT_ERR(EINVAL, SPIMaster_Open(1, 0, &c));
	EXPECT_ERR(EINVAL, SPIMaster_Open(1, -3, &c));
	c.csPolarity = SPI_ChipSelectPolarity_Invalid;
	EXPECT_ERR(EINVAL, SPIMaster_Open(1, -1, &c));
	SPIMaster_InitConfig(&c);
	c.z__magicAndVersion = 0x45180001u;
	EXPECT_ERR(EINVAL, SPIMaster_Open(1, -1, &c));
}

TEST(spi_transfer_checks)
{
	static SPIMaster_Transfer many[SPI_MASTER_MAX_TRANSFERS + 1];
	uint8_t b[4] = {0};
	SPIMaster_Transfer t[2];

	SPIMaster_InitTransfers(t, 2);
	t[0].flags = SPI_TransferFlags_Write;
	t[0].writeData = b;
	t[0].length = 1;
	t[1].flags = SPI_TransferFlags_Read;
	t[1].readData = b;
	t[1].length = 1;
	/* Valid transfers reach the fd. */
	EXPECT_ERR(EBADF, SPIMaster_TransferSequential(-1, t, 2));
	EXPECT_ERR(EFAULT, SPIMaster_TransferSequential(-1, NULL, 1));
	EXPECT_ERR(EINVAL, SPIMaster_TransferSequential(-1, t, 0));
	SPIMaster_InitTransfers(many, SPI_MASTER_MAX_TRANSFERS + 1);
	EXPECT_ERR(EINVAL, SPIMaster_TransferSequential(-1, many, SPI_MASTER_MAX_TRANSFERS + 1));
	EXPECT_ERR(EINVAL, z__SPIMaster_TransferSequential(
				   -1, (const struct z__SPIMaster_Transfer_Base *)t, 2, 2));
	t[1].z__magicAndVersion = 0x22130002u;
	EXPECT_ERR(EINVAL, SPIMaster_TransferSequential(-1, t, 2));
	t[1].z__magicAndVersion = 0x22130001u;
	t[1].length = 0;
	EXPECT_ERR(EINVAL, SPIMaster_TransferSequential(-1, t, 2));
	t[1].length = 1;
	t[1].readData = NULL;
	EXPECT_ERR(EFAULT, SPIMaster_TransferSequential(-1, t, 2));
	t[1].readData = b;
	t[1].flags = SPI_TransferFlags_None;
	EXPECT_ERR(EINVAL, SPIMaster_TransferSequential(-1, t, 2));
	t[1].flags = 4;
	EXPECT_ERR(EINVAL, SPIMaster_TransferSequential(-1, t, 2));
	EXPECT_ERR(EFAULT, SPIMaster_WriteThenRead(-1, NULL, 1, b, 1));
	EXPECT_ERR(EFAULT, SPIMaster_WriteThenRead(-1, b, 1, NULL, 1));
	EXPECT_ERR(EINVAL, SPIMaster_WriteThenRead(-1, b, 0, b, 1));
	EXPECT_ERR(EINVAL, SPIMaster_WriteThenRead(-1, b, 1, b, 0));
	EXPECT_ERR(EBADF, SPIMaster_WriteThenRead(-1, b, 1, b, 1));
	EXPECT_ERR(EBADF, SPIMaster_SetMode(-1, SPI_Mode_0));
	EXPECT_ERR(EBADF, SPIMaster_SetBitOrder(-1, SPI_BitOrder_MsbFirst));
	EXPECT_ERR(EBADF, SPIMaster_SetBusSpeed(-1, 1000000));
}

/* ---- UART_Config to termios ---- */

static void config(UART_Config *c, uint32_t baud, uint8_t bits, uint8_t parity, uint8_t stop,
		   uint8_t flow)
{
	UART_InitConfig(c);
	c->baudRate = baud;
	c->dataBits = bits;
	c->parity = parity;
	c->stopBits = stop;
	c->flowControl = flow;
}

TEST(uart_termios_default)
{
	struct termios t;
	UART_Config c;

	UART_InitConfig(&c);
	ASSERT_EQ(0, azs_uart_config_to_termios(&c, &t));
	EXPECT_EQ((tcflag_t)CS8, t.c_cflag & CSIZE);
	EXPECT_EQ(0u, t.c_cflag & (PARENB | PARODD | CSTOPB | CRTSCTS));
	EXPECT_EQ((tcflag_t)(CREAD | CLOCAL), t.c_cflag & (CREAD | CLOCAL));
	EXPECT_EQ(0u, t.c_iflag & (IXON | IXOFF | ICRNL | INLCR | ISTRIP));
	EXPECT_EQ(0u, t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN));
	EXPECT_EQ(0u, t.c_oflag & OPOST);
	EXPECT_EQ((speed_t)B115200, cfgetospeed(&t));
	EXPECT_EQ((speed_t)B115200, cfgetispeed(&t));
}

TEST(uart_termios_settings)
{
	struct termios t;
	UART_Config c;

	config(&c, 9600, UART_DataBits_Seven, UART_Parity_Even, UART_StopBits_Two,
	       UART_FlowControl_RTSCTS);
	ASSERT_EQ(0, azs_uart_config_to_termios(&c, &t));
	EXPECT_EQ((tcflag_t)CS7, t.c_cflag & CSIZE);
	EXPECT_EQ((tcflag_t)PARENB, t.c_cflag & (PARENB | PARODD));
	EXPECT_TRUE(t.c_cflag & CSTOPB);
	EXPECT_TRUE(t.c_cflag & CRTSCTS);
	EXPECT_EQ(0u, t.c_iflag & (IXON | IXOFF));
	EXPECT_EQ((speed_t)B9600, cfgetospeed(&t));

	config(&c, 3000000, UART_DataBits_Five, UART_Parity_Odd, UART_StopBits_One,
	       UART_FlowControl_XONXOFF);
	ASSERT_EQ(0, azs_uart_config_to_termios(&c, &t));
	EXPECT_EQ((tcflag_t)CS5, t.c_cflag & CSIZE);
	EXPECT_EQ((tcflag_t)(PARENB | PARODD), t.c_cflag & (PARENB | PARODD));
	EXPECT_FALSE(t.c_cflag & CSTOPB);
	EXPECT_FALSE(t.c_cflag & CRTSCTS);
	EXPECT_EQ((tcflag_t)(IXON | IXOFF), t.c_iflag & (IXON | IXOFF));
	EXPECT_EQ((speed_t)B3000000, cfgetospeed(&t));

	config(&c, 1200, UART_DataBits_Six, UART_Parity_None, UART_StopBits_One,
	       UART_FlowControl_None);
	ASSERT_EQ(0, azs_uart_config_to_termios(&c, &t));
	EXPECT_EQ((tcflag_t)CS6, t.c_cflag & CSIZE);
	EXPECT_EQ((speed_t)B1200, cfgetospeed(&t));
}

TEST(uart_termios_rates)
{
	static const uint32_t ok[] = {1200,    1800,    2400,    4800,    9600,    19200,  38400,
				      57600,   115200,  230400,  460800,  500000,  576000, 921600,
				      1000000, 1152000, 1500000, 2000000, 2500000, 3000000};
	static const uint32_t bad[] = {0, 50, 300, 600, 12345, 3500000, 4000000, UINT32_MAX};
	struct termios t;
	UART_Config c;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		config(&c, ok[i], 8, 0, 1, 0);
		EXPECT_EQ(0, azs_uart_config_to_termios(&c, &t)) TH_LOG("%u baud", ok[i]);
		EXPECT_EQ(azs_uart_speed(ok[i]), cfgetospeed(&t));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		config(&c, bad[i], 8, 0, 1, 0);
		EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	}
}

TEST(uart_termios_invalid)
{
	struct termios t;
	UART_Config c;

	config(&c, 115200, 4, 0, 1, 0);
	EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	config(&c, 115200, 9, 0, 1, 0);
	EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	config(&c, 115200, 8, 3, 1, 0);
	EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	config(&c, 115200, 8, 0, 0, 0);
	EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	config(&c, 115200, 8, 0, 3, 0);
	EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	config(&c, 115200, 8, 0, 1, 3);
	EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	config(&c, 115200, 8, 0, 1, 0);
	c.blockingMode = 1;
	EXPECT_ERR(EINVAL, azs_uart_config_to_termios(&c, &t));
	EXPECT_ERR(EFAULT, azs_uart_config_to_termios(NULL, &t));
}

/* ---- Peripheral argument checks ---- */

TEST(gpio_checks)
{
	GPIO_Value_Type v;

	EXPECT_ERR(ENODEV, GPIO_OpenAsInput(-1));
	EXPECT_ERR(ENODEV, GPIO_OpenAsInput(24));
	EXPECT_ERR(ENODEV, GPIO_OpenAsInput(25));
	EXPECT_ERR(ENODEV, GPIO_OpenAsInput(49));
	EXPECT_ERR(ENODEV, GPIO_OpenAsInput(79));
	EXPECT_ERR(ENODEV, GPIO_OpenAsInput(81));
	EXPECT_ERR(ENODEV, GPIO_OpenAsOutput(55, GPIO_OutputMode_PushPull, GPIO_Value_Low));
	EXPECT_ERR(EINVAL, GPIO_OpenAsOutput(8, 3, GPIO_Value_Low));
	EXPECT_ERR(EINVAL, GPIO_OpenAsOutput(8, GPIO_OutputMode_OpenDrain, 2));
	EXPECT_ERR(EFAULT, GPIO_GetValue(0, NULL));
	EXPECT_ERR(EBADF, GPIO_GetValue(-1, &v));
	EXPECT_ERR(EBADF, GPIO_SetValue(-1, GPIO_Value_High));
	EXPECT_ERR(EINVAL, GPIO_SetValue(0, 2));
	for (int i = 0; i <= 80; i++)
		EXPECT_EQ((i <= 23) || (i >= 26 && i <= 48) || (i >= 56 && i <= 75) || i == 80,
			  azs_gpio_id_valid(i));
}

TEST(i2c_checks)
{
	uint8_t b = 0;

	EXPECT_ERR(ENODEV, I2CMaster_Open(-1));
	EXPECT_ERR(ENODEV, I2CMaster_Open(5));
	EXPECT_ERR(EBADF, I2CMaster_SetBusSpeed(-1, I2C_BUS_SPEED_STANDARD));
	EXPECT_ERR(EBADF, I2CMaster_SetTimeout(-1, 10));
	EXPECT_ERR(EBADF, I2CMaster_SetDefaultTargetAddress(-1, 0x6a));
	EXPECT_ERR(EBADF, I2CMaster_Read(-1, 0x6a, &b, 1));
	EXPECT_ERR(EFAULT, I2CMaster_Read(0, 0x6a, NULL, 1));
	EXPECT_ERR(EFAULT, I2CMaster_Write(0, 0x6a, NULL, 1));
	EXPECT_ERR(EFAULT, I2CMaster_WriteThenRead(0, 0x6a, &b, 1, NULL, 1));
	EXPECT_ERR(EINVAL, I2CMaster_Write(0, 0x80, &b, 1));
	EXPECT_ERR(EINVAL, I2CMaster_Read(0, 0x6a, &b, 8193));
	/* Not an I2C adapter. */
	EXPECT_ERR(EBADF, I2CMaster_SetBusSpeed(STDIN_FILENO, I2C_BUS_SPEED_STANDARD));
}

TEST(pwm_adc_checks)
{
	PwmState s = {.period_nsec = 1000, .dutyCycle_nsec = 0};
	uint32_t v;

	EXPECT_ERR(ENODEV, PWM_Open(3));
	EXPECT_ERR(EBADF, PWM_Apply(-1, 0, &s));
	EXPECT_ERR(ENODEV, ADC_Open(1));
	EXPECT_ERR(EFAULT, ADC_Poll(-1, 0, NULL));
	EXPECT_ERR(EBADF, ADC_Poll(-1, 0, &v));
	EXPECT_ERR(EBADF, ADC_GetSampleBitCount(-1, 0));
	EXPECT_ERR(EBADF, ADC_SetReferenceVoltage(-1, 0, 2.5f));
	EXPECT_ERR(EBADF, ADC_Poll(-1, 8, &v)); /* the fd is judged first */
}

/*
 * ADC_Poll and SPIMaster_TransferSequential check their fd by using it (no
 * second call per sample or transfer): an open fd that is no ADC directory
 * or spidev is still EBADF, and the channel's range still EINVAL.
 */
TEST(adc_spi_fd_checked_by_use)
{
	uint8_t b[1] = {0};
	SPIMaster_Transfer t[1];
	char dir[] = "/tmp/azs-adc-XXXXXX";
	int file = open("/dev/null", O_RDWR | O_CLOEXEC), d;
	uint32_t v = 7;

	ASSERT_GE(file, 0);
	ASSERT_NE(NULL, mkdtemp(dir));
	d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_GE(d, 0);
	EXPECT_ERR(EBADF, ADC_Poll(file, 0, &v)); /* not a directory */
	EXPECT_ERR(EBADF, ADC_Poll(d, 0, &v));	  /* no channel files */
	EXPECT_EQ(7u, v);			  /* nothing written */
	EXPECT_ERR(EBADF, ADC_Poll(d, 8, &v));	  /* no ADC: EBADF before the range */
	SPIMaster_InitTransfers(t, 1);
	t[0].flags = SPI_TransferFlags_Write;
	t[0].writeData = b;
	t[0].length = 1;
	EXPECT_ERR(EBADF, SPIMaster_TransferSequential(file, t, 1)); /* not a spidev */
	EXPECT_ERR(EBADF, SPIMaster_TransferSequential(d, t, 1));
	close(d);
	close(file);
	rmdir(dir);
}

/*
 * PWM_Apply on a stand-in controller directory (regular files where sysfs
 * has a pwmchip's): which attributes it reads and writes, in which order
 * (inotify reports each read and write with the file's name), and what it
 * writes. A state's writes must keep duty <= period at every step, from
 * the channel's values (read when unknown) or from what this process last
 * applied (not read again).
 */
struct pwm_fake {
	char dir[32];
	int chip, ino;
};

static const char *const pwm_fake_files[] = {"export",          "unexport",      "pwm0/period",
					     "pwm0/duty_cycle", "pwm0/polarity", "pwm0/enable"};

static void pwm_fake_set(struct pwm_fake *f, const char *name, const char *value)
{
	char path[96];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	fp = fopen(path, "w");
	if (fp) {
		fprintf(fp, "%s\n", value);
		fclose(fp);
	}
}

/* The file's first line. */
static const char *pwm_fake_get(struct pwm_fake *f, const char *name)
{
	static char buf[64];
	char path[96];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	buf[0] = '\0';
	fp = fopen(path, "r");
	if (fp) {
		if (!fgets(buf, sizeof(buf), fp))
			buf[0] = '\0';
		fclose(fp);
	}
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/* The channel's state as sysfs shows it; the event queue emptied. */
static void pwm_fake_state(struct pwm_fake *f, const char *period, const char *duty,
			   const char *polarity, const char *enable)
{
	char buf[4096];

	pwm_fake_set(f, "pwm0/period", period);
	pwm_fake_set(f, "pwm0/duty_cycle", duty);
	pwm_fake_set(f, "pwm0/polarity", polarity);
	pwm_fake_set(f, "pwm0/enable", enable);
	pwm_fake_set(f, "export", "");
	while (read(f->ino, buf, sizeof(buf)) > 0)
		;
}

/* "r:NAME w:NAME ...": the reads and writes since pwm_fake_state. */
static const char *pwm_fake_log(struct pwm_fake *f)
{
	static char log[512];
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;

	log[0] = '\0';
	while ((n = read(f->ino, buf, sizeof(buf))) > 0)
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)p;

			if (e->mask & (IN_ACCESS | IN_MODIFY))
				snprintf(log + strlen(log), sizeof(log) - strlen(log), "%s%c:%s",
					 log[0] ? " " : "", e->mask & IN_ACCESS ? 'r' : 'w',
					 e->len ? e->name : "?");
			p += sizeof(*e) + e->len;
		}
	return log;
}

static int pwm_fake_make(struct pwm_fake *f)
{
	char path[96];

	snprintf(f->dir, sizeof(f->dir), "/tmp/azs-pwm-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(path, sizeof(path), "%s/pwm0", f->dir);
	if (mkdir(path, 0700))
		return -1;
	for (size_t i = 0; i < sizeof(pwm_fake_files) / sizeof(pwm_fake_files[0]); i++)
		pwm_fake_set(f, pwm_fake_files[i], "0");
	f->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	f->chip = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (f->ino < 0 || f->chip < 0 ||
	    inotify_add_watch(f->ino, f->dir, IN_ACCESS | IN_MODIFY) < 0 ||
	    inotify_add_watch(f->ino, path, IN_ACCESS | IN_MODIFY) < 0)
		return -1;
	return 0;
}

static void pwm_fake_remove(struct pwm_fake *f)
{
	char path[96];

	for (size_t i = 0; i < sizeof(pwm_fake_files) / sizeof(pwm_fake_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, pwm_fake_files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/pwm0", f->dir);
	rmdir(path);
	rmdir(f->dir);
	close(f->chip);
	close(f->ino);
}

TEST(pwm_apply_writes_in_order)
{
	PwmState grow = {.period_nsec = 900000,
			 .dutyCycle_nsec = 800000,
			 .polarity = PWM_Polarity_Inversed,
			 .enabled = true};
	PwmState shrink = {.period_nsec = 200000,
			   .dutyCycle_nsec = 100000,
			   .polarity = PWM_Polarity_Normal,
			   .enabled = true};
	PwmState off = shrink;
	struct pwm_fake f;

	off.enabled = false;
	ASSERT_EQ(0, pwm_fake_make(&f));

	/* A fd PWM_Open did not return: the duty cycle is read for the order. */
	pwm_fake_state(&f, "900000", "800000", "normal", "1");
	EXPECT_EQ(0, PWM_Apply(f.chip, 0, &shrink));
	EXPECT_STREQ("r:duty_cycle w:duty_cycle w:period w:polarity w:enable", pwm_fake_log(&f));
	EXPECT_STREQ("200000", pwm_fake_get(&f, "pwm0/period"));
	EXPECT_STREQ("100000", pwm_fake_get(&f, "pwm0/duty_cycle"));
	EXPECT_STREQ("normal", pwm_fake_get(&f, "pwm0/polarity"));
	EXPECT_STREQ("1", pwm_fake_get(&f, "pwm0/enable"));
	pwm_fake_state(&f, "200000", "100000", "normal", "1");
	EXPECT_EQ(0, PWM_Apply(f.chip, 0, &grow));
	EXPECT_STREQ("r:duty_cycle w:period w:duty_cycle w:polarity w:enable", pwm_fake_log(&f));

	/* PWM_Open's fd: read once, then ordered from what was applied. */
	azs_pwm_adopt(2, f.chip);
	pwm_fake_state(&f, "200000", "100000", "normal", "1");
	EXPECT_EQ(0, PWM_Apply(f.chip, 0, &grow));
	EXPECT_STREQ("r:duty_cycle w:period w:duty_cycle w:polarity w:enable", pwm_fake_log(&f));
	EXPECT_STREQ("900000", pwm_fake_get(&f, "pwm0/period"));
	EXPECT_STREQ("800000", pwm_fake_get(&f, "pwm0/duty_cycle"));
	EXPECT_STREQ("inversed", pwm_fake_get(&f, "pwm0/polarity"));
	pwm_fake_state(&f, "900000", "800000", "normal", "1");
	EXPECT_EQ(0, PWM_Apply(f.chip, 0, &shrink)); /* the duty cycle first */
	EXPECT_STREQ("w:duty_cycle w:period w:polarity w:enable", pwm_fake_log(&f));
	EXPECT_STREQ("200000", pwm_fake_get(&f, "pwm0/period"));
	EXPECT_STREQ("100000", pwm_fake_get(&f, "pwm0/duty_cycle"));
	pwm_fake_state(&f, "200000", "100000", "normal", "1");
	EXPECT_EQ(0, PWM_Apply(f.chip, 0, &grow)); /* the period first */
	EXPECT_STREQ("w:period w:duty_cycle w:polarity w:enable", pwm_fake_log(&f));
	/* Disabled first, then changed; never enabled. */
	pwm_fake_state(&f, "900000", "800000", "normal", "1");
	EXPECT_EQ(0, PWM_Apply(f.chip, 0, &off));
	EXPECT_STREQ("w:enable w:duty_cycle w:period w:polarity", pwm_fake_log(&f));
	EXPECT_STREQ("0", pwm_fake_get(&f, "pwm0/enable"));
	EXPECT_STREQ("200000", pwm_fake_get(&f, "pwm0/period"));
	/* A failed apply forgets: the next one reads again. */
	pwm_fake_state(&f, "200000", "100000", "normal", "0");
	EXPECT_ERR(ENOENT, PWM_Apply(f.chip, 1, &grow)); /* channel 1: exported, never appears */
	EXPECT_STREQ("w:export", pwm_fake_log(&f));
	EXPECT_STREQ("1", pwm_fake_get(&f, "export"));
	pwm_fake_state(&f, "200000", "100000", "normal", "0");
	EXPECT_EQ(0, PWM_Apply(f.chip, 0, &grow)); /* channel 0's is still known */
	EXPECT_STREQ("w:period w:duty_cycle w:polarity w:enable", pwm_fake_log(&f));
	pwm_fake_remove(&f);
}

/*
 * PWM_Apply checks its fd by using it: any fd that is no PWM controller's
 * directory is EBADF, judged before the other arguments, and nothing is
 * written.
 */
TEST(pwm_apply_checks)
{
	PwmState s = {.period_nsec = 1000, .dutyCycle_nsec = 500, .enabled = true};
	char dir[] = "/tmp/azs-pwmx-XXXXXX";
	struct pwm_fake f;
	int file, d, closed;

	ASSERT_EQ(0, pwm_fake_make(&f));
	ASSERT_NE(NULL, mkdtemp(dir));
	file = open("/dev/null", O_RDWR | O_CLOEXEC);
	d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	closed = dup(file);
	ASSERT_GE(file, 0);
	ASSERT_GE(d, 0);
	ASSERT_GE(closed, 0);
	close(closed);
	pwm_fake_state(&f, "0", "0", "normal", "0");
	EXPECT_ERR(EBADF, PWM_Apply(-1, 0, &s));
	EXPECT_ERR(EBADF, PWM_Apply(file, 0, &s));   /* not a directory */
	EXPECT_ERR(EBADF, PWM_Apply(d, 0, &s));      /* no export file */
	EXPECT_ERR(EBADF, PWM_Apply(closed, 0, &s)); /* not open */
	EXPECT_ERR(EBADF, PWM_Apply(d, 4, &s));      /* the fd first, then the channel */
	EXPECT_ERR(EBADF, PWM_Apply(file, 0, NULL));
	EXPECT_ERR(EFAULT, PWM_Apply(f.chip, 0, NULL));
	EXPECT_ERR(ENODEV, PWM_Apply(f.chip, 4, &s));
	s.dutyCycle_nsec = 1001;
	EXPECT_ERR(EINVAL, PWM_Apply(f.chip, 0, &s)); /* duty > period */
	s.dutyCycle_nsec = 0;
	s.period_nsec = 0;
	EXPECT_ERR(EINVAL, PWM_Apply(f.chip, 0, &s));
	s.period_nsec = 1000;
	s.polarity = 2;
	EXPECT_ERR(EINVAL, PWM_Apply(f.chip, 0, &s));
	EXPECT_STREQ("", pwm_fake_log(&f)); /* the controller untouched */
	EXPECT_STREQ("0", pwm_fake_get(&f, "pwm0/period"));
	close(d);
	close(file);
	rmdir(dir);
	pwm_fake_remove(&f);
}

/* ---- Log ---- */

/* Run Log_Debug with stderr on a pipe; what it wrote in buf. */
static ssize_t capture(char *buf, size_t len, int (*fn)(void))
{
	int p[2], saved = dup(STDERR_FILENO), ret;
	ssize_t n;

	if (pipe(p) || saved < 0)
		return -1;
	dup2(p[1], STDERR_FILENO);
	ret = fn();
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(p[1]);
	n = read(p[0], buf, len - 1);
	close(p[0]);
	if (ret != 0 || n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

static int log_short(void)
{
	return Log_Debug("value %d, %s\n", 42, "ok");
}

static int log_long(void)
{
	static char big[3000];

	memset(big, 'x', sizeof(big) - 1);
	return Log_Debug("%s\n", big);
}

TEST(log_debug)
{
	const char *volatile null_fmt = NULL;
	char buf[4096];

	ASSERT_EQ(13, capture(buf, sizeof(buf), log_short));
	EXPECT_STREQ("value 42, ok\n", buf);
	ASSERT_EQ(1023, capture(buf, sizeof(buf), log_long));
	EXPECT_EQ(0, strcmp(buf + 1019, "...\n"));
	EXPECT_EQ('x', buf[1018]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
	EXPECT_ERR(EFAULT, Log_Debug(null_fmt));
#pragma GCC diagnostic pop
}

/* ---- EventLoop ---- */

struct counter {
	int calls;
	EventLoop_IoEvents last;
	EventRegistration *unregister;
	bool stop, nested;
	int nested_result, nested_errno;
};

static void count_cb(EventLoop *el, int fd, EventLoop_IoEvents events, void *context)
{
	struct counter *c = context;
	char buf[16];

	c->calls++;
	c->last = events;
	if (events & EventLoop_Input)
		(void)!read(fd, buf, sizeof(buf));
	if (c->unregister)
		EventLoop_UnregisterIo(el, c->unregister);
	if (c->nested) {
		c->nested_result = EventLoop_Run(el, 0, true);
		c->nested_errno = errno;
	}
	if (c->stop)
		EventLoop_Stop(el);
}

TEST(eventloop_basics)
{
	struct counter c = {0};
	EventRegistration *r;
	EventLoop *el;
	int p[2];

	ASSERT_EQ(0, pipe(p));
	el = EventLoop_Create();
	ASSERT_NE(NULL, el);
	EXPECT_LE(0, EventLoop_GetWaitDescriptor(el));
	r = EventLoop_RegisterIo(el, p[0], EventLoop_Input, count_cb, &c);
	ASSERT_NE(NULL, r);
	/* Nothing ready: the duration passes. */
	EXPECT_EQ(EventLoop_Run_FinishedEmpty, EventLoop_Run(el, 50, false));
	EXPECT_EQ(0, c.calls);
	ASSERT_EQ(1, write(p[1], "a", 1));
	EXPECT_EQ(EventLoop_Run_Finished, EventLoop_Run(el, -1, true));
	EXPECT_EQ(1, c.calls);
	EXPECT_EQ(EventLoop_Input, c.last);
	/* The wait descriptor is readable while an event is pending. */
	ASSERT_EQ(1, write(p[1], "b", 1));
	{
		struct pollfd pf = {.fd = EventLoop_GetWaitDescriptor(el), .events = POLLIN};

		EXPECT_EQ(1, poll(&pf, 1, 1000));
	}
	EXPECT_EQ(EventLoop_Run_Finished, EventLoop_Run(el, 0, false));
	EXPECT_EQ(2, c.calls);
	/* Output on the write end, changed to nothing, then back. */
	{
		struct counter w = {0};
		EventRegistration *rw =
			EventLoop_RegisterIo(el, p[1], EventLoop_Output, count_cb, &w);

		ASSERT_NE(NULL, rw);
		EXPECT_EQ(EventLoop_Run_Finished, EventLoop_Run(el, 100, true));
		EXPECT_EQ(1, w.calls);
		EXPECT_EQ(EventLoop_Output, w.last);
		EXPECT_EQ(0, EventLoop_ModifyIoEvents(el, rw, EventLoop_None));
		EXPECT_EQ(EventLoop_Run_FinishedEmpty, EventLoop_Run(el, 20, false));
		EXPECT_EQ(1, w.calls);
		EXPECT_ERR(EINVAL, EventLoop_ModifyIoEvents(el, rw, 0x2));
		EXPECT_EQ(0, EventLoop_UnregisterIo(el, rw));
	}
	EXPECT_EQ(0, EventLoop_UnregisterIo(el, r));
	EventLoop_Close(el);
	close(p[0]);
	close(p[1]);
}

TEST(eventloop_errors)
{
	struct counter c = {0};
	EventRegistration *r;
	EventLoop *el = EventLoop_Create(), *other = EventLoop_Create();
	int p[2];

	ASSERT_NE(NULL, el);
	ASSERT_NE(NULL, other);
	ASSERT_EQ(0, pipe(p));
	EXPECT_EQ(NULL, EventLoop_RegisterIo(NULL, p[0], EventLoop_Input, count_cb, &c));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(NULL, EventLoop_RegisterIo(el, p[0], EventLoop_Input, NULL, &c));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(NULL, EventLoop_RegisterIo(el, p[0], 0x10, count_cb, &c));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(NULL, EventLoop_RegisterIo(el, -1, EventLoop_Input, count_cb, &c));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(NULL, EventLoop_RegisterIo(el, 1000, EventLoop_Input, count_cb, &c));
	EXPECT_EQ(EBADF, errno);
	r = EventLoop_RegisterIo(el, p[0], EventLoop_Input, count_cb, &c);
	ASSERT_NE(NULL, r);
	EXPECT_EQ(NULL, EventLoop_RegisterIo(el, p[0], EventLoop_Input, count_cb, &c));
	EXPECT_EQ(EEXIST, errno);
	EXPECT_ERR(EINVAL, EventLoop_UnregisterIo(other, r));
	EXPECT_ERR(EFAULT, EventLoop_UnregisterIo(el, NULL));
	EXPECT_ERR(EFAULT, EventLoop_ModifyIoEvents(NULL, r, EventLoop_Input));
	EXPECT_ERR(EFAULT, EventLoop_Run(NULL, 0, false));
	EXPECT_ERR(EFAULT, EventLoop_Stop(NULL));
	EXPECT_ERR(EFAULT, EventLoop_GetWaitDescriptor(NULL));
	/* Run from a callback: EBUSY. */
	c.nested = true;
	ASSERT_EQ(1, write(p[1], "a", 1));
	EXPECT_EQ(EventLoop_Run_Finished, EventLoop_Run(el, -1, true));
	EXPECT_EQ(EventLoop_Run_Failed, c.nested_result);
	EXPECT_EQ(EBUSY, c.nested_errno);
	EventLoop_Close(el);
	EventLoop_Close(other);
	EventLoop_Close(NULL);
	close(p[0]);
	close(p[1]);
}

TEST(eventloop_stop_and_unregister_in_callback)
{
	struct counter a = {0}, b = {0};
	EventRegistration *ra, *rb;
	EventLoop *el = EventLoop_Create();
	int pa[2], pb[2];

	ASSERT_NE(NULL, el);
	ASSERT_EQ(0, pipe(pa));
	ASSERT_EQ(0, pipe(pb));
	ra = EventLoop_RegisterIo(el, pa[0], EventLoop_Input, count_cb, &a);
	rb = EventLoop_RegisterIo(el, pb[0], EventLoop_Input, count_cb, &b);
	ASSERT_NE(NULL, ra);
	ASSERT_NE(NULL, rb);
	/* Both ready; whichever runs first unregisters the other and stops. */
	a.unregister = rb;
	a.stop = true;
	b.unregister = ra;
	b.stop = true;
	ASSERT_EQ(1, write(pa[1], "a", 1));
	ASSERT_EQ(1, write(pb[1], "b", 1));
	EXPECT_EQ(EventLoop_Run_Finished, EventLoop_Run(el, -1, false));
	EXPECT_EQ(1, a.calls + b.calls);
	/* Stop before Run does not leak into the next run. */
	EXPECT_EQ(0, EventLoop_Stop(el));
	EXPECT_EQ(EventLoop_Run_FinishedEmpty, EventLoop_Run(el, 20, false));
	EventLoop_Close(el); /* frees the remaining registration */
	close(pa[0]);
	close(pa[1]);
	close(pb[0]);
	close(pb[1]);
}

static void timer_cb(EventLoop *el, int fd, EventLoop_IoEvents events, void *context)
{
	uint64_t n;
	int *ticks = context;

	(void)events;
	if (read(fd, &n, sizeof(n)) == sizeof(n))
		*ticks += (int)n;
	if (*ticks >= 3)
		EventLoop_Stop(el);
}

TEST(eventloop_timer_runs_until_stopped)
{
	struct itimerspec its = {{0, 10000000}, {0, 10000000}};
	EventLoop *el = EventLoop_Create();
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), ticks = 0;

	ASSERT_NE(NULL, el);
	ASSERT_LE(0, tfd);
	ASSERT_NE(NULL, EventLoop_RegisterIo(el, tfd, EventLoop_Input, timer_cb, &ticks));
	ASSERT_EQ(0, timerfd_settime(tfd, 0, &its, NULL));
	EXPECT_EQ(EventLoop_Run_Finished, EventLoop_Run(el, -1, false));
	EXPECT_LE(3, ticks);
	EventLoop_Close(el);
	close(tfd);
}

/* ---- Storage ---- */

TEST(storage_image_package)
{
	char dir[] = "/tmp/applibs-image-XXXXXX", file[PATH_MAX], buf[16], *path;
	int fd;

	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/cert.pem", dir);
	fd = open(file, O_WRONLY | O_CREAT, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(5, write(fd, "hello", 5));
	close(fd);
	setenv("AZS_APP_IMAGE_ROOT", dir, 1);

	path = Storage_GetAbsolutePathInImagePackage("cert.pem");
	ASSERT_NE(NULL, path);
	EXPECT_STREQ(file, path);
	free(path);
	fd = Storage_OpenFileInImagePackage("cert.pem");
	ASSERT_LE(0, fd);
	EXPECT_EQ(5, read(fd, buf, sizeof(buf)));
	EXPECT_ERR(EBADF, write(fd, "x", 1)); /* read only */
	close(fd);
	EXPECT_ERR(ENOENT, Storage_OpenFileInImagePackage("missing"));

	EXPECT_EQ(NULL, Storage_GetAbsolutePathInImagePackage(NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_ERR(EFAULT, Storage_OpenFileInImagePackage(NULL));
	EXPECT_ERR(EINVAL, Storage_OpenFileInImagePackage("/etc/passwd"));
	EXPECT_ERR(EINVAL, Storage_OpenFileInImagePackage("./cert.pem"));
	EXPECT_ERR(EINVAL, Storage_OpenFileInImagePackage(".hidden"));
	EXPECT_ERR(EINVAL, Storage_OpenFileInImagePackage("a/../../etc/passwd"));
	EXPECT_EQ(NULL, Storage_GetAbsolutePathInImagePackage("x/.."));
	EXPECT_EQ(EINVAL, errno);

	/* Without the variable: the directory above the executable's. */
	unsetenv("AZS_APP_IMAGE_ROOT");
	path = Storage_GetAbsolutePathInImagePackage("bin/app");
	ASSERT_NE(NULL, path);
	EXPECT_EQ('/', path[0]);
	EXPECT_NE(NULL, strstr(path, "/bin/app"));
	free(path);

	unlink(file);
	rmdir(dir);
}

/* ---- Mutable storage: only apps given MutableStorage have /mnt/config ---- */

TEST(mutable_storage_without_the_capability_is_eacces)
{
	if (access("/mnt/config", F_OK) == 0)
		SKIP(return, "this host has a /mnt/config");
	EXPECT_ERR(EACCES, Storage_OpenMutableFile());
	EXPECT_ERR(EACCES, Storage_DeleteMutableFile());
}

/* ---- Runtime services: without the application manager, ENOTCONN ---- */

TEST(runtime_services_need_the_runtime)
{
	Networking_NetworkInterface ifs[2];
	Networking_InterfaceConnectionStatus st;
	WifiConfig_StoredNetwork stored[1];
	EventLoop *el = EventLoop_Create();
	bool b;

	ASSERT_NE(NULL, el);
	/* Application_Connect is a runtime service: argument errors first, then
	 * ENOTCONN without the application manager (device.intercore: the rest). */
	EXPECT_ERR(EINVAL, Application_Connect(NULL));
	EXPECT_ERR(EINVAL, Application_Connect(""));
	EXPECT_ERR(EINVAL, Application_Connect("005180bc-402f-4cb3-a662-72937dbcde4"));
	EXPECT_ERR(EINVAL, Application_Connect("005180bc-402f-4cb3-a662-72937dbcde477"));
	EXPECT_ERR(ENOTCONN, Application_Connect("005180bc-402f-4cb3-a662-72937dbcde47"));
	EXPECT_ERR(ENOTCONN, Networking_IsNetworkingReady(&b));
	EXPECT_ERR(ENOTCONN, Networking_GetInterfaceCount());
	EXPECT_ERR(ENOTCONN, Networking_GetInterfaces(ifs, 2));
	EXPECT_ERR(ENOTCONN, Networking_GetInterfaceConnectionStatus("eth0", &st));
	EXPECT_ERR(ENOTCONN, Networking_SetInterfaceState("wlan0", true));
	EXPECT_ERR(ENOTCONN, Networking_IpConfig_ReleaseIp("wlan0"));
	EXPECT_ERR(ENOTCONN, Networking_IpConfig_RenewIp("wlan0"));
	EXPECT_ERR(ENOTCONN, Networking_TimeSync_SetEnabled(true));
	EXPECT_ERR(ENOTCONN, Networking_TimeSync_GetEnabled(&b));
	EXPECT_ERR(ENOTCONN, Networking_TimeSync_EnableDefaultNtp());
	EXPECT_ERR(ENOTCONN, Networking_TimeSync_EnableCustomNtp("ntp.test", NULL, 0));
	EXPECT_ERR(ENOTCONN, WifiConfig_TriggerScanAndGetScannedNetworkCount());
	EXPECT_ERR(ENOTCONN, WifiConfig_GetConnectedNetworkId());
	EXPECT_ERR(ENOTCONN, WifiConfig_AddNetwork());
	EXPECT_ERR(ENOTCONN, WifiConfig_GetStoredNetworks(stored, 1));
	EXPECT_ERR(ENOTCONN, WifiConfig_ForgetAllNetworks());
	EXPECT_ERR(ENOTCONN, PowerManagement_ForceSystemReboot());
	EXPECT_ERR(ENOTCONN, PowerManagement_ForceSystemPowerDown(10));
	EXPECT_ERR(ENOTCONN, PowerManagement_SetSystemPowerProfile(PowerManagement_Balanced));
	EXPECT_ERR(ENOTCONN, SysEvent_DeferEvent(SysEvent_Events_UpdateReadyForInstall, 1));
	EXPECT_ERR(ENOTCONN, SysEvent_ResumeEvent(SysEvent_Events_UpdateReadyForInstall));
	EXPECT_EQ(NULL, SysEvent_RegisterForEventNotifications(
				el, SysEvent_Events_Mask, (SysEvent_EventsCallback *)abort, NULL));
	EXPECT_EQ(ENOTCONN, errno);
	EXPECT_ERR(ENOTCONN, clock_systohc());
	EXPECT_ERR(ENOTCONN, CertStore_GetCertificateCount());
	EXPECT_ERR(ENOTCONN, CertStore_InstallRootCACertificate("ca", "x", 1));
	EventLoop_Close(el);
}

/* Argument checks happen before anything is sent. */
TEST(runtime_services_check_arguments_first)
{
	Networking_InterfaceConnectionStatus st;
	EventLoop *el = EventLoop_Create();
	SysEvent_Info_UpdateData u;
	bool b;

	ASSERT_NE(NULL, el);
	EXPECT_ERR(EFAULT, Networking_IsNetworkingReady(NULL));
	EXPECT_ERR(EFAULT, Networking_GetInterfaceConnectionStatus(NULL, &st));
	EXPECT_ERR(EFAULT, Networking_SetInterfaceState(NULL, true));
	EXPECT_ERR(EFAULT, Networking_IpConfig_ReleaseIp(NULL));
	EXPECT_ERR(EFAULT, Networking_IpConfig_RenewIp(NULL));
	EXPECT_ERR(EFAULT, Networking_TimeSync_GetEnabled(NULL));
	/* Names no interface can have: ENOENT without asking. */
	EXPECT_ERR(ENOENT, Networking_SetInterfaceState("", true));
	EXPECT_ERR(ENOENT, Networking_IpConfig_ReleaseIp("a-very-long-interface-name"));
	EXPECT_ERR(ENOENT, Networking_IpConfig_RenewIp("../wlan0"));
	EXPECT_ERR(EINVAL, PowerManagement_ForceSystemPowerDown(0));
	EXPECT_ERR(EINVAL, PowerManagement_SetSystemPowerProfile(3));
	EXPECT_ERR(EINVAL, SysEvent_DeferEvent(SysEvent_Events_UpdateStarted, 1));
	EXPECT_ERR(EINVAL, SysEvent_DeferEvent(SysEvent_Events_UpdateReadyForInstall, 0));
	EXPECT_ERR(EINVAL, SysEvent_ResumeEvent(SysEvent_Events_NoUpdateAvailable));
	EXPECT_ERR(EFAULT, SysEvent_Info_GetUpdateData(NULL, &u));
	EXPECT_EQ(NULL, SysEvent_RegisterForEventNotifications(
				el, 0x08, (SysEvent_EventsCallback *)abort, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(NULL, SysEvent_RegisterForEventNotifications(NULL, 1, NULL, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_ERR(EFAULT, WifiConfig_SetSSID(0, NULL, 4));
	EXPECT_ERR(ERANGE, WifiConfig_SetSSID(0, (const uint8_t *)"x", 33));
	EXPECT_ERR(ERANGE, WifiConfig_SetPSK(0, "short", 5));
	EXPECT_ERR(EINVAL, WifiConfig_ForgetNetworkById(-1));
	EXPECT_ERR(EINVAL, WifiConfig_SetSecurityType(0, 9));
	EXPECT_ERR(ENOSYS, WifiConfig_SetSecurityType(0, WifiConfig_Security_Wpa2_EAP_TLS));
	{
		CertStore_SubjectName subject;
		CertStore_Identifier id;
		struct tm t;

		EXPECT_ERR(EFAULT, CertStore_InstallRootCACertificate(NULL, "x", 1));
		EXPECT_ERR(EFAULT, CertStore_InstallRootCACertificate("ca", NULL, 1));
		EXPECT_ERR(ERANGE, CertStore_InstallRootCACertificate("", "x", 1));
		EXPECT_ERR(ERANGE,
			   CertStore_InstallRootCACertificate("a23456789012345678", "x", 1));
		EXPECT_ERR(ERANGE, CertStore_InstallRootCACertificate("ca", "x", 0));
		EXPECT_ERR(ERANGE, CertStore_InstallRootCACertificate("ca", "x", 8193));
		EXPECT_ERR(EFAULT, CertStore_InstallClientCertificate("c", "x", 1, NULL, 1, NULL));
		EXPECT_ERR(EFAULT, CertStore_GetCertificateIdentifierAt(0, NULL));
		EXPECT_ERR(EFAULT, CertStore_GetCertificateSubjectName("ca", NULL));
		EXPECT_ERR(EINVAL, z__CertStore_GetCertificateInfo("ca", 9, &t, sizeof(t)));
		EXPECT_ERR(EINVAL,
			   z__CertStore_GetCertificateInfo("ca", z__CERTSTORE_INFO_NOT_AFTER,
							   &subject, sizeof(subject)));
		(void)id;
	}
	(void)b;
	EventLoop_Close(el);
}

/* ---- Not available on this platform: ENOSYS, never a pretended success ---- */

TEST(unavailable_areas_are_enosys)
{
	bool b;

	/* No certificate on the host: not ready (the device suite sees it ready). */
	b = true;
	EXPECT_EQ(0, Application_IsDeviceAuthReady(&b));
	EXPECT_EQ(access("/etc/deviceauth.pem", R_OK) == 0, b);
	EXPECT_ERR(EFAULT, Application_IsDeviceAuthReady(NULL));
}

/* ---- networking.h's configuration objects, filled in the app ---- */

TEST(networking_config_objects)
{
	struct in_addr a = {htonl(0xc0a8070a)}, m = {htonl(0xffffff00)}, dns[4] = {a, a, a, a};
	Networking_IpConfig ip, raw;
	Networking_DhcpServerConfig dhcp;
	Networking_SntpServerConfig sntp;
	Networking_ProxyConfig *p = Networking_Proxy_Create();
	Networking_ProxyOptions opt = 0;
	char longname[300];
	uint16_t port = 0;

	Networking_IpConfig_Init(&ip);
	Networking_IpConfig_EnableStaticIp(&ip, a, m, a);
	EXPECT_ERR(EINVAL, Networking_IpConfig_EnableCustomDns(&ip, dns, 4));
	EXPECT_ERR(EINVAL, Networking_IpConfig_EnableCustomDns(&ip, dns, 0));
	EXPECT_ERR(EFAULT, Networking_IpConfig_EnableCustomDns(&ip, NULL, 1));
	EXPECT_EQ(0, Networking_IpConfig_EnableCustomDns(&ip, dns, 3));
	EXPECT_ERR(EFAULT, Networking_IpConfig_Apply("wlan0", NULL));
	memset(&raw, 0, sizeof(raw));
	EXPECT_ERR(EINVAL, Networking_IpConfig_Apply("wlan0", &raw));
	EXPECT_ERR(EINVAL, Networking_IpConfig_EnableCustomDns(&raw, dns, 1));
	/* A good config reaches the (missing) runtime. */
	EXPECT_ERR(ENOTCONN, Networking_IpConfig_Apply("wlan0", &ip));
	Networking_IpConfig_Destroy(&ip);
	EXPECT_ERR(EINVAL, Networking_IpConfig_Apply("wlan0", &ip));

	Networking_DhcpServerConfig_Init(&dhcp);
	EXPECT_ERR(EINVAL, Networking_DhcpServer_Start("wlan0", &dhcp)); /* no lease yet */
	EXPECT_ERR(EINVAL, Networking_DhcpServerConfig_SetLease(&dhcp, a, 0, m, a, 24));
	EXPECT_ERR(EINVAL, Networking_DhcpServerConfig_SetNtpServerAddresses(&dhcp, dns, 4));
	EXPECT_EQ(0, Networking_DhcpServerConfig_SetLease(&dhcp, a, 2, m, a, 24));
	EXPECT_ERR(ENOTCONN, Networking_DhcpServer_Start("wlan0", &dhcp));
	memset(&sntp, 0, sizeof(sntp));
	EXPECT_ERR(EINVAL, Networking_SntpServer_Start("wlan0", &sntp));
	Networking_SntpServerConfig_Init(&sntp);
	EXPECT_ERR(ENOTCONN, Networking_SntpServer_Start("wlan0", &sntp));

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	EXPECT_ERR(EFAULT, Networking_TimeSync_EnableCustomNtp(NULL, NULL, 0));
	EXPECT_ERR(ERANGE, Networking_TimeSync_EnableCustomNtp(longname, NULL, 0));
	EXPECT_ERR(EINVAL, Networking_TimeSync_EnableAutomaticNtp(2));

	ASSERT_NE(NULL, p);
	EXPECT_EQ(0, Networking_Proxy_GetProxyOptions(p, &opt));
	EXPECT_EQ(Networking_ProxyOptions_None, opt);
	EXPECT_ERR(EINVAL, Networking_Proxy_SetProxyOptions(p, 3));
	EXPECT_EQ(0, Networking_Proxy_SetProxyOptions(p, Networking_ProxyOptions_Enabled));
	EXPECT_EQ(0, Networking_Proxy_SetProxyAddress(p, "proxy.test", 3128));
	EXPECT_ERR(EINVAL, Networking_Proxy_SetProxyAddress(p, "proxy.test", 0));
	EXPECT_ERR(ERANGE, Networking_Proxy_SetProxyAddress(p, longname, 80));
	EXPECT_EQ(0, Networking_Proxy_SetBasicAuthentication(p, "user", "secret"));
	EXPECT_EQ(0, Networking_Proxy_SetProxyNoProxyAddresses(p, "a.test,b.test"));
	EXPECT_STREQ("proxy.test", Networking_Proxy_GetProxyAddress(p));
	EXPECT_EQ(0, Networking_Proxy_GetProxyPort(p, &port));
	EXPECT_EQ(3128, port);
	EXPECT_EQ(Networking_ProxyAuthType_Basic, Networking_Proxy_GetAuthType(p));
	EXPECT_STREQ("user", Networking_Proxy_GetProxyUsername(p));
	EXPECT_STREQ("secret", Networking_Proxy_GetProxyPassword(p));
	EXPECT_STREQ("a.test,b.test", Networking_Proxy_GetNoProxyAddresses(p));
	EXPECT_EQ(Networking_ProxyType_HTTP, Networking_Proxy_GetProxyType(p));
	EXPECT_EQ(0, Networking_Proxy_SetAnonymousAuthentication(p));
	EXPECT_STREQ("", Networking_Proxy_GetProxyUsername(p));
	EXPECT_ERR(ENOTCONN, Networking_Proxy_Apply(p));
	EXPECT_ERR(ENOTCONN, Networking_Proxy_Get(p));
	EXPECT_EQ(NULL, Networking_Proxy_GetProxyAddress(NULL));
	EXPECT_EQ(EFAULT, errno);
	Networking_Proxy_Destroy(p);
}

TEST(applications_memory)
{
	size_t kb = 0;

	/* The total is the runtime's (the app's cgroup): none here. */
	EXPECT_EQ(0u, Applications_GetTotalMemoryUsageInKB());
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_LT(0u, Applications_GetUserModeMemoryUsageInKB());
	EXPECT_LE(Applications_GetUserModeMemoryUsageInKB(),
		  Applications_GetPeakUserModeMemoryUsageInKB());
	EXPECT_ERR(EINVAL, z__Applications_GetMemoryInfo(7, &kb, sizeof(kb)));
	EXPECT_ERR(EINVAL, z__Applications_GetMemoryInfo(0, &kb, 1));
	EXPECT_ERR(EFAULT, z__Applications_GetMemoryInfo(0, NULL, sizeof(kb)));
}

TEST_HARNESS_MAIN
