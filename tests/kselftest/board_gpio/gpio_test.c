// SPDX-License-Identifier: MIT
/*
 * The simulated board's GPIO class: the "mt3620-gpio" chip seen through the
 * GPIO character device (uAPI v2 as apps use it, v1 and sysfs to prove the
 * firewall covers every request path), its pin semantics (directions,
 * push-pull / open-drain / open-source outputs, bias, edge events), the RDB
 * board model (LEDs, buttons) and the control files that play the outside
 * world. Apps are child processes running as BOARD_UID_OWNER or
 * BOARD_UID_OTHER; they inherit the chip fd the test (root) opened. Every
 * test leaves the firewall table empty.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "gpio_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define OWNER BOARD_UID_OWNER
#define OTHER BOARD_UID_OTHER

/* Pins no board part is wired to (GPIO block 0 and 1). */
#define PIN_PP     0
#define PIN_OD     1
#define PIN_OS     2
#define PIN_BIAS   3
#define PIN_FW     4
#define PIN_FW2    5
#define PIN_CTL    6
#define PIN_SYSFS  7

#define IN         GPIO_V2_LINE_FLAG_INPUT
#define OUT        GPIO_V2_LINE_FLAG_OUTPUT
#define EDGE_FALL  GPIO_V2_LINE_FLAG_EDGE_FALLING
#define EDGE_RISE  GPIO_V2_LINE_FLAG_EDGE_RISING
#define ACTIVE_LOW GPIO_V2_LINE_FLAG_ACTIVE_LOW

/* Control files */

static int line_ctl_write(unsigned int gpio, const char *value)
{
	char path[32];

	snprintf(path, sizeof(path), "gpio/line%u", gpio);
	return board_ctl_write(path, value);
}

struct line_state {
	char dir[8];
	int level;
	char mode[16];
	char owner[16];
};

/* Parse gpio/line<N>: "<in|out> <level> <mode> <requested|free>". */
static int line_ctl_read(unsigned int gpio, struct line_state *s)
{
	char path[32], buf[64], end;
	int n;

	memset(s, 0, sizeof(*s));
	snprintf(path, sizeof(path), "gpio/line%u", gpio);
	n = board_ctl_read(path, buf, sizeof(buf));
	if (n < 0)
		return n;
	if (sscanf(buf, "%7s %d %15s %15s%c", s->dir, &s->level, s->mode, s->owner, &end) != 5 ||
	    end != '\n')
		return -EPROTO;
	return 0;
}

/* 1 if the LED is lit, 0 if not, -1 if gpio/leds does not list it. */
static int led_lit(const char *name)
{
	char buf[1024], *line, *save = NULL;
	size_t len = strlen(name);

	if (board_ctl_read("gpio/leds", buf, sizeof(buf)) <= 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, name, len) || line[len] != ' ')
			continue;
		if (!strcmp(line + len + 1, "on"))
			return 1;
		if (!strcmp(line + len + 1, "off"))
			return 0;
		return -1;
	}
	return -1;
}

/* Remove one whole line from a control file's text: 0, or -1 if absent. */
static int drop_line(char *buf, const char *line)
{
	size_t len = strlen(line);
	char *at = buf;

	while ((at = strstr(at, line)) && at != buf && at[-1] != '\n')
		at++;
	if (!at)
		return -1;
	memmove(at, at + len, strlen(at + len) + 1);
	return 0;
}

static int button_read(const char *button, char *buf, size_t len)
{
	char path[32];
	int n;

	snprintf(path, sizeof(path), "gpio/%s", button);
	n = board_ctl_read(path, buf, len);
	return n < 0 ? n : 0;
}

/* The common fixture: the firewall, the chip, and a peer app. */

FIXTURE(gpio)
{
	int fw;
	int chip;
	struct peer peer;
};

FIXTURE_SETUP(gpio)
{
	FW_OPEN_CLEAN(self->fw);
	self->chip = gpio_chip_open();
	ASSERT_LE(0, self->chip) TH_LOG("no GPIO chip labelled %s", MT3620_CHIP_LABEL);
}

/* Release every pin and give the outside world back its defaults. */
FIXTURE_TEARDOWN(gpio)
{
	unsigned int i;

	peer_kill(&self->peer);
	for (i = 0; i < MT3620_NGPIO; i++) {
		fw_release(self->fw, AZS_FW_KIND_GPIO, i);
		line_ctl_write(i, "z");
	}
	board_ctl_write("gpio/button_a", "release");
	board_ctl_write("gpio/button_b", "release");
	close(self->chip);
	close(self->fw);
}

#define ASSIGN(pin)                                                                                \
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, (pin), AZS_FW_CORE_HL, OWNER))
#define START(fn)        ASSERT_EQ(0, peer_start(&self->peer, OWNER, (fn), &self->chip))
#define WAIT()           ASSERT_EQ(0, peer_wait(&self->peer)) TH_LOG("the app failed before its step")
#define GO()             ASSERT_EQ(0, peer_go(&self->peer))
#define END()            EXPECT_EQ(0, peer_end(&self->peer)) TH_LOG("the app's check failed (see above)")
#define CTL(file, value) ASSERT_EQ(0, board_ctl_write("gpio/" file, (value)))
#define EXT(pin, value)  ASSERT_EQ(0, line_ctl_write((pin), (value)))

/* The chip */

