# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 58
# The simulated board's GPIO class: the mt3620-gpio chip through the GPIO
# character device, the firewall on every request path, the board model and
# its control files.
. /etc/azs/lib.sh
azs_kselftest board_gpio
azs_check_dmesg
