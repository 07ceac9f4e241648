// SPDX-License-Identifier: MIT
/*
 * azs-ioctl-fuzz: random and malformed ioctl calls to every device node of
 * the platform and the simulated board, from inside the device (suite
 * ioctl_fuzz, docs/testing.md).
 *
 *   azs-ioctl-fuzz lock
 *       assign the board_locked configuration to uid 1000 on the HL core
 *       (and ISU0 to IO0) and lock the firewall, as suite firewall_lock does
 *   azs-ioctl-fuzz run [--uid U] [--calls N] [--seed S] [--timeout SEC]
 *       N calls (default 100000) spread over every target node, as root, or
 *       with --uid as that uid (no capabilities, no groups) on descriptors
 *       root opened. Prints one "# " line of figures per node and a summary.
 *
 * Targets: /dev/azsphere-*, the board's gpiochip ("mt3620-gpio") and the
 * line handles requested from it, its I2C adapters (/dev/i2c-N named
 * "mt3620-*"), its spidev nodes, its UARTs (/dev/ttyISU*) and its ADC
 * (/dev/iio:deviceN "mt3620-adc0"). Each call is, at random: a known
 * command of the node with a structured but perturbed argument (wrong size
 * fields, stray flags and reserved bits, out-of-range indexes, nested
 * pointers to NULL, to a guard page or to read-only memory), a known
 * command with a bad pointer (NULL, unmapped, kernel address, misaligned,
 * a struct that ends in the guard page), a command of the node's ioctl type
 * with random number, direction and size, or a random 32-bit command.
 * Commands that only sleep or reconfigure the tty layer itself (break,
 * drain, console redirection, line discipline, hangup) are never sent.
 *
 * Checks (exit 1 if any fails): the calls run to the end within the
 * timeout (a hung call is named); the firewall table and status are
 * identical before and after and it stays locked; as a uid, nothing in the
 * security monitor changes (device ID, manufacturing state, capabilities,
 * update counter); as root, the manufacturing state and update counter only
 * move forward. The seed is printed: "run --seed S" repeats a run.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <linux/gpio.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <linux/iio/buffer.h>
#include <linux/iio/events.h>
#include <linux/serial.h>
#include <linux/spi/spidev.h>

#include <azsphere/firewall.h>
#include <azsphere/security.h>

#include "board_util.h"
#include "fw_util.h"

enum kind { K_FW, K_SEC, K_OTHER_AZS, K_GPIOCHIP, K_LINE, K_I2C, K_SPI, K_TTY, K_IIO, K_NKINDS };

static const char *const kind_names[] = {"firewall", "security", "azsphere", "gpiochip", "gpio-line",
					 "i2c", "spi", "uart", "adc"};

#define MAX_TARGETS 48
#define MAX_LINES   6

struct target {
	char path[64];
	enum kind kind;
	int fd;
	uint64_t calls, ok, fault, inval, perm, notty, other;
};

/* Shared with the parent: progress and the call in flight (to name a hang). */
struct shared {
	uint64_t calls;
	unsigned long cmd;
	int target;
	char path[64];
	struct target t[MAX_TARGETS + 1];
	int n, base_n; /* t[base_n..n) are line handles made by the calls */
	struct target lines; /* figures of line handles already closed */
	int done;
};

static struct shared *sh;
static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

/* Argument memory: two read-write pages, then a guard page; a read-only page. */
static uint8_t *area, *guard, *rdonly;
#define PAGE	   4096
#define SCRATCH	   (area + PAGE) /* nested buffers point here */
#define STRUCT_MAX 2048
/* An address in the kernel's half, 32-bit or 64-bit. */
#define KERNEL_ADDR (0ul - 0x100000ul)

static int setup_memory(void)
{
	area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rdonly = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || rdonly == MAP_FAILED)
		return -1;
	guard = area + 2 * PAGE;
	for (int i = 0; i < PAGE; i++)
		rdonly[i] = (uint8_t)rnd();
	rdonly[0] = 24; /* a plausible size field */
	return mprotect(guard, PAGE, PROT_NONE) || mprotect(rdonly, PAGE, PROT_READ) ? -1 : 0;
}

static void fill_random(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd();
}

/* A value for a 32-bit field: mostly small (indexes, kinds, states), some extremes. */
static uint32_t field32(void)
{
	switch (below(8)) {
	case 0:
		return 0;
	case 1:
	case 2:
	case 3:
		return below(16);
	case 4:
		return below(256);
	case 5:
		return 0xffffffffu - below(4);
	case 6:
		return 1u << below(32);
	default:
		return (uint32_t)rnd();
	}
}

/* A user pointer for a nested field: valid, NULL, in the guard page, read-only, kernel. */
static uint64_t nested_ptr(size_t len)
{
	switch (below(10)) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)guard - below(len + 1);
	case 2:
		return (uintptr_t)rdonly;
	case 3:
		return KERNEL_ADDR + below(PAGE);
	case 4:
		return rnd();
	default:
		fill_random(SCRATCH, PAGE);
		return (uintptr_t)SCRATCH + below(64);
	}
}

