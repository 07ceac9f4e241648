# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 22
# The simulated board's I2C masters and the sensor on them.
. /etc/azs/lib.sh
azs_kselftest board_i2c
azs_check_dmesg
