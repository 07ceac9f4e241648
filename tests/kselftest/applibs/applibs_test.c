// SPDX-License-Identifier: MIT
/*
 * applibs on the simulated board. As root, the test assigns resources with
 * the firewall to BOARD_UID_OWNER and grants the device nodes (as the app
 * manager will); the API is then called in a child running as that uid (a
 * peer taking turns with the test, which watches the board through its
 * control files). Every gated call is also tried without its resource
 * (unassigned, another uid): EACCES. The sample apps run as plain processes
 * of the owner uid and are judged by what the board saw.
 */
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <applibs/adc.h>
#include <applibs/gpio.h>
#include <applibs/i2c.h>
#include <applibs/pwm.h>
#include <applibs/spi.h>
#include <applibs/storage.h>
#include <applibs/uart.h>

#include "kselftest_harness.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#include "board_util.h"
#include "fw_util.h"
#include "gpio_util.h"

#define OWNER                BOARD_UID_OWNER
#define OTHER                BOARD_UID_OTHER

#define CHILD_ERR(expr, err) CHILD_CHECK((expr) == -1 && errno == (err))
#define STEP()               CHILD_CHECK(peer_step(p) == 0)

static const struct {
	unsigned int kind, index;
} used_resources[] = {
	{AZS_FW_KIND_GPIO, 8}, {AZS_FW_KIND_GPIO, 12}, {AZS_FW_KIND_GPIO, 13},
	{AZS_FW_KIND_UART, 0}, {AZS_FW_KIND_I2C, 2},   {AZS_FW_KIND_SPI, 1},
	{AZS_FW_KIND_PWM, 2},  {AZS_FW_KIND_ADC, 0},
};

/* Make every node of a class usable by any uid: the firewall alone decides. */
static void grant_nodes(const char *prefix)
{
	struct dirent *de;
	DIR *d = opendir("/dev");

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[300];

		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", de->d_name);
		chmod(path, 0666);
	}
	closedir(d);
}

static int ctl_has(const char *file, const char *text)
{
	char buf[4096];

	if (board_ctl_read(file, buf, sizeof(buf)) < 0)
		return 0;
	return strstr(buf, text) != NULL;
}

/* PWM: the chip directory of controller k. */
static int pwm_chip(unsigned int k, char *path, size_t len)
{
	char want[32], link[PATH_MAX], target[PATH_MAX];
	struct dirent *de;
	int ret = -1;
	DIR *d = opendir("/sys/class/pwm");

	snprintf(want, sizeof(want), "mt3620-pwm%u", k);
	while (d && (de = readdir(d))) {
		ssize_t n;
		char *base;

		snprintf(link, sizeof(link), "/sys/class/pwm/%s/device", de->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		base = strrchr(target, '/');
		if (base && !strcmp(base + 1, want)) {
			snprintf(path, len, "/sys/class/pwm/%s", de->d_name);
			ret = 0;
		}
	}
	if (d)
		closedir(d);
	return ret;
}

static int write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	close(fd);
	return n < 0 ? -1 : 0;
}

struct export_req {
	const char *chip;
	unsigned int channel;
};

static int do_export(void *arg)
{
	const struct export_req *r = arg;
	char path[PATH_MAX], val[8];

	snprintf(path, sizeof(path), "%s/export", r->chip);
	snprintf(val, sizeof(val), "%u", r->channel);
	return write_file(path, val) ? 1 : 0;
}

/*
 * What the app manager does for a PWM controller: the export files to the
 * app, the channels exported by the app (the firewall checks the request)
 * and their attribute files (created root-owned by sysfs) to the app.
 */
static int pwm_grant(const char *chip, unsigned int first, unsigned int last)
{
	static const char *const attrs[] = {"period", "duty_cycle", "polarity", "enable"};
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/export", chip);
	if (chown(path, OWNER, OWNER))
		return -1;
	snprintf(path, sizeof(path), "%s/unexport", chip);
	if (chown(path, OWNER, OWNER))
		return -1;
	for (unsigned int c = first; c <= last; c++) {
		struct export_req r = {chip, c};

		if (board_run_as(OWNER, do_export, &r) != 0)
			return -1;
		for (unsigned int i = 0; i < 4; i++) {
			snprintf(path, sizeof(path), "%s/pwm%u/%s", chip, c, attrs[i]);
			if (chown(path, OWNER, OWNER))
				return -1;
		}
	}
	return 0;
}

static void pwm_ungrant(unsigned int k)
{
	char chip[PATH_MAX], path[PATH_MAX + 16], val[8];

	if (pwm_chip(k, chip, sizeof(chip)))
		return;
	for (unsigned int c = 0; c < 4; c++) {
		snprintf(path, sizeof(path), "%s/unexport", chip);
		snprintf(val, sizeof(val), "%u", c);
		write_file(path, val);
	}
	snprintf(path, sizeof(path), "%s/export", chip);
	chown(path, 0, 0);
	snprintf(path, sizeof(path), "%s/unexport", chip);
	chown(path, 0, 0);
}

FIXTURE(applibs)
{
	int fw;
	struct peer peer;
	pid_t app;
};

FIXTURE_SETUP(applibs)
{
	struct azs_fw_status st;

	self->fw = fw_open();
	ASSERT_LE(0, self->fw);
	ASSERT_EQ(0, fw_status(self->fw, &st));
	ASSERT_EQ(0, st.num_assigned) TH_LOG("a previous test left resources assigned");
	grant_nodes("gpiochip");
	grant_nodes("ttyISU");
	grant_nodes("i2c-");
	grant_nodes("spidev");
	self->app = 0;
}