static uint32_t perturbed_size(uint32_t size)
{
	static const int32_t d[] = {-8, -4, -1, 1, 4, 8, 64};

	switch (below(10)) {
	case 0:
		return 0;
	case 1:
		return size + (uint32_t)d[below(7)];
	case 2:
		return field32();
	default:
		return size;
	}
}

/* A struct of the azsphere uAPI: size, flags, then fields, reserved at the end. */
static void fill_azs_struct(uint8_t *p, size_t size, unsigned long cmd)
{
	uint32_t *w = (uint32_t *)p;

	memset(p, 0, size);
	for (size_t i = 2; i < size / 4; i++)
		w[i] = field32();
	w[0] = perturbed_size((uint32_t)size);
	w[1] = chance(80) ? 0 : field32();
	/* The reserved u64[2] at the end: mostly zero. */
	if (size >= 16 && chance(80))
		memset(p + size - 16, 0, 16);
	if (cmd == AZS_SEC_IOC_STORE_CAPS) {
		struct azs_sec_store_caps *s = (struct azs_sec_store_caps *)p;
		static const uint32_t lens[] = {AZS_CAPFILE_SIZE, 0, AZS_CAPFILE_SIZE - 1,
						AZS_CAPFILE_SIZE + 1, 1u << 20, 0xffffffffu};

		s->length = chance(60) ? AZS_CAPFILE_SIZE : lens[below(6)];
		s->data = nested_ptr(AZS_CAPFILE_SIZE);
		if (s->data >= (uintptr_t)SCRATCH && s->data < (uintptr_t)SCRATCH + 64 && chance(50))
			memset((void *)(uintptr_t)s->data, 0, 16); /* a zero header, sometimes */
	}
	if (cmd == AZS_SEC_IOC_SET_MFG_STATE && chance(50))
		((struct azs_sec_mfg_state *)p)->state = below(5);
}

static void fill_gpio_v2_request(struct gpio_v2_line_request *r)
{
	static const uint64_t flags[] = {
		GPIO_V2_LINE_FLAG_USED,		     GPIO_V2_LINE_FLAG_ACTIVE_LOW,
		GPIO_V2_LINE_FLAG_INPUT,	     GPIO_V2_LINE_FLAG_OUTPUT,
		GPIO_V2_LINE_FLAG_EDGE_RISING,	     GPIO_V2_LINE_FLAG_EDGE_FALLING,
		GPIO_V2_LINE_FLAG_OPEN_DRAIN,	     GPIO_V2_LINE_FLAG_OPEN_SOURCE,
		GPIO_V2_LINE_FLAG_BIAS_PULL_UP,	     GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN,
		GPIO_V2_LINE_FLAG_BIAS_DISABLED,     GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME,
		GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE,
	};
	static const uint32_t pins[] = {8, 12, 0, 9, 13, 4};

	memset(r, 0, sizeof(*r));
	r->num_lines = chance(80) ? 1 + below(2) : field32();
	for (int i = 0; i < GPIO_V2_LINES_MAX; i++)
		r->offsets[i] = chance(70) ? pins[below(6)] : field32();
	snprintf(r->consumer, sizeof(r->consumer), "fuzz");
	if (chance(10))
		fill_random((uint8_t *)r->consumer, sizeof(r->consumer));
	for (int n = below(4); n > 0; n--)
		r->config.flags |= flags[below(13)];
	if (chance(5))
		r->config.flags = rnd();
	r->config.num_attrs = chance(70) ? 0 : below(12);
	for (int i = 0; i < GPIO_V2_LINE_NUM_ATTRS_MAX; i++) {
		r->config.attrs[i].attr.id = below(5);
		r->config.attrs[i].attr.values = rnd();
		r->config.attrs[i].mask = chance(50) ? 1 : rnd();
	}
	r->event_buffer_size = chance(80) ? 0 : field32();
	if (chance(5))
		r->padding[below(5)] = field32();
}

static void fill_gpio_v1_request(void *p, bool event)
{
	static const uint32_t pins[] = {8, 12, 0, 9};

	if (event) {
		struct gpioevent_request *e = p;

		memset(e, 0, sizeof(*e));
		e->lineoffset = chance(80) ? pins[below(4)] : field32();
		e->handleflags = chance(70) ? GPIOHANDLE_REQUEST_INPUT : field32();
		e->eventflags = chance(70) ? GPIOEVENT_REQUEST_BOTH_EDGES : field32();
		snprintf(e->consumer_label, sizeof(e->consumer_label), "fuzz");
	} else {
		struct gpiohandle_request *h = p;

		memset(h, 0, sizeof(*h));
		h->lines = chance(80) ? 1 + below(2) : field32();
		for (int i = 0; i < GPIOHANDLES_MAX; i++) {
			h->lineoffsets[i] = chance(70) ? pins[below(4)] : field32();
			h->default_values[i] = (uint8_t)below(3);
		}
		h->flags = chance(50) ? (below(2) ? GPIOHANDLE_REQUEST_OUTPUT
						  : GPIOHANDLE_REQUEST_INPUT)
				      : field32();
		snprintf(h->consumer_label, sizeof(h->consumer_label), "fuzz");
	}
}

