// SPDX-License-Identifier: MIT
/*
 * The benchmark's peripheral app (tests/bench, docs/performance.md): packaged
 * with the simulated board's peripherals in its manifest and started by the
 * application manager, so it runs as an app does (its sandbox, its seccomp
 * filter, the firewall's assignment). For each peripheral class it times
 * CALLS calls of the applibs call and CALLS of the system call the call comes
 * down to, on the same fd, REPS times, interleaved (applibs, raw, raw,
 * applibs, ...), and prints
 *   bench periph-CLASS-applibs V1 ... VREPS
 *   bench periph-CLASS-raw V1 ... VREPS
 * (nanoseconds per call), then "bench-periph-done" ("bench-periph-failed
 * WHAT" and exit 1 on the first error). Usage: app REPS CALLS.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/gpio.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <linux/spi/spidev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <applibs/adc.h>
#include <applibs/gpio.h>
#include <applibs/i2c.h>
#include <applibs/pwm.h>
#include <applibs/spi.h>
#include <applibs/uart.h>

#define MAX_REPS 64
/* The simulated board's resources the manifest names (tests/bench/make-packages). */
#define GPIO_OUT  12
#define UART_ISU0 4
#define I2C_ISU2  2
#define SPI_ISU1  1
#define PWM_CTL2  2
#define ADC_CTL0  0
#define ADC_CHAN  1
#define SENSOR    0x6a /* the board's LSM6DS3 */
#define WHO_AM_I  0x0f