TEST_F(gpio, chip_has_81_lines_and_the_invalid_ones_are_used)
{
	struct gpiochip_info info;
	struct gpio_v2_line_info li;
	static const unsigned int invalid[] = {24, 25, 49, 55, 76, 79};

	memset(&info, 0, sizeof(info));
	ASSERT_EQ(0, ioctl(self->chip, GPIO_GET_CHIPINFO_IOCTL, &info));
	EXPECT_STREQ(MT3620_CHIP_LABEL, info.label);
	EXPECT_EQ(MT3620_NGPIO, info.lines);

	ASSERT_EQ(0, gpio_line_info(self->chip, GPIO_LED1_RED, &li));
	EXPECT_STREQ("GPIO8", li.name);
	EXPECT_EQ(0, li.flags & GPIO_V2_LINE_FLAG_USED);
	ASSERT_EQ(0, gpio_line_info(self->chip, 80, &li));
	EXPECT_STREQ("GPIO80", li.name);
	/* Lines that are no MT3620 GPIO can never be requested. */
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		ASSERT_EQ(0, gpio_line_info(self->chip, invalid[i], &li));
		EXPECT_EQ(GPIO_V2_LINE_FLAG_USED, li.flags & GPIO_V2_LINE_FLAG_USED)
		TH_LOG("line %u", invalid[i]);
		EXPECT_STREQ("", li.name);
	}
	EXPECT_EQ(-EINVAL, gpio_line_info(self->chip, MT3620_NGPIO, &li));
}

/* The board: LEDs and buttons */