static void fill_i2c_rdwr(uint8_t *p)
{
	struct i2c_rdwr_ioctl_data *d = (struct i2c_rdwr_ioctl_data *)p;
	struct i2c_msg *m = (struct i2c_msg *)(p + 64);
	static const uint16_t fl[] = {0, I2C_M_RD, I2C_M_TEN, I2C_M_RECV_LEN, I2C_M_NOSTART,
				      I2C_M_IGNORE_NAK, I2C_M_STOP};
	static const uint16_t lens[] = {0, 1, 2, 6, 32, 8192, 8193, 0xffff};

	d->nmsgs = chance(80) ? 1 + below(3) : field32();
	d->msgs = chance(90) ? m : (struct i2c_msg *)(uintptr_t)nested_ptr(64);
	for (int i = 0; i < 8; i++) {
		m[i].addr = chance(70) ? 0x6a + below(2) : (uint16_t)field32();
		m[i].flags = (uint16_t)(chance(70) ? fl[below(7)] : field32());
		m[i].len = chance(80) ? below(17) : lens[below(8)];
		m[i].buf = chance(80) ? area + 1024 + 64 * i : (uint8_t *)(uintptr_t)nested_ptr(m[i].len);
		if (m[i].buf == area + 1024 + 64 * i)
			m[i].buf[0] = (uint8_t)below(0x80);
	}
}

static void fill_i2c_smbus(uint8_t *p)
{
	struct i2c_smbus_ioctl_data *d = (struct i2c_smbus_ioctl_data *)p;
	union i2c_smbus_data *data = (union i2c_smbus_data *)(p + 64);

	d->read_write = (uint8_t)(chance(80) ? below(2) : field32());
	d->command = (uint8_t)rnd();
	d->size = chance(80) ? below(9) : field32();
	fill_random((uint8_t *)data, sizeof(*data));
	if (chance(70))
		data->block[0] = (uint8_t)below(40);
	d->data = chance(85) ? data : (union i2c_smbus_data *)(uintptr_t)nested_ptr(sizeof(*data));
}

static unsigned int fill_spi_message(uint8_t *p)
{
	struct spi_ioc_transfer *x = (struct spi_ioc_transfer *)p;
	unsigned int n = chance(90) ? below(4) : 1 + below(40);
	static const uint32_t lens[] = {0, 1, 2, 3, 16, 64, 4096, 4097, 65536};

	memset(p, 0, sizeof(*x) * n);
	for (unsigned int i = 0; i < n && i < STRUCT_MAX / sizeof(*x); i++) {
		x[i].len = chance(80) ? below(20) : lens[below(9)];
		x[i].tx_buf = chance(75) ? (uintptr_t)(area + 1024) : nested_ptr(x[i].len);
		x[i].rx_buf = chance(75) ? (uintptr_t)(area + 1536) : nested_ptr(x[i].len);
		x[i].speed_hz = chance(70) ? 0 : field32();
		x[i].delay_usecs = (uint16_t)(chance(95) ? 0 : below(20));
		x[i].bits_per_word = (uint8_t)(chance(70) ? 0 : field32());
		x[i].cs_change = (uint8_t)below(2);
		x[i].tx_nbits = (uint8_t)(chance(80) ? 0 : below(9));
		x[i].rx_nbits = (uint8_t)(chance(80) ? 0 : below(9));
		x[i].word_delay_usecs = (uint8_t)(chance(95) ? 0 : below(10));
		x[i].pad = (uint8_t)(chance(90) ? 0 : rnd());
	}
	area[1024] = (uint8_t)rnd(); /* R/W bit and register of the sensor */
	return n;
}

/* Known commands per kind. */
static const unsigned long fw_cmds[] = {AZS_FW_IOC_ASSIGN, AZS_FW_IOC_RELEASE, AZS_FW_IOC_QUERY,
					AZS_FW_IOC_STATUS, AZS_FW_IOC_LOCK};
static const unsigned long sec_cmds[] = {
	AZS_SEC_IOC_GET_DEVICE_ID, AZS_SEC_IOC_GET_MFG_STATE, AZS_SEC_IOC_SET_MFG_STATE,
	AZS_SEC_IOC_GET_CAPS,	   AZS_SEC_IOC_STORE_CAPS,    AZS_SEC_IOC_CLEAR_CAPS,
	AZS_SEC_IOC_GET_ROT_KEY,   AZS_SEC_IOC_UPDATE_COUNTER};
static const unsigned long chip_cmds[] = {
	GPIO_GET_CHIPINFO_IOCTL,     GPIO_GET_LINEINFO_IOCTL,	       GPIO_GET_LINEHANDLE_IOCTL,
	GPIO_GET_LINEEVENT_IOCTL,    GPIO_V2_GET_LINEINFO_IOCTL,       GPIO_V2_GET_LINE_IOCTL,
	GPIO_V2_GET_LINEINFO_WATCH_IOCTL, GPIO_GET_LINEINFO_UNWATCH_IOCTL, GPIO_GET_LINEINFO_WATCH_IOCTL};
