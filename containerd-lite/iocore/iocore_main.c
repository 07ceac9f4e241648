// SPDX-License-Identifier: MIT
/*
 * azs-iocore: one MT3620 I/O core (Cortex-M4F) running one RTApp, emulated
 * with Debian's Unicorn engine (docs/iocore.md). The platform runs one such
 * process per core.
 *
 *   azs-iocore --core IO0|IO1 (--image APP.elf | --image-fd N) [--seconds N]
 *              [--initiator DEVICE | --initiator-fd N | --firewall-assume BLOCK,...]
 *              [--mailbox PATH] [--slice-us N]
 *
 * The image is checked (rt_elf.c) and loaded into the core's memories; the
 * core's own devices (debug UART, GPT3, SCS) and the peripheral blocks
 * (GPIO/PWM, ISU, ADC; the ADC, PWM and ISU registers in iocore_periph.c)
 * are device models. Every access to a peripheral
 * block is checked against the firewall with this core as the initiator: a
 * block not assigned to the core is a bus fault, which stops the core.
 * The core acts on the board only through the initiator device
 * (/dev/azsphere-iocore, uapi/azsphere/iocore.h): an fd bound to this core,
 * opened by the platform (--initiator-fd, from the application manager) or,
 * run by root, opened and bound here. GPIO writes drive the board's pins,
 * ADC reads sample its ADC, PWM writes set its PWM channels, ISU registers
 * run transfers on its I2C buses and send and receive on its UARTs.
 * The debug UART's lines go to stdout; the core's events (pins, faults) to
 * stderr, one line each, prefixed "azs-iocore IO<n>:".
 *
 * Exit: 0 stopped (time limit, SIGTERM/SIGINT); 2 bad usage or image;
 * 3 the app faulted; 1 other errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <unicorn/unicorn.h>

#include <azsphere/firewall.h>
#include <azsphere/iocore.h>

#include "iocore_mailbox.h"
#include "iocore_map.h"
#include "iocore_nvic.h"
#include "iocore_periph.h"
#include "rt_elf.h"

#define MAX_IMAGE       (2u * 1024u * 1024u)
/*
 * The core runs in slices of at most SLICE_INSNS instructions or SLICE_US of
 * wall time (a poll of the GPT sleeps), so the deadline and SIGTERM are seen.
 * A slice ends only at an instruction boundary, from the code hook: Unicorn
 * 2.0's own timeout (uc_emu_start's TIMEOUT) and a uc_emu_stop() from a
 * memory hook stop mid-block and resume from a stale PC, re-running or
 * skipping instructions (a device lost its debug UART's first line that way).
 */
#define SLICE_INSNS     100000u
#define SLICE_US        20000u /* --slice-us: tests make slices tiny */
#define UART_LINE_MAX   256u

#define GPIO_DIN        0x04u
#define GPIO_DOUT       0x10u
#define GPIO_DOUT_SET   0x14u
#define GPIO_DOUT_RESET 0x18u
#define GPIO_OE         0x20u
#define GPIO_OE_SET     0x24u
#define GPIO_OE_RESET   0x28u

#define UART_THR        0x00u
#define UART_LSR        0x14u
#define UART_LSR_IDLE   0x60u /* THRE | TEMT: the emulated UART never backs up */

#define GPT3_CTRL       0x50u
#define GPT3_INIT       0x54u
#define GPT3_CNT        0x58u

/* Thumb encodings the run loop recognises after a run ends. */
#define INSN_WFI   0xBF30u
#define INSN_WFE   0xBF20u
#define INSN_YIELD 0xBF10u
/* Hook intnos of Unicorn 2.0.1's ARM target (qemu's EXCP_*). */
#define EXCP_SWI            2u
#define EXCP_EXCEPTION_EXIT 8u

struct gpio_block {
	uint32_t dout, oe;
};

struct core;

struct region {
	struct core *c;
	uint32_t base;
};

