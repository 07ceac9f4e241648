// SPDX-License-Identifier: GPL-2.0-only
/*
 * The board's UARTs: ISU0..ISU4 used as UARTs, a tty driver "ttyISU" with
 * one port per ISU (/dev/ttyISU<k> is ISU k). There is no line to a real
 * far end: what a port transmits goes into a bounded TX log (the far end's
 * capture, drained through the control interface), and what the far end
 * sends is injected through the control interface or, with loopback on
 * (TX wired to RX), comes from the port's own transmitter.
 *
 * The firewall (AZS_FW_KIND_UART, k) is checked:
 *  - on every open (install for the first open, open for every open): a
 *    caller whose euid does not own ISU k as a UART on the HL core gets
 *    -EACCES;
 *  - on every write: the writer must still own the UART, so a released or
 *    reassigned UART stops transmitting for new writes (-EACCES) even
 *    through a descriptor opened before;
 *  - on what the port receives, and on what the line discipline transmits
 *    from kernel context (echo of received characters): both happen only
 *    while a descriptor opened by the UART's current owner holds the port
 *    open; otherwise received bytes are dropped (as when the pins are taken
 *    away) and the echo is refused.
 *
 * An I/O core transmits through board_uart_core_write() (board_iocore.c,
 * after the firewall check for that core) into the same far end; while the
 * UART's block is an I/O core's, what the far end sends is held for that
 * core (UART_CORE_RX_SIZE bytes; the newest are dropped when it is full)
 * until it reads it (board_uart_core_read()).
 *
 * Line settings come from termios: the standard rates from 1200 to 3000000
 * baud (any other rate keeps the previous one), 5 to 8 data bits (bits
 * above the character size are cleared on both directions), parity
 * none/even/odd (mark/space is refused), 1 or 2 stop bits, and flow control
 * none, RTS/CTS (CRTSCTS) or XON/XOFF (IXON/IXOFF, done by the line
 * discipline; the port only records it).
 *
 * Transmission is immediate (nothing stays queued in the port, so
 * chars_in_buffer is 0). Without RTS/CTS the far end's capture is a ring
 * that keeps the newest UART_TX_LOG_SIZE bytes. With RTS/CTS the far end
 * deasserts CTS while its capture is full: a write takes only what fits
 * (write_room is the free space) and writers wait until the capture is
 * drained through the control file.
 *
 * Control (debugfs uart/isu<k>/, root only): tx (read: drains the captured
 * bytes), rx (write: bytes the far end sends), loopback (0|1) and config
 * (read: "baud 115200 bits 8 parity none stop 1 flow none").
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": uart: " fmt

#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/tty_flip.h>
#include <linux/uaccess.h>

#include "board.h"

#define UART_NUM_ISUS	 5
#define UART_TX_LOG_SIZE 4096
/* At most this many bytes are taken from one write to the rx control file. */
#define UART_RX_CHUNK 4096
/* Received bytes held for an I/O core until it reads them. */
#define UART_CORE_RX_SIZE 256

enum uart_parity { UART_PARITY_NONE, UART_PARITY_EVEN, UART_PARITY_ODD };
enum uart_flow { UART_FLOW_NONE, UART_FLOW_RTSCTS, UART_FLOW_XONXOFF };

struct uart_config {
	unsigned int baud;
	unsigned int bits; /* 5..8 */
	enum uart_parity parity;
	unsigned int stop; /* 1 or 2 */
	enum uart_flow flow;
	bool cread; /* the receiver is enabled (CREAD) */
};

/* A successful open of a port: who opened it. */
struct uart_opener {
	struct list_head node;
	const struct file *filp;
	kuid_t euid;
};