static const unsigned long line_cmds[] = {
	GPIOHANDLE_GET_LINE_VALUES_IOCTL, GPIOHANDLE_SET_LINE_VALUES_IOCTL, GPIOHANDLE_SET_CONFIG_IOCTL,
	GPIO_V2_LINE_SET_CONFIG_IOCTL,	  GPIO_V2_LINE_GET_VALUES_IOCTL,    GPIO_V2_LINE_SET_VALUES_IOCTL};
static const unsigned long i2c_cmds[] = {I2C_RETRIES, I2C_TIMEOUT, I2C_SLAVE, I2C_SLAVE_FORCE,
					 I2C_TENBIT,  I2C_FUNCS,   I2C_RDWR,  I2C_PEC,
					 I2C_SMBUS};
static const unsigned long spi_cmds[] = {
	SPI_IOC_RD_MODE,	 SPI_IOC_WR_MODE,	   SPI_IOC_RD_LSB_FIRST, SPI_IOC_WR_LSB_FIRST,
	SPI_IOC_RD_BITS_PER_WORD, SPI_IOC_WR_BITS_PER_WORD, SPI_IOC_RD_MAX_SPEED_HZ,
	SPI_IOC_WR_MAX_SPEED_HZ, SPI_IOC_RD_MODE32,	   SPI_IOC_WR_MODE32,	 SPI_IOC_MESSAGE(1)};
static const unsigned long tty_cmds[] = {
	TCGETS,	    TCSETS,	 TCSETSF,     TIOCMGET,	   TIOCMSET,	TIOCMBIS,    TIOCMBIC,
	TIOCGSERIAL, TIOCSSERIAL, TIOCGICOUNT, FIONREAD,   TIOCOUTQ,	TCFLSH,	     TCXONC,
	TIOCEXCL,   TIOCNXCL,	 TIOCGWINSZ,  TIOCSWINSZ,  TIOCGSOFTCAR, TIOCSSOFTCAR, TIOCSBRK,
	TIOCCBRK,   TIOCGRS485,	 TIOCSRS485,  TIOCGEXCL,   TIOCGETD,	TCGETA,	     TCSETA};
static const unsigned long iio_cmds[] = {IIO_GET_EVENT_FD_IOCTL, IIO_BUFFER_GET_FD_IOCTL};

/*
 * tty commands that sleep (break, drain, modem wait) or rewire the tty layer
 * (console, controlling tty, line discipline, hangup, input injection): by
 * their number in type 'T', whatever the size and direction bits.
 */