struct core {
	uc_engine *uc;
	unsigned int id; /* AZS_FW_CORE_IO0/IO1 */
	const char *name;
	/* The initiator device bound to this core (fd >= 0), or the blocks
	 * assumed ours (host tests: pins are then only reported). */
	int fw_fd;
	uint32_t assume_gpio, assume_isu;
	bool assume_adc;
	/* Device state. */
	struct gpio_block gpio[AZS_IOC_GPIO_BLOCKS];
	char line[UART_LINE_MAX + 1];
	size_t line_len;
	bool gpt_on;
	uint32_t gpt_init;
	uint64_t gpt_start_us, gpt_frozen;
	/* NVIC, SCB, SysTick, GPT0/1 and exception entry/return. */
	struct azs_nvic nvic;
	/* The slice (see SLICE_INSNS): instructions run, when it began, and
	 * whether a poll found it over. */
	uint32_t slice_insns;
	uint64_t slice_start_us, slice_us;
	bool slice_over;
	/* Why the engine's run ended, besides a slice's end and the faults
	 * below: an exception return (a branch to 0xFFFFFFxx), an SVC; a
	 * memory fault (mem_why) that may go to the app's fault handler. */
	bool hook_stop, exc_return, svc, mem_fault;
	uint32_t mem_addr;
	char mem_why[200];
	/* In WFI/WFE: no instruction runs until an interrupt wakes the core. */
	bool sleeping;
	/* The first fault stops the core. */
	bool faulted;
	char fault[256];
	struct region regions[32];
	unsigned int nregions;
	/* The intercore mailbox (--mailbox), or NULL: its page is then unmapped. */
	struct azs_mbox *mbox;
	/* The ADC, PWM and ISU register models (iocore_periph.c). */
	struct azs_periph periph;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

__attribute__((format(printf, 2, 3))) static void event(const struct core *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "azs-iocore %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static uint32_t pc_of(struct core *c)
{
	uint32_t pc = 0;

	uc_reg_read(c->uc, UC_ARM_REG_PC, &pc);
	return pc;
}

__attribute__((format(printf, 2, 3))) static void bus_fault(struct core *c, const char *fmt, ...)
{
	va_list ap;

	if (c->faulted)
		return;
	c->faulted = true;
	va_start(ap, fmt);
	vsnprintf(c->fault, sizeof(c->fault), fmt, ap);
	va_end(ap);
	uc_emu_stop(c->uc);
}

/* Is the block at T assigned to this core? Fails closed: any error is no. */
static bool fw_allows(struct core *c, const struct azs_ioc_target *t)
{
	struct azs_iocore_access q;

	if (c->fw_fd < 0) {
		switch (t->region) {
		case AZS_IOC_GPIO:
			return c->assume_gpio & (1u << t->block);
		case AZS_IOC_ISU:
			return c->assume_isu & (1u << t->block);
		case AZS_IOC_ADC:
			return c->assume_adc;
		default:
			return false;
		}
	}
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.op = AZS_IOCORE_OP_CHECK;
	q.kind = t->fw_kind;
	q.index = t->fw_index;
	return ioctl(c->fw_fd, AZS_IOCORE_IOC_ACCESS, &q) == 0;
}

/*
 * Drive (or stop driving) a pin on the board, as this core. The firewall is
 * checked again by the device: a block taken from the core meanwhile is a
 * bus fault, never a drive.
 */
static bool board_pin(struct core *c, unsigned int gpio, bool out, bool high)
{
	struct azs_iocore_access q;

	if (c->fw_fd < 0)
		return true;
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.op = out ? AZS_IOCORE_OP_GPIO_OUTPUT : AZS_IOCORE_OP_GPIO_INPUT;
	q.kind = AZS_FW_KIND_GPIO;
	q.index = gpio;
	q.value = high;
	if (ioctl(c->fw_fd, AZS_IOCORE_IOC_ACCESS, &q) == 0)
		return true;
	bus_fault(c, "bus fault: the board refused gpio %u for %s: %s, pc 0x%08x", gpio, c->name,
		  strerror(errno), pc_of(c));
	return false;
}

/*
 * The board's ADC/PWM/ISU actions as this core (iocore_periph.h's ops): the
 * initiator device, which checks the firewall for the core first. With
 * --firewall-assume (host tests) there is no board: the ADC reads 0, PWM
 * settings and UART bytes are only reported, no I2C device answers and no
 * UART byte arrives.
 */
static int io_ioctl(struct core *c, unsigned long cmd, void *arg)
{
	return ioctl(c->fw_fd, cmd, arg) ? -errno : 0;
}

static int op_adc_read(void *ctx, uint32_t channel, uint32_t *sample)
{
	struct core *c = ctx;
	struct azs_iocore_access q;
	int ret;

	*sample = 0;
	if (c->fw_fd < 0)
		return 0;
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.op = AZS_IOCORE_OP_ADC_READ;
	q.kind = AZS_FW_KIND_ADC;
	q.index = 0;
	q.value = channel;
	ret = io_ioctl(c, AZS_IOCORE_IOC_ACCESS, &q);
	if (!ret)
		*sample = q.value;
	return ret;
}

static int op_pwm_set(void *ctx, uint32_t controller, uint32_t channel, uint32_t period_ns,
		      uint32_t duty_ns, bool inversed, bool enabled)
{
	struct core *c = ctx;
	struct azs_iocore_pwm q;
	int ret = 0;

	if (c->fw_fd >= 0) {
		memset(&q, 0, sizeof(q));
		q.size = sizeof(q);
		q.controller = controller;
		q.channel = channel;
		q.period_ns = period_ns;
		q.duty_ns = duty_ns;
		q.polarity = inversed;
		q.enabled = enabled;
		ret = io_ioctl(c, AZS_IOCORE_IOC_PWM, &q);
	}
	if (!ret)
		event(c, "pwm %u channel %u: period %u duty %u polarity %s %s", controller, channel,
		      period_ns, duty_ns, inversed ? "inversed" : "normal",
		      enabled ? "enabled" : "disabled");
	return ret;
}

static int op_i2c_xfer(void *ctx, uint32_t isu, uint32_t addr, const uint8_t *wbuf, uint32_t wlen,
		       uint8_t *rbuf, uint32_t rlen)
{
	struct core *c = ctx;
	struct azs_iocore_i2c q;

	if (c->fw_fd < 0)
		return -ENXIO;
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.isu = isu;
	q.addr = addr;
	q.write_len = wlen;
	q.read_len = rlen;
	q.write_buf = (uintptr_t)wbuf;
	q.read_buf = (uintptr_t)rbuf;
	return io_ioctl(c, AZS_IOCORE_IOC_I2C, &q);
}

static int op_uart_write(void *ctx, uint32_t isu, uint8_t byte)
{
	struct core *c = ctx;
	struct azs_iocore_uart q;

	if (c->fw_fd < 0) {
		event(c, "isu %u uart: 0x%02x", isu, byte);
		return 0;
	}
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.isu = isu;
	q.op = AZS_IOCORE_UART_WRITE;
	q.len = 1;
	q.buf = (uintptr_t)&byte;
	return io_ioctl(c, AZS_IOCORE_IOC_UART, &q);
}

static int op_uart_read(void *ctx, uint32_t isu, uint8_t *buf, uint32_t len, uint32_t *got)
{
	struct core *c = ctx;
	struct azs_iocore_uart q;
	int ret;

	*got = 0;
	if (c->fw_fd < 0)
		return 0;
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.isu = isu;
	q.op = AZS_IOCORE_UART_READ;
	q.len = len;
	q.buf = (uintptr_t)buf;
	ret = io_ioctl(c, AZS_IOCORE_IOC_UART, &q);
	if (!ret)
		*got = q.len;
	return ret;
}

static void poll_idle(struct core *c);

static void op_idle(void *ctx)
{
	poll_idle(ctx);
}

/* ---- the debug UART ---- */

static void uart_flush(struct core *c)
{
	if (!c->line_len)
		return;
	c->line[c->line_len] = '\0';
	printf("%s\n", c->line);
	fflush(stdout);
	c->line_len = 0;
}

static void uart_byte(struct core *c, uint8_t b)
{
	if (b == '\r')
		return;
	if (b == '\n') {
		uart_flush(c);
		return;
	}
	/* The log is text: other control bytes and non-ASCII become '?'. */
	c->line[c->line_len++] = b >= 0x20 && b < 0x7f ? (char)b : '?';
	if (c->line_len == UART_LINE_MAX)
		uart_flush(c);
}

/* ---- device callbacks (OFFSET is relative to the mapped page) ---- */

static uint64_t uart_read(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
	(void)uc;
	(void)size;
	(void)user;
	return off == UART_LSR ? UART_LSR_IDLE : 0;
}

static void uart_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *user)
{
	struct region *r = user;

	(void)uc;
	(void)size;
	if (off == UART_THR)
		uart_byte(r->c, (uint8_t)v);
}

static uint32_t gpt3_count(struct core *c)
{
	if (!c->gpt_on)
		return (uint32_t)c->gpt_frozen;
	return (uint32_t)(c->gpt_init + (now_us() - c->gpt_start_us));
}

/* The app polls a device and nothing is there yet: give the host's CPU back
 * for a moment rather than spin at full speed; end the slice when due. */
static void poll_idle(struct core *c)
{
	struct timespec ts = {0, 200000};

	nanosleep(&ts, NULL);
	if (now_us() - c->slice_start_us >= c->slice_us)
		c->slice_over = true;
}

/* Before each instruction: end the slice here, where the PC is exact. */
static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct core *c = user;

