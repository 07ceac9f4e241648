// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MT3620's ISUs as I2C masters: five I2C adapters, ISU k = adapter
 * number k ("mt3620-isu<k>-i2c"), so userspace reaches them as /dev/i2c-k
 * through i2c-dev. Every transfer (I2C_RDWR, read/write after I2C_SLAVE,
 * SMBus ioctls, which the core emulates with I2C messages) reaches
 * board_i2c_xfer() in the caller's context, which checks the peripheral
 * firewall first: -EACCES unless the caller owns ISU k as I2C master.
 *
 * The bus: the LSM6DS3-like sensor answers at 0x6a on the ISU the control
 * file sensor/attach names (ISU2 by default). A written message is
 * [register address, data...]: the first byte sets the sensor's address
 * pointer, the rest are written from there; a read message reads from the
 * pointer; both advance it when CTRL3_C.IF_INC is set. Any other address
 * is not acknowledged (-ENXIO, as the controller reports a NACK). A
 * zero-length message is an address probe.
 *
 * An I/O core's transfer (board_i2c_core_xfer(), board_iocore.c, after the
 * firewall check for that core) runs on the same bus and is logged alike.
 *
 * Control (debugfs azsphere-board/i2c/isu<k>/, root only):
 *   log    the last BOARD_LOG_LINES transfers, one line each:
 *          "addr 0x6a w 1 r 1 ok" (first address, bytes written and read as
 *          requested, ok|nack|denied|invalid); write "clear" to empty it.
 *   speed  the bus speed in Hz (100000, 400000 or 1000000); recorded only,
 *          since Linux has no per-transfer speed for i2c-dev users.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/i2c.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "board.h"
#include "board_log.h"

#define BOARD_I2C_NUM_ISU    5
#define BOARD_I2C_MAX_LEN    8192 /* bytes per message, as i2c-dev's cap */
#define BOARD_I2C_MAX_ADDR   0x7f /* 7-bit addresses only */

#define LSM6DS3_CTRL3_C	     0x12
#define LSM6DS3_CTRL3_IF_INC 0x04

struct board_i2c_isu {
	struct i2c_adapter adap;
	u32 index; /* ISU number = adapter number */
	bool added;
	u32 speed_hz;	      /* protected by board_i2c_lock */
	struct board_log log; /* recent transfers (control: log), own lock */
};

static struct board_i2c_isu board_i2c_isus[BOARD_I2C_NUM_ISU];

/*
 * Protects every ISU's speed and the sensor's I2C address pointer;
 * held across a transfer's messages so that they run as one bus transaction
 * with respect to the sensor.
 */
static DEFINE_MUTEX(board_i2c_lock);
static u8 board_i2c_sensor_ptr;

static bool board_i2c_sensor_if_inc(void)
{
	u8 ctrl3;

	board_sensor_read(LSM6DS3_CTRL3_C, &ctrl3, 1);
	return ctrl3 & LSM6DS3_CTRL3_IF_INC;
}

/* The pointer moves on by len after an access when auto-increment is on. */
static void board_i2c_sensor_advance(size_t len)
{
	if (board_i2c_sensor_if_inc())
		board_i2c_sensor_ptr += (u8)len;
}

/* One message to the sensor, which has acknowledged its address. */
static void board_i2c_sensor_msg(struct i2c_msg *msg)
{
	if (!msg->len)
		return; /* address probe */
	if (msg->flags & I2C_M_RD) {
		board_sensor_read(board_i2c_sensor_ptr, msg->buf, msg->len);
		board_i2c_sensor_advance(msg->len);
		return;
	}
	board_i2c_sensor_ptr = msg->buf[0];
	if (msg->len > 1) {
		board_sensor_write(board_i2c_sensor_ptr, msg->buf + 1,
				   msg->len - 1);
		board_i2c_sensor_advance(msg->len - 1);
	}
}

static int board_i2c_validate(const struct i2c_msg *msgs, int num)
{
	int i;

	for (i = 0; i < num; i++) {
		if (msgs[i].flags & ~(I2C_M_RD | I2C_M_DMA_SAFE))
			return -EINVAL;
		if (msgs[i].addr > BOARD_I2C_MAX_ADDR)
			return -EINVAL;
		if (msgs[i].len > BOARD_I2C_MAX_LEN)
			return -EINVAL;
		if (msgs[i].len && !msgs[i].buf)
			return -EINVAL;
	}
	return 0;
}

/* Append a line to the ISU's log. */
static void board_i2c_log(struct board_i2c_isu *isu, u16 addr, u32 wlen,
			  u32 rlen, const char *result)
{
	board_log_add(&isu->log, "addr 0x%02x w %u r %u %s", addr, wlen, rlen,
		      result);
}

/*
 * A transfer on ISU isu's bus by a master the firewall allowed (checked =
 * 0) or refused (checked < 0: logged as denied, nothing reaches the bus).
 */
