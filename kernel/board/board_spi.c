// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MT3620's ISUs as SPI masters: five SPI controllers, ISU k = bus k,
 * with two chip selects (CS A = 0, CS B = 1), each registered as a spidev
 * device, so userspace reaches them as /dev/spidev<k>.<cs>.
 *
 * The firewall is checked in the caller's context. spidev runs every
 * message with spi_sync(); with an empty queue (always, as no kernel driver
 * queues messages on these controllers) the SPI core runs the message in
 * the calling process, through transfer_one_message(), which may sleep and
 * so may ask the firewall. (The unqueued ->transfer hook cannot be used: the
 * core calls it under a spinlock with interrupts off, and the firewall check
 * sleeps.) A message that does reach the queue's kthread has no caller to
 * check and is refused. Configuration changes (SPI_IOC_WR_MODE and the
 * other spi_setup() calls) are checked the same way in setup().
 *
 * The bus: the LSM6DS3-like sensor sits on chip select A of the ISU the
 * control file sensor/attach names (ISU1 by default). It speaks its SPI
 * protocol in modes 0 and 3, MSB first, with its active-low chip select: the
 * first byte after the select is R/W (bit 7, 1 = read) and the register
 * address (bits 6..0); then register data, advancing the address when
 * CTRL3_C.IF_INC is set. MISO is pulled up, so everything nobody drives
 * reads 0xff: the command byte, the data phase of a write, other chip
 * selects and ISUs, and the sensor in modes 1 and 2 or with an active-high
 * chip select (it never sees a valid frame). LSB-first framing reaches the
 * sensor bit-reversed, as the real part would misread it.
 *
 * Limits (the controller's): at most BOARD_SPI_MAX_TRANSFERS transfers per
 * message (SPI_MASTER_MAX_TRANSFERS of applibs) and 1..BOARD_SPI_MAX_LEN
 * bytes per transfer; anything else is -EINVAL.
 *
 * Control (debugfs azsphere-board/spi/isu<k>/, root only):
 *   log  the last BOARD_LOG_LINES messages, one line each:
 *        "cs 0 mode 0 msb 2 bytes ok" ("lsb" for LSB first, " cs-high"
 *        after it for an active-high chip select; ok|denied|invalid);
 *        write "clear" to empty it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitrev.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spi/spi.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "board.h"
#include "board_log.h"

#define BOARD_SPI_NUM_ISU	5
#define BOARD_SPI_NUM_CS	2
#define BOARD_SPI_CS_A		0
#define BOARD_SPI_MAX_HZ	40000000
#define BOARD_SPI_MAX_TRANSFERS 256
#define BOARD_SPI_MAX_LEN	4096
#define BOARD_SPI_MISO_IDLE	0xff /* pulled up */

#define LSM6DS3_SPI_READ	0x80
#define LSM6DS3_CTRL3_C		0x12
#define LSM6DS3_CTRL3_IF_INC	0x04

struct board_spi_isu {
	struct spi_controller *ctlr; /* NULL until registered */
	u32 index;		     /* ISU number = bus number */
	struct board_log log;	     /* recent transfers (control: log) */
};

static struct board_spi_isu board_spi_isus[BOARD_SPI_NUM_ISU];

/* The sensor's side of one chip-select frame. */
struct board_spi_frame {
	bool started; /* command byte seen */
	bool read;
	u8 reg; /* next register */
};

static bool board_spi_sensor_if_inc(void)
{
	u8 ctrl3;

	board_sensor_read(LSM6DS3_CTRL3_C, &ctrl3, 1);
	return ctrl3 & LSM6DS3_CTRL3_IF_INC;
}

static void board_spi_bitrev(u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = bitrev8(buf[i]);
}

/* Clock len bytes through the sensor within frame f. */
static int board_spi_sensor_xfer(struct board_spi_frame *f, const u8 *tx,
				 u8 *rx, size_t len, bool lsb)
{
	size_t n;
	u8 *tmp;

	if (!f->started) {
		u8 cmd = tx ? tx[0] : 0;

		if (lsb)
			cmd = bitrev8(cmd);
		f->started = true;
		f->read = cmd & LSM6DS3_SPI_READ;
		f->reg = cmd & ~LSM6DS3_SPI_READ;
		if (rx)
			*rx++ = BOARD_SPI_MISO_IDLE;
		if (tx)
			tx++;
		len--;
	}
	if (!len)
		return 0;

	n = len;
	if (f->read) {
		/* The sensor ignores MOSI while it shifts data out. */
		if (rx) {
			board_sensor_read(f->reg, rx, n);
			if (lsb)
				board_spi_bitrev(rx, n);
		}
	} else {
		if (rx)
			memset(rx, BOARD_SPI_MISO_IDLE, n);
		if (tx && !lsb) {
			board_sensor_write(f->reg, tx, n);
		} else {
			/*
			 * A copy to bit-reverse, or zeros: without a tx
			 * buffer the controller shifts out zeros.
			 */
			tmp = tx ? kmemdup(tx, n, GFP_KERNEL)
				 : kzalloc(n, GFP_KERNEL);
			if (!tmp)
				return -ENOMEM;
			if (lsb)
				board_spi_bitrev(tmp, n);
			board_sensor_write(f->reg, tmp, n);
			kfree(tmp);
		}
	}
	if (board_spi_sensor_if_inc())
		f->reg += (u8)n;
	return 0;
}

/* Does the sensor take part in this device's frames? */
static bool board_spi_sensor_selected(struct board_spi_isu *isu,
				      struct spi_device *spi)
{
	u32 mode = spi->mode & SPI_MODE_X_MASK;

	if (spi_get_chipselect(spi, 0) != BOARD_SPI_CS_A ||
	    !board_sensor_attached(BOARD_BUS_SPI, isu->index))
		return false;
	/* Active high: the sensor is deselected while the data moves. */
	if (spi->mode & SPI_CS_HIGH)
		return false;
	/* It samples on the wrong edge in modes 1 and 2. */
	return mode == SPI_MODE_0 || mode == SPI_MODE_3;
}

static int board_spi_run(struct board_spi_isu *isu, struct spi_message *msg)
{
	struct spi_device *spi = msg->spi;
	bool sensor = board_spi_sensor_selected(isu, spi);
	bool lsb = spi->mode & SPI_LSB_FIRST;
	struct board_spi_frame frame = {};
	struct spi_transfer *xfer;
	int ret;

	list_for_each_entry(xfer, &msg->transfers, transfer_list) {
		if (sensor) {
			ret = board_spi_sensor_xfer(&frame, xfer->tx_buf,
						    xfer->rx_buf, xfer->len,
						    lsb);
			if (ret)
				return ret;
		} else if (xfer->rx_buf) {
			memset(xfer->rx_buf, BOARD_SPI_MISO_IDLE, xfer->len);
		}
		msg->actual_length += xfer->len;
		spi_transfer_delay_exec(xfer);
		/* The chip select goes inactive: the sensor's frame ends. */
		if (xfer->cs_change &&
		    !list_is_last(&xfer->transfer_list, &msg->transfers))
			memset(&frame, 0, sizeof(frame));
	}
	return 0;
}

static int board_spi_validate(struct spi_message *msg)
{
	struct spi_transfer *xfer;
	unsigned int n = 0;

	list_for_each_entry(xfer, &msg->transfers, transfer_list) {
		if (++n > BOARD_SPI_MAX_TRANSFERS)
			return -EINVAL;
		if (!xfer->len || xfer->len > BOARD_SPI_MAX_LEN)
			return -EINVAL;
	}
	return 0;
}

static void board_spi_log(struct board_spi_isu *isu, struct spi_message *msg,
			  const char *result)
{
	struct spi_device *spi = msg->spi;
	struct spi_transfer *xfer;
	unsigned int bytes = 0;

	list_for_each_entry(xfer, &msg->transfers, transfer_list)
		bytes += xfer->len;

	board_log_add(&isu->log, "cs %u mode %u %s%s %u bytes %s",
		      spi_get_chipselect(spi, 0),
		      (unsigned int)(spi->mode & SPI_MODE_X_MASK),
		      spi->mode & SPI_LSB_FIRST ? "lsb" : "msb",
		      spi->mode & SPI_CS_HIGH ? " cs-high" : "", bytes, result);
}

static int board_spi_transfer_one_message(struct spi_controller *ctlr,
					  struct spi_message *msg)
{
	struct board_spi_isu *isu = spi_controller_get_devdata(ctlr);
	const char *result = "ok";
	int ret;

	msg->actual_length = 0;
	/*
	 * The firewall first. A kernel thread here is the queue's worker
	 * running a message someone queued: its submitter is unknown.
	 */
	if (current->flags & PF_KTHREAD)
		ret = -EACCES;
	else
		ret = board_check(AZS_FW_KIND_SPI, isu->index);
	if (ret) {
		result = "denied";
		goto out;
	}
	ret = board_spi_validate(msg);
	if (ret) {
		result = "invalid";
		goto out;
	}
	ret = board_spi_run(isu, msg);
	if (ret)
		result = "error";
out:
	board_spi_log(isu, msg, result);
	msg->status = ret;
	spi_finalize_current_message(ctlr);
	return 0;
}

static int board_spi_setup(struct spi_device *spi)
{
	struct board_spi_isu *isu = spi_controller_get_devdata(spi->controller);

	/* The first setup is the board's own, while adding the device. */
	if (!device_is_registered(&spi->dev))
		return 0;
	return board_check(AZS_FW_KIND_SPI, isu->index);
}

/* Control: isu<k>/log */

/* Register chip select cs of a controller as a spidev device. */
static int board_spi_add_device(struct spi_controller *ctlr, u8 cs)
{
	struct spi_device *spi;
	int ret;

	spi = spi_alloc_device(ctlr);
	if (!spi)
		return -ENOMEM;
	spi_set_chipselect(spi, 0, cs);
	spi->max_speed_hz = BOARD_SPI_MAX_HZ;
	spi->mode = SPI_MODE_0;
	spi->bits_per_word = 8;
	strscpy(spi->modalias, "spidev", sizeof(spi->modalias));
	/* spidev's id table has no generic entry: bind by override. */
	spi->driver_override = kstrdup("spidev", GFP_KERNEL);
	if (!spi->driver_override) {
		ret = -ENOMEM;
		goto out_put;
	}
	ret = spi_add_device(spi);
	if (ret)
		goto out_put;
	return 0;

out_put:
	spi_dev_put(spi); /* frees driver_override too */
	return ret;
}

static int board_spi_add(struct board_spi_isu *isu, u32 index,
			 struct device *parent, struct dentry *dir)
{
	struct spi_controller *ctlr;
	struct dentry *d;
	char name[8];
	int ret, cs;

	ctlr = spi_alloc_master(parent, 0);
	if (!ctlr)
		return -ENOMEM;
	isu->index = index;
	board_log_init(&isu->log);
	spi_controller_set_devdata(ctlr, isu);
	ctlr->bus_num = index;
	ctlr->num_chipselect = BOARD_SPI_NUM_CS;
	ctlr->mode_bits = SPI_CPHA | SPI_CPOL | SPI_CS_HIGH | SPI_LSB_FIRST;
	ctlr->bits_per_word_mask = SPI_BPW_MASK(8);
	ctlr->max_speed_hz = BOARD_SPI_MAX_HZ;
	ctlr->setup = board_spi_setup;
	ctlr->transfer_one_message = board_spi_transfer_one_message;

	ret = spi_register_controller(ctlr);
	if (ret) {
		spi_controller_put(ctlr);
		return ret;
	}
	isu->ctlr = ctlr;

	for (cs = 0; cs < BOARD_SPI_NUM_CS; cs++) {
		ret = board_spi_add_device(ctlr, cs);
		if (ret)
			goto out_unregister;
	}

	snprintf(name, sizeof(name), "isu%u", index);
	d = debugfs_create_dir(name, dir);
	board_log_create_file(d, &isu->log);
	return 0;

out_unregister:
	/* Also removes the devices added so far, and frees the controller. */
	spi_unregister_controller(ctlr);
	isu->ctlr = NULL;
	return ret;
}

void board_spi_exit(void)
{
	int i;

	for (i = BOARD_SPI_NUM_ISU - 1; i >= 0; i--) {
		if (board_spi_isus[i].ctlr)
			spi_unregister_controller(board_spi_isus[i].ctlr);
		board_spi_isus[i].ctlr = NULL;
	}
}

int board_spi_init(struct device *parent, struct dentry *dir)
{
	int i, ret;

	for (i = 0; i < BOARD_SPI_NUM_ISU; i++) {
		ret = board_spi_add(&board_spi_isus[i], i, parent, dir);
		if (ret) {
			pr_err("spi: ISU%d controller: %d\n", i, ret);
			goto out_remove;
		}
	}
	return 0;

out_remove:
	board_spi_exit();
	return ret;
}