FIXTURE_TEARDOWN(applibs)
{
	if (self->app > 0) {
		kill(self->app, SIGKILL);
		waitpid(self->app, NULL, 0);
	}
	peer_kill(&self->peer);
	for (size_t i = 0; i < sizeof(used_resources) / sizeof(used_resources[0]); i++)
		fw_release(self->fw, used_resources[i].kind, used_resources[i].index);
	pwm_ungrant(1);
	pwm_ungrant(2);
	board_ctl_write("gpio/button_a", "release");
	board_ctl_write("gpio/line8", "z");
	board_ctl_write("uart/isu0/loopback", "0");
	board_ctl_write("adc/ch1", "0");
	close(self->fw);
}

#define ASSIGN(kind, index)                                                                        \
	ASSERT_EQ(0, fw_assign(self->fw, (kind), (index), AZS_FW_CORE_HL, OWNER))
#define START(fn, arg) ASSERT_EQ(0, peer_start(&self->peer, OWNER, (fn), (arg)))
#define WAIT()         ASSERT_EQ(0, peer_wait(&self->peer)) TH_LOG("the app failed before its step")
#define GO()           ASSERT_EQ(0, peer_go(&self->peer))
#define END()          EXPECT_EQ(0, peer_end(&self->peer))

/* ---- GPIO ---- */

static int gpio_app(struct peer *p, void *arg)
{
	GPIO_Value_Type v;
	int out, in, null;

	(void)arg;
	out = GPIO_OpenAsOutput(8, GPIO_OutputMode_PushPull, GPIO_Value_Low);
	CHILD_CHECK(out >= 0);
	STEP(); /* LED1 red on */
	CHILD_CHECK(GPIO_SetValue(out, GPIO_Value_High) == 0);
	CHILD_CHECK(GPIO_GetValue(out, &v) == 0 && v == GPIO_Value_High);
	STEP(); /* LED1 red off */
	CHILD_ERR(GPIO_OpenAsOutput(8, GPIO_OutputMode_PushPull, GPIO_Value_Low), EBUSY);
	CHILD_ERR(GPIO_OpenAsInput(8), EBUSY);

	in = GPIO_OpenAsInput(12);
	CHILD_CHECK(in >= 0);
	CHILD_CHECK(GPIO_GetValue(in, &v) == 0 && v == GPIO_Value_High);
	STEP(); /* button A pressed */
	CHILD_CHECK(GPIO_GetValue(in, &v) == 0 && v == GPIO_Value_Low);
	CHILD_CHECK(GPIO_SetValue(in, GPIO_Value_High) == 0); /* no effect on an input */

	/* Errors. */
	CHILD_ERR(GPIO_OpenAsInput(-1), ENODEV);
	CHILD_ERR(GPIO_OpenAsInput(24), ENODEV);
	CHILD_ERR(GPIO_OpenAsInput(81), ENODEV);
	CHILD_ERR(GPIO_OpenAsOutput(50, GPIO_OutputMode_PushPull, 0), ENODEV);
	CHILD_ERR(GPIO_OpenAsOutput(13, 3, GPIO_Value_Low), EINVAL);
	CHILD_ERR(GPIO_OpenAsOutput(13, GPIO_OutputMode_PushPull, 2), EINVAL);
	CHILD_ERR(GPIO_GetValue(out, NULL), EFAULT);
	CHILD_ERR(GPIO_GetValue(-1, &v), EBADF);
	CHILD_ERR(GPIO_SetValue(-1, 0), EBADF);
	CHILD_ERR(GPIO_SetValue(out, 2), EINVAL);
	null = open("/dev/null", O_RDWR);
	CHILD_ERR(GPIO_GetValue(null, &v), EBADF);
	CHILD_ERR(GPIO_SetValue(null, 1), EBADF);
	close(null);
	/* Gated: GPIO 13 is not assigned to this uid. */
	CHILD_ERR(GPIO_OpenAsInput(13), EACCES);
	CHILD_ERR(GPIO_OpenAsOutput(13, GPIO_OutputMode_PushPull, 1), EACCES);
	close(in);
	close(out);

	/* The output modes. */
	out = GPIO_OpenAsOutput(8, GPIO_OutputMode_OpenDrain, GPIO_Value_Low);
	CHILD_CHECK(out >= 0);
	STEP(); /* open-drain */
	close(out);
	out = GPIO_OpenAsOutput(8, GPIO_OutputMode_OpenSource, GPIO_Value_High);
	CHILD_CHECK(out >= 0);
	STEP(); /* open-source */
	close(out);
	return 0;
}

/*
 * An app without the Gpio capability: its sandbox's /dev has no GPIO chip
 * (here: a private, empty /dev). EACCES, as the API documents; ids that are
 * no MT3620 GPIO stay ENODEV. Likewise every peripheral whose node or sysfs
 * directory the app's sandbox lacks (/sys empty too).
 */
