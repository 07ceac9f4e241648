// SPDX-License-Identifier: MIT
/*
 * The I/O cores' initiator device, /dev/azsphere-iocore (uapi
 * azsphere/iocore.h): who may open and bind it, the validation of every
 * field, the firewall check for the bound core on every access (a refused
 * access changes neither the firewall nor the pin) and GPIO driven on the
 * board as the core. Every test leaves the firewall table empty.
 */
#include <linux/capability.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <azsphere/iocore.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define LED_RED    8 /* MT3620 RDB LED1 red: GPIO block 2 */
#define LED_PWM    2 /* PWM-CONTROLLER-2: GPIO block 2, LED1 red on channel 0 */
#define SENSOR_ISU 2 /* the board's LSM6DS3 answers on ISU2's I2C (default) */
#define UART_ISU   0

static int io_open(void)
{
	return open(AZS_IOCORE_DEVICE, O_RDWR | O_CLOEXEC);
}

static int io_bind(int fd, uint32_t core)
{
	struct azs_iocore_bind b = {.size = sizeof(b), .core = core};

	return fw_ioctl(fd, AZS_IOCORE_IOC_BIND, &b);
}

static int io_access(int fd, uint32_t op, uint32_t kind, uint32_t index, uint32_t *value)
{
	struct azs_iocore_access a = {.size = sizeof(a),
				      .op = op,
				      .kind = kind,
				      .index = index,
				      .value = value ? *value : 0};
	int ret = fw_ioctl(fd, AZS_IOCORE_IOC_ACCESS, &a);

	if (!ret && value)
		*value = a.value;
	return ret;
}

/* "on"/"off" of LED1 red on the board, or "?". */
static const char *led1_red(char *buf, size_t len)
{
	char *p;

	if (board_ctl_read("gpio/leds", buf, len) < 0 || !(p = strstr(buf, "led1_red ")))
		return "?";
	p += strlen("led1_red ");
	p[strcspn(p, "\n")] = '\0';
	return p;
}

FIXTURE(io)
{
	int fw, fd;
	struct fw_snapshot before;
};

FIXTURE_SETUP(io)
{
	FW_OPEN_CLEAN(self->fw);
	self->fd = io_open();
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", AZS_IOCORE_DEVICE, strerror(errno));
}

FIXTURE_TEARDOWN(io)
{
	fw_release(self->fw, AZS_FW_KIND_GPIO, LED_RED);
	fw_release(self->fw, AZS_FW_KIND_ADC, 0);
	fw_release(self->fw, AZS_FW_KIND_PWM, LED_PWM);
	fw_release(self->fw, AZS_FW_KIND_I2C, SENSOR_ISU);
	fw_release(self->fw, AZS_FW_KIND_UART, UART_ISU);
	close(self->fd);
	close(self->fw);
}

TEST_F(io, an_unbound_fd_acts_as_no_core)
{
	uint32_t v = 0;

	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(-ENXIO,
		  io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
	EXPECT_EQ(-ENXIO,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
}

TEST_F(io, bind_validates_every_field)
{
	struct azs_iocore_bind b;

	memset(&b, 0, sizeof(b));
	b.size = sizeof(b) - 1;
	b.core = AZS_FW_CORE_IO0;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	b.size = sizeof(b);
	b.flags = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	b.flags = 0;
	b.pad = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	b.pad = 0;
	b.reserved[1] = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, &b));
	EXPECT_EQ(-EINVAL, io_bind(self->fd, AZS_FW_CORE_NONE));
	EXPECT_EQ(-EINVAL, io_bind(self->fd, AZS_FW_CORE_HL));
	EXPECT_EQ(-EINVAL, io_bind(self->fd, AZS_FW_CORE_IO1 + 1));
	EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, AZS_IOCORE_IOC_BIND, NULL));
	EXPECT_EQ(-ENOTTY, fw_ioctl(self->fd, AZS_FW_IOC_QUERY, &b));
	/* None of it bound the fd. */
	EXPECT_EQ(-ENXIO,
		  io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
}

TEST_F(io, an_fd_binds_to_one_core_once)
{
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(-EBUSY, io_bind(self->fd, AZS_FW_CORE_IO1));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
}