static bool tty_denied(unsigned long cmd)
{
	static const unsigned char deny[] = {
		0x03 /* TCSETSW */,   0x07 /* TCSETAW */,     0x09 /* TCSBRK */,
		0x0e /* TIOCSCTTY */, 0x12 /* TIOCSTI */,     0x1c /* TIOCLINUX */,
		0x1d /* TIOCCONS */,  0x22 /* TIOCNOTTY */,   0x23 /* TIOCSETD */,
		0x25 /* TCSBRKP */,   0x2c /* TCSETSW2 */,    0x36 /* TIOCSIG */,
		0x37 /* TIOCVHANGUP */, 0x53 /* TIOCSERCONFIG */, 0x57 /* TIOCSLCKTRMIOS */,
		0x5c /* TIOCMIWAIT */};

	if (_IOC_TYPE(cmd) != 'T')
		return false;
	for (size_t i = 0; i < sizeof(deny); i++)
		if (_IOC_NR(cmd) == deny[i])
			return true;
	return false;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static unsigned long known_cmd(enum kind k)
{
	switch (k) {
	case K_FW:
		return fw_cmds[below(N_OF(fw_cmds))];
	case K_SEC:
		return sec_cmds[below(N_OF(sec_cmds))];
	case K_GPIOCHIP:
		return chip_cmds[below(N_OF(chip_cmds))];
	case K_LINE:
		return line_cmds[below(N_OF(line_cmds))];
	case K_I2C:
		return i2c_cmds[below(N_OF(i2c_cmds))];
	case K_SPI: {
		unsigned long c = spi_cmds[below(N_OF(spi_cmds))];

		return c == SPI_IOC_MESSAGE(1) ? SPI_IOC_MESSAGE(below(5)) : c;
	}
	case K_TTY:
		return tty_cmds[below(N_OF(tty_cmds))];
	case K_IIO:
		return iio_cmds[below(N_OF(iio_cmds))];
	default:
		return _IOC(below(4), AZS_IOC_MAGIC, below(0x40), below(256));
	}
}

/* A command of the node's type with random number, direction and size. */
static unsigned long typed_cmd(enum kind k)
{
	static const unsigned int types[K_NKINDS] = {
		[K_FW] = AZS_IOC_MAGIC, [K_SEC] = AZS_IOC_MAGIC, [K_OTHER_AZS] = AZS_IOC_MAGIC,
		[K_GPIOCHIP] = 0xB4,	[K_LINE] = 0xB4,	 [K_I2C] = 0x07,
		[K_SPI] = SPI_IOC_MAGIC, [K_TTY] = 'T',		 [K_IIO] = 'i'};
	unsigned long cmd;

	if (k == K_TTY && chance(50))
		cmd = 0x5400 + below(0x70); /* the legacy tty numbers */
	else if (k == K_I2C && chance(50))
		cmd = 0x0700 + below(0x30); /* i2c-dev's commands carry no size */
	else
		cmd = _IOC(below(4), types[k], below(k == K_IIO ? 0xa0 : 0x50), below(k == K_SPI ? 2048 : 512));
	return cmd;
}

/* The ioctl argument for cmd: structured, or a bad pointer or value. */
static unsigned long make_arg(enum kind k, unsigned long cmd, unsigned int how)
{
	size_t size = _IOC_SIZE(cmd);
	uint8_t *p = area + (chance(95) ? 0 : below(8)); /* sometimes misaligned */

	if (how == 1) { /* a bad pointer or a plain value */
		switch (below(7)) {
		case 0:
			return 0;
		case 1:
			return field32();
		case 2:
			return (uintptr_t)rdonly;
		case 3:
			return (uintptr_t)guard - below(size + 1);
		case 4:
			return KERNEL_ADDR;
		case 5:
			return (uintptr_t)guard;
		default:
			return (unsigned long)rnd();
		}
	}
	if (size > STRUCT_MAX)
		size = STRUCT_MAX;
	memset(area, 0, 2 * PAGE);
	switch (k) {
	case K_FW:
	case K_SEC:
	case K_OTHER_AZS:
		if (cmd == AZS_FW_IOC_LOCK || cmd == AZS_SEC_IOC_CLEAR_CAPS)
			return chance(80) ? 0 : field32();
		fill_azs_struct(p, size ? size : 64, cmd);
		break;
	case K_GPIOCHIP:
		if (cmd == GPIO_V2_GET_LINE_IOCTL)
			fill_gpio_v2_request((struct gpio_v2_line_request *)p);
		else if (cmd == GPIO_GET_LINEHANDLE_IOCTL || cmd == GPIO_GET_LINEEVENT_IOCTL)
			fill_gpio_v1_request(p, cmd == GPIO_GET_LINEEVENT_IOCTL);
		else if (cmd == GPIO_GET_LINEINFO_UNWATCH_IOCTL)
			*(uint32_t *)p = chance(70) ? below(80) : field32();
		else
			for (size_t i = 0; i + 4 <= size; i += 4)
				*(uint32_t *)(p + i) = chance(60) ? 0 : field32();
		/* v2 line info: all zero but the offset (bytes 64..67), mostly. */
		if ((cmd == GPIO_V2_GET_LINEINFO_IOCTL || cmd == GPIO_V2_GET_LINEINFO_WATCH_IOCTL) &&
		    chance(70)) {
			memset(p, 0, size);
			*(uint32_t *)(p + 64) = chance(80) ? below(80) : field32();
		}
		break;
	case K_LINE:
		if (cmd == GPIO_V2_LINE_SET_CONFIG_IOCTL) {
			struct gpio_v2_line_request r;

			fill_gpio_v2_request(&r);
			memcpy(p, &r.config, sizeof(r.config));
		} else {
			for (size_t i = 0; i < size; i++)
				p[i] = (uint8_t)(chance(50) ? below(2) : rnd());
		}
		break;
	case K_I2C:
		if (cmd == I2C_RDWR) {
			fill_i2c_rdwr(p);
		} else if (cmd == I2C_SMBUS) {
			fill_i2c_smbus(p);
		} else if (_IOC_SIZE(cmd) == 0) {
			return chance(70) ? 0x60 + below(0x20) : field32();
		}
		break;
	case K_SPI:
		if (_IOC_TYPE(cmd) == SPI_IOC_MAGIC && _IOC_NR(cmd) == 0 && size)
			fill_spi_message(p);
		else
			for (size_t i = 0; i + 4 <= size; i += 4)
				*(uint32_t *)(p + i) = field32();
		break;
	case K_TTY:
		if (size == 0 && (cmd >> 8) == 0x54 && (cmd == TCFLSH || cmd == TCXONC))
			return below(4);
		fill_random(p, size ? size : 256);
		if (cmd == TCSETS || cmd == TCSETSF) {
			struct termios *t = (struct termios *)p;

			if (chance(50)) {
				t->c_iflag = 0;
				t->c_oflag = 0;
				t->c_lflag = 0;
			}
		}
		break;
	default:
		fill_random(p, size ? size : 256);
		break;
	}
	return (uintptr_t)p;
}

/* Nodes root may not open (a UART opens only for the uid the firewall gave it). */
static struct {
	char path[64];
	enum kind kind;
} deferred[MAX_TARGETS];
static int n_deferred;

static void add_target(const char *path, enum kind k)
{
	struct target *t;
	int fd;

	if (sh->n >= MAX_TARGETS)
		return;
	fd = open(path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && (errno == EACCES || errno == EPERM) && n_deferred < MAX_TARGETS && getuid() == 0) {
		snprintf(deferred[n_deferred].path, sizeof(deferred[0].path), "%s", path);
		deferred[n_deferred++].kind = k;
	}
	if (fd < 0) {
		printf("# %s cannot open %s: %s\n", getuid() ? "the uid" : "root", path,
		       strerror(errno));
		return;
	}
	t = &sh->t[sh->n++];
	memset(t, 0, sizeof(*t));
	snprintf(t->path, sizeof(t->path), "%s", path);
	t->kind = k;
	t->fd = fd;
}

static bool sysfs_starts(const char *path, const char *prefix)
{
	char buf[64] = {0};
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 && !strncmp(buf, prefix, strlen(prefix));
}

static void find_targets(void)
{
	glob_t g;
	char sys[128];

	if (!glob("/dev/azsphere-*", 0, NULL, &g)) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			add_target(g.gl_pathv[i], strstr(g.gl_pathv[i], "firewall")   ? K_FW
						  : strstr(g.gl_pathv[i], "security") ? K_SEC
										      : K_OTHER_AZS);
		globfree(&g);
	}
	if (!glob("/dev/gpiochip*", 0, NULL, &g)) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct gpiochip_info info = {0};
			int fd = open(g.gl_pathv[i], O_RDONLY | O_CLOEXEC);

			if (fd >= 0 && !ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &info) &&
			    !strcmp(info.label, "mt3620-gpio"))
				add_target(g.gl_pathv[i], K_GPIOCHIP);
			if (fd >= 0)
				close(fd);
		}
		globfree(&g);
	}
	if (!glob("/dev/i2c-*", 0, NULL, &g)) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			snprintf(sys, sizeof(sys), "/sys/class/i2c-dev/%s/name", g.gl_pathv[i] + 5);
			if (sysfs_starts(sys, "mt3620-"))
				add_target(g.gl_pathv[i], K_I2C);
		}
		globfree(&g);
	}
	if (!glob("/dev/spidev*", 0, NULL, &g)) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			add_target(g.gl_pathv[i], K_SPI);
		globfree(&g);
	}
	if (!glob("/dev/ttyISU*", 0, NULL, &g)) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			add_target(g.gl_pathv[i], K_TTY);
		globfree(&g);
	}
	if (!glob("/dev/iio:device*", 0, NULL, &g)) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			snprintf(sys, sizeof(sys), "/sys/bus/iio/devices/%s/name", g.gl_pathv[i] + 5);
			if (sysfs_starts(sys, "mt3620-"))
				add_target(g.gl_pathv[i], K_IIO);
		}
		globfree(&g);
	}
}