static int board_i2c_run(struct board_i2c_isu *isu, struct i2c_msg *msgs,
			 int num, int checked)
{
	const char *result = "ok";
	u32 wlen = 0, rlen = 0;
	u16 addr = msgs[0].addr;
	bool sensor;
	int i, ret;

	for (i = 0; i < num; i++) {
		if (msgs[i].flags & I2C_M_RD)
			rlen += msgs[i].len;
		else
			wlen += msgs[i].len;
	}

	/* The firewall first: nothing reaches the bus for a non-owner. */
	ret = checked;
	if (ret) {
		result = "denied";
		goto out_log;
	}
	ret = board_i2c_validate(msgs, num);
	if (ret) {
		result = "invalid";
		goto out_log;
	}

	sensor = board_sensor_attached(BOARD_BUS_I2C, isu->index);
	mutex_lock(&board_i2c_lock);
	for (i = 0; i < num; i++) {
		if (!sensor || msgs[i].addr != LSM6DS3_I2C_ADDR) {
			/* Nobody acknowledges the address: the transfer stops.
			 */
			addr = msgs[i].addr;
			result = "nack";
			ret = -ENXIO;
			break;
		}
		board_i2c_sensor_msg(&msgs[i]);
	}
	board_i2c_log(isu, addr, wlen, rlen, result);
	mutex_unlock(&board_i2c_lock);
	return ret ? ret : num;

out_log:
	mutex_lock(&board_i2c_lock);
	board_i2c_log(isu, addr, wlen, rlen, result);
	mutex_unlock(&board_i2c_lock);
	return ret;
}

static int board_i2c_xfer(struct i2c_adapter *adap, struct i2c_msg *msgs,
			  int num)
{
	struct board_i2c_isu *isu =
		container_of(adap, struct board_i2c_isu, adap);

	return board_i2c_run(isu, msgs, num,
			     board_check(AZS_FW_KIND_I2C, isu->index));
}

int board_i2c_core_xfer(u32 isu, u16 addr, u8 *wbuf, u16 wlen, u8 *rbuf,
			u16 rlen)
{
	struct i2c_msg msgs[2];
	int num = 0, ret;

	if (isu >= BOARD_I2C_NUM_ISU || !board_i2c_isus[isu].added)
		return -EINVAL;
	if (!wlen && !rlen)
		return -EINVAL;
	if (wlen)
		msgs[num++] = (struct i2c_msg){
			.addr = addr, .flags = 0, .len = wlen, .buf = wbuf};
	if (rlen)
		msgs[num++] = (struct i2c_msg){.addr = addr,
					       .flags = I2C_M_RD,
					       .len = rlen,
					       .buf = rbuf};
	ret = board_i2c_run(&board_i2c_isus[isu], msgs, num, 0);
	return ret < 0 ? ret : 0;
}

static u32 board_i2c_functionality(struct i2c_adapter *adap)
{
	return I2C_FUNC_I2C | I2C_FUNC_SMBUS_EMUL;
}

static const struct i2c_algorithm board_i2c_algo = {
	.master_xfer = board_i2c_xfer,
	.functionality = board_i2c_functionality,
};

/* Control: isu<k>/log */

/* Control: isu<k>/speed */

static ssize_t board_i2c_speed_read(struct file *file, char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct board_i2c_isu *isu = file_inode(file)->i_private;
	char buf[16];
	int n;

	mutex_lock(&board_i2c_lock);
	n = scnprintf(buf, sizeof(buf), "%u\n", isu->speed_hz);
	mutex_unlock(&board_i2c_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static ssize_t board_i2c_speed_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct board_i2c_isu *isu = file_inode(file)->i_private;
	unsigned int hz;

	if (kstrtouint_from_user(ubuf, count, 10, &hz))
		return -EINVAL;
	/* The MT3620's I2C speeds: standard, fast and fast-plus mode. */
	if (hz != 100000 && hz != 400000 && hz != 1000000)
		return -EINVAL;

	mutex_lock(&board_i2c_lock);
	isu->speed_hz = hz;
	mutex_unlock(&board_i2c_lock);
	return count;
}

static const struct file_operations board_i2c_speed_fops = {
	.owner = THIS_MODULE,
	.read = board_i2c_speed_read,
	.write = board_i2c_speed_write,
	.llseek = default_llseek,
};

static int board_i2c_add(struct board_i2c_isu *isu, u32 index,
			 struct device *parent, struct dentry *dir)
{
	struct i2c_adapter *adap = &isu->adap;
	struct dentry *d;
	char name[8];
	int ret;

	isu->index = index;
	isu->speed_hz = 100000;
	board_log_init(&isu->log);
	adap->owner = THIS_MODULE;
	adap->algo = &board_i2c_algo;
	adap->dev.parent = parent;
	adap->nr = index;
	adap->timeout = HZ;
	snprintf(adap->name, sizeof(adap->name), "mt3620-isu%u-i2c", index);
	ret = i2c_add_numbered_adapter(adap);
	if (ret)
		return ret;
	isu->added = true;

	snprintf(name, sizeof(name), "isu%u", index);
	d = debugfs_create_dir(name, dir);
	board_log_create_file(d, &isu->log);
	debugfs_create_file("speed", 0600, d, isu, &board_i2c_speed_fops);
	return 0;
}

void board_i2c_exit(void)
{
	int i;

	for (i = BOARD_I2C_NUM_ISU - 1; i >= 0; i--) {
		if (board_i2c_isus[i].added)
			i2c_del_adapter(&board_i2c_isus[i].adap);
		board_i2c_isus[i].added = false;
	}
}

int board_i2c_init(struct device *parent, struct dentry *dir)
{
	int i, ret;

	for (i = 0; i < BOARD_I2C_NUM_ISU; i++) {
		ret = board_i2c_add(&board_i2c_isus[i], i, parent, dir);
		if (ret) {
			pr_err("i2c: ISU%d adapter: %d\n", i, ret);
			goto out_remove;
		}
	}
	return 0;

out_remove:
	board_i2c_exit();
	return ret;
}