TEST_F(io, access_validates_every_field)
{
	struct azs_iocore_access a;
	uint32_t v = 2;

	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a) + 8;
	a.kind = AZS_FW_KIND_GPIO;
	a.index = LED_RED;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, &a));
	a.size = sizeof(a);
	a.flags = 4;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, &a));
	a.flags = 0;
	a.reserved[0] = 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, &a));
	EXPECT_EQ(-EINVAL,
		  io_access(self->fd, AZS_IOCORE_OP_MAX + 1, AZS_FW_KIND_GPIO, LED_RED, NULL));
	EXPECT_EQ(-EINVAL,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(-EINVAL, io_access(self->fd, AZS_IOCORE_OP_GPIO_GET, AZS_FW_KIND_ADC, 0, NULL));
	EXPECT_EQ(-EINVAL, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, 24, NULL));
	EXPECT_EQ(-EINVAL, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_MAX + 1, 0, NULL));
	EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, AZS_IOCORE_IOC_ACCESS, NULL));
}

TEST_F(io, a_block_not_the_cores_is_refused_and_nothing_changes)
{
	struct fw_snapshot now;
	char buf[1024];
	uint32_t v = 0;

	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	ASSERT_STREQ("off", led1_red(buf, sizeof(buf)));
	/* Unassigned, the other I/O core's, the HL core's. */
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO1, AZS_FW_NO_OWNER));
	ASSERT_EQ(0, fw_snapshot(self->fw, &self->before));
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_GPIO, LED_RED, NULL));
	ASSERT_EQ(0, fw_snapshot(self->fw, &now));
	EXPECT_TRUE(fw_snapshot_equal(&self->before, &now));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, LED_RED));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_HL, 0));
	EXPECT_EQ(-EACCES,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_STREQ("off", led1_red(buf, sizeof(buf)));
}

TEST_F(io, the_bound_core_drives_its_pins_on_the_board)
{
	char buf[1024];
	uint32_t v;

	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	v = 0; /* active low: lit */
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_STREQ("on", led1_red(buf, sizeof(buf)));
	v = 7;
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_GET, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(0, v);
	v = 1;
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_STREQ("off", led1_red(buf, sizeof(buf)));
	ASSERT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_GPIO_GET, AZS_FW_KIND_GPIO, LED_RED, &v));
	EXPECT_EQ(1, v);
	EXPECT_EQ(0,
		  io_access(self->fd, AZS_IOCORE_OP_GPIO_INPUT, AZS_FW_KIND_GPIO, LED_RED, NULL));
	EXPECT_STREQ("off", led1_red(buf, sizeof(buf)));
	/* A non-GPIO block of the core: the check only. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, io_access(self->fd, AZS_IOCORE_OP_CHECK, AZS_FW_KIND_ADC, 0, NULL));
}

/* ---- ADC, PWM, I2C and UART as the core (the board's own models) ---- */

static int adc_read(int fd, uint32_t kind, uint32_t index, uint32_t channel, uint32_t *sample)
{
	uint32_t v = channel;
	int ret = io_access(fd, AZS_IOCORE_OP_ADC_READ, kind, index, &v);

	if (!ret && sample)
		*sample = v;
	return ret;
}

TEST_F(io, adc_read_validates_and_needs_the_block)
{
	uint32_t v = 0;

	ASSERT_EQ(0, board_ctl_write("adc/ch3", "1250"));
	EXPECT_EQ(-ENXIO, adc_read(self->fd, AZS_FW_KIND_ADC, 0, 3, &v));
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(-EACCES, adc_read(self->fd, AZS_FW_KIND_ADC, 0, 3, &v)); /* unassigned */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_IO1, AZS_FW_NO_OWNER));
	EXPECT_EQ(-EACCES, adc_read(self->fd, AZS_FW_KIND_ADC, 0, 3, &v)); /* the other core's */
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_ADC, 0));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_ADC, 0, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(-EINVAL, adc_read(self->fd, AZS_FW_KIND_GPIO, LED_RED, 3, &v)); /* kind */
	EXPECT_EQ(-EINVAL, adc_read(self->fd, AZS_FW_KIND_ADC, 1, 3, &v));        /* index */
	EXPECT_EQ(-EINVAL, adc_read(self->fd, AZS_FW_KIND_ADC, 0, AZS_IOCORE_ADC_CHANNELS, &v));
	/* The board's sample: round(1250 mV * 4095 / 2500). */
	ASSERT_EQ(0, adc_read(self->fd, AZS_FW_KIND_ADC, 0, 3, &v));
	EXPECT_EQ(2048u, v);
	ASSERT_EQ(0, board_ctl_write("adc/ch3", "2500"));
	ASSERT_EQ(0, adc_read(self->fd, AZS_FW_KIND_ADC, 0, 3, &v));
	EXPECT_EQ(4095u, v);
	board_ctl_write("adc/ch3", "0");
}