TEST(peripherals_without_capability)
{
	SPIMaster_Config sc;
	UART_Config uc;
	int st = 0;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755") ||
		    mount("tmpfs", "/sys", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755"))
			_exit(10);
		if (setgroups(0, NULL) || setresgid(OWNER, OWNER, OWNER) ||
		    setresuid(OWNER, OWNER, OWNER))
			_exit(11);
		errno = 0;
		if (GPIO_OpenAsOutput(8, GPIO_OutputMode_PushPull, GPIO_Value_Low) != -1 ||
		    errno != EACCES)
			_exit(errno == ENODEV ? 1 : 2);
		if (GPIO_OpenAsInput(12) != -1 || errno != EACCES)
			_exit(3);
		if (GPIO_OpenAsInput(24) != -1 || errno != ENODEV)
			_exit(4);
		UART_InitConfig(&uc);
		if (UART_Open(4 /* ISU0 */, &uc) != -1 || errno != EACCES)
			_exit(5);
		if (I2CMaster_Open(2) != -1 || errno != EACCES)
			_exit(6);
		if (SPIMaster_InitConfig(&sc) || SPIMaster_Open(1, -1 /* CS A */, &sc) != -1 ||
		    errno != EACCES)
			_exit(7);
		if (PWM_Open(0) != -1 || errno != EACCES)
			_exit(8);
		if (ADC_Open(0) != -1 || errno != EACCES)
			_exit(9);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st))
	TH_LOG("check %d failed (1: ENODEV instead of EACCES; 5..9 UART, I2C, SPI, PWM, ADC)",
	       WEXITSTATUS(st));
}

static int gpio_released(void *arg)
{
	(void)arg;
	CHILD_ERR(GPIO_OpenAsOutput(8, GPIO_OutputMode_PushPull, 1), EACCES);
	CHILD_ERR(GPIO_OpenAsInput(8), EACCES);
	return 0;
}

static int gpio_other(void *arg)
{
	(void)arg;
	CHILD_ERR(GPIO_OpenAsOutput(8, GPIO_OutputMode_PushPull, 1), EACCES);
	CHILD_ERR(GPIO_OpenAsInput(12), EACCES);
	return 0;
}

TEST_F(applibs, gpio)
{
	ASSIGN(AZS_FW_KIND_GPIO, 8);
	ASSIGN(AZS_FW_KIND_GPIO, 12);
	EXPECT_EQ(0, board_run_as(OTHER, gpio_other, NULL));
	START(gpio_app, NULL);
	WAIT();
	EXPECT_TRUE(ctl_has("gpio/leds", "led1_red on"));
	EXPECT_TRUE(ctl_has("gpio/line8", "out 0 push-pull requested"));
	GO();
	WAIT();
	EXPECT_TRUE(ctl_has("gpio/leds", "led1_red off"));
	GO();
	WAIT();
	ASSERT_EQ(0, board_ctl_write("gpio/button_a", "press"));
	GO();
	WAIT();
	EXPECT_TRUE(ctl_has("gpio/line8", "open-drain requested"));
	EXPECT_TRUE(ctl_has("gpio/leds", "led1_red on"));
	GO();
	WAIT();
	EXPECT_TRUE(ctl_has("gpio/line8", "out 1 open-source requested"));
	GO();
	END();
	/* Released or never assigned: EACCES for the owner too. */
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, 8));
	EXPECT_EQ(0, board_run_as(OWNER, gpio_released, NULL));
}

/* ---- UART ---- */

static int uart_app(struct peer *p, void *arg)
{
	UART_Config c, bad;
	char buf[16];
	int fd;

	(void)arg;
	UART_InitConfig(&c);
	CHILD_CHECK(c.z__magicAndVersion == 0xde2a0001u && c.baudRate == 115200 &&
		    c.dataBits == UART_DataBits_Eight && c.parity == UART_Parity_None &&
		    c.stopBits == UART_StopBits_One && c.flowControl == UART_FlowControl_None);
	fd = UART_Open(4, &c);
	CHILD_CHECK(fd >= 0);
	CHILD_CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CHILD_ERR(UART_Open(4, &c), EBUSY);
	CHILD_CHECK(write(fd, "abc", 3) == 3);
	CHILD_CHECK(read(fd, buf, sizeof(buf)) == -1 && errno == EAGAIN);
	STEP(); /* tx has "abc"; the far end sends "xyz" */
	{
		struct pollfd pf = {.fd = fd, .events = POLLIN};

		CHILD_CHECK(poll(&pf, 1, 2000) == 1);
		CHILD_CHECK(read(fd, buf, sizeof(buf)) == 3 && !memcmp(buf, "xyz", 3));
	}
	close(fd);
	c.baudRate = 9600;
	c.dataBits = UART_DataBits_Seven;
	c.parity = UART_Parity_Even;
	c.stopBits = UART_StopBits_Two;
	c.flowControl = UART_FlowControl_RTSCTS;
	fd = UART_Open(4, &c);
	CHILD_CHECK(fd >= 0);
	STEP(); /* config shows it */
	close(fd);

	/* Errors. */
	UART_InitConfig(&c);
	CHILD_ERR(UART_Open(3, &c), ENODEV);
	CHILD_ERR(UART_Open(9, &c), ENODEV);
	CHILD_ERR(UART_Open(4, NULL), EFAULT);
	bad = c;
	bad.z__magicAndVersion = 0x12340001u;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	bad = c;
	bad.z__magicAndVersion = 0xde2a0002u;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	bad = c;
	bad.baudRate = 12345;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	bad = c;
	bad.dataBits = 9;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	bad = c;
	bad.parity = 3;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	bad = c;
	bad.stopBits = 0;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	bad = c;
	bad.flowControl = 3;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	bad = c;
	bad.blockingMode = 1;
	CHILD_ERR(UART_Open(4, &bad), EINVAL);
	/* Gated: ISU1 is not assigned. */
	CHILD_ERR(UART_Open(5, &c), EACCES);
	return 0;
}

static int uart_other(void *arg)
{
	UART_Config c;

	(void)arg;
	UART_InitConfig(&c);
	CHILD_ERR(UART_Open(4, &c), EACCES);
	return 0;
}