static int led1_red_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, GPIO_LED1_RED, OUT, 1);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(peer_step(p) == 0); /* off: driven high */
	CHILD_CHECK(gpio_v2_set1(line, 0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* on: driven low */
	CHILD_CHECK(gpio_v2_set1(line, 1) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* off again */
	close(line);
	return 0;
}

TEST_F(gpio, owner_lights_led1_red_by_driving_it_low)
{
	char before[1024], after[1024];
	struct line_state s;

	ASSIGN(GPIO_LED1_RED);
	START(led1_red_peer);
	WAIT();
	EXPECT_EQ(0, led_lit("led1_red"));
	ASSERT_EQ(0, line_ctl_read(GPIO_LED1_RED, &s));
	EXPECT_STREQ("out", s.dir);
	EXPECT_EQ(1, s.level);
	EXPECT_STREQ("push-pull", s.mode);
	EXPECT_STREQ("requested", s.owner);
	ASSERT_LT(0, board_ctl_read("gpio/leds", before, sizeof(before)));
	GO();
	WAIT();
	EXPECT_EQ(1, led_lit("led1_red"));
	ASSERT_EQ(0, line_ctl_read(GPIO_LED1_RED, &s));
	EXPECT_EQ(0, s.level);
	/* Only led1_red changed. */
	ASSERT_LT(0, board_ctl_read("gpio/leds", after, sizeof(after)));
	EXPECT_EQ(0, drop_line(before, "led1_red off\n"));
	EXPECT_EQ(0, drop_line(after, "led1_red on\n"));
	EXPECT_STREQ(before, after);
	GO();
	WAIT();
	EXPECT_EQ(0, led_lit("led1_red"));
	GO();
	END();
	/* The pin keeps its state when the app lets go of it. */
	ASSERT_EQ(0, line_ctl_read(GPIO_LED1_RED, &s));
	EXPECT_STREQ("free", s.owner);
	EXPECT_STREQ("out", s.dir);
	EXPECT_EQ(1, s.level);
}

static int leds_active_low_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	unsigned int leds[] = {GPIO_LED1_RED, GPIO_LED1_GREEN};
	struct gpio_v2_line_values v = {.mask = 3, .bits = 2};
	/* Logical 1 = lit: the LEDs are active low. */
	int line = gpio_v2_request(chip, leds, 2, OUT | ACTIVE_LOW, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(peer_step(p) == 0); /* both off */
	CHILD_CHECK(ioctl(line, GPIO_V2_LINE_SET_VALUES_IOCTL, &v) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* green lit */
	v.bits = 3;
	CHILD_CHECK(ioctl(line, GPIO_V2_LINE_SET_VALUES_IOCTL, &v) == 0);
	v.bits = 0;
	CHILD_CHECK(ioctl(line, GPIO_V2_LINE_GET_VALUES_IOCTL, &v) == 0);
	CHILD_CHECK(v.bits == 3);
	CHILD_CHECK(peer_step(p) == 0); /* both lit */
	v.bits = 0;
	CHILD_CHECK(ioctl(line, GPIO_V2_LINE_SET_VALUES_IOCTL, &v) == 0);
	close(line);
	return 0;
}

TEST_F(gpio, two_leds_in_one_request_with_active_low)
{
	ASSIGN(GPIO_LED1_RED);
	ASSIGN(GPIO_LED1_GREEN);
	START(leds_active_low_peer);
	WAIT();
	EXPECT_EQ(0, led_lit("led1_red"));
	EXPECT_EQ(0, led_lit("led1_green"));
	GO();
	WAIT();
	EXPECT_EQ(0, led_lit("led1_red"));
	EXPECT_EQ(1, led_lit("led1_green"));
	GO();
	WAIT();
	EXPECT_EQ(1, led_lit("led1_red"));
	EXPECT_EQ(1, led_lit("led1_green"));
	GO();
	END();
	EXPECT_EQ(0, led_lit("led1_red"));
	EXPECT_EQ(0, led_lit("led1_green"));
}

TEST_F(gpio, leds_lists_every_rdb_led)
{
	static const char *const names[] = {
		"led1_red",         "led1_green",      "led1_blue",   "led2_red",
		"led2_green",       "led2_blue",       "led3_red",    "led3_green",
		"led3_blue",        "led4_red",        "led4_green",  "led4_blue",
		"status_red",       "status_green",    "status_blue", "networking_red",
		"networking_green", "networking_blue",
	};
	char buf[1024];
	int lines = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		EXPECT_LE(0, led_lit(names[i])) TH_LOG("%s", names[i]);
	}
	ASSERT_LT(0, board_ctl_read("gpio/leds", buf, sizeof(buf)));
	for (char *c = buf; *c; c++)
		lines += *c == '\n';
	EXPECT_EQ(sizeof(names) / sizeof(names[0]), (size_t)lines);
}

static int button_a_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, GPIO_BUTTON_A, IN, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1); /* released: the board's pull-up */
	CHILD_CHECK(peer_step(p) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0); /* pressed: shorted to ground */
	CHILD_CHECK(peer_step(p) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	close(line);
	return 0;
}

TEST_F(gpio, owner_reads_button_a_high_then_low_when_pressed)
{
	char buf[32];

	ASSIGN(GPIO_BUTTON_A);
	START(button_a_peer);
	WAIT();
	CTL("button_a", "press");
	ASSERT_EQ(0, button_read("button_a", buf, sizeof(buf)));
	EXPECT_STREQ("pressed\n", buf);
	GO();
	WAIT();
	CTL("button_a", "release");
	GO();
	END();
}

static int buttons_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	unsigned int pins[] = {GPIO_BUTTON_A, GPIO_BUTTON_B};
	struct gpio_v2_line_values v = {.mask = 3};
	int line = gpio_v2_request(chip, pins, 2, IN, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(ioctl(line, GPIO_V2_LINE_GET_VALUES_IOCTL, &v) == 0);
	CHILD_CHECK(v.bits == 3);
	CHILD_CHECK(peer_step(p) == 0); /* B pressed */
	CHILD_CHECK(ioctl(line, GPIO_V2_LINE_GET_VALUES_IOCTL, &v) == 0);
	CHILD_CHECK(v.bits == 1);
	CHILD_CHECK(peer_step(p) == 0); /* both pressed */
	CHILD_CHECK(ioctl(line, GPIO_V2_LINE_GET_VALUES_IOCTL, &v) == 0);
	CHILD_CHECK(v.bits == 0);
	close(line);
	return 0;
}

TEST_F(gpio, button_b_is_gpio13)
{
	ASSIGN(GPIO_BUTTON_A);
	ASSIGN(GPIO_BUTTON_B);
	START(buttons_peer);
	WAIT();
	CTL("button_b", "press");
	GO();
	WAIT();
	CTL("button_a", "1");
	GO();
	END();
}

/* Edge events */

static int edge_falling_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	struct gpio_v2_line_event ev;
	int line = gpio_v2_request1(chip, GPIO_BUTTON_A, IN | EDGE_FALL, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_wait_event(line, 0, &ev) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* pressed */
	CHILD_CHECK(gpio_v2_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIO_V2_LINE_EVENT_FALLING_EDGE);
	CHILD_CHECK(ev.offset == GPIO_BUTTON_A);
	CHILD_CHECK(ev.line_seqno == 1);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* released: a rising edge, not asked for */
	CHILD_CHECK(gpio_v2_wait_event(line, 300, &ev) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	CHILD_CHECK(peer_step(p) == 0); /* pressed again */
	CHILD_CHECK(gpio_v2_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIO_V2_LINE_EVENT_FALLING_EDGE);
	CHILD_CHECK(ev.line_seqno == 2);
	close(line);
	return 0;
}

TEST_F(gpio, edge_request_gets_a_falling_edge_when_the_button_is_pressed)
{
	ASSIGN(GPIO_BUTTON_A);
	START(edge_falling_peer);
	WAIT();
	CTL("button_a", "press");
	GO();
	WAIT();
	CTL("button_a", "release");
	GO();
	WAIT();
	CTL("button_a", "press");
	GO();
	END();
}

static int edge_both_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	struct gpio_v2_line_event ev;
	int line = gpio_v2_request1(chip, GPIO_BUTTON_B, IN | EDGE_FALL | EDGE_RISE, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(peer_step(p) == 0); /* pressed */
	CHILD_CHECK(gpio_v2_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIO_V2_LINE_EVENT_FALLING_EDGE);
	CHILD_CHECK(ev.offset == GPIO_BUTTON_B);
	CHILD_CHECK(peer_step(p) == 0); /* released */
	CHILD_CHECK(gpio_v2_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIO_V2_LINE_EVENT_RISING_EDGE);
	CHILD_CHECK(peer_step(p) == 0); /* "release" again: no edge */
	CHILD_CHECK(gpio_v2_wait_event(line, 300, &ev) == 0);
	close(line);
	return 0;
}

TEST_F(gpio, edge_request_for_both_edges_sees_press_and_release)
{
	ASSIGN(GPIO_BUTTON_B);
	START(edge_both_peer);
	WAIT();
	CTL("button_b", "press");
	GO();
	WAIT();
	CTL("button_b", "release");
	GO();
	WAIT();
	CTL("button_b", "release");
	GO();
	END();
}

static int edge_active_low_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	struct gpio_v2_line_event ev;
	/* Active low: pressing (a falling wire) is a logical rising edge. */
	int line = gpio_v2_request1(chip, GPIO_BUTTON_A, IN | ACTIVE_LOW | EDGE_RISE, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* pressed */
	CHILD_CHECK(gpio_v2_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIO_V2_LINE_EVENT_RISING_EDGE);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	CHILD_CHECK(peer_step(p) == 0); /* released */
	CHILD_CHECK(gpio_v2_wait_event(line, 300, &ev) == 0);
	close(line);
	return 0;
}

TEST_F(gpio, edge_request_with_active_low_sees_the_press_as_rising)
{
	ASSIGN(GPIO_BUTTON_A);
	START(edge_active_low_peer);
	WAIT();
	CTL("button_a", "press");
	GO();
	WAIT();
	CTL("button_a", "release");
	GO();
	END();
}

static int edge_v1_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	struct gpioevent_data ev;
	struct gpiohandle_data d;
	int line = gpio_v1_event(chip, GPIO_BUTTON_A, GPIOEVENT_REQUEST_FALLING_EDGE);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(peer_step(p) == 0); /* pressed */
	CHILD_CHECK(gpio_v1_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIOEVENT_EVENT_FALLING_EDGE);
	memset(&d, 0xff, sizeof(d));
	CHILD_CHECK(ioctl(line, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &d) == 0);
	CHILD_CHECK(d.values[0] == 0);
	CHILD_CHECK(peer_step(p) == 0); /* released */
	CHILD_CHECK(gpio_v1_wait_event(line, 300, &ev) == 0);
	close(line);
	return 0;
}

TEST_F(gpio, v1_line_event_gets_a_falling_edge_when_the_button_is_pressed)
{
	ASSIGN(GPIO_BUTTON_A);
	START(edge_v1_peer);
	WAIT();
	CTL("button_a", "press");
	GO();
	WAIT();
	CTL("button_a", "release");
	GO();
	END();
}

static int edge_on_a_plain_line_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	struct gpio_v2_line_event ev;
	int line = gpio_v2_request1(chip, PIN_CTL, IN | EDGE_RISE, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(peer_step(p) == 0); /* driven high from outside */
	CHILD_CHECK(gpio_v2_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIO_V2_LINE_EVENT_RISING_EDGE);
	CHILD_CHECK(ev.offset == PIN_CTL);
	close(line);
	return 0;
}

TEST_F(gpio, control_line_write_fires_edges)
{
	ASSIGN(PIN_CTL);
	EXT(PIN_CTL, "0");
	START(edge_on_a_plain_line_peer);
	WAIT();
	EXT(PIN_CTL, "1");
	GO();
	END();
}

/* Output modes and bias */

static int push_pull_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, PIN_PP, OUT, 1);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1); /* drives high against a low outside */
	CHILD_CHECK(peer_step(p) == 0);       /* outside high */
	CHILD_CHECK(gpio_v2_set1(line, 0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0); /* drives low against a high outside */
	close(line);
	return 0;
}