	(void)addr;
	(void)size;
	if (c->slice_over || ++c->slice_insns > SLICE_INSNS) {
		c->hook_stop = true;
		uc_emu_stop(uc);
		return;
	}
	if (c->slice_insns == 1)
		return; /* a run makes progress before an interrupt ends it */
	/* An exception may be taken: a register write pended or enabled one,
	 * or one is pending and PRIMASK/BASEPRI (no hook sees them change)
	 * no longer hold it back; or, checked every 256 instructions, a timer
	 * is due. End the run here. */
	if (c->nvic.kick || (c->nvic.npending && azs_nvic_ready(&c->nvic, false)) ||
	    ((c->slice_insns & 255u) == 0 && now_us() * 1000u >= azs_nvic_next_due(&c->nvic))) {
		c->hook_stop = true;
		uc_emu_stop(uc);
	}
}

static uint64_t gpt_read(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
	struct region *r = user;
	struct core *c = r->c;

	uint32_t v = 0;

	(void)uc;
	(void)size;
	switch (off) {
	case GPT3_CTRL:
		return c->gpt_on ? 1 : 0;
	case GPT3_INIT:
		return c->gpt_init;
	case GPT3_CNT:
		/* A read of the running counter is a poll: give the host's CPU
		 * back for a moment rather than spin at full speed. */
		if (c->gpt_on)
			poll_idle(c);
		return gpt3_count(c);
	default:
		/* GPT0/GPT1, the interrupting timers (iocore_nvic.c). */
		azs_nvic_gpt_read(&c->nvic, (uint32_t)off, &v);
		return v;
	}
}