TEST_F(applibs, uart)
{
	char buf[64];

	ASSIGN(AZS_FW_KIND_UART, 0);
	board_ctl_read("uart/isu0/tx", buf, sizeof(buf)); /* drain */
	EXPECT_EQ(0, board_run_as(OTHER, uart_other, NULL));
	START(uart_app, NULL);
	WAIT();
	ASSERT_EQ(3, board_ctl_read("uart/isu0/tx", buf, sizeof(buf)));
	EXPECT_STREQ("abc", buf);
	ASSERT_EQ(0, board_ctl_write("uart/isu0/rx", "xyz"));
	GO();
	WAIT();
	EXPECT_TRUE(ctl_has("uart/isu0/config", "baud 9600 bits 7 parity even stop 2 flow rtscts"));
	GO();
	END();
}

/* ---- I2C ---- */

static int i2c_app(struct peer *p, void *arg)
{
	const uint8_t who = 0x0f, ctrl[2] = {0x10, 0x40}, reg = 0x10;
	uint8_t b = 0;
	int fd;

	(void)arg;
	(void)p;
	fd = I2CMaster_Open(2);
	CHILD_CHECK(fd >= 0);
	CHILD_ERR(I2CMaster_Open(2), EBUSY);
	CHILD_CHECK(I2CMaster_WriteThenRead(fd, 0x6a, &who, 1, &b, 1) == 2 && b == 0x69);
	CHILD_CHECK(I2CMaster_Write(fd, 0x6a, ctrl, 2) == 2);
	CHILD_CHECK(I2CMaster_WriteThenRead(fd, 0x6a, &reg, 1, &b, 1) == 2 && b == 0x40);
	CHILD_CHECK(I2CMaster_Write(fd, 0x6a, &who, 1) == 1);
	CHILD_CHECK(I2CMaster_Read(fd, 0x6a, &b, 1) == 1 && b == 0x69);
	CHILD_CHECK(I2CMaster_SetDefaultTargetAddress(fd, 0x6a) == 0);
	b = 0;
	CHILD_CHECK(write(fd, &who, 1) == 1 && read(fd, &b, 1) == 1 && b == 0x69);
	CHILD_CHECK(I2CMaster_SetBusSpeed(fd, I2C_BUS_SPEED_STANDARD) == 0);
	CHILD_CHECK(I2CMaster_SetBusSpeed(fd, I2C_BUS_SPEED_FAST) == 0);
	CHILD_CHECK(I2CMaster_SetBusSpeed(fd, I2C_BUS_SPEED_FAST_PLUS) == 0);
	CHILD_CHECK(I2CMaster_SetBusSpeed(fd, I2C_BUS_SPEED_HIGH) == 0);
	CHILD_CHECK(I2CMaster_SetTimeout(fd, 100) == 0);

	/* Errors. */
	CHILD_ERR(I2CMaster_Read(fd, 0x50, &b, 1), ENXIO);
	CHILD_ERR(I2CMaster_SetBusSpeed(fd, 12345), EINVAL);
	CHILD_ERR(I2CMaster_SetBusSpeed(-1, I2C_BUS_SPEED_STANDARD), EBADF);
	CHILD_ERR(I2CMaster_SetTimeout(fd, 0), EINVAL);
	CHILD_ERR(I2CMaster_Open(5), ENODEV);
	CHILD_ERR(I2CMaster_Open(-1), ENODEV);
	CHILD_ERR(I2CMaster_WriteThenRead(fd, 0x6a, NULL, 1, &b, 1), EFAULT);
	CHILD_ERR(I2CMaster_Read(fd, 0x6a, NULL, 1), EFAULT);
	CHILD_ERR(I2CMaster_Write(fd, 0x80, &who, 1), EINVAL);
	CHILD_ERR(I2CMaster_Read(-1, 0x6a, &b, 1), EBADF);
	CHILD_ERR(I2CMaster_SetDefaultTargetAddress(fd, 0x80), EINVAL);
	/* Gated: ISU3 is not assigned. */
	CHILD_ERR(I2CMaster_Open(3), EACCES);
	STEP(); /* the test releases ISU2: an open fd is refused too */
	CHILD_ERR(I2CMaster_WriteThenRead(fd, 0x6a, &who, 1, &b, 1), EACCES);
	close(fd);
	return 0;
}

static int i2c_other(void *arg)
{
	(void)arg;
	CHILD_ERR(I2CMaster_Open(2), EACCES);
	return 0;
}

TEST_F(applibs, i2c)
{
	ASSIGN(AZS_FW_KIND_I2C, 2);
	EXPECT_EQ(0, board_run_as(OTHER, i2c_other, NULL));
	START(i2c_app, NULL);
	WAIT();
	EXPECT_TRUE(ctl_has("i2c/isu2/log", "addr 0x6a w 1 r 1 ok"));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_I2C, 2));
	GO();
	END();
	EXPECT_EQ(0, board_run_as(OWNER, i2c_other, NULL));
}

/* ---- SPI ---- */