struct board_isu {
	struct tty_port port;
	unsigned int index;
	struct dentry *dir;
	/*
	 * Protects openers. Taken in sleepable context only (open, close,
	 * shutdown, the rx control file, uart_write()), before the firewall's
	 * own lock, never inside p->lock.
	 */
	struct mutex openers_lock;
	struct list_head openers;
	/*
	 * Protects every field below, and serializes insertion into the
	 * port's flip buffer (the receive path) between the transmitter's
	 * loopback and the rx control file.
	 */
	spinlock_t lock;
	u8 tx_log[UART_TX_LOG_SIZE]; /* ring: tx_len bytes from tx_head */
	unsigned int tx_head, tx_len;
	bool loopback;
	bool active; /* open: between activate and shutdown */
	struct uart_config cfg;
	/*
	 * What the far end sent while the UART's block is an I/O core's: a
	 * ring of core_rx_len bytes from core_rx_head, for core_rx_core only
	 * (the block moving to another core drops them).
	 */
	u8 core_rx[UART_CORE_RX_SIZE];
	unsigned int core_rx_head, core_rx_len;
	u32 core_rx_core;
};

static struct board_isu isus[UART_NUM_ISUS];
static struct tty_driver *uart_driver;

static const unsigned int uart_rates[] = {
	1200,	 1800,	  2400,	   4800,    9600,    19200,   38400,
	57600,	 115200,  230400,  460800,  500000,  576000,  921600,
	1000000, 1152000, 1500000, 2000000, 2500000, 3000000,
};

static const struct uart_config uart_default_config = {
	.baud = 115200,
	.bits = 8,
	.parity = UART_PARITY_NONE,
	.stop = 1,
	.flow = UART_FLOW_NONE,
	.cread = true,
};

static bool uart_rate_supported(speed_t baud)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(uart_rates); i++)
		if (uart_rates[i] == baud)
			return true;
	return false;
}

/* The bits a character of the configured size keeps. Caller holds lock. */
static u8 uart_char_mask(const struct board_isu *p)
{
	return (u8)(0xff >> (8 - p->cfg.bits));
}

/*
 * Does a descriptor opened by the UART's current owner hold the port open?
 * (At most one uid owns the UART, so this is "any opener owns it".)
 */
static bool uart_owner_holds_port(struct board_isu *p)
{
	struct uart_opener *o;
	bool held = false;

	mutex_lock(&p->openers_lock);
	list_for_each_entry(o, &p->openers, node) {
		if (!azs_firewall_check(AZS_FW_KIND_UART, p->index, o->euid)) {
			held = true;
			break;
		}
	}
	mutex_unlock(&p->openers_lock);
	return held;
}

/*
 * May the port transmit for the caller now? In process context the writer
 * must own the UART; in kernel context (the line discipline echoing
 * received characters from its worker) the owner must hold the port open.
 */
static int uart_tx_allowed(struct board_isu *p)
{
	if (!(current->flags & PF_KTHREAD))
		return board_check(AZS_FW_KIND_UART, p->index);
	return uart_owner_holds_port(p) ? 0 : -EACCES;
}

/* Forget the opener of filp (every opener when filp is NULL). */
static void uart_forget_openers(struct board_isu *p, const struct file *filp)
{
	struct uart_opener *o, *tmp;

	mutex_lock(&p->openers_lock);
	list_for_each_entry_safe(o, tmp, &p->openers, node) {
		if (filp && o->filp != filp)
			continue;
		list_del(&o->node);
		kfree(o);
		if (filp)
			break;
	}
	mutex_unlock(&p->openers_lock);
}

/*
 * Receive len bytes from the far end (or the port's own transmitter in
 * loopback). Caller holds p->lock. Returns whether anything was queued.
 */
static bool uart_receive_locked(struct board_isu *p, const u8 *buf, size_t len)
{
	u8 mask = uart_char_mask(p);
	size_t i, queued = 0;

	if (!p->active || !p->cfg.cread)
		return false;
	for (i = 0; i < len; i++)
		queued += tty_insert_flip_char(&p->port, buf[i] & mask,
					       TTY_NORMAL);
	return queued != 0;
}