TEST_F(gpio, push_pull_reads_what_it_drives)
{
	struct line_state s;

	ASSIGN(PIN_PP);
	EXT(PIN_PP, "0");
	START(push_pull_peer);
	WAIT();
	ASSERT_EQ(0, line_ctl_read(PIN_PP, &s));
	EXPECT_STREQ("out", s.dir);
	EXPECT_EQ(1, s.level);
	EXPECT_STREQ("push-pull", s.mode);
	EXT(PIN_PP, "1");
	GO();
	END();
	ASSERT_EQ(0, line_ctl_read(PIN_PP, &s));
	EXPECT_EQ(0, s.level);
}

static int open_drain_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, PIN_OD, OUT | GPIO_V2_LINE_FLAG_OPEN_DRAIN, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0); /* sinks against a high outside */
	CHILD_CHECK(peer_step(p) == 0);
	CHILD_CHECK(gpio_v2_set1(line, 1) == 0); /* released: the outside's level */
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	CHILD_CHECK(peer_step(p) == 0); /* outside low */
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	/* Configured high in one go: still released, never sourcing. */
	CHILD_CHECK(gpio_v2_reconfigure(line, OUT | GPIO_V2_LINE_FLAG_OPEN_DRAIN, 1) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* outside floating, no pull */
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(gpio_v2_reconfigure(line,
					OUT | GPIO_V2_LINE_FLAG_OPEN_DRAIN |
						GPIO_V2_LINE_FLAG_BIAS_PULL_UP,
					1) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1); /* released: the pull-up */
	CHILD_CHECK(gpio_v2_set1(line, 0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	close(line);
	return 0;
}

TEST_F(gpio, open_drain_high_reads_the_external_level)
{
	struct line_state s;

	ASSIGN(PIN_OD);
	EXT(PIN_OD, "1");
	START(open_drain_peer);
	WAIT();
	ASSERT_EQ(0, line_ctl_read(PIN_OD, &s));
	EXPECT_STREQ("open-drain", s.mode);
	EXPECT_EQ(0, s.level);
	GO();
	WAIT();
	ASSERT_EQ(0, line_ctl_read(PIN_OD, &s));
	EXPECT_EQ(1, s.level);
	EXT(PIN_OD, "0");
	GO();
	WAIT();
	EXT(PIN_OD, "z");
	GO();
	END();
}

static int open_source_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, PIN_OS, OUT | GPIO_V2_LINE_FLAG_OPEN_SOURCE, 1);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1);    /* sources against a low outside */
	CHILD_CHECK(gpio_v2_set1(line, 0) == 0); /* released: the outside's level */
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* outside high */
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	CHILD_CHECK(gpio_v2_reconfigure(line,
					OUT | GPIO_V2_LINE_FLAG_OPEN_SOURCE |
						GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN,
					0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1); /* configured low: released, outside high */
	CHILD_CHECK(peer_step(p) == 0);       /* outside floating */
	CHILD_CHECK(gpio_v2_get1(line) == 0); /* released: the pull-down */
	CHILD_CHECK(gpio_v2_set1(line, 1) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	close(line);
	return 0;
}

TEST_F(gpio, open_source_low_reads_the_external_level)
{
	struct line_state s;

	ASSIGN(PIN_OS);
	EXT(PIN_OS, "0");
	START(open_source_peer);
	WAIT();
	ASSERT_EQ(0, line_ctl_read(PIN_OS, &s));
	EXPECT_STREQ("open-source", s.mode);
	EXT(PIN_OS, "1");
	GO();
	WAIT();
	EXT(PIN_OS, "z");
	GO();
	END();
}

static int bias_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, PIN_BIAS, IN | GPIO_V2_LINE_FLAG_BIAS_PULL_UP, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1); /* floating: the pull-up */
	CHILD_CHECK(peer_step(p) == 0);       /* outside low */
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* outside floating again */
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	CHILD_CHECK(gpio_v2_reconfigure(line, IN | GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN, 0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0); /* outside high */
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	CHILD_CHECK(gpio_v2_reconfigure(line, IN | GPIO_V2_LINE_FLAG_BIAS_DISABLED, 0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	CHILD_CHECK(peer_step(p) == 0); /* floating, no pull */
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	close(line);
	return 0;
}

TEST_F(gpio, input_reads_the_external_level_else_its_bias)
{
	ASSIGN(PIN_BIAS);
	START(bias_peer);
	WAIT();
	EXT(PIN_BIAS, "0");
	GO();
	WAIT();
	EXT(PIN_BIAS, "z");
	GO();
	WAIT();
	EXT(PIN_BIAS, "1");
	GO();
	WAIT();
	EXT(PIN_BIAS, "z");
	GO();
	END();
}

static int direction_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, PIN_CTL, IN, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1); /* outside high */
	CHILD_CHECK(gpio_v2_reconfigure(line, OUT, 0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(peer_step(p) == 0);
	CHILD_CHECK(gpio_v2_reconfigure(line, IN, 0) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	close(line);
	return 0;
}

TEST_F(gpio, control_line_reports_direction_level_mode_and_owner)
{
	struct gpio_v2_line_info li;
	struct line_state s;

	ASSIGN(PIN_CTL);
	EXT(PIN_CTL, "1");
	START(direction_peer);
	WAIT();
	ASSERT_EQ(0, line_ctl_read(PIN_CTL, &s));
	EXPECT_STREQ("out", s.dir);
	EXPECT_EQ(0, s.level);
	EXPECT_STREQ("push-pull", s.mode);
	EXPECT_STREQ("requested", s.owner);
	ASSERT_EQ(0, gpio_line_info(self->chip, PIN_CTL, &li));
	EXPECT_EQ(GPIO_V2_LINE_FLAG_USED | OUT, li.flags & (GPIO_V2_LINE_FLAG_USED | OUT));
	EXPECT_STREQ(GPIO_TEST_CONSUMER, li.consumer);
	GO();
	END();
	ASSERT_EQ(0, line_ctl_read(PIN_CTL, &s));
	EXPECT_STREQ("in", s.dir);
	EXPECT_EQ(1, s.level);
	EXPECT_STREQ("free", s.owner);
	EXT(PIN_CTL, "0");
	ASSERT_EQ(0, line_ctl_read(PIN_CTL, &s));
	EXPECT_EQ(0, s.level);
	ASSERT_EQ(0, gpio_line_info(self->chip, PIN_CTL, &li));
	EXPECT_EQ(0, li.flags & GPIO_V2_LINE_FLAG_USED);
}

/* The firewall */

static int multi_line_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	unsigned int pins[] = {PIN_FW, PIN_FW2};
	int line;

	(void)p; /* no turns: it only asks */

	/* One line not owned: the whole request fails, nothing stays held. */
	CHILD_CHECK(gpio_v2_request(chip, pins, 2, IN, 0) == -EACCES);
	line = gpio_v2_request1(chip, PIN_FW, IN, 0);
	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_request1(chip, PIN_FW, IN, 0) == -EBUSY);
	close(line);
	return 0;
}

TEST_F(gpio, a_request_with_one_line_not_owned_is_denied_as_a_whole)
{
	ASSIGN(PIN_FW);
	START(multi_line_peer);
	END();
}

static int find_sysfs_base(void)
{
	char path[300], label[64];
	struct dirent *e;
	int base = -1;
	DIR *d = opendir("/sys/class/gpio");

	if (!d)
		return -1;
	while (base < 0 && (e = readdir(d))) {
		FILE *f;

		if (strncmp(e->d_name, "gpiochip", 8))
			continue;
		snprintf(path, sizeof(path), "/sys/class/gpio/%s/label", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(label, sizeof(label), f) && !strcmp(label, MT3620_CHIP_LABEL "\n"))
			base = atoi(e->d_name + 8);
		fclose(f);
	}
	closedir(d);
	return base;
}

static int sysfs_write(const char *file, int number)
{
	char path[64], value[16];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/sys/class/gpio/%s", file);
	snprintf(value, sizeof(value), "%d", number);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* The legacy sysfs interface (root only) is no way around the firewall. */
TEST_F(gpio, sysfs_export_goes_through_the_firewall)
{
	char path[64];
	int base = find_sysfs_base();

	ASSERT_LE(0, base);
	EXPECT_EQ(-EACCES, sysfs_write("export", base + PIN_SYSFS));
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, PIN_SYSFS, AZS_FW_CORE_HL, 0));
	ASSERT_EQ(0, sysfs_write("export", base + PIN_SYSFS));
	/* Exported lines are named after the chip's line names. */
	snprintf(path, sizeof(path), "/sys/class/gpio/GPIO%d/value", PIN_SYSFS);
	EXPECT_EQ(0, access(path, F_OK));
	EXPECT_EQ(0, sysfs_write("unexport", base + PIN_SYSFS));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, PIN_SYSFS));
	EXPECT_EQ(-EACCES, sysfs_write("export", base + PIN_SYSFS));
	/* Not an MT3620 GPIO. */
	EXPECT_EQ(-EINVAL, sysfs_write("export", base + 24));
}