static void gpt_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *user)
{
	struct region *r = user;
	struct core *c = r->c;

	(void)uc;
	(void)size;
	if (azs_nvic_gpt_write(&c->nvic, (uint32_t)off, (uint32_t)v)) {
		return;
	} else if (off == GPT3_INIT) {
		c->gpt_init = (uint32_t)v;
	} else if (off == GPT3_CTRL) {
		bool on = v & 1u;

		if (on && !c->gpt_on)
			c->gpt_start_us = now_us();
		if (!on && c->gpt_on)
			c->gpt_frozen = gpt3_count(c);
		c->gpt_on = on;
	}
}

/* A peripheral block's page: the firewall first. */
static bool block_access(struct region *r, uint64_t off, unsigned size, bool write,
			 struct azs_ioc_target *t)
{
	struct core *c = r->c;
	uint32_t addr = r->base + (uint32_t)off;

	if (azs_ioc_decode(addr, size, t) == AZS_IOC_UNMAPPED) {
		bus_fault(c, "bus fault: %s of %u bytes at 0x%08x (no register there), pc 0x%08x",
			  write ? "write" : "read", size, addr, pc_of(c));
		return false;
	}
	if (!fw_allows(c, t)) {
		bus_fault(c,
			  "bus fault: firewall: %s block %u at 0x%08x is not assigned to %s "
			  "(%s of 0x%08x, pc 0x%08x)",
			  azs_ioc_region_name(t->region), t->block, t->base, c->name,
			  write ? "write" : "read", addr, pc_of(c));
		return false;
	}
	return true;
}

static void gpio_update(struct core *c, unsigned int n, uint32_t dout, uint32_t oe)
{
	struct gpio_block *g = &c->gpio[n];
	unsigned int pin;

	for (pin = 0; pin < 4; pin++) {
		uint32_t bit = 1u << pin;
		bool was = (g->oe & bit) != 0, is = (oe & bit) != 0;

		if (is && (!was || ((g->dout ^ dout) & bit))) {
			if (!board_pin(c, n * 4 + pin, true, dout & bit))
				return;
			event(c, "gpio %u %s", n * 4 + pin, dout & bit ? "high" : "low");
		} else if (!is && was) {
			if (!board_pin(c, n * 4 + pin, false, false))
				return;
			event(c, "gpio %u input", n * 4 + pin);
		}
	}
	g->dout = dout & 0xfu;
	g->oe = oe & 0xfu;
}

/* An ADC/PWM/ISU register (iocore_periph.c): a refusal is a bus fault. */
static uint32_t periph_access(struct core *c, const struct azs_ioc_target *t, unsigned size,
			      bool write, uint32_t v)
{
	char err[200];
	int ret;

	ret = write ? azs_periph_write(&c->periph, t, size, v, err, sizeof(err))
		    : azs_periph_read(&c->periph, t, size, &v, err, sizeof(err));
	if (ret) {
		bus_fault(c, "bus fault: %s (%s of 0x%08x, pc 0x%08x)", err,
			  write ? "write" : "read", t->base + t->offset, pc_of(c));
		return 0;
	}
	return v;
}

static uint64_t block_read(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
	struct region *r = user;
	struct azs_ioc_target t;
	struct gpio_block *g;

	(void)uc;
	if (!block_access(r, off, size, false, &t))
		return 0;
	if (azs_periph_claims(&t))
		return periph_access(r->c, &t, size, false, 0);
	g = &r->c->gpio[t.block];
	switch (t.offset) {
	case GPIO_DIN:
		return g->dout & g->oe; /* inputs read low (not wired to the board yet) */
	case GPIO_DOUT:
		return g->dout;
	case GPIO_OE:
		return g->oe;
	default:
		return 0;
	}
}

static void block_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *user)
{
	struct region *r = user;
	struct azs_ioc_target t;
	struct gpio_block *g;
	uint32_t val = (uint32_t)v;

	(void)uc;
	if (!block_access(r, off, size, true, &t))
		return;
	if (azs_periph_claims(&t)) {
		periph_access(r->c, &t, size, true, val);
		return;
	}
	g = &r->c->gpio[t.block];
	switch (t.offset) {
	case GPIO_DOUT:
		gpio_update(r->c, t.block, val, g->oe);
		break;
	case GPIO_DOUT_SET:
		gpio_update(r->c, t.block, g->dout | val, g->oe);
		break;
	case GPIO_DOUT_RESET:
		gpio_update(r->c, t.block, g->dout & ~val, g->oe);
		break;
	case GPIO_OE:
		gpio_update(r->c, t.block, g->dout, val);
		break;
	case GPIO_OE_SET:
		gpio_update(r->c, t.block, g->dout, g->oe | val);
		break;
	case GPIO_OE_RESET:
		gpio_update(r->c, t.block, g->dout, g->oe & ~val);
		break;
	default:
		break;
	}
}