static int pwm_set(int fd, struct azs_iocore_pwm *p)
{
	return fw_ioctl(fd, AZS_IOCORE_IOC_PWM, p);
}

static struct azs_iocore_pwm pwm_good(void)
{
	return (struct azs_iocore_pwm){.size = sizeof(struct azs_iocore_pwm),
				       .controller = LED_PWM,
				       .channel = 0,
				       .period_ns = 1000000,
				       .duty_ns = 250000,
				       .polarity = 0,
				       .enabled = 1};
}

static bool pwm_state_is(const char *want)
{
	char buf[128];

	if (board_ctl_read("pwm/ctl2/ch0", buf, sizeof(buf)) < 0)
		return false;
	buf[strcspn(buf, "\n")] = '\0';
	return !strcmp(buf, want);
}

TEST_F(io, pwm_set_validates_every_field_and_needs_the_block)
{
	struct azs_iocore_pwm p = pwm_good();
	char before[128];

	ASSERT_LE(0, board_ctl_read("pwm/ctl2/ch0", before, sizeof(before)));
	before[strcspn(before, "\n")] = '\0';
	EXPECT_EQ(-ENXIO, pwm_set(self->fd, &p));
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(-EACCES, pwm_set(self->fd, &p));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_PWM, LED_PWM, AZS_FW_CORE_IO1, AZS_FW_NO_OWNER));
	EXPECT_EQ(-EACCES, pwm_set(self->fd, &p));
	EXPECT_TRUE(pwm_state_is(before));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_PWM, LED_PWM));
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_PWM, LED_PWM, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	/* Another controller, not the core's. */
	p.controller = 1;
	EXPECT_EQ(-EACCES, pwm_set(self->fd, &p));
#define BAD(field, v)                                                                              \
	do {                                                                                       \
		p = pwm_good();                                                                    \
		p.field = v;                                                                       \
		EXPECT_EQ(-EINVAL, pwm_set(self->fd, &p)) TH_LOG(#field " = " #v);                 \
	} while (0)
	BAD(size, sizeof(p) - 4);
	BAD(flags, 1);
	BAD(reserved[1], 1);
	BAD(controller, AZS_IOCORE_PWM_CONTROLLERS);
	BAD(channel, AZS_IOCORE_PWM_CHANNELS);
	BAD(polarity, 2);
	BAD(enabled, 2);
	BAD(period_ns, 999);
	BAD(period_ns, 1000000001);
	BAD(duty_ns, 1000001);
#undef BAD
	EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, AZS_IOCORE_IOC_PWM, NULL));
	EXPECT_TRUE(pwm_state_is(before)) TH_LOG("a refusal changed the board");
	p = pwm_good();
	ASSERT_EQ(0, pwm_set(self->fd, &p));
	EXPECT_TRUE(pwm_state_is("enabled 1 period 1000000 duty 250000 polarity normal"));
	p.polarity = 1;
	p.enabled = 0;
	ASSERT_EQ(0, pwm_set(self->fd, &p));
	EXPECT_TRUE(pwm_state_is("enabled 0 period 1000000 duty 250000 polarity inversed"));
	p.polarity = 0;
	pwm_set(self->fd, &p);
}

static struct azs_iocore_i2c i2c_good(const uint8_t *w, uint8_t *r)
{
	return (struct azs_iocore_i2c){.size = sizeof(struct azs_iocore_i2c),
				       .isu = SENSOR_ISU,
				       .addr = 0x6a,
				       .write_len = 1,
				       .read_len = 1,
				       .write_buf = (uintptr_t)w,
				       .read_buf = (uintptr_t)r};
}

/* The last line of ISU2's I2C log on the board, or "". */
static void i2c_last(char *line, size_t len)
{
	char buf[4096], *p, *last = NULL;

	line[0] = '\0';
	if (board_ctl_read("i2c/isu2/log", buf, sizeof(buf)) < 0)
		return;
	for (p = strtok(buf, "\n"); p; p = strtok(NULL, "\n"))
		last = p;
	if (last)
		snprintf(line, len, "%s", last);
}