/* Bad input */

TEST_F(gpio, invalid_offsets_are_einval)
{
	static const unsigned int bad[] = {24, 25, 50, 76, 79, 81, 200, 0xffffffffu};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EINVAL, gpio_v2_request1(self->chip, bad[i], IN, 0))
		TH_LOG("%u", bad[i]);
		EXPECT_EQ(-EINVAL, gpio_v2_request1(self->chip, bad[i], OUT, 0))
		TH_LOG("%u", bad[i]);
		EXPECT_EQ(-EINVAL, gpio_v1_handle(self->chip, bad[i], GPIOHANDLE_REQUEST_INPUT, 0))
		TH_LOG("%u", bad[i]);
		EXPECT_EQ(-EINVAL, gpio_v1_event(self->chip, bad[i], GPIOEVENT_REQUEST_BOTH_EDGES))
		TH_LOG("%u", bad[i]);
	}
}

static int invalid_offsets_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	unsigned int pins[] = {GPIO_BUTTON_A, 24};

	(void)p; /* no turns: it only asks */

	/* Even next to an owned line. */
	CHILD_CHECK(gpio_v2_request(chip, pins, 2, IN, 0) == -EINVAL);
	pins[1] = 81;
	CHILD_CHECK(gpio_v2_request(chip, pins, 2, IN, 0) == -EINVAL);
	return 0;
}