/* Apply tty->termios to the port, fixing what it cannot do. */
static void uart_apply_termios(struct board_isu *p, struct tty_struct *tty)
{
	struct ktermios *t = &tty->termios;
	struct uart_config cfg;
	unsigned long flags;
	speed_t baud;

	spin_lock_irqsave(&p->lock, flags);
	cfg = p->cfg;
	spin_unlock_irqrestore(&p->lock, flags);

	/* An unsupported rate keeps the previous one, as UART drivers do. */
	baud = tty_termios_baud_rate(t);
	if (uart_rate_supported(baud))
		cfg.baud = baud;
	tty_termios_encode_baud_rate(t, cfg.baud, cfg.baud);

	/* No mark/space parity on the MT3620. */
	t->c_cflag &= ~CMSPAR;
	switch (t->c_cflag & CSIZE) {
	case CS5:
		cfg.bits = 5;
		break;
	case CS6:
		cfg.bits = 6;
		break;
	case CS7:
		cfg.bits = 7;
		break;
	default:
		cfg.bits = 8;
		break;
	}
	if (!(t->c_cflag & PARENB))
		cfg.parity = UART_PARITY_NONE;
	else if (t->c_cflag & PARODD)
		cfg.parity = UART_PARITY_ODD;
	else
		cfg.parity = UART_PARITY_EVEN;
	cfg.stop = t->c_cflag & CSTOPB ? 2 : 1;
	if (t->c_cflag & CRTSCTS)
		cfg.flow = UART_FLOW_RTSCTS;
	else if (t->c_iflag & (IXON | IXOFF))
		cfg.flow = UART_FLOW_XONXOFF;
	else
		cfg.flow = UART_FLOW_NONE;
	cfg.cread = t->c_cflag & CREAD;

	spin_lock_irqsave(&p->lock, flags);
	p->cfg = cfg;
	spin_unlock_irqrestore(&p->lock, flags);
}

/* tty_port operations */