/* A descriptor an ioctl returned (line handle, event fd): kept as a target or closed. */
static int n_lines;

static void adopt_fd(int fd)
{
	if (fd < 0 || fd > 4096 || fcntl(fd, F_GETFD) < 0)
		return;
	if (n_lines < MAX_LINES && sh->n < MAX_TARGETS) {
		struct target *t = &sh->t[sh->n++];

		memset(t, 0, sizeof(*t));
		snprintf(t->path, sizeof(t->path), "gpio-line-fd");
		t->kind = K_LINE;
		t->fd = fd;
		n_lines++;
		return;
	}
	close(fd);
}

static void returned_fd(enum kind k, unsigned long cmd, unsigned long arg)
{
	const void *p = (const void *)arg;

	if (k == K_GPIOCHIP && cmd == GPIO_V2_GET_LINE_IOCTL)
		adopt_fd(((const struct gpio_v2_line_request *)p)->fd);
	else if (k == K_GPIOCHIP && cmd == GPIO_GET_LINEHANDLE_IOCTL)
		adopt_fd(((const struct gpiohandle_request *)p)->fd);
	else if (k == K_GPIOCHIP && cmd == GPIO_GET_LINEEVENT_IOCTL)
		adopt_fd(((const struct gpioevent_request *)p)->fd);
	else if (k == K_IIO && (cmd == IIO_GET_EVENT_FD_IOCTL || cmd == IIO_BUFFER_GET_FD_IOCTL)) {
		int fd = *(const int *)p;

		if (fd > 2 && fd < 4096)
			close(fd);
	}
}

/* Close the line handles (their pins are free again), keeping their figures. */
static void release_lines(void)
{
	for (int i = sh->base_n; i < sh->n; i++) {
		struct target *t = &sh->t[i];

		close(t->fd);
		sh->lines.calls += t->calls;
		sh->lines.ok += t->ok;
		sh->lines.fault += t->fault;
		sh->lines.inval += t->inval;
		sh->lines.perm += t->perm;
		sh->lines.notty += t->notty;
		sh->lines.other += t->other;
	}
	sh->n = sh->base_n;
	n_lines = 0;
}

/* Close descriptors no target holds (made by random commands). */
static void sweep_fds(void)
{
	for (int fd = 3; fd < 512; fd++) {
		bool ours = false;

		for (int i = 0; i < sh->n && !ours; i++)
			ours = sh->t[i].fd == fd;
		if (!ours && fcntl(fd, F_GETFD) >= 0)
			close(fd);
	}
}

static void count(struct target *t, long ret, int err)
{
	t->calls++;
	if (ret >= 0)
		t->ok++;
	else if (err == EFAULT)
		t->fault++;
	else if (err == EINVAL)
		t->inval++;
	else if (err == EPERM || err == EACCES)
		t->perm++;
	else if (err == ENOTTY)
		t->notty++;
	else
		t->other++;
}