TEST_F(io, i2c_transfer_validates_every_field_and_needs_the_block)
{
	const uint8_t reg = 0x0f; /* WHO_AM_I */
	uint8_t who = 0;
	struct azs_iocore_i2c x = i2c_good(&reg, &who);
	char before[256], now[256];

	board_ctl_write("i2c/isu2/log", "clear");
	i2c_last(before, sizeof(before));
	EXPECT_EQ(-ENXIO, fw_ioctl(self->fd, AZS_IOCORE_IOC_I2C, &x));
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(-EACCES, fw_ioctl(self->fd, AZS_IOCORE_IOC_I2C, &x));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_I2C, SENSOR_ISU, AZS_FW_CORE_IO1,
			       AZS_FW_NO_OWNER));
	EXPECT_EQ(-EACCES, fw_ioctl(self->fd, AZS_IOCORE_IOC_I2C, &x));
	i2c_last(now, sizeof(now));
	EXPECT_STREQ(before, now) TH_LOG("a refused transfer reached the bus");
	EXPECT_EQ(0, who);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_I2C, SENSOR_ISU));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_I2C, SENSOR_ISU, AZS_FW_CORE_IO0,
			       AZS_FW_NO_OWNER));
#define BAD(field, v, err)                                                                         \
	do {                                                                                       \
		x = i2c_good(&reg, &who);                                                          \
		x.field = v;                                                                       \
		EXPECT_EQ(err, fw_ioctl(self->fd, AZS_IOCORE_IOC_I2C, &x))                         \
		TH_LOG(#field " = " #v);                                                           \
	} while (0)
	BAD(size, sizeof(x) + 8, -EINVAL);
	BAD(flags, 2, -EINVAL);
	BAD(reserved[0], 1, -EINVAL);
	BAD(isu, AZS_IOCORE_ISUS, -EINVAL);
	BAD(isu, 1, -EACCES); /* not the core's */
	BAD(addr, 0x80, -EINVAL);
	BAD(write_len, AZS_IOCORE_I2C_MAX + 1, -EINVAL);
	BAD(read_len, AZS_IOCORE_I2C_MAX + 1, -EINVAL);
	BAD(write_buf, 8, -EFAULT);
	BAD(read_buf, 8, -EFAULT); /* before the bus: no log line */
	x = i2c_good(&reg, &who);
	x.write_len = 0;
	x.read_len = 0;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_I2C, &x));
#undef BAD
	i2c_last(now, sizeof(now));
	EXPECT_STREQ(before, now) TH_LOG("a refused transfer reached the bus");
	EXPECT_EQ(0, who);
	/* The board's sensor answers: WHO_AM_I. */
	x = i2c_good(&reg, &who);
	ASSERT_EQ(0, fw_ioctl(self->fd, AZS_IOCORE_IOC_I2C, &x));
	EXPECT_EQ(0x69, who);
	i2c_last(now, sizeof(now));
	EXPECT_STREQ("addr 0x6a w 1 r 1 ok", now);
	/* Nobody at 0x10: a NACK. */
	x.addr = 0x10;
	EXPECT_EQ(-ENXIO, fw_ioctl(self->fd, AZS_IOCORE_IOC_I2C, &x));
	i2c_last(now, sizeof(now));
	EXPECT_STREQ("addr 0x10 w 1 r 1 nack", now);
}

TEST_F(io, uart_write_validates_every_field_and_needs_the_block)
{
	const char msg[] = "hello";
	struct azs_iocore_uart u = {.size = sizeof(u),
				    .isu = UART_ISU,
				    .op = AZS_IOCORE_UART_WRITE,
				    .len = 5,
				    .buf = (uintptr_t)msg};
	struct azs_iocore_uart good = u;
	char buf[64];

	board_ctl_read("uart/isu0/tx", buf, sizeof(buf)); /* drained */
	EXPECT_EQ(-ENXIO, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(-EACCES, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, UART_ISU, AZS_FW_CORE_IO1,
			       AZS_FW_NO_OWNER));
	EXPECT_EQ(-EACCES, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, UART_ISU));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, UART_ISU, AZS_FW_CORE_IO0,
			       AZS_FW_NO_OWNER));
#define BAD(field, v, err)                                                                         \
	do {                                                                                       \
		u = good;                                                                          \
		u.field = v;                                                                       \
		EXPECT_EQ(err, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u))                        \
		TH_LOG(#field " = " #v);                                                           \
	} while (0)
	BAD(size, sizeof(u) - 8, -EINVAL);
	BAD(flags, 1, -EINVAL);
	BAD(pad, 1, -EINVAL);
	BAD(reserved[1], 1, -EINVAL);
	BAD(isu, AZS_IOCORE_ISUS, -EINVAL);
	BAD(isu, 1, -EACCES);
	BAD(op, 0, -EINVAL);
	BAD(op, AZS_IOCORE_UART_READ + 1, -EINVAL);
	BAD(len, 0, -EINVAL);
	BAD(len, AZS_IOCORE_UART_MAX + 1, -EINVAL);
	BAD(buf, 8, -EFAULT);