/* ---- faults the engine sees ---- */

static bool on_invalid(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		       void *user)
{
	struct core *c = user;
	const char *what = type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT   ? "write"
			   : type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT ? "fetch"
											: "read";

	(void)uc;
	(void)value;
	/* The run ends with the PC at the faulting instruction: the run loop
	 * gives it to the app's BusFault/HardFault handler, or stops. */
	if (c->mem_fault || c->faulted)
		return false;
	c->mem_fault = true;
	c->mem_addr = (uint32_t)addr;
	snprintf(c->mem_why, sizeof(c->mem_why), "bus fault: %s of %d bytes at 0x%08x (%s), pc 0x%08x",
		 what, size, (uint32_t)addr,
		 type == UC_MEM_WRITE_PROT || type == UC_MEM_FETCH_PROT || type == UC_MEM_READ_PROT
			 ? "protected"
			 : "unmapped",
		 pc_of(c));
	return false;
}

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
	struct core *c = user;

	/* The engine leaves exception entry to us (iocore_nvic.c): it only
	 * says what happened, with the PC at the branch's target (an
	 * EXC_RETURN value) or after the SVC. */
	if (intno == EXCP_EXCEPTION_EXIT)
		c->exc_return = true;
	else if (intno == EXCP_SWI)
		c->svc = true;
	else
		bus_fault(c, "fault: exception %u at pc 0x%08x", intno, pc_of(c));
	uc_emu_stop(uc);
}

/* ---- the mailbox's hooks (iocore_mailbox.c) ---- */

static void mbox_fault(void *ctx, const char *why)
{
	bus_fault(ctx, "%s", why);
}

static void mbox_idle(void *ctx)
{
	poll_idle(ctx);
}

static void mbox_irq(void *ctx)
{
	struct core *c = ctx;

	azs_nvic_irq(&c->nvic, AZS_IRQ_MBOX);
}

/* ---- set-up ---- */

static int map_device(struct core *c, uint32_t base, uc_cb_mmio_read_t rd, uc_cb_mmio_write_t wr)
{
	struct region *r;

	if (c->nregions == sizeof(c->regions) / sizeof(c->regions[0]))
		return -1;
	r = &c->regions[c->nregions++];
	r->c = c;
	r->base = base;
	return uc_mmio_map(c->uc, base, AZS_IOC_DEV_SIZE, rd, r, wr, r) == UC_ERR_OK ? 0 : -1;
}

/* The image from PATH, or from FD (>= 0: the platform's, read from offset 0). */
static int read_image(const char *path, int fd, uint8_t **out, size_t *len)
{
	struct stat st;
	uint8_t *buf;
	size_t got = 0;

	if (fd < 0)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > MAX_IMAGE) {
		close(fd);
		return -EFBIG;
	}
	buf = malloc((size_t)st.st_size);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = pread(fd, buf + got, (size_t)st.st_size - got, (off_t)got);

		if (n <= 0) {
			free(buf);
			close(fd);
			return n < 0 ? -errno : -EIO;
		}
		got += (size_t)n;
	}
	close(fd);
	*out = buf;
	*len = got;
	return 0;
}

