// SPDX-License-Identifier: MIT
/*
 * The GPIO class under the locked peripheral configuration (firewall_lock
 * boot): button A (GPIO 12) and LED1 red (GPIO 8) belong to BOARD_UID_OWNER
 * on the HL core for good. The owner can use them through every request
 * path; anyone else, root included, is refused with EACCES. Without the lock
 * (any other boot) the tests are skipped.
 */
#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "../board_gpio/gpio_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define LOCKED_PIN GPIO_BUTTON_A

FIXTURE(locked)
{
	bool locked;
	int chip;
};

/* The harness runs a test even when its setup skips: each test asks. */
#define SKIP_UNLESS_LOCKED()                                                                       \
	do {                                                                                       \
		if (!self->locked)                                                                 \
			SKIP(return,                                                               \
				   "the firewall is not locked (only the firewall_lock boot is)"); \
	} while (0)

FIXTURE_SETUP(locked)
{
	struct azs_fw_status st;
	struct azs_fw_query q;
	bool listed = false;
	int fw = fw_open();

	self->chip = -1;
	ASSERT_LE(0, fw);
	ASSERT_EQ(0, fw_status(fw, &st));
	ASSERT_EQ(0, fw_query(fw, AZS_FW_KIND_GPIO, LOCKED_PIN, &q));
	close(fw);
	self->locked = st.state & AZS_FW_STATUS_LOCKED;
	if (!self->locked)
		return;
	for (size_t i = 0; i < sizeof(board_locked_config) / sizeof(board_locked_config[0]); i++)
		listed |= board_locked_config[i].kind == AZS_FW_KIND_GPIO &&
			  board_locked_config[i].index == LOCKED_PIN;
	ASSERT_TRUE(listed);
	ASSERT_EQ(AZS_FW_CORE_HL, q.core);
	ASSERT_EQ(BOARD_UID_OWNER, q.owner_uid);
	self->chip = gpio_chip_open();
	ASSERT_LE(0, self->chip);
}

FIXTURE_TEARDOWN(locked)
{
	if (self->chip >= 0)
		close(self->chip);
	board_ctl_write("gpio/button_a", "release");
}

struct attempt {
	int chip;
	int api;
};

/*
 * Request button A by one path (0: v2 input, 1: v2 edge events, 2: v1 line
 * handle, 3: v1 line event) and read it: 0, or the request's errno, or a
 * failed check's line number.
 */
static int use_button(void *arg)
{
	const struct attempt *a = arg;
	struct gpio_v2_line_event ev;
	int line;

	switch (a->api) {
	case 0:
		line = gpio_v2_request1(a->chip, LOCKED_PIN, GPIO_V2_LINE_FLAG_INPUT, 0);
		break;
	case 1:
		line = gpio_v2_request1(a->chip, LOCKED_PIN,
					GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_FALLING,
					0);
		break;
	case 2:
		line = gpio_v1_handle(a->chip, LOCKED_PIN, GPIOHANDLE_REQUEST_INPUT, 0);
		break;
	default:
		line = gpio_v1_event(a->chip, LOCKED_PIN, GPIOEVENT_REQUEST_FALLING_EDGE);
		break;
	}
	if (line < 0)
		return -line;
	/* Released: the board's pull-up. */
	if (a->api >= 2)
		CHILD_CHECK(gpio_v1_get(line) == 1);
	else
		CHILD_CHECK(gpio_v2_get1(line) == 1);
	if (a->api == 1)
		CHILD_CHECK(gpio_v2_wait_event(line, 0, &ev) == 0);
	close(line);
	return 0;
}

TEST_F(locked, owner_uses_button_a_through_every_path)
{
	SKIP_UNLESS_LOCKED();
	for (int api = 0; api < 4; api++) {
		struct attempt a = {.chip = self->chip, .api = api};

		EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, use_button, &a)) TH_LOG("path %d", api);
	}
}

TEST_F(locked, others_are_eacces)
{
	SKIP_UNLESS_LOCKED();
	for (int api = 0; api < 4; api++) {
		struct attempt a = {.chip = self->chip, .api = api};

		EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, use_button, &a))
		TH_LOG("path %d", api);
		EXPECT_EQ(EACCES, use_button(&a)) TH_LOG("root, path %d", api);
	}
}

static int drive_led(void *arg)
{
	int chip = *(int *)arg;
	int line = gpio_v2_request1(chip, GPIO_LED1_RED, GPIO_V2_LINE_FLAG_OUTPUT, 0);

	if (line < 0)
		return -line;
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	CHILD_CHECK(gpio_v2_set1(line, 1) == 0);
	CHILD_CHECK(gpio_v2_get1(line) == 1);
	close(line);
	return 0;
}

/* LED1 red (GPIO 8), also locked to the owner. */
TEST_F(locked, only_the_owner_drives_led1_red)
{
	SKIP_UNLESS_LOCKED();
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, drive_led, &self->chip));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, drive_led, &self->chip));
	EXPECT_EQ(EACCES, drive_led(&self->chip));
}

static int edge_peer(struct peer *p, void *arg)
{
	int chip = *(int *)arg;
	struct gpio_v2_line_event ev;
	int line = gpio_v2_request1(chip, LOCKED_PIN,
				    GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_FALLING, 0);

	CHILD_CHECK(line >= 0);
	CHILD_CHECK(peer_step(p) == 0); /* pressed */
	CHILD_CHECK(gpio_v2_wait_event(line, 5000, &ev) == 1);
	CHILD_CHECK(ev.id == GPIO_V2_LINE_EVENT_FALLING_EDGE);
	CHILD_CHECK(gpio_v2_get1(line) == 0);
	close(line);
	return 0;
}

TEST_F(locked, owner_gets_the_button_press)
{
	struct peer peer = {0};

	SKIP_UNLESS_LOCKED();
	ASSERT_EQ(0, peer_start(&peer, BOARD_UID_OWNER, edge_peer, &self->chip));
	if (peer_wait(&peer)) {
		peer_kill(&peer);
		ASSERT_TRUE(false) TH_LOG("the app failed before its step");
	}
	EXPECT_EQ(0, board_ctl_write("gpio/button_a", "press"));
	EXPECT_EQ(0, peer_go(&peer));
	EXPECT_EQ(0, peer_end(&peer));
}

TEST_HARNESS_MAIN
