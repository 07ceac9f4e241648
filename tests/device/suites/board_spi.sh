# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 21
# The simulated board's SPI masters and the sensor on them.
. /etc/azs/lib.sh
azs_kselftest board_spi
azs_check_dmesg