static int setup(struct core *c, const uint8_t *buf, const struct azs_rt_image *img)
{
	static const struct {
		uint32_t base, size;
	} mem[] = {
		{AZS_IOC_TCM_BASE, AZS_IOC_TCM_SIZE},
		{AZS_IOC_SYSRAM_BASE, AZS_IOC_SYSRAM_SIZE},
		{AZS_IOC_FLASH_BASE, AZS_IOC_FLASH_SIZE},
	};
	uint32_t sp = img->initial_sp;
	unsigned int i;

	if (uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &c->uc) != UC_ERR_OK)
		return -1;
	if (uc_ctl_set_cpu_model(c->uc, UC_CPU_ARM_CORTEX_M4) != UC_ERR_OK)
		return -1;
	azs_nvic_init(&c->nvic, c->uc, c->name, img->entry);
	for (i = 0; i < sizeof(mem) / sizeof(mem[0]); i++)
		if (uc_mem_map(c->uc, mem[i].base, mem[i].size, UC_PROT_ALL) != UC_ERR_OK)
			return -1;
	for (i = 0; i < img->nseg; i++)
		if (img->seg[i].filesz &&
		    uc_mem_write(c->uc, img->seg[i].addr, buf + img->seg[i].offset,
				 img->seg[i].filesz) != UC_ERR_OK)
			return -1;
	/* The flash window is read-only once loaded. */
	if (uc_mem_protect(c->uc, AZS_IOC_FLASH_BASE, AZS_IOC_FLASH_SIZE,
			   UC_PROT_READ | UC_PROT_EXEC) != UC_ERR_OK)
		return -1;
	if (map_device(c, AZS_IOC_UART_BASE, uart_read, uart_write) ||
	    map_device(c, AZS_IOC_GPT_BASE, gpt_read, gpt_write) ||
	    azs_nvic_map(&c->nvic) ||
	    map_device(c, AZS_IOC_ADC_BASE, block_read, block_write))
		return -1;
	for (i = 0; i < AZS_IOC_GPIO_BLOCKS; i++)
		if (map_device(c, AZS_IOC_GPIO_BASE + i * AZS_IOC_BLOCK_STRIDE, block_read,
			       block_write))
			return -1;
	for (i = 0; i < AZS_IOC_ISU_BLOCKS; i++)
		if (map_device(c, AZS_IOC_ISU_BASE + i * AZS_IOC_BLOCK_STRIDE, block_read,
			       block_write))
			return -1;
	if (c->mbox && azs_mbox_map(c->mbox, c->uc))
		return -1;
	{
		uc_hook h1, h2, h3;

		if (uc_hook_add(c->uc, &h1, UC_HOOK_MEM_INVALID, (void *)on_invalid, c, 1, 0) ||
		    uc_hook_add(c->uc, &h2, UC_HOOK_INTR, (void *)on_intr, c, 1, 0) ||
		    uc_hook_add(c->uc, &h3, UC_HOOK_CODE, (void *)on_code, c, 1, 0))
			return -1;
	}
	if (uc_reg_write(c->uc, UC_ARM_REG_SP, &sp) != UC_ERR_OK)
		return -1;
	return 0;
}

/* --firewall-assume gpio2,isu0,adc */
static int parse_assume(struct core *c, const char *spec)
{
	char *copy = strdup(spec), *save = NULL, *tok;
	int ret = 0;

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned int n;
		char extra;

		if (!strcmp(tok, "adc"))
			c->assume_adc = true;
		else if (sscanf(tok, "gpio%u%c", &n, &extra) == 1 && n < AZS_IOC_GPIO_BLOCKS)
			c->assume_gpio |= 1u << n;
		else if (sscanf(tok, "isu%u%c", &n, &extra) == 1 && n < AZS_IOC_ISU_BLOCKS)
			c->assume_isu |= 1u << n;
		else {
			fprintf(stderr,
				"azs-iocore: --firewall-assume: '%s' is not gpio0..gpio%u, "
				"isu0..isu%u or adc\n",
				tok, AZS_IOC_GPIO_BLOCKS - 1, AZS_IOC_ISU_BLOCKS - 1);
			ret = -1;
			break;
		}
	}
	free(copy);
	return ret;
}

static void usage(void)
{
	fprintf(stderr, "usage: azs-iocore --core IO0|IO1 (--image APP.elf | --image-fd N)\n"
			"                  [--seconds N]\n"
			"                  [--initiator DEVICE | --initiator-fd N |\n"
			"                   --firewall-assume BLOCK,...]\n"
			"                  [--mailbox PATH]   (HL apps' connections, from the\n"
			"                                      application manager)\n"
			"                  [--slice-us N]   (wall time between deadline checks\n"
			"                                    while the app polls; default %u)\n",
		SLICE_US);
}

/* ---- the run loop ---- */

static uint16_t insn_at(struct core *c, uint32_t addr)
{
	uint16_t h = 0;

	if (uc_mem_read(c->uc, addr, &h, 2) != UC_ERR_OK)
		return 0;
	return h;
}

/* WFI: the host thread sleeps until an interrupt may wake the core (a timer
 * due, an HL app's connection or message), the deadline or a signal. */
static void sleep_core(struct core *c, uint64_t deadline)
{
	struct pollfd fds[16];
	uint64_t now = now_us(), due = azs_nvic_next_due(&c->nvic);
	uint64_t until = now + 1000000u;
	int nfds = c->mbox ? azs_mbox_pollfds(c->mbox, fds, 16) : 0;
	struct timespec ts;

	if (due != UINT64_MAX && due / 1000u + 1u < until)
		until = due / 1000u + 1u;
	if (deadline && deadline < until)
		until = deadline;
	if (until <= now)
		return;
	ts.tv_sec = (time_t)((until - now) / 1000000u);
	ts.tv_nsec = (long)((until - now) % 1000000u) * 1000;
	ppoll(fds, (nfds_t)nfds, &ts, NULL);
}

/* Stops the core for a fault: the message, then exit status 3. */
static int stopped(struct core *c, const char *why)
{
	uart_flush(c);
	event(c, "stopped: %s", why);
	return 3;
}