TEST_F(gpio, invalid_offsets_are_einval_for_an_owner_too)
{
	ASSIGN(GPIO_BUTTON_A);
	START(invalid_offsets_peer);
	END();
}

static int line_counts_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	unsigned int pins[GPIO_V2_LINES_MAX];
	struct gpiohandle_request hreq;
	int line;

	(void)p; /* no turns: it only asks */

	for (unsigned int i = 0; i < GPIO_V2_LINES_MAX; i++)
		pins[i] = GPIO_BUTTON_A;
	CHILD_CHECK(gpio_v2_request(chip, pins, 0, IN, 0) == -EINVAL);
	CHILD_CHECK(gpio_v2_request(chip, pins, GPIO_V2_LINES_MAX + 1, IN, 0) == -EINVAL);
	CHILD_CHECK(gpio_v2_request(chip, pins, 0xffffffffu, IN, 0) == -EINVAL);
	memset(&hreq, 0, sizeof(hreq));
	hreq.flags = GPIOHANDLE_REQUEST_INPUT;
	hreq.lines = 0;
	CHILD_CHECK(ioctl(chip, GPIO_GET_LINEHANDLE_IOCTL, &hreq) == -1 && errno == EINVAL);
	hreq.lines = GPIOHANDLES_MAX + 1;
	CHILD_CHECK(ioctl(chip, GPIO_GET_LINEHANDLE_IOCTL, &hreq) == -1 && errno == EINVAL);
	/* The same line twice in one request: the second is busy. */
	CHILD_CHECK(gpio_v2_request(chip, pins, 2, IN, 0) == -EBUSY);
	line = gpio_v2_request1(chip, GPIO_BUTTON_A, IN, 0);
	CHILD_CHECK(line >= 0);
	close(line);
	return 0;
}

TEST_F(gpio, zero_and_too_many_lines_are_einval)
{
	ASSIGN(GPIO_BUTTON_A);
	START(line_counts_peer);
	END();
}

static int invalid_configs_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	struct gpio_v2_line_request req;
	int line;

	(void)p; /* no turns: it only asks */

	CHILD_CHECK(gpio_v2_request1(chip, GPIO_BUTTON_A, IN | OUT, 0) == -EINVAL);
	CHILD_CHECK(gpio_v2_request1(chip, GPIO_BUTTON_A, IN | GPIO_V2_LINE_FLAG_OPEN_DRAIN, 0) ==
		    -EINVAL);
	CHILD_CHECK(
		gpio_v2_request1(chip, GPIO_BUTTON_A,
				 OUT | GPIO_V2_LINE_FLAG_OPEN_DRAIN | GPIO_V2_LINE_FLAG_OPEN_SOURCE,
				 0) == -EINVAL);
	CHILD_CHECK(gpio_v2_request1(chip, GPIO_BUTTON_A, OUT | EDGE_FALL, 0) == -EINVAL);
	CHILD_CHECK(gpio_v2_request1(chip, GPIO_BUTTON_A,
				     IN | GPIO_V2_LINE_FLAG_BIAS_PULL_UP |
					     GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN,
				     0) == -EINVAL);
	CHILD_CHECK(gpio_v2_request1(chip, GPIO_BUTTON_A, IN | (1ULL << 40), 0) == -EINVAL);
	/* Non-zero padding and too many attributes. */
	memset(&req, 0, sizeof(req));
	req.offsets[0] = GPIO_BUTTON_A;
	req.num_lines = 1;
	req.config.flags = IN;
	req.padding[0] = 1;
	CHILD_CHECK(ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req) == -1 && errno == EINVAL);
	req.padding[0] = 0;
	req.config.num_attrs = GPIO_V2_LINE_NUM_ATTRS_MAX + 1;
	CHILD_CHECK(ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req) == -1 && errno == EINVAL);
	/* None of this held the line; and reconfiguring badly is refused too. */
	line = gpio_v2_request1(chip, GPIO_BUTTON_A, IN, 0);
	CHILD_CHECK(line >= 0);
	CHILD_CHECK(gpio_v2_reconfigure(line, IN | OUT, 0) == -EINVAL);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	close(line);
	return 0;
}

TEST_F(gpio, invalid_line_configs_are_einval)
{
	ASSIGN(GPIO_BUTTON_A);
	START(invalid_configs_peer);
	END();
}

