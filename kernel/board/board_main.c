// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated MT3620 RDB board: a platform device that parents every
 * simulated peripheral controller, and the root of the control interface
 * (/sys/kernel/debug/azsphere-board/, root only, never visible to apps).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/platform_device.h>

#include "board.h"

static const struct board_class board_classes[] = {
	{"gpio", board_gpio_init, board_gpio_exit},
	{"uart", board_uart_init, board_uart_exit},
	{"i2c", board_i2c_init, board_i2c_exit},
	{"spi", board_spi_init, board_spi_exit},
	{"pwm", board_pwm_init, board_pwm_exit},
	{"adc", board_adc_init, board_adc_exit},
	/* After the pins it drives: the I/O cores' initiator device. */
	{"iocore", board_iocore_init, board_iocore_exit},
};

static struct platform_device *board_pdev;
static struct dentry *board_debugfs;

static void board_exit_classes(int n)
{
	while (n-- > 0)
		board_classes[n].exit();
}

static int __init board_init(void)
{
	int i, ret;

	board_pdev =
		platform_device_register_simple("azsphere-board", -1, NULL, 0);
	if (IS_ERR(board_pdev))
		return PTR_ERR(board_pdev);

	/* Root only: debugfs is mounted 0700 and class files are 0600. */
	board_debugfs = debugfs_create_dir("azsphere-board", NULL);
	if (IS_ERR(board_debugfs)) {
		ret = PTR_ERR(board_debugfs);
		goto out_unregister;
	}

	ret = board_sensor_init(board_debugfs);
	if (ret)
		goto out_remove_debugfs;

	for (i = 0; i < ARRAY_SIZE(board_classes); i++) {
		struct dentry *dir;

		dir = debugfs_create_dir(board_classes[i].name, board_debugfs);
		ret = board_classes[i].init(&board_pdev->dev, dir);
		if (ret) {
			pr_err("%s: %d\n", board_classes[i].name, ret);
			board_exit_classes(i);
			goto out_remove_debugfs;
		}
	}
	pr_info("simulated MT3620 board ready\n");
	return 0;

out_remove_debugfs:
	debugfs_remove_recursive(board_debugfs);
out_unregister:
	platform_device_unregister(board_pdev);
	return ret;
}

static void __exit board_exit(void)
{
	board_exit_classes(ARRAY_SIZE(board_classes));
	debugfs_remove_recursive(board_debugfs);
	platform_device_unregister(board_pdev);
}

module_init(board_init);
module_exit(board_exit);

MODULE_DESCRIPTION("Azure Sphere platform: simulated MT3620 RDB board");
MODULE_LICENSE("GPL");