/*
 * Runs the core from PC until the deadline, a stop request or a fault.
 * The engine runs between boundaries where its PC is exact (the code hook's
 * stop, a WFI, an exception return, an SVC, a fault); exceptions are taken
 * and returned from there (iocore_nvic.c). 0, or 3 the core faulted.
 */
static int run(struct core *c, uint32_t pc, uint64_t deadline)
{
	while (!stop_requested && (!deadline || now_us() < deadline)) {
		char what[240];
		uc_err e;
		int r;

		azs_nvic_tick(&c->nvic, now_us() * 1000u);
		if (c->sleeping) {
			if (!azs_nvic_ready(&c->nvic, true)) {
				sleep_core(c, deadline);
				if (c->mbox)
					azs_mbox_poll(c->mbox);
				if (c->faulted)
					return stopped(c, c->fault);
				continue;
			}
			c->sleeping = false;
		}
		r = azs_nvic_take(&c->nvic, &pc);
		if (r < 0)
			return stopped(c, c->nvic.why);

		c->slice_insns = 0;
		c->slice_over = false;
		c->hook_stop = c->exc_return = c->svc = c->mem_fault = false;
		c->slice_start_us = now_us();
		e = uc_emu_start(c->uc, pc | 1u, 0, 0, 0);
		pc = pc_of(c);

		/* Between runs: HL apps' connections and messages. */
		if (!c->faulted && c->mbox)
			azs_mbox_poll(c->mbox);
		if (c->faulted)
			return stopped(c, c->fault);
		if (c->exc_return) {
			if (azs_nvic_return(&c->nvic, pc | 1u, &pc))
				return stopped(c, c->nvic.why);
			continue;
		}
		if (c->svc) {
			snprintf(what, sizeof(what), "svc at pc 0x%08x", pc - 2u);
			if (azs_nvic_sync(&c->nvic, AZS_EXC_SVCALL, 0, &pc, what))
				return stopped(c, c->nvic.why);
			continue;
		}
		if (c->mem_fault) {
			c->nvic.bfar = c->mem_addr;
			if (azs_nvic_sync(&c->nvic, AZS_EXC_BUSFAULT,
					  AZS_CFSR_PRECISERR | AZS_CFSR_BFARVALID, &pc, c->mem_why))
				return stopped(c, c->nvic.why);
			continue;
		}
		if (e == UC_ERR_OK) {
			/* Not our stop: the engine ends a run after a WFI. */
			if (!c->hook_stop && insn_at(c, pc - 2u) == INSN_WFI)
				c->sleeping = true;
			continue;
		}
		if (e == UC_ERR_INSN_INVALID) {
			uint32_t xpsr = 0;
			uint16_t prev = insn_at(c, pc - 2u);

			/* The engine refuses WFE and YIELD (PC after them): hints
			 * here, WFE sleeps as WFI does (no other core sends events). */
			if (prev == INSN_WFE || prev == INSN_YIELD) {
				c->sleeping = prev == INSN_WFE;
				continue;
			}
			uc_reg_read(c->uc, UC_ARM_REG_XPSR, &xpsr);
			if (!(xpsr & (1u << 24)))
				snprintf(what, sizeof(what),
					 "usage fault: a branch to 0x%08x leaves Thumb state (INVSTATE)",
					 pc);
			else
				snprintf(what, sizeof(what),
					 "usage fault: undefined instruction 0x%04x at pc 0x%08x", insn_at(c, pc),
					 pc);
			if (azs_nvic_sync(&c->nvic, AZS_EXC_USAGEFAULT,
					  xpsr & (1u << 24) ? AZS_CFSR_UNDEFINSTR : AZS_CFSR_INVSTATE, &pc,
					  what))
				return stopped(c, c->nvic.why);
			continue;
		}
		snprintf(what, sizeof(what), "%s, pc 0x%08x", uc_strerror(e), pc);
		return stopped(c, what);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct core c;
	const char *image = NULL, *fw_dev = AZS_IOCORE_DEVICE, *assume = NULL;
	const char *mailbox = NULL;
	int image_fd = -1, initiator_fd = -1;
	unsigned long seconds = 0;
	struct azs_rt_image img;
	uint8_t *buf = NULL;
	size_t len = 0;
	char err[200];
	uint64_t deadline = 0;
	int i, ret;

	memset(&c, 0, sizeof(c));
	c.fw_fd = -1;
	c.periph.ops = (struct azs_periph_ops){.ctx = &c,
					       .adc_read = op_adc_read,
					       .pwm_set = op_pwm_set,
					       .i2c_xfer = op_i2c_xfer,
					       .uart_write = op_uart_write,
					       .uart_read = op_uart_read,
					       .idle = op_idle};
	c.slice_us = SLICE_US;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v) {
			usage();
			return 2;
		}
		i++;
		if (!strcmp(a, "--core")) {
			if (!strcmp(v, "IO0"))
				c.id = AZS_FW_CORE_IO0;
			else if (!strcmp(v, "IO1"))
				c.id = AZS_FW_CORE_IO1;
			else {
				fprintf(stderr, "azs-iocore: --core '%s': IO0 or IO1\n", v);
				return 2;
			}
			c.name = c.id == AZS_FW_CORE_IO0 ? "IO0" : "IO1";
		} else if (!strcmp(a, "--image")) {
			image = v;
		} else if (!strcmp(a, "--seconds")) {
			char *end;

			errno = 0;
			seconds = strtoul(v, &end, 10);
			if (errno || *end || end == v || seconds > 86400) {
				fprintf(stderr, "azs-iocore: --seconds '%s': 0..86400\n", v);
				return 2;
			}
		} else if (!strcmp(a, "--slice-us")) {
			char *end;

			errno = 0;
			c.slice_us = strtoull(v, &end, 10);
			if (errno || *end || end == v || !c.slice_us || c.slice_us > 1000000) {
				fprintf(stderr, "azs-iocore: --slice-us '%s': 1..1000000\n", v);
				return 2;
			}
		} else if (!strcmp(a, "--initiator")) {
			fw_dev = v;
		} else if (!strcmp(a, "--initiator-fd") || !strcmp(a, "--image-fd")) {
			char *end;
			long n;

			errno = 0;
			n = strtol(v, &end, 10);
			if (errno || *end || end == v || n < 3 || n > 1023) {
				fprintf(stderr, "azs-iocore: %s '%s': an inherited fd, 3..1023\n", a, v);
				return 2;
			}
			if (!strcmp(a, "--image-fd"))
				image_fd = (int)n;
			else
				initiator_fd = (int)n;
		} else if (!strcmp(a, "--firewall-assume")) {
			assume = v;
		} else if (!strcmp(a, "--mailbox")) {
			mailbox = v;
		} else {
			usage();
			return 2;
		}
	}
	if (!c.id || (!image) == (image_fd < 0) || (assume && initiator_fd >= 0)) {
		usage();
		return 2;
	}
	if (!image)
		image = "(image fd)";
	if (assume) {
		if (parse_assume(&c, assume))
			return 2;
	} else {
		struct azs_iocore_bind b;

		c.fw_fd = initiator_fd >= 0 ? initiator_fd : open(fw_dev, O_RDWR | O_CLOEXEC);
		if (c.fw_fd < 0) {
			fprintf(stderr, "azs-iocore: %s: %s\n", fw_dev, strerror(errno));
			return 1;
		}
		/* Bind it to this core, or check that the platform did. */
		memset(&b, 0, sizeof(b));
		b.size = sizeof(b);
		b.core = c.id;
		if (ioctl(c.fw_fd, AZS_IOCORE_IOC_BIND, &b)) {
			fprintf(stderr, "azs-iocore: %s: cannot act as %s: %s\n",
				initiator_fd >= 0 ? "--initiator-fd" : fw_dev, c.name,
				errno == EBUSY ? "the fd is bound to the other core"
					       : strerror(errno));
			return 1;
		}
	}

	ret = read_image(image, image_fd, &buf, &len);
	if (ret) {
		fprintf(stderr, "azs-iocore: %s: %s\n", image, strerror(-ret));
		return 2;
	}
	if (azs_rt_elf_parse(buf, len, &img, err, sizeof(err))) {
		fprintf(stderr, "azs-iocore: %s: %s\n", image, err);
		free(buf);
		return 2;
	}
	/* From here a stop request is honoured, not fatal: the mailbox's
	 * socket is removed however early the platform stops the core. */
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	if (mailbox) {
		struct azs_mbox_host host = {
			.ctx = &c, .name = c.name, .fault = mbox_fault, .idle = mbox_idle, .irq = mbox_irq};

		c.mbox = azs_mbox_open(mailbox, &host, err, sizeof(err));
		if (!c.mbox) {
			fprintf(stderr, "azs-iocore: %s\n", err);
			free(buf);
			return 1;
		}
	}
	if (setup(&c, buf, &img)) {
		fprintf(stderr, "azs-iocore: %s: the emulator could not be set up\n", c.name);
		free(buf);
		return 1;
	}
	free(buf);

	if (seconds)
		deadline = now_us() + (uint64_t)seconds * 1000000u;
	event(&c, "started %s (entry 0x%08x, sp 0x%08x, reset 0x%08x)", image, img.entry,
	      img.initial_sp, img.reset);
	ret = run(&c, img.reset, deadline);
	if (!ret) {
		uart_flush(&c);
		event(&c, "stopped");
	}
	azs_mbox_close(c.mbox);
	uc_close(c.uc);
	if (c.fw_fd >= 0)
		close(c.fw_fd);
	return ret;
}
