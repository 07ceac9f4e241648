// SPDX-License-Identifier: GPL-2.0-only
/* Recent bus activity for the control interface (see board_log.h). */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "board_log.h"

void board_log_init(struct board_log *log)
{
	mutex_init(&log->lock);
	log->next = 0;
	log->count = 0;
}

void board_log_add(struct board_log *log, const char *fmt, ...)
{
	va_list ap;

	mutex_lock(&log->lock);
	va_start(ap, fmt);
	vsnprintf(log->line[log->next], BOARD_LOG_LEN, fmt, ap);
	va_end(ap);
	log->next = (log->next + 1) % BOARD_LOG_LINES;
	if (log->count < BOARD_LOG_LINES)
		log->count++;
	mutex_unlock(&log->lock);
}

static int board_log_show(struct seq_file *s, void *unused)
{
	struct board_log *log = s->private;
	unsigned int i, slot;

	mutex_lock(&log->lock);
	slot = (log->next + BOARD_LOG_LINES - log->count) % BOARD_LOG_LINES;
	for (i = 0; i < log->count; i++) {
		seq_printf(s, "%s\n", log->line[slot]);
		slot = (slot + 1) % BOARD_LOG_LINES;
	}
	mutex_unlock(&log->lock);
	return 0;
}

static int board_log_open(struct inode *inode, struct file *file)
{
	return single_open(file, board_log_show, inode->i_private);
}

static ssize_t board_log_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct board_log *log = file_inode(file)->i_private;
	char buf[8];

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (!sysfs_streq(buf, "clear"))
		return -EINVAL;

	mutex_lock(&log->lock);
	log->next = 0;
	log->count = 0;
	mutex_unlock(&log->lock);
	return count;
}

static const struct file_operations board_log_fops = {
	.owner = THIS_MODULE,
	.open = board_log_open,
	.read = seq_read,
	.write = board_log_write,
	.llseek = seq_lseek,
	.release = single_release,
};

void board_log_create_file(struct dentry *dir, struct board_log *log)
{
	debugfs_create_file("log", 0600, dir, log, &board_log_fops);
}