static int spi_app(struct peer *p, void *arg)
{
	const uint8_t who = 0x8f, ctrl[2] = {0x10, 0x40}, rd_ctrl = 0x90;
	SPIMaster_Transfer t[3];
	SPIMaster_Config c, bad;
	uint8_t b = 0, big[2];
	int fd, fdb;

	(void)arg;
	(void)p;
	CHILD_CHECK(SPIMaster_InitConfig(&c) == 0);
	CHILD_CHECK(c.z__magicAndVersion == 0x45170001u &&
		    c.csPolarity == SPI_ChipSelectPolarity_ActiveLow);
	fd = SPIMaster_Open(1, -1, &c);
	CHILD_CHECK(fd >= 0);
	CHILD_ERR(SPIMaster_Open(1, -1, &c), EBUSY);
	CHILD_CHECK(SPIMaster_WriteThenRead(fd, &who, 1, &b, 1) == 2 && b == 0x69);
	CHILD_CHECK(SPIMaster_SetMode(fd, SPI_Mode_3) == 0);
	CHILD_CHECK(SPIMaster_SetBusSpeed(fd, 1000000) == 0);
	b = 0;
	CHILD_CHECK(SPIMaster_WriteThenRead(fd, &who, 1, &b, 1) == 2 && b == 0x69);
	CHILD_CHECK(SPIMaster_SetBitOrder(fd, SPI_BitOrder_LsbFirst) == 0);
	CHILD_CHECK(SPIMaster_WriteThenRead(fd, &who, 1, &b, 1) == 2 && b != 0x69);
	CHILD_CHECK(SPIMaster_SetBitOrder(fd, SPI_BitOrder_MsbFirst) == 0);
	CHILD_CHECK(SPIMaster_SetMode(fd, SPI_Mode_1) == 0);
	CHILD_CHECK(SPIMaster_WriteThenRead(fd, &who, 1, &b, 1) == 2 && b == 0xff);
	CHILD_CHECK(SPIMaster_SetMode(fd, SPI_Mode_0) == 0);
	/* Write a register, read it back: three transfers, one frame each call. */
	CHILD_CHECK(SPIMaster_InitTransfers(t, 3) == 0);
	CHILD_CHECK(t[2].z__magicAndVersion == 0x22130001u && t[2].flags == 0);
	t[0].flags = SPI_TransferFlags_Write;
	t[0].writeData = ctrl;
	t[0].length = 2;
	CHILD_CHECK(SPIMaster_TransferSequential(fd, t, 1) == 2);
	t[0].writeData = &rd_ctrl;
	t[0].length = 1;
	t[1].flags = SPI_TransferFlags_Read;
	t[1].readData = &b;
	t[1].length = 1;
	CHILD_CHECK(SPIMaster_TransferSequential(fd, t, 2) == 2 && b == 0x40);
	/* Chip select B has no device: MISO reads 0xff. */
	fdb = SPIMaster_Open(1, -2, &c);
	CHILD_CHECK(fdb >= 0);
	CHILD_CHECK(SPIMaster_WriteThenRead(fdb, &who, 1, &b, 1) == 2 && b == 0xff);
	close(fdb);

	/* Errors. */
	CHILD_ERR(SPIMaster_Open(5, -1, &c), ENODEV);
	CHILD_ERR(SPIMaster_Open(1, 0, &c), EINVAL);
	CHILD_ERR(SPIMaster_Open(1, -1, NULL), EFAULT);
	bad = c;
	bad.z__magicAndVersion = 0x45170002u;
	CHILD_ERR(SPIMaster_Open(1, -2, &bad), EINVAL);
	bad = c;
	bad.csPolarity = SPI_ChipSelectPolarity_Invalid;
	CHILD_ERR(SPIMaster_Open(1, -2, &bad), EINVAL);
	CHILD_ERR(SPIMaster_InitConfig(NULL), EFAULT);
	CHILD_ERR(z__SPIMaster_InitConfig((struct z__SPIMaster_Config_Base *)&bad, 2), EINVAL);
	CHILD_ERR(SPIMaster_SetMode(fd, SPI_Mode_Invalid), EINVAL);
	CHILD_ERR(SPIMaster_SetMode(fd, 5), EINVAL);
	CHILD_ERR(SPIMaster_SetMode(-1, SPI_Mode_0), EBADF);
	CHILD_ERR(SPIMaster_SetBitOrder(fd, SPI_BitOrder_Invalid), EINVAL);
	CHILD_ERR(SPIMaster_SetBusSpeed(fd, 0), EINVAL);
	CHILD_ERR(SPIMaster_TransferSequential(fd, t, 0), EINVAL);
	CHILD_ERR(SPIMaster_TransferSequential(fd, t, SPI_MASTER_MAX_TRANSFERS + 1), EINVAL);
	CHILD_ERR(SPIMaster_TransferSequential(fd, NULL, 1), EFAULT);
	CHILD_ERR(SPIMaster_WriteThenRead(fd, NULL, 1, &b, 1), EFAULT);
	CHILD_ERR(SPIMaster_WriteThenRead(fd, &who, 1, NULL, 1), EFAULT);
	CHILD_ERR(SPIMaster_WriteThenRead(fd, &who, 0, big, 1), EINVAL);
	CHILD_ERR(SPIMaster_WriteThenRead(fd, &who, 1, big, 0), EINVAL);
	t[0].z__magicAndVersion = 0x12340001u;
	CHILD_ERR(SPIMaster_TransferSequential(fd, t, 2), EINVAL);
	CHILD_CHECK(SPIMaster_InitTransfers(t, 2) == 0);
	CHILD_ERR(z__SPIMaster_TransferSequential(fd, (struct z__SPIMaster_Transfer_Base *)t, 1, 2),
		  EINVAL);
	CHILD_ERR(z__SPIMaster_InitTransfers((struct z__SPIMaster_Transfer_Base *)t, 1, 2), EINVAL);
	t[0].flags = SPI_TransferFlags_None;
	t[0].length = 1;
	CHILD_ERR(SPIMaster_TransferSequential(fd, t, 1), EINVAL);
	/* Gated: ISU2 is not assigned as SPI master. */
	CHILD_ERR(SPIMaster_Open(2, -1, &c), EACCES);
	close(fd);
	return 0;
}

static int spi_other(void *arg)
{
	SPIMaster_Config c;

	(void)arg;
	SPIMaster_InitConfig(&c);
	CHILD_ERR(SPIMaster_Open(1, -1, &c), EACCES);
	return 0;
}

