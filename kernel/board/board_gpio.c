// SPDX-License-Identifier: GPL-2.0-only
/*
 * Placeholder for the board's gpio peripherals: nothing is registered yet
 * (the class is being written; see issue 4).
 */
#include "board.h"

int board_gpio_init(struct device *parent, struct dentry *dir)
{
	return 0;
}

void board_gpio_exit(void)
{
}