static void fuzz(uint64_t calls)
{
	for (uint64_t c = 0; c < calls; c++) {
		int i = (int)below((uint32_t)sh->n);
		struct target *t = &sh->t[i];
		unsigned int mode = below(100);
		unsigned long cmd, arg;
		long ret;

		if (mode < 60)
			cmd = known_cmd(t->kind); /* structured argument */
		else if (mode < 80)
			cmd = known_cmd(t->kind); /* bad pointer */
		else if (mode < 95)
			cmd = typed_cmd(t->kind);
		else
			cmd = (uint32_t)rnd();
		if (t->kind == K_TTY && tty_denied(cmd))
			cmd = TCGETS;
		arg = make_arg(t->kind, cmd, mode >= 60 && mode < 80 ? 1 : 0);
		sh->target = i;
		sh->cmd = cmd;
		__atomic_store_n(&sh->calls, c + 1, __ATOMIC_RELAXED);
		errno = 0;
		ret = ioctl(t->fd, cmd, arg);
		count(t, ret, errno);
		if (ret >= 0 && mode < 60)
			returned_fd(t->kind, cmd, arg);
		if (c % 5000 == 4999)
			sweep_fds();
		if (c % 20000 == 19999)
			release_lines();
	}
	release_lines();
}

struct sec_state {
	uint8_t id[AZS_DEVICE_ID_SIZE];
	uint32_t mfg;
	uint64_t caps, caps_seq, counter;
};

static int read_sec(struct sec_state *s)
{
	struct azs_sec_device_id id = {.size = sizeof(id)};
	struct azs_sec_mfg_state m = {.size = sizeof(m)};
	struct azs_sec_caps c = {.size = sizeof(c)};
	struct azs_sec_update_counter u = {.size = sizeof(u)};
	int fd = open(AZS_SEC_DEVICE, O_RDONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, AZS_SEC_IOC_GET_DEVICE_ID, &id) || ioctl(fd, AZS_SEC_IOC_GET_MFG_STATE, &m) ||
	    ioctl(fd, AZS_SEC_IOC_GET_CAPS, &c) || ioctl(fd, AZS_SEC_IOC_UPDATE_COUNTER, &u))
		ret = -errno;
	close(fd);
	memcpy(s->id, id.id, sizeof(s->id));
	s->mfg = m.state;
	s->caps = c.present;
	s->caps_seq = c.sequence;
	s->counter = u.counter;
	return ret;
}