TEST_F(applibs, spi)
{
	ASSIGN(AZS_FW_KIND_SPI, 1);
	EXPECT_EQ(0, board_run_as(OTHER, spi_other, NULL));
	START(spi_app, NULL);
	END();
	EXPECT_TRUE(ctl_has("spi/isu1/log", "cs 0 mode 3 msb 2 bytes ok"));
}

/* ---- PWM ---- */

static int pwm_app(struct peer *p, void *arg)
{
	PwmState s = {.period_nsec = 1000000,
		      .dutyCycle_nsec = 250000,
		      .polarity = PWM_Polarity_Normal,
		      .enabled = true};
	const PwmState long_duty = {.period_nsec = 1000000,
				    .dutyCycle_nsec = 900000,
				    .polarity = PWM_Polarity_Inversed,
				    .enabled = true};
	const PwmState half = {.period_nsec = 500000,
			       .dutyCycle_nsec = 250000,
			       .polarity = PWM_Polarity_Inversed,
			       .enabled = true};
	int fd, null, dupfd;

	(void)arg;
	fd = PWM_Open(2);
	CHILD_CHECK(fd >= 0);
	CHILD_ERR(PWM_Open(2), EBUSY);
	CHILD_CHECK(PWM_Apply(fd, 0, &s) == 0);
	STEP(); /* period 1 ms, duty 250 us, LED1 red at 75 % */
	/* Shorter periods: the duty cycle must shrink first. */
	s.period_nsec = 5000;
	s.dutyCycle_nsec = 1000;
	s.polarity = PWM_Polarity_Inversed;
	CHILD_CHECK(PWM_Apply(fd, 0, &s) == 0);
	STEP();
	s.enabled = false;
	CHILD_CHECK(PWM_Apply(fd, 1, &s) == 0);
	STEP();
	/*
	 * Another writer (a dup of the fd) lengthens channel 0's duty cycle
	 * past the period PWM_Apply then sets through the fd: the order it
	 * takes from what it applied through the fd (period first) is
	 * refused, so it reads the channel and sets the duty cycle first.
	 */
	dupfd = dup(fd);
	CHILD_CHECK(dupfd >= 0);
	CHILD_CHECK(PWM_Apply(dupfd, 0, &long_duty) == 0);
	close(dupfd);
	CHILD_CHECK(PWM_Apply(fd, 0, &half) == 0);
	STEP();

	/* Errors. */
	CHILD_ERR(PWM_Open(3), ENODEV);
	CHILD_ERR(PWM_Apply(fd, 0, NULL), EFAULT);
	CHILD_ERR(PWM_Apply(fd, 4, &s), ENODEV);
	s.dutyCycle_nsec = s.period_nsec + 1;
	CHILD_ERR(PWM_Apply(fd, 0, &s), EINVAL);
	s.dutyCycle_nsec = 0;
	s.period_nsec = 0;
	CHILD_ERR(PWM_Apply(fd, 0, &s), EINVAL);
	s.period_nsec = 1000;
	s.polarity = 2;
	CHILD_ERR(PWM_Apply(fd, 0, &s), EINVAL);
	s.polarity = PWM_Polarity_Normal;
	CHILD_ERR(PWM_Apply(-1, 0, &s), EBADF);
	null = open("/dev/null", O_RDONLY);
	CHILD_ERR(PWM_Apply(null, 0, &s), EBADF);
	close(null);
	/* Gated: controller 1 is granted files but not assigned. */
	CHILD_ERR(PWM_Open(1), EACCES);
	STEP(); /* the test releases controller 2: every change is refused */
	CHILD_ERR(PWM_Apply(fd, 0, &s), EACCES);
	close(fd);
	return 0;
}

static int pwm_other(void *arg)
{
	(void)arg;
	CHILD_ERR(PWM_Open(2), EACCES);
	return 0;
}

TEST_F(applibs, pwm)
{
	char chip[PATH_MAX], path[PATH_MAX + 16];

	ASSIGN(AZS_FW_KIND_PWM, 2);
	ASSERT_EQ(0, pwm_chip(2, chip, sizeof(chip)));
	ASSERT_EQ(0, pwm_grant(chip, 0, 1)); /* channels 2, 3 stay unexported */
	ASSERT_EQ(0, pwm_chip(1, path, sizeof(path)));
	ASSERT_EQ(0, pwm_grant(path, 1, 0)); /* the export files only */
	EXPECT_EQ(0, board_run_as(OTHER, pwm_other, NULL));
	START(pwm_app, NULL);
	WAIT();
	EXPECT_TRUE(
		ctl_has("pwm/ctl2/ch0", "enabled 1 period 1000000 duty 250000 polarity normal"));
	EXPECT_TRUE(ctl_has("pwm/leds", "led1_red 75"));
	GO();
	WAIT();
	EXPECT_TRUE(ctl_has("pwm/ctl2/ch0", "enabled 1 period 5000 duty 1000 polarity inversed"));
	GO();
	WAIT();
	EXPECT_TRUE(ctl_has("pwm/ctl2/ch1", "enabled 0 period 5000 duty 1000 polarity inversed"));
	/* PWM_Open's probe gave back the channel it exported. */
	snprintf(path, sizeof(path), "%s/pwm2", chip);
	EXPECT_NE(0, access(path, F_OK));
	GO();
	WAIT();
	EXPECT_TRUE(
		ctl_has("pwm/ctl2/ch0", "enabled 1 period 500000 duty 250000 polarity inversed"));
	GO();
	WAIT();
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_PWM, 2));
	GO();
	END();
}

/* ---- ADC ---- */

