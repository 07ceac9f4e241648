// SPDX-License-Identifier: MIT
/*
 * The board's UARTs (/dev/ttyISU<k>) used as an app uses them: open,
 * termios, read, write, poll; the peripheral firewall on open, on write
 * and on receive; and the control files under uart/isu<k>/ that play the
 * far end (tx, rx, loopback, config). Every test leaves the firewall table
 * empty.
 *
 * The device nodes are made 0666 here, as the app manager will grant an
 * app its node: an uid that is denied is denied by the firewall, not by
 * the file mode. Accesses that need an fd across firewall changes switch
 * the effective uid only (the test keeps its real uid 0, and so its
 * control access); one-shot accesses run in a child via board_run_as().
 */
#include <linux/serial.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define NUM_ISUS    5
#define ISU         3 /* the UART the tests use */
#define NEIGHBOUR   4 /* another ISU, to show the first one is isolated */
#define OWNER       BOARD_UID_OWNER
#define OTHER       BOARD_UID_OTHER
#define TX_LOG_SIZE 4096

static void tty_path(char *buf, size_t len, unsigned int isu)
{
	snprintf(buf, len, "/dev/ttyISU%u", isu);
}

static void ctl_path(char *buf, size_t len, unsigned int isu, const char *file)
{
	snprintf(buf, len, "uart/isu%u/%s", isu, file);
}

/* Back to euid 0; a test that cannot get there must not go on. */
static void as_root(void)
{
	if (seteuid(0))
		abort();
}

/* Open ISU isu's port with effective uid uid: the fd or -errno. */
static int open_as(uid_t uid, unsigned int isu)
{
	char path[32];
	int fd, err;

	tty_path(path, sizeof(path), isu);
	if (seteuid(uid))
		return -1000;
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	err = errno;
	as_root();
	return fd < 0 ? -err : fd;
}

/* write(2) with effective uid uid: the count or -errno. */
static ssize_t write_as(uid_t uid, int fd, const void *buf, size_t len)
{
	ssize_t n;
	int err;

	if (seteuid(uid))
		return -1000;
	n = write(fd, buf, len);
	err = errno;
	as_root();
	return n < 0 ? -err : n;
}

/* In a child with uid *(unsigned int *)arg's ISU: 0 if open works, else errno. */
static int try_open(void *arg)
{
	char path[32];
	int fd;

	tty_path(path, sizeof(path), *(unsigned int *)arg);
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* One read of the far end's capture (drains what it returns). */
static ssize_t tx_take(unsigned int isu, void *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), BOARD_CONTROL "uart/isu%u/tx", isu);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len);
	n = n < 0 ? -errno : n;
	close(fd);
	return n;
}

/* Drain the capture completely; the number of bytes thrown away. */
static ssize_t tx_flush(unsigned int isu)
{
	char buf[TX_LOG_SIZE];
	ssize_t n, total = 0;

	while ((n = tx_take(isu, buf, sizeof(buf))) > 0)
		total += n;
	return n < 0 ? n : total;
}

/* The far end sends len bytes. */
static ssize_t rx_send(unsigned int isu, const void *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), BOARD_CONTROL "uart/isu%u/rx", isu);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	n = n < 0 ? -errno : n;
	close(fd);
	return n;
}

static int ctl_set(unsigned int isu, const char *file, const char *value)
{
	char path[64];

	ctl_path(path, sizeof(path), isu, file);
	return board_ctl_write(path, value);
}

static int ctl_get(unsigned int isu, const char *file, char *buf, size_t len)
{
	char path[64];

	ctl_path(path, sizeof(path), isu, file);
	return board_ctl_read(path, buf, len);
}

/* Read up to len bytes, waiting at most timeout_ms for each chunk. */
static ssize_t read_for(int fd, void *buf, size_t len, int timeout_ms)
{
	size_t got = 0;
	int tries = 0;

	while (got < len && tries++ < 1000) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t n;

		if (poll(&p, 1, timeout_ms) <= 0)
			break;
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EAGAIN)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : (ssize_t)got;
		got += n;
	}
	return got;
}