static int bad_ioctl_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, GPIO_BUTTON_A, IN, 0);
	int handle;

	(void)p; /* no turns: it only asks */

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(ioctl(line, _IOWR(0xB4, 0x7f, struct gpio_v2_line_values), NULL) == -1);
	CHILD_CHECK(errno == EINVAL);
	CHILD_CHECK(ioctl(line, _IO('x', 1), 0) == -1 && errno == EINVAL);
	/* A v1 ioctl on a v2 line. */
	CHILD_CHECK(ioctl(line, GPIOHANDLE_GET_LINE_VALUES_IOCTL, NULL) == -1 && errno == EINVAL);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	close(line);
	handle = gpio_v1_handle(chip, GPIO_BUTTON_A, GPIOHANDLE_REQUEST_INPUT, 0);
	CHILD_CHECK(handle >= 0);
	CHILD_CHECK(ioctl(handle, _IO('x', 1), 0) == -1 && errno == EINVAL);
	CHILD_CHECK(gpio_v1_get(handle) == 1);
	close(handle);
	return 0;
}

/*
 * Unknown commands: the GPIO character device of Linux 6.1 answers EINVAL
 * (not ENOTTY) on the chip and on line fds, and nothing changes.
 */
TEST_F(gpio, unknown_ioctls_are_refused)
{
	struct gpiochip_info info;

	EXPECT_EQ(-1, ioctl(self->chip, _IOWR(0xB4, 0x7f, struct gpio_v2_line_request), NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->chip, _IO('x', 1), 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->chip, GPIO_V2_LINE_GET_VALUES_IOCTL, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, ioctl(self->chip, GPIO_GET_CHIPINFO_IOCTL, &info));
	ASSIGN(GPIO_BUTTON_A);
	START(bad_ioctl_peer);
	END();
}

TEST_F(gpio, bad_pointers_are_efault)
{
	EXPECT_EQ(-1, ioctl(self->chip, GPIO_V2_GET_LINE_IOCTL, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->chip, GPIO_GET_LINEHANDLE_IOCTL, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->chip, GPIO_GET_LINEEVENT_IOCTL, (void *)8));
	EXPECT_EQ(EFAULT, errno);
}

/* Control interface */

TEST_F(gpio, control_buttons_round_trip)
{
	char buf[32];

	ASSERT_EQ(0, button_read("button_a", buf, sizeof(buf)));
	EXPECT_STREQ("released\n", buf);
	CTL("button_a", "press");
	ASSERT_EQ(0, button_read("button_a", buf, sizeof(buf)));
	EXPECT_STREQ("pressed\n", buf);
	ASSERT_EQ(0, button_read("button_b", buf, sizeof(buf)));
	EXPECT_STREQ("released\n", buf);
	CTL("button_a", "release\n");
	ASSERT_EQ(0, button_read("button_a", buf, sizeof(buf)));
	EXPECT_STREQ("released\n", buf);
	CTL("button_b", "1");
	ASSERT_EQ(0, button_read("button_b", buf, sizeof(buf)));
	EXPECT_STREQ("pressed\n", buf);
	CTL("button_b", "0\n");
	ASSERT_EQ(0, button_read("button_b", buf, sizeof(buf)));
	EXPECT_STREQ("released\n", buf);
}

TEST_F(gpio, control_files_are_root_only)
{
	static const char *const files[] = {"button_a", "button_b", "leds", "line0", "line80"};
	struct stat st;
	char path[128];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), BOARD_CONTROL "gpio/%s", files[i]);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s", path);
		EXPECT_EQ(0600, st.st_mode & 07777) TH_LOG("%s", path);
		EXPECT_EQ(0, st.st_uid);
	}
}

TEST_F(gpio, control_rejects_garbage)
{
	char buf[32], big[300];
	struct line_state s, before, after;

	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	EXPECT_EQ(-EINVAL, board_ctl_write("gpio/button_a", "maybe"));
	EXPECT_EQ(-EINVAL, board_ctl_write("gpio/button_a", "pressed"));
	EXPECT_EQ(-EINVAL, board_ctl_write("gpio/button_a", "2"));
	EXPECT_EQ(-EINVAL, board_ctl_write("gpio/button_a", ""));
	EXPECT_EQ(-EINVAL, board_ctl_write("gpio/button_a", big));
	ASSERT_EQ(0, button_read("button_a", buf, sizeof(buf)));
	EXPECT_STREQ("released\n", buf);

	EXPECT_EQ(-EINVAL, line_ctl_write(PIN_CTL, "2"));
	EXPECT_EQ(-EINVAL, line_ctl_write(PIN_CTL, "high"));
	EXPECT_EQ(-EINVAL, line_ctl_write(PIN_CTL, "01"));
	EXPECT_EQ(-EINVAL, line_ctl_write(PIN_CTL, "-1"));
	EXPECT_EQ(-EINVAL, line_ctl_write(PIN_CTL, ""));
	EXPECT_EQ(-EINVAL, line_ctl_write(PIN_CTL, big));
	/* GPIO80: an input nothing else touches; the outside drives it high. */
	EXPECT_EQ(0, line_ctl_write(80, "1\n"));
	ASSERT_EQ(0, line_ctl_read(80, &before));
	EXPECT_STREQ("in", before.dir);
	EXPECT_EQ(1, before.level);
	EXPECT_EQ(-EINVAL, line_ctl_write(80, "0 1"));
	EXPECT_EQ(-EINVAL, line_ctl_write(80, "0x"));
	EXPECT_EQ(-EINVAL, line_ctl_write(80, "Z"));
	ASSERT_EQ(0, line_ctl_read(80, &after));
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));

	EXPECT_EQ(-EINVAL, board_ctl_write("gpio/leds", "led1_red on"));
	/* Only MT3620 GPIOs have a line file. */
	EXPECT_EQ(-ENOENT, line_ctl_write(24, "1"));
	EXPECT_EQ(-ENOENT, line_ctl_write(55, "1"));
	EXPECT_EQ(-ENOENT, line_ctl_write(81, "1"));
	EXPECT_EQ(-ENOENT, line_ctl_read(24, &s));
}