static int adc_app(struct peer *p, void *arg)
{
	uint32_t v = 0;
	int fd;

	(void)arg;
	fd = ADC_Open(0);
	CHILD_CHECK(fd >= 0);
	CHILD_ERR(ADC_Open(0), EBUSY);
	CHILD_CHECK(ADC_GetSampleBitCount(fd, 1) == 12);
	CHILD_CHECK(ADC_SetReferenceVoltage(fd, 1, 2.5f) == 0);
	CHILD_CHECK(ADC_Poll(fd, 1, &v) == 0 && v == 2048);
	CHILD_CHECK(ADC_Poll(fd, 0, &v) == 0 && v == 0);

	CHILD_ERR(ADC_Open(1), ENODEV);
	CHILD_ERR(ADC_SetReferenceVoltage(fd, 1, 1.8f), EINVAL);
	CHILD_ERR(ADC_SetReferenceVoltage(fd, 1, 3.3f), EINVAL);
	CHILD_ERR(ADC_Poll(fd, 8, &v), EINVAL);
	CHILD_ERR(ADC_GetSampleBitCount(fd, 8), EINVAL);
	CHILD_ERR(ADC_Poll(fd, 1, NULL), EFAULT);
	CHILD_ERR(ADC_Poll(-1, 1, &v), EBADF);
	CHILD_ERR(ADC_GetSampleBitCount(-1, 1), EBADF);
	STEP(); /* the test releases the ADC */
	CHILD_ERR(ADC_Poll(fd, 1, &v), EACCES);
	close(fd);
	CHILD_ERR(ADC_Open(0), EACCES);
	return 0;
}

static int adc_other(void *arg)
{
	(void)arg;
	CHILD_ERR(ADC_Open(0), EACCES);
	return 0;
}

TEST_F(applibs, adc)
{
	ASSIGN(AZS_FW_KIND_ADC, 0);
	ASSERT_EQ(0, board_ctl_write("adc/ch1", "1250"));
	ASSERT_EQ(0, board_ctl_write("adc/ch0", "0"));
	EXPECT_EQ(0, board_run_as(OTHER, adc_other, NULL));
	START(adc_app, NULL);
	WAIT();
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));
	GO();
	END();
}

/* ---- The sample apps, end to end ---- */

/* Show an app's output in the test's log, one "#   [app]" line each. */
static void show_output(const char *name, const char *out)
{
	const char *line = out;

	while (*line) {
		const char *end = strchr(line, '\n');
		int len = end ? (int)(end - line) : (int)strlen(line);

		fprintf(stderr, "#   [%s] %.*s\n", name, len, line);
		line += len + (end ? 1 : 0);
	}
}

/* Start /apps/<name>/bin/app as OWNER with its output in *out_fd. */
static pid_t app_start(const char *name, int *out_fd)
{
	char path[128];
	int pipefd[2];
	pid_t pid;

	snprintf(path, sizeof(path), "/apps/%s/bin/app", name);
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		if (setgroups(0, NULL) || setgid(OWNER) || setuid(OWNER))
			_exit(126);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	*out_fd = pipefd[0];
	return pid;
}

/* Wait up to ms for the app; its output in buf; exit status or -1. */
static int app_wait(pid_t pid, int out_fd, char *buf, size_t len, int ms)
{
	size_t used = 0;
	int status;

	for (;;) {
		struct pollfd pf = {.fd = out_fd, .events = POLLIN};
		int r = poll(&pf, 1, ms);
		ssize_t n;

		if (r <= 0) {
			kill(pid, SIGKILL);
			break;
		}
		n = read(out_fd, buf + used, len - 1 - used);
		if (n <= 0)
			break;
		used += (size_t)n;
		if (used == len - 1)
			break;
	}
	buf[used] = '\0';
	close(out_fd);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int run_sample(const char *name, char *buf, size_t len)
{
	int out;
	pid_t pid = app_start(name, &out);

	if (pid < 0)
		return -1;
	return app_wait(pid, out, buf, len, 20000);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Count LED1 red's changes during ms milliseconds. */
static int count_toggles(int ms)
{
	long end = now_ms() + ms;
	int prev = -1, n = 0;

	while (now_ms() < end) {
		int on = ctl_has("gpio/leds", "led1_red on");

		if (prev >= 0 && on != prev)
			n++;
		prev = on;
		usleep(10000);
	}
	return n;
}

/* A "Key:   N kB" value of /proc/<pid>/<file>, or -1. */
static long proc_kb(pid_t pid, const char *file, const char *key)
{
	char path[64], buf[4096], *at;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	at = strstr(buf, key);
	return at ? strtol(at + strlen(key), NULL, 10) : -1;
}

TEST_F(applibs, sample_blink)
{
	char out[4096];
	int fd, before, after;
	long hwm;

	ASSIGN(AZS_FW_KIND_GPIO, 8);
	ASSIGN(AZS_FW_KIND_GPIO, 12);
	self->app = app_start("blink", &fd);
	ASSERT_LT(0, self->app);
	usleep(500000);
	before = count_toggles(2000); /* 500 ms: about 4 */
	ASSERT_EQ(0, board_ctl_write("gpio/button_a", "press"));
	usleep(300000);
	ASSERT_EQ(0, board_ctl_write("gpio/button_a", "release"));
	usleep(300000);
	after = count_toggles(2000); /* 250 ms: about 8 */
	TH_LOG("LED1 red changes in 2 s: %d at 500 ms, %d at 250 ms", before, after);
	EXPECT_LE(2, before);
	EXPECT_LT(before + 1, after);
	/*
	 * VmHWM comes from the kernel's RSS counters, which Linux 6.1 batches
	 * per task (SPLIT_RSS_COUNTING), so it can lag; smaps_rollup walks the
	 * page tables and is exact (the app is idle and at its steady state).
	 */
	hwm = proc_kb(self->app, "status", "VmHWM:");
	TH_LOG("blink memory: VmHWM %ld KiB, VmRSS %ld KiB; smaps_rollup Rss %ld KiB "
	       "(Anonymous %ld KiB, Private_Dirty %ld KiB)",
	       hwm, proc_kb(self->app, "status", "VmRSS:"),
	       proc_kb(self->app, "smaps_rollup", "Rss:"),
	       proc_kb(self->app, "smaps_rollup", "Anonymous:"),
	       proc_kb(self->app, "smaps_rollup", "Private_Dirty:"));
	EXPECT_LT(0, proc_kb(self->app, "smaps_rollup", "Rss:"));
	kill(self->app, SIGTERM);
	EXPECT_EQ(0, app_wait(self->app, fd, out, sizeof(out), 5000));
	self->app = 0;
	show_output("blink", out);
	EXPECT_NE(NULL, strstr(out, "Blink interval: 500 ms"));
	EXPECT_NE(NULL, strstr(out, "Blink interval: 250 ms"));
	EXPECT_NE(NULL, strstr(out, "peak memory"));
	/* Without its resources the app stops at once with EACCES. */
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, 8));
	EXPECT_EQ(2, run_sample("blink", out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "Permission denied"));
}