/*
 * Raw mode at speed with the given character format (CSx | PARENB ...) and
 * input flags (IXON ...). Settings persist from one open to the next, as on
 * any tty, so everything is set. VMIN 1: an empty non-blocking read is
 * EAGAIN.
 */
static int set_line(int fd, speed_t speed, tcflag_t cflags, tcflag_t iflags)
{
	struct termios t;

	if (tcgetattr(fd, &t))
		return -errno;
	cfmakeraw(&t);
	t.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS | CMSPAR);
	t.c_cflag |= CLOCAL | CREAD | cflags;
	t.c_iflag &= ~(IXON | IXOFF | IXANY);
	t.c_iflag |= iflags;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	cfsetispeed(&t, speed);
	cfsetospeed(&t, speed);
	return tcsetattr(fd, TCSANOW, &t) ? -errno : 0;
}

static bool writable(int fd, int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = POLLOUT};

	return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLOUT);
}

FIXTURE(uart)
{
	int fw;
	int fd; /* the port under test, opened as OWNER */
	char config[128];
};

FIXTURE_SETUP(uart)
{
	self->fd = -1;
	FW_OPEN_CLEAN(self->fw);
	for (unsigned int k = 0; k < NUM_ISUS; k++) {
		char path[32];

		tty_path(path, sizeof(path), k);
		ASSERT_EQ(0, chmod(path, 0666)) TH_LOG("%s: %s", path, strerror(errno));
		ASSERT_EQ(0, ctl_set(k, "loopback", "0"));
		ASSERT_LE(0, tx_flush(k));
	}
}

FIXTURE_TEARDOWN(uart)
{
	as_root();
	if (self->fd >= 0)
		close(self->fd);
	/* Whatever a failed test left assigned. */
	for (unsigned int k = 0; k < NUM_ISUS; k++)
		for (uint32_t kind = AZS_FW_KIND_UART; kind <= AZS_FW_KIND_SPI; kind++)
			fw_release(self->fw, kind, k);
	for (unsigned int k = 0; k < NUM_ISUS; k++)
		ctl_set(k, "loopback", "0");
	close(self->fw);
}

/* Assign ISU to OWNER as UART, open it as OWNER in raw 115200 8N1. */
#define OPEN_OWNED()                                                                               \
	do {                                                                                       \
		ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, ISU, AZS_FW_CORE_HL, OWNER));   \
		self->fd = open_as(OWNER, ISU);                                                    \
		ASSERT_LE(0, self->fd) TH_LOG("open as owner: %s", strerror(-self->fd));           \
		ASSERT_EQ(0, set_line(self->fd, B115200, CS8, 0));                                 \
	} while (0)

#define EXPECT_CONFIG(want)                                                                        \
	do {                                                                                       \
		ASSERT_LT(0, ctl_get(ISU, "config", self->config, sizeof(self->config)));          \
		EXPECT_STREQ(want "\n", self->config);                                             \
	} while (0)