/*
 * The firewall on every request path: each variant is one way an app asks
 * for a line, each test one state of the firewall.
 */

enum api {
	API_V2_INPUT,
	API_V2_OUTPUT,
	API_V2_EDGE,
	API_V1_HANDLE,
	API_V1_EVENT,
};

struct attempt {
	int chip;
	unsigned int offset;
	enum api api;
};

/* Request the line as the variant says: a line fd or -errno. */
static int attempt_fd(const struct attempt *a)
{
	switch (a->api) {
	case API_V2_INPUT:
		return gpio_v2_request1(a->chip, a->offset, IN, 0);
	case API_V2_OUTPUT:
		return gpio_v2_request1(a->chip, a->offset, OUT, 0);
	case API_V2_EDGE:
		return gpio_v2_request1(a->chip, a->offset, IN | EDGE_FALL | EDGE_RISE, 0);
	case API_V1_HANDLE:
		return gpio_v1_handle(a->chip, a->offset, GPIOHANDLE_REQUEST_INPUT, 0);
	case API_V1_EVENT:
		return gpio_v1_event(a->chip, a->offset, GPIOEVENT_REQUEST_BOTH_EDGES);
	}
	return -ENOSYS;
}

/* In a child: 0 if the request was granted, else its errno. */
static int attempt_run(void *arg)
{
	int fd = attempt_fd(arg);

	if (fd < 0)
		return -fd;
	close(fd);
	return 0;
}

FIXTURE(fw_api)
{
	int fw;
	struct attempt a;
};

FIXTURE_VARIANT(fw_api)
{
	enum api api;
};

FIXTURE_VARIANT_ADD(fw_api, v2_input){
	.api = API_V2_INPUT,
};

FIXTURE_VARIANT_ADD(fw_api, v2_output){
	.api = API_V2_OUTPUT,
};

FIXTURE_VARIANT_ADD(fw_api, v2_edge_events){
	.api = API_V2_EDGE,
};

FIXTURE_VARIANT_ADD(fw_api, v1_line_handle){
	.api = API_V1_HANDLE,
};

FIXTURE_VARIANT_ADD(fw_api, v1_line_event){
	.api = API_V1_EVENT,
};

FIXTURE_SETUP(fw_api)
{
	struct azs_fw_status st;

	self->fw = fw_open();
	ASSERT_LE(0, self->fw);
	ASSERT_EQ(0, fw_status(self->fw, &st));
	ASSERT_EQ(0, st.num_assigned) TH_LOG("a previous test left resources assigned");
	self->a.chip = gpio_chip_open();
	ASSERT_LE(0, self->a.chip);
	self->a.offset = PIN_FW;
	self->a.api = variant->api;
}

FIXTURE_TEARDOWN(fw_api)
{
	fw_release(self->fw, AZS_FW_KIND_GPIO, PIN_FW);
	close(self->a.chip);
	close(self->fw);
}

/* The line is not held by anyone (a refused request left nothing behind). */
#define ASSERT_LINE_FREE()                                                                         \
	do {                                                                                       \
		struct gpio_v2_line_info li;                                                       \
		struct line_state s;                                                               \
		ASSERT_EQ(0, gpio_line_info(self->a.chip, PIN_FW, &li));                           \
		EXPECT_EQ(0, li.flags &GPIO_V2_LINE_FLAG_USED);                                    \
		ASSERT_EQ(0, line_ctl_read(PIN_FW, &s));                                           \
		EXPECT_STREQ("free", s.owner);                                                     \
	} while (0)

TEST_F(fw_api, owner_is_granted)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, PIN_FW, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(0, board_run_as(OWNER, attempt_run, &self->a));
	ASSERT_LINE_FREE();
}

TEST_F(fw_api, unassigned_is_eacces)
{
	EXPECT_EQ(EACCES, board_run_as(OWNER, attempt_run, &self->a));
	EXPECT_EQ(-EACCES, attempt_fd(&self->a)) TH_LOG("root is no owner either");
	ASSERT_LINE_FREE();
}

TEST_F(fw_api, io0_is_eacces)
{
	ASSERT_EQ(0,
		  fw_assign(self->fw, AZS_FW_KIND_GPIO, PIN_FW, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(EACCES, board_run_as(OWNER, attempt_run, &self->a));
	EXPECT_EQ(-EACCES, attempt_fd(&self->a));
	ASSERT_LINE_FREE();
}

TEST_F(fw_api, other_uid_is_eacces)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, PIN_FW, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(EACCES, board_run_as(OTHER, attempt_run, &self->a));
	EXPECT_EQ(-EACCES, attempt_fd(&self->a)) TH_LOG("root");
	ASSERT_LINE_FREE();
	EXPECT_EQ(0, board_run_as(OWNER, attempt_run, &self->a));
}

TEST_F(fw_api, released_is_eacces)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, PIN_FW, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(0, board_run_as(OWNER, attempt_run, &self->a));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, PIN_FW));
	EXPECT_EQ(EACCES, board_run_as(OWNER, attempt_run, &self->a));
	ASSERT_LINE_FREE();
}

/* Another pin of the same block, owned by someone else, gives no access. */
TEST_F(fw_api, a_neighbour_pin_is_no_key)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_GPIO, PIN_FW2, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(EACCES, board_run_as(OWNER, attempt_run, &self->a));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_GPIO, PIN_FW2));
	ASSERT_LINE_FREE();
}

TEST_HARNESS_MAIN