static int reps;
static long calls;
static int fd_gpio, fd_uart, fd_i2c, fd_spi, fd_pwm, fd_adc;

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static void fail(const char *what)
{
	printf("bench-periph-failed %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

/* ---- one call each, applibs (odd) and raw (even); nonzero on error ---- */

static int gpio_set_applibs(long i)
{
	return GPIO_SetValue(fd_gpio, (GPIO_Value_Type)(i & 1));
}

static int gpio_set_raw(long i)
{
	struct gpio_v2_line_values v = {.bits = (uint64_t)(i & 1), .mask = 1};

	return ioctl(fd_gpio, GPIO_V2_LINE_SET_VALUES_IOCTL, &v);
}

static int gpio_get_applibs(long i)
{
	GPIO_Value_Type v;

	(void)i;
	return GPIO_GetValue(fd_gpio, &v);
}

static int gpio_get_raw(long i)
{
	struct gpio_v2_line_values v = {.mask = 1};

	(void)i;
	return ioctl(fd_gpio, GPIO_V2_LINE_GET_VALUES_IOCTL, &v);
}

static int i2c_applibs(long i)
{
	const uint8_t reg = WHO_AM_I;
	uint8_t id;

	(void)i;
	return I2CMaster_WriteThenRead(fd_i2c, SENSOR, &reg, 1, &id, 1) != 2;
}

static int i2c_raw(long i)
{
	uint8_t reg = WHO_AM_I, id;
	struct i2c_msg m[2] = {{.addr = SENSOR, .flags = 0, .len = 1, .buf = &reg},
			       {.addr = SENSOR, .flags = I2C_M_RD, .len = 1, .buf = &id}};
	struct i2c_rdwr_ioctl_data d = {.msgs = m, .nmsgs = 2};

	(void)i;
	return ioctl(fd_i2c, I2C_RDWR, &d) < 0;
}

static int spi_applibs(long i)
{
	static const uint8_t cmd[2] = {0x80 | WHO_AM_I, 0};
	uint8_t in[2];
	SPIMaster_Transfer t[2];

	(void)i;
	if (SPIMaster_InitTransfers(t, 2) != 0)
		return -1;
	t[0].flags = SPI_TransferFlags_Write;
	t[0].writeData = cmd;
	t[0].length = 1;
	t[1].flags = SPI_TransferFlags_Read;
	t[1].readData = in;
	t[1].length = 1;
	return SPIMaster_TransferSequential(fd_spi, t, 2) != 2;
}

static int spi_raw(long i)
{
	uint8_t cmd = 0x80 | WHO_AM_I, in;
	struct spi_ioc_transfer x[2] = {{.tx_buf = (uintptr_t)&cmd, .len = 1},
					{.rx_buf = (uintptr_t)&in, .len = 1}};

	(void)i;
	return ioctl(fd_spi, SPI_IOC_MESSAGE(2), x) < 0;
}

/* UART: applibs has no write of its own (an app writes the UART_Open fd):
 * its row is the write alone, the same on both sides by construction. */
static int uart_write(long i)
{
	const char c = (char)('a' + (i & 15));

	return write(fd_uart, &c, 1) != 1;
}

static const PwmState pwm_on = {.period_nsec = 1000000, .dutyCycle_nsec = 500000,
				.polarity = PWM_Polarity_Normal, .enabled = true};

static int pwm_applibs(long i)
{
	(void)i;
	return PWM_Apply(fd_pwm, 0, &pwm_on);
}

static int attr_write(int dir, const char *name, const char *value)
{
	int fd = openat(dir, name, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	close(fd);
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

/* The sysfs writes PWM_Apply makes for this state (period, duty cycle,
 * polarity, enable), without its reads and checks. */
static int pwm_raw(long i)
{
	(void)i;
	return attr_write(fd_pwm, "pwm0/period", "1000000") ||
	       attr_write(fd_pwm, "pwm0/duty_cycle", "500000") ||
	       attr_write(fd_pwm, "pwm0/polarity", "normal") ||
	       attr_write(fd_pwm, "pwm0/enable", "1");
}

static int adc_applibs(long i)
{
	uint32_t v;

	(void)i;
	return ADC_Poll(fd_adc, ADC_CHAN, &v);
}

/* The sysfs read ADC_Poll makes, and the number parsed. */
static int adc_raw(long i)
{
	char buf[32];
	int fd = openat(fd_adc, "in_voltage1_raw", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	(void)i;
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return strtoul(buf, NULL, 10) >= 4096;
}

/* Nanoseconds per call of F over N calls. */
static unsigned long long timed(int (*f)(long), long n, const char *what)
{
	unsigned long long t0 = now_ns();

	for (long i = 0; i < n; i++)
		if (f(i))
			fail(what);
	return (now_ns() - t0) / (unsigned long long)n;
}

static void print(const char *key, const unsigned long long *v)
{
	printf("bench %s", key);
	for (int i = 0; i < reps; i++)
		printf(" %llu", v[i]);
	printf("\n");
}

/* CLASS: applibs and raw, REPS times, the order alternating. */
static void pair(const char *class, int (*app)(long), int (*raw)(long), long n)
{
	unsigned long long a[MAX_REPS], r[MAX_REPS];
	char key[64];

	for (int i = 0; i < reps; i++) {
		if (i & 1) {
			r[i] = timed(raw, n, class);
			a[i] = timed(app, n, class);
		} else {
			a[i] = timed(app, n, class);
			r[i] = timed(raw, n, class);
		}
	}
	snprintf(key, sizeof(key), "periph-%s-applibs", class);
	print(key, a);
	snprintf(key, sizeof(key), "periph-%s-raw", class);
	print(key, r);
}

int main(int argc, char **argv)
{
	unsigned long long u[MAX_REPS];
	UART_Config uc;
	SPIMaster_Config sc;
	char drain[256];

	if (argc != 3 || atoi(argv[1]) < 1 || atoi(argv[1]) > MAX_REPS || atol(argv[2]) < 1) {
		printf("bench-periph-failed usage: app REPS CALLS\n");
		return 2;
	}
	reps = atoi(argv[1]);
	calls = atol(argv[2]);
	fd_gpio = GPIO_OpenAsOutput(GPIO_OUT, GPIO_OutputMode_PushPull, GPIO_Value_Low);
	if (fd_gpio < 0)
		fail("GPIO_OpenAsOutput");
	fd_i2c = I2CMaster_Open(I2C_ISU2);
	if (fd_i2c < 0)
		fail("I2CMaster_Open");
	if (SPIMaster_InitConfig(&sc) != 0)
		fail("SPIMaster_InitConfig");
	fd_spi = SPIMaster_Open(SPI_ISU1, -1 /* CS A */, &sc);
	if (fd_spi < 0)
		fail("SPIMaster_Open");
	UART_InitConfig(&uc);
	uc.flowControl = UART_FlowControl_None;
	fd_uart = UART_Open(UART_ISU0, &uc);
	if (fd_uart < 0)
		fail("UART_Open");
	fd_pwm = PWM_Open(PWM_CTL2);
	if (fd_pwm < 0 || PWM_Apply(fd_pwm, 0, &pwm_on) != 0)
		fail("PWM_Open");
	fd_adc = ADC_Open(ADC_CTL0);
	if (fd_adc < 0)
		fail("ADC_Open");

	pair("gpio-set", gpio_set_applibs, gpio_set_raw, calls);
	pair("gpio-get", gpio_get_applibs, gpio_get_raw, calls);
	pair("i2c", i2c_applibs, i2c_raw, calls);
	pair("spi", spi_applibs, spi_raw, calls);
	/* Sysfs: each call several file opens; fewer of them. */
	pair("pwm", pwm_applibs, pwm_raw, calls / 4 > 0 ? calls / 4 : 1);
	pair("adc", adc_applibs, adc_raw, calls / 4 > 0 ? calls / 4 : 1);
	/* 16 bytes a repetition, read back (the board loops ISU0 back) or not. */
	for (int i = 0; i < reps; i++) {
		u[i] = timed(uart_write, 16, "uart");
		while (read(fd_uart, drain, sizeof(drain)) > 0)
			;
	}
	print("periph-uart-write", u);
	printf("bench-periph-done\n");
	fflush(stdout);
	for (;;)
		pause();
}