TEST_F(uart, five_ports_under_the_board)
{
	char path[64], link[256];
	struct stat s;
	ssize_t n;

	for (unsigned int k = 0; k < NUM_ISUS; k++) {
		tty_path(path, sizeof(path), k);
		ASSERT_EQ(0, stat(path, &s)) TH_LOG("%s", path);
		EXPECT_TRUE(S_ISCHR(s.st_mode));
		snprintf(path, sizeof(path), "/sys/class/tty/ttyISU%u/device", k);
		n = readlink(path, link, sizeof(link) - 1);
		ASSERT_LT(0, n) TH_LOG("%s: %s", path, strerror(errno));
		link[n] = '\0';
		EXPECT_NE(NULL, strstr(link, "azsphere-board")) TH_LOG("%s -> %s", path, link);
	}
	EXPECT_EQ(-1, stat("/dev/ttyISU5", &s));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(uart, the_owner_transmits_and_the_far_end_captures_it)
{
	const char msg[] = "hello\n\0\x7f\x80\xff";
	char got[64];
	int queued = -1;

	OPEN_OWNED();
	EXPECT_CONFIG("baud 115200 bits 8 parity none stop 1 flow none");
	ASSERT_EQ((ssize_t)sizeof(msg), write_as(OWNER, self->fd, msg, sizeof(msg)));
	/* Transmission is immediate: nothing waits in the port. */
	ASSERT_EQ(0, ioctl(self->fd, TIOCOUTQ, &queued));
	EXPECT_EQ(0, queued);
	ASSERT_EQ((ssize_t)sizeof(msg), tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0, memcmp(msg, got, sizeof(msg)));
	/* Reading the capture drains it. */
	EXPECT_EQ(0, tx_take(ISU, got, sizeof(got)));
	/* Without loopback nothing comes back. */
	EXPECT_EQ(0, read_for(self->fd, got, sizeof(got), 100));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, the_owner_receives_what_the_far_end_sends)
{
	const char msg[] = "ping\0\x01\xfe\xff";
	char got[64];
	int avail = -1;

	OPEN_OWNED();
	ASSERT_EQ((ssize_t)sizeof(msg), rx_send(ISU, msg, sizeof(msg)));
	ASSERT_EQ((ssize_t)sizeof(msg), read_for(self->fd, got, sizeof(msg), 1000));
	EXPECT_EQ(0, memcmp(msg, got, sizeof(msg)));
	/* Nothing more, and the fd is non-blocking. */
	EXPECT_EQ(0, ioctl(self->fd, FIONREAD, &avail));
	EXPECT_EQ(0, avail);
	EXPECT_EQ(-1, read(self->fd, got, sizeof(got)));
	EXPECT_EQ(EAGAIN, errno);
	/* Received bytes are not transmitted. */
	EXPECT_EQ(0, tx_take(ISU, got, sizeof(got)));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, loopback_wires_tx_to_rx)
{
	char got[16], buf[8];

	OPEN_OWNED();
	ASSERT_LT(0, ctl_get(ISU, "loopback", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	ASSERT_EQ(0, ctl_set(ISU, "loopback", "1"));
	ASSERT_LT(0, ctl_get(ISU, "loopback", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);

	ASSERT_EQ(4, write_as(OWNER, self->fd, "loop", 4));
	ASSERT_EQ(4, read_for(self->fd, got, 4, 1000));
	EXPECT_EQ(0, memcmp("loop", got, 4));
	/* The far end sees the line too. */
	ASSERT_EQ(4, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0, memcmp("loop", got, 4));

	ASSERT_EQ(0, ctl_set(ISU, "loopback", "0"));
	ASSERT_EQ(3, write_as(OWNER, self->fd, "off", 3));
	EXPECT_EQ(0, read_for(self->fd, got, sizeof(got), 200));
	EXPECT_EQ(3, tx_take(ISU, got, sizeof(got)));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, config_follows_termios)
{
	static const struct {
		tcflag_t cflags, iflags;
		const char *config;
	} cases[] = {
		{CS5, 0, "baud 9600 bits 5 parity none stop 1 flow none"},
		{CS6, 0, "baud 9600 bits 6 parity none stop 1 flow none"},
		{CS7, 0, "baud 9600 bits 7 parity none stop 1 flow none"},
		{CS8, 0, "baud 9600 bits 8 parity none stop 1 flow none"},
		{CS8 | PARENB, 0, "baud 9600 bits 8 parity even stop 1 flow none"},
		{CS7 | PARENB | PARODD, 0, "baud 9600 bits 7 parity odd stop 1 flow none"},
		{CS8 | CSTOPB, 0, "baud 9600 bits 8 parity none stop 2 flow none"},
		{CS8 | CRTSCTS, 0, "baud 9600 bits 8 parity none stop 1 flow rtscts"},
		{CS8, IXON | IXOFF, "baud 9600 bits 8 parity none stop 1 flow xonxoff"},
	};
	struct termios t;

	OPEN_OWNED();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ASSERT_EQ(0, set_line(self->fd, B9600, cases[i].cflags, cases[i].iflags));
		ASSERT_LT(0, ctl_get(ISU, "config", self->config, sizeof(self->config)));
		EXPECT_EQ(0, strncmp(cases[i].config, self->config, strlen(cases[i].config)))
		TH_LOG("case %zu: want '%s', got '%s'", i, cases[i].config, self->config);
		/* termios reads back what was set. */
		ASSERT_EQ(0, tcgetattr(self->fd, &t));
		EXPECT_EQ(cases[i].cflags,
			  t.c_cflag & (CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS));
		EXPECT_EQ(B9600, cfgetospeed(&t));
	}
	/* Every rate from the lowest to the highest is applied. */
	static const struct {
		speed_t speed;
		const char *config;
	} rates[] = {
		{B1200, "baud 1200 "},       {B57600, "baud 57600 "},     {B921600, "baud 921600 "},
		{B1000000, "baud 1000000 "}, {B3000000, "baud 3000000 "},
	};
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		ASSERT_EQ(0, set_line(self->fd, rates[i].speed, CS8, 0));
		ASSERT_LT(0, ctl_get(ISU, "config", self->config, sizeof(self->config)));
		EXPECT_EQ(0, strncmp(rates[i].config, self->config, strlen(rates[i].config)))
		TH_LOG("rate %zu: got '%s'", i, self->config);
		ASSERT_EQ(0, tcgetattr(self->fd, &t));
		EXPECT_EQ(rates[i].speed, cfgetospeed(&t));
	}
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, an_unsupported_rate_keeps_the_previous_one)
{
	const speed_t bad[] = {B50, B300, B600, B3500000, B4000000};
	struct termios t;

	OPEN_OWNED();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* tcsetattr succeeds when any setting applies; read back the rest. */
		ASSERT_EQ(0, set_line(self->fd, bad[i], CS8, 0));
		ASSERT_EQ(0, tcgetattr(self->fd, &t));
		EXPECT_EQ(B115200, cfgetospeed(&t)) TH_LOG("rate %zu", i);
		EXPECT_EQ(B115200, cfgetispeed(&t));
		EXPECT_CONFIG("baud 115200 bits 8 parity none stop 1 flow none");
	}
	/* A rejected rate changes nothing else that was asked in the same call. */
	ASSERT_EQ(0, set_line(self->fd, B50, CS7 | PARENB, 0));
	EXPECT_CONFIG("baud 115200 bits 7 parity even stop 1 flow none");
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, mark_and_space_parity_are_refused)
{
	struct termios t;

	OPEN_OWNED();
	ASSERT_EQ(0, set_line(self->fd, B115200, CS8 | PARENB | CMSPAR, 0));
	ASSERT_EQ(0, tcgetattr(self->fd, &t));
	EXPECT_EQ(0, t.c_cflag & CMSPAR);
	EXPECT_EQ(PARENB, t.c_cflag & PARENB);
	EXPECT_CONFIG("baud 115200 bits 8 parity even stop 1 flow none");
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, the_character_size_cuts_both_directions)
{
	const unsigned char out[] = {0xff, 0x80, 0x41};
	unsigned char got[8];

	OPEN_OWNED();
	ASSERT_EQ(0, set_line(self->fd, B115200, CS7, 0));
	ASSERT_EQ(3, write_as(OWNER, self->fd, out, sizeof(out)));
	ASSERT_EQ(3, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0x7f, got[0]);
	EXPECT_EQ(0x00, got[1]);
	EXPECT_EQ(0x41, got[2]);
	ASSERT_EQ(1, rx_send(ISU, "\xc1", 1));
	ASSERT_EQ(1, read_for(self->fd, got, 1, 1000));
	EXPECT_EQ(0x41, got[0]);

	ASSERT_EQ(0, set_line(self->fd, B115200, CS5, 0));
	ASSERT_EQ(1, write_as(OWNER, self->fd, "\xff", 1));
	ASSERT_EQ(1, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0x1f, got[0]);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, rts_cts_holds_the_writer_while_the_far_end_is_full)
{
	static unsigned char big[TX_LOG_SIZE + 1000], got[TX_LOG_SIZE];
	size_t i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7 % 251);
	OPEN_OWNED();
	ASSERT_EQ(0, set_line(self->fd, B115200, CS8 | CRTSCTS, 0));
	EXPECT_TRUE(writable(self->fd, 0));
	/* A write larger than the far end's buffer is partial. */
	ASSERT_EQ(TX_LOG_SIZE, write_as(OWNER, self->fd, big, sizeof(big)));
	EXPECT_EQ(-EAGAIN, write_as(OWNER, self->fd, big, 1));
	EXPECT_FALSE(writable(self->fd, 50));
	/* The far end takes 1000 bytes: room again. */
	ASSERT_EQ(1000, tx_take(ISU, got, 1000));
	EXPECT_EQ(0, memcmp(big, got, 1000));
	EXPECT_TRUE(writable(self->fd, 1000));
	ASSERT_EQ(1000, write_as(OWNER, self->fd, big + TX_LOG_SIZE, 1000));
	/* Nothing was lost or reordered. */
	ASSERT_EQ(TX_LOG_SIZE, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0, memcmp(big + 1000, got, TX_LOG_SIZE));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, without_flow_control_the_far_end_keeps_the_newest)
{
	const size_t len = 1 << 20;
	unsigned char *big = malloc(len), got[TX_LOG_SIZE];

	ASSERT_NE(NULL, big);
	for (size_t i = 0; i < len; i++)
		big[i] = (unsigned char)(i * 7 % 251);
	OPEN_OWNED();
	/* A huge write goes out whole: the line never waits without flow control. */
	EXPECT_EQ((ssize_t)len, write_as(OWNER, self->fd, big, len));
	ASSERT_EQ(TX_LOG_SIZE, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0, memcmp(big + len - TX_LOG_SIZE, got, TX_LOG_SIZE));
	EXPECT_EQ(0, tx_take(ISU, got, sizeof(got)));
	free(big);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, xoff_from_the_far_end_stops_the_writer_until_xon)
{
	char got[8];
	int i;

	OPEN_OWNED();
	ASSERT_EQ(0, set_line(self->fd, B115200, CS8, IXON));
	ASSERT_EQ(1, rx_send(ISU, "\x13", 1)); /* XOFF */
	/* The line discipline handles it asynchronously. */
	for (i = 0; i < 100 && writable(self->fd, 0); i++)
		usleep(10000);
	EXPECT_FALSE(writable(self->fd, 0));
	EXPECT_EQ(-EAGAIN, write_as(OWNER, self->fd, "x", 1));
	EXPECT_EQ(0, tx_take(ISU, got, sizeof(got)));
	ASSERT_EQ(1, rx_send(ISU, "\x11", 1)); /* XON */
	EXPECT_TRUE(writable(self->fd, 1000));
	EXPECT_EQ(1, write_as(OWNER, self->fd, "y", 1));
	ASSERT_EQ(1, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ('y', got[0]);
	/* The flow characters were not data. */
	EXPECT_EQ(0, read_for(self->fd, got, sizeof(got), 100));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, echo_of_received_characters_goes_out)
{
	struct termios t;
	char got[8];
	ssize_t n = 0;

	OPEN_OWNED();
	ASSERT_EQ(0, tcgetattr(self->fd, &t));
	t.c_lflag |= ECHO;
	ASSERT_EQ(0, tcsetattr(self->fd, TCSANOW, &t));
	ASSERT_EQ(3, rx_send(ISU, "abc", 3));
	ASSERT_EQ(3, read_for(self->fd, got, 3, 1000));
	/* The line discipline echoes from its worker, for the port's opener. */
	for (int i = 0; i < 100 && n < 3; i++) {
		ssize_t r = tx_take(ISU, got + n, sizeof(got) - n);

		ASSERT_LE(0, r);
		n += r;
		if (n < 3)
			usleep(10000);
	}
	ASSERT_EQ(3, n);
	EXPECT_EQ(0, memcmp("abc", got, 3));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, zero_length_and_bad_buffers)
{
	char got[8];

	OPEN_OWNED();
	EXPECT_EQ(0, write_as(OWNER, self->fd, "", 0));
	EXPECT_EQ(-EFAULT, write_as(OWNER, self->fd, (void *)8, 16));
	EXPECT_EQ(0, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0, read(self->fd, got, 0));
	ASSERT_EQ(1, rx_send(ISU, "z", 1));
	ASSERT_EQ(1, read_for(self->fd, got, 1, 1000));
	EXPECT_EQ('z', got[0]);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, unknown_ioctls_are_enotty)
{
	struct serial_struct ss;
	int disc = -1;

	OPEN_OWNED();
	EXPECT_EQ(-1, ioctl(self->fd, _IO('x', 1)));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOR('T', 0x7f, int), &disc));
	EXPECT_EQ(ENOTTY, errno);
	/* No serial_core: the port has no serial_struct. */
	EXPECT_EQ(-1, ioctl(self->fd, TIOCGSERIAL, &ss));
	EXPECT_EQ(ENOTTY, errno);
	/* The port stays on the N_TTY line discipline. */
	disc = N_HDLC;
	EXPECT_EQ(-1, ioctl(self->fd, TIOCSETD, &disc));
	disc = -1;
	ASSERT_EQ(0, ioctl(self->fd, TIOCGETD, &disc));
	EXPECT_EQ(N_TTY, disc);
	/* Still a working port. */
	EXPECT_EQ(2, write_as(OWNER, self->fd, "ok", 2));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, unassigned_is_eacces)
{
	unsigned int isu = ISU;

	EXPECT_EQ(EACCES, board_run_as(OWNER, try_open, &isu));
	EXPECT_EQ(EACCES, board_run_as(OTHER, try_open, &isu));
	/* Root is no owner either. */
	EXPECT_EQ(EACCES, try_open(&isu));
}