static int uart_port_activate(struct tty_port *port, struct tty_struct *tty)
{
	struct board_isu *p = container_of(port, struct board_isu, port);
	unsigned long flags;

	uart_apply_termios(p, tty);
	spin_lock_irqsave(&p->lock, flags);
	p->active = true;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static void uart_port_shutdown(struct tty_port *port)
{
	struct board_isu *p = container_of(port, struct board_isu, port);
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	p->active = false;
	spin_unlock_irqrestore(&p->lock, flags);
	/* The last close, or a hangup: no descriptor holds the port now. */
	uart_forget_openers(p, NULL);
}

static const struct tty_port_operations uart_port_ops = {
	.activate = uart_port_activate,
	.shutdown = uart_port_shutdown,
};

/* tty operations */

static int uart_install(struct tty_driver *driver, struct tty_struct *tty)
{
	struct board_isu *p = &isus[tty->index];
	int ret;

	/* The first open: no tty is built for a caller the firewall denies. */
	ret = board_check(AZS_FW_KIND_UART, p->index);
	if (ret)
		return ret;
	tty->driver_data = p;
	return tty_port_install(&p->port, driver, tty);
}

static int uart_open(struct tty_struct *tty, struct file *filp)
{
	struct board_isu *p = tty->driver_data;
	struct uart_opener *o;
	int ret;

	/*
	 * Every open, also of a tty another descriptor holds open. The port
	 * is counted first: after a failed open the tty core calls close(),
	 * which tty_port_close() balances.
	 */
	ret = tty_port_open(&p->port, tty, filp);
	if (ret)
		return ret;
	ret = board_check(AZS_FW_KIND_UART, p->index);
	if (ret)
		return ret;
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return -ENOMEM;
	o->filp = filp;
	o->euid = current_euid();
	mutex_lock(&p->openers_lock);
	list_add(&o->node, &p->openers);
	mutex_unlock(&p->openers_lock);
	return 0;
}

static void uart_close(struct tty_struct *tty, struct file *filp)
{
	struct board_isu *p = tty->driver_data;

	tty_port_close(&p->port, tty, filp);
	uart_forget_openers(p, filp);
}

static void uart_hangup(struct tty_struct *tty)
{
	struct board_isu *p = tty->driver_data;

	tty_port_hangup(&p->port);
}

/*
 * Only N_TTY: its write paths (a process's write, echo from the receive
 * worker, tcflow) all run where uart_write() may sleep for the firewall
 * check.
 */
static int uart_ldisc_ok(struct tty_struct *tty, int ldisc)
{
	return ldisc == N_TTY ? 0 : -EINVAL;
}

/*
 * Transmit up to count bytes to the far end's capture (and the receiver in
 * loopback): with RTS/CTS only what fits. Caller holds p->lock. Returns the
 * bytes taken.
 */
static int uart_transmit_locked(struct board_isu *p, const u8 *buf, int count)
{
	bool received = false;
	int i, n;
	u8 mask;

	if (p->cfg.flow == UART_FLOW_RTSCTS)
		n = min_t(int, count, UART_TX_LOG_SIZE - p->tx_len);
	else
		n = count;
	mask = uart_char_mask(p);
	for (i = 0; i < n; i++) {
		u8 c = buf[i] & mask;

		p->tx_log[(p->tx_head + p->tx_len) % UART_TX_LOG_SIZE] = c;
		if (p->tx_len < UART_TX_LOG_SIZE)
			p->tx_len++;
		else /* The far end's capture overflows: the oldest goes. */
			p->tx_head = (p->tx_head + 1) % UART_TX_LOG_SIZE;
		if (p->loopback)
			received |= uart_receive_locked(p, &c, 1);
	}
	if (received)
		tty_flip_buffer_push(&p->port);
	return n;
}

static int uart_write(struct tty_struct *tty, const u8 *buf, int count)
{
	struct board_isu *p = tty->driver_data;
	unsigned long flags;
	int n, ret;

	might_sleep();
	ret = uart_tx_allowed(p);
	if (ret)
		return ret;

	spin_lock_irqsave(&p->lock, flags);
	n = tty->flow.stopped ? 0 : uart_transmit_locked(p, buf, count);
	spin_unlock_irqrestore(&p->lock, flags);
	return n;
}

int board_uart_core_write(u32 isu, const u8 *buf, u32 len, u32 *taken)
{
	struct board_isu *p;
	unsigned long flags;

	if (isu >= UART_NUM_ISUS || !uart_driver)
		return -EINVAL;
	p = &isus[isu];
	spin_lock_irqsave(&p->lock, flags);
	*taken = uart_transmit_locked(p, buf, len);
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static unsigned int uart_write_room(struct tty_struct *tty)
{
	struct board_isu *p = tty->driver_data;
	unsigned long flags;
	unsigned int room;

	if (tty->flow.stopped)
		return 0;
	spin_lock_irqsave(&p->lock, flags);
	if (p->cfg.flow == UART_FLOW_RTSCTS)
		room = UART_TX_LOG_SIZE - p->tx_len;
	else
		room = UART_TX_LOG_SIZE;
	spin_unlock_irqrestore(&p->lock, flags);
	return room;
}

/* Transmission is immediate: nothing waits in the port. */
static unsigned int uart_chars_in_buffer(struct tty_struct *tty)
{
	return 0;
}

static void uart_set_termios(struct tty_struct *tty, const struct ktermios *old)
{
	uart_apply_termios(tty->driver_data, tty);
}

static const struct tty_operations uart_ops = {
	.install = uart_install,
	.open = uart_open,
	.close = uart_close,
	.hangup = uart_hangup,
	.ldisc_ok = uart_ldisc_ok,
	.write = uart_write,
	.write_room = uart_write_room,
	.chars_in_buffer = uart_chars_in_buffer,
	.set_termios = uart_set_termios,
};

/* Control interface */

static ssize_t tx_read(struct file *file, char __user *ubuf, size_t count,
		       loff_t *ppos)
{
	struct board_isu *p = file->private_data;
	unsigned long flags;
	size_t n, i;
	ssize_t ret;
	u8 *buf;

	count = min_t(size_t, count, UART_TX_LOG_SIZE);
	if (!count)
		return 0;
	buf = kmalloc(count, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	spin_lock_irqsave(&p->lock, flags);
	n = min_t(size_t, count, p->tx_len);
	for (i = 0; i < n; i++)
		buf[i] = p->tx_log[(p->tx_head + i) % UART_TX_LOG_SIZE];
	p->tx_head = (p->tx_head + n) % UART_TX_LOG_SIZE;
	p->tx_len -= n;
	spin_unlock_irqrestore(&p->lock, flags);

	/* Room again: wake writers held by RTS/CTS. */
	if (n)
		tty_port_tty_wakeup(&p->port);
	ret = copy_to_user(ubuf, buf, n) ? -EFAULT : (ssize_t)n;
	kfree(buf);
	return ret;
}

/* The I/O core whose the UART's block is, or AZS_FW_CORE_NONE. */
static u32 uart_core_of(struct board_isu *p)
{
	if (!azs_firewall_core_check(AZS_FW_KIND_UART, p->index,
				     AZS_FW_CORE_IO0))
		return AZS_FW_CORE_IO0;
	if (!azs_firewall_core_check(AZS_FW_KIND_UART, p->index,
				     AZS_FW_CORE_IO1))
		return AZS_FW_CORE_IO1;
	return AZS_FW_CORE_NONE;
}

/* The far end sends len bytes to an I/O core's UART (else they are lost). */
static void uart_core_receive(struct board_isu *p, const u8 *buf, size_t len)
{
	u32 core = uart_core_of(p);
	unsigned long flags;
	size_t i;
	u8 mask;

	if (core == AZS_FW_CORE_NONE)
		return;
	spin_lock_irqsave(&p->lock, flags);
	if (p->core_rx_core != core) {
		p->core_rx_core = core;
		p->core_rx_head = 0;
		p->core_rx_len = 0;
	}
	mask = uart_char_mask(p);
	for (i = 0; i < len && p->core_rx_len < UART_CORE_RX_SIZE; i++) {
		p->core_rx[(p->core_rx_head + p->core_rx_len) %
			   UART_CORE_RX_SIZE] = buf[i] & mask;
		p->core_rx_len++;
	}
	spin_unlock_irqrestore(&p->lock, flags);
}

int board_uart_core_read(u32 isu, u32 core, u8 *buf, u32 len, u32 *got)
{
	struct board_isu *p;
	unsigned long flags;
	u32 n = 0;

	if (isu >= UART_NUM_ISUS || !uart_driver)
		return -EINVAL;
	p = &isus[isu];
	spin_lock_irqsave(&p->lock, flags);
	if (p->core_rx_core == core) {
		for (; n < len && p->core_rx_len; n++) {
			buf[n] = p->core_rx[p->core_rx_head];
			p->core_rx_head =
				(p->core_rx_head + 1) % UART_CORE_RX_SIZE;
			p->core_rx_len--;
		}
	}
	spin_unlock_irqrestore(&p->lock, flags);
	*got = n;
	return 0;
}

static ssize_t rx_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos)
{
	struct board_isu *p = file->private_data;
	unsigned long flags;
	bool active;
	u8 *buf;

	count = min_t(size_t, count, UART_RX_CHUNK);
	if (!count)
		return 0;
	buf = memdup_user(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);

	spin_lock_irqsave(&p->lock, flags);
	active = p->active;
	spin_unlock_irqrestore(&p->lock, flags);

	/*
	 * The far end always sends; the bytes are lost when the port is
	 * closed, its receiver is off, or no owner of the UART holds it open.
	 */
	if (active && uart_owner_holds_port(p)) {
		spin_lock_irqsave(&p->lock, flags);
		if (uart_receive_locked(p, buf, count))
			tty_flip_buffer_push(&p->port);
		spin_unlock_irqrestore(&p->lock, flags);
	} else {
		uart_core_receive(p, buf, count);
	}
	kfree(buf);
	return count;
}

static ssize_t loopback_read(struct file *file, char __user *ubuf, size_t count,
			     loff_t *ppos)
{
	struct board_isu *p = file->private_data;
	unsigned long flags;
	char buf[3];

	spin_lock_irqsave(&p->lock, flags);
	buf[0] = p->loopback ? '1' : '0';
	spin_unlock_irqrestore(&p->lock, flags);
	buf[1] = '\n';
	buf[2] = '\0';
	return simple_read_from_buffer(ubuf, count, ppos, buf, 2);
}

static ssize_t loopback_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct board_isu *p = file->private_data;
	unsigned long flags;
	unsigned int on;
	char buf[8];

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (kstrtouint(buf, 10, &on) || on > 1)
		return -EINVAL;

	spin_lock_irqsave(&p->lock, flags);
	p->loopback = on;
	spin_unlock_irqrestore(&p->lock, flags);
	return count;
}

static const char *const parity_names[] = {"none", "even", "odd"};
static const char *const flow_names[] = {"none", "rtscts", "xonxoff"};

static ssize_t config_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	struct board_isu *p = file->private_data;
	struct uart_config cfg;
	unsigned long flags;
	char buf[80];
	int n;

	spin_lock_irqsave(&p->lock, flags);
	cfg = p->cfg;
	spin_unlock_irqrestore(&p->lock, flags);
	n = scnprintf(buf, sizeof(buf),
		      "baud %u bits %u parity %s stop %u flow %s\n", cfg.baud,
		      cfg.bits, parity_names[cfg.parity], cfg.stop,
		      flow_names[cfg.flow]);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static const struct file_operations tx_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = tx_read,
	.llseek = no_llseek,
};