TEST_F(applibs, sample_uart_loopback)
{
	char out[4096], tx[256];

	ASSIGN(AZS_FW_KIND_UART, 0);
	board_ctl_read("uart/isu0/tx", tx, sizeof(tx));
	ASSERT_EQ(0, board_ctl_write("uart/isu0/loopback", "1"));
	EXPECT_EQ(0, run_sample("uart-loopback", out, sizeof(out)));
	show_output("uart-loopback", out);
	EXPECT_NE(NULL, strstr(out, "UART received 26 bytes: 'Hello from the UART sample'"));
	ASSERT_LT(0, board_ctl_read("uart/isu0/tx", tx, sizeof(tx)));
	EXPECT_STREQ("Hello from the UART sample", tx);
}

TEST_F(applibs, sample_i2c_accel)
{
	char out[4096];

	ASSIGN(AZS_FW_KIND_I2C, 2);
	EXPECT_EQ(0, run_sample("i2c-accel", out, sizeof(out)));
	show_output("i2c-accel", out);
	EXPECT_NE(NULL, strstr(out, "WHO_AM_I=0x69"));
	EXPECT_NE(NULL, strstr(out, "acceleration [g]"));
}

TEST_F(applibs, sample_spi_accel)
{
	char out[4096];

	ASSIGN(AZS_FW_KIND_SPI, 1);
	EXPECT_EQ(0, run_sample("spi-accel", out, sizeof(out)));
	show_output("spi-accel", out);
	EXPECT_NE(NULL, strstr(out, "WHO_AM_I=0x69"));
	EXPECT_NE(NULL, strstr(out, "acceleration [g]"));
}

TEST_F(applibs, sample_pwm_dim)
{
	char chip[PATH_MAX], out[4096], seen[16][96], buf[96];
	int fd, nseen = 0;
	pid_t pid;

	ASSIGN(AZS_FW_KIND_PWM, 2);
	ASSERT_EQ(0, pwm_chip(2, chip, sizeof(chip)));
	ASSERT_EQ(0, pwm_grant(chip, 0, 0));
	pid = app_start("pwm-dim", &fd);
	ASSERT_LT(0, pid);
	self->app = pid;
	/* Watch channel 0 change while the app steps the brightness. */
	for (long end = now_ms() + 3500; now_ms() < end && nseen < 16;) {
		if (board_ctl_read("pwm/ctl2/ch0", buf, sizeof(buf)) > 0 &&
		    (nseen == 0 || strcmp(seen[nseen - 1], buf)))
			strcpy(seen[nseen++], buf);
		usleep(20000);
	}
	EXPECT_EQ(0, app_wait(pid, fd, out, sizeof(out), 10000));
	self->app = 0;
	show_output("pwm-dim", out);
	TH_LOG("channel 0 took %d states", nseen);
	EXPECT_LE(5, nseen);
	EXPECT_TRUE(ctl_has("pwm/ctl2/ch0", "enabled 1 period 1000000 duty 0 polarity normal"));
	EXPECT_TRUE(ctl_has("pwm/leds", "led1_red 100"));
}

TEST_F(applibs, sample_adc_read)
{
	char out[4096];

	ASSIGN(AZS_FW_KIND_ADC, 0);
	ASSERT_EQ(0, board_ctl_write("adc/ch1", "1250"));
	EXPECT_EQ(0, run_sample("adc-read", out, sizeof(out)));
	show_output("adc-read", out);
	EXPECT_NE(NULL, strstr(out, "sample 2048 of 12 bits, 1250 mV"));
	ASSERT_EQ(0, board_ctl_write("adc/ch1", "1987"));
	EXPECT_EQ(0, run_sample("adc-read", out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, ", 1987 mV"));
}

/* Without MutableStorage the sandbox has no /mnt/config, nor does this test. */
TEST(mutable_storage_needs_the_capability)
{
	errno = 0;
	EXPECT_EQ(-1, Storage_OpenMutableFile());
	EXPECT_EQ(EACCES, errno);
	errno = 0;
	EXPECT_EQ(-1, Storage_DeleteMutableFile());
	EXPECT_EQ(EACCES, errno);
}

TEST_HARNESS_MAIN