TEST_F(uart, io_core_is_eacces)
{
	unsigned int isu = ISU;

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, ISU, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER));
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_open, &isu));
	EXPECT_EQ(EACCES, board_run_as(OTHER, try_open, &isu));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, another_function_of_the_isu_is_eacces)
{
	unsigned int isu = ISU;

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_I2C, ISU, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_open, &isu));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_I2C, ISU));
}

TEST_F(uart, another_uid_is_eacces)
{
	unsigned int isu = ISU;

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, ISU, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(EACCES, board_run_as(OTHER, try_open, &isu));
	/* Same node, same mode: the owner gets in. */
	EXPECT_EQ(0, board_run_as(OWNER, try_open, &isu));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

/* A second open of a port that is open goes through the check too. */
TEST_F(uart, another_uid_cannot_join_an_open_port)
{
	unsigned int isu = ISU;
	char got[8];

	OPEN_OWNED();
	EXPECT_EQ(EACCES, board_run_as(OTHER, try_open, &isu));
	EXPECT_EQ(-EACCES, open_as(OTHER, ISU));
	/* The owner's port is intact and a second owner fd works. */
	EXPECT_EQ(0, board_run_as(OWNER, try_open, &isu));
	EXPECT_EQ(2, write_as(OWNER, self->fd, "ok", 2));
	EXPECT_EQ(2, tx_take(ISU, got, sizeof(got)));
	ASSERT_EQ(1, rx_send(ISU, "r", 1));
	EXPECT_EQ(1, read_for(self->fd, got, 1, 1000));
	close(self->fd);
	self->fd = open_as(OWNER, ISU);
	EXPECT_LE(0, self->fd);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, released_means_no_new_open_no_write_no_receive)
{
	unsigned int isu = ISU;
	char got[8];

	OPEN_OWNED();
	ASSERT_EQ(1, write_as(OWNER, self->fd, "a", 1));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));

	EXPECT_EQ(EACCES, board_run_as(OWNER, try_open, &isu));
	/* The fd opened before: writes are refused and nothing goes out... */
	EXPECT_EQ(-EACCES, write_as(OWNER, self->fd, "b", 1));
	ASSERT_EQ(1, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ('a', got[0]);
	/* ...and nothing comes in. */
	ASSERT_EQ(1, rx_send(ISU, "c", 1));
	EXPECT_EQ(0, read_for(self->fd, got, 1, 200));

	/* Reassigned to another uid: still nothing for the old fd. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, ISU, AZS_FW_CORE_HL, OTHER));
	EXPECT_EQ(-EACCES, write_as(OWNER, self->fd, "d", 1));
	EXPECT_EQ(0, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ(0, board_run_as(OTHER, try_open, &isu));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));

	/* Given back: the old fd works again, both ways. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, ISU, AZS_FW_CORE_HL, OWNER));
	EXPECT_EQ(1, write_as(OWNER, self->fd, "e", 1));
	ASSERT_EQ(1, tx_take(ISU, got, sizeof(got)));
	EXPECT_EQ('e', got[0]);
	ASSERT_EQ(1, rx_send(ISU, "f", 1));
	ASSERT_EQ(1, read_for(self->fd, got, 1, 1000));
	EXPECT_EQ('f', got[0]);
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, other_isus_are_unaffected)
{
	unsigned int neighbour = NEIGHBOUR, isu0 = 0;
	char got[8], before[128], after[128];

	ASSERT_LT(0, ctl_get(NEIGHBOUR, "config", before, sizeof(before)));
	OPEN_OWNED();
	/* Owning ISU3 gives nothing on ISU4 or ISU0. */
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_open, &neighbour));
	EXPECT_EQ(EACCES, board_run_as(OWNER, try_open, &isu0));
	ASSERT_EQ(0, set_line(self->fd, B9600, CS7 | PARENB | CSTOPB, 0));
	ASSERT_EQ(0, ctl_set(ISU, "loopback", "1"));
	ASSERT_EQ(3, write_as(OWNER, self->fd, "abc", 3));
	EXPECT_EQ(0, tx_take(NEIGHBOUR, got, sizeof(got)));
	ASSERT_LT(0, ctl_get(NEIGHBOUR, "config", after, sizeof(after)));
	EXPECT_STREQ(before, after);
	ASSERT_LT(0, ctl_get(NEIGHBOUR, "loopback", got, sizeof(got)));
	EXPECT_STREQ("0\n", got);

	/* A neighbour owned by another uid works beside it. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, NEIGHBOUR, AZS_FW_CORE_HL, OTHER));
	EXPECT_EQ(0, board_run_as(OTHER, try_open, &neighbour));
	EXPECT_EQ(EACCES, board_run_as(OTHER, try_open, &(unsigned int){ISU}));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, NEIGHBOUR));
	EXPECT_EQ(3, tx_take(ISU, got, sizeof(got)));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_F(uart, control_files_round_trip_and_refuse_bad_input)
{
	const char *bad[] = {"2", "-1", "x", "", "1 1", "10"};
	char buf[64], path[64];
	int fd;

	ASSERT_EQ(0, ctl_set(ISU, "loopback", "1"));
	ASSERT_LT(0, ctl_get(ISU, "loopback", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);
	ASSERT_EQ(0, ctl_set(ISU, "loopback", "0\n"));
	ASSERT_LT(0, ctl_get(ISU, "loopback", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EINVAL, ctl_set(ISU, "loopback", bad[i])) TH_LOG("'%s'", bad[i]);
	}
	ASSERT_LT(0, ctl_get(ISU, "loopback", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);

	/* config is read-only, rx write-only, tx read-only. */
	EXPECT_EQ(-EINVAL, ctl_set(ISU, "config", "baud 9600"));
	EXPECT_EQ(-EINVAL, ctl_set(ISU, "tx", "x"));
	EXPECT_EQ(-EINVAL, ctl_get(ISU, "rx", buf, sizeof(buf)));
	/* The far end sending nothing, or to a closed port. */
	EXPECT_EQ(0, rx_send(ISU, "", 0));
	EXPECT_EQ(3, rx_send(ISU, "abc", 3));
	EXPECT_EQ(0, tx_take(ISU, buf, sizeof(buf)));
	/* No isu5. */
	snprintf(path, sizeof(path), BOARD_CONTROL "uart/isu5/tx");
	fd = open(path, O_RDONLY);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ENOENT, errno);
}

/* What the far end sent while the port was closed is lost, as on the wire. */
TEST_F(uart, a_closed_port_receives_nothing)
{
	char got[8];

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, ISU, AZS_FW_CORE_HL, OWNER));
	ASSERT_EQ(4, rx_send(ISU, "lost", 4));
	self->fd = open_as(OWNER, ISU);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, set_line(self->fd, B115200, CS8, 0));
	EXPECT_EQ(0, read_for(self->fd, got, sizeof(got), 200));
	ASSERT_EQ(3, rx_send(ISU, "new", 3));
	ASSERT_EQ(3, read_for(self->fd, got, 3, 1000));
	EXPECT_EQ(0, memcmp("new", got, 3));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, ISU));
}

TEST_HARNESS_MAIN