static const struct file_operations rx_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = rx_write,
	.llseek = no_llseek,
};

static const struct file_operations loopback_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = loopback_read,
	.write = loopback_write,
	.llseek = default_llseek,
};

static const struct file_operations config_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = config_read,
	.llseek = default_llseek,
};

static void uart_create_control(struct board_isu *p, struct dentry *dir)
{
	char name[8];

	snprintf(name, sizeof(name), "isu%u", p->index);
	p->dir = debugfs_create_dir(name, dir);
	debugfs_create_file("tx", 0400, p->dir, p, &tx_fops);
	debugfs_create_file("rx", 0200, p->dir, p, &rx_fops);
	debugfs_create_file("loopback", 0600, p->dir, p, &loopback_fops);
	debugfs_create_file("config", 0400, p->dir, p, &config_fops);
}

int board_uart_init(struct device *parent, struct dentry *dir)
{
	struct tty_driver *drv;
	int i, ret;

	drv = tty_alloc_driver(UART_NUM_ISUS,
			       TTY_DRIVER_REAL_RAW | TTY_DRIVER_DYNAMIC_DEV);
	if (IS_ERR(drv))
		return PTR_ERR(drv);
	drv->driver_name = "azs-uart";
	drv->name = "ttyISU";
	drv->type = TTY_DRIVER_TYPE_SERIAL;
	drv->subtype = SERIAL_TYPE_NORMAL;
	drv->init_termios = tty_std_termios;
	drv->init_termios.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL;
	drv->init_termios.c_ispeed = 115200;
	drv->init_termios.c_ospeed = 115200;
	tty_set_operations(drv, &uart_ops);

	for (i = 0; i < UART_NUM_ISUS; i++) {
		struct board_isu *p = &isus[i];

		tty_port_init(&p->port);
		p->port.ops = &uart_port_ops;
		p->index = i;
		spin_lock_init(&p->lock);
		mutex_init(&p->openers_lock);
		INIT_LIST_HEAD(&p->openers);
		p->cfg = uart_default_config;
	}

	ret = tty_register_driver(drv);
	if (ret)
		goto out_destroy_ports;

	for (i = 0; i < UART_NUM_ISUS; i++) {
		struct device *dev;

		dev = tty_port_register_device(&isus[i].port, drv, i, parent);
		if (IS_ERR(dev)) {
			ret = PTR_ERR(dev);
			pr_err("ttyISU%d: %d\n", i, ret);
			goto out_unregister_devices;
		}
	}
	uart_driver = drv;
	for (i = 0; i < UART_NUM_ISUS; i++)
		uart_create_control(&isus[i], dir);
	return 0;

out_unregister_devices:
	while (i-- > 0)
		tty_unregister_device(drv, i);
	tty_unregister_driver(drv);
out_destroy_ports:
	for (i = 0; i < UART_NUM_ISUS; i++)
		tty_port_destroy(&isus[i].port);
	tty_driver_kref_put(drv);
	return ret;
}

void board_uart_exit(void)
{
	int i;

	/* No control access to the ports once they are going away. */
	for (i = 0; i < UART_NUM_ISUS; i++)
		debugfs_remove_recursive(isus[i].dir);
	for (i = 0; i < UART_NUM_ISUS; i++)
		tty_unregister_device(uart_driver, i);
	tty_unregister_driver(uart_driver);
	for (i = 0; i < UART_NUM_ISUS; i++)
		tty_port_destroy(&isus[i].port);
	tty_driver_kref_put(uart_driver);
	uart_driver = NULL;
}