static int cmd_lock(void)
{
	int fd = fw_open(), ret = 0;

	if (fd < 0) {
		printf("azs-ioctl-fuzz: %s: %s\n", AZS_FW_DEVICE, strerror(errno));
		return 1;
	}
	ret |= fw_assign(fd, AZS_FW_KIND_GPIO, 8, AZS_FW_CORE_HL, BOARD_UID_OWNER);
	ret |= fw_assign(fd, AZS_FW_KIND_UART, 0, AZS_FW_CORE_IO0, AZS_FW_NO_OWNER);
	for (size_t i = 0; i < N_OF(board_locked_config); i++)
		ret |= fw_assign(fd, board_locked_config[i].kind, board_locked_config[i].index,
				 AZS_FW_CORE_HL, BOARD_UID_OWNER);
	if (!ret)
		ret = fw_ioctl(fd, AZS_FW_IOC_LOCK, 0);
	close(fd);
	if (ret) {
		printf("azs-ioctl-fuzz: configuring and locking the firewall failed\n");
		return 1;
	}
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmd_run(int argc, char **argv)
{
	uint64_t calls = 100000, seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	long uid = -1, timeout = 600;
	struct fw_snapshot *before, *after;
	struct sec_state s0, s1;
	uint64_t total = 0;
	int fwfd, status, failed = 0;
	double t0;
	pid_t pid;

	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--uid") && i + 1 < argc)
			uid = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--calls") && i + 1 < argc)
			calls = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
			timeout = strtol(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "azs-ioctl-fuzz: unknown argument '%s'\n", argv[i]);
			return 2;
		}
	}
	rng_state = seed;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	before = malloc(sizeof(*before));
	after = malloc(sizeof(*after));
	fwfd = fw_open();
	if (sh == MAP_FAILED || !before || !after || fwfd < 0 || setup_memory()) {
		printf("azs-ioctl-fuzz: setup failed: %s\n", strerror(errno));
		return 1;
	}
	memset(sh, 0, sizeof(*sh));
	if (fw_snapshot(fwfd, before) || read_sec(&s0)) {
		printf("azs-ioctl-fuzz: cannot read the firewall or the security state\n");
		return 1;
	}
	find_targets();
	sh->base_n = sh->n;
	snprintf(sh->lines.path, sizeof(sh->lines.path), "(line handles)");
	sh->lines.kind = K_LINE;
	printf("# seed 0x%016" PRIx64 ", %" PRIu64 " calls as %s %ld, %d nodes open to root\n",
	       seed, calls, uid < 0 ? "root" : "uid", uid < 0 ? 0 : uid, sh->n);
	fflush(stdout);
	/* A node owned by the uid for each node root could not open (in /dev:
	 * /tmp is nodev): the device's own node is root's, an app gets a node
	 * of its own. */
	for (int i = 0; uid >= 0 && i < n_deferred; i++) {
		struct stat st;
		char node[64];
		const char *base = strrchr(deferred[i].path, '/') + 1;

		snprintf(node, sizeof(node), "/dev/azs-ioctl-fuzz-%s", base);
		unlink(node);
		if (stat(deferred[i].path, &st) || mknod(node, S_IFCHR | 0600, st.st_rdev) ||
		    chown(node, (uid_t)uid, (gid_t)uid)) {
			printf("# cannot make %s: %s\n", node, strerror(errno));
			continue;
		}
		snprintf(deferred[i].path, sizeof(deferred[i].path), "%s", node);
	}
	t0 = now_s();
	pid = fork();
	if (pid == 0) {
		static const int quiet[] = {SIGIO, SIGPIPE, SIGHUP, SIGTTOU, SIGTTIN, SIGURG, SIGTSTP};

		for (size_t i = 0; i < N_OF(quiet); i++)
			signal(quiet[i], SIG_IGN);
		close(fwfd);
		if (uid >= 0 && (setgroups(0, NULL) || setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) ||
				 setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) ||
				 prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)))
			_exit(126);
		/* What root could not open, the uid may (its own UART), through
		 * a node of its own as an app's sandbox has. */
		for (int i = 0; uid >= 0 && i < n_deferred; i++)
			add_target(deferred[i].path, deferred[i].kind);
		sh->base_n = sh->n;
		fuzz(calls);
		sh->done = 1;
		_exit(0);
	}
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (now_s() - t0 > (double)timeout) {
			printf("# HUNG after %" PRIu64 " calls: %s cmd 0x%08lx\n", sh->calls,
			       sh->t[sh->target].path, sh->cmd);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			failed = 1;
			break;
		}
		usleep(100000);
	}
	if (!failed && (!WIFEXITED(status) || WEXITSTATUS(status) || !sh->done)) {
		printf("# the fuzzing child died (status 0x%x) at call %" PRIu64 ": %s cmd 0x%08lx\n",
		       status, sh->calls, sh->t[sh->target].path, sh->cmd);
		failed = 1;
	}
	for (int i = 0; uid >= 0 && i < n_deferred; i++)
		if (!strncmp(deferred[i].path, "/dev/azs-ioctl-fuzz-", 20))
			unlink(deferred[i].path);
	sh->t[sh->n] = sh->lines; /* printed with the nodes */
	for (int i = 0; i <= sh->n; i++) {
		struct target *t = &sh->t[i];

		total += t->calls;
		printf("# %-20s %-9s %7" PRIu64 " calls: ok %" PRIu64 " EFAULT %" PRIu64
		       " EINVAL %" PRIu64 " EPERM %" PRIu64 " ENOTTY %" PRIu64 " other %" PRIu64 "\n",
		       t->path, kind_names[t->kind], t->calls, t->ok, t->fault, t->inval, t->perm,
		       t->notty, t->other);
	}
	printf("# %" PRIu64 " calls in %.1f s\n", total, now_s() - t0);
	if (total < calls && !failed) {
		printf("# only %" PRIu64 " of %" PRIu64 " calls were made\n", total, calls);
		failed = 1;
	}
	if (fw_snapshot(fwfd, after) || !fw_snapshot_equal(before, after)) {
		printf("# the firewall table or status changed (generation %llu -> %llu)\n",
		       (unsigned long long)before->st.generation,
		       (unsigned long long)after->st.generation);
		failed = 1;
	}
	if (!(after->st.state & AZS_FW_STATUS_LOCKED)) {
		printf("# the firewall is not locked\n");
		failed = 1;
	}
	if (read_sec(&s1)) {
		printf("# cannot read the security state after the run\n");
		failed = 1;
	} else if (memcmp(s0.id, s1.id, sizeof(s0.id))) {
		printf("# the device ID changed\n");
		failed = 1;
	} else if (uid >= 0 && (s0.mfg != s1.mfg || s0.caps != s1.caps ||
				s0.caps_seq != s1.caps_seq || s0.counter != s1.counter)) {
		printf("# a uid without capabilities changed the security state\n");
		failed = 1;
	} else if (s1.mfg < s0.mfg || s1.counter < s0.counter || s1.caps_seq < s0.caps_seq) {
		printf("# the manufacturing state, update counter or capability sequence went back\n");
		failed = 1;
	}
	printf("# security state: manufacturing %u -> %u, capabilities 0x%" PRIx64 " -> 0x%" PRIx64
	       ", counter %" PRIu64 " -> %" PRIu64 "\n",
	       s0.mfg, s1.mfg, s0.caps, s1.caps, s0.counter, s1.counter);
	return failed;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "lock"))
		return cmd_lock();
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return cmd_run(argc, argv);
	fprintf(stderr, "usage: azs-ioctl-fuzz lock | run [--uid U] [--calls N] [--seed S] "
			"[--timeout SEC]\n");
	return 2;
}