#undef BAD
	EXPECT_EQ(0, board_ctl_read("uart/isu0/tx", buf, sizeof(buf)))
	TH_LOG("a refused write reached the far end");
	u = good;
	ASSERT_EQ(0, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	EXPECT_EQ(5u, u.len);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(5, board_ctl_read("uart/isu0/tx", buf, sizeof(buf)));
	EXPECT_STREQ("hello", buf);
}

TEST_F(io, uart_read_takes_what_the_far_end_sent_to_the_core)
{
	char buf[AZS_IOCORE_UART_MAX + 1];
	struct azs_iocore_uart u = {.size = sizeof(u),
				    .isu = UART_ISU,
				    .op = AZS_IOCORE_UART_READ,
				    .len = 4,
				    .buf = (uintptr_t)buf};
	struct azs_iocore_uart good = u;

	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	/* Sent while the UART is IO1's: IO0 never sees it. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, UART_ISU, AZS_FW_CORE_IO1,
			       AZS_FW_NO_OWNER));
	ASSERT_EQ(0, board_ctl_write("uart/isu0/rx", "secret"));
	EXPECT_EQ(-EACCES, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, UART_ISU));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, UART_ISU, AZS_FW_CORE_IO0,
			       AZS_FW_NO_OWNER));
	u = good;
	ASSERT_EQ(0, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	EXPECT_EQ(0u, u.len) TH_LOG("another core's bytes reached IO0");
	/* Sent while it is IO0's: read in order, in pieces, then none. */
	ASSERT_EQ(0, board_ctl_write("uart/isu0/rx", "ping\n"));
	u = good;
	u.buf = 8;
	EXPECT_EQ(-EFAULT, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	u = good;
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(0, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	ASSERT_EQ(4u, u.len);
	EXPECT_EQ(0, memcmp(buf, "ping", 4));
	u = good;
	ASSERT_EQ(0, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	ASSERT_EQ(1u, u.len);
	EXPECT_EQ('\n', buf[0]);
	u = good;
	ASSERT_EQ(0, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	EXPECT_EQ(0u, u.len);
	u = good;
	u.len = AZS_IOCORE_UART_MAX + 1;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
	u.len = 0;
	EXPECT_EQ(-EINVAL, fw_ioctl(self->fd, AZS_IOCORE_IOC_UART, &u));
}

/* Clear CAP_SYS_ADMIN from this process's capability sets (stay root). */
static int drop_cap_sys_admin(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective &= ~(1u << CAP_SYS_ADMIN);
	d[0].permitted &= ~(1u << CAP_SYS_ADMIN);
	d[0].inheritable &= ~(1u << CAP_SYS_ADMIN);
	return (int)syscall(SYS_capset, &h, d);
}

/* In a child without CAP_SYS_ADMIN: what it may do with FD (bound to IO0 or not). */
static int without_cap(int fd, bool bound)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		uint32_t v = 1;

		if (drop_cap_sys_admin() || getuid() != 0)
			_exit(2);
		if (io_open() >= 0 || errno != EPERM)
			_exit(3); /* root's node, but no CAP_SYS_ADMIN */
		if (!bound)
			_exit(io_bind(fd, AZS_FW_CORE_IO0) == -EPERM ? 0 : 4);
		if (io_bind(fd, AZS_FW_CORE_IO0) || io_bind(fd, AZS_FW_CORE_IO1) != -EBUSY)
			_exit(5);
		/* The holder of a bound fd acts as its core. */
		_exit(io_access(fd, AZS_IOCORE_OP_GPIO_OUTPUT, AZS_FW_KIND_GPIO, LED_RED, &v) ? 6
											      : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST_F(io, only_cap_sys_admin_opens_and_binds)
{
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, LED_RED, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(0, without_cap(self->fd, false));
	ASSERT_EQ(0, io_bind(self->fd, AZS_FW_CORE_IO0));
	EXPECT_EQ(0, without_cap(self->fd, true));
}

static int open_in_user_namespace(void *arg)
{
	(void)arg;
	if (unshare(CLONE_NEWUSER))
		return 2;
	return io_open() < 0 ? 0 : 1;
}

TEST_F(io, no_app_uid_or_user_namespace_opens_it)
{
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, open_in_user_namespace, NULL));
}

TEST_HARNESS_MAIN
