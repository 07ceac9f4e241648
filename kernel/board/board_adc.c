// SPDX-License-Identifier: GPL-2.0-only
/*
 * The board's ADC: ADC-CONTROLLER-0 of the MT3620, an IIO device
 * "mt3620-adc0" with 8 single-ended voltage channels (channel i on GPIO
 * 41+i), 12-bit samples (0..4095) against a 2.5 V reference:
 * in_voltage<i>_raw and in_voltage_scale (2500 mV / 2^12 per step).
 *
 * Every read (raw sample or scale) is made in the reader's context and
 * checks the firewall first: -EACCES unless the reader's euid owns
 * ADC-CONTROLLER-0 on the HL core. The IIO sysfs files are world-readable,
 * so this check is what keeps other uids out. An I/O core's conversion
 * (board_adc_core_read(), board_iocore.c, after the firewall check for that
 * core) samples the same channels.
 *
 * Board model: each channel's input voltage is set in millivolts
 * (0..2500, default 0); a sample is round(mV * 4095 / 2500).
 *
 * Control (debugfs adc/, root only): ch<i> reads and writes the input
 * voltage of channel i in millivolts; anything else than a number from 0
 * to 2500 is -EINVAL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": adc: " fmt

#include <linux/iio/iio.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "board.h"

#define ADC_NUM_CHANNELS 8
#define ADC_BITS	 12
#define ADC_MAX_SAMPLE	 ((1 << ADC_BITS) - 1)
#define ADC_VREF_MV	 2500

static DEFINE_MUTEX(adc_lock); /* protects adc_mv */
static unsigned int adc_mv[ADC_NUM_CHANNELS];

static struct iio_dev *adc_iio;
static struct dentry *adc_files[ADC_NUM_CHANNELS];

#define ADC_CHANNEL(i)                                                         \
	{                                                                      \
		.type = IIO_VOLTAGE, .indexed = 1, .channel = (i),             \
		.info_mask_separate = BIT(IIO_CHAN_INFO_RAW),                  \
		.info_mask_shared_by_type = BIT(IIO_CHAN_INFO_SCALE),          \
		.scan_index = (i),                                             \
		.scan_type = {                                                 \
			.sign = 'u',                                           \
			.realbits = ADC_BITS,                                  \
			.storagebits = 16,                                     \
			.endianness = IIO_CPU,                                 \
		},                                                             \
	}

static const struct iio_chan_spec adc_channels[ADC_NUM_CHANNELS] = {
	ADC_CHANNEL(0), ADC_CHANNEL(1), ADC_CHANNEL(2), ADC_CHANNEL(3),
	ADC_CHANNEL(4), ADC_CHANNEL(5), ADC_CHANNEL(6), ADC_CHANNEL(7),
};

/* The converter: round(mV * 4095 / 2500), within 12 bits. */
static int adc_sample(unsigned int mv)
{
	unsigned int raw;

	raw = DIV_ROUND_CLOSEST(mv * ADC_MAX_SAMPLE, ADC_VREF_MV);
	return min_t(unsigned int, raw, ADC_MAX_SAMPLE);
}

/* Channel ch's sample now. */
static int adc_channel_sample(unsigned int ch)
{
	int raw;

	mutex_lock(&adc_lock);
	raw = adc_sample(adc_mv[ch]);
	mutex_unlock(&adc_lock);
	return raw;
}

int board_adc_core_read(u32 channel, u32 *sample)
{
	if (channel >= ADC_NUM_CHANNELS)
		return -EINVAL;
	*sample = adc_channel_sample(channel);
	return 0;
}

static int adc_read_raw(struct iio_dev *indio_dev,
			struct iio_chan_spec const *chan, int *val, int *val2,
			long mask)
{
	int ret;

	/* Sysfs reads run in the reader's context: check the reader. */
	ret = board_check(AZS_FW_KIND_ADC, 0);
	if (ret)
		return ret;

	switch (mask) {
	case IIO_CHAN_INFO_RAW:
		if (chan->channel < 0 || chan->channel >= ADC_NUM_CHANNELS)
			return -EINVAL;
		*val = adc_channel_sample(chan->channel);
		return IIO_VAL_INT;
	case IIO_CHAN_INFO_SCALE:
		/* mV per step: 2500 / 2^12. */
		*val = ADC_VREF_MV;
		*val2 = ADC_BITS;
		return IIO_VAL_FRACTIONAL_LOG2;
	default:
		return -EINVAL;
	}
}

static const struct iio_info adc_info = {
	.read_raw = adc_read_raw,
};

/* Control interface: ch<i>, the input voltage in millivolts. */

static ssize_t ch_read(struct file *file, char __user *ubuf, size_t count,
		       loff_t *ppos)
{
	unsigned int ch = (uintptr_t)file->private_data;
	char buf[16];
	int n;

	mutex_lock(&adc_lock);
	n = scnprintf(buf, sizeof(buf), "%u\n", adc_mv[ch]);
	mutex_unlock(&adc_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static ssize_t ch_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos)
{
	unsigned int ch = (uintptr_t)file->private_data;
	unsigned int mv;
	char buf[16];

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (kstrtouint(buf, 10, &mv) || mv > ADC_VREF_MV)
		return -EINVAL;

	mutex_lock(&adc_lock);
	adc_mv[ch] = mv;
	mutex_unlock(&adc_lock);
	return count;
}

static const struct file_operations ch_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = ch_read,
	.write = ch_write,
	.llseek = default_llseek,
};

int board_adc_init(struct device *parent, struct dentry *dir)
{
	struct iio_dev *indio_dev;
	int i, ret;

	/* Freed with the board device (devres). */
	indio_dev = devm_iio_device_alloc(parent, 0);
	if (!indio_dev)
		return -ENOMEM;
	indio_dev->name = "mt3620-adc0";
	indio_dev->info = &adc_info;
	indio_dev->modes = INDIO_DIRECT_MODE;
	indio_dev->channels = adc_channels;
	indio_dev->num_channels = ARRAY_SIZE(adc_channels);

	ret = iio_device_register(indio_dev);
	if (ret)
		return ret;
	adc_iio = indio_dev;

	for (i = 0; i < ADC_NUM_CHANNELS; i++) {
		char name[8];

		snprintf(name, sizeof(name), "ch%d", i);
		adc_files[i] = debugfs_create_file(
			name, 0600, dir, (void *)(uintptr_t)i, &ch_fops);
	}
	return 0;
}

void board_adc_exit(void)
{
	int i;

	for (i = 0; i < ADC_NUM_CHANNELS; i++)
		debugfs_remove(adc_files[i]);
	iio_device_unregister(adc_iio);
	adc_iio = NULL;
}
